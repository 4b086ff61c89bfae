"""The opleider's page in headless Chromium: inline row edits through htmx, WCAG 2.1 AA (axe),
no CSP violations."""

import pytest
from playwright.sync_api import expect

from opleiders.models import Certificaat, ModuleDeelname
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, page  # noqa: F401
from tests.browser.helpers import axe_violations, login
from tests.opleiders.conftest import deelname_met_toestemming

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_inline_row_edit_with_htmx_and_accessible_errors(page, live_server, opleiding, csp_violations):  # noqa: F811
    login(page, live_server.url, opleiding.opleider.email, landing="**/mijn-werk/opleider/")
    assert axe_violations(page) == []  # the start page with the opleider's section
    page.get_by_role("link", name="Aanwezigheid en voortgang bijwerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opleiding en voortgang")
    expect(page.locator(".leerwerk-lui")).to_have_count(0)  # the sections loaded (htmx)
    assert axe_violations(page) == []
    page.evaluate("window.zelfdePagina = true")  # gone if the browser loads a new page

    aanwezigheid = page.get_by_label("Aanwezigheid (%): Amira Haddad")
    aanwezigheid.fill("120")
    page.get_by_role("button", name="Opslaan (Amira Haddad)").click()
    expect(page.get_by_role("status")).to_have_text("Niet opgeslagen: controleer de invoer bij Amira Haddad.")
    expect(page.get_by_label("Aanwezigheid (%): Amira Haddad")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#rij{opleiding.moduledeelname.pk}_aanwezigheid_error")).to_have_text(
        "Vul een percentage in van 0 tot en met 100."
    )
    assert page.evaluate("window.zelfdePagina") is True
    assert axe_violations(page) == []
    assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid is None

    page.get_by_label("Aanwezigheid (%): Amira Haddad").fill("90")
    page.get_by_label("Voortgang: Amira Haddad").select_option("bezig")
    page.get_by_label("Aanwezigheid (%): Amira Haddad").press("Enter")  # the keyboard submits the row too
    expect(page.get_by_role("status")).to_have_text("Opgeslagen voor Amira Haddad.")
    expect(page.get_by_label("Aanwezigheid (%): Amira Haddad")).not_to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.zelfdePagina") is True
    stored = ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk)
    assert (stored.aanwezigheid, stored.voortgang) == (90, "bezig")
    assert csp_violations == []


def test_vca_certificate_without_expiry_shows_the_error_at_the_field(page, live_server, opleiding):  # noqa: F811
    login(page, live_server.url, opleiding.opleider.email, landing="**/mijn-werk/opleider/")
    page.goto(f"{live_server.url}/opleiding/")
    expect(page.locator(".leerwerk-lui")).to_have_count(0)
    page.get_by_text("Certificaat vastleggen in Monteurs 2026").click()
    form = page.locator(f"#certificaat-toevoegen-{opleiding.traject.pk}")
    form.get_by_label("Deelnemer").select_option(label="Amira Haddad")
    form.get_by_label("Soort certificaat").select_option("vca_basis")
    form.get_by_label("Behaald op").fill("2026-04-30")
    form.get_by_label("Behaald in module").select_option(str(opleiding.module.pk))
    form.get_by_role("button", name="Certificaat vastleggen").click()
    form = page.locator(f"#certificaat-toevoegen-{opleiding.traject.pk}")
    expect(form.get_by_label("Geldig tot")).to_have_attribute("aria-invalid", "true")
    expect(form).to_contain_text("Een VCA-certificaat heeft een vervaldatum")
    assert axe_violations(page) == []
    assert not Certificaat.objects.exists()


def test_a_link_into_a_lazy_section_reaches_its_row(page, live_server, opleiding):  # noqa: F811
    """After saving without JavaScript's help the page comes back at the row (/opleiding/#rij-..):
    the row is in a section that loads after the page, and the page scrolls to it then."""
    for i in range(30):  # enough rows before Amira's to push her row below the fold
        ModuleDeelname.objects.create(
            module=opleiding.module,
            deelname=deelname_met_toestemming(opleiding.traject, deelnemer__achternaam=f"Aa{i:02}"),
        )
    login(page, live_server.url, opleiding.opleider.email, landing="**/mijn-werk/opleider/")
    page.goto(f"{live_server.url}/opleiding/#rij-{opleiding.moduledeelname.pk}")
    expect(page.locator(f"#rij-{opleiding.moduledeelname.pk}")).to_be_in_viewport()
