"""A world for the coaching and aftercare tests (issue 16): the werkgevers test world, plus a
jobcoach organisation that is partner of the trajectory with two jobcoaches, and a jobcoach
of an organisation that is not a partner.

`coach.aan_het_werk(...)` places a participant in paid work (a confirmed contract placement,
started, so the participation is geplaatst) with a jobcoach named on the placement.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from leerwerk.models import OrganisatieType, Rol
from tests.factories import OrganisatieFactory, TrajectPartnerFactory
from tests.werkgevers.conftest import world  # noqa: F401  (the fixture, reused)
from tests.werkgevers.plaatsingen import klaar
from trajecten import constants as tc
from werkgevers import services as wservices


@dataclass
class CoachWorld:
    world: object
    coach_org: object
    jobcoach: object  # named on placements
    collega: object  # a second jobcoach of the same organisation
    vreemde: object  # a jobcoach of an organisation that is no partner

    def aan_het_werk(self, *, start: datetime.date | None = None, jobcoach="default", soort="bepaalde_tijd", **fields):
        """A participant in paid work since `start` (default: 10 days ago), with a jobcoach on the placement."""
        w = self.world
        start = start or timezone.localdate() - datetime.timedelta(days=10)
        deelname = klaar(w)
        plaatsing = w.proposed_placement(
            deelname,
            soort=soort,
            start=start,
            einde=start + datetime.timedelta(days=365),
            jobcoach=self.jobcoach if jobcoach == "default" else jobcoach,
            **fields,
        )
        plaatsing = wservices.plaatsing_confirm(
            acting_user=w.werkgever_user, plaatsing=plaatsing, versie=plaatsing.versie
        )
        deelname.refresh_from_db()
        assert deelname.status == tc.DeelnameStatus.GEPLAATST, deelname.status
        return deelname, plaatsing


@pytest.fixture
def coach(world, make_user):  # noqa: F811
    coach_org = OrganisatieFactory(naam="Jobcoaching Test", type=OrganisatieType.EXPERTISEPARTNER)
    TrajectPartnerFactory(traject=world.traject, organisatie=coach_org, rol=tc.PartnerRol.JOBCOACH)
    jobcoach = make_user(Rol.JOBCOACH, organisatie=coach_org, naam="Jet Jobcoach")
    collega = make_user(Rol.JOBCOACH, organisatie=coach_org, naam="Cor Collega")
    andere_org = OrganisatieFactory(naam="Coaches Elders", type=OrganisatieType.EXPERTISEPARTNER)
    vreemde = make_user(Rol.JOBCOACH, organisatie=andere_org, naam="Vera Vreemd")
    return CoachWorld(world, coach_org, jobcoach, collega, vreemde)
