"""The AVG page in Chromium: every open request's decision field has its own label and help,
a refused decision shows its Dutch error in that row, linked to the field, and axe finds no
WCAG 2.1 AA violation at 1280 and 360 px, before and after the error."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from avg import services
from avg.constants import VerzoekSoort, VerzoekStatus
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, page  # noqa: F401 (fixtures)
from tests.browser.helpers import axe_op_beide_breedtes, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

HULP = "Wat u hebt gedaan, of waarom het verzoek wordt geweigerd. De persoon krijgt dit te horen."


def test_the_klantmanager_handles_a_request_with_the_keyboard(page, live_server, world, csp_violations):  # noqa: F811
    deelnemer = world.deelname(voornaam="Amal", achternaam="Haddad").deelnemer
    eerste, tweede = (
        services.verzoek_vastleggen(
            acting_user=world.klantmanager,
            deelnemer=deelnemer,
            soort=VerzoekSoort.CORRECTIE,
            ontvangen_op=timezone.localdate(),
            toelichting=f"Verzoek {i}",
        )  # fmt: skip
        for i in (1, 2)
    )
    login(page, live_server.url, world.klantmanager.email)
    page.goto(live_server.url + reverse("avg:kandidaat", args=[deelnemer.pk]))
    for verzoek in (eerste, tweede):
        veld = page.locator(f"#afhandelen_{verzoek.pk}_besluit")
        expect(veld).to_have_accessible_name("Besluit")
        expect(veld).to_have_accessible_description(HULP)
    axe_op_beide_breedtes(page)

    rij = page.locator("article", has=page.locator(f"#afhandelen_{tweede.pk}_besluit"))
    rij.get_by_text("Besluit", exact=True).click()  # the label leads to its own field
    expect(page.locator(f"#afhandelen_{tweede.pk}_besluit")).to_be_focused()
    page.keyboard.press("Tab")  # to "Uitgevoerd", then "Weigeren"
    page.keyboard.press("Tab")
    expect(rij.get_by_role("button", name="Weigeren")).to_be_focused()
    page.keyboard.press("Enter")  # nothing written: refused, with the error in this row

    fout = "Schrijf op wat u hebt gedaan, of waarom het verzoek is geweigerd."
    rij = page.locator("article", has=page.locator(f"#afhandelen_{tweede.pk}_besluit"))
    expect(rij.get_by_text(fout)).to_be_visible()
    expect(page.get_by_text(fout)).to_have_count(1)
    veld = page.locator(f"#afhandelen_{tweede.pk}_besluit")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(veld).to_have_accessible_description(f"{HULP} {fout}")
    expect(page.locator(f"#afhandelen_{eerste.pk}_besluit")).not_to_have_attribute("aria-invalid", "true")
    axe_op_beide_breedtes(page)

    veld.fill("Niet te corrigeren: de naam staat zo in de BRP.")
    rij.get_by_role("button", name="Weigeren").click()
    expect(page.get_by_text("Het verzoek is afgehandeld.")).to_be_visible()
    tweede.refresh_from_db(), eerste.refresh_from_db()
    assert (tweede.status, eerste.status) == (VerzoekStatus.GEWEIGERD, VerzoekStatus.INGEDIEND)
    assert csp_violations == []
