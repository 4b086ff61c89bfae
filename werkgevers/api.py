"""/api/v1/werkgevers/, leerwerkplekken/, profielen/, matches/ and plaatsingen/, and the profile
text of a participation (deelnames/{id}/profiel/): the employer portal and the regisseur's
matching work through the API. Scoped by werkgevers.selectors, written by werkgevers.services.

Who sees what (the same as the pages): a werkgever its own employer, places, the anonymised
profiles offered to it, its matches and placements; a regisseur those of the trajectories its
organisation directs; every other role an empty list and 404. A user holding both roles reads
in the werkgever's (anonymised) view; the regisseur's writes answer in the regisseur's view.

Privacy: the employer's view shows a participant only by pseudonym, plus name, e-mail and
phone for an accepted match (werkgevers.selectors.onthulde_deelnemers). Every list or detail
logs "api" rows for the profiles shown and "reveal" rows for the persons revealed.
"""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from deelnemers.selectors import access_rol
from leerwerk.api import AccessLoggedMixin
from leerwerk.audit import log_access_many
from leerwerk.models import Rol
from trajecten.selectors import deelnames_visible_to
from werkgevers import constants as c
from werkgevers import selectors as s
from werkgevers import serializers as ser
from werkgevers import services
from werkgevers.models import Leerwerkplek, Match, Plaatsing, Profiel, Werkgever

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")
_ID = r"[0-9]+"


def _modus(user) -> str | None:
    """The view a read is answered in: the employer's (anonymised) first, then the regisseur's."""
    if user.has_rol(Rol.WERKGEVER):
        return Rol.WERKGEVER
    if user.has_rol(Rol.REGISSEUR):
        return Rol.REGISSEUR
    return None


# --- Employers and places (no participant data) ---------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Werkgevers: uw eigen werkgever, of (regisseur) de werkgevers in uw trajecten"),
    retrieve=extend_schema(summary="Eén werkgever", responses={200: ser.WerkgeverSerializer, 404: _NOT_FOUND}),
)
class WerkgeverViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ser.WerkgeverSerializer
    queryset = Werkgever.objects.none()  # names the model for the schema; get_queryset scopes
    lookup_value_regex = _ID

    def get_queryset(self):
        return s.werkgevers_visible_to(self.request.user).prefetch_related("locaties__arbeidsmarktregio", "begeleiders")


class LeerwerkplekFilter(django_filters.FilterSet):
    traject = django_filters.NumberFilter(field_name="traject_id", label="Traject (id)")
    werkgever = django_filters.NumberFilter(field_name="werkgever_id", label="Werkgever (id)")
    status = django_filters.ChoiceFilter(choices=c.PlekStatus.choices)

    class Meta:
        model = Leerwerkplek
        fields = ["traject", "werkgever", "status"]


