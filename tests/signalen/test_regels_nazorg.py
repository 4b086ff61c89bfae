"""Rule 6: aftercare contacts due and overdue (default 1, 3 and 6 months after outflow)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal, Termijnregels
from signalen.regels import ScanContext
from signalen.regels.nazorg import nazorg
from tests.signalen.conftest import scan_op, van_regel
from tests.signalen.stappen import ander_traject, deelname_in, stap
from trajecten import constants as tc
from trajecten.models import Contactmoment

S = tc.DeelnameStatus
UITSTROOM = dt.date(2026, 1, 5)  # contacts due on 05-02, 05-04 and 05-07-2026
EERSTE, TWEEDE, DERDE = dt.date(2026, 2, 5), dt.date(2026, 4, 5), dt.date(2026, 7, 5)


def nazorg_op(dag, **kwargs):
    return van_regel(scan_op(dag, **kwargs), Regel.NAZORG)


def contact(wereld, deelname, datum, soort=tc.ContactmomentSoort.NAZORG):
    return Contactmoment.objects.create(deelname=deelname, soort=soort, datum=datum, vastgelegd_door=wereld.regisseur)


@pytest.mark.parametrize(
    ("dag", "ernst", "tekst"),
    [
        (dt.date(2026, 1, 21), None, ""),  # the day before the 14-day lead time
        (dt.date(2026, 1, 22), Ernst.WAARSCHUWING, "is aan de beurt, uiterlijk op 05-02-2026"),
        (dt.date(2026, 2, 1), Ernst.WAARSCHUWING, "is aan de beurt"),
        (dt.date(2026, 2, 2), Ernst.URGENT, "is aan de beurt"),  # 3 days before
        (EERSTE, Ernst.URGENT, "is aan de beurt"),
        (dt.date(2026, 2, 6), Ernst.URGENT, "was op 05-02-2026 aan de beurt en is nog niet vastgelegd"),
    ],
)
def test_the_first_contact_at_its_boundaries(wereld, dag, ernst, tekst):
    deelname = wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)
    signalen = nazorg_op(dag)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.deadline, signaal.ernst) == (EERSTE, ernst)
    assert (signaal.object_type, signaal.object_id, signaal.deelname, signaal.traject) == (
        "deelname", str(deelname.pk), deelname, wereld.traject,
    )  # fmt: skip
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.regisseur, Rol.REGISSEUR, wereld.traject.regie_organisatie,
    )  # fmt: skip
    assert signaal.link == reverse("trajecten:deelname", args=[deelname.pk])
    assert tekst in signaal.bericht and "1e nazorgcontact (1 maand na de uitstroom op 05-01-2026)" in signaal.bericht
    persoon = deelname.deelnemer
    assert persoon.voornaam not in signaal.bericht and persoon.achternaam not in signaal.bericht


def test_each_contact_recorded_closes_its_signal_and_the_next_one_follows(wereld):
    deelname = wereld.deelname(S.NAZORG, status_sinds=UITSTROOM)
    [eerste] = nazorg_op(dt.date(2026, 2, 6))
    contact(wereld, deelname, dt.date(2026, 2, 6))
    assert nazorg_op(dt.date(2026, 2, 6)) == []
    eerste.refresh_from_db()
    assert eerste.status == SignaalStatus.VERVALLEN
    assert nazorg_op(dt.date(2026, 3, 21)) == []
    [tweede] = nazorg_op(dt.date(2026, 3, 22))
    assert (tweede.deadline, tweede.ernst) == (TWEEDE, Ernst.WAARSCHUWING)
    assert "2e nazorgcontact (3 maanden na de uitstroom" in tweede.bericht
    contact(wereld, deelname, dt.date(2026, 4, 1))
    [derde] = nazorg_op(dt.date(2026, 7, 8))
    assert (derde.deadline, derde.ernst) == (DERDE, Ernst.URGENT)
    contact(wereld, deelname, dt.date(2026, 7, 8))
    assert nazorg_op(dt.date(2026, 7, 8)) == []
    assert nazorg_op(dt.date(2026, 12, 31)) == []  # all three done
    assert set(Signaal.objects.filter(regel=Regel.NAZORG).values_list("deadline", "status")) == {
        (EERSTE, SignaalStatus.VERVALLEN), (TWEEDE, SignaalStatus.VERVALLEN), (DERDE, SignaalStatus.VERVALLEN),
    }  # fmt: skip


def test_contacts_count_from_the_outflow_on_and_only_aftercare_ones(wereld):
    deelname = wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)
    contact(wereld, deelname, dt.date(2026, 1, 4))  # before the outflow
    contact(wereld, deelname, dt.date(2026, 1, 20), soort=tc.ContactmomentSoort.EVALUATIE)
    [signaal] = nazorg_op(EERSTE)
    assert signaal.deadline == EERSTE
    contact(wereld, deelname, UITSTROOM)  # on the day of the outflow: counts
    assert nazorg_op(EERSTE) == []


def test_the_outflow_is_the_first_step_into_geplaatst(wereld):
    deelname = wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)
    stap(deelname, S.GEPARKEERD, dt.date(2026, 1, 10))
    stap(deelname, S.GEPLAATST, dt.date(2026, 1, 20))
    [signaal] = nazorg_op(dt.date(2026, 1, 22))
    assert signaal.deadline == EERSTE


def test_a_gemeente_with_its_own_rules(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, nazorg_maanden=[4, 2], herinnering_dagen=[10, 2])
    deelname = wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)  # due 05-03 and 05-05-2026
    assert nazorg_op(dt.date(2026, 2, 22)) == []
    [signaal] = nazorg_op(dt.date(2026, 2, 23))
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 3, 5), Ernst.WAARSCHUWING)
    assert "2 maanden na de uitstroom" in signaal.bericht
    [signaal] = nazorg_op(dt.date(2026, 3, 3))
    assert signaal.ernst == Ernst.URGENT
    contact(wereld, deelname, dt.date(2026, 3, 3))
    [signaal] = nazorg_op(dt.date(2026, 4, 25))
    assert signaal.deadline == dt.date(2026, 5, 5)
    contact(wereld, deelname, dt.date(2026, 4, 25))
    assert nazorg_op(dt.date(2026, 7, 5)) == []  # the national third contact does not apply


@pytest.mark.parametrize(
    ("uitstroom", "deadline"),
    [(dt.date(2024, 1, 31), dt.date(2024, 2, 29)), (dt.date(2023, 1, 31), dt.date(2023, 2, 28))],
    ids=["leap-year", "common-year"],
)
def test_leap_year(wereld, uitstroom, deadline):
    wereld.deelname(S.GEPLAATST, status_sinds=uitstroom)
    [signaal] = nazorg_op(deadline)
    assert signaal.deadline == deadline
    [later] = nazorg_op(deadline + dt.timedelta(days=1))
    assert later.pk == signaal.pk and "nog niet vastgelegd" in later.bericht


@pytest.mark.parametrize("status", [S.OPLEIDING, S.PROEFPLAATSING, S.AFGEROND, S.UITGEVALLEN])
def test_no_signal_outside_placement_and_aftercare(wereld, status):
    wereld.deelname(status, status_sinds=UITSTROOM)
    assert nazorg_op(EERSTE) == []


def test_the_signal_closes_when_the_aftercare_is_finished(wereld):
    deelname = wereld.deelname(S.NAZORG, status_sinds=UITSTROOM)
    [signaal] = nazorg_op(dt.date(2026, 2, 6))
    stap(deelname, S.AFGEROND, dt.date(2026, 2, 7))
    assert nazorg_op(dt.date(2026, 2, 7)) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_a_second_scan_changes_nothing(wereld):
    wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)
    wereld.deelname(S.NAZORG, status_sinds=dt.date(2026, 1, 8))

    def rows():
        return list(Signaal.objects.filter(regel=Regel.NAZORG).order_by("pk").values())

    nazorg_op(EERSTE)
    first = rows()
    assert len(first) == 2
    nazorg_op(EERSTE)
    assert rows() == first


def test_a_scan_of_one_trajectory_leaves_the_others_alone(wereld):
    hier = wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)
    daar = deelname_in(wereld, ander_traject(wereld), S.GEPLAATST, UITSTROOM)
    assert len(nazorg_op(EERSTE)) == 2
    contact(wereld, hier, EERSTE)
    contact(wereld, daar, EERSTE)
    [over] = nazorg_op(EERSTE, traject_ids=[wereld.traject.pk])
    assert over.deelname == daar
    assert Signaal.objects.get(deelname=hier).status == SignaalStatus.VERVALLEN
    assert nazorg_op(EERSTE) == []


def test_the_number_of_queries_does_not_grow_with_the_participants(wereld):
    traject = ander_traject(wereld)

    def queries():
        ctx = ScanContext(vandaag=EERSTE)
        with CaptureQueriesContext(connection) as rule:
            found = list(nazorg(ctx))
        Signaal.objects.all().delete()
        with CaptureQueriesContext(connection) as full:
            nazorg_op(EERSTE)
        return len(found), len(rule), len(full)

    eerste = wereld.deelname(S.GEPLAATST, status_sinds=UITSTROOM)
    contact(wereld, eerste, dt.date(2026, 1, 6), soort=tc.ContactmomentSoort.EVALUATIE)
    one = queries()
    for i in range(9):
        deelname = deelname_in(wereld, traject if i % 2 else wereld.traject, S.NAZORG, UITSTROOM)
        contact(wereld, deelname, dt.date(2025, 12, 1))
    ten = queries()
    # The participations in one query; their jobcoaches (issue 16) in two more, when any contact is due.
    assert one[:2] == (1, 3)
    assert ten[:2] == (10, 3)
    assert one[2] == ten[2]
