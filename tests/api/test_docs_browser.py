"""The Swagger page really runs under the strict CSP (no inline script, no CDN) in Chromium."""

import pytest
from playwright.sync_api import expect

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Rol
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, page  # noqa: F401 (fixtures)
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_swagger_ui_renders_the_api_without_csp_violations(page, live_server, csp_violations):  # noqa: F811
    user = UserFactory(rollen=[Rol.KLANTMANAGER])
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}/accounts/login/?next=/api/v1/docs/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-documentatie")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/deelnemers/{id}/bsn/")).to_be_visible()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("leerwerk API")
    assert csp_violations == []
    assert failed == []
