"""Issue 11, item 1: the step into proefplaatsing or geplaatst belongs to the day a confirmed
placement starts, and carries that date. Until then the participant stays in training and the
pages say "Bevestigd: …, start op …". The nightly task makes the step; a confirmation on or
after the start day makes it at once; a start moved later or a placement ended before its start
takes a step made too early back. Every run is idempotent."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tests.secties import met_secties
from tests.werkgevers.plaatsingen import klaar, propose, status_van
from trajecten import constants as tc
from trajecten.models import Deelname
from trajecten.services import deelname_transition_for_plaatsing
from werkgevers import constants as c
from werkgevers import services
from werkgevers.tasks import plaatsingen_starten

S = tc.DeelnameStatus
P = c.PlaatsingStatus
D = datetime.date
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = D(2027, 2, 15)
EINDE = D(2027, 4, 9)
pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def op(dag: D):
    """Travel to noon of `dag` in Amsterdam."""
    return time_machine.travel(datetime.datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


def confirm(world, plaatsing):
    return services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=plaatsing.versie)


def proef(world, deelname, start=START, einde=EINDE):
    return propose(world, deelname, start=start, gepland_einde=einde)


def deelname_van(deelname):
    return Deelname.objects.get(pk=deelname.pk)


def test_a_placement_confirmed_for_a_later_date_leaves_the_participant_in_training(world, client):
    deelname = klaar(world)
    stappen = deelname.stappen.count()
    with op(D(2026, 12, 2)):
        confirm(world, proef(world, deelname))
        assert status_van(deelname) == S.OPLEIDING
        assert deelname.stappen.count() == stappen  # no step at the confirmation

        # The board and the participant page say when the placement starts.
        client.force_login(world.regisseur)
        bord = met_secties(client, reverse("trajecten:detail", args=[deelname.traject_id]))
        pagina = met_secties(client, reverse("trajecten:deelname", args=[deelname.pk]))
        for html in (bord, pagina):
            assert "Bevestigd: proefplaatsing met behoud van uitkering, start op 15-02-2027" in html
        client.force_login(world.klantmanager)
        kandidaat = met_secties(client, reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id]))
        assert "start op 15-02-2027" in kandidaat


def test_the_nightly_task_makes_the_step_on_the_start_day_with_that_date(world):
    deelname = klaar(world)
    stappen = deelname.stappen.count()
    with op(D(2026, 12, 2)):
        confirm(world, proef(world, deelname))
    with op(START - datetime.timedelta(days=1)):  # the day before: nothing yet
        assert plaatsingen_starten() == "0"
        assert status_van(deelname) == S.OPLEIDING
    with op(START):
        assert plaatsingen_starten() == "1"
        bijgewerkt = deelname_van(deelname)
        assert (bijgewerkt.status, bijgewerkt.status_sinds) == (S.PROEFPLAATSING, START)
        stap = bijgewerkt.stappen.order_by("-id").first()
        assert (stap.van_status, stap.naar_status, stap.ingangsdatum) == (S.OPLEIDING, S.PROEFPLAATSING, START)
        assert stap.door == world.werkgever_user  # in the name of the employer who confirmed
        assert "gestart op 15-02-2027" in stap.toelichting
        # Idempotent: a second run (a redelivered task) changes nothing.
        assert plaatsingen_starten() == "0"
        assert deelname_van(deelname).stappen.count() == stappen + 1


def test_the_board_no_longer_says_confirmed_once_started(world, client):
    deelname = klaar(world)
    with op(D(2026, 12, 2)):
        confirm(world, proef(world, deelname))
    with op(START):
        plaatsingen_starten()
        client.force_login(world.regisseur)
        bord = met_secties(client, reverse("trajecten:detail", args=[deelname.traject_id]))
        assert "start op 15-02-2027" not in bord


@pytest.mark.parametrize("start", [START, START - datetime.timedelta(days=20)], ids=["vandaag", "verleden"])
def test_a_confirmation_on_or_after_the_start_day_makes_the_step_at_once(world, start):
    deelname = klaar(world)
    with op(START):
        confirm(world, proef(world, deelname, start=start))
        bijgewerkt = deelname_van(deelname)
        assert (bijgewerkt.status, bijgewerkt.status_sinds) == (S.PROEFPLAATSING, start)
        assert bijgewerkt.stappen.order_by("-id").first().ingangsdatum == start
        assert plaatsingen_starten() == "0"


def test_a_start_in_the_past_never_dates_the_step_before_the_previous_one(world):
    deelname = klaar(world)  # the factory's steps are dated 05-01-2026
    with op(START):
        confirm(world, proef(world, deelname, start=D(2025, 12, 1), einde=D(2026, 1, 31)))
        stap = deelname_van(deelname).stappen.order_by("-id").first()
        assert stap.ingangsdatum == D(2026, 1, 5)


def test_a_start_moved_later_takes_the_step_back_and_makes_it_on_the_new_day(world):
    deelname = klaar(world)
    nieuw = START + datetime.timedelta(days=14)
    with op(START):
        plaatsing = confirm(world, proef(world, deelname))
        assert status_van(deelname) == S.PROEFPLAATSING
        plaatsing = services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, start=nieuw)
        bijgewerkt = deelname_van(deelname)
        assert (bijgewerkt.status, bijgewerkt.status_sinds) == (S.OPLEIDING, D(2026, 1, 5))
        terug = bijgewerkt.stappen.order_by("-id").first()
        assert (terug.van_status, terug.naar_status) == (S.PROEFPLAATSING, S.OPLEIDING)
        assert terug.toelichting == "Teruggezet: de plaatsing begint pas op 01-03-2027."
        assert plaatsingen_starten() == "0"  # idempotent: nothing left to take back
    with op(nieuw):
        # The new date waits for the employer's confirmation: no step on unconfirmed terms.
        assert plaatsingen_starten() == "0"
        assert status_van(deelname) == S.OPLEIDING
        confirm(world, plaatsing)
        bijgewerkt = deelname_van(deelname)
        assert (bijgewerkt.status, bijgewerkt.status_sinds) == (S.PROEFPLAATSING, nieuw)


def test_a_start_moved_to_today_steps_once_the_employer_confirms_it(world):
    deelname = klaar(world)
    with op(START):
        plaatsing = confirm(world, proef(world, deelname, start=START + datetime.timedelta(days=7)))
        plaatsing = services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, start=START)
        assert status_van(deelname) == S.OPLEIDING
        confirm(world, plaatsing)
        assert deelname_van(deelname).status_sinds == START
        assert status_van(deelname) == S.PROEFPLAATSING


def test_a_change_of_hours_after_the_start_keeps_the_step(world):
    deelname = klaar(world)
    stappen = deelname.stappen.count()
    with op(START):
        plaatsing = confirm(world, proef(world, deelname))
        services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, uren_per_week=24)
        assert status_van(deelname) == S.PROEFPLAATSING
        assert plaatsingen_starten() == "0"
        assert deelname_van(deelname).stappen.count() == stappen + 1


def test_a_placement_ended_before_its_start_never_moves_the_participant(world):
    deelname = klaar(world)
    with op(D(2026, 12, 2)):
        plaatsing = confirm(world, proef(world, deelname))
        services.plaatsing_end(
            acting_user=world.regisseur, plaatsing=plaatsing, einde=START, reden="deelnemer", toelichting=""
        )
    with op(START):
        assert plaatsingen_starten() == "0"
        assert status_van(deelname) == S.OPLEIDING


def test_a_step_made_too_early_is_taken_back_by_the_nightly_task(world):
    """Participations stepped at confirmation before this fix: the nightly task puts them back."""
    with op(D(2026, 12, 1)):
        deelname = klaar(world)
    with op(D(2026, 12, 2)):
        confirm(world, proef(world, deelname))
        deelname_transition_for_plaatsing(
            acting_user=world.werkgever_user,
            deelname_id=deelname.pk,
            naar=S.PROEFPLAATSING,
            ingangsdatum=D(2026, 12, 2),
            toelichting="Zoals het vroeger ging: bij de bevestiging.",
        )
        assert status_van(deelname) == S.PROEFPLAATSING
        assert plaatsingen_starten() == "1"
        assert status_van(deelname) == S.OPLEIDING
        assert plaatsingen_starten() == "0"
    with op(START):
        assert plaatsingen_starten() == "1"
        assert deelname_van(deelname).status_sinds == START


def test_a_step_recorded_without_a_placement_in_the_product_is_left_alone(world):
    """Only a step that a confirmed placement made too early is taken back."""
    deelname = world.deelname(S.GEPLAATST)
    with op(START):
        assert plaatsingen_starten() == "0"
        assert status_van(deelname) == S.GEPLAATST


def test_the_nightly_task_is_on_the_beat_schedule():
    taken = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "werkgevers.tasks.plaatsingen_starten" in taken
