"""Rules around placements: two active placements of one participant never overlap (the
service refuses with a field error, the database refuses when the service is bypassed), and
the placement guard: a step into proefplaatsing or geplaatst needs a confirmed placement."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.trajecten.regie import verplaats
from tests.werkgevers.plaatsingen import bevestigd, klaar, propose, status_van
from trajecten import constants as tc
from trajecten.models import Deelname
from trajecten.services import deelname_transition
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Plaatsing

S = tc.DeelnameStatus
P = c.PlaatsingStatus
D = datetime.date
pytestmark = pytest.mark.django_db

OVERLAP = "Deze deelnemer heeft in deze periode al een plaatsing."
GUARD = (
    "Een stap naar {} volgt uit een plaatsing die de werkgever heeft bevestigd. "
    "Stel eerst een plaatsing voor; na de bevestiging verplaatst de deelnemer vanzelf."
)


# --- Overlap ------------------------------------------------------------------------------------------------


def test_an_overlapping_proposal_is_refused_as_a_field_error(world):
    deelname = klaar(world)
    bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    for start, einde in [
        (D(2026, 10, 1), D(2026, 12, 1)),
        (D(2026, 8, 1), D(2026, 9, 7)),
        (D(2026, 11, 1), D(2027, 1, 1)),
    ]:
        with pytest.raises(ValidationError) as exc:
            propose(world, deelname, soort="stage", start=start, gepland_einde=einde)
        assert exc.value.message_dict == {"start": [OVERLAP]}
    assert Plaatsing.objects.filter(deelname=deelname).count() == 1
    # The day after the planned end is free.
    propose(world, deelname, soort="stage", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1))


def test_a_proposal_waiting_for_confirmation_also_blocks_its_period(world):
    deelname = klaar(world)
    world.proposed_placement(deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, start=D(2026, 10, 1), gepland_einde=D(2026, 10, 31))
    assert exc.value.message_dict == {"start": [OVERLAP]}


def test_an_open_ended_contract_overlaps_everything_after_it(world):
    deelname = klaar(world)
    propose(world, deelname, soort="onbepaalde_tijd", start=D(2026, 9, 7), gepland_einde=None)
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, soort="bepaalde_tijd", start=D(2031, 1, 1), gepland_einde=D(2031, 6, 1))
    assert exc.value.message_dict == {"start": [OVERLAP]}
    propose(world, deelname, soort="stage", start=D(2026, 6, 1), gepland_einde=D(2026, 9, 6))


def test_a_change_into_an_overlap_is_refused(world):
    deelname = klaar(world)
    bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    later = propose(world, deelname, soort="stage", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_change(acting_user=world.regisseur, plaatsing=later, start=D(2026, 11, 1))
    assert exc.value.message_dict == {"start": [OVERLAP]}
    assert Plaatsing.objects.get(pk=later.pk).start == D(2026, 11, 2)


def _rij(world, deelname, start, einde, status=P.BEVESTIGD):
    """A placement written directly, past the services, as a bug or a script might."""
    is_bevestigd = status in c.ACTIEVE_PLAATSING
    return Plaatsing.objects.create(
        deelname=deelname, leerwerkplek=world.plek, soort="stage", start=start, gepland_einde=einde,
        uren_per_week=24, status=status, voorgesteld_door=world.regisseur,
        bevestigde_versie=1 if is_bevestigd else None,
        bevestigd_op=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC) if is_bevestigd else None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("eerste", "tweede"),
    [
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 10, 1), D(2026, 12, 31))),  # partly
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 10, 31), D(2026, 12, 31))),  # the same day
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 9, 15), D(2026, 9, 16))),  # inside
        ((D(2026, 9, 1), None), (D(2035, 1, 1), D(2035, 2, 1))),  # open end: everything after
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 1, 1), None)),  # open end from before
    ],
)
@pytest.mark.parametrize("status", [P.BEVESTIGD, P.GESTART])
def test_the_database_refuses_overlapping_active_placements(world, eerste, tweede, status):
    deelname = world.deelname()
    _rij(world, deelname, *eerste)
    with pytest.raises(IntegrityError, match="plaatsing_geen_overlap"), transaction.atomic():
        _rij(world, deelname, *tweede, status=status)
    assert Plaatsing.objects.filter(deelname=deelname).count() == 1


def test_the_database_allows_adjacent_periods_other_participants_and_ended_placements(world):
    deelname = world.deelname()
    _rij(world, deelname, D(2026, 9, 1), D(2026, 10, 31))
    with transaction.atomic():
        _rij(world, deelname, D(2026, 11, 1), D(2026, 12, 31))  # one day apart: fine
        _rij(world, deelname, D(2026, 6, 1), D(2026, 8, 31))
        _rij(world, world.deelname(), D(2026, 9, 1), D(2026, 10, 31))  # another participant
        for status in (P.VOORGESTELD, P.AFGEWEZEN, P.OMGEZET):
            _rij(world, deelname, D(2026, 9, 15), D(2026, 9, 30), status=status)
    assert Plaatsing.objects.filter(deelname=deelname).count() == 6


def test_the_database_rule_also_holds_on_update(world):
    deelname = world.deelname()
    _rij(world, deelname, D(2026, 9, 1), D(2026, 10, 31))
    voorstel = _rij(world, deelname, D(2026, 10, 1), D(2026, 12, 31), status=P.VOORGESTELD)
    with pytest.raises(IntegrityError, match="plaatsing_geen_overlap"), transaction.atomic():
        Plaatsing.objects.filter(pk=voorstel.pk).update(
            status=P.BEVESTIGD, bevestigde_versie=1, bevestigd_op=datetime.datetime(2026, 8, 2, tzinfo=datetime.UTC)
        )


# --- The placement guard on the board --------------------------------------------------------------------------


@pytest.mark.parametrize("naar", [S.PROEFPLAATSING, S.GEPLAATST])
def test_the_regisseur_cannot_step_into_a_placement_without_a_confirmed_one(world, naar):
    deelname = klaar(world)
    world.proposed_placement(deelname)  # proposed, not confirmed
    with pytest.raises(ValidationError) as exc:
        deelname_transition(
            acting_user=world.regisseur, deelname=deelname, naar=naar, toelichting=f"Bij {world.werkgever}"
        )
    assert exc.value.message_dict["toelichting"] == [GUARD.format(tc.DeelnameStatus(naar).label)]
    assert status_van(deelname) == S.OPLEIDING


def test_a_confirmed_placement_of_the_other_kind_does_not_open_the_step(world):
    """A confirmed trial placement lets the participant into proefplaatsing, not into geplaatst."""
    deelname = klaar(world)
    bevestigd(world, deelname)
    assert status_van(deelname) == S.PROEFPLAATSING
    with pytest.raises(ValidationError) as exc:
        deelname_transition(acting_user=world.regisseur, deelname=deelname, naar=S.GEPLAATST, toelichting="Contract")
    assert exc.value.message_dict["toelichting"] == [GUARD.format("Geplaatst")]


def test_a_participant_parked_during_a_confirmed_trial_may_return_to_it(world):
    deelname = klaar(world)
    bevestigd(world, deelname)
    deelname_transition(acting_user=world.regisseur, deelname=deelname, naar=S.GEPARKEERD, toelichting="Ziek")
    deelname_transition(acting_user=world.regisseur, deelname=Deelname.objects.get(pk=deelname.pk),
                        naar=S.PROEFPLAATSING)  # fmt: skip
    assert status_van(deelname) == S.PROEFPLAATSING


@pytest.mark.django_db(databases=["default", "audit"])
def test_the_board_shows_the_guard_message_on_the_card(world, client):
    deelname = klaar(world)
    client.force_login(world.regisseur)
    response = verplaats(client, deelname, htmx=True, naar=S.PROEFPLAATSING, toelichting="Bij Van Dijk")
    assert response.status_code == 200
    assert GUARD.format("Proefplaatsing") in response.content.decode()
    assert status_van(deelname) == S.OPLEIDING
