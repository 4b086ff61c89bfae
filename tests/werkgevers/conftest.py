"""A small world for the werkgevers tests: a trajectory directed by the test gemeente with
two employer partners (each with a contact person and a place), a klantmanager and a
regisseur, and participants who consented to sharing with partners and employers, with an
approved profile.

`world.deelname(...)` adds a participant in a given state; `approved=False` leaves the
profile without an approved text, `consent=False` leaves out the employer consent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from deelnemers.constants import ToestemmingSoort
from leerwerk.models import Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    LeerwerkplekFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from werkgevers import services


@dataclass
class World:
    gemeente: object
    regio: object
    traject: object
    regisseur: object
    klantmanager: object
    werkgever: object  # Werkgever
    werkgever_user: object
    plek: object
    ander: object  # a second employer partner in the same trajectory
    ander_user: object
    ander_plek: object
    deelnames: list = field(default_factory=list)

    def deelname(self, status=tc.DeelnameStatus.OPLEIDING, *, approved=True, consent=True, **deelnemer_fields):
        deelnemer = DeelnemerFactory(gemeente=self.gemeente, klantmanager=self.klantmanager, **deelnemer_fields)
        ToestemmingFactory(deelnemer=deelnemer, soort=ToestemmingSoort.PARTNERS, vastgelegd_door=self.klantmanager)
        if consent:
            ToestemmingFactory(
                deelnemer=deelnemer, soort=ToestemmingSoort.WERKGEVERS, vastgelegd_door=self.klantmanager
            )
        deelname = DeelnameFactory(
            traject=self.traject, deelnemer=deelnemer, status=status, aangemeld_door=self.klantmanager
        )
        if approved:
            services.profiel_concept_save(
                acting_user=self.klantmanager, deelname=deelname, motivatie="Gemotiveerd, handig met gereedschap."
            )
            services.profiel_approve(acting_user=self.regisseur, profiel=deelname.profiel)
        else:
            services.profiel_ensure(deelname)
        self.deelnames.append(deelname)
        return deelname

    def accepted(self, deelname, plek=None):
        """Propose and accept a match of `deelname` at `plek` (default: the first employer's)."""
        plek = plek or self.plek
        match = services.match_propose(acting_user=self.regisseur, deelname=deelname, leerwerkplek=plek)
        user = self.werkgever_user if plek.werkgever_id == self.werkgever.pk else self.ander_user
        return services.match_answer(acting_user=user, match=match, accept=True)

    def proposed_placement(self, deelname, *, soort="proefplaatsing", start=None, einde=None, **kw):
        start = start or datetime.date(2026, 9, 7)
        return services.plaatsing_propose(
            acting_user=self.regisseur,
            deelname=deelname,
            leerwerkplek=kw.pop("plek", self.plek),
            soort=soort,
            start=start,
            gepland_einde=einde if einde is not None else start + datetime.timedelta(days=55),
            uren_per_week=kw.pop("uren_per_week", 32),
            **kw,
        )


@pytest.fixture
def world(gemeente, regio, make_user):
    regisseur = make_user(Rol.REGISSEUR, naam="Sanne Regisseur")
    klantmanager = make_user(Rol.KLANTMANAGER, naam="Karim Klantmanager")
    traject = TrajectFactory(
        naam="Installatietechniek Test", regie_organisatie=gemeente, arbeidsmarktregio=regio, regisseur=regisseur,
        status=tc.TrajectStatus.LOPEND,
    )  # fmt: skip
    werkgever = WerkgeverFactory()
    ander = WerkgeverFactory()
    for w in (werkgever, ander):
        TrajectPartnerFactory(traject=traject, organisatie=w.organisatie, rol=tc.PartnerRol.WERKGEVER)
    werkgever_user = make_user(Rol.WERKGEVER, organisatie=werkgever.organisatie, naam="Wim Werkgever")
    ander_user = make_user(Rol.WERKGEVER, organisatie=ander.organisatie, naam="Anne Andere Werkgever")
    plek = LeerwerkplekFactory(werkgever=werkgever, traject=traject, locatie__arbeidsmarktregio=regio)
    ander_plek = LeerwerkplekFactory(werkgever=ander, traject=traject, locatie__arbeidsmarktregio=regio)
    return World(gemeente, regio, traject, regisseur, klantmanager, werkgever, werkgever_user, plek, ander,
                 ander_user, ander_plek)  # fmt: skip
