"""/api/v1/resultaten/ (issue 14): the figures of the results pages as JSON, scoped and
protected alike (resultaten.selectors, leerwerk.onthulling). No person."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from leerwerk.api_schema import EenObjectSchema
from leerwerk.models import Rol
from resultaten import selectors
from resultaten.serializers import ResultatenSerializer

ROLLEN = (Rol.WETHOUDER, Rol.REGISSEUR)


class ResultatenViewSet(viewsets.ViewSet):
    """The wethouder's results (their gemeente's trajectories, aggregates) or the regisseur's (the
    trajectories they direct)."""

    schema = EenObjectSchema()  # `list` answers one object, not an array

    @extend_schema(
        summary="De resultaten van uw trajecten: uitkomsten, duurzaamheid, kosten",
        parameters=[
            OpenApiParameter(
                "rol", str, enum=list(ROLLEN), description="wethouder of regisseur (standaard: de eerste die u heeft)"
            )
        ],
        responses={
            200: ResultatenSerializer,
            404: OpenApiResponse(description="U bent geen wethouder of regisseur (of niet in de gevraagde rol)."),
        },
    )
    def list(self, request):
        gevraagd = request.query_params.get("rol")
        rollen = [r for r in ROLLEN if request.user.has_rol(r) and (gevraagd in (None, r))]
        if not rollen:
            raise Http404
        rol = rollen[0]
        r = selectors.rapport(request.user, rol, {})
        data = {"rol": rol, "k": r["k"], "voetnoot": r["voetnoot"], "trajecten": r["rijen"], "elders": r["elders"]}
        return Response(ResultatenSerializer(data).data)
