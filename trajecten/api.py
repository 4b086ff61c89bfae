"""/api/v1/trajecten/ (read-only, no personal data) and /api/v1/deelnames/ (participations:
aanmelden by the klantmanager, status steps by the regisseur)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from deelnemers.selectors import access_rol
from leerwerk.api import AccessLoggedMixin
from leerwerk.models import Rol
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap, TrajectPartner
from trajecten.selectors import deelnames_visible_to, trajecten_visible_to
from trajecten.serializers import (
    AanmeldenSerializer,
    DeelnameDetailSerializer,
    DeelnameSerializer,
    TrajectSerializer,
    TransitieSerializer,
)
from trajecten.services import deelname_create, deelname_transition

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")


@extend_schema_view(
    list=extend_schema(summary="Trajecten waarin uw organisatie een rol heeft"),
    retrieve=extend_schema(summary="Eén traject", responses={200: TrajectSerializer, 404: _NOT_FOUND}),
)
class TrajectViewSet(viewsets.ReadOnlyModelViewSet):
    """Trajectories hold no personal data: no access-log rows."""

    serializer_class = TrajectSerializer

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
