"""Meetings of a trajectory (issue 15): planning, the feedback series, minutes with follow-up
actions, scope and the calendar feed."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from regie.models import FeedbackReeks, Overleg
from regie.services import overleg as ov
from signalen import agenda as ics
from signalen.models import SignaalInstelling
from trajecten.models import Vervolgactie

MAART = dt.date(2026, 3, 2)


def plan(rw, **velden):
    gegevens = {"soort": "kickoff", "datum": dt.date(2026, 3, 18), "begintijd": dt.time(10), "eindtijd": dt.time(12)}
    return ov.overleg_plannen(acting_user=rw.regisseur, traject=rw.traject, **{**gegevens, **velden})


def test_the_regisseur_plans_a_kickoff_with_partners_as_attendees(rw):
    b = plan(rw, aanwezigen=[rw.opleider, rw.werkgever], agenda="Verwachtingen, duur en uren")
    assert (b.soort, b.traject, b.aangemaakt_door) == ("kickoff", rw.traject, rw.regisseur)
    assert set(b.aanwezigen.all()) == {rw.opleider, rw.werkgever}


def test_an_outsider_cannot_attend_or_plan(rw):
    with pytest.raises(ValidationError) as fout:
        plan(rw, aanwezigen=[rw.buitenstaander])
    assert "alleen medewerkers van de regie of van de trajectpartners" in str(fout.value)
    with pytest.raises(PermissionDenied):
        ov.overleg_plannen(acting_user=rw.buitenstaander, traject=rw.traject, soort="kickoff", datum=MAART)
    with pytest.raises(PermissionDenied):  # a partner reads, but does not plan
        ov.overleg_plannen(acting_user=rw.opleider, traject=rw.traject, soort="kickoff", datum=MAART)
    assert not Overleg.objects.exists()


def test_bad_times_are_refused_in_dutch_and_nothing_is_written(rw):
    with pytest.raises(ValidationError) as fout:
        plan(rw, begintijd=dt.time(12), eindtijd=dt.time(11))
    assert "De eindtijd ligt na de begintijd." in str(fout.value)
    assert not Overleg.objects.exists()


def test_the_series_creates_its_meetings_and_a_change_keeps_the_past(rw):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        reeks = ov.feedbackreeks_vastleggen(
            acting_user=rw.regisseur, traject=rw.traject, interval_weken=4, vanaf=dt.date(2026, 3, 4),
            tot=dt.date(2026, 6, 30), begintijd=dt.time(14), eindtijd=dt.time(15),
        )  # fmt: skip
    data = [dt.date(2026, 3, 4), dt.date(2026, 4, 1), dt.date(2026, 4, 29), dt.date(2026, 5, 27), dt.date(2026, 6, 24)]
    assert list(reeks.overleggen.order_by("datum").values_list("datum", flat=True)) == data
    # Each one invites the regisseur and the partners' contact persons.
    assert set(reeks.overleggen.first().aanwezigen.all()) == {rw.regisseur, rw.werkgever}
    eerste = reeks.overleggen.get(datum=dt.date(2026, 3, 4))
    eerste.notulen = "Besproken: de planning."
    eerste.save()
    # Two months later the regie moves to every six weeks: what took place stays; what is to
    # come follows the new series; running it twice changes nothing.
    for _ in range(2):
        with time_machine.travel(dt.datetime(2026, 4, 15, 9, tzinfo=dt.UTC), tick=False):
            ov.feedbackreeks_vastleggen(
                acting_user=rw.regisseur, traject=rw.traject, interval_weken=6, vanaf=dt.date(2026, 3, 4),
                tot=dt.date(2026, 6, 30), begintijd=dt.time(14), eindtijd=dt.time(15),
            )  # fmt: skip
    assert FeedbackReeks.objects.count() == 1
    # 4 March (minutes) and 1 April (past) stay; 29 April and 24 June fall out; 15 April is new.
    assert list(Overleg.objects.order_by("datum").values_list("datum", flat=True)) == [
        dt.date(2026, 3, 4), dt.date(2026, 4, 1), dt.date(2026, 4, 15), dt.date(2026, 5, 27)
    ]  # fmt: skip


def test_a_series_of_more_than_sixty_moments_is_refused(rw):
    with pytest.raises(ValidationError) as fout:
        ov.feedbackreeks_vastleggen(
            acting_user=rw.regisseur, traject=rw.traject, interval_weken=1, vanaf=dt.date(2026, 1, 1),
            tot=dt.date(2027, 12, 31),
        )  # fmt: skip
    assert "meer dan 60 feedbackmomenten" in str(fout.value)
    assert not FeedbackReeks.objects.exists() and not Overleg.objects.exists()


def test_minutes_with_actions_after_the_meeting_only(rw):
    b = plan(rw, datum=dt.date(2026, 3, 18))
    actie = {"omschrijving": "Rooster delen", "eigenaar": rw.opleider, "deadline": dt.date(2026, 3, 25)}
    with (
        time_machine.travel(dt.datetime(2026, 3, 17, 9, tzinfo=dt.UTC), tick=False),
        pytest.raises(ValidationError) as fout,
    ):
        ov.notulen_vastleggen(acting_user=rw.regisseur, overleg=b, notulen="Te vroeg", acties=[actie])
    assert "na het overleg" in str(fout.value)
    with time_machine.travel(dt.datetime(2026, 3, 19, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ValidationError) as fout:
            ov.notulen_vastleggen(
                acting_user=rw.regisseur, overleg=b, notulen="Goed overleg",
                acties=[{**actie, "eigenaar": rw.buitenstaander}],
            )  # fmt: skip
        assert "eigenaar van een actie" in str(fout.value)
        assert not Vervolgactie.objects.exists()
        ov.notulen_vastleggen(
            acting_user=rw.regisseur,
            overleg=b,
            notulen="Goed overleg",
            besluiten="Start op 1 april",
            acties=[actie],
        )
    b.refresh_from_db()
    assert (b.notulen, b.besluiten, b.notulen_door) == ("Goed overleg", "Start op 1 april", rw.regisseur)
    [v] = Vervolgactie.objects.all()
    assert (v.overleg, v.contactmoment, v.eigenaar) == (b, None, rw.opleider)
    with pytest.raises(ValidationError):  # with minutes, a meeting is the record: it stays
        ov.overleg_verwijderen(acting_user=rw.regisseur, overleg=b)


def test_pages_scope_partners_read_the_regisseur_writes(client, rw):
    b = plan(rw, aanwezigen=[rw.werkgever], agenda="Kennismaking")
    lijst, detail = reverse("regie:overleggen", args=[rw.traject.pk]), reverse("regie:overleg", args=[b.pk])
    client.force_login(rw.buitenstaander)
    assert client.get(lijst).status_code == 404 and client.get(detail).status_code == 404
    client.force_login(rw.opleider)
    pagina = client.get(detail).content.decode()
    assert "Kennismaking" in pagina and "Overleg wijzigen" not in pagina
    assert client.post(lijst, {"b-soort": "feedback", "b-datum": "2026-04-01"}).status_code == 404
    assert client.post(reverse("regie:notulen", args=[b.pk]), {"n-notulen": "x"}).status_code == 404
    client.force_login(rw.regisseur)
    lijsten = client.get(reverse("regie:overleg_lijsten", args=[rw.traject.pk]), HTTP_HX_REQUEST="true")
    formulieren = client.get(reverse("regie:overleg_formulieren", args=[rw.traject.pk]), HTTP_HX_REQUEST="true")
    assert "Kick-off" in lijsten.content.decode() and "Overleg plannen" in formulieren.content.decode()
    antwoord = client.post(lijst, {"b-soort": "", "b-datum": "morgen", "b-begintijd": "10:00", "b-eindtijd": "09:00"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    for melding in ("Kies de soort overleg.", "Vul een geldige datum in.", "De eindtijd ligt na de begintijd."):
        assert melding in tekst
    assert Overleg.objects.count() == 1


def test_a_meeting_is_in_its_attendees_calendar_feed_only(client, rw):
    plan(rw, aanwezigen=[rw.werkgever], datum=dt.date(2026, 12, 10), locatie="Stadskantoor, zaal 3")
    tokens = {}
    for user in (rw.werkgever, rw.opleider):
        tokens[user.pk] = ics.nieuw_token()
        SignaalInstelling.objects.update_or_create(
            user=user, defaults={"agenda_token_hash": ics.token_hash(tokens[user.pk])}
        )
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        feed = client.get(reverse("signalen:agenda", args=[tokens[rw.werkgever.pk]])).content.decode()
        ander = client.get(reverse("signalen:agenda", args=[tokens[rw.opleider.pk]])).content.decode()
    assert "SUMMARY:Kick-off" in feed and "DTSTART:20261210T090000Z" in feed
    assert "LOCATION:Stadskantoor\\, zaal 3" in feed
    assert "Kick-off" not in ander


def test_a_series_set_late_makes_no_meetings_in_the_past_and_leaves_a_moved_one(rw):
    with time_machine.travel(dt.datetime(2026, 4, 15, 9, tzinfo=dt.UTC), tick=False):
        reeks = ov.feedbackreeks_vastleggen(
            acting_user=rw.regisseur, traject=rw.traject, interval_weken=2, vanaf=dt.date(2026, 3, 4),
            tot=dt.date(2026, 5, 31),
        )  # fmt: skip
        data = list(reeks.overleggen.order_by("datum").values_list("datum", flat=True))
        assert data == [dt.date(2026, 4, 15), dt.date(2026, 4, 29), dt.date(2026, 5, 13), dt.date(2026, 5, 27)]
        verplaatst = reeks.overleggen.get(datum=dt.date(2026, 4, 29))
        ov.overleg_wijzigen(acting_user=rw.regisseur, overleg=verplaatst, datum=dt.date(2026, 4, 30))
        ov.feedbackreeks_vastleggen(
            acting_user=rw.regisseur, traject=rw.traject, interval_weken=2, vanaf=dt.date(2026, 3, 4),
            tot=dt.date(2026, 5, 31),
        )  # fmt: skip
    verplaatst.refresh_from_db()
    assert (verplaatst.datum, verplaatst.reeks) == (dt.date(2026, 4, 30), None)
    assert not Overleg.objects.filter(datum=dt.date(2026, 4, 29)).exists()  # the moved one stands in for it
