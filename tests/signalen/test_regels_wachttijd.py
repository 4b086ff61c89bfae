"""Rule 5: selected but not started within the maximum waiting time (default 4 weeks)."""

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
from signalen.regels.wachttijd import wachttijd
from tests.signalen.conftest import scan_op, van_regel
from tests.signalen.stappen import ander_traject, deelname_in, stap
from trajecten import constants as tc

S = tc.DeelnameStatus
GESELECTEERD = dt.date(2026, 1, 5)  # four weeks: the waiting ends on 02-02-2026
DEADLINE = dt.date(2026, 2, 2)


def wachttijd_op(dag, **kwargs):
    return van_regel(scan_op(dag, **kwargs), Regel.WACHTTIJD)


@pytest.mark.parametrize(
    ("dag", "ernst", "tekst"),
    [
        (dt.date(2026, 1, 18), None, ""),  # the day before the 14-day lead time
        (dt.date(2026, 1, 19), Ernst.WAARSCHUWING, "loopt tot en met 02-02-2026"),
        (dt.date(2026, 1, 29), Ernst.WAARSCHUWING, "loopt tot en met 02-02-2026"),
        (dt.date(2026, 1, 30), Ernst.URGENT, "loopt tot en met 02-02-2026"),  # 3 days before
        (DEADLINE, Ernst.URGENT, "loopt tot en met 02-02-2026"),
        (dt.date(2026, 2, 3), Ernst.URGENT, "wacht langer dan"),
        (dt.date(2026, 2, 12), Ernst.URGENT, "wacht langer dan"),
    ],
)
def test_the_waiting_time_at_its_boundaries(wereld, dag, ernst, tekst):
    deelname = wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    signalen = wachttijd_op(dag)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.deadline, signaal.ernst) == (DEADLINE, ernst)
    assert (signaal.object_type, signaal.object_id, signaal.deelname, signaal.traject) == (
        "deelname", str(deelname.pk), deelname, wereld.traject,
    )  # fmt: skip
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.regisseur, Rol.REGISSEUR, wereld.traject.regie_organisatie,
    )  # fmt: skip
    assert signaal.link == reverse("trajecten:deelname", args=[deelname.pk])
    assert tekst in signaal.bericht and "4 weken" in signaal.bericht and "05-01-2026" in signaal.bericht
    persoon = deelname.deelnemer
    assert persoon.voornaam not in signaal.bericht and persoon.achternaam not in signaal.bericht


def test_an_overdue_signal_stays_one_unchanged_signal(wereld):
    """Its text does not count days: otherwise it would be 'changed' in every daily e-mail."""
    wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    [eerst] = wachttijd_op(dt.date(2026, 2, 3))
    [later] = wachttijd_op(dt.date(2026, 2, 5))
    assert later.pk == eerst.pk
    assert (later.bericht, later.gewijzigd_op) == (eerst.bericht, eerst.gewijzigd_op)
    assert Signaal.objects.filter(regel=Regel.WACHTTIJD).count() == 1


def test_the_waiting_counts_from_the_latest_selection(wereld):
    deelname = wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    stap(deelname, S.GEPARKEERD, dt.date(2026, 1, 10))
    assert wachttijd_op(dt.date(2026, 2, 3)) == []  # parked: not waiting for a start
    stap(deelname, S.GESELECTEERD, dt.date(2026, 2, 2))  # four weeks: until 02-03-2026
    assert wachttijd_op(dt.date(2026, 2, 15)) == []
    [signaal] = wachttijd_op(dt.date(2026, 2, 16))
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 3, 2), Ernst.WAARSCHUWING)


def test_a_gemeente_with_its_own_rules(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, wachttijd_weken=6, herinnering_dagen=[7])
    wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)  # six weeks: until 16-02-2026
    assert wachttijd_op(dt.date(2026, 2, 8)) == []
    [signaal] = wachttijd_op(dt.date(2026, 2, 9))
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 2, 16), Ernst.URGENT)
    assert "6 weken" in signaal.bericht


def test_waiting_counts_with_or_without_benefit(wereld):
    wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD, uitkering_type=UitkeringType.GEEN)
    [signaal] = wachttijd_op(DEADLINE)
    assert signaal.deadline == DEADLINE


@pytest.mark.parametrize(
    ("geselecteerd", "deadline"),
    [(dt.date(2024, 2, 1), dt.date(2024, 2, 29)), (dt.date(2023, 2, 1), dt.date(2023, 3, 1))],
    ids=["leap-year", "common-year"],
)
def test_leap_year(wereld, geselecteerd, deadline):
    wereld.deelname(S.GESELECTEERD, status_sinds=geselecteerd)
    [signaal] = wachttijd_op(deadline)
    assert signaal.deadline == deadline


@pytest.mark.parametrize("status", [S.INTAKE, S.VOORTRAJECT, S.OPLEIDING, S.AFGEWEZEN])
def test_no_signal_when_not_waiting(wereld, status):
    wereld.deelname(status, status_sinds=GESELECTEERD)
    assert wachttijd_op(dt.date(2026, 3, 1)) == []


@pytest.mark.parametrize("naar", [S.VOORTRAJECT, S.UITGEVALLEN])
def test_the_signal_closes_when_the_participant_starts(wereld, naar):
    deelname = wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    [signaal] = wachttijd_op(dt.date(2026, 2, 3))
    stap(deelname, naar, dt.date(2026, 2, 4))
    assert wachttijd_op(dt.date(2026, 2, 4)) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_a_second_scan_changes_nothing(wereld):
    wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    wereld.deelname(S.GESELECTEERD, status_sinds=dt.date(2026, 1, 12))

    def rows():
        return list(Signaal.objects.filter(regel=Regel.WACHTTIJD).order_by("pk").values())

    wachttijd_op(dt.date(2026, 2, 3))
    first = rows()
    assert len(first) == 2
    wachttijd_op(dt.date(2026, 2, 3))
    assert rows() == first


def test_a_scan_of_one_trajectory_leaves_the_others_alone(wereld):
    hier = wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    daar = deelname_in(wereld, ander_traject(wereld), S.GESELECTEERD, GESELECTEERD)
    assert len(wachttijd_op(DEADLINE)) == 2
    stap(hier, S.VOORTRAJECT, dt.date(2026, 2, 3))
    stap(daar, S.VOORTRAJECT, dt.date(2026, 2, 3))
    [over] = wachttijd_op(dt.date(2026, 2, 3), traject_ids=[wereld.traject.pk])
    assert over.deelname == daar
    assert Signaal.objects.get(deelname=hier).status == SignaalStatus.VERVALLEN
    assert wachttijd_op(dt.date(2026, 2, 3)) == []


def test_the_number_of_queries_does_not_grow_with_the_participants(wereld):
    traject = ander_traject(wereld)

    def queries():
        ctx = ScanContext(vandaag=DEADLINE)
        with CaptureQueriesContext(connection) as rule:
            found = list(wachttijd(ctx))
        Signaal.objects.all().delete()
        with CaptureQueriesContext(connection) as full:
            wachttijd_op(DEADLINE)
        return len(found), len(rule), len(full)

    wereld.deelname(S.GESELECTEERD, status_sinds=GESELECTEERD)
    one = queries()
    for i in range(9):
        deelname_in(wereld, traject if i % 2 else wereld.traject, S.GESELECTEERD, GESELECTEERD)
    ten = queries()
    assert one[:2] == (1, 1)
    assert ten[:2] == (10, 1)
    assert one[2] == ten[2]
