"""The demo trajectories on any day of the year, and the date helpers they are planned with
(over leerwerk.datums and the bouwvak periods the demo enters)."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from begeleiding.demo import MUSTAFA
from leerwerk.datums import BouwvakKalender
from signalen.demo import demo_periode
from tests.leerwerk.test_demo_data import assert_placements_consistent, assert_timelines_consistent
from trajecten.demo import INSTALLATIE_NAAM
from trajecten.demo_bouwstenen import fase_periode, vorige_bouwvak
from trajecten.demo_cohort import COHORT_NAAM
from trajecten.demo_glas import GLAS_NAAM
from trajecten.models import DeelnameStap, Traject, Vervolgactie
from werkgevers.models import Bijeenkomst, Leerwerkplek, Plaatsing


def _kalender(*jaren):
    """A calendar over the demo's estimate (region Zuid) of `jaren`, with the real 2023 and 2024."""
    echt = {2023: (dt.date(2023, 7, 31), dt.date(2023, 8, 18)), 2024: (dt.date(2024, 7, 22), dt.date(2024, 8, 9))}
    perioden = [("zuid", j, *(echt.get(j) or demo_periode("zuid", j))) for j in jaren]
    return BouwvakKalender(perioden)


def test_the_demo_estimate_of_a_missing_year_follows_the_2024_pattern():
    assert demo_periode("zuid", 2024) == (dt.date(2024, 7, 22), dt.date(2024, 8, 9))  # as advised
    assert demo_periode("midden", 2024) == (dt.date(2024, 7, 29), dt.date(2024, 8, 16))
    assert demo_periode("noord", 2024) == (dt.date(2024, 8, 5), dt.date(2024, 8, 23))
    start, eind = demo_periode("zuid", 2027)
    assert start.weekday() == 0 and eind.weekday() == 4 and (eind - start).days == 18
    assert start.month == 7


def test_the_installatie_plan_uses_the_last_bouwvak_that_left_room_for_placements():
    kalender = _kalender(2023, 2024)
    assert vorige_bouwvak(kalender, "zuid", dt.date(2024, 11, 23)).jaar == 2024
    assert vorige_bouwvak(kalender, "zuid", dt.date(2024, 8, 30)).jaar == 2023  # three weeks after: too soon
    assert vorige_bouwvak(kalender, "zuid", dt.date(2024, 10, 31)).jaar == 2023  # twelve weeks: room for both trials


def test_a_phase_at_the_firms_pauses_for_the_bouwvak_and_does_not_start_in_it():
    kalender = _kalender(2024)
    start, eind = fase_periode(kalender, "zuid", dt.date(2024, 7, 1), 6)  # would run into the bouwvak
    assert (start, eind) == (dt.date(2024, 7, 1), dt.date(2024, 8, 30))
    start, _ = fase_periode(kalender, "zuid", dt.date(2024, 7, 29), 4)
    assert start == dt.date(2024, 8, 12)
    assert fase_periode(kalender, "zuid", dt.date(2024, 7, 1), 6, bouwvak=False) == (
        dt.date(2024, 7, 1),
        dt.date(2024, 8, 9),
    )


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
        kalender = BouwvakKalender()

        def in_bouwvak(dag):
            return kalender.op("zuid", dag) is not None

        traject = Traject.objects.get(naam=INSTALLATIE_NAAM)
        assert traject.doel_datum > today
        installatie = {f.soort: f for f in traject.fases.all()}
        vorige = vorige_bouwvak(kalender, "zuid", today)
        bouwvak_start, bouwvak_eind = vorige.start, vorige.eind
        assert installatie["opleiding"].eind < bouwvak_start
        assert installatie["proefplaatsing"].start > bouwvak_eind
        plaatsingen = DeelnameStap.objects.filter(naar_status__in=["proefplaatsing", "geplaatst"])
        # Mustafa, an experienced fitter, went from the voortraject into a BBL contract (begeleiding.demo).
        for stap in plaatsingen.exclude(deelname__traject__naam=COHORT_NAAM).exclude(
            deelname__deelnemer__bsn=MUSTAFA.bsn
        ):
            assert bouwvak_eind < stap.ingangsdatum <= today
        cohort = plaatsingen.filter(deelname__traject__naam=COHORT_NAAM)  # two years back: all in the past
        assert cohort.count() == 8 and all(stap.ingangsdatum < bouwvak_eind for stap in cohort)
        assert_placements_consistent()
        # The second group's trial at the demo employer, after its training (the other one waiting
        # for its employer starts in the bouwvak on purpose: the signals show it).
        wacht = Plaatsing.objects.get(bevestigd_op__isnull=True, soort="proefplaatsing")
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
