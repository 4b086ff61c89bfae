"""The API under /api/v1/: one router, each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from deelnemers.api import DeelnemerViewSet
from trajecten.api import DeelnameViewSet, TrajectViewSet

router = DefaultRouter()
router.register("deelnemers", DeelnemerViewSet, basename="deelnemer")
router.register("trajecten", TrajectViewSet, basename="traject")
router.register("deelnames", DeelnameViewSet, basename="deelname")

urlpatterns = router.urls
