"""/api/v1/begeleiding/...: coaching and aftercare (issue 16) through the API, scoped like the pages
(begeleiding.selectors), written by begeleiding.services.

- `caseload/` (read only, the jobcoach): the participants they coach, as the minimum rows of the
  caseload page; one by the participation's id. Anyone else: an empty list and 404.
- `contacten/` and `behoudchecks/`: the coaching and aftercare contacts and the retention checks
  of the participations the user may act on (mag_begeleiding_vastleggen: the jobcoach their
  caseload, the regisseur, the participant's klantmanager); list (`?deelname=`), one, and create.
  A participation out of that scope answers 404, also when named in the body of a create.
- `vragen/`: the employers' questions. Answered in one of two views:
    * the employer's (role werkgever): the questions of their employer, by placement and the
      profile's pseudonym, never a name; create asks one about a placement;
    * the answerer's (role jobcoach or regisseur): the questions they answer
      (vragen_voor_beantwoorder: their caseload, the trajectories they direct), with the
      participant's name; `antwoorden/` answers one.
  A user holding both kinds of roles reads in the employer's view unless `?rol=jobcoach` or
  `?rol=regisseur` asks for the other (as werkgevers.api reads in the employer's view first, and
  as resultaten.api takes `?rol=`); a role the user does not hold answers 404. Writes act in the
  role they need whatever `?rol=` says: asking as werkgever, answering as jobcoach or regisseur.

Every answer that shows a person writes access-log rows ("api"), one per person shown (the
employer's view: one per profile), in the role the user reads them in (selectors.begeleiding_rollen).
A refused detail (404) writes a "geweigerd" row for the id asked for, as the middleware does for
the routes it knows (leerwerk.audit.PERSOONSROUTES), and so does a create that names a
participation or placement out of scope.
"""

from __future__ import annotations

import django_filters
import django_filters.rest_framework
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from begeleiding import selectors, services
from begeleiding import serializers as ser
from begeleiding.models import Behoudcheck, Werkgeversvraag
from deelnemers.models import Deelnemer
from leerwerk.api import require_rol
from leerwerk.audit import log_access, log_access_many, persoonsroute
from leerwerk.models import Rol, User
from trajecten.models import Contactmoment, Deelname, Vervolgactie
from werkgevers.models import Profiel

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")
_FOUTEN = {400: _FIELD_ERRORS, 404: _NOT_FOUND}
_ID = r"[0-9]+"


