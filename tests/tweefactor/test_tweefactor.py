"""Two-factor authentication (issue 17): no page before the second factor with LEERWERK_MFA
verplicht, the password alone with aangeboden, enrolment and login with an app, single-use
recovery codes, the lockout on the second factor, and the beheerder's reset."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Rol
from tweefactor import services
from tweefactor.models import FactorReset

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

ROLLEN = list(Rol.values)


def _login(client, user, password=DEMO_PASSWORD):
    return client.post(reverse("login"), {"username": user.email, "password": password})


def _code(device: TOTPDevice, offset: int = 0) -> str:
    """The code an app shows now (offset in steps of 30 s), as django-otp computes it."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def _verified(client, user) -> None:
    """Log in with password and app code (the user has an app)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.last_t = -1  # a code may be given once per 30 s: start afresh for this login
    device.throttling_failure_count = 0
    device.save()
    _login(client, user)
    response = client.post(reverse("tweefactor:verifieren"), {"code": _code(device)})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def verplicht(settings):
    settings.LEERWERK_MFA = "verplicht"


@pytest.fixture
def aangeboden(settings):
    settings.LEERWERK_MFA = "aangeboden"


def _pad(response) -> str:
    return response["Location"].split("?")[0]


# --- verplicht: no page before the second factor -------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
def test_verplicht_every_role_enrols_before_any_page(client, make_user, verplicht, rol):
    user = make_user(rol)
    response = _login(client, user)
    assert response.status_code == 302  # the password is right
    for url in [reverse("mijn_werk"), reverse("mijn_werk_rol", kwargs={"rol": rol}), "/beheer/",
                reverse("password_change"), reverse("signalen:lijst")]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302, url
        assert _pad(response) == reverse("tweefactor:instellen"), url
    api = client.get("/api/v1/schema/")
    assert api.status_code == 403
    assert "Tweestapsverificatie is vereist" in api.json()["detail"]
    # Open before the second factor: the enrolment itself, the health check, logging out.
    assert client.get(reverse("tweefactor:instellen")).status_code == 200
    assert client.get(reverse("gezondheid")).status_code in (200, 503)

    client.get(reverse("tweefactor:instellen_app"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("tweefactor:instellen_app"), {"code": _code(device)})
    assert _pad(response) == reverse("tweefactor:herstelcodes")

    start = client.get(reverse("mijn_werk_rol", kwargs={"rol": rol}))
    assert start.status_code == 200
    beheer = client.get("/beheer/")
    assert beheer.status_code == (200 if rol == Rol.BEHEERDER else 302)
    if rol != Rol.BEHEERDER:
        assert "/beheer/login/" in beheer["Location"]  # Django's own refusal, not ours


def test_verplicht_the_superuser_too(client, django_user_model, verplicht, gemeente):
    admin = django_user_model.objects.create_superuser("admin@test.example", DEMO_PASSWORD)
    _login(client, admin)
    response = client.get("/beheer/")
    assert _pad(response) == reverse("tweefactor:instellen")
    _app(admin)
    _verified(client, admin)
    assert client.get("/beheer/").status_code == 200


def test_verplicht_a_user_with_a_factor_is_asked_for_it_and_goes_on_to_the_page_asked(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    device = _app(user)
    response = client.post(
        reverse("login") + "?next=/trajecten/",
        {"username": user.email, "password": DEMO_PASSWORD, "next": reverse("signalen:lijst")},
    )
    response = client.get(response["Location"])
    assert _pad(response) == reverse("tweefactor:verifieren")
    pagina = client.get(response["Location"])
    assert pagina.status_code == 200
    assert "Inloggen: tweede stap" in pagina.content.decode()
    assert 'aria-label="Hoofdmenu"' not in pagina.content.decode()  # no menu before the second factor
    assert client.get(reverse("tweefactor:instellen")).status_code == 302  # no new factor unverified

    wrong = client.post(reverse("tweefactor:verifieren"), {"code": "000000", "next": reverse("signalen:lijst")})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    response = client.post(reverse("tweefactor:verifieren"), {"code": _code(device), "next": reverse("signalen:lijst")})
    assert response["Location"] == reverse("signalen:lijst")
    assert client.get(reverse("signalen:lijst")).status_code == 200


def test_verplicht_an_open_redirect_is_not_followed(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    device = _app(user)
    _login(client, user)
    response = client.post(reverse("tweefactor:verifieren"), {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("mijn_werk")


def test_htmx_section_before_the_second_factor_reloads_the_whole_page(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    _login(client, user)
    response = client.get(reverse("mijn_werk_signalen", kwargs={"rol": "regisseur"}), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("tweefactor:instellen"))
    assert response.content == b""


# --- aangeboden: the password alone, unless the user enrolled a factor ------------------------


def test_aangeboden_the_password_alone_is_enough(client, make_user, aangeboden):
    user = make_user(Rol.KLANTMANAGER)
    _login(client, user)
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": "klantmanager"})).status_code == 200
    menu = client.get(reverse("tweefactor:overzicht"))
    assert menu.status_code == 200
    assert "Tweestapsverificatie instellen" in menu.content.decode()


def test_aangeboden_a_user_who_enrolled_is_asked_for_the_factor(client, make_user, aangeboden):
    user = make_user(Rol.KLANTMANAGER)
    _app(user)
    _login(client, user)
    response = client.get(reverse("mijn_werk"))
    assert _pad(response) == reverse("tweefactor:verifieren")
    _verified(client, user)
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": "klantmanager"})).status_code == 200


def test_aangeboden_a_page_costs_no_query_for_a_user_without_a_factor(client, make_user, aangeboden):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user(Rol.REGISSEUR)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("gezondheid_ingelogd"))
    assert not any("otp" in q["sql"] or "webauthn" in q["sql"] for q in queries.captured_queries)


def test_the_overview_reads_the_factors_in_two_queries_and_the_codes_only_with_a_factor(client, make_user, aangeboden):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def factor_queries(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("tweefactor:overzicht")).status_code == 200
        return sum("otp" in q["sql"] or "webauthn" in q["sql"] for q in queries.captured_queries)

    assert factor_queries(make_user(Rol.REGISSEUR)) == 2
    met_app = make_user(Rol.REGISSEUR)
    _app(met_app)
    client.logout()
    _verified(client, met_app)
    with CaptureQueriesContext(connection) as queries:
        pagina = client.get(reverse("tweefactor:overzicht"))
    assert "Authenticator-app" in pagina.content.decode()
    assert sum("otp_static_statictoken" in q["sql"] for q in queries.captured_queries) == 1


# --- enrolment with an app; recovery codes ---------------------------------------------------


def test_enrolling_an_app_shows_the_secret_as_text_and_qr_then_the_recovery_codes_once(client, make_user, verplicht):
    user = make_user(Rol.OPLEIDER)
    _login(client, user)
    pagina = client.get(reverse("tweefactor:instellen_app"))
    html = pagina.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert services.totp_geheim(device) in html
    assert "<svg" in html and 'aria-label="QR-code' in html
    assert re.search(r'<label class="utrecht-form-label" for="id_code">Code uit de app</label>', html)

    response = client.post(reverse("tweefactor:instellen_app"), {"code": _code(device)})
    assert _pad(response) == reverse("tweefactor:herstelcodes")
    device.refresh_from_db()
    assert device.confirmed

    codes_pagina = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_pagina)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    again = client.get(reverse("tweefactor:herstelcodes")).content.decode()
    assert not any(code in again for code in codes)  # shown once


def test_a_wrong_code_does_not_confirm_the_app(client, make_user, verplicht):
    user = make_user(Rol.OPLEIDER)
    _login(client, user)
    client.get(reverse("tweefactor:instellen_app"))
    response = client.post(reverse("tweefactor:instellen_app"), {"code": "123456"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert _pad(client.get(reverse("mijn_werk"))) == reverse("tweefactor:instellen")


def test_a_recovery_code_works_once(client, make_user, verplicht):
    user = make_user(Rol.JOBCOACH)
    _app(user)
    codes = services.herstelcodes_maken(user)

    _login(client, user)
    response = client.post(reverse("tweefactor:verifieren"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": "jobcoach"})).status_code == 200
    client.post(reverse("logout"))

    _login(client, user)
    again = client.post(reverse("tweefactor:verifieren"), {"code": codes[0]})
    assert again.status_code == 400
    assert _pad(client.get(reverse("mijn_werk"))) == reverse("tweefactor:verifieren")
    assert client.post(reverse("tweefactor:verifieren"), {"code": codes[1]}).status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 8


def test_new_recovery_codes_replace_the_old_ones(client, make_user, aangeboden):
    user = make_user(Rol.REGISSEUR)
    _app(user)
    oud = services.herstelcodes_maken(user)
    _verified(client, user)
    response = client.post(reverse("tweefactor:herstelcodes"))
    nieuw = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(response["Location"]).content.decode())
    assert len(nieuw) == 10
    assert not StaticToken.objects.filter(token__in=oud).exists()


# --- lockout on the second factor ----------------------------------------------------------


def test_wrong_codes_lock_the_user_out_like_wrong_passwords(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    device = _app(user)
    _login(client, user)
    for _n in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("tweefactor:verifieren"), {"code": "000000"})
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    assert SESSION_KEY not in client.session  # logged out

    # Locked: the right password does not log in, and the right code is never asked for.
    locked = _login(client, user)
    assert locked.status_code == 429
    device.throttling_failure_count = 0
    device.save()
    assert SESSION_KEY not in client.session
    assert client.post(reverse("tweefactor:verifieren"), {"code": _code(device)}).status_code == 302
    assert "/accounts/login/" in client.get(reverse("mijn_werk"))["Location"]


def test_a_correct_password_does_not_wipe_the_failed_codes(client, make_user, verplicht):
    """Without this, someone with the password could try codes, log in again, and try more."""
    user = make_user(Rol.REGISSEUR)
    _app(user)
    for _ronde in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user)
        assert client.post(reverse("tweefactor:verifieren"), {"code": "000000"}).status_code == 400
        client.post(reverse("logout"))
    _login(client, user)
    assert client.post(reverse("tweefactor:verifieren"), {"code": "000000"}).status_code == 429


def test_a_passed_second_factor_clears_the_failures(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    device = _app(user)
    _login(client, user)
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("tweefactor:verifieren"), {"code": "000000"})
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    assert client.post(reverse("tweefactor:verifieren"), {"code": _code(device)}).status_code == 302
    client.post(reverse("logout"))
    _login(client, user)
    assert client.post(reverse("tweefactor:verifieren"), {"code": "000000"}).status_code == 400  # not locked


def test_a_locked_out_user_gets_no_passkey_challenge(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    _app(user)
    _login(client, user)
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("tweefactor:verifieren"), {"code": "000000"})
    begin = reverse("otp_webauthn:credential-authentication-begin")
    assert client.post(begin, content_type="application/json").status_code == 200  # not locked yet
    # A failed passkey check counts as well: the last failure locks.
    complete = client.post(
        reverse("otp_webauthn:credential-authentication-complete"),
        {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}},
        content_type="application/json",
    )
    assert complete.status_code == 429
    assert "tijdelijk geblokkeerd" in complete.json()["detail"]
    assert SESSION_KEY not in client.session


# --- the hook for single sign-on ------------------------------------------------------------


def test_markeer_geverifieerd_opens_the_pages_without_a_device(client, make_user, verplicht):
    user = make_user(Rol.WETHOUDER)
    _login(client, user)
    assert _pad(client.get(reverse("mijn_werk"))) == reverse("tweefactor:instellen")
    session = client.session
    request = RequestFactory().get("/")
    request.session, request.user = session, user
    services.markeer_geverifieerd(request, via="sso")
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": "wethouder"})).status_code == 200


def test_markeer_geverifieerd_needs_a_device_for_our_own_factors(make_user):
    request = RequestFactory().get("/")
    request.user = make_user(Rol.WETHOUDER)
    with pytest.raises(ValueError):
        services.markeer_geverifieerd(request, via="totp")


# --- the beheerder's reset ------------------------------------------------------------------


def _met_alles(user):
    _app(user)
    services.herstelcodes_maken(user)
    WebAuthnCredential.objects.create(
        user=user, name="Sleutel", credential_id=b"x" * 16, public_key=b"y" * 16, sign_count=0, confirmed=True
    )


def test_the_beheerder_resets_a_users_factors_with_a_reason(client, make_user, verplicht):
    beheerder = make_user(Rol.BEHEERDER, email="beheer@test.example")
    user = make_user(Rol.REGISSEUR, email="kwijt@test.example")
    _met_alles(user)
    _app(beheerder)
    _verified(client, beheerder)
    add = reverse("admin:tweefactor_factorreset_add")
    assert client.get(add).status_code == 200

    zonder = client.post(add, {"gebruiker": user.pk, "reden": "  "})
    assert zonder.status_code == 200
    assert "Vul de reden in" in zonder.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()

    response = client.post(add, {"gebruiker": user.pk, "reden": "Telefoon kwijt, gebeld met teamleider."})
    assert response.status_code == 302
    reset = FactorReset.objects.get()
    assert (reset.gebruiker_email, reset.door_email, reset.aantal_factoren) == (user.email, beheerder.email, 2)
    assert reset.reden == "Telefoon kwijt, gebeld met teamleider."
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    lijst = client.get(reverse("admin:tweefactor_factorreset_changelist")).content.decode()
    assert user.email in lijst

    # The user enrols again at the next login.
    other = client.__class__()
    _login(other, user)
    assert _pad(other.get(reverse("mijn_werk"))) == reverse("tweefactor:instellen")


def test_a_reset_ends_the_verified_sessions_of_the_user(client, make_user, verplicht):
    user = make_user(Rol.REGISSEUR)
    _app(user)
    _verified(client, user)
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": "regisseur"})).status_code == 200
    services.factoren_resetten(acting_user=make_user(Rol.BEHEERDER), user=user, reden="Sleutel gestolen")
    assert _pad(client.get(reverse("mijn_werk_rol", kwargs={"rol": "regisseur"}))) == reverse("tweefactor:instellen")


@pytest.mark.parametrize("rol", [r for r in ROLLEN if r != Rol.BEHEERDER])
def test_nobody_else_can_reset(client, make_user, aangeboden, rol):
    user = make_user(Rol.REGISSEUR, email="doel@test.example")
    _app(user)
    ander = make_user(rol)
    with pytest.raises(PermissionDenied):
        services.factoren_resetten(acting_user=ander, user=user, reden="Zomaar")
    client.force_login(ander)
    response = client.post(reverse("admin:tweefactor_factorreset_add"), {"gebruiker": user.pk, "reden": "Zomaar"})
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]
    assert TOTPDevice.objects.filter(user=user).exists()
    assert not FactorReset.objects.exists()


def test_a_beheerder_cannot_reset_their_own_factors(make_user):
    beheerder = make_user(Rol.BEHEERDER)
    _app(beheerder)
    with pytest.raises(ValidationError):
        services.factoren_resetten(acting_user=beheerder, user=beheerder, reden="Eigen")
    assert TOTPDevice.objects.filter(user=beheerder).exists()


def test_the_reset_record_cannot_be_changed(make_user):
    from django.db import ProgrammingError, transaction

    user = make_user(Rol.REGISSEUR)
    reset = services.factoren_resetten(acting_user=make_user(Rol.BEHEERDER), user=user, reden="Kwijt")
    with pytest.raises(ProgrammingError), transaction.atomic():
        FactorReset.objects.filter(pk=reset.pk).update(reden="Anders")


# --- the setting ----------------------------------------------------------------------------


def _settings_value(**env) -> subprocess.CompletedProcess:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("LEERWERK_MFA", "DEBUG")}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "-c", "from leerwerk import settings; print(settings.LEERWERK_MFA)"],
        env=omgeving, capture_output=True, text=True, timeout=60, cwd=settings.BASE_DIR,
    )  # fmt: skip


def test_the_setting_defaults_to_verplicht_in_production_and_aangeboden_in_development():
    productie = _settings_value(DEBUG="false", SECRET_KEY="x" * 50)
    assert productie.stdout.strip() == "verplicht", productie.stderr[-2000:]
    assert _settings_value(DEBUG="true").stdout.strip() == "aangeboden"
    assert _settings_value(DEBUG="false", SECRET_KEY="x" * 50, LEERWERK_MFA="aangeboden").stdout.strip() == "aangeboden"
    fout = _settings_value(DEBUG="true", LEERWERK_MFA="soms")
    assert fout.returncode != 0
    assert "LEERWERK_MFA moet 'verplicht' of 'aangeboden' zijn" in fout.stderr


def test_a_second_factor_is_added_only_after_passing_the_first(client, make_user, aangeboden):
    user = make_user(Rol.REGISSEUR)
    _app(user)
    services.herstelcodes_maken(user)
    _login(client, user)
    assert _pad(client.get(reverse("tweefactor:instellen_app"))) == reverse("tweefactor:verifieren")
    begin = client.post(reverse("otp_webauthn:credential-registration-begin"), content_type="application/json")
    assert begin.status_code == 403
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()

    _verified(client, user)
    client.get(reverse("tweefactor:instellen_app"))
    nieuw = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("tweefactor:instellen_app"), {"code": _code(nieuw), "next": reverse("tweefactor:overzicht")}
    )
    assert response["Location"] == reverse("tweefactor:overzicht")  # recovery codes kept: not shown again
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 2
    assert StaticToken.objects.filter(device__user=user).count() == 10
