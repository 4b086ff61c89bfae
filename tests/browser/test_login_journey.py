"""Each demo role logs in through the real login page and lands on its own start page."""

import re

import pytest
from playwright.sync_api import expect

from leerwerk.demo import DEMO_PASSWORD, DEMO_ROLES, demo_email
from leerwerk.models import Rol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def _login(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_every_demo_role_reaches_its_start_page(page, live_server, demo_world, csp_violations):
    for rol in DEMO_ROLES:
        _login(page, live_server.url, demo_email(rol), DEMO_PASSWORD)
        expect(page).to_have_url(re.compile(rf"/mijn-werk/{rol}/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Mijn werk: {Rol(rol).label}")
        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uitgelogd")
    assert csp_violations == []


def test_wrong_password_shows_a_dutch_error(page, live_server, demo_world):
    _login(page, live_server.url, demo_email("regisseur"), "verkeerd-wachtwoord")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("alert")).to_contain_text("Het e-mailadres of het wachtwoord is onjuist")


def test_login_works_with_the_keyboard_alone(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Naar de inhoud")  # the skip link comes first
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type(demo_email("wethouder"))
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk: Wethouder")


def test_beheerder_opens_the_admin_from_the_start_page(page, live_server, demo_world):
    _login(page, live_server.url, demo_email("beheerder"), DEMO_PASSWORD)
    page.get_by_role("link", name="Organisaties").click()
    expect(page.get_by_role("link", name="Noordoost-Brabant").first).to_be_visible()


def test_admin_pages_work_under_the_content_security_policy(page, live_server, demo_world, csp_violations):
    _login(page, live_server.url, demo_email("beheerder"), DEMO_PASSWORD)
    for path in [
        "/beheer/",
        "/beheer/leerwerk/organisatie/",
        "/beheer/leerwerk/organisatie/add/",
        "/beheer/leerwerk/user/",
        "/beheer/leerwerk/accesslog/",
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#content")).to_be_visible()
    assert csp_violations == []
