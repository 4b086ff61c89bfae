"""/api/v1/trajecten/ (no personal data: read by every party, written by the regisseur of the
regie organisation, with its partners and phases) and /api/v1/deelnames/ (participations:
aanmelden by the klantmanager, status steps by the regisseur)."""

from __future__ import annotations

from contextlib import contextmanager

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from deelnemers.selectors import access_rol
from leerwerk.api import AccessLoggedMixin, require_rol
from leerwerk.models import Rol
from trajecten import constants as c
from trajecten import services
from trajecten.models import Deelname, DeelnameStap, TrajectPartner
from trajecten.selectors import (
    deelnames_visible_to,
    traject_fase_for_regie,
    traject_for_regie,
    traject_partner_for_regie,
    trajecten_visible_to,
)
from trajecten.serializers import (
    AanmeldenSerializer,
    DeelnameDetailSerializer,
    DeelnameSerializer,
    FaseInvoerSerializer,
    InstroomprofielInvoerSerializer,
    PartnerInvoerSerializer,
    TrajectInvoerSerializer,
    TrajectSerializer,
    TransitieSerializer,
)
from trajecten.services import deelname_create, deelname_transition

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")


_FOUTEN = {400: _FIELD_ERRORS, 404: _NOT_FOUND}
_GEEN_INHOUD = {204: OpenApiResponse(description="Verwijderd"), 404: _NOT_FOUND}


def _onderdeel(naam: str) -> list[OpenApiParameter]:
    return [OpenApiParameter(naam, int, OpenApiParameter.PATH)]


# The service names the model's fields; the API reads and writes some of them inside `doel` and
# `instroomprofiel`, and answers their errors there too, as it does its own parsing errors.
_GENEST = {
    **{f"doel_{veld}": ("doel", veld) for veld in ("aantal_deelnemers", "aandeel_werk", "datum")},
    **{veld: ("instroomprofiel", veld) for veld in InstroomprofielInvoerSerializer._declared_fields},
}


@contextmanager
def _fouten_zoals_gelezen():
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        fouten: dict = {}
        for veld, meldingen in exc.message_dict.items():
            if veld in _GENEST:
                groep, naam = _GENEST[veld]
                fouten.setdefault(groep, {})[naam] = meldingen
            else:
                fouten[veld] = meldingen
        raise ValidationError(fouten) from exc


