"""/api/v1/financieringsbronnen/, /api/v1/begrotingen/ and /api/v1/dekkingen/ (issue 13), scoped
like the pages; refusals are Dutch errors per field, out of scope is 404. No personal data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from financiering import selectors, services
from financiering.models import Begrotingsregel, Claimregel, Declaratie, Dekking, Financieringsbron, Resultaatafspraak
from financiering.serializers import (
    BegrotingSerializer,
    BetaaldSerializer,
    DeclaratieSerializer,
    DekkingAfwijzenSerializer,
    DekkingInvoerSerializer,
    DekkingSerializer,
    FinancieringsbronSerializer,
    KostenverdelingInvoerSerializer,
    KostenverdelingSerializer,
    RegelInvoerSerializer,
    ResultaatafspraakSerializer,
    TrajectKortSerializer,
)
from leerwerk.api import require_rol
from leerwerk.models import Rol
from opleiders.models import Module
from trajecten.models import Traject
from trajecten.selectors import traject_for_regie, trajecten_directed_by

_NOT_FOUND = OpenApiResponse(description="Niet gevonden, of buiten uw bereik.")
_FIELD_ERRORS = OpenApiResponse(description="Fouten per veld, in het Nederlands")


_BRON = FinancieringsbronSerializer


@extend_schema_view(
    list=extend_schema(summary="Financieringsbronnen die u mag inzien, met hun saldo"),
    retrieve=extend_schema(summary="Eén bron met haar saldo", responses={200: _BRON, 404: _NOT_FOUND}),
    create=extend_schema(
        summary="Bron toevoegen (financier)", responses={201: _BRON, 400: _FIELD_ERRORS, 404: _NOT_FOUND}
    ),
    partial_update=extend_schema(
        summary="Bron wijzigen (financier)", responses={200: _BRON, 400: _FIELD_ERRORS, 404: _NOT_FOUND}
    ),
)
class FinancieringsbronViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A financier reads and writes their organisation's sources; a regisseur reads those they may
    propose for the trajectories they direct."""

    serializer_class = FinancieringsbronSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)
    queryset = Financieringsbron.objects.none()  # the schema's model; the rows come from the selector

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            selectors.bronnen_visible_to(self.request.user)
            .select_related("organisatie")
            .prefetch_related("alleen_gemeenten")
            .order_by("naam", "id")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["saldi"] = getattr(self, "_saldi", {})
        return context

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._saldi = selectors.saldi(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _antwoord(self, bron, status_code=status.HTTP_200_OK):
        self._saldi = selectors.saldi([bron])
        return Response(self.get_serializer(bron).data, status=status_code)

    def retrieve(self, request, *args, **kwargs):
        return self._antwoord(self.get_object())

    def create(self, request, *args, **kwargs):
        require_rol(request.user, Rol.FINANCIER)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bron = services.bron_save(acting_user=request.user, **serializer.validated_data)
        return self._antwoord(bron, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        require_rol(request.user, Rol.FINANCIER)
        bron = get_object_or_404(selectors.bronnen_of_financier(request.user), pk=kwargs["pk"])
        serializer = self.get_serializer(bron, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        bron = services.bron_save(acting_user=request.user, bron=bron, **serializer.validated_data)
        return self._antwoord(bron)


@extend_schema_view(
    list=extend_schema(
        summary="De trajecten die u regisseert (hun begroting: begrotingen/{id}/)",
        responses={200: TrajectKortSerializer(many=True)},
    ),
    retrieve=extend_schema(summary="De begroting van een traject: regels, dekking en financieringsgat",
                           responses={200: BegrotingSerializer, 404: _NOT_FOUND}),
)  # fmt: skip
class BegrotingViewSet(viewsets.GenericViewSet):
    """The budget of a trajectory the regisseur's organisation directs, by the trajectory's id."""

    serializer_class = BegrotingSerializer
    queryset = Traject.objects.none()  # the schema's path type; the trajectory comes from traject_for_regie
    lookup_value_regex = r"[0-9]+"  # a trajectory's id: anything else is no address (the API's 404)
    pagination_class = None

    def list(self, request):
        trajecten = trajecten_directed_by(request.user).order_by("naam").values("id", "naam")
        return Response([{"traject": t["id"], "traject_naam": t["naam"]} for t in trajecten])

    def retrieve(self, request, pk=None):
        traject = traject_for_regie(request.user, pk)
        return Response(BegrotingSerializer(selectors.begroting(traject)).data)

    @extend_schema(summary="Kostenregel toevoegen (regisseur)", request=RegelInvoerSerializer,
                   responses={201: BegrotingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def regels(self, request, pk=None):
        traject = traject_for_regie(request.user, pk)
        serializer = RegelInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.begrotingsregel_save(acting_user=request.user, traject=traject, **serializer.validated_data)
        return Response(BegrotingSerializer(selectors.begroting(traject)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Dekking voorstellen (regisseur)", request=DekkingInvoerSerializer,
                   responses={201: DekkingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def dekkingen(self, request, pk=None):
        traject = traject_for_regie(request.user, pk)
        serializer = DekkingInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        bron = selectors.bronnen_for_traject(request.user, traject).filter(pk=data["bron"]).first()
        if bron is None:
            raise ValidationError({"bron": "Kies een bron van de regie, een partner of een gemeente van dit traject."})
        regel = module = None
        if "regel" in data:
            regel = get_object_or_404(Begrotingsregel, pk=data["regel"], traject=traject)
        if "module" in data:
            module = get_object_or_404(Module, pk=data["module"], traject=traject)
        dekking = services.dekking_propose(
            acting_user=request.user, traject=traject, bron=bron, regel=regel, module=module,
            bedrag=data.get("bedrag"), aandeel=data.get("aandeel"),
        )  # fmt: skip
        return _dekking_antwoord(dekking, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], summary="De kostenverdeling tussen de gemeenten", responses={200: KostenverdelingSerializer}
    )
    @extend_schema(
        methods=["PUT"],
        summary="De verdeelsleutel vastleggen (regisseur)",
        request=KostenverdelingInvoerSerializer,
        responses={200: KostenverdelingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["get", "put"])
    def kostenverdeling(self, request, pk=None):
        traject = traject_for_regie(request.user, pk)
        if request.method == "PUT":
            serializer = KostenverdelingInvoerSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            services.kostenverdeling_save(
                acting_user=request.user, traject=traject, sleutel=data["sleutel"],
                aandelen=[(a["gemeente"], a["percentage"]) for a in data.get("aandelen", [])],
            )  # fmt: skip
        return Response(KostenverdelingSerializer(selectors.kostenverdeling(selectors.begroting(traject))).data)


def _reden(request) -> str:
    """The reason of a refusal in the request's body (its absence: a Dutch error on `reden`)."""
    serializer = DekkingAfwijzenSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["reden"]


def _dekking_antwoord(dekking, status_code=status.HTTP_200_OK):
    dekking = Dekking.objects.select_related("regel__module", "bron").get(pk=dekking.pk)
    data = DekkingSerializer(dekking, context={"bedragen": selectors.bedragen([dekking])}).data
    return Response(data, status=status_code)


@extend_schema_view(
    list=extend_schema(summary="Dekking uit de bronnen van uw organisatie, of in de trajecten die u regisseert"),
    retrieve=extend_schema(summary="Eén dekking", responses={200: DekkingSerializer, 404: _NOT_FOUND}),
)
class DekkingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DekkingSerializer
    queryset = Dekking.objects.none()
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            selectors.dekkingen_visible_to(self.request.user)
            .select_related("regel__module", "bron")
            .order_by("-voorgesteld_op", "-id")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "bedragen": selectors.bedragen(page)}
        return self.get_paginated_response(DekkingSerializer(page, many=True, context=context).data)

    def retrieve(self, request, *args, **kwargs):
        return _dekking_antwoord(self.get_object())

    def _van_financier(self, pk):
        require_rol(self.request.user, Rol.FINANCIER)
        return get_object_or_404(selectors.dekkingen_for_financier(self.request.user).select_related("bron"), pk=pk)

    @extend_schema(summary="Toezeggen (financier van de bron; niet wie voorstelde)", request=None,
                   responses={200: DekkingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def toezeggen(self, request, pk=None):
        return _dekking_antwoord(services.dekking_approve(acting_user=request.user, dekking=self._van_financier(pk)))

    @extend_schema(summary="Afwijzen met een reden (financier van de bron)", request=DekkingAfwijzenSerializer,
                   responses={200: DekkingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        dekking = self._van_financier(pk)
        return _dekking_antwoord(
            services.dekking_refuse(acting_user=request.user, dekking=dekking, reden=_reden(request))
        )

    @extend_schema(summary="Intrekken (regisseur van het traject)", request=None,
                   responses={200: DekkingSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        require_rol(request.user, Rol.REGISSEUR)
        dekking = get_object_or_404(
            selectors.dekkingen_visible_to(request.user), pk=pk, regel__traject__in=trajecten_directed_by(request.user)
        )
        return _dekking_antwoord(services.dekking_withdraw(acting_user=request.user, dekking=dekking))


@extend_schema_view(
    list=extend_schema(summary="Declaraties die uw organisatie stuurde of ontving (financier)"),
    retrieve=extend_schema(
        summary="Eén declaratie met haar regels", responses={200: DeclaratieSerializer, 404: _NOT_FOUND}
    ),
)
class DeclaratieViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Claim statements: the payee submits, the payer approves, refuses or marks paid. Lines name a
    dossier reference only, for every reader of the API."""

    serializer_class = DeclaratieSerializer
    queryset = Declaratie.objects.none()
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.declaraties_visible_to(self.request.user).select_related("ontvanger", "betaler")

    def _data(self, declaraties):
        regels = {}
        for r in (
            Claimregel.objects.filter(declaratie__in=declaraties)
            .select_related("afspraak")
            .order_by("resultaat_op", "id")
        ):
            regels.setdefault(r.declaratie_id, []).append(r)
        return DeclaratieSerializer(declaraties, many=True, context={"regels": regels}).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset().order_by("-gemaakt_op", "-id"))
        return self.get_paginated_response(self._data(page))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data([self.get_object()])[0])

    def _actie(self, service, **kwargs):
        require_rol(self.request.user, Rol.FINANCIER)
        declaratie = service(acting_user=self.request.user, declaratie=self.get_object(), **kwargs)
        return Response(self._data([declaratie])[0])

    @extend_schema(summary="Indienen (financier van de ontvanger)", request=None,
                   responses={200: DeclaratieSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def indienen(self, request, pk=None):
        return self._actie(services.declaratie_submit)

    @extend_schema(summary="Goedkeuren (financier van de betaler)", request=None,
                   responses={200: DeclaratieSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def goedkeuren(self, request, pk=None):
        return self._actie(services.declaratie_approve)

    @extend_schema(summary="Afwijzen met een reden (financier van de betaler)", request=DekkingAfwijzenSerializer,
                   responses={200: DeclaratieSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        return self._actie(services.declaratie_refuse, reden=_reden(request))

    @extend_schema(summary="Betaald (financier van de betaler)", request=BetaaldSerializer,
                   responses={200: DeclaratieSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def betaald(self, request, pk=None):
        serializer = BetaaldSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._actie(services.declaratie_mark_paid, op=serializer.validated_data.get("betaald_op"))


@extend_schema_view(
    list=extend_schema(
        summary="Resultaatafspraken van de trajecten die u regisseert, of waarvan uw organisatie ontvangt"
    ),
    retrieve=extend_schema(
        summary="Eén resultaatafspraak", responses={200: ResultaatafspraakSerializer, 404: _NOT_FOUND}
    ),
    create=extend_schema(
        summary="Resultaatafspraak vastleggen (regisseur van het traject)",
        responses={201: ResultaatafspraakSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    ),
)
class ResultaatafspraakViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ResultaatafspraakSerializer
    queryset = Resultaatafspraak.objects.none()
    lookup_value_regex = r"[0-9]+"  # an id; anything else is no address (the API's 404, not a 500)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.afspraken_visible_to(self.request.user).order_by("traject_id", "id")

    def create(self, request, *args, **kwargs):
        require_rol(request.user, Rol.REGISSEUR)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        traject = traject_for_regie(request.user, data.pop("traject").pk)
        afspraak = services.resultaatafspraak_create(acting_user=request.user, traject=traject, **data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=afspraak.pk)).data, status=status.HTTP_201_CREATED
        )

    def _besluit(self, service, **kwargs):
        require_rol(self.request.user, Rol.FINANCIER)
        afspraak = service(acting_user=self.request.user, afspraak=self.get_object(), **kwargs)
        return Response(self.get_serializer(self.get_queryset().get(pk=afspraak.pk)).data)

    @extend_schema(
        summary="Akkoord als betaler (financier van de betalende bron, niet wie haar vastlegde)",
        request=None,
        responses={200: ResultaatafspraakSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def akkoord(self, request, pk=None):
        return self._besluit(services.resultaatafspraak_approve)

    @extend_schema(summary="Afwijzen als betaler, met een reden", request=DekkingAfwijzenSerializer,
                   responses={200: ResultaatafspraakSerializer, 400: _FIELD_ERRORS, 404: _NOT_FOUND})  # fmt: skip
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        return self._besluit(services.resultaatafspraak_refuse, reden=_reden(request))
