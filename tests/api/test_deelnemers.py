"""/api/v1/deelnemers/: masked BSN, the logged reveal, search, and writes through the services."""

import pytest

from deelnemers.models import Deelnemer
from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnemerFactory, ToestemmingFactory, bsn_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

GOED = {
    "voornaam": "Dawit",
    "achternaam": "Bekele",
    "geboortedatum": "1994-03-02",
    "bsn": "111222333",  # passes the elfproef
    "doelgroep": "statushouder",
    "uren_per_week": 32,
    "dagdelen": ["ma_ochtend", "di_ochtend"],
    "taalniveau": {"luisteren": "A2", "lezen": "A2", "spreken": "B1", "schrijven": "A1"},
}


@pytest.fixture
def klantmanager_api(world, api_as):
    return api_as(world.users[Rol.KLANTMANAGER])


def test_bsn_is_masked_in_list_and_detail(world, klantmanager_api):
    bsn = world.met_toestemming.bsn
    listing = klantmanager_api.get("/api/v1/deelnemers/")
    detail = klantmanager_api.get(f"/api/v1/deelnemers/{world.met_toestemming.pk}/")
    for response in (listing, detail):
        assert bsn not in response.content.decode()
    assert detail.json()["bsn_masked"] == "******" + bsn[-3:]
    assert "bsn" not in detail.json()


def test_detail_has_nested_consent_preconditions_experience_and_language(world, klantmanager_api):
    data = klantmanager_api.get(f"/api/v1/deelnemers/{world.met_toestemming.pk}/").json()
    assert [t["soort"] for t in data["toestemmingen"]] == ["partners"]
    assert data["toestemmingen"][0]["actief"] is True
    assert data["randvoorwaarden"] == [] and data["werkervaringen"] == []
    assert data["taalniveau"] == {
        "luisteren": "A2",
        "lezen": "A2",
        "spreken": "A2",
        "schrijven": "A1",
        "gemeten_op": None,
        "laagste": "A1",
    }
    assert data["gemeente"] == {"id": world.gemeente.pk, "naam": "Tiel"}


def test_reveal_returns_the_full_bsn_and_logs_it(world, klantmanager_api):
    pk = world.met_toestemming.pk
    response = klantmanager_api.post(f"/api/v1/deelnemers/{pk}/bsn/")
    assert response.status_code == 200
    assert response.json() == {"bsn": world.met_toestemming.bsn}
    row = AccessLog.objects.get(action="reveal")
    assert (row.user_id, row.object_type, row.object_id) == (
        world.users[Rol.KLANTMANAGER].pk,
        "deelnemers.Deelnemer",
        str(pk),
    )


def test_reveal_out_of_scope_is_404_and_logs_nothing(world, api_as):
    response = api_as(world.users[Rol.REGISSEUR]).post(f"/api/v1/deelnemers/{world.zonder_toestemming.pk}/bsn/")
    assert response.status_code == 404
    assert world.zonder_toestemming.bsn not in response.content.decode()
    assert not AccessLog.objects.filter(action="reveal").exists()


def test_list_logs_one_api_row_per_candidate_shown(world, klantmanager_api):
    klantmanager_api.get("/api/v1/deelnemers/")
    rows = AccessLog.objects.filter(action="api", object_type="deelnemers.Deelnemer")
    assert sorted(rows.values_list("object_id", flat=True)) == sorted(
        [str(world.met_toestemming.pk), str(world.zonder_toestemming.pk)]
    )
    assert {r.user_id for r in rows} == {world.users[Rol.KLANTMANAGER].pk}
    assert {r.path for r in rows} == {"/api/v1/deelnemers/"}


def test_retrieve_logs_one_api_row(world, klantmanager_api):
    pk = world.zonder_toestemming.pk
    klantmanager_api.get(f"/api/v1/deelnemers/{pk}/")
    assert list(AccessLog.objects.values_list("action", "object_type", "object_id")) == [
        ("api", "deelnemers.Deelnemer", str(pk))
    ]


