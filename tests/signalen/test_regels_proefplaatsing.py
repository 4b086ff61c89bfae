"""Rule 1: a trial placement keeping benefit nears or passes its limit (default 2 months, extendable)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelnemers.constants import UitkeringType
from leerwerk.models import Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal, Termijnregels, Verlenging
from signalen.regels import ScanContext
from signalen.regels.proefplaatsing import proefplaatsing_termijn
from tests.signalen.conftest import scan_op, van_regel
from tests.signalen.stappen import ander_traject, deelname_in
from trajecten import constants as tc
from werkgevers import constants as wc
from werkgevers.models import Plaatsing

S = tc.DeelnameStatus
START = dt.date(2026, 1, 15)  # two months: the last day on benefit is 14-03-2026
DEADLINE = dt.date(2026, 3, 14)


def proef_op(dag, **kwargs):
    return van_regel(scan_op(dag, **kwargs), Regel.PROEFPLAATSING_TERMIJN)


def proefplaatsing(wereld, deelname=None, **kwargs):
    kwargs.setdefault("start", START)
    return wereld.plaatsing(deelname or wereld.deelname(S.PROEFPLAATSING, status_sinds=START), **kwargs)


@pytest.mark.parametrize(
    ("dag", "ernst"),
    [
        (dt.date(2026, 2, 27), None),  # the day before the 14-day lead time
        (dt.date(2026, 2, 28), Ernst.WAARSCHUWING),  # its first day
        (dt.date(2026, 3, 10), Ernst.WAARSCHUWING),
        (dt.date(2026, 3, 11), Ernst.URGENT),  # 3 days before
        (DEADLINE, Ernst.URGENT),
        (dt.date(2026, 3, 15), Ernst.URGENT),  # passed
    ],
)
def test_the_trial_placement_at_its_boundaries(wereld, dag, ernst):
    plaatsing = proefplaatsing(wereld)
    signalen = proef_op(dag)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    deelname = plaatsing.deelname
    assert (signaal.deadline, signaal.ernst) == (DEADLINE, ernst)
    assert (signaal.object_type, signaal.object_id, signaal.deelname, signaal.traject) == (
        "plaatsing", str(plaatsing.pk), deelname, wereld.traject,
    )  # fmt: skip
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.klantmanager, Rol.KLANTMANAGER, wereld.gemeente,
    )  # fmt: skip
    assert signaal.link == reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id])
    assert wereld.werkgever.organisatie.naam in signaal.bericht and "2 maanden" in signaal.bericht
    assert "14-03-2026" in signaal.bericht
    assert ("verstreken" in signaal.bericht) == (dag > DEADLINE)
    persoon = deelname.deelnemer
    assert persoon.voornaam not in signaal.bericht and persoon.achternaam not in signaal.bericht


def test_an_extension_moves_the_deadline_to_three_months(wereld):
    plaatsing = proefplaatsing(wereld)
    [oud] = proef_op(dt.date(2026, 3, 11))
    Verlenging.objects.create(
        plaatsing=plaatsing, maanden=3, reden="Werkgever wil nog een maand", door=wereld.klantmanager
    )
    assert proef_op(dt.date(2026, 3, 11)) == []  # three months: the last day is 14-04-2026
    oud.refresh_from_db()
    assert oud.status == SignaalStatus.VERVALLEN
    assert proef_op(dt.date(2026, 3, 30)) == []
    [signaal] = proef_op(dt.date(2026, 3, 31))
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 4, 14), Ernst.WAARSCHUWING)
    assert "3 maanden, verlengd" in signaal.bericht
    [signaal] = proef_op(dt.date(2026, 4, 15))
    assert signaal.ernst == Ernst.URGENT and "verstreken" in signaal.bericht


def test_a_placement_planned_past_the_limit_is_signalled_at_once(wereld):
    proefplaatsing(wereld, gepland_einde=dt.date(2026, 4, 30))
    [signaal] = proef_op(dt.date(2026, 1, 20))
    assert (signaal.deadline, signaal.ernst) == (DEADLINE, Ernst.WAARSCHUWING)
    assert "gepland tot 30-04-2026" in signaal.bericht


def test_a_placement_planned_to_end_on_the_last_day_waits_for_the_lead_time(wereld):
    proefplaatsing(wereld, gepland_einde=DEADLINE)
    assert proef_op(dt.date(2026, 1, 20)) == []


def test_a_gemeente_with_its_own_rules(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, proefplaatsing_maanden=1, herinnering_dagen=[7, 1])
    proefplaatsing(wereld)  # one month: the last day is 14-02-2026
    assert proef_op(dt.date(2026, 2, 6)) == []
    [signaal] = proef_op(dt.date(2026, 2, 7))
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 2, 14), Ernst.WAARSCHUWING)
    [signaal] = proef_op(dt.date(2026, 2, 13))
    assert signaal.ernst == Ernst.URGENT


@pytest.mark.parametrize(
    ("start", "deadline"),
    # No 30 February: the two months end on February's last day, 29 in a leap year.
    [(dt.date(2023, 12, 30), dt.date(2024, 2, 29)), (dt.date(2022, 12, 30), dt.date(2023, 2, 28))],
    ids=["leap-year", "common-year"],
)
def test_leap_year(wereld, start, deadline):
    proefplaatsing(wereld, start=start)
    [signaal] = proef_op(deadline)
    assert signaal.deadline == deadline


def test_no_signal_without_benefit(wereld):
    deelname = wereld.deelname(S.PROEFPLAATSING, status_sinds=START, uitkering_type=UitkeringType.GEEN)
    proefplaatsing(wereld, deelname, gepland_einde=dt.date(2026, 5, 1))
    assert proef_op(dt.date(2026, 3, 15)) == []


@pytest.mark.parametrize(
    ("soort", "signaal"),
    [
        (wc.PlaatsingSoort.STAGE, True),
        (wc.PlaatsingSoort.BBL, False),
        (wc.PlaatsingSoort.BEPAALDE_TIJD, False),
    ],
)
def test_only_placements_keeping_benefit(wereld, soort, signaal):
    proefplaatsing(wereld, soort=soort)
    assert len(proef_op(DEADLINE)) == (1 if signaal else 0)


@pytest.mark.parametrize(
    "status", [wc.PlaatsingStatus.VOORGESTELD, wc.PlaatsingStatus.BEVESTIGD, wc.PlaatsingStatus.GESTART]
)
def test_a_placement_still_to_start_counts_too(wereld, status):
    proefplaatsing(wereld, status=status)
    [signaal] = proef_op(DEADLINE)
    assert signaal.deadline == DEADLINE


def test_the_signal_closes_when_the_placement_ends(wereld):
    plaatsing = proefplaatsing(wereld)
    [signaal] = proef_op(dt.date(2026, 3, 11))
    Plaatsing.objects.filter(pk=plaatsing.pk).update(
        status=wc.PlaatsingStatus.BEEINDIGD, einde=dt.date(2026, 3, 12), einde_reden=wc.EindeReden.AFGEROND
    )
    assert proef_op(dt.date(2026, 3, 12)) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_a_second_scan_changes_nothing(wereld):
    proefplaatsing(wereld)
    proefplaatsing(wereld, start=dt.date(2026, 1, 20), gepland_einde=dt.date(2026, 4, 30))

    def rows():
        return list(Signaal.objects.filter(regel=Regel.PROEFPLAATSING_TERMIJN).order_by("pk").values())

    proef_op(dt.date(2026, 3, 1))
    first = rows()
    assert len(first) == 2
    proef_op(dt.date(2026, 3, 1))
    assert rows() == first


def test_a_scan_of_one_trajectory_leaves_the_others_alone(wereld):
    hier = proefplaatsing(wereld)
    daar = proefplaatsing(wereld, deelname_in(wereld, ander_traject(wereld), S.PROEFPLAATSING, START))
    assert len(proef_op(DEADLINE)) == 2
    Plaatsing.objects.filter(pk__in=[hier.pk, daar.pk]).update(
        status=wc.PlaatsingStatus.BEEINDIGD, einde=DEADLINE, einde_reden=wc.EindeReden.AFGEROND
    )
    [over] = proef_op(DEADLINE, traject_ids=[wereld.traject.pk])
    assert over.object_id == str(daar.pk)
    assert Signaal.objects.get(deelname=hier.deelname).status == SignaalStatus.VERVALLEN
    assert proef_op(DEADLINE) == []


def test_the_number_of_queries_does_not_grow_with_the_placements(wereld):
    traject = ander_traject(wereld)

    def queries():
        ctx = ScanContext(vandaag=DEADLINE)
        with CaptureQueriesContext(connection) as rule:
            found = list(proefplaatsing_termijn(ctx))
        Signaal.objects.all().delete()
        with CaptureQueriesContext(connection) as full:
            proef_op(DEADLINE)
        return len(found), len(rule), len(full)

    proefplaatsing(wereld)
    one = queries()
    for i in range(9):
        plaatsing = proefplaatsing(
            wereld, deelname_in(wereld, traject if i % 2 else wereld.traject, S.PROEFPLAATSING, START)
        )
        if i % 3 == 0:
            Verlenging.objects.create(plaatsing=plaatsing, maanden=2, reden="Gelijk", door=wereld.klantmanager)
    ten = queries()
    assert one[:2] == (1, 1)
    assert ten[:2] == (10, 1)
    assert one[2] == ten[2]
