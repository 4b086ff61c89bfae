"""The jobcoach's pages in headless Chromium (issue 16): the start page, the caseload, one
participant's coaching page (a contact recorded, a retention check with a mistake first) and
the aftercare due. axe (WCAG 2.1 AA) on every page at 1280 and 360 px, where nothing may be
wider than the screen; screenshots of each page at both widths in /work/notes/shots/ (when that
folder exists) to look at."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from begeleiding.models import Behoudcheck
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, page  # noqa: F401
from tests.browser.helpers import axe_op_beide_breedtes, login, secties_geladen
from trajecten.models import Contactmoment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

SHOTS = Path("/work/notes/shots")


def _foto(pagina, naam):
    """Full-page screenshots at 1280 and 360 px, for a person to look at (not asserted)."""
    if not SHOTS.is_dir():
        return
    for breedte in (1280, 360):
        pagina.set_viewport_size({"width": breedte, "height": 800})
        pagina.screenshot(path=str(SHOTS / f"coach_{naam}_{breedte}.png"), full_page=True)
    pagina.set_viewport_size({"width": 1280, "height": 800})


def test_the_jobcoach_records_aftercare(page, live_server, coach, csp_violations):  # noqa: F811
    base = live_server.url
    vandaag = timezone.localdate()
    deelname, _ = coach.aan_het_werk(start=vandaag - dt.timedelta(days=200))
    coach.aan_het_werk(start=vandaag - dt.timedelta(days=40))
    naam = deelname.deelnemer.naam
    page.set_viewport_size({"width": 1280, "height": 800})

    login(page, base, coach.jobcoach.email)
    secties_geladen(page)
    expect(page.get_by_role("heading", name="Mijn deelnemers", level=2)).to_be_visible()
    expect(page.get_by_text("U begeleidt 2 deelnemers.")).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "start")

    page.get_by_role("link", name="Naar mijn deelnemers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn deelnemers")
    secties_geladen(page)
    expect(page.get_by_role("link", name=naam)).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "caseload")

    page.get_by_role("link", name=naam).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(naam)
    secties_geladen(page)
    expect(page.get_by_text("De nazorg kan nog niet worden afgesloten:")).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "deelnemer")

    # A retention check with a mistake first: the fields say what to fix, in Dutch.
    check = page.get_by_role("region", name="Check: nog aan het werk?")
    check.get_by_label("Ja, nog aan het werk").check()
    check.get_by_role("button", name="Check vastleggen").click()
    expect(page.get_by_text("Kies de soort contract.")).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "check_fout")
    check = page.get_by_role("region", name="Check: nog aan het werk?")
    check.get_by_label("Werkgever", exact=True).select_option(label=coach.world.werkgever.organisatie.naam)
    check.get_by_label("Soort contract").select_option("bepaalde_tijd")
    check.get_by_role("button", name="Check vastleggen").click()
    expect(page.get_by_text("De check na 6 maanden van")).to_be_visible()
    assert Behoudcheck.objects.get(deelname=deelname).in_werk

    # An aftercare contact.
    secties_geladen(page)
    contact = page.get_by_role("region", name="Contact vastleggen")
    contact.get_by_label("Soort contact").select_option("nazorg")
    contact.get_by_label("Datum").fill(vandaag.isoformat())
    contact.get_by_label("Samenvatting").fill("Gaat goed, de mentor is tevreden.")
    contact.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_text(f"Het contact met {naam} is vastgelegd.")).to_be_visible()
    assert Contactmoment.objects.filter(deelname=deelname, soort="nazorg").count() == 1
    secties_geladen(page)
    axe_op_beide_breedtes(page)

    page.goto(f"{base}{reverse('begeleiding:nazorg')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nazorgcontacten")
    secties_geladen(page)
    expect(page.get_by_role("link", name=naam).first).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "nazorg")
    assert csp_violations == []


def test_the_regisseur_assigns_a_jobcoach(page, live_server, coach, csp_violations):  # noqa: F811
    base = live_server.url
    w = coach.world
    deelname = w.deelname()
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, base, w.regisseur.email)
    page.goto(f"{base}{reverse('begeleiding:toewijzen', args=[w.traject.pk])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobcoaches van de deelnemers")
    secties_geladen(page)
    axe_op_beide_breedtes(page)
    _foto(page, "toewijzen")
    page.get_by_label(f"Jobcoach voor {deelname.deelnemer.naam}").select_option(label="Cor Collega (Jobcoaching Test)")
    page.get_by_role("button", name=f"Toewijzen aan {deelname.deelnemer.naam}").click()
    expect(page.get_by_text("Cor Collega is toegewezen als jobcoach.")).to_be_visible()
    secties_geladen(page)
    axe_op_beide_breedtes(page)
    assert csp_violations == []
