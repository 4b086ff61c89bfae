"""Rule 2: a participant on benefit whose trajectory passes the maximum length (default 3 months)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelnemers.constants import UitkeringType
from leerwerk.models import Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal, Termijnregels
from signalen.regels import ScanContext
from signalen.regels.trajectduur import trajectduur
from tests.factories import TrajectFaseFactory
from tests.signalen.conftest import scan_op, van_regel
from tests.signalen.stappen import ander_traject, deelname_in, stap
from trajecten import constants as tc

S = tc.DeelnameStatus
START = dt.date(2026, 1, 5)  # three months: the last day on benefit is 04-04-2026
DEADLINE = dt.date(2026, 4, 4)


def trajectduur_op(dag, **kwargs):
    return van_regel(scan_op(dag, **kwargs), Regel.TRAJECTDUUR)


@pytest.mark.parametrize(
    ("dag", "ernst"),
    [
        (dt.date(2026, 3, 20), None),  # the day before the 14-day lead time
        (dt.date(2026, 3, 21), Ernst.WAARSCHUWING),  # its first day
        (dt.date(2026, 3, 31), Ernst.WAARSCHUWING),  # 4 days before
        (dt.date(2026, 4, 1), Ernst.URGENT),  # 3 days before
        (DEADLINE, Ernst.URGENT),
        (dt.date(2026, 4, 5), Ernst.URGENT),  # passed
    ],
)
def test_the_trajectory_length_at_its_boundaries(wereld, dag, ernst):
    deelname = wereld.deelname(S.OPLEIDING, status_sinds=START)
    signalen = trajectduur_op(dag)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.deadline, signaal.ernst) == (DEADLINE, ernst)
    assert (signaal.object_type, signaal.object_id, signaal.deelname, signaal.traject) == (
        "deelname", str(deelname.pk), deelname, wereld.traject,
    )  # fmt: skip
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.klantmanager, Rol.KLANTMANAGER, wereld.gemeente,
    )  # fmt: skip
    assert signaal.link == reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id])
    assert "04-04-2026" in signaal.bericht and "3 maanden" in signaal.bericht
    assert ("verstreken" in signaal.bericht) == (dag > DEADLINE)
    persoon = deelname.deelnemer
    assert persoon.voornaam not in signaal.bericht and persoon.achternaam not in signaal.bericht


def test_the_clock_starts_at_the_first_step_into_voortraject_or_opleiding(wereld):
    deelname = wereld.deelname(S.GESELECTEERD, status_sinds=dt.date(2025, 12, 1))
    stap(deelname, S.VOORTRAJECT, dt.date(2026, 1, 12))  # three months: last day 11-04-2026
    stap(deelname, S.OPLEIDING, dt.date(2026, 2, 2))
    stap(deelname, S.PROEFPLAATSING, dt.date(2026, 3, 2))
    assert trajectduur_op(dt.date(2026, 3, 27)) == []
    [signaal] = trajectduur_op(dt.date(2026, 3, 28))
    assert signaal.deadline == dt.date(2026, 4, 11)


@pytest.mark.parametrize(
    ("soort", "eind", "signaal"),
    [
        (tc.FaseSoort.OPLEIDING, dt.date(2026, 4, 4), False),  # ends on the last day: fits
        (tc.FaseSoort.OPLEIDING, dt.date(2026, 4, 5), True),
        (tc.FaseSoort.PROEFPLAATSING, dt.date(2026, 5, 31), True),
        (tc.FaseSoort.NAZORG, dt.date(2026, 12, 31), False),  # aftercare is not on benefit
    ],
)
def test_a_planning_past_the_maximum_is_signalled_long_before(wereld, soort, eind, signaal):
    wereld.deelname(S.OPLEIDING, status_sinds=START)
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.VOORTRAJECT, start=START, eind=dt.date(2026, 1, 30))
    TrajectFaseFactory(traject=wereld.traject, soort=soort, start=dt.date(2026, 2, 2), eind=eind)
    signalen = trajectduur_op(dt.date(2026, 2, 1))  # two months before the lead time
    if not signaal:
        assert signalen == []
        return
    [found] = signalen
    assert (found.deadline, found.ernst) == (DEADLINE, Ernst.WAARSCHUWING)
    assert f"gepland tot {eind:%d-%m-%Y}" in found.bericht and "04-04-2026" in found.bericht


@pytest.mark.parametrize(("eind", "signaal"), [(dt.date(2026, 4, 4), False), (dt.date(2026, 4, 5), True)])
def test_a_selected_participant_is_measured_against_the_plan_before_the_start(wereld, eind, signaal):
    """Planned: from the first planned voortraject/opleiding phase to the last planned phase on benefit."""
    wereld.deelname(S.GESELECTEERD, status_sinds=dt.date(2025, 12, 1))
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.VOORTRAJECT, start=START, eind=dt.date(2026, 1, 30))
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.OPLEIDING, start=dt.date(2026, 2, 2), eind=eind)
    signalen = trajectduur_op(dt.date(2025, 12, 15))
    if not signaal:
        assert signalen == []
        return
    [found] = signalen
    assert (found.deadline, found.ernst) == (DEADLINE, Ernst.WAARSCHUWING)
    assert "geplande start op 05-01-2026" in found.bericht and "gepland tot 05-04-2026" in found.bericht


def test_a_gemeente_with_its_own_rules(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, traject_maanden=6, herinnering_dagen=[10, 2])
    wereld.deelname(S.VOORTRAJECT, status_sinds=START)  # six months: last day 04-07-2026
    assert trajectduur_op(DEADLINE) == []
    assert trajectduur_op(dt.date(2026, 6, 23)) == []
    [signaal] = trajectduur_op(dt.date(2026, 6, 24))
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 7, 4), Ernst.WAARSCHUWING)
    [signaal] = trajectduur_op(dt.date(2026, 7, 2))
    assert signaal.ernst == Ernst.URGENT


@pytest.mark.parametrize(
    ("start", "deadline"),
    [(dt.date(2023, 12, 1), dt.date(2024, 2, 29)), (dt.date(2022, 12, 1), dt.date(2023, 2, 28))],
    ids=["leap-year", "common-year"],
)
def test_leap_year(wereld, start, deadline):
    wereld.deelname(S.OPLEIDING, status_sinds=start)
    [signaal] = trajectduur_op(deadline)
    assert signaal.deadline == deadline


def test_no_signal_without_benefit(wereld):
    wereld.deelname(S.OPLEIDING, status_sinds=START, uitkering_type=UitkeringType.GEEN)
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.OPLEIDING, start=START, eind=dt.date(2026, 6, 30))
    assert trajectduur_op(dt.date(2026, 4, 5)) == []


@pytest.mark.parametrize("status", [S.AANGEMELD, S.INTAKE, S.GESELECTEERD, S.GEPLAATST, S.NAZORG, S.GEPARKEERD])
def test_no_signal_outside_the_states_on_the_clock(wereld, status):
    wereld.deelname(status, status_sinds=START)
    assert trajectduur_op(DEADLINE) == []


@pytest.mark.parametrize("naar", [S.GEPLAATST, S.GEPARKEERD, S.UITGEVALLEN])
def test_the_signal_closes_when_the_participation_moves_on(wereld, naar):
    deelname = wereld.deelname(S.PROEFPLAATSING, status_sinds=START)
    [signaal] = trajectduur_op(dt.date(2026, 4, 1))
    stap(deelname, naar, dt.date(2026, 4, 2))
    assert trajectduur_op(dt.date(2026, 4, 2)) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_a_second_scan_changes_nothing(wereld):
    wereld.deelname(S.OPLEIDING, status_sinds=START)
    wereld.deelname(S.VOORTRAJECT, status_sinds=dt.date(2026, 1, 12))
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.OPLEIDING, start=START, eind=dt.date(2026, 5, 1))

    def rows():
        return list(Signaal.objects.filter(regel=Regel.TRAJECTDUUR).order_by("pk").values())

    trajectduur_op(dt.date(2026, 3, 25))
    first = rows()
    assert len(first) == 2
    trajectduur_op(dt.date(2026, 3, 25))
    assert rows() == first


def test_a_scan_of_one_trajectory_leaves_the_others_alone(wereld):
    hier = wereld.deelname(S.OPLEIDING, status_sinds=START)
    daar = deelname_in(wereld, ander_traject(wereld), S.OPLEIDING, START)
    assert len(trajectduur_op(dt.date(2026, 4, 1))) == 2
    stap(hier, S.GEPLAATST, dt.date(2026, 4, 2))
    stap(daar, S.GEPLAATST, dt.date(2026, 4, 2))
    [over] = trajectduur_op(dt.date(2026, 4, 2), traject_ids=[wereld.traject.pk])
    assert over.deelname == daar
    assert Signaal.objects.get(deelname=hier).status == SignaalStatus.VERVALLEN
    assert trajectduur_op(dt.date(2026, 4, 2)) == []


def test_the_number_of_queries_does_not_grow_with_the_participants(wereld):
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.OPLEIDING, start=START, eind=dt.date(2026, 5, 1))
    traject = ander_traject(wereld)

    def queries():
        ctx = ScanContext(vandaag=dt.date(2026, 3, 25))
        with CaptureQueriesContext(connection) as rule:
            found = list(trajectduur(ctx))
        Signaal.objects.all().delete()
        with CaptureQueriesContext(connection) as full:
            trajectduur_op(dt.date(2026, 3, 25))
        return len(found), len(rule), len(full)

    wereld.deelname(S.OPLEIDING, status_sinds=START)
    one = queries()
    for i in range(9):
        deelname_in(wereld, traject if i % 2 else wereld.traject, S.OPLEIDING, START)
    ten = queries()
    assert one[:2] == (1, 2)
    assert ten[:2] == (10, 2)
    assert one[2] == ten[2]
