"""The API's error answers: one shape in Dutch for every status, and throttling with a 429."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework import exceptions
from rest_framework.test import APIClient

from leerwerk.api import exception_handler
from leerwerk.models import Rol
from tests.leerwerk.test_settings import PRODUCTION_ENV, _manage

pytestmark = pytest.mark.django_db
URL = "/api/v1/organisaties/"
NIET_INGELOGD = {"detail": "U bent niet ingelogd. Log eerst in."}


def _ingelogd(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _anoniem(ip: str) -> APIClient:
    """An anonymous client from its own address, with a clean count (the throttle's cache key)."""
    cache.delete(f"throttle_anon_{ip}")
    return APIClient(REMOTE_ADDR=ip)


# --- Throttling -----------------------------------------------------------------------------


@override_settings(LEERWERK_API_LIMIET_GEBRUIKER="3/min")
def test_a_logged_in_user_gets_429_in_dutch_with_retry_after(make_user):
    user, ander = make_user(Rol.REGISSEUR), make_user(Rol.REGISSEUR)
    client = _ingelogd(user)
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]

    response = client.get(URL)
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 60
    assert response.json() == {"detail": f"Te veel verzoeken. Probeer het over {wait} seconden opnieuw."}
    # Per account: another user of the same address is not held back.
    assert _ingelogd(ander).get(URL).status_code == 200


@override_settings(LEERWERK_API_LIMIET_ANONIEM="2/min")
def test_an_anonymous_client_is_throttled_before_it_is_refused():
    client = _anoniem("192.0.2.17")
    assert [(r.status_code, r.json()) for r in (client.get(URL), client.get(URL))] == [(403, NIET_INGELOGD)] * 2
    response = client.get(URL)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["detail"].startswith("Te veel verzoeken.")
    # Per address: another address still gets the ordinary refusal.
    assert _anoniem("192.0.2.18").get(URL).status_code == 403


@override_settings(LEERWERK_API_LIMIET_ANONIEM="2/min", LEERWERK_API_LIMIET_GEBRUIKER="2/min")
def test_logged_in_requests_do_not_count_against_the_anonymous_limit(make_user):
    client = _ingelogd(make_user(Rol.REGISSEUR))
    cache.delete("throttle_anon_127.0.0.1")
    assert [client.get(URL).status_code for _ in range(2)] == [200, 200]
    assert APIClient().get(URL).status_code == 403  # the address's anonymous count is untouched


def test_the_production_defaults_and_a_wrong_limit():
    code = (
        "from django.conf import settings; "
        "print(settings.LEERWERK_API_LIMIET_ANONIEM, settings.LEERWERK_API_LIMIET_GEBRUIKER)"
    )
    result = _manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["60/min", "600/min"]

    result = _manage("shell", "-c", code, env={**PRODUCTION_ENV, "LEERWERK_API_LIMIET_GEBRUIKER": "veel"})
    assert result.returncode != 0
    assert "LEERWERK_API_LIMIET_GEBRUIKER is geen geldige limiet" in result.stderr


# --- One shape, in Dutch --------------------------------------------------------------------


def test_every_error_is_one_dutch_sentence_that_repeats_no_input(make_user):
    client = _ingelogd(make_user(Rol.REGISSEUR))
    answers = {
        "404": client.get(f"{URL}999999/"),
        "404 page": client.get(URL, {"page": 999}),
        "405": client.delete(URL),
        "406": client.get(URL, HTTP_ACCEPT="text/html"),
        "415": client.post("/api/v1/trajecten/", "geheim-0612345678", content_type="text/x-geheim-0612345678"),
        "400 json": client.post("/api/v1/trajecten/", "{niet: json", content_type="application/json"),
    }
    assert {name: (r.status_code, r.json()) for name, r in answers.items()} == {
        "404": (404, {"detail": "Niet gevonden."}),
        "404 page": (404, {"detail": "Ongeldige pagina."}),
        "405": (405, {"detail": 'Methode "DELETE" niet toegestaan.'}),
        "406": (406, {"detail": "Dit antwoord is alleen als JSON beschikbaar (Accept: application/json)."}),
        "415": (415, {"detail": "Stuur de gegevens als JSON (Content-Type: application/json)."}),
        "400 json": (400, {"detail": "De gegevens zijn geen geldige JSON."}),
    }
    assert answers["405"]["Allow"] == "GET, HEAD, OPTIONS"


def test_not_logged_in_and_csrf_refusals_are_dutch(make_user):
    assert (APIClient().post("/api/v1/trajecten/", {}).json()) == NIET_INGELOGD
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(make_user(Rol.REGISSEUR))
    response = client.post("/api/v1/trajecten/", {})
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "CSRF-controle mislukt. Ververs de pagina en probeer het opnieuw."},
    )


def test_a_validation_error_without_field_gets_the_field_shape():
    """A view that raises ValidationError("...") answers like every other 400: per field."""
    response = exception_handler(exceptions.ValidationError("Dit kan zo niet."), {})
    assert (response.status_code, response.data) == (400, {"non_field_errors": ["Dit kan zo niet."]})
    response = exception_handler(exceptions.PermissionDenied(), {})
    assert (response.status_code, response.data) == (403, {"detail": "U hebt geen toestemming voor deze handeling."})


def test_the_schema_documents_the_error_answers(make_user):
    schema = _ingelogd(make_user(Rol.REGISSEUR)).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["components"]["schemas"]["Fout"]["required"] == ["detail"]
    operations = [
        (path, method, operation) for path, methods in schema["paths"].items() for method, operation in methods.items()
    ]
    assert len(operations) > 100
    for path, method, operation in operations:
        responses = operation["responses"]
        assert {"403", "429"} <= responses.keys(), (method, path)
        assert "Retry-After" in responses["429"]["headers"]
        if "requestBody" in operation:
            assert {"400", "415"} <= responses.keys(), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        for code, response in responses.items():
            if code.startswith("4"):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/Veldfouten" if code == "400" else "/Fout"), (method, path, code)
