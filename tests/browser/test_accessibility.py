"""WCAG 2.1 A/AA checks with axe-core on the pages a person sees first."""

from pathlib import Path

import pytest

from leerwerk.demo import DEMO_PASSWORD, DEMO_ROLES, demo_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _violations(page):
    # Injected through Playwright's evaluate, not as a <script>: our CSP allows none inline.
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_login_page_and_its_errors_meet_wcag_aa(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/login/")
    assert _violations(page) == []
    page.get_by_role("button", name="Inloggen").click()  # empty form: field errors shown
    assert page.get_by_text("Vul uw e-mailadres in.").is_visible()
    assert _violations(page) == []


def test_every_start_page_meets_wcag_aa(page, live_server, demo_world):
    for rol in DEMO_ROLES:
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mailadres").fill(demo_email(rol))
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(f"**/mijn-werk/{rol}/")
        assert _violations(page) == [], rol


def test_password_reset_page_meets_wcag_aa(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/password_reset/")
    assert _violations(page) == []


def test_the_check_finds_a_violation_when_there_is_one(page, live_server, demo_world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('label[for=id_password]').remove()")
    assert any(v.startswith("label ") for v in _violations(page))
