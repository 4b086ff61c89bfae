import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from leerwerk.models import Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    ToestemmingFactory,
    TrajectFactory,
    UserFactory,
)
from trajecten.constants import ContactmomentSoort, DeelnameStatus, TrajectStatus
from trajecten.models import Deelname
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
