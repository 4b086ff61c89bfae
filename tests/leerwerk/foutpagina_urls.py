"""The product's URLs plus views that fail, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def _boem(request):
    raise RuntimeError("test: een fout in een view")


def _verboden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-boem/", _boem),
    path("test-verboden/", _verboden),
    path("", include("leerwerk.urls")),
]