def test_an_empty_list_logs_nothing(world, api_as):
    api_as(world.users[Rol.WERKGEVER]).get("/api/v1/deelnemers/")
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zoek=haddad", {"met_toestemming"}),
        ("zoek=Bil", {"zonder_toestemming"}),
        ("zoek=amal haddad", {"met_toestemming"}),
        ("doelgroep=statushouder", {"met_toestemming", "zonder_toestemming"}),
        ("doelgroep=overig", set()),
    ],
)
def test_search_and_filter_stay_in_scope(world, klantmanager_api, query, expected):
    ids = {r["id"] for r in klantmanager_api.get(f"/api/v1/deelnemers/?{query}").json()["results"]}
    assert ids == {getattr(world, name).pk for name in expected}


def test_search_on_the_whole_bsn_finds_only_own_candidates(world, klantmanager_api):
    found = klantmanager_api.get(f"/api/v1/deelnemers/?zoek={world.met_toestemming.bsn}").json()["results"]
    assert [r["id"] for r in found] == [world.met_toestemming.pk]
    start = klantmanager_api.get(f"/api/v1/deelnemers/?zoek={world.met_toestemming.bsn[:6]}").json()["results"]
    assert start == []  # no reading a BSN digit by digit
    other = klantmanager_api.get(f"/api/v1/deelnemers/?zoek={world.elders.bsn}").json()["results"]
    assert other == []


def test_unknown_doelgroep_filter_is_a_dutch_400(klantmanager_api):
    response = klantmanager_api.get("/api/v1/deelnemers/?doelgroep=onzin")
    assert response.status_code == 400
    assert "doelgroep" in response.json()
    assert "keuze" in response.json()["doelgroep"][0]


# --- Create and update --------------------------------------------------------------------


def test_klantmanager_creates_a_candidate_in_their_gemeente(world, klantmanager_api):
    response = klantmanager_api.post("/api/v1/deelnemers/", {**GOED, "bsn": "111 222 333"})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["bsn_masked"] == "******333" and "bsn" not in data
    assert data["taalniveau"]["laagste"] == "A1"
    created = Deelnemer.objects.get(pk=data["id"])
    assert (created.bsn, created.gemeente, created.klantmanager) == (
        "111222333",
        world.gemeente,
        world.users[Rol.KLANTMANAGER],
    )
    assert (created.taal_spreken, created.dagdelen) == ("B1", ["ma_ochtend", "di_ochtend"])
    # The service gives every new candidate the preconditions checklist.
    assert len(data["randvoorwaarden"]) == created.randvoorwaarden.count() > 0


def test_bsn_failing_the_elfproef_is_a_field_error_and_nothing_is_saved(klantmanager_api):
    before = Deelnemer.objects.count()
    response = klantmanager_api.post("/api/v1/deelnemers/", {**GOED, "bsn": "123456789"})
    assert response.status_code == 400
    assert response.json() == {"bsn": ["Dit BSN klopt niet (het voldoet niet aan de elfproef). Controleer het nummer."]}
    assert Deelnemer.objects.count() == before


def test_bsn_of_wrong_length_is_a_field_error(klantmanager_api):
    response = klantmanager_api.post("/api/v1/deelnemers/", {**GOED, "bsn": "12345"})
    assert response.json() == {"bsn": ["Een BSN bestaat uit 9 cijfers."]}


def test_duplicate_bsn_is_refused_per_field(world, klantmanager_api):
    before = Deelnemer.objects.count()
    response = klantmanager_api.post("/api/v1/deelnemers/", {**GOED, "bsn": world.elders.bsn})
    assert response.status_code == 400
    assert list(response.json()) == ["bsn"]
    assert Deelnemer.objects.count() == before


