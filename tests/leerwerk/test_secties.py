"""Lazy sections (leerwerk.secties, issue 12): the start page shows its heading at once and loads
its signals and the role's own section from URLs of their own, guarded like the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import Rol
from tests.secties import met_secties

pytestmark = pytest.mark.django_db


def test_the_start_page_is_a_light_shell_with_a_link_per_section(client, make_user):
    user = make_user(Rol.REGISSEUR)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("mijn_werk_rol", kwargs={"rol": "regisseur"}))
    html = response.content.decode()
    signalen = reverse("mijn_werk_signalen", kwargs={"rol": "regisseur"})
    overzicht = reverse("mijn_werk_overzicht", kwargs={"rol": "regisseur"})
    # Each placeholder loads with htmx and is a plain link without JavaScript.
    for url in (signalen, overzicht):
        assert f'hx-get="{url}" hx-trigger="load"' in html and f'href="{url}"' in html
    # Session, user with organisation, and the session saved: nothing of the sections.
    assert not [q for q in queries if "signalen_signaal" in q["sql"] or "trajecten_" in q["sql"]]


def test_without_javascript_a_section_is_a_page_of_its_own(client, make_user):
    user = make_user(Rol.WETHOUDER)
    client.force_login(user)
    url = reverse("mijn_werk_signalen", kwargs={"rol": "wethouder"})
    pagina = client.get(url).content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in pagina and "<html" not in fragment
    assert '<h1 class="utrecht-heading-1">Signalen</h1>' in pagina
    assert f'href="{reverse("mijn_werk_rol", kwargs={"rol": "wethouder"})}">Mijn werk</a>' in pagina
    assert "Geen actuele signalen" in fragment and "Geen actuele signalen" in pagina


def test_sections_are_guarded_like_the_page(client, make_user):
    client.force_login(make_user(Rol.KLANTMANAGER))
    for naam in ("mijn_werk_signalen", "mijn_werk_overzicht"):
        assert client.get(reverse(naam, kwargs={"rol": "regisseur"})).status_code == 404  # not the user's role
        assert client.get(reverse(naam, kwargs={"rol": "onzin"})).status_code == 404
    client.force_login(make_user(Rol.JOBCOACH))
    # The jobcoach's section (issue 16) leads to the caseload.
    assert reverse("begeleiding:caseload") in met_secties(client, reverse("mijn_werk_rol", args=["jobcoach"]))
    client.force_login(make_user(Rol.WETHOUDER))
    # The wethouder's section leads to the results.
    assert reverse("resultaten:wethouder") in met_secties(client, reverse("mijn_werk_rol", args=["wethouder"]))
    client.logout()
    url = reverse("mijn_werk_signalen", kwargs={"rol": "wethouder"})
    assert client.get(url).status_code == 302  # to the login page
    # A section asked for by htmx after the session ended sends the whole page to the login.
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(reverse("login"))


def test_the_helper_swaps_every_section_in(client, make_user):
    client.force_login(make_user(Rol.JOBCOACH))
    html = met_secties(client, reverse("mijn_werk_rol", kwargs={"rol": "jobcoach"}))
    assert "leerwerk-lui" not in html and 'id="start-signalen"' in html
