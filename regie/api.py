"""/api/v1/overleggen/, draaiboektaken/, convenanten/ and convenantversies/: the regie's tools
(issue 15) through the API, scoped like their pages (regie.views, regie.views_convenant).

- Every party to a trajectory (a user of its regie organisation or of a partner organisation,
  in a role of regie.selectors.PARTIJ_ROLLEN) reads its meetings, script, covenant, versions
  and sign-offs. Anything else answers 404, as does a trajectory that does not exist.
- The regisseur of the organisation that directs the trajectory writes them: plans and changes
  meetings, records minutes, adds and changes tasks, sends the covenant. Anyone else gets 404
  for these writes, as elsewhere in the API (leerwerk.api.require_rol, the services'
  PermissionDenied). The readiness items of the covenant are the regisseur's only.
- A task is marked done by its owner organisation or the regisseur; a version is signed or
  declined by a signatory (tekenbevoegd) of a party.
- No participant's personal data: no access-log rows (as for trajectories).
"""

from __future__ import annotations

import django_filters
import django_filters.rest_framework
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from leerwerk import zegel
from leerwerk.api import require_rol
from leerwerk.models import Rol, User
from regie import constants as c
from regie import gereedheid, selectors
from regie import serializers as ser
from regie.models import Convenant, ConvenantVersie, Draaiboektaak, Ondertekening, Overleg
from regie.services import convenant as cs
from regie.services import draaiboek as ds
from regie.services import overleg as ov
from trajecten.models import Traject, TrajectFase, Vervolgactie
from trajecten.selectors import traject_for_regie

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")
_FOUTEN = {400: _FIELD_ERRORS, 404: _NOT_FOUND}
_ID = r"[0-9]+"


