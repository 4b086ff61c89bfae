"""A new user is invited by e-mail and sets their own password through the link."""

import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from leerwerk import services
from leerwerk.models import Rol, User

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
WACHTWOORD = "een-eigen-lang-wachtwoord-2026"


@pytest.fixture
def beheerder(client, make_user, settings):
    settings.SITE_URL = "https://leerwerk.gemeente.example"
    user = make_user(Rol.BEHEERDER)
    client.force_login(user)
    return user


def _uitnodigen(client, gemeente, capture, email="Nieuw@Test.Example"):
    data = {"email": email, "naam": "Nieuwe Collega", "organisatie": gemeente.pk, "rollen": [Rol.KLANTMANAGER]}
    with capture(execute=True):
        return client.post(reverse("admin:leerwerk_user_add"), data, follow=True)


def _link(message) -> str:
    match = re.search(r"https://leerwerk\.gemeente\.example(/accounts/uitnodiging/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _wachtwoord_instellen(client, link, wachtwoord=WACHTWOORD):
    formulier = client.get(link, follow=True)
    assert formulier.context["validlink"], formulier.content.decode()
    return client.post(formulier.redirect_chain[-1][0], {"new_password1": wachtwoord, "new_password2": wachtwoord},
                       follow=True)  # fmt: skip


def test_the_beheerder_creates_a_user_who_sets_a_password_and_logs_in(
    client, beheerder, gemeente, django_capture_on_commit_callbacks
):
    html = client.get(reverse("admin:leerwerk_user_add")).content.decode()
    assert 'name="password1"' not in html and "3 dagen geldig" in html
    response = _uitnodigen(client, gemeente, django_capture_on_commit_callbacks)
    assert "Er gaat een uitnodiging per e-mail naar nieuw@test.example." in response.content.decode()
    user = User.objects.get(email="nieuw@test.example")
    assert user.rollen == [Rol.KLANTMANAGER] and user.organisatie == gemeente
    assert not user.has_usable_password()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@test.example"] and message.subject == "Uitnodiging voor leerwerk"
    assert "De link is 3 dagen geldig" in message.body
    link = _link(message)

    client.logout()
    formulier = client.get(link, follow=True)
    assert "Wachtwoord instellen" in formulier.content.decode()
    zwak = client.post(formulier.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"})
    assert "Dit wachtwoord is te kort" in zwak.content.decode()
    assert not User.objects.get(pk=user.pk).has_usable_password()

    klaar = _wachtwoord_instellen(client, link)
    assert "Wachtwoord ingesteld" in klaar.content.decode()
    login = client.post(reverse("login"), {"username": "nieuw@test.example", "password": WACHTWOORD}, follow=True)
    assert login.context["user"] == user
    assert login.redirect_chain[-1][0] == reverse("mijn_werk_rol", kwargs={"rol": Rol.KLANTMANAGER})


def test_a_used_link_is_refused_in_dutch(client, beheerder, gemeente, django_capture_on_commit_callbacks):
    _uitnodigen(client, gemeente, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()
    _wachtwoord_instellen(client, link)
    opnieuw = client.get(link, follow=True)
    assert not opnieuw.context["validlink"]
    assert "Deze link is niet meer geldig" in opnieuw.content.decode()


def test_a_link_expires_after_the_reset_timeout(client, beheerder, gemeente, django_capture_on_commit_callbacks):
    _uitnodigen(client, gemeente, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()
    # Django's tokens count in naive local time: keep two hours from the edge either way.
    verlopen = timezone.now() + timezone.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, hours=2)
    with time_machine.travel(verlopen):
        response = client.get(link, follow=True)
    assert not response.context["validlink"]
    assert "vraag de beheerder van leerwerk om een nieuwe uitnodiging" in response.content.decode()
    with time_machine.travel(verlopen - timezone.timedelta(hours=4)):
        assert _wachtwoord_instellen(client, link).status_code == 200


def test_resending_replaces_the_earlier_link(client, beheerder, gemeente, django_capture_on_commit_callbacks):
    _uitnodigen(client, gemeente, django_capture_on_commit_callbacks)
    eerste = _link(mail.outbox[0])
    user = User.objects.get(email="nieuw@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:leerwerk_user_changelist"),
                               {"action": "uitnodiging_opnieuw_versturen", "_selected_action": [user.pk, beheerder.pk]},
                               follow=True)  # fmt: skip
    html = response.content.decode()
    assert "1 uitnodiging opnieuw verstuurd" in html
    assert "heeft al een wachtwoord ingesteld" in html  # the beheerder: nothing sent
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [user.email]
    client.logout()
    assert not client.get(eerste, follow=True).context["validlink"]
    assert "Wachtwoord ingesteld" in _wachtwoord_instellen(client, _link(mail.outbox[1])).content.decode()


def test_a_password_reset_link_does_not_open_the_invitation(
    client, beheerder, gemeente, django_capture_on_commit_callbacks
):
    from django.contrib.auth.tokens import default_token_generator

    _uitnodigen(client, gemeente, django_capture_on_commit_callbacks)
    user = User.objects.get(email="nieuw@test.example")
    uid = _link(mail.outbox[0]).split("/")[3]
    client.logout()
    response = client.get(reverse("uitnodiging", args=[uid, default_token_generator.make_token(user)]), follow=True)
    assert not response.context["validlink"]


def test_only_a_beheerder_invites_and_an_address_is_used_once(
    client, beheerder, gemeente, make_user, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        services.user_invite(acting_user=make_user(Rol.KLANTMANAGER), email="x@test.example", organisatie=gemeente)
    response = _uitnodigen(client, gemeente, django_capture_on_commit_callbacks, email=beheerder.email.upper())
    assert "Er is al een gebruiker met dit e-mailadres." in response.content.decode()
    geen_organisatie = client.post(reverse("admin:leerwerk_user_add"),
                                   {"email": "los@test.example", "rollen": [Rol.REGISSEUR]})  # fmt: skip
    assert "Een gebruiker met een rol hoort bij een organisatie." in geen_organisatie.content.decode()
    assert mail.outbox == [] and not User.objects.filter(email="los@test.example").exists()
