"""The results in headless Chromium (issue 14).

The wethouder: from the start page's card to the results, the definitions opened by keyboard,
the trajectories side by side read by keyboard (the chart's table), a filter by trajectory, and
the council PDF asked for, rendered (what the Celery worker does) and downloaded. The regisseur:
from a figure to the participants behind it. axe (WCAG 2.1 AA) on every page at a desk and on a
phone (nothing wider than the screen), and no CSP violations."""

import pytest
from playwright.sync_api import expect

from leerwerk.demo import demo_email
from resultaten.models import Raadsrapportage
from resultaten.tasks import raadsrapportage_pdf
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, demo_world, page  # noqa: F401
from tests.browser.helpers import axe_op_beide_breedtes, login, secties_geladen
from tests.pdf import pdf_text
from trajecten.demo_cohort import COHORT_NAAM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _tab_naar(pagina, selector: str, max_stappen: int = 80) -> None:
    """Press Tab until `selector` has the focus (as someone with a keyboard would)."""
    for _i in range(max_stappen):
        pagina.keyboard.press("Tab")
        if pagina.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} kreeg geen focus met Tab")


def test_the_wethouder_reads_filters_and_takes_the_council_report(page, live_server, demo_world, csp_violations):  # noqa: F811
    base = live_server.url
    login(page, base, demo_email("wethouder"), landing="**/mijn-werk/wethouder/")
    secties_geladen(page)
    page.get_by_role("link", name="Naar de resultaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultaten")
    secties_geladen(page)
    expect(page.get_by_role("heading", level=2, name=COHORT_NAAM)).to_be_visible()
    page.get_by_text("Zo tellen we").focus()
    page.keyboard.press("Enter")  # the definitions open by keyboard
    expect(page.get_by_text("Uitstroom naar werk: begon aan betaald werk", exact=False)).to_be_visible()
    assert "Om niemand herkenbaar te maken" in page.content()

    # The chart's table, by keyboard: its scrolling region takes the focus and names itself.
    _tab_naar(page, "#vergelijking-tabel-regio")
    regio = page.locator(":focus")
    expect(regio).to_have_attribute("role", "region")
    expect(regio.get_by_role("table")).to_contain_text("Uitstroom naar werk (%)")
    rij = regio.get_by_role("row", name="Uitstroom naar werk (%)")
    expect(rij).to_contain_text("70%")  # the cohort: 7 of 10, as in Noordoost-Brabant
    axe_op_beide_breedtes(page)

    # Filter by trajectory: only the finished cohort.
    page.get_by_role("checkbox", name=COHORT_NAAM).check()
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**/resultaten/?traject=*")
    secties_geladen(page)
    expect(page.get_by_role("heading", level=2, name=COHORT_NAAM)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Glaszetters Noordoost-Brabant")).to_have_count(0)
    expect(page.get_by_text("Uitkomsten van 10 deelnemers")).to_be_visible()
    expect(page.get_by_role("checkbox", name=COHORT_NAAM)).to_be_checked()

    # The council report of that choice: asked for, rendered by the task, downloaded.
    page.get_by_role("button", name="Raadsrapportage maken (pdf)").click()
    expect(page.get_by_text("De raadsrapportage wordt gemaakt")).to_be_visible()
    rapportage = Raadsrapportage.objects.get()
    assert rapportage.keuze["traject"]  # kept with the choice it was asked with
    raadsrapportage_pdf(rapportage.pk)  # what the Celery worker does after the commit
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="pdf 1 downloaden").click()
    assert download.value.suggested_filename.startswith("raadsrapportage-")
    with open(download.value.path(), "rb") as bestand:
        tekst = pdf_text(bestand.read())
    assert COHORT_NAAM in tekst and "Uitkomsten van 10 deelnemers" in tekst
    assert "Glaszetters" not in tekst and "Filmon" not in tekst  # the choice, and no person
    assert csp_violations == []


def test_the_regisseur_drills_down_from_a_figure_to_the_participants(page, live_server, demo_world, csp_violations):  # noqa: F811
    base = live_server.url
    login(page, base, demo_email("regisseur"))
    page.goto(f"{base}/resultaten/regie/")
    secties_geladen(page)
    axe_op_beide_breedtes(page)
    traject = page.get_by_role("region", name=COHORT_NAAM)
    traject.get_by_role("link", name="7: wie? (uitstroom naar werk)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitstroom naar werk")
    expect(page.get_by_role("table")).to_contain_text("Filmon Tesfamariam")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(8)  # the header and seven
    axe_op_beide_breedtes(page)
    assert csp_violations == []
