"""Browser journey on a phone-sized window (360 x 740): the employer shows interest in a profile,
accepts a match and confirms a placement; the regisseur's board then shows the participant in
proefplaatsing. Every portal page meets WCAG 2.1 AA (axe-core), has no horizontal scrolling and
touch targets of at least 44 px, under the strict CSP."""

import os
import shutil

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from tests.browser.helpers import axe_violations, login, secties_geladen
from trajecten import constants as tc
from werkgevers import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: save screenshots for a human look


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM calls next to Playwright's loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"], headless=True
        )
        context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740}, has_touch=True)
        page = context.new_page()
        page.csp = []
        page.on("console", lambda msg: page.csp.append(msg.text) if "Content Security Policy" in msg.text else None)
        yield page
        context.close()
        browser.close()


def _check(page, name):
    """axe-core WCAG 2.1 AA, no horizontal scrolling at 360 px, touch targets of 44 px."""
    # the lazy sections (leerwerk.secties) have loaded: the page as the employer sees it
    expect(page.locator(".leerwerk-lui")).to_have_count(0)
    assert axe_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name}: scrolls sideways"
    small = page.evaluate(
        """() => [...document.querySelectorAll('.werkgevers-portal button, .werkgevers-portal summary,'
                 + ' .werkgevers-kaart__link, .werkgevers-subnav a, .werkgevers-portal select')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)"""
    )
    assert small == [], f"{name}: touch targets below 44 px"
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_employer_journey_on_a_phone_ends_in_proefplaatsing_on_the_board(phone, live_server, world):
    page, base = phone, live_server.url
    deelname = world.deelname(tc.DeelnameStatus.OPLEIDING, voornaam="Yusuf", achternaam="Telefoon")
    code = deelname.profiel.pseudoniem

    login(page, base, world.werkgever_user.email)
    _check(page, "1-mijn-werk")
    page.get_by_role("button", name="Menu").tap()  # on a phone the menu folds behind a button
    page.get_by_role("link", name="Mijn plekken en kandidaten").tap()
    page.wait_for_url(f"{base}/werkgever/")
    _check(page, "2-start")
    page.get_by_role("link", name=world.plek.functietitel).click()
    page.get_by_text("Passend:").first.click()  # open the score's explanation
    _check(page, "3-plek")
    page.get_by_role("button", name=f"Ik sta open voor deze kandidaat ({code})").click()
    assert page.get_by_text(f"U staat open voor kandidaat {code}").is_visible()
    assert "Yusuf" not in page.content()

    # the regisseur proposes the match; the employer answers it on the phone
    services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    page.goto(f"{base}{reverse('werkgever:start')}")
    page.get_by_role("link", name=f"Kandidaat {code} voor {world.plek.functietitel}").click()
    page.get_by_text("Afwijzen, met een reden").click()
    page.get_by_role("button", name="Match afwijzen").click()
    assert page.get_by_text("Kies een reden.").is_visible()
    _check(page, "4-match-fout")
    page.get_by_role("button", name="Accepteren").click()
    assert page.get_by_text("Yusuf Telefoon").is_visible()
    _check(page, "5-match-geaccepteerd")

    # the regisseur proposes the placement; the employer confirms it
    world.proposed_placement(deelname)
    page.goto(f"{base}{reverse('werkgever:start')}")
    page.get_by_role("link", name="Yusuf Telefoon: Proefplaatsing met behoud van uitkering").click()
    _check(page, "6-plaatsing")
    page.get_by_role("button", name="Bevestig deze plaatsing (versie 1)").click()
    assert page.get_by_text("U heeft de plaatsing bevestigd.").is_visible()

    page.goto(f"{base}{reverse('werkgever:profiel', args=[deelname.profiel.pk])}")
    _check(page, "7-profiel")
    page.goto(f"{base}{reverse('werkgever:profielen')}")
    _check(page, "8-profielen")
    assert page.csp == [] or SCREENSHOTS

    login(page, base, world.regisseur.email)
    page.goto(f"{base}{reverse('trajecten:detail', args=[world.traject.pk])}")
    secties_geladen(page)
    kolom = page.locator("section.trajecten-kolom[data-status='proefplaatsing']")
    assert kolom.locator(f"#kaart-{deelname.pk}").get_by_role("link", name="Yusuf Telefoon").is_visible()
