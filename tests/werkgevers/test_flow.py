"""The whole path from profile to placement, through the services, as the users take it."""

import pytest

from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import selectors, services

pytestmark = pytest.mark.django_db


def test_profile_interest_match_placement_confirmation_moves_the_deelname(world):
    deelname = world.deelname(tc.DeelnameStatus.OPLEIDING)
    profielen = selectors.profielen_for_werkgever(world.werkgever_user)
    assert [p.pk for p in profielen] == [deelname.profiel.pk]
    assert selectors.onthulde_deelnemers(world.werkgever_user) == {}

    services.match_interest(acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek)
    world.accepted(deelname)
    onthuld = selectors.onthulde_deelnemers(world.werkgever_user)
    assert onthuld[deelname.pk].naam == deelname.deelnemer.naam
    assert selectors.onthulde_deelnemers(world.ander_user) == {}

    plaatsing = world.proposed_placement(deelname)
    assert plaatsing.wacht_op_bevestiging
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    plaatsing.refresh_from_db()
    deelname.refresh_from_db()
    assert plaatsing.status == c.PlaatsingStatus.BEVESTIGD
    assert plaatsing.bevestigd_door == world.werkgever_user
    assert deelname.status == tc.DeelnameStatus.PROEFPLAATSING
    assert deelname.stappen.last().door == world.werkgever_user
