import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from leerwerk.models import Rol
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
from trajecten.constants import ContactmomentSoort, DeelnameStatus, TrajectStatus
from trajecten.models import Deelname, Vervolgactie
from trajecten.services import contactmoment_create, deelname_create, vervolgactie_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def klantmanager():
    return UserFactory(rollen=[Rol.KLANTMANAGER])


def test_aanmelden_creates_the_participation_with_its_first_step(klantmanager):
    traject = TrajectFactory(regie_organisatie=klantmanager.organisatie)
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    deelname = deelname_create(
        acting_user=klantmanager, traject=traject, deelnemer=deelnemer, toelichting="Gemotiveerd"
    )
    assert deelname.status == DeelnameStatus.AANGEMELD
    step = deelname.stappen.get()
    assert (step.van_status, step.naar_status, step.door, step.toelichting) == (
        "",
        DeelnameStatus.AANGEMELD,
        klantmanager,
        "Gemotiveerd",
    )


def test_without_consent_nothing_leaves_the_municipality(klantmanager):
    regie_elders = GemeenteFactory()
    traject = TrajectFactory(regie_organisatie=regie_elders, gemeenten=[regie_elders, klantmanager.organisatie])
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    with pytest.raises(ValidationError) as exc:
        deelname_create(acting_user=klantmanager, traject=traject, deelnemer=deelnemer)
    assert "toestemming" in exc.value.message_dict["traject"][0]
    assert not Deelname.objects.exists()
    ToestemmingFactory(deelnemer=deelnemer)
    assert deelname_create(acting_user=klantmanager, traject=traject, deelnemer=deelnemer).pk


def test_aanmelden_twice_or_to_a_closed_or_foreign_trajectory_is_refused(klantmanager):
    traject = TrajectFactory(regie_organisatie=klantmanager.organisatie)
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    deelname_create(acting_user=klantmanager, traject=traject, deelnemer=deelnemer)
    with pytest.raises(ValidationError) as exc:
        deelname_create(acting_user=klantmanager, traject=traject, deelnemer=deelnemer)
    assert exc.value.message_dict["traject"] == ["Deze kandidaat is al aangemeld voor dit traject."]
    for other in (
        TrajectFactory(regie_organisatie=klantmanager.organisatie, status=TrajectStatus.AFGEROND),
        TrajectFactory(),
    ):
        with pytest.raises(ValidationError):
            deelname_create(acting_user=klantmanager, traject=other, deelnemer=deelnemer)


def test_aanmelden_of_another_gemeentes_candidate_is_refused(klantmanager):
    traject = TrajectFactory(regie_organisatie=klantmanager.organisatie)
    with pytest.raises(PermissionDenied):
        deelname_create(acting_user=klantmanager, traject=traject, deelnemer=DeelnemerFactory())


