"""PDF rendering with WeasyPrint: a Django template to HTML, that HTML to PDF.

A PDF never fetches anything from the network: StaticFilesFetcher serves only our own
static files (the `{% static %}` URLs in the template) and refuses every other URL, so a
stray <img src="https://..."> in a template or in user data cannot leak who reads the PDF.
"""

import mimetypes
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import HTML, Attachment, URLFetcher
from weasyprint.urls import URLFetcherResponse

# Relative URLs in the HTML resolve against this origin; .invalid never resolves (RFC 2606).
BASE_URL = "https://pdf.leerwerk.invalid/"


class StaticFilesFetcher(URLFetcher):
    """Serves `BASE_URL` + STATIC_URL + <path> from the static files; refuses anything else."""

    def fetch(self, url, headers=None):
        path = static_file_for(url)
        if path is None:
            raise ValueError(f"PDF: only our static files may be loaded, refused: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


def static_file_for(url: str) -> Path | None:
    """The static file a URL points to, or None when it is not one of ours."""
    parts = urlsplit(url)
    static_prefix = urlsplit(urljoin(BASE_URL, settings.STATIC_URL)).path
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(static_prefix):
        return None
    relative = unquote(parts.path.removeprefix(static_prefix))
    try:
        # Finders in development; STATIC_ROOT holds the hashed names of the manifest storage.
        found = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
    except SuspiciousFileOperation:  # ../ out of the static folders
        return None
    path = Path(found)
    return path if path.is_file() else None


def render_pdf(template_name: str, context: dict, *, request=None, archief: bool = False, bijlagen=()) -> bytes:
    """Render a template (normally extending pdf/base.html) to a tagged PDF.

    `archief`: PDF/A-3b (ISO 19005-3), for a document that is kept and signed (a covenant);
    `bijlagen`: (name, bytes, description) files embedded in it, which PDF/A-3 allows."""
    html = render_to_string(template_name, context, request=request)
    opties = {"pdf_tags": True}
    if archief:
        opties["pdf_variant"] = "pdf/a-3b"
    if bijlagen:
        opties["attachments"] = [
            Attachment(string=inhoud, name=naam, description=omschrijving, relationship="Data")
            for naam, inhoud, omschrijving in bijlagen
        ]
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf(**opties)


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """A PDF download that no cache keeps and no browser sniffs; the filename is made ASCII-safe."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{_ascii_filename(filename)}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _ascii_filename(filename: str) -> str:
    stem = re.sub(r"\.pdf$", "", filename, flags=re.IGNORECASE)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip(".-")
    return f"{stem or 'document'}.pdf"
