"""The wethouder's leak test (issue 14): no person reaches the wethouder, in any output.

The demo world is loaded (with its finished cohort), every personal field of every participant
gets a marker value (the werkgevers leak test's markers), and the wethouder's side is crawled
like a browser and an API client would: the start page, the results page and its section with
every filter choice, the three exports, the council PDF, the API, and whatever their links
lead to. No marker may appear anywhere.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import deque

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from leerwerk.demo import demo_email
from leerwerk.models import Rol, User
from resultaten.models import Raadsrapportage
from resultaten.tasks import raadsrapportage_pdf
from tests.werkgevers.test_leak import _found, _mark_everyone, _texts
from trajecten.selectors import trajecten_van_gemeente

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

START = ["/mijn-werk/", "/resultaten/", "/resultaten/overzicht/", "/api/v1/resultaten/", "/api/v1/trajecten/",
         "/api/v1/deelnames/", "/api/v1/deelnemers/", "/api/v1/signalen/", "/api/v1/plaatsingen/",
         "/api/v1/begrotingen/", "/signalen/"]  # fmt: skip
FOLLOW = re.compile(r"^/(resultaten|api/v1|signalen|financiering|mijn-werk|trajecten|deelnemers)/")


def _tekst(response) -> str:
    """A response as text, spreadsheets unpacked (their cells are zipped XML)."""
    soort = response.get("Content-Type", "")
    if "spreadsheetml" in soort:
        blad = load_workbook(io.BytesIO(response.content)).active
        return "\n".join(";".join("" if c is None else str(c) for c in r) for r in blad.iter_rows(values_only=True))
    if "opendocument" in soort:
        with zipfile.ZipFile(io.BytesIO(response.content)) as z:
            return z.read("content.xml").decode()
    if soort.startswith("text/csv"):
        return response.content.decode("utf-8-sig")
    return _texts(response)


def _crawl(client, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue:
        url = queue.popleft()
        if url in seen or len(seen) > 300:
            continue
        response = client.get(url)
        seen[url] = f"{response.status_code}\n{_tekst(response)}"
        if response.get("Content-Type", "").startswith("text/html"):
            for href in re.findall(r'href="([^"#]+)', seen[url]):
                href = href.replace("&amp;", "&")
                if FOLLOW.match(href) and "/accounts/" not in href:
                    queue.append(href)
    return seen


def test_no_person_reaches_the_wethouder_in_any_output(client):
    call_command("demo_data")
    markers = _mark_everyone()
    wethouder = User.objects.get(email=demo_email(Rol.WETHOUDER))
    client.force_login(wethouder)
    keuzes = [""] + [f"?traject={t.pk}" for t in trajecten_van_gemeente(wethouder)] + ["?sector=installatietechniek"]
    start = list(START)
    for keuze in keuzes:
        start += [f"/resultaten/{keuze}", f"/resultaten/overzicht/{keuze}"]
        start += [f"/resultaten/export.{f}{keuze}" for f in ("xlsx", "ods", "csv")]
        assert client.post(f"/resultaten/raadsrapportage/{keuze}").status_code == 302
    for rapportage in Raadsrapportage.objects.filter(aangevraagd_door=wethouder):
        raadsrapportage_pdf(rapportage.pk)  # what the Celery worker does
        start.append(f"/resultaten/raadsrapportage/{rapportage.pk}.pdf")
    pages = _crawl(client, start)
    ok = {u for u, t in pages.items() if t.startswith("200")}
    # The crawl read the page, the section, each export and each PDF of every choice.
    assert sum(u.startswith("/resultaten/export.") for u in ok) == 3 * len(keuzes)
    assert sum(u.endswith(".pdf") for u in ok) == len(keuzes)
    assert "Installatietechniek Noordoost-Brabant – cohort 1" in pages["/resultaten/overzicht/"]
    assert _found(pages, markers) == set()
    # The markers are found where they belong: the regisseur's drill-down names the people.
    regisseur = User.objects.get(email=demo_email(Rol.REGISSEUR))
    client.force_login(regisseur)
    cohort = trajecten_van_gemeente(wethouder).get(naam="Installatietechniek Noordoost-Brabant – cohort 1")
    url = f"/resultaten/regie/{cohort.pk}/naar_werk/deelnemers/"
    drilldown = {url: _tekst(client.get(url))}
    assert len({pk for pk, veld in _found(drilldown, markers) if veld == "achternaam"}) == 7