@extend_schema_view(
    list=extend_schema(summary="Trajecten waarin uw organisatie een rol heeft"),
    retrieve=extend_schema(summary="Eén traject", responses={200: TrajectSerializer, 404: _NOT_FOUND}),
    create=extend_schema(
        summary="Traject starten, met instroomprofiel en SMART-doel (regisseur; de regie ligt bij uw organisatie)",
        request=TrajectInvoerSerializer,
        responses={201: TrajectSerializer, **_FOUTEN},
    ),
    partial_update=extend_schema(
        summary="Traject wijzigen: gegevens, status, instroomprofiel of SMART-doel (regisseur)",
        request=TrajectInvoerSerializer,
        responses={200: TrajectSerializer, **_FOUTEN},
    ),
)
class TrajectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Trajectories hold no personal data: no access-log rows. Reads follow the parties'
    partnership (trajecten_visible_to); writes are the regisseur's of the regie organisation
    (traject_for_regie: any other trajectory answers 404) through trajecten.services."""

    serializer_class = TrajectSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)

    def get_queryset(self):
        return (
            trajecten_visible_to(self.request.user)
            .select_related("arbeidsmarktregio", "regie_organisatie")
            .prefetch_related(
                "gemeenten",
                Prefetch("partners", queryset=TrajectPartner.objects.select_related("organisatie")),
                "fases",
            )
        )

    def get_serializer_class(self):
        return {
            "create": TrajectInvoerSerializer,
            "partial_update": TrajectInvoerSerializer,
            "partner_toevoegen": PartnerInvoerSerializer,
            "fase_toevoegen": FaseInvoerSerializer,
        }.get(self.action, TrajectSerializer)

    def _traject(self, pk: int, status_code=status.HTTP_200_OK) -> Response:
        traject = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(TrajectSerializer(traject, context=self.get_serializer_context()).data, status_code)

    def _invoer(self, **kwargs) -> dict:
        serializer = self.get_serializer(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _directed(self, pk):
        require_rol(self.request.user, Rol.REGISSEUR)
        if not str(pk).isdigit():
            raise Http404
        return traject_for_regie(self.request.user, int(pk))

    def create(self, request, *args, **kwargs):
        require_rol(request.user, Rol.REGISSEUR)
        data = self._invoer()
        data.setdefault("regisseur", request.user)  # as the page's form proposes
        with _fouten_zoals_gelezen():
            traject = services.traject_create(acting_user=request.user, **data)
        return self._traject(traject.pk, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        traject = self._directed(kwargs["pk"])
        data = self._invoer(partial=True)
        with _fouten_zoals_gelezen():
            services.traject_update(acting_user=request.user, traject=traject, **data)
        return self._traject(traject.pk)

    @extend_schema(
        summary="Partner toevoegen: een organisatie met haar rol in dit traject (regisseur)",
        request=PartnerInvoerSerializer,
        responses={201: TrajectSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"], url_path="partners")
    def partner_toevoegen(self, request, *args, **kwargs):
        traject = self._directed(kwargs["pk"])
        services.traject_partner_add(acting_user=request.user, traject=traject, **self._invoer())
        return self._traject(traject.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Partner verwijderen (regisseur)",
        request=None,
        responses=_GEEN_INHOUD,
        parameters=_onderdeel("partner"),
    )
    @action(detail=True, methods=["delete"], url_path=r"partners/(?P<partner>[0-9]+)")
    def partner_verwijderen(self, request, *args, **kwargs):
        self._directed(kwargs["pk"])
        partner = traject_partner_for_regie(request.user, kwargs["pk"], kwargs["partner"])
        services.traject_partner_remove(acting_user=request.user, partner=partner)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Fase plannen; elke soort fase staat één keer in de planning (regisseur)",
        request=FaseInvoerSerializer,
        responses={201: TrajectSerializer, **_FOUTEN},
    )
    @action(detail=True, methods=["post"], url_path="fases")
    def fase_toevoegen(self, request, *args, **kwargs):
        traject = self._directed(kwargs["pk"])
        services.traject_fase_create(acting_user=request.user, traject=traject, **self._invoer())
        return self._traject(traject.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Fase uit de planning halen (regisseur)",
        request=None,
        responses=_GEEN_INHOUD,
        parameters=_onderdeel("fase"),
    )
    @action(detail=True, methods=["delete"], url_path=r"fases/(?P<fase>[0-9]+)")
    def fase_verwijderen(self, request, *args, **kwargs):
        self._directed(kwargs["pk"])
        fase = traject_fase_for_regie(request.user, kwargs["pk"], kwargs["fase"])
        services.traject_fase_delete(acting_user=request.user, fase=fase)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeelnameFilter(django_filters.FilterSet):
    traject = django_filters.NumberFilter(field_name="traject_id", label="Traject (id)")
    status = django_filters.ChoiceFilter(choices=c.DeelnameStatus.choices)

    class Meta:
        model = Deelname
        fields = ["traject", "status"]


@extend_schema_view(
    list=extend_schema(summary="Deelnames die u mag inzien"),
    retrieve=extend_schema(
        summary="Eén deelname met tijdlijn", responses={200: DeelnameDetailSerializer, 404: _NOT_FOUND}
    ),
    create=extend_schema(
        summary="Kandidaat aanmelden voor een traject (klantmanager)",
        request=AanmeldenSerializer,
        responses={201: DeelnameDetailSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    ),
)
class DeelnameViewSet(AccessLoggedMixin, viewsets.GenericViewSet):
    """Klantmanager: the participations of their gemeente's candidates; regisseur: those in
    trajectories they direct (with consent). Reads are logged against the person."""

    filterset_class = DeelnameFilter
    http_method_names = ["get", "post", "head", "options"]
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)
    access_log_detail = "deelname"

    def logged_person(self, obj):
        return obj.deelnemer

    def person_rol(self, person) -> str:
        return access_rol(self.request.user, person)

    def get_queryset(self):
        rol = Rol.REGISSEUR if self.action == "transitie" else None
        qs = deelnames_visible_to(self.request.user, rol).select_related("traject", "deelnemer", "aangemeld_door")
        if self.action != "list":
            qs = qs.prefetch_related(Prefetch("stappen", queryset=DeelnameStap.objects.select_related("door")))
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return DeelnameSerializer
        if self.action == "create":
            return AanmeldenSerializer
        if self.action == "transitie":
            return TransitieSerializer
        return DeelnameDetailSerializer

    def _detail(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        # 404, not 500, should the scope change in between (e.g. consent withdrawn just now).
        deelname = get_object_or_404(self.get_queryset(), pk=pk)
        self.log_one(deelname)
        return Response(DeelnameDetailSerializer(deelname, context=self.get_serializer_context()).data, status_code)

    def create(self, request, *args, **kwargs):
        self.require_rol(Rol.KLANTMANAGER)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deelname = deelname_create(acting_user=request.user, **serializer.validated_data)
        return self._detail(deelname.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Status van een deelname wijzigen (regisseur)",
        request=TransitieSerializer,
        responses={200: DeelnameDetailSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def transitie(self, request, *args, **kwargs):
        self.require_rol(Rol.REGISSEUR)
        deelname = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deelname_transition(acting_user=request.user, deelname=deelname, **serializer.validated_data)
        return self._detail(deelname.pk)
