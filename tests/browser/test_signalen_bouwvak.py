"""Browser journey: the regisseur opens a trajectory whose planned placement starts in the
bouwvak, sees the signal with its suggested date, applies it (by keyboard), and the signal
closes. The signal list: an action swaps its row with htmx (focus and a spoken message stay
with the user), a snooze date in the past is refused at the field. WCAG 2.1 AA with axe-core,
under the strict CSP."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import BouwvakPeriode, Organisatie, OrganisatieType, Rol, User
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from signalen.scan import scan
from tests.browser.helpers import axe_violations, login, secties_geladen, wacht_op
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    LeerwerkplekFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from werkgevers import constants as wc
from werkgevers.models import Plaatsing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

SCREENSHOTS = os.environ.get("SIGNALEN_SCREENSHOTS")  # a folder: save screenshots for a human look


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def _csp(violations):
    return [] if SCREENSHOTS else violations  # screenshots inject a style the CSP reports


@pytest.fixture
def bouwvakwereld(db):
    """A trajectory in Noord-Brabant (bouwvak region Zuid) with a placement proposed to start in
    next year's bouwvak, and the scan run."""
    jaar = timezone.localdate().year + 1
    BouwvakPeriode.objects.update_or_create(
        regio="zuid", jaar=jaar, defaults={"start": dt.date(jaar, 7, 19), "eind": dt.date(jaar, 8, 6)}
    )
    regio = Organisatie.objects.create(naam="Noordoost-Brabant", type=OrganisatieType.ARBEIDSMARKTREGIO)
    gemeente = Organisatie.objects.create(
        naam="Oss", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regio, provincie="noord_brabant"
    )
    regisseur = User.objects.create_user(
        "regie@test.example", DEMO_PASSWORD, naam="Sanne Regisseur", organisatie=gemeente, rollen=[Rol.REGISSEUR]
    )
    traject = TrajectFactory(
        naam="Installatietechniek Oss", regie_organisatie=gemeente, arbeidsmarktregio=regio, regisseur=regisseur,
        status=tc.TrajectStatus.LOPEND, gemeenten=[gemeente], sector=tc.Sector.OVERIG,
    )  # fmt: skip
    werkgever = WerkgeverFactory(organisatie__naam="Installatiebedrijf Van der Heijden")
    TrajectPartnerFactory(traject=traject, organisatie=werkgever.organisatie, rol=tc.PartnerRol.WERKGEVER)
    plek = LeerwerkplekFactory(werkgever=werkgever, traject=traject)
    deelnemer = DeelnemerFactory(voornaam="Rami", achternaam="Khalil", gemeente=gemeente)
    deelname = DeelnameFactory(traject=traject, deelnemer=deelnemer, status=tc.DeelnameStatus.OPLEIDING)
    plaatsing = Plaatsing.objects.create(
        deelname=deelname, leerwerkplek=plek, soort=wc.PlaatsingSoort.PROEFPLAATSING, start=dt.date(jaar, 7, 26),
        gepland_einde=dt.date(jaar, 9, 10), uren_per_week=32, status=wc.PlaatsingStatus.VOORGESTELD,
        voorgesteld_door=regisseur,
    )  # fmt: skip
    scan()
    signaal = Signaal.objects.get(regel=Regel.BOUWVAK_START, object_id=str(plaatsing.pk))
    return {
        "traject": traject, "plaatsing": plaatsing, "signaal": signaal, "regisseur": regisseur, "deelname": deelname,
    }  # fmt: skip


