"""The signals of coaching and aftercare (issue 16) at their boundaries: the retention check due
6 and 12 months after the start of paid work (to the jobcoach, else the klantmanager), an
employer's question unanswered at the end of the next working day (weekends and public holidays
skipped), and the aftercare contact that now also reaches the jobcoach."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleiding import regels, selectors, services
from begeleiding.constants import Afsluituitkomst, Werkvorm
from begeleiding.models import Nazorgafsluiting
from leerwerk.datums import plus_maanden
from leerwerk.models import Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from signalen.regels import ScanContext
from tests.secties import met_secties
from tests.signalen.conftest import scan_op, van_regel
from trajecten import constants as tc
from trajecten.constants import ContactmomentSoort

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
D = dt.date
START = D(2026, 1, 15)  # the start of paid work
ZES, TWAALF = D(2026, 7, 15), D(2027, 1, 15)  # the checks are due on these days


def checks_op(dag):
    return van_regel(scan_op(dag), Regel.BEHOUDCHECK)


def vragen_op(dag):
    return van_regel(scan_op(dag), Regel.WERKGEVERSVRAAG)


def vastleggen(coach, deelname, *, maanden=6, datum, in_werk=True, door=None):
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(datum, dt.time(12))), tick=False):
        return services.behoudcheck_vastleggen(
            acting_user=door or coach.jobcoach, deelname=deelname, maanden=maanden, datum=datum, in_werk=in_werk,
            werkgever=coach.world.werkgever if in_werk else None, werkvorm=Werkvorm.BEPAALDE_TIJD if in_werk else "",
        )  # fmt: skip


def _tekst_zonder_persoon(signaal, deelname):
    persoon = deelname.deelnemer
    for waarde in (persoon.voornaam, persoon.achternaam, persoon.bsn):
        assert waarde not in signaal.bericht


# --- The retention check ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "ernst", "tekst"),
    [
        (ZES - dt.timedelta(days=15), None, ""),  # before the longest lead time (14 days)
        (ZES - dt.timedelta(days=14), Ernst.WAARSCHUWING, "is aan de beurt, uiterlijk op 15-07-2026"),
        (ZES - dt.timedelta(days=4), Ernst.WAARSCHUWING, "is aan de beurt"),
        (ZES - dt.timedelta(days=3), Ernst.URGENT, "is aan de beurt"),  # the shortest lead time
        (ZES, Ernst.URGENT, "is aan de beurt, uiterlijk op 15-07-2026"),  # due on the day
        (ZES + dt.timedelta(days=1), Ernst.URGENT, "was op 15-07-2026 aan de beurt en is nog niet vastgelegd"),
    ],
)
def test_the_six_month_check_at_its_boundaries(coach, dag, ernst, tekst):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    signalen = checks_op(dag)
    if ernst is None:
        assert signalen == []
        return
    [s] = signalen
    assert (s.deadline, s.ernst, s.rol, s.verantwoordelijke, s.organisatie) == (ZES, ernst, Rol.JOBCOACH,
                                                                                 coach.jobcoach, None)  # fmt: skip
    assert (s.object_type, s.object_id, s.deelname, s.traject) == (
        "deelname-jobcoach", f"{deelname.pk}-{coach.jobcoach.pk}", deelname, coach.world.traject,
    )  # fmt: skip
    assert s.link == reverse("begeleiding:deelnemer", args=[deelname.pk])
    assert tekst in s.bericht
    assert f"Traject {coach.world.traject.naam}: de check na 6 maanden (nog aan het werk?)" in s.bericht
    _tekst_zonder_persoon(s, deelname)


def test_a_recorded_check_closes_it_and_the_twelve_month_check_follows(coach):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    [zes] = checks_op(ZES + dt.timedelta(days=2))
    vastleggen(coach, deelname, datum=ZES + dt.timedelta(days=2))
    assert checks_op(ZES + dt.timedelta(days=2)) == []
    zes.refresh_from_db()
    assert zes.status == SignaalStatus.VERVALLEN
    assert checks_op(TWAALF - dt.timedelta(days=15)) == []
    [twaalf] = checks_op(TWAALF - dt.timedelta(days=14))
    assert (twaalf.deadline, twaalf.ernst) == (TWAALF, Ernst.WAARSCHUWING)
    assert "de check na 12 maanden" in twaalf.bericht
    [twaalf] = checks_op(TWAALF)
    assert twaalf.ernst == Ernst.URGENT


def test_only_the_first_check_not_recorded_gives_a_signal(coach):
    coach.aan_het_werk(start=START)
    [s] = checks_op(TWAALF + dt.timedelta(days=1))  # both overdue: the 6-month one only
    assert (s.deadline, s.ernst) == (ZES, Ernst.URGENT)


def test_a_check_recorded_early_means_no_signal(coach):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    vooraf = ZES - dt.timedelta(days=30)  # the first day it may be recorded
    vastleggen(coach, deelname, datum=vooraf)
    for dag in (ZES - dt.timedelta(days=14), ZES - dt.timedelta(days=3), ZES, ZES + dt.timedelta(days=1)):
        assert checks_op(dag) == [], dag
    assert not Signaal.objects.filter(regel=Regel.BEHOUDCHECK).exists()


def test_each_jobcoach_has_a_signal_of_their_own(coach):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=deelname, jobcoach=coach.collega)
    signalen = checks_op(ZES)
    assert {(s.verantwoordelijke, s.object_id) for s in signalen} == {
        (coach.jobcoach, f"{deelname.pk}-{coach.jobcoach.pk}"), (coach.collega, f"{deelname.pk}-{coach.collega.pk}"),
    }  # fmt: skip
    vastleggen(coach, deelname, datum=ZES, door=coach.collega)  # one records it: both close
    assert checks_op(ZES) == []
    assert set(Signaal.objects.filter(regel=Regel.BEHOUDCHECK).values_list("status", flat=True)) == {
        SignaalStatus.VERVALLEN
    }


def test_without_a_jobcoach_the_klantmanager(coach):
    deelname, _plaatsing = coach.aan_het_werk(start=START, jobcoach=None)
    [s] = checks_op(ZES)
    assert (s.rol, s.verantwoordelijke, s.organisatie, s.object_type, s.object_id) == (
        Rol.KLANTMANAGER, coach.world.klantmanager, deelname.deelnemer.gemeente, "deelname", str(deelname.pk),
    )  # fmt: skip
    assert s.link == reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id])
    vastleggen(coach, deelname, datum=ZES, door=coach.world.klantmanager)
    assert checks_op(ZES) == []


def test_no_check_without_paid_work_nor_for_who_left(coach):
    coach.world.deelname(tc.DeelnameStatus.OPLEIDING)
    coach.world.deelname(tc.DeelnameStatus.GEPLAATST)  # placed, but no contract confirmed
    assert checks_op(ZES) == []
    gewerkt, _plaatsing = coach.aan_het_werk(start=START)
    type(gewerkt).objects.filter(pk=gewerkt.pk).update(status=tc.DeelnameStatus.UITGEVALLEN, uitval_reden="taal")
    assert checks_op(ZES) == []


def test_after_closing_aftercare_the_twelve_month_check_goes_to_the_klantmanager(coach):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    vastleggen(coach, deelname, datum=ZES)
    afsluiting = Nazorgafsluiting.objects.create(
        deelname=deelname, uitkomst=Afsluituitkomst.WERK_ZELFDE, datum=D(2026, 8, 1), afgesloten_door=coach.jobcoach
    )
    type(deelname).objects.filter(pk=deelname.pk).update(status=tc.DeelnameStatus.AFGEROND)
    [s] = checks_op(TWAALF)  # out of the jobcoach's caseload: the klantmanager checks
    assert (s.rol, s.verantwoordelijke, s.deadline) == (Rol.KLANTMANAGER, coach.world.klantmanager, TWAALF)
    # Closed without work: the closing recorded how it ended, nothing more to check.
    afsluiting.uitkomst = Afsluituitkomst.GEEN_WERK
    afsluiting.save()
    assert checks_op(TWAALF) == []


def test_the_retention_rule_reads_in_a_fixed_number_of_queries(coach):
    def queries():
        ctx = ScanContext(vandaag=ZES)
        with CaptureQueriesContext(connection) as q:
            found = list(regels.behoudcheck(ctx))
        return len(found), len(q)

    coach.aan_het_werk(start=START)
    een = queries()
    for _i in range(4):
        coach.aan_het_werk(start=START)
    vijf = queries()
    assert (een[0], vijf[0]) == (1, 5)
    assert een[1] == vijf[1] == 3  # the participations with their checks; their jobcoaches (2)


# --- An employer's question -----------------------------------------------------------------------


def _vraag(coach, plaatsing, moment: dt.datetime):
    with time_machine.travel(moment, tick=False):
        return services.vraag_stellen(
            acting_user=coach.world.werkgever_user, plaatsing=plaatsing, vraag="Mag hij vrij?"
        )


def _om(dag: dt.date, uur: int = 15) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur)))


def test_a_question_asked_on_friday_is_urgent_on_tuesday(coach):
    deelname, plaatsing = coach.aan_het_werk(start=START)
    vraag = _vraag(coach, plaatsing, _om(D(2026, 12, 4)))  # a Friday
    assert vraag.uiterlijk_op == D(2026, 12, 7)  # Monday
    for dag in (D(2026, 12, 4), D(2026, 12, 5), D(2026, 12, 6), D(2026, 12, 7)):
        signalen = vragen_op(dag)
        assert {s.ernst for s in signalen} == {Ernst.WAARSCHUWING}, dag
    signalen = vragen_op(D(2026, 12, 8))  # Tuesday: the end of Monday has passed
    assert {s.ernst for s in signalen} == {Ernst.URGENT}
    regie, jobcoach = sorted(signalen, key=lambda s: s.rol != Rol.REGISSEUR)
    assert (regie.rol, regie.verantwoordelijke, regie.object_type, regie.object_id) == (
        Rol.REGISSEUR, coach.world.regisseur, "werkgeversvraag", str(vraag.pk),
    )  # fmt: skip
    assert (jobcoach.rol, jobcoach.verantwoordelijke, jobcoach.object_type, jobcoach.object_id) == (
        Rol.JOBCOACH, coach.jobcoach, "werkgeversvraag-jobcoach", f"{vraag.pk}-{coach.jobcoach.pk}",
    )  # fmt: skip
    for s in signalen:
        assert s.deadline == D(2026, 12, 7) and s.deelname == deelname
        assert s.link == reverse("begeleiding:vraag", args=[vraag.pk])
        assert "is nog niet beantwoord; dat moest uiterlijk op 07-12-2026" in s.bericht
        assert "Mag hij vrij" not in s.bericht
        _tekst_zonder_persoon(s, deelname)


def test_a_question_before_christmas_is_due_on_the_monday_after(coach):
    _deelname, plaatsing = coach.aan_het_werk(start=START)
    vraag = _vraag(coach, plaatsing, _om(D(2026, 12, 24)))  # Thursday; 25 and 26 are public holidays
    assert vraag.uiterlijk_op == D(2026, 12, 28)
    for dag in (D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 26), D(2026, 12, 27), D(2026, 12, 28)):
        assert {s.ernst for s in vragen_op(dag)} == {Ernst.WAARSCHUWING}, dag
    assert {s.ernst for s in vragen_op(D(2026, 12, 29))} == {Ernst.URGENT}


@pytest.mark.parametrize(
    ("gesteld", "uiterlijk"),
    [(D(2027, 4, 26), D(2027, 4, 28)), (D(2027, 4, 27), D(2027, 4, 28))],  # Koningsdag: 27 April
    ids=["de-dag-ervoor", "op-koningsdag"],
)
def test_kings_day_is_no_working_day(coach, gesteld, uiterlijk):
    _deelname, plaatsing = coach.aan_het_werk(start=START)
    vraag = _vraag(coach, plaatsing, _om(gesteld, 9))
    assert vraag.uiterlijk_op == uiterlijk
    assert {s.ernst for s in vragen_op(D(2027, 4, 27))} == {Ernst.WAARSCHUWING}
    assert {s.ernst for s in vragen_op(uiterlijk)} == {Ernst.WAARSCHUWING}
    assert {s.ernst for s in vragen_op(uiterlijk + dt.timedelta(days=1))} == {Ernst.URGENT}


def test_the_answer_closes_the_signals(coach):
    _deelname, plaatsing = coach.aan_het_werk(start=START)
    vraag = _vraag(coach, plaatsing, _om(D(2026, 12, 4)))
    assert len(vragen_op(D(2026, 12, 8))) == 2
    with time_machine.travel(_om(D(2026, 12, 8), 10), tick=False):
        services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vraag, antwoord="Ja, dat is goed.")
    assert vragen_op(D(2026, 12, 8)) == []
    assert set(Signaal.objects.filter(regel=Regel.WERKGEVERSVRAAG).values_list("status", flat=True)) == {
        SignaalStatus.VERVALLEN
    }


# --- Aftercare to the jobcoach --------------------------------------------------------------------------


def test_the_aftercare_signal_reaches_the_jobcoach_and_closes_with_their_contact(coach):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    uitstroom = selectors.uitstroom_op(deelname.pk)
    eerste = plus_maanden(uitstroom, 1)
    signalen = van_regel(scan_op(eerste), Regel.NAZORG)
    assert {(s.rol, s.verantwoordelijke, s.object_type) for s in signalen} == {
        (Rol.REGISSEUR, coach.world.regisseur, "deelname"), (Rol.JOBCOACH, coach.jobcoach, "deelname-jobcoach"),
    }  # fmt: skip
    jobcoach = next(s for s in signalen if s.rol == Rol.JOBCOACH)
    assert (jobcoach.object_id, jobcoach.deadline, jobcoach.ernst) == (
        f"{deelname.pk}-{coach.jobcoach.pk}", eerste, Ernst.URGENT,
    )  # fmt: skip
    assert jobcoach.link == reverse("begeleiding:deelnemer", args=[deelname.pk])
    with time_machine.travel(_om(eerste, 10), tick=False):
        services.begeleidingscontact_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, soort=ContactmomentSoort.NAZORG, datum=eerste,
            samenvatting="Gaat goed.",
        )  # fmt: skip
    assert van_regel(scan_op(eerste), Regel.NAZORG) == []
    jobcoach.refresh_from_db()
    assert jobcoach.status == SignaalStatus.VERVALLEN


def test_the_jobcoach_reads_the_name_of_their_participant_in_the_signal_list(coach, client):
    deelname, _plaatsing = coach.aan_het_werk(start=START)
    eerste = plus_maanden(selectors.uitstroom_op(deelname.pk), 1)
    scan_op(eerste)
    naam = f"{deelname.deelnemer.voornaam} {deelname.deelnemer.achternaam}"
    with time_machine.travel(_om(eerste, 10), tick=False):
        client.force_login(coach.jobcoach)
        assert naam in met_secties(client, reverse("signalen:lijst"))
        client.force_login(coach.collega)  # not their participant: no name (and no signal)
        assert naam not in met_secties(client, reverse("signalen:lijst"))
