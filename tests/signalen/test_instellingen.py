"""The signal settings page: kinds kept out of the daily e-mail, and the secret calendar link."""

import hashlib
import re

import pytest
from django.urls import reverse

from leerwerk.models import Rol
from signalen.constants import Regel
from signalen.models import SignaalInstelling

URL = "/signalen/instellingen/"


@pytest.fixture
def werkgever_client(client, make_user):
    user = make_user(Rol.WERKGEVER)
    client.force_login(user)
    client.user = user
    return client


def test_url_name():
    assert reverse("signalen:instellingen") == URL


def test_anonymous_goes_to_login_and_a_user_without_role_gets_404(client, make_user):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(make_user(rol=[]))
    assert client.get(URL).status_code == 404


def test_every_kind_of_signal_has_a_labelled_checkbox_in_a_fieldset(werkgever_client):
    html = werkgever_client.get(URL).content.decode()
    assert "<legend" in html and "Niet in de dagmail" in html
    for i, (value, label) in enumerate(Regel.choices):
        assert f'value="{value}"' in html
        assert f'for="id_geen_email_{i}"' in html
        assert str(label) in html
    assert "checked" not in html


def test_opt_out_is_saved_and_shown(werkgever_client):
    data = {"actie": "dagmail", "geen_email": [Regel.WINTERSTART, Regel.NAZORG]}
    response = werkgever_client.post(URL, data)
    assert response.status_code == 302
    instelling = SignaalInstelling.objects.get(user=werkgever_client.user)
    assert instelling.geen_email == [Regel.WINTERSTART, Regel.NAZORG]
    html = werkgever_client.get(URL).content.decode()
    assert "Uw keuzes voor de dagmail zijn opgeslagen." in html
    checked = re.findall(r'<input[^>]*value="([a-z_]+)"[^>]*checked', html)
    assert sorted(checked) == sorted([Regel.WINTERSTART, Regel.NAZORG])
    # Unticking everything clears the list.
    assert werkgever_client.post(URL, {"actie": "dagmail"}).status_code == 302
    instelling.refresh_from_db()
    assert instelling.geen_email == []


def test_unknown_kind_is_refused_at_the_field(werkgever_client):
    response = werkgever_client.post(URL, {"actie": "dagmail", "geen_email": ["bestaat_niet"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "utrecht-form-fieldset--invalid" in html and "bestaat_niet" in html
    assert not SignaalInstelling.objects.filter(user=werkgever_client.user).exists()


def test_calendar_link_is_shown_once_and_stored_hashed(werkgever_client):
    html = werkgever_client.get(URL).content.decode()
    assert "U heeft nog geen agenda-link." in html and "Link intrekken" not in html
    response = werkgever_client.post(URL, {"actie": "agenda_maken"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = response.content.decode()
    [url] = re.findall(r'id="agenda-url" value="([^"]+)"', html)
    assert url.startswith("http://testserver/agenda/") and url.endswith(".ics")
    token = url.removeprefix("http://testserver/agenda/").removesuffix(".ics")
    instelling = SignaalInstelling.objects.get(user=werkgever_client.user)
    assert instelling.agenda_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert "Houd de link geheim." in html and "Outlook" in html
    assert werkgever_client.get(url).status_code == 200
    # Shown once: the page afterwards knows there is a link but cannot show it.
    html = werkgever_client.get(URL).content.decode()
    assert token not in html and "U heeft een agenda-link" in html and "Link intrekken" in html


def test_new_link_revokes_the_old_and_revoking_clears_it(werkgever_client):
    def maak():
        html = werkgever_client.post(URL, {"actie": "agenda_maken"}).content.decode()
        return re.findall(r'id="agenda-url" value="([^"]+)"', html)[0]

    eerste = maak()
    tweede = maak()
    assert werkgever_client.get(eerste).status_code == 404
    assert werkgever_client.get(tweede).status_code == 200
    response = werkgever_client.post(URL, {"actie": "agenda_intrekken"}, follow=True)
    assert "Uw agenda-link is ingetrokken" in response.content.decode()
    assert werkgever_client.get(tweede).status_code == 404
    assert SignaalInstelling.objects.get(user=werkgever_client.user).agenda_token_hash == ""


def test_unknown_action_changes_nothing(werkgever_client):
    assert werkgever_client.post(URL, {"actie": "iets"}).status_code == 400
    assert not SignaalInstelling.objects.filter(user=werkgever_client.user).exists()