def test_service_validation_errors_become_field_errors(klantmanager_api):
    response = klantmanager_api.post(
        "/api/v1/deelnemers/",
        {**GOED, "geboortedatum": "2999-01-01", "uitkering_type": "geen", "uitkering_maandbedrag": "500.00"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "geboortedatum": ["De geboortedatum ligt in de toekomst."],
        "uitkering_type": ["Kies de soort uitkering, of laat startdatum en bedrag leeg."],
    }
    assert not Deelnemer.objects.filter(bsn="111222333").exists()


def test_missing_and_wrong_fields_are_reported_in_dutch(klantmanager_api):
    response = klantmanager_api.post(
        "/api/v1/deelnemers/",
        {"doelgroep": "onbekend", "geboortedatum": "2-3-1994", "uren_per_week": "veel", "dagdelen": "ma"},
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["voornaam"] == ["Dit veld is verplicht."]
    assert errors["bsn"] == ["Dit veld is verplicht."]
    assert errors["doelgroep"] == ['"onbekend" is geen geldige keuze.']
    assert errors["geboortedatum"] == ["Vul een datum in als JJJJ-MM-DD."]
    assert errors["uren_per_week"] == ["Vul een heel getal in."]
    assert errors["dagdelen"] == ['Verwacht een lijst, geen "str".']


def test_too_many_hours_is_refused_in_dutch(klantmanager_api):
    response = klantmanager_api.post("/api/v1/deelnemers/", {**GOED, "uren_per_week": 61})
    assert response.status_code == 400
    assert "60" in response.json()["uren_per_week"][0]


def test_klantmanager_updates_part_of_a_candidate(world, klantmanager_api):
    pk = world.zonder_toestemming.pk
    response = klantmanager_api.patch(
        f"/api/v1/deelnemers/{pk}/", {"telefoon": "0612345678", "taalniveau": {"schrijven": "A2"}}
    )
    assert response.status_code == 200, response.content
    world.zonder_toestemming.refresh_from_db()
    assert (world.zonder_toestemming.telefoon, world.zonder_toestemming.taal_schrijven) == ("0612345678", "A2")
    assert world.zonder_toestemming.taal_lezen == "A2"  # untouched
    assert response.json()["taalniveau"]["laagste"] == "A2"


def test_update_with_invalid_bsn_changes_nothing(world, klantmanager_api):
    pk = world.zonder_toestemming.pk
    old = world.zonder_toestemming.bsn
    response = klantmanager_api.patch(f"/api/v1/deelnemers/{pk}/", {"bsn": "123456789", "voornaam": "Nieuw"})
    assert response.status_code == 400 and list(response.json()) == ["bsn"]
    world.zonder_toestemming.refresh_from_db()
    assert (world.zonder_toestemming.bsn, world.zonder_toestemming.voornaam) == (old, "Bilal")


def test_gemeente_and_klantmanager_cannot_be_set_through_the_api(world, klantmanager_api):
    pk = world.zonder_toestemming.pk
    response = klantmanager_api.patch(
        f"/api/v1/deelnemers/{pk}/", {"gemeente": world.andere_gemeente.pk, "klantmanager": None}
    )
    assert response.status_code == 200
    world.zonder_toestemming.refresh_from_db()
    assert world.zonder_toestemming.gemeente == world.gemeente
    assert world.zonder_toestemming.klantmanager == world.users[Rol.KLANTMANAGER]


def test_put_is_not_offered(world, klantmanager_api):
    response = klantmanager_api.put(f"/api/v1/deelnemers/{world.zonder_toestemming.pk}/", GOED)
    assert response.status_code == 405
    assert response.json() == {"detail": 'Methode "PUT" niet toegestaan.'}


def test_consent_alone_does_not_open_a_candidate_to_the_regisseur(world, api_as):
    other = DeelnemerFactory(gemeente=world.andere_gemeente, bsn=bsn_for(9000))
    ToestemmingFactory(deelnemer=other, vastgelegd_door=world.users[Rol.KLANTMANAGER])
    response = api_as(world.users[Rol.REGISSEUR]).get(f"/api/v1/deelnemers/{other.pk}/")
    assert response.status_code == 404  # no deelname in a trajectory the regisseur directs
