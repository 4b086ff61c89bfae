"""Rule 7: an expiring certificate (VCA) and an expiring letter of intent, at the reminder boundaries.

Lead times are the national default (14 and 3 days): nothing 15 days ahead, 'let op' from 14
days, urgent from 3 days ahead and after the date has passed.
"""

import datetime as dt

import pytest
from django.urls import reverse

from opleiders.constants import CertificaatSoort
from opleiders.models import Certificaat
from signalen.constants import Ernst, Regel
from signalen.models import Termijnregels
from tests.factories import DeelnameFactory, LeerwerkplekFactory, TrajectFactory
from tests.signalen.conftest import scan_op, van_regel
from trajecten import constants as tc
from werkgevers import constants as wc

D = dt.date
VERLOOPT = D(2027, 3, 1)

GRENZEN = [
    (D(2027, 2, 14), None),  # the day before the window
    (D(2027, 2, 15), Ernst.WAARSCHUWING),  # 14 days ahead: the first day
    (D(2027, 2, 25), Ernst.WAARSCHUWING),
    (D(2027, 2, 26), Ernst.URGENT),  # 3 days ahead
    (VERLOOPT, Ernst.URGENT),  # the deadline
    (D(2027, 3, 2), Ernst.URGENT),  # the day after: expired
]


def _vca(deelnemer, geldig_tot=VERLOOPT, soort=CertificaatSoort.VCA_BASIS):
    behaald_op = geldig_tot.replace(year=geldig_tot.year - 10)
    return Certificaat.objects.create(deelnemer=deelnemer, soort=soort, behaald_op=behaald_op, geldig_tot=geldig_tot)


# --- certificaat --------------------------------------------------------------------------------


@pytest.mark.parametrize(("dag", "ernst"), GRENZEN)
def test_certificate_at_its_boundaries(wereld, dag, ernst):
    deelname = wereld.deelname(tc.DeelnameStatus.PROEFPLAATSING)
    certificaat = _vca(deelname.deelnemer)
    signalen = van_regel(scan_op(dag), Regel.CERTIFICAAT)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.object_type, signaal.object_id, signaal.deadline) == ("certificaat", str(certificaat.pk), VERLOOPT)
    assert signaal.ernst == ernst
    if dag > VERLOOPT:
        assert signaal.bericht == "Certificaat VCA basis is verlopen op 01-03-2027."
    else:
        assert signaal.bericht == "Certificaat VCA basis verloopt op 01-03-2027."
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.regisseur, "regisseur", wereld.gemeente,
    )  # fmt: skip
    assert (signaal.traject, signaal.deelname) == (wereld.traject, deelname)
    assert signaal.link == reverse("trajecten:deelname", args=[deelname.pk])


def test_the_gemeentes_own_lead_times_apply(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, herinnering_dagen=[30, 7])
    _vca(wereld.deelname().deelnemer)
    assert van_regel(scan_op(D(2027, 1, 29)), Regel.CERTIFICAAT) == []
    [signaal] = van_regel(scan_op(D(2027, 1, 30)), Regel.CERTIFICAAT)  # 30 days ahead
    assert signaal.ernst == Ernst.WAARSCHUWING
    [signaal] = van_regel(scan_op(D(2027, 2, 22)), Regel.CERTIFICAAT)  # 7 days ahead
    assert signaal.ernst == Ernst.URGENT


@pytest.mark.parametrize(
    ("status", "signaal"),
    [
        (tc.DeelnameStatus.AANGEMELD, False),
        (tc.DeelnameStatus.INTAKE, False),
        (tc.DeelnameStatus.GESELECTEERD, True),
        (tc.DeelnameStatus.OPLEIDING, True),
        (tc.DeelnameStatus.GEPLAATST, True),
        (tc.DeelnameStatus.NAZORG, True),
        (tc.DeelnameStatus.GEPARKEERD, True),
        (tc.DeelnameStatus.AFGEROND, False),
        (tc.DeelnameStatus.UITGEVALLEN, False),
    ],
)
def test_only_participants_selected_and_still_in_the_trajectory(wereld, status, signaal):
    _vca(wereld.deelname(status).deelnemer)
    assert len(van_regel(scan_op(VERLOOPT), Regel.CERTIFICAAT)) == int(signaal)


def test_certificates_without_expiry_or_far_from_it_give_none(wereld):
    deelnemer = wereld.deelname().deelnemer
    Certificaat.objects.create(deelnemer=deelnemer, soort=CertificaatSoort.MBO_DIPLOMA, behaald_op=D(2026, 6, 1))
    _vca(deelnemer, geldig_tot=D(2030, 3, 1), soort=CertificaatSoort.VCA_VOL)
    assert van_regel(scan_op(VERLOOPT), Regel.CERTIFICAAT) == []


