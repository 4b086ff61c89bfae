"""The API under /api/v1/: one router, each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from deelnemers.api import DeelnemerViewSet
from financiering.api import (
    BegrotingViewSet,
    DeclaratieViewSet,
    DekkingViewSet,
    FinancieringsbronViewSet,
    ResultaatafspraakViewSet,
)
from resultaten.api import ResultatenViewSet
from signalen.api import SignaalViewSet
from trajecten.api import DeelnameViewSet, TrajectViewSet
from werkgevers.api import LeerwerkplekViewSet, MatchViewSet, PlaatsingViewSet, ProfielViewSet, WerkgeverViewSet

router = DefaultRouter()
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

urlpatterns = router.urls
