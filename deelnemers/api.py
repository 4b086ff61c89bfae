"""/api/v1/deelnemers/: candidates, scoped by deelnemers.selectors, written by deelnemers.services."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from deelnemers.constants import Doelgroep
from deelnemers.models import Deelnemer
from deelnemers.selectors import access_rol, deelnemers_visible_to, kandidaten_in_werk, search
from deelnemers.serializers import (
    BsnSerializer,
    DeelnemerRegieSerializer,
    DeelnemerSamenvattingSerializer,
    DeelnemerSerializer,
    ToestemmingInvoerSerializer,
    ToestemmingSerializer,
)
from deelnemers.services import deelnemer_create, deelnemer_update, toestemming_record, toestemming_renew
from leerwerk.api import AccessLoggedMixin
from leerwerk.models import Rol


class DeelnemerFilter(django_filters.FilterSet):
    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoek op naam, of (klantmanager) op het hele BSN")
    doelgroep = django_filters.ChoiceFilter(choices=Doelgroep.choices)

    class Meta:
        model = Deelnemer
        fields = ["zoek", "doelgroep"]

    def filter_zoek(self, queryset, name, value):
        return search(queryset, value, self.request.user)  # the same search as "Mijn kandidaten"


_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")


# A candidate reads in full for their own klantmanager and in the regie view for everyone else
# (serializers._RegieViewForOthers): the schema names both.
_RIJ = PolymorphicProxySerializer(
    component_name="DeelnemerRij",
    serializers=[DeelnemerSamenvattingSerializer, DeelnemerRegieSerializer],
    resource_type_field_name=None,
    many=True,
)
_WEERGAVE = PolymorphicProxySerializer(
    component_name="DeelnemerWeergave",
    serializers=[DeelnemerSerializer, DeelnemerRegieSerializer],
    resource_type_field_name=None,
)


@extend_schema_view(
    list=extend_schema(summary="Kandidaten die u mag inzien", responses={200: _RIJ}),
    retrieve=extend_schema(summary="Eén kandidaat", responses={200: _WEERGAVE, 404: _NOT_FOUND}),
    create=extend_schema(
        summary="Kandidaat registreren (klantmanager)",
        responses={201: _WEERGAVE, 400: OpenApiResponse(description="Fouten per veld"), 404: _NOT_FOUND},
    ),
    partial_update=extend_schema(
        summary="Kandidaat wijzigen (klantmanager)",
        responses={200: _WEERGAVE, 400: OpenApiResponse(description="Fouten per veld"), 404: _NOT_FOUND},
    ),
)
class DeelnemerViewSet(AccessLoggedMixin, viewsets.GenericViewSet):
    """Klantmanager: the candidates of their gemeente; regisseur: those in the trajectories
    they direct who consented to sharing. Everyone else: an empty list and 404."""

    serializer_class = DeelnemerSerializer
    filterset_class = DeelnemerFilter
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def person_rol(self, person) -> str:
        return access_rol(self.request.user, person)

    def get_queryset(self):
        user = self.request.user
        # Changing and revealing the BSN are the klantmanager's; reading follows every role's scope.
        rol = Rol.KLANTMANAGER if self.action in ("partial_update", "bsn", "toestemming") else None
        # The list is a working list: without the anonymised candidates (one stays readable by id).
        scope = kandidaten_in_werk if self.action == "list" else deelnemers_visible_to
        qs = scope(user, rol).select_related("gemeente", "klantmanager")
        if self.action in ("retrieve", "partial_update"):
            qs = qs.prefetch_related("toestemmingen", "randvoorwaarden__actiehouder", "werkervaringen", "talen")
        elif self.action == "list":
            qs = qs.only(*DeelnemerSamenvattingSerializer.LIJST_VELDEN)
        return qs

    def filter_queryset(self, queryset):
        # Without a search or a filter in the query string, django-filter would build and
        # validate its form only to leave the queryset as it is (issue 12).
        if not any(naam in self.request.query_params for naam in DeelnemerFilter.base_filters):
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        if self.action == "list":
            return DeelnemerSamenvattingSerializer
        if self.action == "bsn":
            return BsnSerializer
        if self.action == "toestemming":
            return ToestemmingInvoerSerializer
        return DeelnemerSerializer

    def create(self, request, *args, **kwargs):
        self.require_rol(Rol.KLANTMANAGER)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deelnemer = deelnemer_create(acting_user=request.user, **serializer.validated_data)
        self.log_one(deelnemer)
        return Response(self.get_serializer(deelnemer).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        self.require_rol(Rol.KLANTMANAGER)
        deelnemer = self.get_object()
        serializer = self.get_serializer(deelnemer, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        deelnemer = deelnemer_update(acting_user=request.user, deelnemer=deelnemer, **serializer.validated_data)
        self.log_one(deelnemer)
        return Response(self.get_serializer(deelnemer).data)

    @extend_schema(
        summary="Het volledige BSN tonen (wordt gelogd)",
        request=None,
        responses={200: BsnSerializer, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def bsn(self, request, *args, **kwargs):
        deelnemer = self.get_object()
        self.log_one(deelnemer, action="reveal")
        return Response(BsnSerializer(deelnemer).data)

    @extend_schema(
        summary="Toestemming vastleggen of verlengen (klantmanager)",
        request=ToestemmingInvoerSerializer,
        responses={201: ToestemmingSerializer, 400: OpenApiResponse(description="Fouten per veld"), 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="toestemmingen")
    def toestemming(self, request, *args, **kwargs):
        self.require_rol(Rol.KLANTMANAGER)
        deelnemer = self.get_object()
        serializer = ToestemmingInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        velden = dict(serializer.validated_data)
        soort, vervangt = velden.pop("soort"), velden.pop("vervangt", None)
        if vervangt is not None:
            vorige = deelnemer.toestemmingen.filter(pk=vervangt, soort=soort).first()
            if vorige is None:
                raise ValidationError({"vervangt": "Onbekende toestemming van deze soort bij deze kandidaat."})
            toestemming = toestemming_renew(acting_user=request.user, toestemming=vorige, **velden)
        else:
            toestemming = toestemming_record(acting_user=request.user, deelnemer=deelnemer, soort=soort, **velden)
        self.log_one(deelnemer)
        return Response(ToestemmingSerializer(toestemming).data, status=status.HTTP_201_CREATED)
