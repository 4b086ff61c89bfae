"""/api/v1/signalen/: the signals of the logged-in user (signalen.selectors.signalen_for), with
actions to acknowledge, snooze and mark done (signalen.services).

The list shows the current signals unless ?status= asks for others. A signal of somebody
else answers 404. A signal holds no person's name, but it is about one participant's
deadline: reads log an "api" row for that participant, as the other APIs do.
"""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from deelnemers.models import Deelnemer
from leerwerk.api import AccessLoggedMixin
from leerwerk.audit import log_access_many
from signalen import constants as c
from signalen import services
from signalen.models import Signaal
from signalen.selectors import met_status, signalen_for
from signalen.serializers import SignaalSerializer, UitstellenSerializer

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of niet een signaal van u.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")

STATUS_KEUZES = [
    ("actueel", "Actueel (standaard): open, gezien, of uitgesteld tot vandaag of eerder"),
    ("alle", "Alle"),
    *c.SignaalStatus.choices,
]


class SignaalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=STATUS_KEUZES, method="filter_status", label="Status")
    regel = django_filters.ChoiceFilter(choices=c.Regel.choices, label="Regel")
    ernst = django_filters.ChoiceFilter(choices=c.Ernst.choices, label="Ernst")

    class Meta:
        model = Signaal
        fields = ["status", "regel", "ernst"]

    def filter_status(self, queryset, name, value):
        return met_status(queryset, value)

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = met_status(queryset, "actueel")
        return super().filter_queryset(queryset)


@extend_schema_view(
    list=extend_schema(summary="Uw signalen: standaard de actuele; filter op status, regel en ernst"),
    retrieve=extend_schema(summary="Eén signaal", responses={200: SignaalSerializer, 404: _NOT_FOUND}),
)
class SignaalViewSet(AccessLoggedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SignaalSerializer
    queryset = Signaal.objects.none()  # names the model for the schema; get_queryset scopes
    filterset_class = SignaalFilter
    lookup_value_regex = r"[0-9]+"
    access_log_detail = "signaal"

    def get_queryset(self):
        return signalen_for(self.request.user).order_by("deadline", "id")

    def filter_queryset(self, queryset):
        # The filters (and the default "current only") belong to the list; a detail or an
        # action finds any of the user's signals.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self):
        return UitstellenSerializer if self.action == "uitstellen" else SignaalSerializer

    def _log(self, signalen) -> None:
        ids = sorted({s.deelname.deelnemer_id for s in signalen if s.deelname_id})
        log_access_many(
            self.request, action="api", objects=[Deelnemer(pk=pk) for pk in ids], detail=self.access_log_detail
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._log(page)
        return self.get_paginated_response(SignaalSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(self.get_object())

    def _answer(self, signaal: Signaal) -> Response:
        signaal = get_object_or_404(self.get_queryset(), pk=signaal.pk)
        self._log([signaal])
        return Response(SignaalSerializer(signaal).data)

    @extend_schema(
        summary="Signaal gezien: het blijft in de lijst, maar telt niet meer als nieuw",
        request=None,
        responses={200: SignaalSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def gezien(self, request, *args, **kwargs):
        return self._answer(services.signaal_acknowledge(acting_user=request.user, signaal=self.get_object()))

    @extend_schema(
        summary="Signaal uitstellen tot een datum; op die dag is het weer actueel",
        request=UitstellenSerializer,
        responses={200: SignaalSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def uitstellen(self, request, *args, **kwargs):
        signaal = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.signaal_snooze(acting_user=request.user, signaal=signaal, tot=serializer.validated_data["tot"])
        )

    @extend_schema(
        summary="Signaal afgehandeld",
        request=None,
        responses={200: SignaalSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def afgehandeld(self, request, *args, **kwargs):
        return self._answer(services.signaal_done(acting_user=request.user, signaal=self.get_object()))
