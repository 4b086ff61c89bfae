"""Rule 3: planning against the bouwvak, with frozen time at the boundaries.

The world's employer location and gemeente lie in Noord-Brabant: bouwvak region Zuid. The
Zuid bouwvak of 2026 is entered as Monday 20 July to Friday 7 August; the first working day
after it is Monday 10 August.
"""

import datetime as dt

import pytest
from django.urls import reverse

from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from tests.factories import GemeenteFactory, TrajectFactory, TrajectFaseFactory
from tests.signalen.conftest import scan_op, van_regel
from trajecten import constants as tc
from werkgevers import constants as wc
from werkgevers.models import Plaatsing

D = dt.date
BOUWVAK_START, BOUWVAK_EIND = D(2026, 7, 20), D(2026, 8, 7)
NA_BOUWVAK = D(2026, 8, 10)
TOELICHTING_NA = "Eerste werkdag na de bouwvak (regio Zuid: 20-07-2026 t/m 07-08-2026)"


@pytest.fixture
def bouwvak(wereld):
    return wereld.bouwvak("zuid", 2026, BOUWVAK_START, BOUWVAK_EIND)


def _plaatsing(wereld, start, status=wc.PlaatsingStatus.VOORGESTELD):
    return wereld.plaatsing(wereld.deelname(tc.DeelnameStatus.OPLEIDING), start=start, status=status)


# --- bouwvak_start ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "in_bouwvak"),
    [(D(2026, 7, 19), False), (BOUWVAK_START, True), (BOUWVAK_EIND, True), (D(2026, 8, 8), False)],
    ids=["day-before", "first-day", "last-day", "day-after"],
)
def test_placement_starting_in_the_bouwvak_at_its_edges(wereld, bouwvak, start, in_bouwvak):
    plaatsing = _plaatsing(wereld, start)
    signalen = van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_START)
    if not in_bouwvak:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.object_type, signaal.object_id, signaal.deadline) == ("plaatsing", str(plaatsing.pk), start)
    assert signaal.suggestie == NA_BOUWVAK and signaal.suggestie.weekday() == 0  # a Monday
    assert signaal.suggestie_toelichting == TOELICHTING_NA
    assert signaal.ernst == Ernst.WAARSCHUWING  # far ahead: still worth a warning
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.regisseur, "regisseur", wereld.gemeente,
    )  # fmt: skip
    assert (signaal.traject, signaal.deelname) == (wereld.traject, plaatsing.deelname)
    assert signaal.link == reverse("trajecten:detail", args=[wereld.traject.pk]) + "#signalen"
    assert wereld.werkgever.organisatie.naam in signaal.bericht
    assert f"{start:%d-%m-%Y}" in signaal.bericht
    deelnemer = plaatsing.deelname.deelnemer
    assert deelnemer.achternaam not in signaal.bericht and deelnemer.voornaam not in signaal.bericht


def test_confirmed_placement_counts_a_started_or_past_one_does_not(wereld, bouwvak):
    bevestigd = _plaatsing(wereld, D(2026, 7, 22), status=wc.PlaatsingStatus.BEVESTIGD)
    _plaatsing(wereld, D(2026, 7, 23), status=wc.PlaatsingStatus.GESTART)
    _plaatsing(wereld, D(2026, 7, 24), status=wc.PlaatsingStatus.AFGEWEZEN)
    [signaal] = van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_START)
    assert signaal.object_id == str(bevestigd.pk)
    # Once the planned start has passed the rule no longer holds.
    assert van_regel(scan_op(D(2026, 7, 23)), Regel.BOUWVAK_START) == []


def test_severity_rises_near_the_planned_start(wereld, bouwvak):
    _plaatsing(wereld, BOUWVAK_START)
    [signaal] = van_regel(scan_op(D(2026, 7, 6)), Regel.BOUWVAK_START)  # 14 days ahead
    assert signaal.ernst == Ernst.WAARSCHUWING
    [signaal] = van_regel(scan_op(D(2026, 7, 17)), Regel.BOUWVAK_START)  # 3 days ahead
    assert signaal.ernst == Ernst.URGENT


