"""The results' definitions (issue 14): outcome classes that add up, outflow to work direct or
later at its boundary, durable work on the day 6 and 12 months on (exactly that day, a contract
followed by another, a conversion), the times, and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resultaten.definities import VERLOOP_QUERIES, Uitkomst, tel, verlopen
from tests.factories import DeelnameFactory, LeerwerkplekFactory, TrajectFactory, UserFactory
from trajecten.models import DeelnameStap
from werkgevers.models import Plaatsing

pytestmark = pytest.mark.django_db
PEIL = dt.date(2026, 12, 1)
# The factory's steps all take effect on 5 January 2026: the training ended that day.
OPLEIDING_KLAAR = dt.date(2026, 1, 5)


@pytest.fixture
def traject():
    return TrajectFactory()


def _deelname(traject, status="geplaatst", **kwargs):
    return DeelnameFactory(traject=traject, status=status, **kwargs)


def _contract(deelname, start, einde=None, soort="bbl", **kwargs):
    status = "beeindigd" if einde else "gestart"
    return Plaatsing.objects.create(
        deelname=deelname, leerwerkplek=LeerwerkplekFactory(traject=deelname.traject), soort=soort, start=start,
        einde=einde, gepland_einde=einde, einde_reden="werkgever" if einde else "", status=status,
        bevestigde_versie=1, bevestigd_op=timezone.now(), voorgesteld_door=UserFactory(), uren_per_week=32, **kwargs,
    )  # fmt: skip


def _per_deelname(traject):
    return {v.deelname_id: v for v in verlopen([traject.pk], peildatum=PEIL)}


def test_every_participant_falls_in_exactly_one_class_and_the_classes_add_up(traject):
    direct = _deelname(traject)
    _contract(direct, dt.date(2026, 2, 5))  # exactly a month after the training: direct
    later = _deelname(traject)
    _contract(later, dt.date(2026, 2, 6))  # a day later: later
    na_werk_uitgevallen = _deelname(traject, status="uitgevallen")
    _contract(na_werk_uitgevallen, dt.date(2026, 1, 12), einde=dt.date(2026, 3, 1))  # work comes first
    uitgevallen = _deelname(traject, status="uitgevallen", uitval_reden="taal")
    vervolg = _deelname(traject, status="vervolgopleiding")
    geparkeerd = _deelname(traject, status="geparkeerd")
    actief = _deelname(traject, status="opleiding")
    proef = _deelname(traject, status="proefplaatsing")
    _contract(proef, dt.date(2026, 2, 1), soort="proefplaatsing")  # keeps the benefit: no paid work
    afgerond = _deelname(traject, status="afgerond")
    toekomst = _deelname(traject)
    _contract(toekomst, dt.date(2027, 1, 4))  # after the reference date: not yet
    for status in ("aangemeld", "intake", "afgewezen"):
        _deelname(traject, status=status)  # never started: no participants
    per = _per_deelname(traject)
    assert {pk: v.uitkomst for pk, v in per.items()} == {
        direct.pk: Uitkomst.WERK_DIRECT, later.pk: Uitkomst.WERK_LATER,
        na_werk_uitgevallen.pk: Uitkomst.WERK_DIRECT, uitgevallen.pk: Uitkomst.UITGEVALLEN,
        vervolg.pk: Uitkomst.VERVOLGOPLEIDING, geparkeerd.pk: Uitkomst.GEPARKEERD, actief.pk: Uitkomst.NOG_ACTIEF,
        proef.pk: Uitkomst.NOG_ACTIEF, afgerond.pk: Uitkomst.AFGEROND_ZONDER_WERK, toekomst.pk: Uitkomst.NOG_ACTIEF,
    }  # fmt: skip
    u = tel(per.values())[traject.pk]
    assert u.totaal == 10 == sum(u.per_klasse.values())
    assert (u.naar_werk, u.uitstroom_procent) == (3, 30)
    assert u.per_reden == {"taal": 1}
    assert per[uitgevallen.pk].uitval_reden == "taal" and per[direct.pk].uitval_reden == ""


def test_durable_work_on_the_day_six_and_twelve_months_on(traject):
    precies = _deelname(traject)
    _contract(precies, dt.date(2026, 1, 5), einde=dt.date(2026, 7, 5))  # ends on the day: still in work
    dag_te_vroeg = _deelname(traject)
    _contract(dag_te_vroeg, dt.date(2026, 1, 5), einde=dt.date(2026, 7, 4))
    opgevolgd = _deelname(traject)
    _contract(opgevolgd, dt.date(2026, 1, 5), einde=dt.date(2026, 3, 31))
    _contract(opgevolgd, dt.date(2026, 5, 1))  # another contract, still running
    omgezet = _deelname(traject)
    bbl = _contract(omgezet, dt.date(2025, 11, 3), einde=dt.date(2026, 3, 31))
    bbl.status = "omgezet"
    bbl.save()
    _contract(omgezet, dt.date(2026, 4, 1), soort="onbepaalde_tijd", omgezet_uit=bbl)
    per = _per_deelname(traject)
    assert (per[precies.pk].duurzaam_6, per[dag_te_vroeg.pk].duurzaam_6, per[opgevolgd.pk].duurzaam_6) == (
        True, False, True
    )  # fmt: skip
    assert per[precies.pk].duurzaam_12 is None  # 5 January 2027 has not come yet
    # one employment from the BBL contract's start: twelve months on, 3 November 2026, in work
    assert (per[omgezet.pk].werk_op, per[omgezet.pk].duurzaam_6, per[omgezet.pk].duurzaam_12) == (
        dt.date(2025, 11, 3), True, True
    )  # fmt: skip
    assert verlopen([traject.pk], peildatum=dt.date(2026, 11, 2))[-1].duurzaam_12 is None
    u = tel(per.values())[traject.pk]
    assert (u.duurzaam_6, u.gemeten_6, u.duurzaam_12, u.gemeten_12) == (3, 4, 1, 1)


def test_the_times_from_selection_to_start_and_from_start_to_work(traject):
    deelname = _deelname(traject, status="opleiding")
    DeelnameStap.objects.filter(deelname=deelname).delete()
    door = UserFactory()
    stappen = [
        ("", "aangemeld", dt.date(2026, 1, 5)), ("aangemeld", "intake", dt.date(2026, 1, 12)),
        ("intake", "geselecteerd", dt.date(2026, 2, 2)), ("geselecteerd", "voortraject", dt.date(2026, 3, 2)),
        ("voortraject", "opleiding", dt.date(2026, 4, 6)),
    ]  # fmt: skip
    for van, naar, dag in stappen:
        DeelnameStap.objects.create(deelname=deelname, van_status=van, naar_status=naar, door=door, ingangsdatum=dag)
    _contract(deelname, dt.date(2026, 6, 1))  # work during the training: direct
    v = _per_deelname(traject)[deelname.pk]
    assert (v.dagen_selectie_start, v.dagen_start_werk, v.uitkomst) == (28, 91, Uitkomst.WERK_DIRECT)


def test_results_of_many_trajectories_in_a_fixed_number_of_queries():
    een = TrajectFactory()
    _contract(_deelname(een), dt.date(2026, 2, 1))
    with CaptureQueriesContext(connection) as q1:
        verlopen([een.pk], peildatum=PEIL)
    andere = [TrajectFactory() for _ in range(4)]
    for t in andere:
        _contract(_deelname(t), dt.date(2026, 2, 1))
        _deelname(t, status="uitgevallen")
    with CaptureQueriesContext(connection) as q5:
        assert len(verlopen([een.pk, *[t.pk for t in andere]], peildatum=PEIL)) == 9
    assert len(q1) == len(q5) == VERLOOP_QUERIES


def test_months_on_benefit_during_the_trajectory(traject):
    """From the start (5 January 2026) to work, leaving or the reference date; only with a benefit."""
    from tests.factories import DeelnemerFactory

    def met_bijstand():
        return DeelnemerFactory(uitkering_type="participatiewet_bijstand")

    werkt = _deelname(traject, deelnemer=met_bijstand())
    _contract(werkt, dt.date(2026, 4, 6))  # 91 days
    nog_bezig = _deelname(traject, status="opleiding", deelnemer=met_bijstand())  # to the reference date: 330
    zonder = _deelname(traject, status="opleiding")  # no benefit: not counted
    per = _per_deelname(traject)
    assert (per[werkt.pk].dagen_uitkering, per[nog_bezig.pk].dagen_uitkering, per[zonder.pk].dagen_uitkering) == (
        91, 330, None
    )  # fmt: skip
    u = tel(per.values())[traject.pk]
    assert str(u.mediaan_maanden_uitkering) == "6.9"  # 210.5 days