def _invoer(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- Overleggen -----------------------------------------------------------------------------


class OverlegFilter(django_filters.FilterSet):
    traject = django_filters.NumberFilter(field_name="traject_id", label="Traject (id)")

    class Meta:
        model = Overleg
        fields = ["traject"]


@extend_schema_view(
    list=extend_schema(summary="Overleggen van de trajecten waarin uw organisatie partij is"),
    retrieve=extend_schema(
        summary="Eén overleg, met notulen, besluiten en vervolgacties",
        responses={200: ser.OverlegSerializer, 404: _NOT_FOUND},
    ),
    create=extend_schema(
        summary="Overleg plannen: kick-off, feedbackmoment of evaluatie (regisseur van het traject)",
        request=ser.OverlegPlannenSerializer,
        responses={201: ser.OverlegSerializer, **_FOUTEN},
    ),
    partial_update=extend_schema(
        summary="Overleg wijzigen (regisseur van het traject)",
        request=ser.OverlegInvoerSerializer,
        responses={200: ser.OverlegSerializer, **_FOUTEN},
    ),
)
class OverlegViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ser.OverlegSerializer
    queryset = Overleg.objects.none()  # names the model for the schema; get_queryset scopes
    filterset_class = OverlegFilter
    lookup_value_regex = _ID
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        personen = User.objects.select_related("organisatie").order_by("organisatie__naam", "naam", "email")
        acties = Vervolgactie.objects.select_related("eigenaar__organisatie").order_by("deadline", "id")
        return (
            Overleg.objects.filter(traject__in=selectors.trajecten_als_partij(self.request.user))
            .select_related("notulen_door")
            .prefetch_related(Prefetch("aanwezigen", queryset=personen), Prefetch("acties", queryset=acties))
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _antwoord(self, pk: int, status_code=status.HTTP_200_OK) -> Response:
        overleg = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(ser.OverlegSerializer(overleg).data, status=status_code)

    def _van_regie(self, pk) -> Overleg:
        require_rol(self.request.user, Rol.REGISSEUR)
        return selectors.overleg_voor_regie(self.request.user, pk)

    def create(self, request, *args, **kwargs):
        require_rol(request.user, Rol.REGISSEUR)
        data = _invoer(ser.OverlegPlannenSerializer, request)
        traject = traject_for_regie(request.user, data.pop("traject"))
        overleg = ov.overleg_plannen(acting_user=request.user, traject=traject, **data)
        return self._antwoord(overleg.pk, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        overleg = self._van_regie(kwargs["pk"])
        data = _invoer(ser.OverlegInvoerSerializer, request, instance=overleg, partial=True)
        ov.overleg_wijzigen(acting_user=request.user, overleg=overleg, **data)
        return self._antwoord(overleg.pk)

    @extend_schema(
        summary="Notulen, besluiten, aanwezigen en vervolgacties vastleggen, na het overleg (regisseur)",
        request=ser.NotulenSerializer,
        responses={200: ser.OverlegSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"])
    def notulen(self, request, *args, **kwargs):
        overleg = self._van_regie(kwargs["pk"])
        data = _invoer(ser.NotulenSerializer, request, context={"traject": overleg.traject})
        ov.notulen_vastleggen(acting_user=request.user, overleg=overleg, **data)
        return self._antwoord(overleg.pk)


# --- Draaiboek ------------------------------------------------------------------------------


class DraaiboektaakFilter(django_filters.FilterSet):
    traject = django_filters.NumberFilter(field_name="traject_id", label="Traject (id)")
    eigen = django_filters.rest_framework.BooleanFilter(
        method="filter_eigen", label="Alleen de open taken van uw eigen organisatie (true of 1)"
    )

    class Meta:
        model = Draaiboektaak
        fields = ["traject", "eigen"]

    def filter_eigen(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(eigenaar_id=self.request.user.organisatie_id, afgerond_op__isnull=True)


@extend_schema_view(
    list=extend_schema(summary="Taken uit het draaiboek van de trajecten waarin uw organisatie partij is"),
    retrieve=extend_schema(
        summary="Eén taak, met haar deadline", responses={200: ser.DraaiboektaakSerializer, 404: _NOT_FOUND}
    ),
    create=extend_schema(
        summary="Taak toevoegen aan het draaiboek (regisseur van het traject)",
        request=ser.TaakToevoegenSerializer,
        responses={201: ser.DraaiboektaakSerializer, **_FOUTEN},
    ),
    partial_update=extend_schema(
        summary="Taak wijzigen (regisseur van het traject)",
        request=ser.TaakInvoerSerializer,
        responses={200: ser.DraaiboektaakSerializer, **_FOUTEN},
    ),
)
class DraaiboektaakViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The deadline follows from the phase's dates (Draaiboektaak.deadline); the list is in the
    order of the trajectories and the tasks' creation."""

    serializer_class = ser.DraaiboektaakSerializer
    queryset = Draaiboektaak.objects.none()
    filterset_class = DraaiboektaakFilter
    lookup_value_regex = _ID
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            Draaiboektaak.objects.filter(traject__in=selectors.trajecten_als_partij(self.request.user))
            .select_related("eigenaar", "afgerond_door")
            .order_by("traject_id", "id")
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _data(self, taken, *, many: bool):
        fases: dict[int, dict] = {}
        for f in TrajectFase.objects.filter(traject_id__in={t.traject_id for t in taken}):
            fases.setdefault(f.traject_id, {})[f.soort] = f
        context = {"fases": fases, "vandaag": timezone.localdate()}
        data = ser.DraaiboektaakSerializer(taken, many=True, context=context).data
        return data if many else data[0]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._data(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data([self.get_object()], many=False))

    def _antwoord(self, pk: int, status_code=status.HTTP_200_OK) -> Response:
        return Response(self._data([get_object_or_404(self.get_queryset(), pk=pk)], many=False), status=status_code)

    def create(self, request, *args, **kwargs):
        require_rol(request.user, Rol.REGISSEUR)
        data = _invoer(ser.TaakToevoegenSerializer, request)
        traject = traject_for_regie(request.user, data.pop("traject"))
        taak = ds.taak_toevoegen(acting_user=request.user, traject=traject, **data)
        return self._antwoord(taak.pk, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        require_rol(request.user, Rol.REGISSEUR)
        taak = selectors.taak_voor(request.user, kwargs["pk"])
        traject_for_regie(request.user, taak.traject_id)  # an owner organisation's regisseur: 404
        data = _invoer(ser.TaakInvoerSerializer, request, partial=True)
        ds.taak_wijzigen(acting_user=request.user, taak=taak, **data)
        return self._antwoord(taak.pk)

    @extend_schema(
        summary="Taak afgerond, of met open=true weer open (de organisatie die haar uitvoert, of de regisseur)",
        request=ser.AfrondenSerializer,
        responses={200: ser.DraaiboektaakSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"])
    def afronden(self, request, *args, **kwargs):
        taak = selectors.taak_voor(request.user, kwargs["pk"])
        data = _invoer(ser.AfrondenSerializer, request)
        ds.taak_afronden(acting_user=request.user, taak=taak, afgerond=not data["open"])
        return self._antwoord(taak.pk)


# --- Convenant ------------------------------------------------------------------------------


def _voor_lezer(user, v: ConvenantVersie) -> ConvenantVersie:
    """What a version means for this reader, as its page says it: out of date (open for
    signature while the trajectory changed since), and whether they may sign it now."""
    eigen = next((o for o in v.ondertekeningen.all() if o.organisatie_id == user.organisatie_id), None)
    v.verouderd = v.status == c.VersieStatus.TER_ONDERTEKENING and bool(v.sha256) and cs.is_verouderd(v)
    v.mag_tekenen = bool(
        user.tekenbevoegd and eigen is not None and eigen.status == c.TekenStatus.WACHT
        and v.status == c.VersieStatus.TER_ONDERTEKENING and v.sha256 and not v.verouderd
    )  # fmt: skip
    return v


def _versie_antwoord(request, pk: int, status_code=status.HTTP_200_OK) -> Response:
    v = _voor_lezer(request.user, selectors.versie_voor(request.user, pk))
    return Response(ser.VersieSerializer(v, context={"request": request}).data, status=status_code)


def _versies(traject: Traject) -> list[ConvenantVersie]:
    """The versions of a trajectory the caller scoped (selectors.traject_als_partij), newest
    first, with every field the API shows and their sign-offs: the page's lean list
    (selectors.versies_van) leaves those for the version's own page."""
    ondertekeningen = Ondertekening.objects.select_related("organisatie", "door")
    return list(
        ConvenantVersie.objects.filter(convenant__traject_id=traject.pk)
        .defer("inhoud")
        .select_related("aangemaakt_door")
        .prefetch_related(Prefetch("ondertekeningen", queryset=ondertekeningen))
        .order_by("-nummer")
    )


@extend_schema_view(
    retrieve=extend_schema(
        summary="Het convenant van een traject (id van het traject): afspraken en versies; "
        "voor de regisseur ook wat er nog ontbreekt om te versturen",
        responses={200: ser.ConvenantSerializer, 404: _NOT_FOUND},
    ),
)
class ConvenantViewSet(viewsets.GenericViewSet):
    """The covenant of a trajectory, by the trajectory's id (one per trajectory)."""

    serializer_class = ser.ConvenantSerializer
    queryset = Traject.objects.none()  # the schema's path type; the trajectory comes from the selectors
    lookup_value_regex = _ID
    pagination_class = None
    http_method_names = ["get", "post", "head", "options"]

    def retrieve(self, request, pk=None):
        traject = selectors.traject_als_partij(request.user, pk)
        regie = selectors.is_regie_van(request.user, traject)
        conv = selectors.convenant_van(traject)
        versies = _versies(traject)
        for v in versies:
            v.convenant = conv  # every version is of this covenant: not loaded again per version
            _voor_lezer(request.user, v)
        open_versie = next((v for v in versies if v.status in c.OPEN_VERSIE), None)
        getekend = next(
            (v for v in versies if v.status in (c.VersieStatus.ONDERTEKEND, c.VersieStatus.VERZEGELD)), None
        )
        punten = gereedheid.controle(traject) if regie else None
        data = {
            "traject": traject,
            "regie": regie,
            "gereedheid": punten,
            "klaar": gereedheid.klaar(punten) if regie else None,
            "afspraken": conv or Convenant(traject=traject),
            "clausules": list(conv.clausules.all()) if conv else [],
            "open_versie": open_versie.pk if open_versie else None,
            "verouderd": bool(open_versie and open_versie.verouderd),
            "getekend_actueel": bool(getekend and open_versie is None and not cs.is_verouderd(getekend)),
            "versies": versies,
        }
        return Response(ser.ConvenantSerializer(data, context={"request": request}).data)

    @extend_schema(
        summary="Het convenant versturen ter ondertekening, als nieuwe versie (regisseur van het traject); "
        "wat nog ontbreekt komt terug als fout",
        request=None,
        responses={201: ser.VersieSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"])
    def versturen(self, request, pk=None):
        require_rol(request.user, Rol.REGISSEUR)
        traject = traject_for_regie(request.user, pk)
        versie = cs.versturen(acting_user=request.user, traject=traject)
        return _versie_antwoord(request, versie.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een convenantbestand controleren: is het zegel geldig, en welke versie is het",
        request={"multipart/form-data": ser.ControleInvoerSerializer},
        responses={200: ser.ControleSerializer, 400: _FIELD_ERRORS},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def controleren(self, request):
        if request.user.hoofdrol is None or not request.user.is_active:  # as the page: any role
            raise Http404
        bestand = _invoer(ser.ControleInvoerSerializer, request)["bestand"]
        if bestand.size > c.MAX_CONTROLE_BYTES:
            raise ValidationError(
                {"bestand": [_("Dit bestand is groter dan 20 MB: dat is geen convenant van leerwerk.")]}
            )
        uitslag = zegel.controleer(bestand.read())
        versie = (
            ConvenantVersie.objects.filter(
                verzegeld_sha256=uitslag.sha256,
                convenant__traject__in=selectors.trajecten_als_partij(request.user),
            )
            .select_related("convenant")
            .first()
        )
        data = {
            "geldig": uitslag.geldig,
            "melding": uitslag.melding,
            "sha256": uitslag.sha256,
            "ondertekenaar": uitslag.ondertekenaar,
            "tijdstip": uitslag.tijdstip,
            "versie": versie,
        }
        return Response(ser.ControleSerializer(data).data)


@extend_schema_view(
    retrieve=extend_schema(
        summary="Eén versie van een convenant, met de ondertekeningen per partij",
        responses={200: ser.VersieSerializer, 404: _NOT_FOUND},
    ),
)
class ConvenantVersieViewSet(viewsets.GenericViewSet):
    serializer_class = ser.VersieSerializer
    queryset = ConvenantVersie.objects.none()
    lookup_value_regex = _ID
    http_method_names = ["get", "post", "head", "options"]

    def retrieve(self, request, pk=None):
        return _versie_antwoord(request, pk)

    @extend_schema(
        summary="Tekenen namens uw organisatie (tekenbevoegd), met de SHA-256 van de pdf die u las",
        request=ser.TekenenSerializer,
        responses={200: ser.VersieSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"])
    def tekenen(self, request, pk=None):
        versie = selectors.versie_voor(request.user, pk)
        sha256 = _invoer(ser.TekenenSerializer, request)["sha256"]
        cs.ondertekenen(acting_user=request.user, versie=versie, sha256=sha256)
        return _versie_antwoord(request, versie.pk)

    @extend_schema(
        summary="Niet tekenen, met een reden (tekenbevoegd): het convenant gaat terug naar de regisseur",
        request=ser.WeigerenSerializer,
        responses={200: ser.VersieSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"])
    def weigeren(self, request, pk=None):
        versie = selectors.versie_voor(request.user, pk)
        reden = _invoer(ser.WeigerenSerializer, request)["reden"]
        cs.weigeren(acting_user=request.user, versie=versie, reden=reden)
        return _versie_antwoord(request, versie.pk)