def _invoer(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _geweigerd(request, object_type: str, object_id) -> None:
    log_access(
        request,
        action="api",
        object_type=object_type,
        object_id=object_id,
        allowed=False,
        detail=f"{request.method} 404",
    )


def _log_personen(request, rollen: dict[int, str], detail: str) -> None:
    """One "api" row per person ({deelnemer id: role}); only the type and id are needed, so no
    person is loaded for it."""
    log_access_many(
        request,
        action="api",
        objects=[Deelnemer(pk=pk) for pk in sorted(rollen)],
        rol_for=lambda persoon: rollen[persoon.pk],
        detail=detail,
    )


def _log_begeleiding(request, items, detail: str) -> None:
    """For contacts and checks (annotated with persoon_id): each person in the role the user reads
    their coaching in."""
    rollen = selectors.begeleiding_rollen(request.user, {i.deelname_id for i in items})
    _log_personen(request, {i.persoon_id: rollen.get(i.deelname_id, "") for i in items}, detail)


class _BegeleidingViewSet(viewsets.GenericViewSet):
    """No cache keeps a copy; a refused detail writes a "geweigerd" row for `geweigerd_type`."""

    lookup_value_regex = _ID
    http_method_names = ["get", "post", "head", "options"]
    geweigerd_type = ""
    access_log_detail = ""

    def filter_queryset(self, queryset):
        # The list's filters only: a detail is found by its id whatever the query string says.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def finalize_response(self, request, response, *args, **kwargs):
        patch_cache_control(response, no_store=True, private=True)
        if (
            response.status_code == status.HTTP_404_NOT_FOUND
            and self.geweigerd_type
            and "pk" in self.kwargs
            and persoonsroute(getattr(request, "resolver_match", None)) is None  # else the middleware logs it
        ):
            _geweigerd(request, self.geweigerd_type, self.kwargs["pk"])
        return super().finalize_response(request, response, *args, **kwargs)

    def _deelname(self, pk: int) -> Deelname:
        """A participation named in a create's body, within the user's coaching scope; 404 (and a
        refusal in the log) otherwise. Only what the services' checks read is loaded."""
        deelname = (
            selectors.deelnames_voor_begeleiding(self.request.user)
            .select_related("traject", "deelnemer")
            .only("id", "status", "traject_id", "deelnemer_id", "traject__regie_organisatie_id",
                  "deelnemer__gemeente_id")
            .filter(pk=pk)
            .first()
        )  # fmt: skip
        if deelname is None:
            _geweigerd(self.request, "trajecten.Deelname", pk)
            raise Http404
        return deelname


# --- The caseload ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Mijn deelnemers: wie u als jobcoach begeleidt, met alleen wat u daarvoor nodig hebt"),
    retrieve=extend_schema(
        summary="Eén deelnemer uit uw caseload (id van de deelname)",
        responses={200: ser.CaseloadRijSerializer, 404: _NOT_FOUND},
    ),
)
class CaseloadViewSet(_BegeleidingViewSet):
    """Rows built from .values() (selectors.caseload_rijen): no other field of the person is
    loaded. Ordered by name, in pages like every list."""

    serializer_class = ser.CaseloadRijSerializer
    queryset = Deelname.objects.none()  # names the model for the schema; the selectors scope
    http_method_names = ["get", "head", "options"]
    geweigerd_type = "trajecten.Deelname"
    access_log_detail = "caseload"

    def _log(self, rijen) -> None:
        _log_personen(self.request, {r.deelnemer_id: Rol.JOBCOACH for r in rijen}, self.access_log_detail)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(selectors.caseload_rijen(request.user))
        rijen = [selectors.als_rij(v) for v in page]
        self._log(rijen)
        return self.get_paginated_response(ser.CaseloadRijSerializer(rijen, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        rij = selectors.caseload_rij(request.user, int(kwargs["pk"]))
        self._log([rij])
        return Response(ser.CaseloadRijSerializer(rij).data)


# --- Coaching and aftercare contacts ----------------------------------------------------------------


class ContactFilter(django_filters.FilterSet):
    deelname = django_filters.NumberFilter(field_name="deelname_id", label="Deelname (id)")

    class Meta:
        model = Contactmoment
        fields = ["deelname"]


@extend_schema_view(
    list=extend_schema(
        summary="Contacten van begeleiding en nazorg van de deelnemers die u begeleidt, regisseert of als "
        "klantmanager volgt"
    ),
    retrieve=extend_schema(
        summary="Eén contact van begeleiding of nazorg, met vervolgacties",
        responses={200: ser.BegeleidingscontactSerializer, 404: _NOT_FOUND},
    ),
    create=extend_schema(
        summary="Een contact van begeleiding of nazorg vastleggen, met vervolgacties (jobcoach, regisseur of "
        "klantmanager); een nazorgcontact sluit het nazorgsignaal",
        request=ser.BegeleidingscontactInvoerSerializer,
        responses={201: ser.BegeleidingscontactSerializer, **_FOUTEN},
    ),
)
class BegeleidingscontactViewSet(_BegeleidingViewSet):
    serializer_class = ser.BegeleidingscontactSerializer
    queryset = Contactmoment.objects.none()
    filterset_class = ContactFilter
    geweigerd_type = "trajecten.Contactmoment"
    access_log_detail = "begeleidingscontact"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        personen = User.objects.select_related("organisatie").order_by("naam", "email")
        acties = Vervolgactie.objects.select_related("eigenaar__organisatie").order_by("deadline", "id")
        return (
            selectors.begeleidingscontacten_voor(self.request.user)
            .annotate(persoon_id=F("deelname__deelnemer_id"))
            .select_related("vastgelegd_door__organisatie")
            .prefetch_related(Prefetch("aanwezigen", queryset=personen), Prefetch("acties", queryset=acties))
            .order_by("-datum", "-id")
        )

    def list(self, request, *args, **kwargs):
        page = list(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        _log_begeleiding(request, page, self.access_log_detail)
        return self.get_paginated_response(ser.BegeleidingscontactSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self._antwoord(kwargs["pk"])

    def _antwoord(self, pk, status_code=status.HTTP_200_OK) -> Response:
        moment = get_object_or_404(self.get_queryset(), pk=pk)
        _log_begeleiding(self.request, [moment], self.access_log_detail)
        return Response(ser.BegeleidingscontactSerializer(moment).data, status=status_code)

    def create(self, request, *args, **kwargs):
        data = _invoer(ser.BegeleidingscontactInvoerSerializer, request)
        deelname = self._deelname(data.pop("deelname"))
        acties = _acties(data.pop("acties"), deelname)
        moment = services.begeleidingscontact_vastleggen(
            acting_user=request.user, deelname=deelname, acties=acties, **data
        )
        return self._antwoord(moment.pk, status.HTTP_201_CREATED)


def _acties(acties: list[dict], deelname: Deelname) -> list[dict]:
    """Each owner resolved to the person, among those who may own an action of this participant's
    contacts (services.actiehouders); any other id (missing or elsewhere) gets one answer, keyed by
    the action's index as DRF keys the errors of a list's items."""
    ids = {a["eigenaar"] for a in acties}
    personen = {u.pk: u for u in services.actiehouders(deelname).filter(pk__in=ids)} if ids else {}
    fouten = {
        i: {"eigenaar": [_("Kies een medewerker van de regie, een trajectpartner of de gemeente van de deelnemer.")]}
        for i, a in enumerate(acties)
        if a["eigenaar"] not in personen
    }
    if fouten:
        raise ValidationError({"acties": fouten})
    return [{**a, "eigenaar": personen[a["eigenaar"]]} for a in acties]


# --- Retention checks --------------------------------------------------------------------------------


class BehoudcheckFilter(django_filters.FilterSet):
    deelname = django_filters.NumberFilter(field_name="deelname_id", label="Deelname (id)")

    class Meta:
        model = Behoudcheck
        fields = ["deelname"]


@extend_schema_view(
    list=extend_schema(summary="Checks 'nog aan het werk?' (6 en 12 maanden na de start van betaald werk)"),
    retrieve=extend_schema(
        summary="Eén check 'nog aan het werk?'", responses={200: ser.BehoudcheckSerializer, 404: _NOT_FOUND}
    ),
    create=extend_schema(
        summary="Een check 'nog aan het werk?' vastleggen: vanaf 30 dagen voor de peildatum, één per moment "
        "(jobcoach, regisseur of klantmanager)",
        request=ser.BehoudcheckInvoerSerializer,
        responses={201: ser.BehoudcheckSerializer, **_FOUTEN},
    ),
)
class BehoudcheckViewSet(_BegeleidingViewSet):
    serializer_class = ser.BehoudcheckSerializer
    queryset = Behoudcheck.objects.none()
    filterset_class = BehoudcheckFilter
    geweigerd_type = "begeleiding.Behoudcheck"
    access_log_detail = "behoudcheck"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            selectors.behoudchecks_voor(self.request.user)
            .annotate(persoon_id=F("deelname__deelnemer_id"))
            .select_related("werkgever__organisatie", "vastgelegd_door__organisatie")
            .order_by("deelname_id", "maanden")
        )

    def list(self, request, *args, **kwargs):
        page = list(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        _log_begeleiding(request, page, self.access_log_detail)
        return self.get_paginated_response(ser.BehoudcheckSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self._antwoord(kwargs["pk"])

    def _antwoord(self, pk, status_code=status.HTTP_200_OK) -> Response:
        check = get_object_or_404(self.get_queryset(), pk=pk)
        _log_begeleiding(self.request, [check], self.access_log_detail)
        return Response(ser.BehoudcheckSerializer(check).data, status=status_code)

    def create(self, request, *args, **kwargs):
        data = _invoer(ser.BehoudcheckInvoerSerializer, request)
        deelname = self._deelname(data.pop("deelname"))
        werkgever_id, werkgever = data.pop("werkgever"), None
        if data["in_werk"] and werkgever_id is not None:
            # The employers of the trajectory, as the page offers them; another one goes by name.
            werkgever = selectors.werkgevers_van_traject(deelname.traject_id).filter(pk=werkgever_id).first()
            if werkgever is None:
                raise ValidationError(
                    {
                        "werkgever": [
                            _("Kies een werkgever uit het traject, of vul de naam van een andere werkgever in.")
                        ]
                    }
                )
        check = services.behoudcheck_vastleggen(
            acting_user=request.user, deelname=deelname, werkgever=werkgever, **data
        )
        return self._antwoord(check.pk, status.HTTP_201_CREATED)


# --- Employers' questions -----------------------------------------------------------------------------

WERKGEVER, BEANTWOORDER = "werkgever", "beantwoorder"
_BEANTWOORDERS = (Rol.JOBCOACH, Rol.REGISSEUR)
_VRAAG_ROLLEN = (Rol.WERKGEVER, *_BEANTWOORDERS)
_ROL = OpenApiParameter(
    "rol",
    str,
    enum=list(_VRAAG_ROLLEN),
    description="werkgever: de vragen van uw werkgever (zonder namen); jobcoach of regisseur: de vragen die u "
    "beantwoordt. Standaard werkgever als u die rol hebt.",
)


class VraagFilter(django_filters.FilterSet):
    plaatsing = django_filters.NumberFilter(field_name="plaatsing_id", label="Plaatsing (id)")
    open = django_filters.rest_framework.BooleanFilter(
        method="filter_open", label="true: alleen de onbeantwoorde vragen; false: alleen de beantwoorde"
    )

    class Meta:
        model = Werkgeversvraag
        fields = ["plaatsing", "open"]

    def filter_open(self, queryset, name, value):
        return queryset.filter(beantwoord_op__isnull=value)


def _vraag_weergave(*, many: bool = False) -> PolymorphicProxySerializer:
    """For the schema: a read answers in the employer's view or in the answerer's."""
    return PolymorphicProxySerializer(
        component_name="VraagWeergave",
        serializers=[ser.WerkgeverVraagSerializer, ser.BeantwoorderVraagSerializer],
        resource_type_field_name=None,
        many=many,
    )


@extend_schema_view(
    list=extend_schema(
        summary="Vragen van werkgevers: die van uw werkgever, of (jobcoach, regisseur) die u beantwoordt",
        parameters=[_ROL],
        responses=_vraag_weergave(many=True),
    ),
    retrieve=extend_schema(
        summary="Eén vraag van een werkgever", parameters=[_ROL], responses={200: _vraag_weergave(), 404: _NOT_FOUND}
    ),
    create=extend_schema(
        summary="Een vraag stellen over een plaatsing (werkgever); de jobcoach en de regisseur antwoorden "
        "uiterlijk aan het einde van de volgende werkdag",
        request=ser.VraagStellenSerializer,
        responses={201: ser.WerkgeverVraagSerializer, **_FOUTEN},
    ),
)
class VraagViewSet(_BegeleidingViewSet):
    queryset = Werkgeversvraag.objects.none()
    filterset_class = VraagFilter
    geweigerd_type = "begeleiding.Werkgeversvraag"
    access_log_detail = "vraag"

    @property
    def weergave(self) -> str | None:
        """The view this request answers in (see the module's docstring)."""
        if self.action == "create":
            return WERKGEVER
        if self.action == "antwoorden":
            return BEANTWOORDER
        user = self.request.user
        gevraagd = self.request.query_params.get("rol")
        if gevraagd is not None:
            if gevraagd not in _VRAAG_ROLLEN or not user.has_rol(gevraagd):
                raise Http404
            return WERKGEVER if gevraagd == Rol.WERKGEVER else BEANTWOORDER
        if user.has_rol(Rol.WERKGEVER):
            return WERKGEVER
        if any(user.has_rol(rol) for rol in _BEANTWOORDERS):
            return BEANTWOORDER
        return None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action == "create":
            require_rol(request.user, Rol.WERKGEVER)
        elif self.action == "antwoorden" and not any(request.user.has_rol(rol) for rol in _BEANTWOORDERS):
            raise Http404

    def get_serializer_class(self):
        if self.action == "create":
            return ser.VraagStellenSerializer
        if self.action == "antwoorden":
            return ser.AntwoordSerializer
        return ser.WerkgeverVraagSerializer if self.weergave == WERKGEVER else ser.BeantwoorderVraagSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        user = self.request.user
        weergave = self.weergave
        if weergave == WERKGEVER:
            return (
                selectors.vragen_voor_werkgever(user)
                .annotate(
                    pseudoniem=F("plaatsing__deelname__profiel__pseudoniem"),
                    profiel_id=F("plaatsing__deelname__profiel__id"),
                )
                .select_related("gesteld_door", "beantwoord_door")
            )
        if weergave == BEANTWOORDER:
            # The person's name only, through annotations: no other field of the person is loaded.
            return (
                selectors.vragen_voor_beantwoorder(user)
                .annotate(
                    deelname_id=F("plaatsing__deelname_id"),
                    persoon_id=F("plaatsing__deelname__deelnemer_id"),
                    voornaam=F("plaatsing__deelname__deelnemer__voornaam"),
                    achternaam=F("plaatsing__deelname__deelnemer__achternaam"),
                    traject_id=F("plaatsing__deelname__traject_id"),
                    traject_naam=F("plaatsing__deelname__traject__naam"),
                    werkgever_naam=F("plaatsing__leerwerkplek__werkgever__organisatie__naam"),
                )
                .select_related("gesteld_door", "beantwoord_door")
            )
        return Werkgeversvraag.objects.none()

    def _toon(self, vragen: list, *, many: bool = False):
        """Log who is shown and serialize in this request's view."""
        if self.weergave == WERKGEVER:
            ids = sorted({v.profiel_id for v in vragen if v.profiel_id is not None})
            log_access_many(
                self.request,
                action="api",
                objects=[Profiel(pk=pk) for pk in ids],
                rol=Rol.WERKGEVER,
                detail=self.access_log_detail,
            )
            serializer = ser.WerkgeverVraagSerializer
        else:
            _log_begeleiding(self.request, vragen, self.access_log_detail)
            serializer = ser.BeantwoorderVraagSerializer
        return serializer(vragen if many else vragen[0], many=many).data

    def list(self, request, *args, **kwargs):
        page = list(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self._toon(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._toon([self.get_object()]))

    def _antwoord(self, pk, status_code=status.HTTP_200_OK) -> Response:
        return Response(self._toon([get_object_or_404(self.get_queryset(), pk=pk)]), status=status_code)

    def create(self, request, *args, **kwargs):
        data = _invoer(ser.VraagStellenSerializer, request)
        plaatsing = selectors.plaatsingen_voor_vragen(request.user).filter(pk=data["plaatsing"]).first()
        if plaatsing is None:
            _geweigerd(request, "werkgevers.Plaatsing", data["plaatsing"])
            raise Http404
        vraag = services.vraag_stellen(acting_user=request.user, plaatsing=plaatsing, vraag=data["vraag"])
        return self._antwoord(vraag.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een vraag van een werkgever beantwoorden (jobcoach of regisseur); de werkgever krijgt een "
        "e-mail met een link",
        request=ser.AntwoordSerializer,
        responses={200: ser.BeantwoorderVraagSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"])
    def antwoorden(self, request, *args, **kwargs):
        vraag = self.get_object()
        data = _invoer(ser.AntwoordSerializer, request)
        services.vraag_beantwoorden(acting_user=request.user, vraag=vraag, antwoord=data["antwoord"])
        return self._antwoord(vraag.pk)
