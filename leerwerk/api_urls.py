"""The API under /api/v1/: one router, each app registers its viewsets here."""

from django.http import Http404
from django.urls import path, re_path
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from begeleiding.api import BegeleidingscontactViewSet, BehoudcheckViewSet, CaseloadViewSet, VraagViewSet
from deelnemers.api import DeelnemerViewSet
from financiering.api import (
    BegrotingViewSet,
    DeclaratieViewSet,
    DekkingViewSet,
    FinancieringsbronViewSet,
    ResultaatafspraakViewSet,
)
from leerwerk.api_organisaties import OrganisatieViewSet
from regie.api import ConvenantVersieViewSet, ConvenantViewSet, DraaiboektaakViewSet, OverlegViewSet
from resultaten.api import ResultatenViewSet
from signalen.api import SignaalViewSet
from trajecten.api import DeelnameViewSet, TrajectViewSet
from werkgevers.api import (
    LeerwerkplekViewSet,
    MatchViewSet,
    PlaatsingViewSet,
    ProfieltekstViewSet,
    ProfielViewSet,
    WerkgeverViewSet,
)

router = DefaultRouter()
router.register("organisaties", OrganisatieViewSet, basename="organisatie")
router.register("deelnemers", DeelnemerViewSet, basename="deelnemer")
router.register("trajecten", TrajectViewSet, basename="traject")
router.register("deelnames", DeelnameViewSet, basename="deelname")
router.register("werkgevers", WerkgeverViewSet, basename="werkgever")
router.register("leerwerkplekken", LeerwerkplekViewSet, basename="leerwerkplek")
router.register("profielen", ProfielViewSet, basename="profiel")
router.register("matches", MatchViewSet, basename="match")
router.register("plaatsingen", PlaatsingViewSet, basename="plaatsing")
router.register("signalen", SignaalViewSet, basename="signaal")
router.register("financieringsbronnen", FinancieringsbronViewSet, basename="financieringsbron")
router.register("begrotingen", BegrotingViewSet, basename="begroting")
router.register("dekkingen", DekkingViewSet, basename="dekking")
router.register("declaraties", DeclaratieViewSet, basename="declaratie")
router.register("resultaatafspraken", ResultaatafspraakViewSet, basename="resultaatafspraak")
router.register("resultaten", ResultatenViewSet, basename="resultaten")
router.register("overleggen", OverlegViewSet, basename="overleg")
router.register("draaiboektaken", DraaiboektaakViewSet, basename="draaiboektaak")
router.register("convenanten", ConvenantViewSet, basename="convenant")
router.register("convenantversies", ConvenantVersieViewSet, basename="convenantversie")
router.register("begeleiding/caseload", CaseloadViewSet, basename="begeleiding-caseload")
router.register("begeleiding/contacten", BegeleidingscontactViewSet, basename="begeleiding-contact")
router.register("begeleiding/behoudchecks", BehoudcheckViewSet, basename="begeleiding-behoudcheck")
router.register("begeleiding/vragen", VraagViewSet, basename="begeleiding-vraag")

# The motivation text of a participation's anonymised profile: one per participation, so named by
# the participation (as the regie's page is), beside the deelnames the router serves.
profieltekst = ProfieltekstViewSet.as_view({"get": "retrieve", "post": "schrijven"})
profieltekst_goedkeuren = ProfieltekstViewSet.as_view({"post": "goedkeuren"})


class NietGevonden(APIView):
    """Every other address under /api/v1/ (an id that is no number, an unknown resource): the
    API's own 404 in JSON, after the login and the throttle, instead of the site's HTML page
    (which names the logged-in user)."""

    schema = None  # not an operation

    def niet_gevonden(self, request, *args, **kwargs):
        raise Http404

    get = post = put = patch = delete = options = niet_gevonden


urlpatterns = [
    path("deelnames/<int:pk>/profiel/", profieltekst, name="deelname-profiel"),
    path("deelnames/<int:pk>/profiel/goedkeuren/", profieltekst_goedkeuren, name="deelname-profiel-goedkeuren"),
    *router.urls,
    re_path(r"^[\s\S]*$", NietGevonden.as_view(), name="api-niet-gevonden"),
]
