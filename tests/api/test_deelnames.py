"""/api/v1/deelnames/: aanmelden (klantmanager), the timeline, and status steps (regisseur)."""

import pytest
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from tests.api.conftest import NOT_FOUND
from tests.factories import DeelnemerFactory, ToestemmingFactory, bsn_for
from trajecten.models import Deelname, DeelnameStap

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def regisseur_api(world, api_as):
    return api_as(world.users[Rol.REGISSEUR])


@pytest.fixture
def klantmanager_api(world, api_as):
    return api_as(world.users[Rol.KLANTMANAGER])


def _transitie(client, deelname, **data):
    return client.post(f"/api/v1/deelnames/{deelname.pk}/transitie/", data)


# --- Reading ------------------------------------------------------------------------------


def test_detail_has_the_timeline_and_no_bsn(world, klantmanager_api):
    data = klantmanager_api.get(f"/api/v1/deelnames/{world.deelname_met.pk}/").json()
    assert data["traject"] == {"id": world.traject.pk, "naam": "Monteurs Tiel"}
    assert data["deelnemer"] == {"id": world.met_toestemming.pk, "voornaam": "Amal", "achternaam": "Haddad"}
    assert data["stappen"] == [
        {
            "van": "",
            "naar": "aangemeld",
            "door": "Karin Klant",
            "op": data["stappen"][0]["op"],
            "ingangsdatum": "2026-01-05",
            "toelichting": "",
            "uitval_reden": "",
        }
    ]
    assert data["mogelijke_stappen"] == ["intake", "geparkeerd", "uitgevallen", "vervolgopleiding"]
    assert world.met_toestemming.bsn not in str(data)


def test_filter_on_traject_and_status(world, klantmanager_api):
    def ids(query):
        return {r["id"] for r in klantmanager_api.get(f"/api/v1/deelnames/?{query}").json()["results"]}

    assert ids(f"traject={world.traject.pk}") == {world.deelname_met.pk, world.deelname_zonder.pk}
    assert ids(f"traject={world.ander_traject.pk}") == set()
    assert ids("status=aangemeld") == {world.deelname_met.pk, world.deelname_zonder.pk}
    assert ids("status=intake") == set()
    assert klantmanager_api.get("/api/v1/deelnames/?status=onzin").status_code == 400


def test_list_and_retrieve_log_the_persons_read(world, regisseur_api):
    regisseur_api.get("/api/v1/deelnames/")
    regisseur_api.get(f"/api/v1/deelnames/{world.deelname_met.pk}/")
    rows = list(AccessLog.objects.order_by("id").values_list("action", "object_type", "object_id", "detail"))
    person = str(world.met_toestemming.pk)
    assert rows == [
        ("api", "deelnemers.Deelnemer", person, "deelname"),
        ("api", "deelnemers.Deelnemer", person, "deelname"),
    ]


# --- Aanmelden ----------------------------------------------------------------------------


def test_klantmanager_aanmelden(world, klantmanager_api):
    nieuw = DeelnemerFactory(gemeente=world.gemeente, bsn=bsn_for(7001))
    ToestemmingFactory(deelnemer=nieuw, vastgelegd_door=world.users[Rol.KLANTMANAGER])
    response = klantmanager_api.post(
        "/api/v1/deelnames/", {"traject": world.traject.pk, "deelnemer": nieuw.pk, "toelichting": "Gemotiveerd"}
    )
    assert response.status_code == 201, response.content
    deelname = Deelname.objects.get(traject=world.traject, deelnemer=nieuw)
    assert response.json()["id"] == deelname.pk
    assert response.json()["status"] == "aangemeld"
    assert response.json()["stappen"][0]["toelichting"] == "Gemotiveerd"


def test_aanmelden_without_consent_outside_the_gemeente_is_refused(world, klantmanager_api):
    nieuw = DeelnemerFactory(gemeente=world.gemeente, bsn=bsn_for(7002))
    response = klantmanager_api.post("/api/v1/deelnames/", {"traject": world.traject.pk, "deelnemer": nieuw.pk})
    assert response.status_code == 400
    assert list(response.json()) == ["traject"]
    assert "toestemming" in response.json()["traject"][0]
    assert not Deelname.objects.filter(deelnemer=nieuw).exists()


def test_aanmelden_twice_is_refused(world, klantmanager_api):
    response = klantmanager_api.post(
        "/api/v1/deelnames/", {"traject": world.traject.pk, "deelnemer": world.met_toestemming.pk}
    )
    assert response.json() == {"traject": ["Deze kandidaat is al aangemeld voor dit traject."]}