@extend_schema_view(
    list=extend_schema(summary="Leerwerkplekken: van uw werkgever, of (regisseur) in uw trajecten"),
    retrieve=extend_schema(summary="Eén leerwerkplek", responses={200: ser.LeerwerkplekSerializer, 404: _NOT_FOUND}),
    create=extend_schema(
        summary="Leerwerkplek aanbieden in een traject waarin de werkgever partner is (werkgever of regisseur)",
        request=ser.LeerwerkplekInvoerSerializer,
        responses={201: ser.LeerwerkplekSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    ),
)
class LeerwerkplekViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ser.LeerwerkplekSerializer
    queryset = Leerwerkplek.objects.none()
    filterset_class = LeerwerkplekFilter
    lookup_value_regex = _ID

    def get_queryset(self):
        return s.plekken_visible_to(self.request.user)

    def get_serializer_class(self):
        return ser.LeerwerkplekInvoerSerializer if self.action == "create" else ser.LeerwerkplekSerializer

    def create(self, request, *args, **kwargs):
        if not (request.user.has_rol(Rol.WERKGEVER) or request.user.has_rol(Rol.REGISSEUR)):
            raise Http404
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        velden = dict(serializer.validated_data)
        plek = services.leerwerkplek_save(acting_user=request.user, werkgever=velden.pop("werkgever"), **velden)
        plek = get_object_or_404(self.get_queryset(), pk=plek.pk)
        return Response(ser.LeerwerkplekSerializer(plek).data, status=status.HTTP_201_CREATED)


# --- Shared by the viewsets that show participants --------------------------------------------


def _profiel_id(obj) -> int | None:
    profiel = getattr(obj.deelname, "profiel", None)
    return profiel.pk if profiel else None


def _log_profielen(request, profiel_ids, *, rol: str, detail: str) -> None:
    ids = sorted({pk for pk in profiel_ids if pk is not None})
    # The log needs only the type and the id: no model with the person is loaded for it.
    log_access_many(request, action="api", objects=[Profiel(pk=pk) for pk in ids], rol=rol, detail=detail)


def _werkgever_onthuld(request, items, *, reveals, detail: str) -> dict:
    """For the employer's view of matches or placements: log the profiles shown ("api") and
    the persons revealed ("reveal"); return {object id: Deelnemer} for the serializer."""
    _log_profielen(request, (_profiel_id(o) for o in items), rol=Rol.WERKGEVER, detail=detail)
    onthulde = s.onthulde_deelnemers(request.user)
    onthuld = {o.pk: onthulde[o.deelname_id] for o in items if o.deelname_id in onthulde and reveals(o)}
    personen = list({d.pk: d for d in onthuld.values()}.values())
    log_access_many(request, action="reveal", objects=personen, rol=Rol.WERKGEVER, detail=detail)
    return onthuld


def _weergave(naam: str, *, many: bool = False) -> PolymorphicProxySerializer:
    """For the schema: a read answers in the employer's view or in the regisseur's."""
    views = {
        "Match": [ser.WerkgeverMatchSerializer, ser.RegieMatchSerializer],
        "Plaatsing": [ser.WerkgeverPlaatsingSerializer, ser.RegiePlaatsingSerializer],
    }
    return PolymorphicProxySerializer(
        component_name=f"{naam}Weergave", serializers=views[naam], resource_type_field_name=None, many=many
    )


def _match_reveals(match) -> bool:
    return match.status == c.MatchStatus.GEACCEPTEERD


class _ParticipantViewSet(AccessLoggedMixin, viewsets.GenericViewSet):
    """Reads in the user's view (`_modus`); writes in the role they need (`require_rol`)."""

    http_method_names = ["get", "post", "head", "options"]
    lookup_value_regex = _ID
    werkgever_actions: tuple[str, ...] = ()
    regie_actions: tuple[str, ...] = ()

    @property
    def modus(self) -> str | None:
        if self.action in self.werkgever_actions:
            return Rol.WERKGEVER
        if self.action in self.regie_actions:
            return Rol.REGISSEUR
        return _modus(self.request.user)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in self.werkgever_actions:
            self.require_rol(Rol.WERKGEVER)
        elif self.action in self.regie_actions:
            self.require_rol(Rol.REGISSEUR)

    def person_rol(self, person) -> str:
        return self.modus or ""


class _MatchOrPlaatsingViewSet(_ParticipantViewSet):
    """Lists and details of matches or placements; writes parse with `input_serializers` and
    answer with the object in the user's view."""

    werkgever_serializer: type
    regie_serializer: type
    input_serializers: dict[str, type] = {}

    def reveals(self, obj) -> bool:
        return True

    def answer_serializer(self) -> type:
        return self.werkgever_serializer if self.modus == Rol.WERKGEVER else self.regie_serializer

    def get_serializer_class(self):
        return self.input_serializers.get(self.action) or self.answer_serializer()

    def _show(self, items: list, *, many: bool = False, page: bool = False, status_code=status.HTTP_200_OK):
        context = self.get_serializer_context()
        detail = self.access_log_detail
        if self.modus == Rol.WERKGEVER:
            context["onthuld"] = _werkgever_onthuld(self.request, items, reveals=self.reveals, detail=detail)
        else:
            personen = list({o.deelname.deelnemer_id: o.deelname.deelnemer for o in items}.values())
            log_access_many(self.request, action="api", objects=personen, rol=Rol.REGISSEUR, detail=detail)
        data = self.answer_serializer()(items if many else items[0], many=many, context=context).data
        return self.get_paginated_response(data) if page else Response(data, status=status_code)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self._show(list(page), many=True, page=True)

    def retrieve(self, request, *args, **kwargs):
        return self._show([self.get_object()])

    def _again(self, pk: int, *, status_code=status.HTTP_200_OK) -> Response:
        """Answer a write with the object as the user's scope shows it now (404, not 500,
        should the scope have changed in between)."""
        return self._show([get_object_or_404(self.get_queryset(), pk=pk)], status_code=status_code)


# --- Profiles -------------------------------------------------------------------------------------


class ProfielFilter(django_filters.FilterSet):
    traject = django_filters.NumberFilter(field_name="traject_id", label="Traject (id)")

    class Meta:
        model = Profiel
        fields = ["traject"]


@extend_schema_view(
    list=extend_schema(summary="Geanonimiseerde profielen die u mag inzien"),
    retrieve=extend_schema(
        summary="Eén geanonimiseerd profiel", responses={200: ser.ProfielSerializer, 404: _NOT_FOUND}
    ),
)
class ProfielViewSet(_ParticipantViewSet):
    """Anonymised profiles only: the serializer takes a ProfielWeergave, never the person."""

    serializer_class = ser.ProfielSerializer
    queryset = Profiel.objects.none()
    filterset_class = ProfielFilter
    access_log_detail = "profiel"
    werkgever_actions = ("interesse",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Profiel.objects.none()
        user = self.request.user
        if self.modus == Rol.WERKGEVER:
            return s.profielen_for_werkgever(user)
        if self.modus == Rol.REGISSEUR:
            return s.profielen_for_regie(user)
        return Profiel.objects.none()

    def get_serializer_class(self):
        return ser.InteresseSerializer if self.action == "interesse" else ser.ProfielSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        weergaven = s.profiel_weergaven(page)
        _log_profielen(request, (w.id for w in weergaven), rol=self.modus or "", detail=self.access_log_detail)
        return self.get_paginated_response(ser.ProfielSerializer(weergaven, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        pk = int(kwargs["pk"])
        if self.modus == Rol.WERKGEVER:
            weergave = s.profiel_for_werkgever(request.user, pk)
        else:
            weergave = s.ProfielWeergave.van(get_object_or_404(self.get_queryset(), pk=pk))
        _log_profielen(request, [weergave.id], rol=self.modus or "", detail=self.access_log_detail)
        return Response(ser.ProfielSerializer(weergave).data)

    @extend_schema(
        summary="Interesse tonen: ik sta open voor deze kandidaat (werkgever)",
        request=ser.InteresseSerializer,
        responses={200: ser.WerkgeverMatchSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def interesse(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        match = services.match_interest(
            acting_user=request.user, profiel_id=int(kwargs["pk"]), **serializer.validated_data
        )
        match = s.match_for_werkgever(request.user, match.pk)
        onthuld = _werkgever_onthuld(request, [match], reveals=_match_reveals, detail="match")
        context = {**self.get_serializer_context(), "onthuld": onthuld}
        return Response(ser.WerkgeverMatchSerializer(match, context=context).data)


# --- Matches --------------------------------------------------------------------------------------


class MatchFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=c.MatchStatus.choices)
    leerwerkplek = django_filters.NumberFilter(field_name="leerwerkplek_id", label="Leerwerkplek (id)")

    class Meta:
        model = Match
        fields = ["status", "leerwerkplek"]


@extend_schema_view(
    list=extend_schema(
        summary="Matches: van uw plekken (werkgever, met code), of in uw trajecten (regisseur)",
        responses=_weergave("Match", many=True),
    ),
    retrieve=extend_schema(summary="Eén match", responses={200: _weergave("Match"), 404: _NOT_FOUND}),
    create=extend_schema(
        summary="Een deelnemer voorstellen voor een plek (regisseur)",
        request=ser.MatchVoorstelSerializer,
        responses={201: ser.RegieMatchSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    ),
)
class MatchViewSet(_MatchOrPlaatsingViewSet):
    queryset = Match.objects.none()
    filterset_class = MatchFilter
    access_log_detail = "match"
    werkgever_serializer = ser.WerkgeverMatchSerializer
    regie_serializer = ser.RegieMatchSerializer
    werkgever_actions = ("accepteren", "afwijzen")
    regie_actions = ("create",)

    input_serializers = {
        "create": ser.MatchVoorstelSerializer,
        "accepteren": ser.AccepterenSerializer,
        "afwijzen": ser.AfwijzenSerializer,
    }

    def reveals(self, match) -> bool:
        return _match_reveals(match)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Match.objects.none()
        if self.modus == Rol.WERKGEVER:
            return s.matches_for_werkgever(self.request.user)
        if self.modus == Rol.REGISSEUR:
            return s.matches_for_regie(self.request.user)
        return Match.objects.none()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deelname, plek = serializer.validated_data["deelname"], serializer.validated_data["leerwerkplek"]
        profiel = s.profielen_for_regie(request.user).filter(deelname=deelname).first()
        score = s.match_score(s.ProfielWeergave.van(profiel), plek).totaal if profiel else None
        match = services.match_propose(acting_user=request.user, deelname=deelname, leerwerkplek=plek, score=score)
        return self._again(match.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een voorgestelde match accepteren; u ziet dan naam en contactgegevens (werkgever)",
        request=ser.AccepterenSerializer,
        responses={200: ser.WerkgeverMatchSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def accepteren(self, request, *args, **kwargs):
        match = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.match_answer(acting_user=request.user, match=match, accept=True, **serializer.validated_data)
        return self._again(match.pk)

    @extend_schema(
        summary="Een voorgestelde match afwijzen, met een reden (werkgever)",
        request=ser.AfwijzenSerializer,
        responses={200: ser.WerkgeverMatchSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, *args, **kwargs):
        match = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.match_answer(acting_user=request.user, match=match, accept=False, **serializer.validated_data)
        return self._again(match.pk)


# --- Placements -----------------------------------------------------------------------------------


class PlaatsingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=c.PlaatsingStatus.choices)
    leerwerkplek = django_filters.NumberFilter(field_name="leerwerkplek_id", label="Leerwerkplek (id)")

    class Meta:
        model = Plaatsing
        fields = ["status", "leerwerkplek"]


@extend_schema_view(
    list=extend_schema(
        summary="Plaatsingen: bij uw werkgever (met code, en naam na acceptatie), of in uw trajecten (regisseur)",
        responses=_weergave("Plaatsing", many=True),
    ),
    retrieve=extend_schema(summary="Eén plaatsing", responses={200: _weergave("Plaatsing"), 404: _NOT_FOUND}),
    create=extend_schema(
        summary="Een plaatsing voorstellen na een geaccepteerde match (regisseur)",
        request=ser.PlaatsingVoorstelSerializer,
        responses={201: ser.RegiePlaatsingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    ),
)
class PlaatsingViewSet(_MatchOrPlaatsingViewSet):
    queryset = Plaatsing.objects.none()
    filterset_class = PlaatsingFilter
    access_log_detail = "plaatsing"
    werkgever_serializer = ser.WerkgeverPlaatsingSerializer
    regie_serializer = ser.RegiePlaatsingSerializer
    werkgever_actions = ("bevestigen", "afwijzen")
    regie_actions = ("create", "starten", "beeindigen")
    input_serializers = {
        "create": ser.PlaatsingVoorstelSerializer,
        "bevestigen": ser.BevestigenSerializer,
        "afwijzen": ser.AfwijzenSerializer,
        "beeindigen": ser.PlaatsingEindeSerializer,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Plaatsing.objects.none()
        if self.modus == Rol.WERKGEVER:
            return s.plaatsingen_for_werkgever(self.request.user)
        if self.modus == Rol.REGISSEUR:
            return s.plaatsingen_for_regie(self.request.user).select_related(
                "deelname__profiel", "jobcoach__organisatie"
            )
        return Plaatsing.objects.none()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plaatsing = services.plaatsing_propose(acting_user=request.user, **serializer.validated_data)
        return self._again(plaatsing.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een plaatsing bevestigen, met het versienummer dat u zag (werkgever)",
        request=ser.BevestigenSerializer,
        responses={200: ser.WerkgeverPlaatsingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def bevestigen(self, request, *args, **kwargs):
        plaatsing = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plaatsing_confirm(acting_user=request.user, plaatsing=plaatsing, **serializer.validated_data)
        return self._again(plaatsing.pk)

    @extend_schema(
        summary="Een voorgestelde plaatsing afwijzen, met een reden (werkgever)",
        request=ser.AfwijzenSerializer,
        responses={200: ser.WerkgeverPlaatsingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, *args, **kwargs):
        plaatsing = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plaatsing_decline(acting_user=request.user, plaatsing=plaatsing, **serializer.validated_data)
        return self._again(plaatsing.pk)

    @extend_schema(
        summary="Een bevestigde plaatsing laten starten, op of na haar startdatum (regisseur)",
        request=None,
        responses={200: ser.RegiePlaatsingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def starten(self, request, *args, **kwargs):
        plaatsing = self.get_object()
        services.plaatsing_start(acting_user=request.user, plaatsing=plaatsing)
        return self._again(plaatsing.pk)

    @extend_schema(
        summary="Een bevestigde of gestarte plaatsing beëindigen, met de laatste dag en een reden (regisseur)",
        request=ser.PlaatsingEindeSerializer,
        responses={200: ser.RegiePlaatsingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def beeindigen(self, request, *args, **kwargs):
        plaatsing = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plaatsing_end(acting_user=request.user, plaatsing=plaatsing, **serializer.validated_data)
        return self._again(plaatsing.pk)


# --- The profile text of a participation --------------------------------------------------------


class ProfieltekstViewSet(AccessLoggedMixin, viewsets.GenericViewSet):
    """The text employers read in a participant's anonymised profile (routed by the participation's
    id in leerwerk.api_urls). The klantmanager of the candidate or the regisseur of the trajectory
    writes it, another of them approves it; everyone else gets 404. Every answer is logged against
    the person, as the profile page is."""

    serializer_class = ser.ProfieltekstSerializer
    queryset = Profiel.objects.none()
    access_log_detail = "profiel"

    def logged_person(self, profiel):
        return profiel.deelname.deelnemer

    def person_rol(self, person) -> str:
        return access_rol(self.request.user, person)

    def _deelname(self):
        qs = deelnames_visible_to(self.request.user).select_related("deelnemer", "traject")
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def _antwoord(self, deelname) -> Response:
        profiel = Profiel.objects.select_related("concept_door", "goedgekeurd_door").get(
            pk=services.profiel_ensure(deelname).pk
        )
        profiel.deelname = deelname
        self.log_one(profiel)
        return Response(ser.ProfieltekstSerializer(profiel).data)

    @extend_schema(
        summary="De motivatie voor werkgevers in het profiel van een deelname: goedgekeurd en concept",
        responses={200: ser.ProfieltekstSerializer, 404: _NOT_FOUND},
    )
    def retrieve(self, request, *args, **kwargs):
        return self._antwoord(self._deelname())

    @extend_schema(
        summary="De motivatie voor werkgevers schrijven (klantmanager of regisseur); een ander keurt haar goed",
        request=ser.ProfieltekstInvoerSerializer,
        responses={200: ser.ProfieltekstSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    def schrijven(self, request, *args, **kwargs):
        deelname = self._deelname()
        serializer = ser.ProfieltekstInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.profiel_concept_save(acting_user=request.user, deelname=deelname, **serializer.validated_data)
        return self._antwoord(deelname)

    @extend_schema(
        summary="De geschreven motivatie goedkeuren (de klantmanager of de regisseur die haar niet schreef)",
        request=None,
        responses={200: ser.ProfieltekstSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    def goedkeuren(self, request, *args, **kwargs):
        deelname = self._deelname()
        services.profiel_approve(acting_user=request.user, profiel=services.profiel_ensure(deelname))
        return self._antwoord(deelname)
