"""The OpenAPI schema and the Swagger page: generated cleanly, and served without any CDN."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from leerwerk.models import Rol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_schema_endpoint_describes_the_api(api_as):
    response = api_as(UserFactory(rollen=[Rol.REGISSEUR])).get(reverse("api-schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert {
        "/api/v1/deelnemers/",
        "/api/v1/deelnemers/{id}/",
        "/api/v1/deelnemers/{id}/bsn/",
        "/api/v1/trajecten/",
        "/api/v1/trajecten/{id}/",
        "/api/v1/deelnames/",
        "/api/v1/deelnames/{id}/",
        "/api/v1/deelnames/{id}/transitie/",
    } <= set(schema["paths"])
    deelnemer = schema["components"]["schemas"]["Deelnemer"]["properties"]
    assert "bsn" not in deelnemer and "bsn_masked" in deelnemer  # the full BSN is write-only
    assert "bsn" in schema["components"]["schemas"]["DeelnemerRequest"]["properties"]


def test_schema_needs_a_login(api_as):
    assert api_as(None).get(reverse("api-schema")).status_code in (401, 403)


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning (and error) into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").stat().st_size > 0


def test_docs_page_loads_only_our_static_files(client):
    client.force_login(UserFactory(rollen=[Rol.KLANTMANAGER]))
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts and all(re.search(r'\bsrc="/static/[^"]+"', attrs) for attrs in scripts), scripts
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in a for a in assets)
    assert any(a.endswith("js/api_docs.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    assert "http://" not in html and "https://" not in html
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
    assert 'data-schema-url="/api/v1/schema/"' in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_docs_page_redirects_anonymous_to_login(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
