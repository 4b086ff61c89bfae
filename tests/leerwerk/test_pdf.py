"""leerwerk.pdf: templates to PDF without network, and the response that serves a PDF.
None of these tests touches the database."""

import logging
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.templatetags.static import static

from leerwerk.pdf import BASE_URL, StaticFilesFetcher, pdf_response, render_pdf
from tests.pdf import pdf_text

SAMPLE = """{% extends "pdf/base.html" %}
{% block title %}Profiel {{ code }}{% endblock %}
{% block content %}<h1>Profiel {{ code }}</h1><p>{{ tekst }}</p>
<img src="http://example.invalid/x.png" alt="">{% endblock %}"""


@pytest.fixture
def sample_template(settings, tmp_path):
    (tmp_path / "sample.html").write_text(SAMPLE, encoding="utf-8")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    return "sample.html"


def test_render_pdf_gives_a_pdf_with_the_dutch_text_of_the_context(sample_template, caplog):
    context = {"code": "K-0042", "tekst": "Ervaring als café-medewerker, gaat naar de Efteling, loon € 2.350"}
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render_pdf(sample_template, context)

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Profiel K-0042" in text
    assert "café-medewerker" in text
    assert "Efteling" in text
    assert "€ 2.350" in text
    assert "Pagina 1 van 1" in text  # the footer from pdf.css: the stylesheet was loaded
    # The only resource WeasyPrint could not load is the external image, refused by our fetcher.
    problems = [record.getMessage() for record in caplog.records]
    assert len(problems) == 1, problems
    assert "http://example.invalid/x.png" in problems[0]
    assert "only our static files may be loaded" in problems[0]


def test_fetcher_serves_the_pdf_stylesheet_from_static_files():
    fetcher = StaticFilesFetcher()
    response = fetcher(BASE_URL.rstrip("/") + static("css/pdf.css"))

    assert response.read() == (Path(django_settings.BASE_DIR) / "static" / "css" / "pdf.css").read_bytes()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.invalid/x.png",
        "https://example.invalid/static/css/pdf.css",  # a path like ours on another host
        "file:///etc/passwd",
        f"file://{Path(django_settings.BASE_DIR) / 'static' / 'css' / 'pdf.css'}",  # file:// even inside static
        BASE_URL + "static/../../../../etc/passwd",
        BASE_URL + "static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "static/css/bestaat-niet.css",
        BASE_URL + "media/upload.png",
        "data:text/css,body{}",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    with pytest.raises(ValueError, match="only our static files"):
        StaticFilesFetcher()(url)


def test_pdf_response_headers():
    response = pdf_response(b"%PDF-1.7 test", "Profiel kandidaat Zoë/€ 2026.pdf")

    assert response.content == b"%PDF-1.7 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Profiel-kandidaat-Zoe-2026.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("filename", "expected"),
    [("convenant.PDF", "convenant.pdf"), ('../"€".pdf', "document.pdf"), ("a\r\nb", "a-b.pdf")],
)
def test_pdf_response_attachment_with_a_safe_ascii_filename(filename, expected):
    response = pdf_response(b"%PDF", filename, inline=False)

    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_fetcher_serves_hashed_names_from_static_root(settings, tmp_path):
    """Production (manifest storage): {% static %} gives a hashed name that only STATIC_ROOT has."""
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "pdf.0123abcd.css").write_text("h1 { color: black; }")

    response = StaticFilesFetcher()(BASE_URL + "static/css/pdf.0123abcd.css")

    assert response.read() == b"h1 { color: black; }"
