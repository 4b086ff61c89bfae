"""The wethouder's results in headless Chromium (issue 14): from the start page's card to the
results, the definitions opened by keyboard, axe (WCAG 2.1 AA) on the page with its figures
loaded, at a desk and on a phone (nothing wider than the screen), and no CSP violations."""

import pytest
from playwright.sync_api import expect

from leerwerk.demo import demo_email
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, demo_world, page  # noqa: F401
from tests.browser.helpers import axe_violations, login, secties_geladen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_the_wethouder_reads_the_results(page, live_server, demo_world, csp_violations):  # noqa: F811
    base = live_server.url
    login(page, base, demo_email("wethouder"), landing="**/mijn-werk/wethouder/")
    secties_geladen(page)
    page.get_by_role("link", name="Naar de resultaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultaten")
    secties_geladen(page)
    expect(page.get_by_role("heading", level=2, name="Installatietechniek Noordoost-Brabant")).to_be_visible()
    page.get_by_text("Zo tellen we").focus()
    page.keyboard.press("Enter")  # the definitions open by keyboard
    expect(page.get_by_text("Uitstroom naar werk: begon aan betaald werk", exact=False)).to_be_visible()
    assert axe_violations(page) == []
    assert "Om niemand herkenbaar te maken" in page.content()
    page.set_viewport_size({"width": 360, "height": 800})
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert csp_violations == []
