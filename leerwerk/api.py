"""Pieces every API module shares: authentication, errors in Dutch, access logging, docs page.

- Errors: a service's django ValidationError becomes 400 with field-level JSON; django
  PermissionDenied and Http404 become the one 404 answer {"detail": "Niet gevonden."}, so an
  object outside the user's scope looks exactly like one that does not exist. Every other
  error is {"detail": "<Dutch text>"}, with a text of our own that repeats no header.
- Throttling: anonymous clients per IP address, logged-in users per account, at the rates of
  LEERWERK_API_LIMIET_ANONIEM / LEERWERK_API_LIMIET_GEBRUIKER, counted in the cache (Redis);
  the 429 carries Retry-After.
- Serializers built on `DutchMessagesMixin` say the common field errors in plain Dutch.
- ViewSets built on `AccessLoggedMixin` write an access-log row for every person returned.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions, permissions, serializers, throttling
from rest_framework.response import Response
from rest_framework.settings import api_settings

from leerwerk.audit import log_access, log_access_many
from leerwerk.security import client_ip
from leerwerk.validators import normalize_postcode, validate_postcode

NOT_FOUND = _("Niet gevonden.")


# --- Authentication -------------------------------------------------------------------------


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with the CSRF refusal in Dutch."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise exceptions.PermissionDenied(
                _("CSRF-controle mislukt. Ververs de pagina en probeer het opnieuw.")
            ) from exc


class LeerwerkSessionScheme(SessionScheme):
    """Tells drf-spectacular that our subclass is the plain cookie session."""

    target_class = "leerwerk.api.SessionAuthentication"


# --- Permission and throttling --------------------------------------------------------------


class IsAuthenticated(permissions.IsAuthenticated):
    """Only logged-in users. DRF checks throttles after permissions, so an anonymous client
    would never be throttled: it is counted here before it is refused, and one that keeps
    asking gets 429 instead of 403."""

    def has_permission(self, request, view):
        if super().has_permission(request, view):
            return True
        view.check_throttles(request)
        return False


class AnoniemThrottle(throttling.AnonRateThrottle):
    """Anonymous clients, per IP address (the same address the lockout and the access log use)."""

    def get_rate(self):
        return settings.LEERWERK_API_LIMIET_ANONIEM  # read per request: override_settings works

    def get_ident(self, request):
        return client_ip(request) or "onbekend"


class GebruikerThrottle(throttling.UserRateThrottle):
    """Logged-in users, per account; anonymous clients are AnoniemThrottle's."""

    def get_rate(self):
        return settings.LEERWERK_API_LIMIET_GEBRUIKER

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


# --- Errors ---------------------------------------------------------------------------------

NIET_INGELOGD = _("U bent niet ingelogd. Log eerst in.")
GEEN_TOESTEMMING = _("U hebt geen toestemming voor deze handeling.")
GEEN_JSON = _("De gegevens zijn geen geldige JSON.")
ALLEEN_JSON = _("Stuur de gegevens als JSON (Content-Type: application/json).")
ANTWOORD_JSON = _("Dit antwoord is alleen als JSON beschikbaar (Accept: application/json).")


def _is_default(exc, klass) -> bool:
    return isinstance(exc, klass) and str(exc.detail) == str(klass.default_detail)


def _te_veel(wait: int) -> str:
    return ngettext(
        "Te veel verzoeken. Probeer het over %(n)s seconde opnieuw.",
        "Te veel verzoeken. Probeer het over %(n)s seconden opnieuw.",
        wait,
    ) % {"n": wait}


def _validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc, context):
    """DRF's handler, after mapping django's exceptions the way this project answers them."""
    # Imported here: rest_framework.views reads DEFAULT_AUTHENTICATION_CLASSES at import,
    # which names this module (an import cycle otherwise).
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, exceptions.ValidationError) and not isinstance(exc.detail, dict):
        # `raise ValidationError("...")` in a view: the same field-level shape as the rest.
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.detail})
    elif isinstance(exc, Http404 | PermissionDenied):
        # Never the message of the Http404 ("No Deelnemer matches ..."): one answer for all.
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        refused = exc
        exc = exceptions.NotAuthenticated(NIET_INGELOGD)
        # DRF made it a 403: a cookie session has no WWW-Authenticate scheme a 401 must name.
        exc.status_code = refused.status_code
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(GEEN_JSON)
    elif isinstance(exc, exceptions.Throttled):
        wait = max(1, math.ceil(exc.wait or 60))
        exc = exceptions.Throttled(detail=_te_veel(wait))
        exc.wait = wait  # DRF's handler answers it as Retry-After
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        exc = exceptions.UnsupportedMediaType("", detail=ALLEEN_JSON)  # not the client's header
    elif isinstance(exc, exceptions.NotAcceptable):
        exc = exceptions.NotAcceptable(ANTWOORD_JSON)
    elif _is_default(exc, exceptions.NotFound):
        exc = exceptions.NotFound(NOT_FOUND)
    elif _is_default(exc, exceptions.PermissionDenied):
        exc = exceptions.PermissionDenied(GEEN_TOESTEMMING)
    # 405 keeps DRF's Dutch 'Methode "PUT" niet toegestaan.' (and the Allow header).
    return drf_exception_handler(exc, context)


def require_rol(user, rol: str) -> None:
    """A write for role X by someone without X answers 404, like every other refusal."""
    if not user.has_rol(rol):
        raise Http404


# --- Dutch field errors ---------------------------------------------------------------------

