"""The planning helper in a real browser: it loads into the trajectory page with htmx under the
strict CSP, answers a question without a page load, keeps the focus, and passes axe."""

import datetime
import os

import pytest

from leerwerk.datums import werkdag_vanaf
from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import BouwvakPeriode, Organisatie, OrganisatieType, Rol, User
from tests.browser.helpers import axe_violations, login, secties_geladen
from tests.factories import TrajectFactory, TrajectFaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]
D = datetime.date
SCREENSHOTS = os.environ.get("REGIE_SCREENSHOTS")  # a folder: save a screenshot for a human look


@pytest.fixture
def traject(db):
    regio = Organisatie.objects.create(naam="Noordoost-Brabant", type=OrganisatieType.ARBEIDSMARKTREGIO)
    gemeente = Organisatie.objects.create(
        naam="Oss", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regio, provincie="noord_brabant"
    )
    User.objects.create_user(
        "regie@test.example", DEMO_PASSWORD, naam="Sanne Regisseur", organisatie=gemeente, rollen=[Rol.REGISSEUR]
    )
    # Test data, not Bouwend Nederland's: the helper needs this year's and next year's bouwvak.
    vandaag = datetime.date.today()
    for jaar in (vandaag.year, vandaag.year + 1):
        BouwvakPeriode.objects.update_or_create(
            regio="zuid", jaar=jaar, defaults={"start": D(jaar, 7, 19), "eind": D(jaar, 8, 6), "bron": "test"}
        )
    traject = TrajectFactory(naam="Installatie Oss", regie_organisatie=gemeente, arbeidsmarktregio=regio)
    jaar = vandaag.year + 1
    TrajectFaseFactory(traject=traject, soort="werving_selectie", start=D(jaar, 2, 1), eind=D(jaar, 2, 26))
    TrajectFaseFactory(traject=traject, soort="opleiding", start=D(jaar, 3, 1), eind=D(jaar, 6, 30))
    TrajectFaseFactory(traject=traject, soort="proefplaatsing", start=D(jaar, 7, 1), eind=D(jaar, 8, 31))
    return traject


def test_helper_loads_into_the_trajectory_page_and_answers_in_place(page, live_server, traject, csp_violations):
    login(page, live_server.url, "regie@test.example", landing="**/mijn-werk/regisseur/")
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/")
    resultaat = page.locator("#planningshulp-resultaat")
    resultaat.get_by_role("heading", name="Uitkomst: terugrekenen").wait_for()
    jaar = datetime.date.today().year + 1
    # The default: the first working day after the region's next bouwvak (this test's data).
    na_bouwvak = werkdag_vanaf(D(jaar, 8, 7))
    assert f"{na_bouwvak:%d-%m-%Y}" in resultaat.inner_text()
    secties_geladen(page)
    assert axe_violations(page) == []
    page.reload()  # axe leaves empty style attributes behind (see test_regie_board)
    resultaat.get_by_role("heading", name="Uitkomst: terugrekenen").wait_for()
    secties_geladen(page)

    page.evaluate("window.nietHerladen = true")
    page.get_by_label("Gewenste start bij werkgevers").fill(f"{jaar}-07-05")
    page.get_by_role("button", name="Terugrekenen").click()
    resultaat.locator("strong", has_text=f"05-07-{jaar}").wait_for()
    assert page.evaluate("window.nietHerladen") is True
    assert "valt in de bouwvak" in resultaat.inner_text()  # the proefplaatsing from 5 July runs into it
    assert page.evaluate("document.activeElement.id") == "planning-terug-knop"
    assert page.get_by_label("Gewenste start bij werkgevers").input_value() == f"{jaar}-07-05"
    assert axe_violations(page) == []
    if SCREENSHOTS:
        page.locator("#planningshulp").screenshot(path=f"{SCREENSHOTS}/planningshulp.png")
    else:  # Playwright's screenshots inject a style of their own, which the CSP reports.
        assert csp_violations == []
