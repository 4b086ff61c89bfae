"""The lists cost the same number of queries for 1 row as for 50 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
from trajecten.constants import FaseSoort, PartnerRol

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _queries(client, url: str, rows: int) -> int:
    client.get(url)  # warm up: session, content types
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == rows
    return len(ctx.captured_queries)


@pytest.fixture
def setting(db):
    regio = RegioFactory()
    gemeente = GemeenteFactory(arbeidsmarktregio=regio)
    klantmanager = UserFactory(organisatie=gemeente, rollen=[Rol.KLANTMANAGER])
    regisseur = UserFactory(organisatie=regio, rollen=[Rol.REGISSEUR])
    opleider = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    werkgever = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    return regio, gemeente, klantmanager, regisseur, opleider, werkgever


def _traject(setting):
    regio, gemeente, _k, _r, opleider, werkgever = setting
    traject = TrajectFactory(regie_organisatie=regio, arbeidsmarktregio=regio, gemeenten=[gemeente])
    TrajectPartnerFactory(traject=traject, organisatie=opleider, rol=PartnerRol.OPLEIDER)
    TrajectPartnerFactory(traject=traject, organisatie=werkgever, rol=PartnerRol.WERKGEVER)
    TrajectFaseFactory(traject=traject, soort=FaseSoort.OPLEIDING)
    return traject


def _deelname(setting, traject):
    _regio, gemeente, klantmanager, *_ = setting
    deelnemer = DeelnemerFactory(gemeente=gemeente, klantmanager=klantmanager)
    ToestemmingFactory(deelnemer=deelnemer, vastgelegd_door=klantmanager)
    return DeelnameFactory(traject=traject, deelnemer=deelnemer, aangemeld_door=klantmanager)


@pytest.mark.parametrize("rol", [Rol.KLANTMANAGER, Rol.REGISSEUR])
def test_deelnemers_list(setting, api_as, rol):
    user = setting[2] if rol == Rol.KLANTMANAGER else setting[3]
    client = api_as(user)
    traject = _traject(setting)
    _deelname(setting, traject)
    one = _queries(client, "/api/v1/deelnemers/", 1)
    for _ in range(49):
        _deelname(setting, traject)
    assert _queries(client, "/api/v1/deelnemers/", 50) == one


def test_trajecten_list(setting, api_as):
    client = api_as(setting[3])
    _traject(setting)
    one = _queries(client, "/api/v1/trajecten/", 1)
    for _ in range(49):
        _traject(setting)
    assert _queries(client, "/api/v1/trajecten/", 50) == one


@pytest.mark.parametrize("rol", [Rol.KLANTMANAGER, Rol.REGISSEUR])
def test_deelnames_list(setting, api_as, rol):
    user = setting[2] if rol == Rol.KLANTMANAGER else setting[3]
    client = api_as(user)
    traject = _traject(setting)
    _deelname(setting, traject)
    one = _queries(client, "/api/v1/deelnames/", 1)
    for _ in range(49):
        _deelname(setting, _traject(setting))
    assert _queries(client, "/api/v1/deelnames/", 50) == one