# DRF ships a Dutch translation, but some of its texts are English ("Must be a valid
# boolean."), informal, or technical ("Ongeldige pk ..."). These replace DRF's defaults only;
# messages a serializer sets itself are kept.
_MESSAGES: dict[type, dict[str, str]] = {
    serializers.Field: {
        "required": _("Dit veld is verplicht."),
        "null": _("Dit veld mag niet leeg zijn."),
    },
    serializers.CharField: {
        "invalid": _("Vul tekst in."),
        "blank": _("Dit veld mag niet leeg zijn."),
        "max_length": _("Gebruik hoogstens {max_length} tekens."),
        "min_length": _("Gebruik minstens {min_length} tekens."),
    },
    serializers.EmailField: {"invalid": _("Vul een geldig e-mailadres in.")},
    serializers.IntegerField: {
        "invalid": _("Vul een heel getal in."),
        "max_value": _("De waarde is hoogstens {max_value}."),
        "min_value": _("De waarde is minstens {min_value}."),
        "max_string_length": _("Dit getal is te groot."),
    },
    serializers.DecimalField: {
        "invalid": _("Vul een getal in."),
        "max_value": _("De waarde is hoogstens {max_value}."),
        "min_value": _("De waarde is minstens {min_value}."),
        "max_digits": _("Gebruik hoogstens {max_digits} cijfers."),
        "max_decimal_places": _("Gebruik hoogstens {max_decimal_places} cijfers achter de komma."),
        "max_whole_digits": _("Gebruik hoogstens {max_whole_digits} cijfers voor de komma."),
        "max_string_length": _("Dit getal is te groot."),
    },
    serializers.BooleanField: {"invalid": _("Kies true of false.")},
    serializers.DateField: {
        "invalid": _("Vul een datum in als JJJJ-MM-DD."),
        "datetime": _("Vul alleen een datum in, zonder tijd."),
    },
    serializers.DateTimeField: {"invalid": _("Vul een tijdstip in als JJJJ-MM-DDTuu:mm.")},
    serializers.ChoiceField: {
        "invalid_choice": _('"{input}" is geen geldige keuze.'),
    },
    serializers.MultipleChoiceField: {
        "not_a_list": _('Verwacht een lijst, geen "{input_type}".'),
        "empty": _("Kies er minstens één."),
    },
    serializers.ListField: {
        "not_a_list": _('Verwacht een lijst, geen "{input_type}".'),
        "empty": _("De lijst mag niet leeg zijn."),
        "max_length": _("Hoogstens {max_length} onderdelen."),
        "min_length": _("Minstens {min_length} onderdelen."),
    },
    serializers.PrimaryKeyRelatedField: {
        "does_not_exist": _('Niet gevonden: "{pk_value}".'),
        "incorrect_type": _("Verwacht een id (getal), geen {data_type}."),
    },
    serializers.Serializer: {"invalid": _("Verwacht een object, geen {datatype}.")},
}


def _dutch(field: serializers.Field) -> None:
    defaults: dict = {}
    ours: dict = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
        ours.update(_MESSAGES.get(klass, {}))
    for key, message in ours.items():
        if key in field.error_messages and field.error_messages[key] is defaults.get(key):
            field.error_messages[key] = message
    for child in (getattr(field, "child", None), getattr(field, "child_relation", None)):
        if child is not None:
            _dutch(child)


class DutchMessagesMixin:
    """Give every field of the serializer (and of list children) the Dutch messages above."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            _dutch(field)
        return fields


class Serializer(DutchMessagesMixin, serializers.Serializer):
    pass


class ModelSerializer(DutchMessagesMixin, serializers.ModelSerializer):
    pass


class RefSerializer(Serializer):
    """A related object named by id and naam (organisation, trajectory, user)."""

    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(read_only=True)


class PostcodeField(serializers.CharField):
    """A Dutch postcode: '1234ab' is taken as '1234 AB', anything else is refused on the field
    with the one postcode message (leerwerk.validators)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.validators.append(validate_postcode)

    def to_internal_value(self, data):
        return normalize_postcode(super().to_internal_value(data))


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that must be in the queryset a selector gives the requesting user.

    `queryset` only names the model (for the schema); the choices come from `selector(user)`.
    Missing and out-of-scope ids get the same answer.
    """

    def __init__(self, *, selector, **kwargs):
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.selector(self.context["request"].user)


# --- Access logging -------------------------------------------------------------------------


class AccessLoggedMixin:
    """list and retrieve write access-log rows ("api") for the persons they return.

    `logged_person(obj)` names the person an object is about (default: the object itself).
    `logged_rol(person)` names the role the user reads that person in: the role a write was
    guarded with (`self.require_rol`), else `person_rol(person)`, which a ViewSet overrides
    when its users may hold several roles with access to persons (the API has no page role
    as `leerwerk.permissions.role_required` gives the web pages). "" falls back to the
    user's main role.
    """

    access_log_detail = ""
    acting_rol = ""

    def require_rol(self, rol: str) -> None:
        """`require_rol` for this request; the access log then records `rol`."""
        require_rol(self.request.user, rol)
        self.acting_rol = rol

    def logged_person(self, obj):
        return obj

    def person_rol(self, person) -> str:
        return ""

    def logged_rol(self, person) -> str:
        return self.acting_rol or self.person_rol(person)

    def log_one(self, obj, *, action: str = "api") -> None:
        person = self.logged_person(obj)
        log_access(self.request, action=action, obj=person, rol=self.logged_rol(person), detail=self.access_log_detail)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(page if page is not None else queryset)
        log_access_many(
            request,
            action="api",
            objects=[self.logged_person(o) for o in items],
            rol_for=self.logged_rol,
            detail=self.access_log_detail,
        )
        data = self.get_serializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.log_one(instance)
        return Response(self.get_serializer(instance).data)

    def finalize_response(self, request, response, *args, **kwargs):
        # Personal data: no browser or proxy keeps a copy.
        patch_cache_control(response, no_store=True, private=True)
        return super().finalize_response(request, response, *args, **kwargs)
