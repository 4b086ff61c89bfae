"""/api/v1/werkgevers/, leerwerkplekken/, profielen/, matches/, plaatsingen/: who sees what,
what an employer sees of a participant before and after accepting a match, the access log,
and lists whose query count does not grow with the rows."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leerwerk.models import AccessLog, Rol
from tests.api.conftest import NOT_FOUND
from tests.api.conftest_werkgevers import wg  # noqa: F401 (fixture)
from tests.factories import LeerwerkplekFactory
from werkgevers import services

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

ENDPOINTS = ["werkgevers", "leerwerkplekken", "profielen", "matches", "plaatsingen"]
# What the anonymised profile holds: nothing else may appear.
PROFIEL_KEYS = {
    "id", "pseudoniem", "traject_id", "traject", "beroep", "fase", "regio", "taal", "taalniveau",
    "opleidingsniveau", "uren_per_week", "rijbewijs", "certificaten", "werkervaring", "motivatie",
}  # fmt: skip


@pytest.fixture
def scene(wg):  # noqa: F811
    """d1 approved and consenting: accepted at the first employer, proposed at the other, a
    placement proposed; d2 without employer consent; d3 without an approved text."""
    d1 = wg.deelname(voornaam="Amal", achternaam="Haddad", email="amal@example.org", telefoon="0611122233")
    d2 = wg.deelname(consent=False)
    d3 = wg.deelname(approved=False)
    m1 = wg.accepted(d1)
    m2 = services.match_propose(acting_user=wg.regisseur, deelname=d1, leerwerkplek=wg.ander_plek)
    p1 = wg.proposed_placement(d1)
    return SimpleNamespace(d1=d1, d2=d2, d3=d3, m1=m1, m2=m2, p1=p1)


def _all(wg, scene):  # noqa: F811
    return {
        "werkgevers": {wg.werkgever.pk, wg.ander.pk},
        "leerwerkplekken": {wg.plek.pk, wg.ander_plek.pk},
        "profielen": {d.profiel.pk for d in (scene.d1, scene.d2, scene.d3)},
        "matches": {scene.m1.pk, scene.m2.pk},
        "plaatsingen": {scene.p1.pk},
    }


def _scope(wg, scene, who: str):  # noqa: F811
    if who == "werkgever":
        return {
            "werkgevers": {wg.werkgever.pk},
            "leerwerkplekken": {wg.plek.pk},
            "profielen": {scene.d1.profiel.pk},
            "matches": {scene.m1.pk},
            "plaatsingen": {scene.p1.pk},
        }
    if who == "ander":
        return {
            "werkgevers": {wg.ander.pk},
            "leerwerkplekken": {wg.ander_plek.pk},
            "profielen": {scene.d1.profiel.pk},
            "matches": {scene.m2.pk},
            "plaatsingen": set(),
        }
    if who == "regisseur":
        return _all(wg, scene)
    return dict.fromkeys(ENDPOINTS, set())


USERS = {
    "werkgever": "werkgever_user",
    "ander": "ander_user",
    "regisseur": "regisseur",
    "regio_regisseur": "regio_regisseur",
    "klantmanager": "klantmanager",
    "opleider": "opleider",
    "wethouder": "wethouder",
    "jobcoach": "jobcoach",
}


@pytest.mark.parametrize("who", list(USERS))
def test_each_role_lists_and_reads_exactly_its_scope(wg, scene, api_as, who):  # noqa: F811
    api = api_as(getattr(wg, USERS[who]))
    scope, everything = _scope(wg, scene, who), _all(wg, scene)
    for endpoint in ENDPOINTS:
        response = api.get(f"/api/v1/{endpoint}/")
        assert response.status_code == 200, endpoint
        assert {r["id"] for r in response.json()["results"]} == scope[endpoint], endpoint
        for pk in everything[endpoint]:
            detail = api.get(f"/api/v1/{endpoint}/{pk}/")
            if pk in scope[endpoint]:
                assert detail.status_code == 200, (endpoint, pk)
                assert detail.json()["id"] == pk
            else:
                assert (detail.status_code, detail.json()) == (404, NOT_FOUND), (endpoint, pk)
        assert api.get(f"/api/v1/{endpoint}/987654/").status_code == 404


def test_anonymous_gets_401(api_as):
    for endpoint in ENDPOINTS:
        response = api_as(None).get(f"/api/v1/{endpoint}/")
        assert response.status_code in (401, 403)
        assert "niet ingelogd" in response.json()["detail"]


def test_profile_is_anonymised_for_employer_and_regisseur(wg, scene, api_as):  # noqa: F811
    for user in (wg.werkgever_user, wg.regisseur):
        data = api_as(user).get(f"/api/v1/profielen/{scene.d1.profiel.pk}/").json()
        assert set(data) == PROFIEL_KEYS
        assert data["pseudoniem"] == scene.d1.profiel.pseudoniem
        assert data["motivatie"] == "Gemotiveerd, handig met gereedschap."
        text = json.dumps(data)
        assert "Haddad" not in text and "amal@example.org" not in text and "0611122233" not in text


def test_employer_sees_pseudonym_until_it_accepts_and_then_name_and_contact_only_itself(wg, api_as):  # noqa: F811
    deelname = wg.deelname(voornaam="Bashir", achternaam="Noori", email="bashir@example.org", telefoon="0644455566")
    eigen = services.match_propose(acting_user=wg.regisseur, deelname=deelname, leerwerkplek=wg.plek)
    ander = services.match_propose(acting_user=wg.regisseur, deelname=deelname, leerwerkplek=wg.ander_plek)
    werkgever, ander_werkgever = api_as(wg.werkgever_user), api_as(wg.ander_user)

    before = werkgever.get(f"/api/v1/matches/{eigen.pk}/")
    assert before.json()["deelnemer"] is None
    assert before.json()["pseudoniem"] == deelname.profiel.pseudoniem
    assert before.json()["wacht_op_uw_antwoord"] is True
    assert "Noori" not in before.content.decode()

    response = werkgever.post(f"/api/v1/matches/{eigen.pk}/accepteren/", {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "geaccepteerd"
    assert response.json()["deelnemer"] == {
        "naam": "Bashir Noori",
        "email": "bashir@example.org",
        "telefoon": "0644455566",
    }
    assert werkgever.get(f"/api/v1/matches/{eigen.pk}/").json()["deelnemer"]["naam"] == "Bashir Noori"
    for url in ("/api/v1/plaatsingen/", "/api/v1/profielen/"):
        assert "Noori" not in werkgever.get(url).content.decode()  # no placement yet; a profile stays anonymous

    # The other employer, with its own (open) match of the same participant, sees no name anywhere.
    assert ander_werkgever.get(f"/api/v1/matches/{eigen.pk}/").status_code == 404
    for url in ("/api/v1/matches/", f"/api/v1/matches/{ander.pk}/", "/api/v1/profielen/"):
        text = ander_werkgever.get(url).content.decode()
        assert "Noori" not in text and "bashir@example.org" not in text
    assert ander_werkgever.get(f"/api/v1/matches/{ander.pk}/").json()["deelnemer"] is None

    reveals = AccessLog.objects.filter(action="reveal", object_type="deelnemers.Deelnemer")
    assert set(reveals.values_list("user_id", flat=True)) == {wg.werkgever_user.pk}
    assert set(reveals.values_list("object_id", "rol")) == {(str(deelname.deelnemer_id), Rol.WERKGEVER)}


def test_only_the_accepted_match_carries_the_name(wg, scene, api_as):  # noqa: F811
    """The same participant proposed for a second place of the employer: that match shows the
    pseudonym only, although the employer knows the name from the accepted one."""
    tweede = LeerwerkplekFactory(werkgever=wg.werkgever, traject=wg.traject, locatie=wg.plek.locatie)
    open_match = services.match_propose(acting_user=wg.regisseur, deelname=scene.d1, leerwerkplek=tweede)
    api = api_as(wg.werkgever_user)
    rows = {r["id"]: r for r in api.get("/api/v1/matches/").json()["results"]}
    assert rows[scene.m1.pk]["deelnemer"]["naam"] == "Amal Haddad"
    assert rows[open_match.pk]["deelnemer"] is None
    assert api.get(f"/api/v1/matches/{open_match.pk}/").json()["deelnemer"] is None


def test_the_employers_placement_shows_the_name_after_the_accepted_match(wg, scene, api_as):  # noqa: F811
    data = api_as(wg.werkgever_user).get(f"/api/v1/plaatsingen/{scene.p1.pk}/").json()
    assert data["pseudoniem"] == scene.d1.profiel.pseudoniem
    assert data["deelnemer"] == {"naam": "Amal Haddad", "email": "amal@example.org", "telefoon": "0611122233"}
    assert data["wacht_op_bevestiging"] is True and data["versie"] == 1
    assert "deelname" not in data


def test_regisseur_sees_names_in_matches_and_placements(wg, scene, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    match = api.get(f"/api/v1/matches/{scene.m1.pk}/").json()
    assert match["deelnemer"] == {"id": scene.d1.deelnemer_id, "voornaam": "Amal", "achternaam": "Haddad"}
    assert match["leerwerkplek"]["werkgever"]["id"] == wg.werkgever.organisatie_id
    plaatsing = api.get(f"/api/v1/plaatsingen/{scene.p1.pk}/").json()
    assert plaatsing["deelname"] == scene.d1.pk and plaatsing["deelnemer"]["achternaam"] == "Haddad"


# --- Access log -------------------------------------------------------------------------------


def _rows(user, **filters):
    return AccessLog.objects.filter(user_id=user.pk, **filters)


def test_profile_reads_log_the_profiles_shown(wg, scene, api_as):  # noqa: F811
    api = api_as(wg.werkgever_user)
    api.get("/api/v1/profielen/")
    rows = _rows(wg.werkgever_user, action="api", object_type="werkgevers.Profiel")
    assert set(rows.values_list("object_id", "rol", "detail")) == {(str(scene.d1.profiel.pk), Rol.WERKGEVER, "profiel")}
    api.get(f"/api/v1/profielen/{scene.d1.profiel.pk}/")
    assert rows.count() == 2
    assert not _rows(wg.werkgever_user, object_type="deelnemers.Deelnemer").exists()


def test_employer_match_and_placement_lists_log_profiles_and_reveals(wg, scene, api_as):  # noqa: F811
    api = api_as(wg.werkgever_user)
    api.get("/api/v1/matches/")
    api.get("/api/v1/plaatsingen/")
    assert set(_rows(wg.werkgever_user, action="api").values_list("object_type", "object_id", "detail")) == {
        ("werkgevers.Profiel", str(scene.d1.profiel.pk), "match"),
        ("werkgevers.Profiel", str(scene.d1.profiel.pk), "plaatsing"),
    }
    reveal = _rows(wg.werkgever_user, action="reveal")
    assert set(reveal.values_list("object_type", "object_id", "rol", "detail")) == {
        ("deelnemers.Deelnemer", str(scene.d1.deelnemer_id), Rol.WERKGEVER, "match"),
        ("deelnemers.Deelnemer", str(scene.d1.deelnemer_id), Rol.WERKGEVER, "plaatsing"),
    }


def test_an_open_match_reveals_nothing_and_logs_no_reveal(wg, scene, api_as):  # noqa: F811
    api_as(wg.ander_user).get("/api/v1/matches/")
    assert _rows(wg.ander_user, action="api", object_type="werkgevers.Profiel").count() == 1
    assert not _rows(wg.ander_user, action="reveal").exists()


def test_regisseur_lists_log_the_persons(wg, scene, api_as):  # noqa: F811
    api_as(wg.regisseur).get("/api/v1/matches/")
    rows = _rows(wg.regisseur, action="api", object_type="deelnemers.Deelnemer")
    assert set(rows.values_list("object_id", "rol", "detail")) == {(str(scene.d1.deelnemer_id), Rol.REGISSEUR, "match")}


def test_lists_without_persons_write_no_rows(wg, scene, api_as):  # noqa: F811
    api_as(wg.klantmanager).get("/api/v1/matches/")
    api_as(wg.werkgever_user).get("/api/v1/leerwerkplekken/")
    api_as(wg.werkgever_user).get("/api/v1/werkgevers/")
    assert not AccessLog.objects.filter(user_id__in=[wg.klantmanager.pk]).exists()
    assert not _rows(wg.werkgever_user).exists()


# --- Query counts -----------------------------------------------------------------------------


def _queries(api, url: str, rows: int) -> int:
    api.get(url)  # warm up: session, content types
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == rows
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["werkgever_user", "regisseur"])
def test_profile_list_costs_the_same_for_1_and_10_profiles(wg, api_as, who):  # noqa: F811
    api = api_as(getattr(wg, who))
    wg.deelname()
    one = _queries(api, "/api/v1/profielen/", 1)
    for _ in range(9):
        wg.deelname()
    assert _queries(api, "/api/v1/profielen/", 10) == one


@pytest.mark.parametrize("who", ["werkgever_user", "regisseur"])
def test_match_and_placement_lists_cost_the_same_for_1_and_10(wg, api_as, who):  # noqa: F811
    api = api_as(getattr(wg, who))
    for _ in range(1):
        deelname = wg.deelname()
        wg.accepted(deelname)
        wg.proposed_placement(deelname)
    one = {e: _queries(api, f"/api/v1/{e}/", 1) for e in ("matches", "plaatsingen")}
    for _ in range(9):
        deelname = wg.deelname()
        wg.accepted(deelname)
        wg.proposed_placement(deelname)
    assert {e: _queries(api, f"/api/v1/{e}/", 10) for e in ("matches", "plaatsingen")} == one


def test_schema_describes_the_werkgevers_endpoints(wg, api_as):  # noqa: F811
    schema = yaml.safe_load(api_as(wg.regisseur).get("/api/v1/schema/").content)
    assert {
        "/api/v1/werkgevers/",
        "/api/v1/leerwerkplekken/{id}/",
        "/api/v1/profielen/{id}/interesse/",
        "/api/v1/matches/{id}/accepteren/",
        "/api/v1/matches/{id}/afwijzen/",
        "/api/v1/plaatsingen/{id}/bevestigen/",
        "/api/v1/plaatsingen/{id}/afwijzen/",
    } <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/v1/matches/"] and "post" in schema["paths"]["/api/v1/plaatsingen/"]
    profiel = schema["components"]["schemas"]["Profiel"]["properties"]
    assert set(profiel) == PROFIEL_KEYS
    assert schema["components"]["schemas"]["BevestigenRequest"]["required"] == ["versie"]
