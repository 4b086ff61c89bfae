"""/api/v1/organisaties/: the ids a script needs to name a region, a gemeente or a partner
(leerwerk.selectors.organisaties_visible_to). Organisations hold no personal data."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from leerwerk.api import ModelSerializer
from leerwerk.models import Organisatie, OrganisatieType
from leerwerk.selectors import organisaties_visible_to


class OrganisatieOverzichtSerializer(ModelSerializer):
    arbeidsmarktregio = serializers.IntegerField(
        source="arbeidsmarktregio_id", read_only=True, allow_null=True, help_text="Bij een gemeente: id van haar regio"
    )

    class Meta:
        model = Organisatie
        fields = ["id", "naam", "type", "arbeidsmarktregio"]
        read_only_fields = fields


class OrganisatieFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(choices=OrganisatieType.choices)
    zoek = django_filters.CharFilter(field_name="naam", lookup_expr="icontains", label="Zoek op (een deel van) de naam")

    class Meta:
        model = Organisatie
        fields = ["type", "zoek"]


@extend_schema_view(
    list=extend_schema(summary="Organisaties: (regisseur) alle actieve, anders uw eigen organisatie"),
    retrieve=extend_schema(
        summary="Eén organisatie",
        responses={200: OrganisatieOverzichtSerializer, 404: OpenApiResponse(description="Niet gevonden.")},
    ),
)
class OrganisatieViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisatieOverzichtSerializer
    filterset_class = OrganisatieFilter
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)
    queryset = Organisatie.objects.none()  # names the model for the schema; get_queryset scopes

    def get_queryset(self):
        return organisaties_visible_to(self.request.user).order_by("naam", "id")
