"""Error pages: the product's own Dutch pages with `make run` (DEBUG=true in .env), Django's
technical pages only for a developer who asks for them; and a favicon."""

import pytest
from django.contrib.staticfiles.finders import find
from django.urls import reverse

from leerwerk.models import Rol
from tests.leerwerk.test_settings import PRODUCTION_ENV, _manage

pytestmark = pytest.mark.django_db

DEBUG_IN_SETTINGS = "from django.conf import settings; print(settings.DEBUG, settings.PRODUCTION)"


def _settings_with(env):
    result = _manage("shell", "--no-imports", "-c", DEBUG_IN_SETTINGS, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()[-1].split()


def test_make_run_settings_do_not_show_technical_pages():
    # `make run` copies .env.example: DEBUG=true is development mode, not Django's DEBUG.
    assert _settings_with({"DEBUG": "true", "LEERWERK_TECHNISCHE_FOUTPAGINAS": ""}) == ["False", "False"]


def test_technical_pages_only_for_a_developer_who_asks():
    assert _settings_with({"DEBUG": "true", "LEERWERK_TECHNISCHE_FOUTPAGINAS": "true"}) == ["True", "False"]
    # Never in production, whatever is set.
    assert _settings_with({**PRODUCTION_ENV, "LEERWERK_TECHNISCHE_FOUTPAGINAS": "true"}) == ["False", "True"]


@pytest.mark.django_db(databases=["default", "audit"])  # the refused attempt is logged
def test_unknown_id_shows_the_dutch_404_in_the_layout(client, make_user):
    client.force_login(make_user(Rol.KLANTMANAGER))
    for url in ["/kandidaten/999999/", "/bestaat-niet/"]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "Pagina niet gevonden" in html and '<nav class="leerwerk-nav"' in html
        assert "URLconf" not in html and "Using the URLconf" not in html


@pytest.mark.urls("tests.leerwerk.foutpagina_urls")
def test_403_is_dutch_in_the_layout(client, make_user):
    client.force_login(make_user(Rol.KLANTMANAGER))
    response = client.get("/test-verboden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html and '<nav class="leerwerk-nav"' in html


@pytest.mark.urls("tests.leerwerk.foutpagina_urls")
def test_500_is_dutch_in_the_layout_without_database(client, make_user, django_assert_num_queries):
    client.raise_request_exception = False
    response = client.get("/test-boem/")  # anonymous: no session, no user to load
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and "leerwerk-logo" in html
    assert "css/leerwerk.css" in html and "RuntimeError" not in html and "Traceback" not in html
    # The page itself needs no context processor and no database.
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        assert server_error(RequestFactory().get("/")).status_code == 500


def test_csrf_refusal_is_dutch_in_the_layout(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Rol.KLANTMANAGER))
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_favicon_from_static_linked_and_at_the_root(client, make_user):
    assert find("img/favicon.ico") and find("img/favicon.svg")
    client.force_login(make_user(Rol.KLANTMANAGER))
    html = client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.KLANTMANAGER})).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.ico"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url == "/static/img/favicon.ico"
    client.logout()
    assert client.get("/favicon.ico").status_code == 302  # also for anonymous visitors
