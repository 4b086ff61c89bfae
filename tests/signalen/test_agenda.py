"""The .ics feed behind a user's secret calendar link: what it shows, to whom, and its format."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse

from leerwerk.models import Rol
from signalen import agenda
from signalen import constants as c
from signalen.models import Signaal, SignaalInstelling
from signalen.services import agenda_link_create, agenda_link_revoke

DEADLINE = dt.date(2026, 3, 14)


def _signaal(user, *, bericht="Proefplaatsing bij Bouw BV: de termijn eindigt op 14-03-2026.", deadline=DEADLINE,
             status=c.SignaalStatus.OPEN, object_id="1", **fields):  # fmt: skip
    fields.setdefault("regel", c.Regel.PROEFPLAATSING_TERMIJN)
    fields.setdefault("ernst", c.Ernst.URGENT)
    return Signaal.objects.create(
        object_type="plaatsing", object_id=object_id, deadline=deadline, bericht=bericht,
        rol=Rol.KLANTMANAGER, verantwoordelijke=user, status=status,
        uitgesteld_tot=dt.date(2099, 1, 1) if status == c.SignaalStatus.UITGESTELD else None, **fields,
    )  # fmt: skip


def _unfold(body: str) -> list[str]:
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")  # only CRLF line ends
    return body[:-2].replace("\r\n ", "").split("\r\n")


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            out.append({"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _events(body: str) -> list[dict]:
    events, current = [], None
    for line in _unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def _feed(client, token):
    return client.get(reverse("signalen:agenda", args=[token]))


@pytest.fixture
def km(make_user):
    return make_user(Rol.KLANTMANAGER)


# --- Format -------------------------------------------------------------------------------------


def test_escape_text_escapes_backslash_semicolon_comma_and_newlines():
    assert agenda.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_fold_keeps_every_line_within_75_octets_and_never_splits_a_character():
    line = "DESCRIPTION:" + "é–ab" * 60
    folded = agenda.fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(p.encode()) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line
    assert agenda.fold("SUMMARY:kort") == "SUMMARY:kort"


def test_fold_at_exactly_75_octets_does_not_fold():
    line = "X:" + "a" * 73
    assert agenda.fold(line) == line
    assert agenda.fold(line + "b") == line + "\r\n b"


# --- The feed -----------------------------------------------------------------------------------


def test_feed_shows_the_users_current_signals_and_nobody_elses(client, km, make_user):
    token = agenda_link_create(acting_user=km)
    mine = _signaal(km)
    snoozed = _signaal(km, object_id="2", status=c.SignaalStatus.UITGESTELD)
    _signaal(km, object_id="3", status=c.SignaalStatus.AFGEHANDELD)
    _signaal(km, object_id="4", status=c.SignaalStatus.VERVALLEN)
    other = _signaal(make_user(Rol.KLANTMANAGER), object_id="5")
    response = _feed(client, token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    uids = {e["UID"] for e in _events(response.content.decode())}
    assert uids == {f"signaal-{mine.pk}@leerwerk", f"signaal-{snoozed.pk}@leerwerk"}
    assert f"signaal-{other.pk}@leerwerk" not in response.content.decode()


def test_feed_calendar_header_and_one_all_day_event(client, km, settings):
    token = agenda_link_create(acting_user=km)
    signaal = _signaal(km, link="/kandidaten/7/", suggestie=dt.date(2026, 8, 17), suggestie_toelichting="na de bouwvak")
    body = _feed(client, token).content.decode()
    lines = _unfold(body)
    assert lines[:6] == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//leerwerk//signalen//NL", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "X-WR-CALNAME:leerwerk – signalen",
    ]  # fmt: skip
    assert "X-WR-TIMEZONE:Europe/Amsterdam" in lines
    assert lines[-1] == "END:VCALENDAR"
    [event] = _events(body)
    assert event["UID"] == f"signaal-{signaal.pk}@leerwerk"
    assert event["DTSTART;VALUE=DATE"] == "20260314"
    assert event["DTEND;VALUE=DATE"] == "20260315"
    assert event["SUMMARY"] == "[Urgent] Proefplaatsing: termijn met behoud van uitkering"
    assert _unescape(event["DESCRIPTION"]) == (
        "Proefplaatsing bij Bouw BV: de termijn eindigt op 14-03-2026.\nVoorstel: 17-08-2026 (na de bouwvak)"
    )
    assert event["URL"] == "http://testserver/kandidaten/7/"
    assert event["DTSTAMP"].endswith("Z") and len(event["DTSTAMP"]) == 16


def test_feed_escapes_and_folds_a_long_message_and_parses_back(client, km):
    token = agenda_link_create(acting_user=km)
    bericht = "Opleiding bij Lasschool; VCA-examen, praktijk \\ theorie\nTweede regel – " + "één woord " * 30
    _signaal(km, bericht=bericht[:500], ernst=c.Ernst.WAARSCHUWING)
    body = _feed(client, token).content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    [event] = _events(body)
    assert _unescape(event["DESCRIPTION"]) == bericht[:500]
    assert "\\;" in event["DESCRIPTION"] and "\\," in event["DESCRIPTION"] and "\\n" in event["DESCRIPTION"]
    assert event["SUMMARY"] == "[Let op] Proefplaatsing: termijn met behoud van uitkering"


def test_feed_never_holds_the_participants_name(client, wereld):
    deelname = wereld.deelname(voornaam="Zainab", achternaam="Haddad")
    token = agenda_link_create(acting_user=wereld.klantmanager)
    _signaal(wereld.klantmanager, deelname=deelname, traject=wereld.traject)
    body = _feed(client, token).content.decode()
    assert len(_events(body)) == 1
    assert "Zainab" not in body and "Haddad" not in body


def test_feed_without_link_points_to_the_signal_list(client, km):
    token = agenda_link_create(acting_user=km)
    _signaal(km)
    [event] = _events(_feed(client, token).content.decode())
    assert event["URL"] == "http://testserver" + reverse("signalen:lijst")


# --- The secret link ----------------------------------------------------------------------------


def test_token_is_stored_only_as_its_sha256(km):
    token = agenda_link_create(acting_user=km)
    instelling = SignaalInstelling.objects.get(user=km)
    assert instelling.agenda_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(SignaalInstelling.objects.filter(user=km).values().get())
    assert len(token) >= 40


def test_unknown_revoked_or_replaced_token_answers_404(client, km):
    assert _feed(client, "bestaat-niet").status_code == 404
    old = agenda_link_create(acting_user=km)
    assert _feed(client, old).status_code == 200
    new = agenda_link_create(acting_user=km)
    assert new != old
    assert _feed(client, old).status_code == 404
    assert _feed(client, new).status_code == 200
    agenda_link_revoke(acting_user=km)
    assert _feed(client, new).status_code == 404


def test_inactive_users_feed_answers_404(client, km):
    token = agenda_link_create(acting_user=km)
    km.is_active = False
    km.save()
    assert _feed(client, token).status_code == 404


def test_feed_needs_no_login_and_refuses_post(client, km):
    token = agenda_link_create(acting_user=km)
    assert _feed(client, token).status_code == 200  # the test client is anonymous
    assert client.post(reverse("signalen:agenda", args=[token])).status_code == 405