def _tab_naar(page, selector, max_tabs=200):
    """Press Tab until the element matching `selector` has the focus; fail if it never does."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def _focus_zichtbaar(page) -> bool:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"
    )


def test_regisseur_applies_the_suggested_date_after_the_bouwvak(page, live_server, bouwvakwereld, csp_violations):
    w = bouwvakwereld
    signaal, plaatsing = w["signaal"], w["plaatsing"]
    voorstel = f"{signaal.suggestie:%d-%m-%Y}"
    login(page, live_server.url, "regie@test.example", landing="**/mijn-werk/regisseur/")
    secties_geladen(page)  # the start page's signals load after the page
    # The start page lists it among the most urgent signals.
    assert page.locator(".signalen-start").get_by_text(signaal.bericht).is_visible()

    page.goto(f"{live_server.url}/trajecten/{w['traject'].pk}/")
    secties_geladen(page)
    sectie = page.locator("section#signalen")
    assert sectie.get_by_role("heading", name="Signalen").is_visible()
    assert sectie.get_by_text(signaal.bericht).is_visible()
    assert sectie.get_by_text(f"Voorstel: {voorstel}").is_visible()
    assert sectie.get_by_text("(deelnemer: Rami Khalil)").is_visible()
    _shot(page, "traject-signaal")
    assert axe_violations(page) == []
    page.reload()  # axe leaves attributes behind; go on from a fresh page
    secties_geladen(page)

    # By keyboard: Tab to the button (visible focus), Enter.
    _tab_naar(page, f"#signaal-{signaal.pk} .signalen-knop--voorstel")
    assert page.evaluate("document.activeElement.textContent.trim()") == f"Voorstel toepassen: {voorstel}"
    assert _focus_zichtbaar(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/trajecten/{w['traject'].pk}/#signalen")
    secties_geladen(page)

    assert page.get_by_text(f"Voorstel toegepast. De plaatsing begint nu op {voorstel}.").is_visible()
    assert page.locator(f"#signaal-{signaal.pk}").count() == 0
    assert sectie.get_by_text(signaal.bericht).count() == 0
    plaatsing.refresh_from_db()
    signaal.refresh_from_db()
    assert plaatsing.start == signaal.suggestie
    assert signaal.status == SignaalStatus.VERVALLEN
    _shot(page, "traject-toegepast")
    # The list shows it closed among the lapsed ones.
    page.goto(f"{live_server.url}/signalen/?status=vervallen")
    secties_geladen(page)  # the list loads after the page, with its filters
    assert page.locator(f"#signaal-{signaal.pk}").get_by_text("Vervallen: de oorzaak is weg").is_visible()
    assert axe_violations(page) == []
    assert _csp(csp_violations) == []


def test_signal_list_actions_swap_the_row_keep_the_focus_and_meet_wcag(page, live_server, bouwvakwereld,
                                                                       csp_violations):  # fmt: skip
    w = bouwvakwereld
    andere = Signaal.objects.create(
        regel=Regel.WACHTTIJD, object_type="deelname", object_id=str(w["deelname"].pk),
        deadline=timezone.localdate() + dt.timedelta(days=2), ernst=Ernst.URGENT,
        bericht="Geselecteerd, nog niet gestart.", rol=Rol.REGISSEUR, verantwoordelijke=w["regisseur"],
        traject=w["traject"], deelname=w["deelname"],
    )  # fmt: skip
    login(page, live_server.url, "regie@test.example", landing="**/mijn-werk/regisseur/")
    page.get_by_role("link", name="Signalen", exact=True).click()
    page.wait_for_url("**/signalen/")
    secties_geladen(page)  # the list loads after the page
    assert page.locator(f"#signaal-{andere.pk}").get_by_text("Urgent", exact=True).is_visible()
    _shot(page, "lijst")
    assert axe_violations(page) == []
    page.reload()
    secties_geladen(page)

    # Gezien, by keyboard, swaps only the row; the focus lands on its status, the message is spoken.
    page.evaluate("window.nietHerladen = true")
    _tab_naar(page, f"#signaal-{andere.pk} form[action$='/gezien/'] button")
    assert _focus_zichtbaar(page)
    page.keyboard.press("Enter")
    wacht_op(page, "i => !!document.activeElement && document.activeElement.id === i", f"signaal-{andere.pk}-status")
    assert page.locator(f"#signaal-{andere.pk}-status").inner_text().startswith("Gezien")
    assert page.locator("#signalen-melding").inner_text() == "Signaal gemarkeerd als gezien."
    assert page.evaluate("window.nietHerladen") is True
    andere.refresh_from_db()
    assert andere.status == SignaalStatus.GEZIEN

    # A snooze date in the past: the error at the field, the focus on it.
    veld = page.locator(f"#signaal-{andere.pk}-tot")
    veld.fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.locator(f"#signaal-{andere.pk}").get_by_role("button", name="Uitstellen").click()
    wacht_op(page, "i => !!document.activeElement && document.activeElement.id === i", f"signaal-{andere.pk}-tot")
    assert page.locator(f"#signaal-{andere.pk}-tot_error").inner_text() == "Kies een datum na vandaag."
    assert page.locator(f"#signaal-{andere.pk}-tot").get_attribute("aria-invalid") == "true"
    _shot(page, "lijst-fout")
    assert axe_violations(page) == []
    andere.refresh_from_db()
    assert andere.status == SignaalStatus.GEZIEN
    assert _csp(csp_violations) == []
