"""Fixtures for the werkgevers API tests (imported by tests/api/test_werkgevers*.py).

`wg` is the werkgevers test world (tests/werkgevers/conftest.py: a trajectory directed by the
test gemeente with its regisseur and klantmanager, two employer partners each with a contact
person and a place) plus users of the other roles: an opleider and a jobcoach whose
organisations are partners, a wethouder of the gemeente, and a regisseur of the regio (which
directs nothing here).
"""

from __future__ import annotations

import pytest

from leerwerk.models import OrganisatieType, Rol
from tests.factories import (
    LeerwerkplekFactory,
    OrganisatieFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    WerkgeverFactory,
)
from tests.werkgevers.conftest import World
from trajecten import constants as tc

__all__ = ["wg"]


@pytest.fixture
def wg(gemeente, regio, make_user):
    regisseur = make_user(Rol.REGISSEUR, naam="Sanne Regisseur")
    klantmanager = make_user(Rol.KLANTMANAGER, naam="Karim Klantmanager")
    traject = TrajectFactory(
        naam="Installatietechniek API",
        regie_organisatie=gemeente,
        arbeidsmarktregio=regio,
        regisseur=regisseur,
        status=tc.TrajectStatus.LOPEND,
    )
    werkgever, ander = WerkgeverFactory(), WerkgeverFactory()
    for w in (werkgever, ander):
        TrajectPartnerFactory(traject=traject, organisatie=w.organisatie, rol=tc.PartnerRol.WERKGEVER)
    world = World(
        gemeente,
        regio,
        traject,
        regisseur,
        klantmanager,
        werkgever,
        make_user(Rol.WERKGEVER, organisatie=werkgever.organisatie, naam="Wim Werkgever"),
        LeerwerkplekFactory(werkgever=werkgever, traject=traject, locatie__arbeidsmarktregio=regio),
        ander,
        make_user(Rol.WERKGEVER, organisatie=ander.organisatie, naam="Anne Andere Werkgever"),
        LeerwerkplekFactory(werkgever=ander, traject=traject, locatie__arbeidsmarktregio=regio),
    )
    opleider_org = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    jobcoach_org = OrganisatieFactory(type=OrganisatieType.EXPERTISEPARTNER)
    TrajectPartnerFactory(traject=traject, organisatie=opleider_org, rol=tc.PartnerRol.OPLEIDER)
    TrajectPartnerFactory(traject=traject, organisatie=jobcoach_org, rol=tc.PartnerRol.JOBCOACH)
    world.opleider = make_user(Rol.OPLEIDER, organisatie=opleider_org)
    world.jobcoach = make_user(Rol.JOBCOACH, organisatie=jobcoach_org, naam="Joke Jobcoach")
    world.wethouder = make_user(Rol.WETHOUDER)
    world.regio_regisseur = make_user(Rol.REGISSEUR, organisatie=regio)
    return world
