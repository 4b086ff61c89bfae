"""Single sign-on for municipal accounts (issue 17): logins through a real OpenID Connect
provider process on loopback (tests/sso/provider.py), with mozilla-django-oidc unmocked. An
account is matched by e-mail and never made; the provider's amr claim decides whether our own
second factor is asked too."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
import requests
from django.urls import reverse

from leerwerk.models import Rol, User
from tweefactor.sso import amr_bewijst_tweede_factor

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
CLIENT_ID, CLIENT_SECRET = "leerwerk-test", "geheim-van-de-test"


@pytest.fixture(scope="module")
def provider():
    proces = subprocess.Popen(  # noqa: S603  (our own test provider)
        [sys.executable, str(Path(__file__).with_name("provider.py")), "--client-id", CLIENT_ID,
         "--client-secret", CLIENT_SECRET],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        regel = proces.stdout.readline()
        assert regel.startswith("poort "), regel
        yield f"http://127.0.0.1:{int(regel.split()[1])}"
    finally:
        proces.terminate()
        proces.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    settings.LEERWERK_SSO = True
    settings.LEERWERK_SSO_NAAM = "uw account bij Testgemeente"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_OP_ISSUER = provider
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "tweefactor.sso.GemeenteAccountBackend"]
    settings.LEERWERK_MFA = "verplicht"
    return settings


def _inloggen(client, email: str, amr: str, geverifieerd: str = "ja"):
    """The browser's way through the flow: to the provider, its login, and back."""
    naar_provider = client.get(reverse("sso_start") + "?next=/mijn-werk/")
    assert naar_provider.status_code == 302
    keuzes = urlencode({"login_hint": email, "amr": amr, "email_verified": geverifieerd})
    antwoord = requests.get(f"{naar_provider['Location']}&{keuzes}", allow_redirects=False, timeout=10)
    assert antwoord.status_code == 302, antwoord.text
    terug = urlparse(antwoord.headers["Location"])
    assert terug.path == reverse("sso_terug")
    return client.get(f"{terug.path}?{terug.query}")


def _ingelogd(client) -> int | None:
    return client.session.get("_auth_user_id") and int(client.session["_auth_user_id"])


def test_a_login_with_mfa_asserted_needs_no_second_factor(client, sso, make_user):
    user = make_user(Rol.KLANTMANAGER, email="Klant.Manager@gemeente.example")
    rollen, organisatie = list(user.rollen), user.organisatie_id
    terug = _inloggen(client, "klant.manager@gemeente.example", "pwd,mfa")
    assert terug.status_code == 302 and terug["Location"] == "/mijn-werk/"
    assert _ingelogd(client) == user.pk
    pagina = client.get("/mijn-werk/", follow=True)
    assert pagina.status_code == 200
    assert "tweefactor" not in pagina.request["PATH_INFO"]
    user.refresh_from_db()
    assert (user.rollen, user.organisatie_id) == (rollen, organisatie)  # the product keeps deciding


@pytest.mark.parametrize("amr", ["pwd", "geen", "pwd,kba"])
def test_without_mfa_in_amr_our_own_second_factor_is_asked(client, sso, make_user, amr):
    user = make_user(Rol.REGISSEUR, email="regie@gemeente.example")
    _inloggen(client, user.email, amr)
    assert _ingelogd(client) == user.pk
    pagina = client.get("/mijn-werk/")
    assert pagina.status_code == 302
    assert pagina["Location"].startswith(reverse("tweefactor:instellen"))


def test_an_unknown_email_makes_no_account_and_logs_nobody_in(client, sso, make_user):
    make_user(Rol.REGISSEUR, email="regie@gemeente.example")
    aantal = User.objects.count()
    terug = _inloggen(client, "onbekend@gemeente.example", "pwd,mfa")
    assert terug.status_code == 302 and terug["Location"] == reverse("login")
    assert _ingelogd(client) is None
    assert User.objects.count() == aantal
    pagina = client.get(reverse("login"))
    assert "Inloggen met uw account bij Testgemeente is niet gelukt" in pagina.content.decode()


def test_an_inactive_account_is_not_logged_in(client, sso, make_user):
    make_user(Rol.REGISSEUR, email="weg@gemeente.example", is_active=False)
    _inloggen(client, "weg@gemeente.example", "pwd,mfa")
    assert _ingelogd(client) is None


def test_a_token_of_another_issuer_is_refused(client, sso, make_user):
    make_user(Rol.REGISSEUR, email="regie@gemeente.example")
    sso.OIDC_OP_ISSUER = "https://andere-provider.example"
    terug = _inloggen(client, "regie@gemeente.example", "pwd,mfa")
    assert terug.status_code == 302 and terug["Location"] == reverse("login")
    assert _ingelogd(client) is None


def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings, sso):
    assert "Inloggen met uw account bij Testgemeente" in client.get(reverse("login")).content.decode()
    settings.LEERWERK_SSO = False
    assert "Inloggen met" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso_start")).status_code == 404
    assert client.get(reverse("sso_terug")).status_code == 404


@pytest.mark.parametrize(
    ("amr", "twee"),
    [(["mfa"], True), (["pwd", "otp"], True), (["hwk", "pin"], True), (["pwd"], False), (["otp"], False),
     (["pwd", "kba"], False), ([], False), ("mfa", True), (None, False)],
)  # fmt: skip
def test_which_amr_proves_a_second_factor(amr, twee):
    assert amr_bewijst_tweede_factor(amr) is twee


@pytest.mark.parametrize(
    ("geverifieerd", "vertrouwd", "binnen"),
    [("nee", False, False), ("geen", False, False), ("geen", True, True), ("nee", True, False)],
)
def test_only_an_address_the_provider_vouches_for(client, sso, make_user, geverifieerd, vertrouwd, binnen):
    user = make_user(Rol.REGISSEUR, email="regie@gemeente.example")
    sso.LEERWERK_SSO_EMAIL_VERTROUWD = vertrouwd
    _inloggen(client, user.email, "pwd,mfa", geverifieerd)
    assert _ingelogd(client) == (user.pk if binnen else None)


def test_only_the_allowed_domains_and_never_a_superuser(client, sso, make_user):
    elders = make_user(Rol.REGISSEUR, email="regie@elders.example")
    sso.LEERWERK_SSO_DOMEINEN = frozenset({"gemeente.example"})
    _inloggen(client, elders.email, "pwd,mfa")
    assert _ingelogd(client) is None
    beheer = make_user(Rol.BEHEERDER, email="beheer@gemeente.example", is_superuser=True)
    _inloggen(client, beheer.email, "pwd,mfa")
    assert _ingelogd(client) is None


def test_an_account_made_inactive_loses_its_single_sign_on_session(client, sso, make_user):
    user = make_user(Rol.KLANTMANAGER, email="km@gemeente.example")
    _inloggen(client, user.email, "pwd,mfa")
    assert client.get("/mijn-werk/", follow=True).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/mijn-werk/")["Location"].startswith(reverse("login"))
