"""The API under /api/v1/: one router, each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = router.urls
