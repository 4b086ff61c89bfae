"""A trajectory with its parties for the regie tests: a gemeente directs it (its regisseur), an
opleider and a werkgever are partners (each with a user and the werkgever's as contact person),
phases planned from 1 April 2026; and an outsider organisation with a regisseur of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from leerwerk.models import Rol
from tests.factories import (
    GemeenteFactory,
    OrganisatieFactory,
    TrajectFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
)
from trajecten import constants as tc

START = dt.date(2026, 4, 1)


@dataclass
class Regiewereld:
    traject: object
    regisseur: object
    opleider: object
    werkgever: object
    buitenstaander: object
    fases: dict


@pytest.fixture
def rw(db, gemeente, make_user):
    regisseur = make_user(Rol.REGISSEUR)
    traject = TrajectFactory(
        regie_organisatie=gemeente, arbeidsmarktregio=gemeente.arbeidsmarktregio, regisseur=regisseur,
        status=tc.TrajectStatus.WERVING, gemeenten=[gemeente],
    )  # fmt: skip
    opleider_org = OrganisatieFactory(naam="Opleider Vakwerk")
    werkgever_org = OrganisatieFactory(naam="Installatiebedrijf Noord", type="werkgever")
    opleider = make_user(Rol.OPLEIDER, organisatie=opleider_org)
    werkgever = make_user(Rol.WERKGEVER, organisatie=werkgever_org)
    TrajectPartnerFactory(traject=traject, organisatie=opleider_org, rol=tc.PartnerRol.OPLEIDER)
    TrajectPartnerFactory(
        traject=traject, organisatie=werkgever_org, rol=tc.PartnerRol.WERKGEVER, contactpersoon=werkgever
    )
    fases = {
        tc.FaseSoort.VOORTRAJECT: TrajectFaseFactory(
            traject=traject, soort=tc.FaseSoort.VOORTRAJECT, start=START, eind=dt.date(2026, 5, 31)
        ),
        tc.FaseSoort.OPLEIDING: TrajectFaseFactory(
            traject=traject, soort=tc.FaseSoort.OPLEIDING, start=dt.date(2026, 6, 1), eind=dt.date(2026, 12, 18)
        ),
    }
    buitenstaander = make_user(Rol.REGISSEUR, organisatie=GemeenteFactory(naam="Elders"))
    return Regiewereld(traject, regisseur, opleider, werkgever, buitenstaander, fases)
