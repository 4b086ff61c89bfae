"""WCAG 2.1 A/AA checks with axe-core on the pages a person sees first."""

import pytest

from leerwerk.demo import DEMO_ROLES, demo_email
from tests.browser.helpers import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_login_page_and_its_errors_meet_wcag_aa(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Inloggen").click()  # empty form: field errors shown
    assert page.get_by_text("Vul uw e-mailadres in.").is_visible()
    assert axe_violations(page) == []


def test_every_start_page_meets_wcag_aa(page, live_server, demo_world):
    for rol in DEMO_ROLES:
        login(page, live_server.url, demo_email(rol), landing=f"**/mijn-werk/{rol}/")
        assert axe_violations(page) == [], rol


def test_password_reset_page_meets_wcag_aa(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/password_reset/")
    assert axe_violations(page) == []


def test_the_check_finds_a_violation_when_there_is_one(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('label[for=id_password]').remove()")
    assert any(v.startswith("label ") for v in axe_violations(page))
