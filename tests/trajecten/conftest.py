"""Fixtures of the regisseur's screen tests: a regisseur of the test gemeente, a trajectory
it directs and a logged-in client."""

import pytest

from leerwerk.models import Rol
from tests.factories import TrajectFactory


@pytest.fixture
def regisseur(make_user):
    return make_user(Rol.REGISSEUR, naam="Sanne Regisseur")


@pytest.fixture
def traject(gemeente, regio):
    return TrajectFactory(
        naam="Installatietechniek Oss",
        regie_organisatie=gemeente,
        arbeidsmarktregio=regio,
        doel_aantal_deelnemers=10,
        doel_aandeel_werk=70,
    )


@pytest.fixture
def rclient(client, regisseur):
    client.force_login(regisseur)
    return client
