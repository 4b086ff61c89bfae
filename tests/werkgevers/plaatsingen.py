"""Helpers shared by the placement tests: a participant with an accepted match, a proposal, a confirmation."""

import datetime

from trajecten import constants as tc
from trajecten.models import Deelname
from werkgevers import services

S = tc.DeelnameStatus
D = datetime.date


def klaar(world, status=S.OPLEIDING):
    """A participant with a match the first employer accepted."""
    deelname = world.deelname(status)
    world.accepted(deelname)
    return deelname


def bevestigd(world, deelname, **kw):
    plaatsing = world.proposed_placement(deelname, **kw)
    return services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=plaatsing.versie)


def propose(world, deelname, **kw):
    fields = {"soort": "proefplaatsing", "start": D(2026, 9, 7), "gepland_einde": D(2026, 11, 1), "uren_per_week": 32}
    return services.plaatsing_propose(
        acting_user=world.regisseur, deelname=deelname, leerwerkplek=kw.pop("plek", world.plek), **{**fields, **kw}
    )


def status_van(deelname):
    return Deelname.objects.get(pk=deelname.pk).status
