"""Browser check of the regisseur's match overview (issue 12): its sections load by htmx under the
strict CSP, the loaded page meets WCAG 2.1 AA (axe-core), and proposing from a lazily loaded
place section works and returns to that place."""

import os
import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from tests.browser.helpers import axe_violations, login
from werkgevers.models import Match

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def page(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM calls next to Playwright's loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"], headless=True
        )
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.csp = []
        page.on("console", lambda msg: page.csp.append(msg.text) if "Content Security Policy" in msg.text else None)
        yield page
        context.close()
        browser.close()


def test_the_overview_loads_its_sections_and_proposes_from_a_place(page, live_server, world):
    deelname = world.deelname(voornaam="Sami", achternaam="Browser")
    code = deelname.profiel.pseudoniem
    base = live_server.url
    login(page, base, world.regisseur.email)
    page.goto(f"{base}{reverse('matching:traject', args=[world.traject.pk])}")
    expect(page.locator(".leerwerk-lui")).to_have_count(0)  # every section swapped in
    plek = page.locator(f"#plek-{world.plek.pk}")
    expect(plek.get_by_role("link", name="Sami Browser")).to_be_visible()
    expect(page.locator("#matches")).to_contain_text("Nog geen matches.")
    assert axe_violations(page) == []
    assert page.csp == []

    knop = plek.get_by_role("button", name="Voorstellen")
    expect(knop).to_have_count(1)
    knop.click()
    page.wait_for_url(f"**#plek-{world.plek.pk}")
    expect(page.get_by_text(f"{code} is voorgesteld aan")).to_be_visible()
    expect(page.locator(f"#plek-{world.plek.pk}-kandidaten")).to_contain_text("Voorgesteld")
    assert Match.objects.filter(deelname=deelname, leerwerkplek=world.plek).exists()
