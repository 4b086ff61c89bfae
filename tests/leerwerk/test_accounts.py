"""Login, role start pages, lockout, idle sessions, password reset and change."""

import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Rol, User
from tests.secties import met_secties

pytestmark = pytest.mark.django_db


def login(client, email, password=DEMO_PASSWORD, ip="127.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, follow=True, REMOTE_ADDR=ip)


@pytest.mark.parametrize("rol", Rol.values)
def test_each_role_lands_on_its_own_start_page(client, make_user, rol):
    user = make_user(rol)
    response = login(client, user.email)
    assert response.redirect_chain[-1][0] == reverse("mijn_werk_rol", kwargs={"rol": rol})
    html = met_secties(client, response.redirect_chain[-1][0])  # the start page with its lazy sections
    assert f"Mijn werk: {Rol(rol).label}" in html
    # Every tile leads somewhere real: no placeholders for what does not exist yet.
    assert "Hier staat nog niets" not in html and "Signalen en deadlines" not in html  # signals: one panel
    tiles = re.findall(r'<section class="leerwerk-card.*?</section>', html, flags=re.S)
    assert tiles, "at least the signals panel"
    for tile in tiles:
        assert re.search(r'<a class="utrecht-link" href="/[^"]', tile), tile
    if rol == Rol.BEHEERDER:
        assert reverse("admin:leerwerk_accesslog_changelist") in html


def test_email_login_is_case_insensitive(client, make_user):
    user = make_user(Rol.KLANTMANAGER, email="km@test.example")
    response = login(client, "KM@Test.Example")
    assert response.context["user"] == user


def test_wrong_password_shows_dutch_error_and_no_session(client, make_user):
    user = make_user()
    response = login(client, user.email, "niet-het-wachtwoord")
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord is onjuist" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_empty_login_form_gives_field_errors_in_dutch(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert "Vul uw e-mailadres in." in html
    assert "Vul uw wachtwoord in." in html


def test_start_page_of_a_role_the_user_does_not_hold_is_404(client, make_user):
    client.force_login(make_user(Rol.WERKGEVER))
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.REGISSEUR})).status_code == 404
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": "onbekend"})).status_code == 404


def test_user_with_several_roles_can_switch(client, make_user):
    client.force_login(make_user([Rol.KLANTMANAGER, Rol.JOBCOACH]))
    response = client.get(reverse("mijn_werk"), follow=True)
    assert response.redirect_chain[-1][0].endswith("/klantmanager/")
    html = response.content.decode()
    assert reverse("mijn_werk_rol", kwargs={"rol": Rol.JOBCOACH}) in html
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.JOBCOACH})).status_code == 200


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.REGISSEUR}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.real_hashing
def test_passwords_are_hashed_with_argon2(make_user):
    assert make_user().password.startswith("argon2")


def _lockout_response(client, email, ips=None):
    """Fail once less than AXES_FAILURE_LIMIT, each time from another address; the next
    failure reaches the limit and gets the lockout answer."""
    ips = ips or [f"198.51.100.{n}" for n in range(1, settings.AXES_FAILURE_LIMIT + 1)]
    for ip in ips[:-1]:
        assert login(client, email, "fout-wachtwoord", ip=ip).status_code == 200
    return client.post(reverse("login"), {"username": email, "password": "fout-wachtwoord"}, REMOTE_ADDR=ips[-1])


def test_lockout_answer_is_the_same_whether_or_not_the_account_exists(client, make_user):
    existing = make_user(email="bestaat@test.example")
    locked_existing = _lockout_response(client, existing.email)
    locked_unknown = _lockout_response(
        client, "bestaat-niet@test.example", [f"203.0.113.{n}" for n in range(1, settings.AXES_FAILURE_LIMIT + 1)]
    )
    assert locked_existing.status_code == locked_unknown.status_code == 429
    # CSRF tokens differ per response: in the hidden input and in the htmx header on <body>.
    strip = lambda r: re.sub(r"(csrfmiddlewaretoken\" value=\"|X-CSRFToken\": \")[^\"]+", "", r.content.decode())  # noqa: E731
    assert strip(locked_existing) == strip(locked_unknown)
    assert "Inloggen tijdelijk geblokkeerd" in locked_existing.content.decode()


def test_locked_account_cannot_log_in_even_with_the_right_password(client, make_user):
    user = make_user()
    _lockout_response(client, user.email)
    response = login(client, user.email, ip="192.0.2.99")
    assert response.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_password_spraying_from_one_address_is_locked_out(client, make_user):
    target = make_user(email="doelwit@test.example")
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"gok-{n}@test.example", "fout-wachtwoord", ip="192.0.2.50")
    assert login(client, target.email, ip="192.0.2.50").status_code == 429
    assert login(client, target.email, ip="192.0.2.51").status_code == 200  # the account itself is fine


def test_session_expires_after_idle_time(client, make_user):
    client.force_login(make_user())
    url = reverse("mijn_werk_rol", kwargs={"rol": Rol.REGISSEUR})
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)):
        assert client.get(url).status_code == 200  # activity renews the session
    later = timezone.now() + timezone.timedelta(seconds=2 * settings.SESSION_COOKIE_AGE - 120)
    with time_machine.travel(later):
        assert client.get(url).status_code == 200
    with time_machine.travel(later + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)):
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_reset_by_email(client, make_user):
    user = make_user(email="vergeten@test.example")
    response = client.post(reverse("password_reset"), {"email": "vergeten@test.example"}, follow=True)
    assert "Controleer uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Nieuw wachtwoord voor leerwerk" in message.subject
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new_password = "een-nieuw-lang-wachtwoord-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}, follow=True
    )
    assert "Wachtwoord ingesteld" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "onbekend@test.example"}, follow=True)
    assert "Controleer uw e-mail" in response.content.decode()
    assert mail.outbox == []


def test_password_change_refuses_a_weak_password_in_dutch(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


def test_password_change_works(client, make_user):
    user = make_user()
    client.force_login(user)
    new_password = "veel-langer-en-sterker-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert "Wachtwoord gewijzigd" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_only_the_beheerder_reaches_the_admin(client, make_user):
    client.force_login(make_user(Rol.REGISSEUR))
    assert client.get("/beheer/").status_code == 302  # to the admin login
    client.force_login(make_user(Rol.BEHEERDER))
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/leerwerk/organisatie/").status_code == 200


def test_logout_ends_the_session(client, make_user):
    client.force_login(make_user())
    client.post(reverse("logout"))
    assert client.get(reverse("mijn_werk")).status_code == 302
    assert User.objects.count() == 1


def test_lockout_cannot_be_dodged_by_changing_letter_case(client, make_user):
    user = make_user(email="hoofdletters@test.example")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, user.email.upper() if n % 2 else user.email, "fout-wachtwoord", ip=f"198.51.100.{n + 1}")
    response = client.post(
        reverse("login"), {"username": "HoofdLetters@Test.Example", "password": "fout"}, REMOTE_ADDR="198.51.100.99"
    )
    assert response.status_code == 429


def test_admin_never_shows_or_accepts_a_password_hash(client, make_user):
    client.force_login(make_user(Rol.BEHEERDER))
    other = make_user(Rol.KLANTMANAGER)
    html = client.get(f"/beheer/leerwerk/user/{other.pk}/change/").content.decode()
    assert other.password not in html
    assert 'name="password"' not in html
