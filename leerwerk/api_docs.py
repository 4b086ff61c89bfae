"""The API documentation page at /api/v1/docs/.

Kept out of leerwerk.api: drf_spectacular.views reads DRF's settings at import, and those
name leerwerk.api's authentication class (an import cycle).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularSwaggerView


class ApiDocsView(SpectacularSwaggerView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), started by
    static/js/api_docs.js: no CDN and no inline script, as the CSP demands."""

    template_name = "api/docs.html"
    title = _("API-documentatie")
