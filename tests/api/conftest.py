"""One small world for the API tests: two gemeenten, a trajectory directed by the regio with
its partners, candidates with and without consent, and a user for every role."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from leerwerk.models import OrganisatieType, Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    OrganisatieFactory,
    RegioFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from trajecten.constants import PartnerRol

ROLES = [Rol.KLANTMANAGER, Rol.REGISSEUR, Rol.OPLEIDER, Rol.WERKGEVER, Rol.WETHOUDER, Rol.JOBCOACH]
NOT_FOUND = {"detail": "Niet gevonden."}


@dataclass
class World:
    gemeente: object
    andere_gemeente: object
    regio: object
    traject: object
    ander_traject: object
    users: dict
    met_toestemming: object  # candidate of `gemeente`, consented to sharing with partners
    zonder_toestemming: object  # candidate of `gemeente`, no consent
    elders: object  # candidate of `andere_gemeente`
    deelname_met: object
    deelname_zonder: object
    deelname_elders: object

    def scope(self, rol: str) -> dict[str, set[int]]:
        """What each role may read, by endpoint: the ids the API must show and nothing else."""
        deelnemers = {
            Rol.KLANTMANAGER: {self.met_toestemming.pk, self.zonder_toestemming.pk},
            Rol.REGISSEUR: {self.met_toestemming.pk},
        }
        deelnames = {
            Rol.KLANTMANAGER: {self.deelname_met.pk, self.deelname_zonder.pk},
            Rol.REGISSEUR: {self.deelname_met.pk},
        }
        return {
            "deelnemers": deelnemers.get(rol, set()),
            "deelnames": deelnames.get(rol, set()),
            "trajecten": {self.traject.pk},  # every role here has a part in it; none in the other
        }

    def all_ids(self) -> dict[str, set[int]]:
        return {
            "deelnemers": {self.met_toestemming.pk, self.zonder_toestemming.pk, self.elders.pk},
            "deelnames": {self.deelname_met.pk, self.deelname_zonder.pk, self.deelname_elders.pk},
            "trajecten": {self.traject.pk, self.ander_traject.pk},
        }


@pytest.fixture
def world(db):
    regio = RegioFactory(naam="Regio Rivierenland")
    gemeente = GemeenteFactory(naam="Tiel", arbeidsmarktregio=regio)
    andere_gemeente = GemeenteFactory(naam="Culemborg", arbeidsmarktregio=regio)
    opleider_org = OrganisatieFactory(naam="Installatiecollege", type=OrganisatieType.OPLEIDER)
    werkgever_org = OrganisatieFactory(naam="Warmte BV", type=OrganisatieType.WERKGEVER)
    jobcoach_org = OrganisatieFactory(naam="Coachpunt", type=OrganisatieType.EXPERTISEPARTNER)

    users = {
        Rol.KLANTMANAGER: UserFactory(organisatie=gemeente, rollen=[Rol.KLANTMANAGER], naam="Karin Klant"),
        Rol.REGISSEUR: UserFactory(organisatie=regio, rollen=[Rol.REGISSEUR], naam="Ruud Regie"),
        Rol.OPLEIDER: UserFactory(organisatie=opleider_org, rollen=[Rol.OPLEIDER]),
        Rol.WERKGEVER: UserFactory(organisatie=werkgever_org, rollen=[Rol.WERKGEVER]),
        Rol.WETHOUDER: UserFactory(organisatie=gemeente, rollen=[Rol.WETHOUDER]),
        Rol.JOBCOACH: UserFactory(organisatie=jobcoach_org, rollen=[Rol.JOBCOACH]),
    }
    traject = TrajectFactory(
        naam="Monteurs Tiel", regie_organisatie=regio, arbeidsmarktregio=regio, gemeenten=[gemeente]
    )
    TrajectPartnerFactory(traject=traject, organisatie=opleider_org, rol=PartnerRol.OPLEIDER)
    TrajectPartnerFactory(traject=traject, organisatie=werkgever_org, rol=PartnerRol.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=jobcoach_org, rol=PartnerRol.JOBCOACH)
    TrajectFaseFactory(traject=traject)
    ander_traject = TrajectFactory(
        naam="Bouw Culemborg", regie_organisatie=andere_gemeente, arbeidsmarktregio=regio, gemeenten=[andere_gemeente]
    )

    klantmanager = users[Rol.KLANTMANAGER]
    met = DeelnemerFactory(gemeente=gemeente, klantmanager=klantmanager, voornaam="Amal", achternaam="Haddad")
    ToestemmingFactory(deelnemer=met, vastgelegd_door=klantmanager)
    zonder = DeelnemerFactory(gemeente=gemeente, klantmanager=klantmanager, voornaam="Bilal", achternaam="Rahimi")
    elders = DeelnemerFactory(gemeente=andere_gemeente, voornaam="Chaya", achternaam="Tesfay")
    return World(
        gemeente=gemeente,
        andere_gemeente=andere_gemeente,
        regio=regio,
        traject=traject,
        ander_traject=ander_traject,
        users=users,
        met_toestemming=met,
        zonder_toestemming=zonder,
        elders=elders,
        deelname_met=DeelnameFactory(traject=traject, deelnemer=met, aangemeld_door=klantmanager),
        deelname_zonder=DeelnameFactory(traject=traject, deelnemer=zonder, aangemeld_door=klantmanager),
        deelname_elders=DeelnameFactory(traject=ander_traject, deelnemer=elders),
    )


@pytest.fixture
def api_as():
    def make(user, **kwargs) -> APIClient:
        client = APIClient(**kwargs)
        if user is not None:
            client.force_login(user)
        return client

    return make
