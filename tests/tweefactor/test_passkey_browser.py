"""A passkey in headless Chromium (issue 17): with LEERWERK_MFA=verplicht a new user logs in
with the password, is sent to enrol, registers a passkey on Chromium's virtual authenticator
(over the DevTools protocol), sees the recovery codes once, and at the next login passes the
second step with the same passkey. axe (WCAG 2.1 AA) on every page of the second factor, at
1280 and 360 px; no Content Security Policy violation (django-otp-webauthn's script is served
from static/)."""

import re
from pathlib import Path

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Rol
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, page  # noqa: F401
from tests.browser.helpers import axe_op_beide_breedtes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

SHOTS = Path("/work/notes/shots")


def _foto(pagina, naam):
    """A full-page screenshot at 1280 px, for a person to look at (not asserted)."""
    if SHOTS.is_dir():
        pagina.screenshot(path=str(SHOTS / f"tweefactor_{naam}.png"), full_page=True)


def _virtual_authenticator(pagina) -> tuple:
    cdp = pagina.context.new_cdp_session(pagina)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def _password_login(pagina, base_url, email):
    pagina.context.clear_cookies()
    pagina.goto(f"{base_url}/accounts/login/")
    pagina.get_by_label("E-mailadres").fill(email)
    pagina.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    pagina.get_by_role("button", name="Inloggen").click()


def test_enrol_a_passkey_and_log_in_with_it(page, live_server, settings, make_user, csp_violations):  # noqa: F811
    settings.LEERWERK_MFA = "verplicht"
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    base = live_server.url.replace("127.0.0.1", "localhost")  # a passkey needs a domain, not an IP address
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [base]
    user = make_user(Rol.REGISSEUR, email="passkey@test.example")
    cdp, authenticator = _virtual_authenticator(page)

    # First login: the password, then enrolment before any page.
    _password_login(page, base, user.email)
    expect(page).to_have_url(re.compile(r"/tweefactor/instellen/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    assert page.get_by_role("navigation", name="Hoofdmenu").count() == 0
    knop = page.locator("#passkey-register-button")
    expect(knop).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "instellen")

    knop.click()
    expect(page).to_have_url(re.compile(r"/tweefactor/herstelcodes/"))
    codes = page.locator(".tweefactor-codes code")
    expect(codes).to_have_count(10)
    axe_op_beide_breedtes(page)
    _foto(page, "herstelcodes")
    credential = WebAuthnCredential.objects.get(user=user)
    assert credential.confirmed
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page).to_have_url(re.compile(r"/mijn-werk/regisseur/$"))

    # The account menu's overview, and the app's enrolment page (QR code and the secret as text).
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
    expect(page.get_by_text("10 herstelcodes over")).to_be_visible()
    axe_op_beide_breedtes(page)
    page.goto(f"{base}/tweefactor/instellen/app/")
    expect(page.locator("#geheim")).to_have_text(re.compile(r"^([A-Z2-7]{4} ?)+$"))
    axe_op_beide_breedtes(page)
    _foto(page, "app")
    page.get_by_role("button", name="Bevestigen").click()  # empty: the field's error, still accessible
    expect(page.get_by_text("Vul de code uit de app in.")).to_be_visible()
    axe_op_beide_breedtes(page)

    # Second login: the password, then the same passkey.
    page.get_by_role("button", name="Uitloggen").click()
    _password_login(page, base, user.email)
    expect(page).to_have_url(re.compile(r"/tweefactor/verifieren/"))
    verify = page.locator("#passkey-verification-button")
    expect(verify).to_be_visible()
    axe_op_beide_breedtes(page)
    _foto(page, "verifieren")
    verify.click()
    expect(page).to_have_url(re.compile(r"/mijn-werk/regisseur/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk: Regisseur")
    credential.refresh_from_db()
    assert credential.last_used_at is not None

    assert csp_violations == []


def test_a_lost_passkey_is_replaced_by_a_recovery_code(page, live_server, settings, make_user):  # noqa: F811
    """The passkey is gone from the authenticator: no page opens until a recovery code is given."""
    settings.LEERWERK_MFA = "verplicht"
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    base = live_server.url.replace("127.0.0.1", "localhost")
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [base]
    user = make_user(Rol.KLANTMANAGER, email="kwijt@test.example")
    cdp, authenticator = _virtual_authenticator(page)
    _password_login(page, base, user.email)
    page.locator("#passkey-register-button").click()
    expect(page).to_have_url(re.compile(r"/tweefactor/herstelcodes/"))
    codes = page.locator(".tweefactor-codes code").all_inner_texts()
    assert len(codes) == 10
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator})

    page.get_by_role("button", name="Uitloggen").click()
    _password_login(page, base, user.email)
    expect(page).to_have_url(re.compile(r"/tweefactor/verifieren/"))
    page.goto(f"{base}/mijn-werk/klantmanager/")
    expect(page).to_have_url(re.compile(r"/tweefactor/verifieren/"))
    page.get_by_role("textbox", name="Code").fill("verkeerd1")
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    axe_op_beide_breedtes(page)
    page.get_by_role("textbox", name="Code").fill(codes[0])
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/mijn-werk/klantmanager/$"))
