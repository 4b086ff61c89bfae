import pytest
from django.db import connections

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


@pytest.fixture(scope="session", autouse=True)
def _close_connections_before_teardown(django_db_setup, django_db_blocker):
    """The audit connection is a second connection to the test database; close it (and the
    rest) before pytest-django drops that database."""
    yield
    with django_db_blocker.unblock():
        connections.close_all()
