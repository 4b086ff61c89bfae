"""Base UI: Dutch, accessible landmarks, strict CSP, assets only from our own static/."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from leerwerk.models import Rol

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_with_skip_link_and_landmarks(client, make_user):
    client.force_login(make_user(Rol.KLANTMANAGER))
    html = client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.KLANTMANAGER})).content.decode()
    assert '<html lang="nl"' in html
    assert re.search(r'<a [^>]*href="#inhoud"[^>]*>Naar de inhoud</a>', html)
    assert '<main id="inhoud"' in html
    assert "<header" in html and "<footer" in html and '<nav class="leerwerk-nav" aria-label="Hoofdmenu"' in html
    assert 'aria-current="page"' in html


def test_login_form_fields_have_labels(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<label class="utrecht-form-label" for="id_username">E-mailadres</label>' in html
    assert '<label class="utrecht-form-label" for="id_password">Wachtwoord</label>' in html


def test_csp_allows_no_inline_script_and_no_other_origin(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script found"
    assert " on" + "click=" not in html


def test_every_asset_comes_from_our_static_folder(client, make_user):
    client.force_login(make_user(Rol.REGISSEUR))
    html = client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.REGISSEUR})).content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets, "no assets found"
    assert all(a.startswith(settings.STATIC_URL) or a.startswith("/" + settings.STATIC_URL) for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_templates_reference_no_cdn():
    templates = Path(settings.BASE_DIR, "templates").rglob("*.html")
    offenders = [str(t) for t in templates if re.search(r"(src|href)=\"(https?:)?//", t.read_text())]
    assert offenders == []


def test_health_endpoint_reports_database_and_redis(client, db):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_health_endpoint_reports_missing_beat_heartbeat(client, db):
    response = client.get(reverse("gezondheid") + "?celery=1")
    assert response.status_code == 503
    assert response.json()["celery"] == "geen recente hartslag"
