"""The issue's journey in a real browser: a klantmanager registers a candidate (a wrong BSN is
refused first) and proposes them for a trajectory; the regisseur then moves them on the board
from aangemeld through intake to geselecteerd. WCAG 2.1 AA is checked on the pages on the way."""

import pytest

from deelnemers.models import Deelnemer
from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import AccessLog, Organisatie, OrganisatieType, Rol, User
from tests.browser.helpers import axe_violations, login, secties_geladen
from tests.factories import TrajectFactory
from trajecten.constants import DeelnameStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


@pytest.fixture
def world(db):
    regio = Organisatie.objects.create(naam="Noordoost-Brabant", type=OrganisatieType.ARBEIDSMARKTREGIO)
    gemeente = Organisatie.objects.create(naam="Oss", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regio)
    User.objects.create_user(
        "km@test.example", DEMO_PASSWORD, naam="Karim Klant", organisatie=gemeente, rollen=[Rol.KLANTMANAGER]
    )
    User.objects.create_user(
        "regie@test.example", DEMO_PASSWORD, naam="Sanne Regie", organisatie=gemeente, rollen=[Rol.REGISSEUR]
    )
    return TrajectFactory(
        naam="Installatietechniek Oss", regie_organisatie=gemeente, arbeidsmarktregio=regio, min_taalniveau="A2"
    )


def test_klantmanager_registers_and_proposes_regisseur_selects(page, live_server, world, csp_violations):
    login(page, live_server.url, "km@test.example", landing=f"**/mijn-werk/{'klantmanager'}/")
    page.get_by_role("link", name="Mijn kandidaten").click()
    page.get_by_role("link", name="Kandidaat registreren").click()

    page.get_by_label("Voornaam").fill("Amina")
    page.get_by_label("Achternaam").fill("Haddad")
    page.get_by_label("Geboortedatum").fill("1994-02-03")
    page.get_by_label("BSN").fill("123456789")  # fails the elfproef
    page.get_by_label("Doelgroep").select_option(label="Statushouder")
    page.get_by_role("button", name="Registreren").click()

    bsn_error = page.get_by_text("Dit BSN klopt niet (het voldoet niet aan de elfproef)").first
    bsn_error.wait_for()
    assert page.get_by_label("BSN").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Voornaam").input_value() == "Amina"  # nothing typed is lost
    assert not Deelnemer.objects.exists()
    assert axe_violations(page) == []

    page.get_by_label("BSN").fill("111222333")
    page.get_by_role("button", name="Registreren").click()
    page.get_by_text("Amina Haddad is geregistreerd.").wait_for()
    deelnemer = Deelnemer.objects.get()
    assert page.get_by_text("******333").first.is_visible()
    assert "111222333" not in page.content()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Aanmelden voor traject").first.click()
    page.get_by_label("Traject").select_option(value=str(world.pk))
    page.locator("#instroomcheck").get_by_text("Taalniveau").first.wait_for()  # htmx: the instroom check
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.get_by_text("Amina Haddad is aangemeld voor Installatietechniek Oss.").wait_for()
    deelname = deelnemer.deelnames.get()
    assert deelname.status == DeelnameStatus.AANGEMELD

    page.get_by_role("button", name="Uitloggen").click()
    login(page, live_server.url, "regie@test.example", landing=f"**/mijn-werk/{'regisseur'}/")
    page.goto(f"{live_server.url}/trajecten/{world.pk}/")
    secties_geladen(page)
    for doel in ("Intake", "Geselecteerd"):
        page.get_by_label("Verplaats naar (Amina Haddad)").select_option(label=doel)
        page.get_by_role("button", name="Verplaats Amina Haddad").click()
        page.locator("#bord-melding", has_text=f"Amina Haddad staat nu op {doel}.").wait_for()
    deelname.refresh_from_db()
    assert deelname.status == DeelnameStatus.GESELECTEERD
    assert list(deelname.stappen.values_list("naar_status", flat=True)) == ["aangemeld", "intake", "geselecteerd"]

    page.get_by_role("link", name="Amina Haddad").first.click()
    page.locator("#tijdlijn table").wait_for()  # the timeline loads lazily (htmx)
    for step in ("Aangemeld", "Intake", "Geselecteerd"):
        assert page.get_by_text(step).first.is_visible()
    assert AccessLog.objects.filter(object_type="deelnemers.Deelnemer", object_id=str(deelnemer.pk)).exists()
    assert csp_violations == []


def test_every_klantmanager_page_meets_wcag_aa(page, live_server, demo_world, csp_violations):
    login(page, live_server.url, "klantmanager@example.org", landing=f"**/mijn-werk/{'klantmanager'}/")
    assert axe_violations(page) == []
    km = User.objects.get(email="klantmanager@example.org")
    deelnemer = Deelnemer.objects.filter(gemeente=km.organisatie).first()
    for path in [
        "/kandidaten/",
        "/kandidaten/nieuw/",
        f"/kandidaten/{deelnemer.pk}/",
        f"/kandidaten/{deelnemer.pk}/sectie/toestemmingen/",  # a section as a page of its own (no JavaScript)
        f"/kandidaten/{deelnemer.pk}/wijzigen/",
        f"/kandidaten/{deelnemer.pk}/intake/",
        f"/kandidaten/{deelnemer.pk}/randvoorwaarden/",
        f"/kandidaten/{deelnemer.pk}/aanmelden/",
        "/api/v1/docs/",
    ]:
        page.goto(f"{live_server.url}{path}")
        secties_geladen(page)  # the lazy sections have loaded (htmx)
        if path == "/api/v1/docs/":
            page.locator(".swagger-ui .info .title").wait_for()  # Swagger UI has rendered
            page.locator(".swagger-ui .opblock").first.wait_for()
        assert axe_violations(page) == [], path
    # The htmx search swaps the table: still accessible afterwards.
    page.goto(f"{live_server.url}/kandidaten/")
    page.get_by_label("Zoek op naam of BSN").fill(deelnemer.achternaam)
    page.get_by_role("link", name=f"{deelnemer.achternaam}, {deelnemer.voornaam}").wait_for()
    assert axe_violations(page) == []
    assert csp_violations == []