def test_aanmelden_a_candidate_out_of_scope_looks_like_a_missing_one(world, klantmanager_api):
    def errors(pk):
        response = klantmanager_api.post("/api/v1/deelnames/", {"traject": world.traject.pk, "deelnemer": pk})
        assert response.status_code == 400
        return response.json()

    assert errors(world.elders.pk) == {"deelnemer": [f'Niet gevonden: "{world.elders.pk}".']}
    assert errors(987654) == {"deelnemer": ['Niet gevonden: "987654".']}
    assert not Deelname.objects.filter(traject=world.traject, deelnemer=world.elders).exists()


def test_aanmelden_for_a_trajectory_out_of_scope(world, klantmanager_api):
    response = klantmanager_api.post(
        "/api/v1/deelnames/", {"traject": world.ander_traject.pk, "deelnemer": world.zonder_toestemming.pk}
    )
    assert response.json() == {"traject": [f'Niet gevonden: "{world.ander_traject.pk}".']}


@pytest.mark.parametrize("rol", [Rol.REGISSEUR, Rol.OPLEIDER, Rol.WERKGEVER, Rol.WETHOUDER, Rol.JOBCOACH])
def test_only_the_klantmanager_aanmelden(world, api_as, rol):
    response = api_as(world.users[rol]).post(
        "/api/v1/deelnames/", {"traject": world.traject.pk, "deelnemer": world.met_toestemming.pk}
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- Transitie ----------------------------------------------------------------------------


def test_regisseur_moves_a_deelname_and_gets_it_back(world, regisseur_api):
    response = _transitie(regisseur_api, world.deelname_met, naar="intake", toelichting="Intake gepland")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "intake"
    assert [(s["van"], s["naar"], s["door"]) for s in data["stappen"]] == [
        ("", "aangemeld", "Karin Klant"),
        ("aangemeld", "intake", "Ruud Regie"),
    ]
    world.deelname_met.refresh_from_db()
    assert world.deelname_met.status == "intake"


def test_an_invalid_step_is_refused_in_dutch_and_changes_nothing(world, regisseur_api):
    response = _transitie(regisseur_api, world.deelname_met, naar="geplaatst", toelichting="Bij Warmte BV")
    assert response.status_code == 400
    assert response.json() == {"naar": ["Van Aangemeld naar Geplaatst is geen geldige stap."]}
    world.deelname_met.refresh_from_db()
    assert world.deelname_met.status == "aangemeld"
    assert DeelnameStap.objects.filter(deelname=world.deelname_met).count() == 1


def test_uitval_needs_a_reason(world, regisseur_api):
    response = _transitie(regisseur_api, world.deelname_met, naar="uitgevallen")
    assert response.json() == {"uitval_reden": ["Kies een reden van uitval."]}
    ok = _transitie(regisseur_api, world.deelname_met, naar="uitgevallen", uitval_reden="vervoer")
    assert ok.status_code == 200
    assert ok.json()["stappen"][-1]["uitval_reden"] == "vervoer"


def test_a_stale_view_is_refused(world, regisseur_api):
    response = _transitie(regisseur_api, world.deelname_met, naar="intake", verwacht_van="intake")
    assert response.status_code == 400
    assert "intussen" in response.json()["naar"][0]


def test_unknown_target_is_a_choice_error(world, regisseur_api):
    response = _transitie(regisseur_api, world.deelname_met, naar="maan")
    assert response.json() == {"naar": ['"maan" is geen geldige keuze.']}


def test_transitie_by_klantmanager_is_404(world, klantmanager_api):
    response = _transitie(klantmanager_api, world.deelname_met, naar="intake")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    world.deelname_met.refresh_from_db()
    assert world.deelname_met.status == "aangemeld"


def test_transitie_on_a_deelname_without_consent_is_404(world, regisseur_api):
    response = _transitie(regisseur_api, world.deelname_zonder, naar="intake")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- CSRF ---------------------------------------------------------------------------------


def test_session_posts_need_the_csrf_token(world, api_as):
    client = api_as(world.users[Rol.REGISSEUR], enforce_csrf_checks=True)
    refused = _transitie(client, world.deelname_met, naar="intake")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "CSRF-controle mislukt. Ververs de pagina en probeer het opnieuw."}
    world.deelname_met.refresh_from_db()
    assert world.deelname_met.status == "aangemeld"

    client.get(reverse("api-docs"))  # a page that uses the token sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        f"/api/v1/deelnames/{world.deelname_met.pk}/transitie/", {"naar": "intake"}, HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200, accepted.content
