"""A regisseur reads what regie needs through the API, as on the participant page: never the
BSN (not even masked), birth date, contact, benefit, health or preconditions."""

import pytest

from leerwerk.models import Rol

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

REGIE_FIELDS = {
    "id",
    "naam",
    "voornaam",
    "achternaam",
    "gemeente",
    "doelgroep",
    "klantmanager",
    "taalniveau",
    "opleidingsniveau",
    "uren_per_week",
    "dagdelen",
    "rijbewijs",
}


def test_regisseur_gets_the_regie_view_in_list_and_detail(world, api_as):
    api = api_as(world.users[Rol.REGISSEUR])
    target = world.met_toestemming
    rows = api.get("/api/v1/deelnemers/").json()["results"]
    assert [r["id"] for r in rows] == [target.pk]
    assert set(rows[0]) == REGIE_FIELDS
    detail = api.get(f"/api/v1/deelnemers/{target.pk}/").json()
    assert set(detail) == REGIE_FIELDS


def test_only_the_klantmanager_reveals_the_bsn(world, api_as):
    target = world.met_toestemming
    assert api_as(world.users[Rol.REGISSEUR]).post(f"/api/v1/deelnemers/{target.pk}/bsn/").status_code == 404
    response = api_as(world.users[Rol.KLANTMANAGER]).post(f"/api/v1/deelnemers/{target.pk}/bsn/")
    assert response.json() == {"bsn": target.bsn}


def test_the_klantmanager_keeps_the_full_file(world, api_as):
    detail = api_as(world.users[Rol.KLANTMANAGER]).get(f"/api/v1/deelnemers/{world.met_toestemming.pk}/").json()
    assert {"bsn_masked", "geboortedatum", "uitkering_type", "randvoorwaarden"} <= set(detail)
