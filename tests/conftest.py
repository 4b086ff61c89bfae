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
    """Before pytest-django drops the test database, close our connections (the audit
    connection is a second one) and end sessions that threads left open (the live server's),
    which would otherwise keep the database from being dropped."""
    yield
    with django_db_blocker.unblock():
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connections.close_all()


@pytest.fixture(autouse=True)
def _media_root_per_test(settings, tmp_path_factory):
    """Uploaded files of a test go to a throw-away folder, never to the developer's .local/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 is slow on purpose; tests make many users. A test marked `real_hashing` keeps it."""
    if request.node.get_closest_marker("real_hashing") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
