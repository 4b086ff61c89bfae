"""Filters in the address, the search term never (issue 11): a filtered candidate list can be
bookmarked and shared; what was typed in the search box (a name or a BSN) reaches no address bar,
browser history, bookmark or server log, and a search term put in an address is ignored."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import Rol
from tests.factories import DeelnemerFactory
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
LIJST = reverse("deelnemers:kandidaten")


def _lijst(client, params=None) -> str:
    """The candidate list as a browser shows it: the page with its table loaded lazily (issue 12)."""
    return met_secties(client, LIJST + (f"?{urlencode(params)}" if params else ""))


HTMX = {"HX-Request": "true", "HX-Target": "kandidaten-resultaat"}


@pytest.fixture
def km_client(client, make_user):
    client.force_login(make_user(Rol.KLANTMANAGER))
    return client


def _namen(response):
    html = response if isinstance(response, str) else response.content.decode()
    return re.findall(r'<a class="utrecht-link" href="/kandidaten/\d+/">([^<]+)</a>', html)


def test_a_filtered_list_has_its_filters_in_the_address(km_client, gemeente):
    DeelnemerFactory(gemeente=gemeente, voornaam="Bram", achternaam="Visser", doelgroep="overig")
    DeelnemerFactory(gemeente=gemeente, voornaam="Amina", achternaam="Haddad", doelgroep="statushouder")
    response = km_client.post(LIJST, {"zoek": "", "doelgroep": "overig", "status": ""})
    assert response.status_code == 302 and response["Location"] == f"{LIJST}?doelgroep=overig"
    assert _namen(met_secties(km_client, response["Location"])) == ["Visser, Bram"]  # the bookmark works

    htmx = km_client.post(LIJST, {"zoek": "", "doelgroep": "overig", "status": "zonder_traject"}, headers=HTMX)
    assert htmx["HX-Replace-Url"] == f"{LIJST}?doelgroep=overig&status=zonder_traject"


def test_the_search_term_never_reaches_an_address(km_client, gemeente):
    DeelnemerFactory(gemeente=gemeente, voornaam="Amina", achternaam="Haddad", bsn="123456782")
    DeelnemerFactory(gemeente=gemeente, voornaam="Bram", achternaam="Visser")
    response = km_client.post(LIJST, {"zoek": "123456782", "doelgroep": ""})
    assert response.status_code == 200 and _namen(response) == ["Haddad, Amina"]
    html = response.content.decode()
    assert not [url for url in re.findall(r'(?:href|hx-get|action)="([^"]*)"', html) if "123456782" in url]

    htmx = km_client.post(LIJST, {"zoek": "Haddad", "doelgroep": "statushouder"}, headers=HTMX)
    assert htmx["HX-Replace-Url"] == f"{LIJST}?doelgroep=statushouder"  # without the search term

    ignored = _lijst(km_client, {"zoek": "Haddad"})
    assert _namen(ignored) == ["Haddad, Amina", "Visser, Bram"]
    assert 'value="Haddad"' not in ignored


def test_paging_keeps_the_filters_in_links_and_the_search_term_in_the_form(km_client, gemeente):
    DeelnemerFactory.create_batch(27, gemeente=gemeente, doelgroep="overig", achternaam="Jansen")
    html = _lijst(km_client, {"doelgroep": "overig"})
    assert 'href="/kandidaten/?doelgroep=overig&amp;pagina=2"' in html

    html = km_client.post(LIJST, {"zoek": "Jansen", "doelgroep": "overig"}).content.decode()
    assert 'form="kandidaten-filters" name="pagina" value="2"' in html
    tweede = km_client.post(LIJST, {"zoek": "Jansen", "doelgroep": "overig", "pagina": "2"})
    assert "27 kandidaten gevonden, pagina 2 van 2" in tweede.content.decode()


def test_a_long_list_links_the_first_last_and_nearby_pages_only(km_client, gemeente):
    DeelnemerFactory.create_batch(26 * 10, gemeente=gemeente)  # 11 pages of 25
    html = _lijst(km_client, {"pagina": 6})
    links = re.findall(r'pagina=(\d+)" hx-get', html)
    assert [int(n) for n in links if n != ""] == [5, 1, 4, 5, 7, 8, 11, 7]  # previous, pages, next
    assert html.count("…") == 2


def test_the_page_loads_its_table_lazily_with_the_filters_and_never_the_search_term(km_client, gemeente):
    DeelnemerFactory(gemeente=gemeente, voornaam="Bram", achternaam="Visser", doelgroep="overig")
    with CaptureQueriesContext(connection) as queries:
        pagina = km_client.get(LIJST, {"doelgroep": "overig", "pagina": "2", "zoek": "Visser"}).content.decode()
    assert not [q for q in queries if "deelnemers_deelnemer" in q["sql"]]  # no candidate read by the page
    assert "Visser" not in pagina  # the table loads after the page, the search term is ignored in a GET
    url = f"{reverse('deelnemers:kandidaten_resultaat')}?doelgroep=overig&amp;pagina=2"
    assert f'hx-get="{url}"' in pagina and 'hx-target="#kandidaten-resultaat"' in pagina
    # Without JavaScript the table's URL is a page of its own, with the count and a way back.
    los = km_client.get(reverse("deelnemers:kandidaten_resultaat"), {"doelgroep": "overig"}).content.decode()
    assert "<html" in los and "Visser, Bram" in los and "1 kandidaat gevonden" in los
    assert f'href="{LIJST}?doelgroep=overig">Mijn kandidaten</a>' in los