def test_moving_the_start_to_the_suggestion_closes_the_signal(wereld, bouwvak):
    plaatsing = _plaatsing(wereld, D(2026, 7, 27))
    [signaal] = van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_START)
    Plaatsing.objects.filter(pk=plaatsing.pk).update(start=signaal.suggestie)
    assert van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_START) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_the_employer_locations_region_decides(wereld, bouwvak):
    wereld.plek.locatie.provincie = "groningen"  # region Noord
    wereld.plek.locatie.save()
    wereld.bouwvak("noord", 2026, D(2026, 8, 3), D(2026, 8, 21))
    _plaatsing(wereld, D(2026, 7, 27))  # inside Zuid's bouwvak, before Noord's
    _plaatsing(wereld, D(2026, 8, 17))  # after Zuid's, inside Noord's
    [signaal] = van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_START)
    assert signaal.deadline == D(2026, 8, 17)
    assert signaal.suggestie == D(2026, 8, 24)
    assert "regio Noord: 03-08-2026 t/m 21-08-2026" in signaal.bericht


# --- bouwvak_fase -------------------------------------------------------------------------------


def _fase(wereld, soort, start, eind, traject=None):
    return TrajectFaseFactory(traject=traject or wereld.traject, soort=soort, start=start, eind=eind)


def test_training_running_into_the_bouwvak_suggests_the_latest_start_that_finishes_before(wereld, bouwvak):
    fase = _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 6, 1), D(2026, 7, 31))
    [signaal] = van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE)
    assert (signaal.object_type, signaal.object_id) == ("fase", str(fase.pk))
    assert signaal.deadline == BOUWVAK_START  # a key that does not change on the phase's first day
    # 60 days long, ending on Friday 17 July, the last working day before the bouwvak.
    assert signaal.suggestie == D(2026, 5, 18)
    assert signaal.suggestie_toelichting.startswith("Laatste start waarmee de fase vóór de bouwvak klaar is")
    assert "loopt door in de bouwvak" in signaal.bericht and "01-06-2026 t/m 31-07-2026" in signaal.bericht
    assert signaal.ernst == Ernst.WAARSCHUWING
    assert signaal.link == reverse("trajecten:detail", args=[wereld.traject.pk]) + "#planning"
    assert (signaal.verantwoordelijke, signaal.organisatie, signaal.traject, signaal.deelname) == (
        wereld.regisseur, wereld.gemeente, wereld.traject, None,
    )  # fmt: skip


def test_when_the_latest_start_has_passed_the_suggestion_is_after_the_bouwvak(wereld, bouwvak):
    _fase(wereld, tc.FaseSoort.VOORTRAJECT, D(2026, 6, 1), D(2026, 7, 31))
    [voor] = van_regel(scan_op(D(2026, 5, 18)), Regel.BOUWVAK_FASE)
    assert voor.suggestie == D(2026, 5, 18)  # the latest start is today: still possible
    [na] = van_regel(scan_op(D(2026, 5, 19)), Regel.BOUWVAK_FASE)
    assert na.pk == voor.pk  # same phase, same deadline: the same signal, updated
    assert (na.deadline, na.suggestie, na.suggestie_toelichting) == (BOUWVAK_START, NA_BOUWVAK, TOELICHTING_NA)


def test_the_signal_of_a_phase_stays_the_same_when_the_phase_starts(wereld, bouwvak):
    """Acknowledged or snoozed stays so on the phase's first day; its urgency follows the start."""
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 6, 1), D(2026, 7, 31))
    [voor] = van_regel(scan_op(D(2026, 5, 20)), Regel.BOUWVAK_FASE)
    assert voor.ernst == Ernst.WAARSCHUWING  # 12 days before the phase starts
    [dicht_bij] = van_regel(scan_op(D(2026, 5, 29)), Regel.BOUWVAK_FASE)
    assert dicht_bij.ernst == Ernst.URGENT  # 3 days before
    [gestart] = van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_FASE)
    assert voor.pk == dicht_bij.pk == gestart.pk


def test_a_phase_already_running_into_the_bouwvak_is_due_at_the_bouwvak_start(wereld, bouwvak):
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 6, 1), D(2026, 7, 31))
    [signaal] = van_regel(scan_op(D(2026, 6, 1)), Regel.BOUWVAK_FASE)
    assert (signaal.deadline, signaal.suggestie) == (BOUWVAK_START, NA_BOUWVAK)
    [signaal] = van_regel(scan_op(D(2026, 7, 17)), Regel.BOUWVAK_FASE)
    assert signaal.ernst == Ernst.URGENT