def test_contactmoment_with_follow_up_actions_and_completion():
    deelname = DeelnameFactory()
    regisseur = UserFactory(organisatie=deelname.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    moment = contactmoment_create(
        acting_user=regisseur,
        deelname=deelname,
        soort=ContactmomentSoort.DRIEGESPREK,
        datum=datetime.date(2026, 3, 2),
        samenvatting="Werkgever, deelnemer en klantmanager spraken over vervoer.",
        aanwezigen=[regisseur],
        overige_aanwezigen="deelnemer",
        acties=[{"omschrijving": "Fiets regelen", "eigenaar": regisseur, "deadline": datetime.date(2026, 3, 9)}],
    )
    actie = moment.acties.get()
    assert list(moment.aanwezigen.all()) == [regisseur]
    vervolgactie_complete(acting_user=regisseur, actie=actie, op=datetime.date(2026, 3, 5))
    actie.refresh_from_db()
    assert actie.afgerond_op == datetime.date(2026, 3, 5)


def test_a_contactmoment_with_a_bad_action_saves_nothing():
    deelname = DeelnameFactory()
    regisseur = UserFactory(organisatie=deelname.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    with pytest.raises(ValidationError):
        contactmoment_create(
            acting_user=regisseur,
            deelname=deelname,
            soort=ContactmomentSoort.VOORTGANG,
            datum=datetime.date(2026, 3, 2),
            acties=[{"omschrijving": "", "eigenaar": regisseur, "deadline": datetime.date(2026, 3, 9)}],
        )
    assert not deelname.contactmomenten.exists()


def test_outsiders_cannot_record_contact_moments():
    deelname = DeelnameFactory()
    werkgever = UserFactory(rollen=[Rol.WERKGEVER], organisatie=deelname.traject.regie_organisatie)
    with pytest.raises(PermissionDenied):
        contactmoment_create(
            acting_user=werkgever,
            deelname=deelname,
            soort=ContactmomentSoort.VOORTGANG,
            datum=datetime.date(2026, 3, 2),
        )


# --- Who records talks and completes actions ------------------------------------------------


def _talk(acting_user, deelname, **kwargs):
    return contactmoment_create(
        acting_user=acting_user,
        deelname=deelname,
        soort=ContactmomentSoort.VOORTGANG,
        datum=datetime.date(2026, 3, 2),
        **kwargs,
    )


def _actie(eigenaar):
    return {"omschrijving": "Taaltoets plannen", "eigenaar": eigenaar, "deadline": datetime.date(2026, 3, 9)}


def test_the_candidates_own_klantmanager_records_a_talk_but_not_one_of_another_gemeente():
    deelname = DeelnameFactory()
    eigen = UserFactory(organisatie=deelname.deelnemer.gemeente, rollen=[Rol.KLANTMANAGER])
    moment = _talk(eigen, deelname, aanwezigen=[eigen], acties=[_actie(eigen)])
    assert moment.vastgelegd_door == eigen and moment.acties.get().eigenaar == eigen
    for outsider in (UserFactory(rollen=[Rol.KLANTMANAGER]), UserFactory(rollen=[Rol.REGISSEUR])):
        with pytest.raises(PermissionDenied):
            _talk(outsider, deelname)
    assert deelname.contactmomenten.count() == 1


def test_a_regisseur_records_no_talk_about_a_candidate_of_another_gemeente_without_consent():
    deelname = DeelnameFactory(deelnemer=DeelnemerFactory())  # lives outside the regie gemeente
    regisseur = UserFactory(organisatie=deelname.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    with pytest.raises(PermissionDenied):
        _talk(regisseur, deelname)
    ToestemmingFactory(deelnemer=deelname.deelnemer)
    assert _talk(regisseur, deelname).pk


def test_attendees_and_action_owners_are_people_involved_in_the_trajectory():
    deelname = DeelnameFactory(deelnemer=DeelnemerFactory())
    ToestemmingFactory(deelnemer=deelname.deelnemer)
    regisseur = UserFactory(organisatie=deelname.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    partner = TrajectPartnerFactory(traject=deelname.traject)
    opleider = UserFactory(organisatie=partner.organisatie, rollen=[Rol.OPLEIDER])
    klantmanager = UserFactory(organisatie=deelname.deelnemer.gemeente, rollen=[Rol.KLANTMANAGER])
    buitenstaander = UserFactory(rollen=[Rol.OPLEIDER], organisatie=OrganisatieFactory())

    with pytest.raises(ValidationError) as exc:
        _talk(regisseur, deelname, aanwezigen=[regisseur, buitenstaander])
    assert list(exc.value.message_dict) == ["aanwezigen"]
    with pytest.raises(ValidationError) as exc:
        _talk(regisseur, deelname, aanwezigen=[regisseur], acties=[_actie(opleider), _actie(buitenstaander)])
    assert list(exc.value.message_dict) == ["acties"]
    assert not deelname.contactmomenten.exists()
    assert not Vervolgactie.objects.exists()

    moment = _talk(regisseur, deelname, aanwezigen=[regisseur, opleider, klantmanager], acties=[_actie(opleider)])
    assert set(moment.aanwezigen.all()) == {regisseur, opleider, klantmanager}


def test_the_owner_or_the_regisseur_completes_an_action_and_nobody_else():
    deelname = DeelnameFactory()
    regisseur = UserFactory(organisatie=deelname.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    klantmanager = UserFactory(organisatie=deelname.deelnemer.gemeente, rollen=[Rol.KLANTMANAGER])
    partner = TrajectPartnerFactory(traject=deelname.traject)
    jobcoach = UserFactory(organisatie=partner.organisatie, rollen=[Rol.JOBCOACH])
    moment = _talk(regisseur, deelname, acties=[_actie(jobcoach), _actie(klantmanager)])
    van_coach, van_km = moment.acties.order_by("id")

    # The candidate's klantmanager reads the participation, but completes only their own action.
    with pytest.raises(PermissionDenied):
        vervolgactie_complete(acting_user=klantmanager, actie=van_coach)
    for outsider in (UserFactory(rollen=[Rol.REGISSEUR]), UserFactory(rollen=[Rol.JOBCOACH])):
        with pytest.raises(PermissionDenied):
            vervolgactie_complete(acting_user=outsider, actie=van_coach)
    van_coach.refresh_from_db()
    assert van_coach.afgerond_op is None

    vervolgactie_complete(acting_user=jobcoach, actie=van_coach, op=datetime.date(2026, 3, 4))
    vervolgactie_complete(acting_user=klantmanager, actie=van_km, op=datetime.date(2026, 3, 5))
    assert list(moment.acties.order_by("id").values_list("afgerond_op", flat=True)) == [
        datetime.date(2026, 3, 4),
        datetime.date(2026, 3, 5),
    ]
    van_km.afgerond_op = None
    van_km.save()
    vervolgactie_complete(acting_user=regisseur, actie=van_km, op=datetime.date(2026, 3, 6))
    van_km.refresh_from_db()
    assert van_km.afgerond_op == datetime.date(2026, 3, 6)


# --- The services package -------------------------------------------------------------------


@pytest.fixture
def restore_placement_guard():
    from trajecten.services import deelnames

    default = deelnames._placement_guard
    yield
    deelnames.set_placement_guard(default)


@pytest.mark.usefixtures("restore_placement_guard")
def test_a_placement_guard_installed_through_the_package_guards_the_transition():
    from trajecten import services

    deelname = DeelnameFactory(status=DeelnameStatus.OPLEIDING)
    regisseur = UserFactory(organisatie=deelname.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    calls = []

    def guard(d, naar, toelichting):
        calls.append((d.pk, naar))
        return "Er is geen plaatsing vastgelegd."

    services.set_placement_guard(guard)
    with pytest.raises(ValidationError) as exc:
        services.deelname_transition(
            acting_user=regisseur,
            deelname=deelname,
            naar=DeelnameStatus.PROEFPLAATSING,
            ingangsdatum=datetime.date(2026, 2, 2),
            toelichting="Proefplaatsing bij Installatiebedrijf Van Dijk",
        )
    assert exc.value.message_dict["toelichting"] == ["Er is geen plaatsing vastgelegd."]
    assert calls == [(deelname.pk, DeelnameStatus.PROEFPLAATSING)]

    services.set_placement_guard(lambda d, naar, toelichting: None)
    moved = services.deelname_transition(
        acting_user=regisseur,
        deelname=deelname,
        naar=DeelnameStatus.PROEFPLAATSING,
        ingangsdatum=datetime.date(2026, 2, 2),
    )
    assert moved.status == DeelnameStatus.PROEFPLAATSING
