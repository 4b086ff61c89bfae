"""The regie's signals (issue 15) at their boundaries: no kick-off before the first phase,
minutes missing a week after a meeting, a task of the script past its due date."""

import datetime as dt

import pytest

from leerwerk.models import Rol
from regie.models import Draaiboektaak, Overleg
from signalen.constants import Ernst, Regel
from tests.regie.conftest import START
from tests.signalen.conftest import scan_op, van_regel


def kickoffs(dag):
    return van_regel(scan_op(dag), Regel.KICKOFF)


def overleg(rw, datum, soort="kickoff", **velden):
    return Overleg.objects.create(traject=rw.traject, soort=soort, datum=datum, aangemaakt_door=rw.regisseur, **velden)


@pytest.mark.parametrize(
    ("dag", "ernst"),
    [
        (START - dt.timedelta(days=15), None),  # before the longest lead time (14 days)
        (START - dt.timedelta(days=14), Ernst.WAARSCHUWING),
        (START - dt.timedelta(days=3), Ernst.URGENT),
        (START, Ernst.URGENT),
        (START + dt.timedelta(days=1), Ernst.URGENT),
    ],
)
def test_no_kickoff_before_the_first_phase(rw, dag, ernst):
    signalen = kickoffs(dag)
    if ernst is None:
        assert signalen == []
        return
    [s] = signalen
    assert (s.ernst, s.deadline, s.traject, s.rol, s.verantwoordelijke) == (
        ernst,
        START,
        rw.traject,
        Rol.REGISSEUR,
        rw.regisseur,
    )
    assert "kick-off" in s.bericht and s.link == f"/trajecten/{rw.traject.pk}/overleg/"


def test_a_kickoff_on_the_start_day_closes_it_one_after_does_not(rw):
    te_laat = overleg(rw, START + dt.timedelta(days=1))
    assert len(kickoffs(START - dt.timedelta(days=3))) == 1
    te_laat.datum = START
    te_laat.save()
    assert kickoffs(START - dt.timedelta(days=3)) == []
    rw.traject.status = "afgerond"  # a finished trajectory asks for no kick-off
    rw.traject.save()
    te_laat.delete()
    assert kickoffs(START) == []


@pytest.mark.parametrize(
    ("na", "ernst"),
    [(6, None), (7, Ernst.WAARSCHUWING), (13, Ernst.WAARSCHUWING), (14, Ernst.URGENT)],
)
def test_minutes_missing_a_week_after_the_meeting(rw, na, ernst):
    datum = dt.date(2026, 3, 10)
    b = overleg(rw, datum, soort="feedback")
    signalen = van_regel(scan_op(datum + dt.timedelta(days=na)), Regel.NOTULEN)
    if ernst is None:
        assert signalen == []
    else:
        [s] = signalen
        assert (s.ernst, s.deadline, s.object_id) == (ernst, datum + dt.timedelta(days=7), str(b.pk))
        assert "notulen van feedbackmoment op 10-03-2026 ontbreken" in s.bericht
    b.notulen = "Vastgelegd."
    b.save()
    assert van_regel(scan_op(datum + dt.timedelta(days=na)), Regel.NOTULEN) == []


def taak(rw, rol, eigenaar, **velden):
    return Draaiboektaak.objects.create(
        traject=rw.traject, fase_soort="voortraject", eigenaarrol=rol, eigenaar=eigenaar,
        omschrijving=velden.pop("omschrijving", "Lesrooster plannen"), ankerpunt="start", dagen=-14, **velden,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("dag", "ernst"),
    [
        (dt.date(2026, 3, 18), None),  # its due date: 14 days before the phase starts
        (dt.date(2026, 3, 19), Ernst.WAARSCHUWING),
        (dt.date(2026, 3, 25), Ernst.WAARSCHUWING),
        (dt.date(2026, 3, 26), Ernst.URGENT),  # a week late
    ],
)
def test_an_overdue_task_signals_its_owner_organisation(rw, dag, ernst):
    t = taak(rw, "opleider", rw.opleider.organisatie)
    signalen = van_regel(scan_op(dag), Regel.DRAAIBOEKTAAK)
    if ernst is None:
        assert signalen == []
        return
    [s] = signalen
    assert (s.ernst, s.deadline, s.rol, s.organisatie, s.verantwoordelijke) == (
        ernst,
        dt.date(2026, 3, 18),
        Rol.OPLEIDER,
        rw.opleider.organisatie,
        None,
    )
    assert "Lesrooster plannen" in s.bericht and "Opleider Vakwerk" in s.bericht
    t.afgerond_op = dag
    t.save()
    assert van_regel(scan_op(dag), Regel.DRAAIBOEKTAAK) == []


def test_a_task_follows_its_phase_and_without_a_role_of_its_own_reaches_the_contact_or_the_regie(rw):
    fase = rw.fases["voortraject"]
    fase.start = dt.date(2026, 5, 1)  # the phase moves a month: so does the task
    fase.save()
    taak(rw, "opleider", rw.opleider.organisatie)
    assert van_regel(scan_op(dt.date(2026, 3, 20)), Regel.DRAAIBOEKTAAK) == []
    assert len(van_regel(scan_op(dt.date(2026, 4, 18)), Regel.DRAAIBOEKTAAK)) == 1
    # An intermediair has no user role: the partner's contact person, else the regie.
    Draaiboektaak.objects.all().delete()
    taak(rw, "intermediair", rw.werkgever.organisatie, omschrijving="Kandidaten werven")
    taak(rw, "verbinder", None, omschrijving="Werkgevers verbinden")
    signalen = van_regel(scan_op(dt.date(2026, 4, 18)), Regel.DRAAIBOEKTAAK)
    per_taak = {s.bericht.split("‘")[1].split("’")[0]: s for s in signalen}
    assert per_taak["Kandidaten werven"].verantwoordelijke == rw.werkgever
    assert (per_taak["Werkgevers verbinden"].rol, per_taak["Werkgevers verbinden"].verantwoordelijke) == (
        Rol.REGISSEUR,
        rw.regisseur,
    )


@pytest.mark.parametrize(
    ("na", "ernst"), [(6, None), (7, Ernst.WAARSCHUWING), (13, Ernst.WAARSCHUWING), (14, Ernst.URGENT)]
)
def test_a_pending_sign_off_reminds_the_partys_signatories_after_a_week(rw, make_user, settings, tmp_path, na, ernst):
    import time_machine
    from django.utils import timezone

    from regie.services import convenant as cs
    from regie.tasks import convenant_renderen
    from tests.regie.convenant_wereld import klaar_voor_convenant

    settings.LEERWERK_ZEGEL_MAP = tmp_path
    klaar = klaar_voor_convenant(rw, make_user)
    verstuurd = dt.date(2026, 3, 2)
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(verstuurd, dt.time(10))), tick=False):
        versie = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
        convenant_renderen(versie.pk)
        versie.refresh_from_db()
        cs.ondertekenen(acting_user=klaar["regie"], versie=versie, sha256=versie.sha256)
        cs.ondertekenen(acting_user=klaar["werkgever"], versie=versie, sha256=versie.sha256)
    signalen = van_regel(scan_op(verstuurd + dt.timedelta(days=na)), Regel.ONDERTEKENING)
    if ernst is None:
        assert signalen == []
        return
    [s] = signalen  # only the opleider's party still has to sign; it has one signatory
    assert (s.ernst, s.deadline, s.verantwoordelijke) == (ernst, verstuurd + dt.timedelta(days=7), klaar["opleider"])
    assert "wacht sinds 02-03-2026 op de handtekening van Opleider Vakwerk" in s.bericht
