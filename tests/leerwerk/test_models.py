import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from leerwerk.models import Organisatie, OrganisatieType, Rol, User

pytestmark = pytest.mark.django_db


def test_gemeente_must_belong_to_an_arbeidsmarktregio(regio):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(naam="Zonder regio", type=OrganisatieType.GEMEENTE)
    gemeente = Organisatie.objects.create(naam="Met regio", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regio)
    assert gemeente in regio.gemeenten.all()


def test_only_a_gemeente_belongs_to_an_arbeidsmarktregio(regio):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(naam="Werkgever", type=OrganisatieType.WERKGEVER, arbeidsmarktregio=regio)


def test_clean_refuses_a_parent_that_is_not_an_arbeidsmarktregio(gemeente):
    other = Organisatie(naam="Andere", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=gemeente)
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "arbeidsmarktregio" in error.value.message_dict


def test_email_is_unique_regardless_of_case(make_user):
    make_user(email="dubbel@test.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="DUBBEL@test.example")


def test_hoofdrol_follows_the_fixed_role_order(make_user):
    user = make_user([Rol.BEHEERDER, Rol.KLANTMANAGER])
    assert user.hoofdrol == Rol.KLANTMANAGER
    assert user.is_staff
    assert not make_user(Rol.WETHOUDER).is_staff
