"""Scoping of personal data in the selectors that every page and endpoint starts from."""

import datetime

import pytest

from deelnemers.constants import ToestemmingSoort
from deelnemers.selectors import deelnemers_visible_to, kandidaten_for_klantmanager, search
from leerwerk.models import OrganisatieType, Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from trajecten.constants import PartnerRol
from trajecten.models import DeelnameStap
from trajecten.selectors import deelnames_for_opleider, deelnames_visible_to, instroom_check, trajecten_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Gemeente A directs a trajectory with a candidate of A and one of B (with consent) and
    one of B without consent; gemeente B has a candidate in no trajectory."""
    a, b = GemeenteFactory(naam="A"), GemeenteFactory(naam="B")
    traject = TrajectFactory(regie_organisatie=a, gemeenten=[a, b])
    eigen = DeelnameFactory(traject=traject, deelnemer=DeelnemerFactory(gemeente=a))
    met_toestemming = DeelnameFactory(traject=traject, deelnemer=DeelnemerFactory(gemeente=b))
    ToestemmingFactory(deelnemer=met_toestemming.deelnemer)
    zonder_toestemming = DeelnameFactory(traject=traject, deelnemer=DeelnemerFactory(gemeente=b))
    los = DeelnemerFactory(gemeente=b)
    return {
        "a": a,
        "b": b,
        "traject": traject,
        "eigen": eigen,
        "met": met_toestemming,
        "zonder": zonder_toestemming,
        "los": los,
    }


def test_klantmanager_sees_the_candidates_of_their_own_gemeente(world):
    km_b = UserFactory(organisatie=world["b"], rollen=[Rol.KLANTMANAGER])
    assert set(deelnemers_visible_to(km_b)) == {world["met"].deelnemer, world["zonder"].deelnemer, world["los"]}
    assert set(deelnames_visible_to(km_b)) == {world["met"], world["zonder"]}


def test_regisseur_sees_own_gemeente_and_consenting_candidates_of_directed_trajectories(world):
    regisseur = UserFactory(organisatie=world["a"], rollen=[Rol.REGISSEUR])
    assert set(deelnemers_visible_to(regisseur)) == {world["eigen"].deelnemer, world["met"].deelnemer}
    assert set(deelnames_visible_to(regisseur)) == {world["eigen"], world["met"]}


def test_withdrawn_consent_hides_the_candidate_from_the_regisseur_again(world):
    regisseur = UserFactory(organisatie=world["a"], rollen=[Rol.REGISSEUR])
    toestemming = world["met"].deelnemer.toestemmingen.get()
    toestemming.ingetrokken_op = datetime.date(2026, 3, 1)
    toestemming.save()
    assert world["met"].deelnemer not in deelnemers_visible_to(regisseur)


def test_regisseur_does_not_see_the_same_person_in_a_trajectory_it_does_not_direct(world):
    other = TrajectFactory(regie_organisatie=world["b"], gemeenten=[world["b"]])
    elsewhere = DeelnameFactory(traject=other, deelnemer=world["met"].deelnemer)
    regisseur_a = UserFactory(organisatie=world["a"], rollen=[Rol.REGISSEUR])
    assert elsewhere not in deelnames_visible_to(regisseur_a)


@pytest.mark.parametrize("rol", [Rol.WERKGEVER, Rol.WETHOUDER, Rol.JOBCOACH, Rol.OPLEIDER, Rol.BEHEERDER])
def test_other_roles_see_no_candidates_at_all(world, rol):
    for organisatie in (world["a"], world["b"]):
        user = UserFactory(organisatie=organisatie, rollen=[rol])
        assert not deelnemers_visible_to(user).exists()
        assert not deelnames_visible_to(user).exists()


def test_an_inactive_user_sees_nothing(world):
    user = UserFactory(organisatie=world["b"], rollen=[Rol.KLANTMANAGER], is_active=False)
    assert not deelnemers_visible_to(user).exists()


def test_a_user_with_two_roles_sees_each_roles_scope_and_no_more(world):
    user = UserFactory(organisatie=world["a"], rollen=[Rol.KLANTMANAGER, Rol.REGISSEUR])
    assert set(deelnemers_visible_to(user)) == {world["eigen"].deelnemer, world["met"].deelnemer}
    assert set(deelnemers_visible_to(user, Rol.KLANTMANAGER)) == {world["eigen"].deelnemer}


def test_opleider_sees_consenting_participants_where_its_organisation_trains(world):
    opleider_org = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    TrajectPartnerFactory(traject=world["traject"], organisatie=opleider_org, rol=PartnerRol.OPLEIDER)
    opleider = UserFactory(organisatie=opleider_org, rollen=[Rol.OPLEIDER])
    # Only after selection: in intake the candidate is none of the trainer's business.
    assert not deelnames_for_opleider(opleider).exists()
    DeelnameStap.objects.create(
        deelname=world["met"],
        van_status="intake",
        naar_status="geselecteerd",
        door=opleider,
        ingangsdatum=datetime.date(2026, 2, 1),
    )
    assert set(deelnames_for_opleider(opleider)) == {world["met"]}

    werkgever_org = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=world["traject"], organisatie=werkgever_org, rol=PartnerRol.WERKGEVER)
    as_employer = UserFactory(organisatie=werkgever_org, rollen=[Rol.OPLEIDER])
    assert not deelnames_for_opleider(as_employer).exists()


def test_consent_for_employers_is_not_consent_for_partners(world):
    regisseur = UserFactory(organisatie=world["a"], rollen=[Rol.REGISSEUR])
    ToestemmingFactory(deelnemer=world["zonder"].deelnemer, soort=ToestemmingSoort.WERKGEVERS)
    assert world["zonder"].deelnemer not in deelnemers_visible_to(regisseur)


def test_trajectories_are_visible_to_partners_and_participating_gemeenten(world):
    werkgever_org = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=world["traject"], organisatie=werkgever_org, rol=PartnerRol.WERKGEVER)
    assert world["traject"] in trajecten_visible_to(UserFactory(organisatie=werkgever_org, rollen=[Rol.WERKGEVER]))
    assert world["traject"] in trajecten_visible_to(UserFactory(organisatie=world["b"], rollen=[Rol.WETHOUDER]))
    stranger = UserFactory(rollen=[Rol.WETHOUDER])
    assert world["traject"] not in trajecten_visible_to(stranger)


def test_search_on_name_and_bsn_prefix(world):
    km_b = UserFactory(organisatie=world["b"], rollen=[Rol.KLANTMANAGER])
    target = world["los"]
    assert list(kandidaten_for_klantmanager(km_b, zoek=target.achternaam.upper())) == [target]
    assert list(kandidaten_for_klantmanager(km_b, zoek=target.bsn)) == [target]
    # Only the whole number: its first digits would let one read a BSN digit by digit.
    assert not kandidaten_for_klantmanager(km_b, zoek=target.bsn[:8]).exists()
    assert list(kandidaten_for_klantmanager(km_b, status="zonder_traject")) == [target]


def test_only_the_klantmanager_searches_by_bsn(world):
    regisseur = UserFactory(organisatie=world["a"], rollen=[Rol.REGISSEUR])
    target = world["met"].deelnemer
    assert target in deelnemers_visible_to(regisseur)
    assert not search(deelnemers_visible_to(regisseur), target.bsn, regisseur).exists()
    assert list(search(deelnemers_visible_to(regisseur), target.achternaam, regisseur)) == [target]


def test_instroom_check_reports_met_unmet_and_unknown():
    traject = TrajectFactory(min_taalniveau="A2", max_opleidingsniveau="mbo3", min_uren_per_week=24)
    ok = DeelnemerFactory(
        taal_luisteren="B1",
        taal_lezen="A2",
        taal_spreken="A2",
        taal_schrijven="A2",
        uren_per_week=32,
        opleidingsniveau="mbo2",
    )
    results = {c.naam: c.voldaan for c in instroom_check(ok, traject)}
    assert results == {"Taalniveau": True, "Opleidingsniveau": True, "Beschikbaarheid": True}
    low = DeelnemerFactory(taal_schrijven="A1", uren_per_week=16, opleidingsniveau="hbo")
    results = {c.naam: c.voldaan for c in instroom_check(low, traject)}
    assert results == {"Taalniveau": False, "Opleidingsniveau": False, "Beschikbaarheid": False}
    unknown = DeelnemerFactory(taal_luisteren="", taal_lezen="", taal_spreken="", taal_schrijven="")
    assert instroom_check(unknown, traject)[0].voldaan is None
