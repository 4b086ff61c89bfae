"""What the schemathesis run (test_schemathesis.py) found, each as an ordinary test."""

import pytest
from rest_framework.test import APIClient

from leerwerk.models import Rol
from tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db
NOT_FOUND = {"detail": "Niet gevonden."}


def _client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        # An id that is no number reached django's get_object_or_404 and answered 500.
        ("get", "begrotingen/abc/"),
        ("get", "begrotingen/abc/kostenverdeling/"),
        ("post", "begrotingen/abc/regels/"),
        ("patch", "financieringsbronnen/abc/"),
        ("post", "dekkingen/abc/intrekken/"),
        ("post", "dekkingen/abc/toezeggen/"),
        ("post", "declaraties/abc/indienen/"),
        ("post", "resultaatafspraken/abc/akkoord/"),
        ("post", "trajecten/abc/partners/"),
        ("post", "trajecten/abc/fases/"),
        ("patch", "trajecten/abc/"),
        ("post", "deelnames/abc/transitie/"),
        ("patch", "deelnemers/abc/"),
        ("get", "organisaties/abc/"),
        # An address the router does not know answered the site's HTML page, with the user's name.
        ("get", "begeleiding/behoudchecks/abc/"),
        ("get", "signalen/a%0Ab/"),
        ("post", "deelnames/abc/profiel/"),
        ("get", "bestaat-niet/"),
    ],
)
def test_an_address_that_names_nothing_is_the_apis_own_404(make_user, method, path):
    user = make_user([Rol.REGISSEUR, Rol.FINANCIER, Rol.KLANTMANAGER], naam="Rosa Regisseur")
    TrajectFactory()
    response = getattr(_client(user), method)(f"/api/v1/{path}", {}, format="json")
    assert (response.status_code, response["Content-Type"], response.json()) == (404, "application/json", NOT_FOUND)
    assert b"Rosa" not in response.content


def test_an_anonymous_client_gets_the_login_refusal_on_an_unknown_address():
    response = APIClient().get("/api/v1/bestaat-niet/")
    assert (response.status_code, response.json()) == (403, {"detail": "U bent niet ingelogd. Log eerst in."})


def _schema(user) -> dict:
    return _client(user).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


def test_the_schema_says_what_the_api_answers(make_user):
    schema = _schema(make_user(Rol.REGISSEUR))
    paths, components = schema["paths"], schema["components"]["schemas"]

    # resultaten/ answers one object, not a list; and 404 for a user without its roles.
    resultaten = paths["/api/v1/resultaten/"]["get"]["responses"]
    assert resultaten["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Resultaten"}
    assert "404" in resultaten
    # A write a user without the role may not make answers 404 (require_rol).
    assert "404" in paths["/api/v1/financieringsbronnen/"]["post"]["responses"]

    # A candidate reads in full or in the regie view (without BSN): the list and the detail say both.
    rij = components["DeelnemerRij"]["anyOf"]
    assert {r["$ref"].rsplit("/", 1)[1] for r in rij} == {"DeelnemerSamenvatting", "DeelnemerRegie"}

    # A read-only choice the model allows blank documents "".
    vorige = components["Deelname"]["properties"]["vorige_status"]
    assert vorige["readOnly"] is True
    assert {"$ref": "#/components/schemas/BlankEnum"} in vorige["anyOf"]

    # Times as the API writes them ("13:30:00"), not JSON Schema's "time" with an offset.
    begintijd = components["Overleg"]["properties"]["begintijd"]
    assert "format" not in begintijd
    assert begintijd["pattern"].startswith("^([01][0-9]|2[0-3])")