def test_a_participant_in_two_trajectories_gets_one_signal_on_the_latest(wereld):
    eerste = wereld.deelname(tc.DeelnameStatus.GEPARKEERD)
    ander = TrajectFactory(regie_organisatie=wereld.gemeente, regisseur=wereld.regisseur, gemeenten=[wereld.gemeente])
    tweede = DeelnameFactory(traject=ander, deelnemer=eerste.deelnemer, status=tc.DeelnameStatus.OPLEIDING)
    assert eerste.aangemeld_op < tweede.aangemeld_op
    certificaat = _vca(eerste.deelnemer)
    [signaal] = van_regel(scan_op(VERLOOPT), Regel.CERTIFICAAT)
    assert (signaal.object_id, signaal.deelname, signaal.traject) == (str(certificaat.pk), tweede, ander)
    # A recompute of either trajectory alone keeps that one signal where it is.
    for traject in (wereld.traject, ander):
        [again] = van_regel(scan_op(VERLOOPT, traject_ids=[traject.pk]), Regel.CERTIFICAAT)
        assert (again.pk, again.deelname) == (signaal.pk, tweede)


def test_the_signal_follows_the_participant_to_a_new_trajectory_on_a_recompute(wereld):
    eerste = wereld.deelname(tc.DeelnameStatus.OPLEIDING)
    _vca(eerste.deelnemer)
    [signaal] = van_regel(scan_op(VERLOOPT), Regel.CERTIFICAAT)
    assert signaal.deelname == eerste
    ander = TrajectFactory(regie_organisatie=wereld.gemeente, regisseur=wereld.regisseur, gemeenten=[wereld.gemeente])
    tweede = DeelnameFactory(traject=ander, deelnemer=eerste.deelnemer, status=tc.DeelnameStatus.GESELECTEERD)
    # The recompute after the selection in the new trajectory moves the signal (no second one).
    [moved] = van_regel(scan_op(VERLOOPT, traject_ids=[ander.pk]), Regel.CERTIFICAAT)
    assert (moved.pk, moved.deelname, moved.traject) == (signaal.pk, tweede, ander)
    # When the participant ends the new trajectory, a recompute of it moves the signal back.
    tweede.status = tc.DeelnameStatus.UITGEVALLEN
    tweede.uitval_reden = tc.UitvalReden.OVERIG
    tweede.save()
    [back] = van_regel(scan_op(VERLOOPT, traject_ids=[ander.pk]), Regel.CERTIFICAAT)
    assert (back.pk, back.deelname, back.traject) == (signaal.pk, eerste, wereld.traject)


# --- toezegging ---------------------------------------------------------------------------------


def _toezegging(wereld, soort=wc.Toezegging.INTENTIEVERKLARING, geldig_tot=VERLOOPT, **fields):
    return LeerwerkplekFactory(
        werkgever=wereld.werkgever, traject=wereld.traject, locatie=wereld.plek.locatie, functietitel="Glaszetter",
        toezegging=soort, toezegging_datum=D(2026, 3, 1), toezegging_geldig_tot=geldig_tot, **fields,
    )  # fmt: skip


@pytest.mark.parametrize(("dag", "ernst"), GRENZEN)
def test_letter_of_intent_at_its_boundaries(wereld, dag, ernst):
    plek = _toezegging(wereld)
    signalen = van_regel(scan_op(dag), Regel.TOEZEGGING)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.object_type, signaal.object_id, signaal.deadline) == ("leerwerkplek", str(plek.pk), VERLOOPT)
    assert signaal.ernst == ernst
    werkgever = wereld.werkgever.organisatie.naam
    werkwoord = "is verlopen op" if dag > VERLOOPT else "verloopt op"
    assert signaal.bericht == f"Intentieverklaring van {werkgever} voor Glaszetter {werkwoord} 01-03-2027."
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.regisseur, "regisseur", wereld.gemeente,
    )  # fmt: skip
    assert (signaal.traject, signaal.deelname) == (wereld.traject, None)
    assert signaal.link == reverse("matching:plek_wijzigen", args=[plek.pk])


def test_job_guarantee_counts_and_closed_places_or_no_commitment_do_not(wereld):
    garantie = _toezegging(wereld, soort=wc.Toezegging.BAANGARANTIE)
    _toezegging(wereld, status=wc.PlekStatus.VERVULD)
    _toezegging(wereld, status=wc.PlekStatus.GESLOTEN)
    _toezegging(wereld, geldig_tot=None)
    [signaal] = van_regel(scan_op(VERLOOPT), Regel.TOEZEGGING)
    assert signaal.object_id == str(garantie.pk) and signaal.bericht.startswith("Baangarantie van ")


def test_a_letter_of_intent_uses_the_national_lead_times(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, herinnering_dagen=[30, 7])
    _toezegging(wereld)
    assert van_regel(scan_op(D(2027, 2, 9)), Regel.TOEZEGGING) == []  # 20 days: outside 14
    [signaal] = van_regel(scan_op(D(2027, 2, 24)), Regel.TOEZEGGING)  # 5 days: within 14, not within 3
    assert signaal.ernst == Ernst.WAARSCHUWING
