import pytest

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Organisatie, OrganisatieType, Rol, User


@pytest.fixture
def regio(db):
    return Organisatie.objects.create(naam="Testregio", type=OrganisatieType.ARBEIDSMARKTREGIO)


@pytest.fixture
def gemeente(regio):
    return Organisatie.objects.create(naam="Testgemeente", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regio)


@pytest.fixture
def make_user(gemeente):
    def make(rol=Rol.REGISSEUR, email=None, organisatie=None, password=DEMO_PASSWORD, **fields):
        return User.objects.create_user(
            email or f"{rol}-{User.objects.count()}@test.example",
            password,
            organisatie=organisatie or gemeente,
            rollen=[rol] if isinstance(rol, str) else list(rol),
            **fields,
        )

    return make
