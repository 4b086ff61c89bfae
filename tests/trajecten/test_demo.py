"""The demo trajectories on any day of the year, and the date helpers they are planned with."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.leerwerk.test_demo_data import assert_placements_consistent, assert_timelines_consistent
from trajecten.demo import INSTALLATIE_NAAM
from trajecten.demo_bouwstenen import bouwvak_zuid, fase_periode, in_bouwvak, vorige_bouwvak, werkdag
from trajecten.demo_glas import GLAS_NAAM
from trajecten.models import DeelnameStap, Traject, Vervolgactie
from werkgevers.models import Bijeenkomst, Leerwerkplek, Plaatsing


def test_known_bouwvak_dates_and_the_approximation_for_other_years():
    assert bouwvak_zuid(2024) == (dt.date(2024, 7, 22), dt.date(2024, 8, 9))
    start, eind = bouwvak_zuid(2027)
    assert start.weekday() == 0 and eind.weekday() == 4 and (eind - start).days == 18
    assert start.month == 7


def test_the_installatie_plan_uses_the_last_bouwvak_that_left_room_for_placements():
    assert vorige_bouwvak(dt.date(2024, 11, 23)) == bouwvak_zuid(2024)
    assert vorige_bouwvak(dt.date(2024, 8, 30)) == bouwvak_zuid(2023)  # three weeks after: too soon


def test_a_phase_at_the_firms_pauses_for_the_bouwvak_and_does_not_start_in_it():
    start, eind = fase_periode(dt.date(2024, 7, 1), 6)  # would run into the bouwvak
    assert (start, eind) == (dt.date(2024, 7, 1), dt.date(2024, 8, 30))
    start, _ = fase_periode(dt.date(2024, 7, 29), 4)
    assert start == dt.date(2024, 8, 12)
    assert fase_periode(dt.date(2024, 7, 1), 6, bouwvak=False) == (dt.date(2024, 7, 1), dt.date(2024, 8, 9))


def test_weekend_days_become_the_friday_before():
    assert werkdag(dt.date(2026, 11, 21)) == dt.date(2026, 11, 20)  # Saturday
    assert werkdag(dt.date(2026, 11, 22)) == dt.date(2026, 11, 20)  # Sunday
    assert werkdag(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dag",
    [
        dt.datetime(2027, 1, 4, 10, 0),  # winter
        dt.datetime(2027, 4, 18, 10, 0),  # a Sunday in spring
        dt.datetime(2027, 7, 28, 10, 0),  # in the bouwvak
        dt.datetime(2027, 9, 2, 10, 0),  # just after the bouwvak: the plan looks back a year
        dt.datetime(2028, 2, 29, 10, 0),  # leap day
    ],
)
def test_the_demo_is_consistent_whatever_the_day_it_is_loaded(dag):
    with time_machine.travel(timezone.make_aware(dag), tick=False):
        call_command("demo_data")
        today = timezone.localdate()
        assert_timelines_consistent(today)

        traject = Traject.objects.get(naam=INSTALLATIE_NAAM)
        assert traject.doel_datum > today
        installatie = {f.soort: f for f in traject.fases.all()}
        bouwvak_start, bouwvak_eind = vorige_bouwvak(today)
        assert installatie["opleiding"].eind < bouwvak_start
        assert installatie["proefplaatsing"].start > bouwvak_eind
        for stap in DeelnameStap.objects.filter(naar_status__in=["proefplaatsing", "geplaatst"]):
            assert bouwvak_eind < stap.ingangsdatum <= today
        assert_placements_consistent()
        wacht = Plaatsing.objects.get(bevestigd_op__isnull=True)  # the second group's, after its training
        assert wacht.start > today and not in_bouwvak(wacht.start) and not in_bouwvak(wacht.gepland_einde)
        for plek in Leerwerkplek.objects.exclude(toezegging_datum=None):
            assert plek.toezegging_datum <= today < plek.toezegging_geldig_tot
        assert all(b.datum < today for b in Bijeenkomst.objects.all())

        glas = {f.soort: f for f in Traject.objects.get(naam=GLAS_NAAM).fases.all()}
        for soort in ("opleiding", "proefplaatsing", "matching_plaatsing"):
            assert not in_bouwvak(glas[soort].start) and not in_bouwvak(glas[soort].eind), soort
        assert glas["werving_selectie"].start <= today <= glas["werving_selectie"].eind

        open_ = Vervolgactie.objects.filter(afgerond_op__isnull=True)
        assert open_.filter(deadline__lt=today).count() == 1