@pytest.mark.parametrize(
    ("soort", "start", "eind", "signaal"),
    [
        (tc.FaseSoort.OPLEIDING, D(2026, 5, 1), D(2026, 7, 17), False),  # ends the working day before
        (tc.FaseSoort.OPLEIDING, D(2026, 5, 1), BOUWVAK_START, True),
        (tc.FaseSoort.OPLEIDING, BOUWVAK_EIND, D(2026, 10, 1), True),
        (tc.FaseSoort.OPLEIDING, D(2026, 8, 8), D(2026, 10, 1), False),  # starts after it
        (tc.FaseSoort.WERVING, D(2026, 6, 1), D(2026, 7, 31), False),  # not preparation or training
        (tc.FaseSoort.NAZORG, D(2026, 6, 1), D(2026, 7, 31), False),
    ],
)
def test_overlap_at_the_edges_and_only_for_preparation_and_training(wereld, bouwvak, soort, start, eind, signaal):
    _fase(wereld, soort, start, eind)
    assert len(van_regel(scan_op(D(2026, 4, 1)), Regel.BOUWVAK_FASE)) == int(signaal)


def test_a_finished_phase_or_trajectory_gives_none(wereld, bouwvak):
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 6, 1), D(2026, 7, 31))
    assert van_regel(scan_op(D(2026, 8, 1)), Regel.BOUWVAK_FASE) == []  # the phase has ended
    wereld.traject.status = tc.TrajectStatus.AFGEROND
    wereld.traject.save()
    assert van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE) == []


@pytest.mark.parametrize(
    ("opleiding_eind", "plaatsing_start", "signaal"),
    [
        (D(2026, 6, 26), D(2026, 7, 1), False),  # ends 16 working days before: not shortly before
        (D(2026, 6, 29), D(2026, 7, 1), True),  # 15 working days before
        (D(2026, 7, 17), D(2026, 7, 20), True),
        (D(2026, 7, 17), BOUWVAK_EIND, True),  # placement starts on the bouwvak's last day
        (D(2026, 7, 17), D(2026, 8, 8), False),  # placement starts after the bouwvak
        (D(2026, 7, 17), NA_BOUWVAK, False),
    ],
)
def test_training_ending_shortly_before_with_the_placement_not_after_it(
    wereld, bouwvak, opleiding_eind, plaatsing_start, signaal
):
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 4, 1), opleiding_eind)
    proefplaatsing = _fase(wereld, tc.FaseSoort.PROEFPLAATSING, plaatsing_start, D(2026, 10, 30))
    signalen = van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE)
    if not signaal:
        assert signalen == []
        return
    [s] = signalen
    # The signal names the phase its suggestion is for: the placement phase, to start after the bouwvak.
    assert (s.object_type, s.object_id, s.deadline) == ("fase", str(proefplaatsing.pk), plaatsing_start)
    assert (s.suggestie, s.ernst) == (NA_BOUWVAK, Ernst.WAARSCHUWING)
    assert s.suggestie_toelichting.startswith(TOELICHTING_NA)
    assert "de plaatsing begint niet na de bouwvak" in s.bericht
    assert f"eindigt op {opleiding_eind:%d-%m-%Y}" in s.bericht


def test_the_matching_phase_counts_as_placement_and_without_one_there_is_nothing_to_check(wereld, bouwvak):
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 4, 1), D(2026, 7, 10))
    assert van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE) == []
    _fase(wereld, tc.FaseSoort.MATCHING, D(2026, 7, 13), D(2026, 12, 18))
    [signaal] = van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE)
    assert (signaal.deadline, signaal.suggestie) == (D(2026, 7, 13), NA_BOUWVAK)


def test_phases_follow_the_trajectorys_region(wereld, bouwvak):
    wereld.gemeente.bouwvak_regio_afwijkend = "midden"
    wereld.gemeente.save()
    wereld.bouwvak("midden", 2026, D(2026, 8, 3), D(2026, 8, 21))
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 6, 1), D(2026, 7, 31))  # overlaps Zuid, not Midden
    assert van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE) == []
    zonder_regio = TrajectFactory(regie_organisatie=GemeenteFactory(), status=tc.TrajectStatus.LOPEND)
    _fase(wereld, tc.FaseSoort.OPLEIDING, D(2026, 6, 1), D(2026, 8, 31), traject=zonder_regio)
    assert van_regel(scan_op(D(2026, 5, 1)), Regel.BOUWVAK_FASE) == []
    assert not Signaal.objects.filter(regel=Regel.BOUWVAK_FASE).exists()
