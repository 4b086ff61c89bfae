"""The permission matrix: every role x every endpoint x in scope / out of scope / missing.

Out of scope must look exactly like missing: the same 404 and the same body."""

import pytest

from leerwerk.models import Rol
from tests.api.conftest import NOT_FOUND, ROLES

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

ENDPOINTS = ["deelnemers", "trajecten", "deelnames"]
MISSING = 987_654_321


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("rol", ROLES)
def test_list_shows_exactly_what_the_role_may_read(world, api_as, rol, endpoint):
    client = api_as(world.users[rol])
    assert _ids(client.get(f"/api/v1/{endpoint}/")) == world.scope(rol)[endpoint]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("rol", ROLES)
def test_detail_in_scope_200_out_of_scope_identical_to_missing(world, api_as, rol, endpoint):
    client = api_as(world.users[rol])
    in_scope = world.scope(rol)[endpoint]
    missing = client.get(f"/api/v1/{endpoint}/{MISSING}/")
    assert (missing.status_code, missing.json()) == (404, NOT_FOUND)
    for pk in world.all_ids()[endpoint]:
        response = client.get(f"/api/v1/{endpoint}/{pk}/")
        if pk in in_scope:
            assert response.status_code == 200, (pk, response.content)
            assert response.json()["id"] == pk
        else:
            assert response.status_code == 404, (pk, response.content)
            assert response.content == missing.content
            assert response.headers["Content-Type"] == missing.headers["Content-Type"]


@pytest.mark.parametrize("path", ["deelnemers/", "trajecten/", "deelnames/", "deelnemers/1/", "deelnames/1/"])
def test_anonymous_is_refused_in_dutch(world, api_as, path):
    response = api_as(None).get(f"/api/v1/{path}")
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "U bent niet ingelogd. Log eerst in."}


@pytest.mark.parametrize(
    "path", [lambda w: f"deelnemers/{w.met_toestemming.pk}/bsn/", lambda w: f"deelnames/{w.deelname_met.pk}/transitie/"]
)
def test_anonymous_posts_are_refused(world, api_as, path):
    response = api_as(None).post(f"/api/v1/{path(world)}", {"naar": "intake"})
    assert response.status_code in (401, 403)
    world.deelname_met.refresh_from_db()
    assert world.deelname_met.status == "aangemeld"


def test_non_numeric_id_is_the_same_404(world, api_as):
    client = api_as(world.users[Rol.KLANTMANAGER])
    response = client.get("/api/v1/deelnemers/abc/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize("rol", [r for r in ROLES if r != Rol.KLANTMANAGER])
def test_only_the_klantmanager_writes_candidates(world, api_as, rol):
    client = api_as(world.users[rol])
    pk = world.met_toestemming.pk
    patch = client.patch(f"/api/v1/deelnemers/{pk}/", {"voornaam": "Anders"})
    assert (patch.status_code, patch.json()) == (404, NOT_FOUND)
    world.met_toestemming.refresh_from_db()
    assert world.met_toestemming.voornaam == "Amal"
    create = client.post("/api/v1/deelnemers/", {"voornaam": "X"})
    assert (create.status_code, create.json()) == (404, NOT_FOUND)


def test_klantmanager_cannot_write_a_candidate_of_another_gemeente(world, api_as):
    client = api_as(world.users[Rol.KLANTMANAGER])
    response = client.patch(f"/api/v1/deelnemers/{world.elders.pk}/", {"voornaam": "Anders"})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    world.elders.refresh_from_db()
    assert world.elders.voornaam == "Chaya"


def test_personal_data_responses_are_not_cached(world, api_as):
    client = api_as(world.users[Rol.KLANTMANAGER])
    response = client.get(f"/api/v1/deelnemers/{world.met_toestemming.pk}/")
    assert "no-store" in response.headers["Cache-Control"]


def test_a_page_past_the_end_says_so_in_dutch(world, api_as):
    response = api_as(world.users[Rol.KLANTMANAGER]).get("/api/v1/deelnemers/?page=9")
    assert (response.status_code, response.json()) == (404, {"detail": "Ongeldige pagina."})
