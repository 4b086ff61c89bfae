"""Issue 11 item 3: the candidate's postcode is checked with the one postcode validator of the
product (leerwerk.validators), in the service, the form, the API and the model; '1234ab' is
stored as '1234 AB'."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from deelnemers.forms import DeelnemerForm
from deelnemers.models import Deelnemer
from deelnemers.services import deelnemer_create, deelnemer_update
from leerwerk import validators
from leerwerk.models import Rol
from tests.factories import DeelnemerFactory, UserFactory, bsn_for
from werkgevers import validators as werkgevers_validators
from werkgevers.models import Locatie

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

FOUT = "Vul een Nederlandse postcode in, bijvoorbeeld 5211 AB."
SLECHT = ["12345", "ABCD 12", "0123 AB", "1234 SS", "1234-AB"]


@pytest.fixture
def klantmanager():
    return UserFactory(rollen=[Rol.KLANTMANAGER])


def _fields(**extra):
    return {
        "voornaam": "Amina",
        "achternaam": "Haddad",
        "geboortedatum": datetime.date(1994, 2, 3),
        "bsn": bsn_for(9101),
        "doelgroep": "statushouder",
        **extra,
    }


def test_one_validator_serves_candidates_and_employer_locations():
    assert werkgevers_validators.validate_postcode is validators.validate_postcode
    assert validators.validate_postcode in Locatie._meta.get_field("postcode").validators
    assert validators.validate_postcode in Deelnemer._meta.get_field("postcode").validators


@pytest.mark.parametrize("postcode", SLECHT)
def test_the_service_refuses_a_bad_postcode_on_the_field(klantmanager, postcode):
    with pytest.raises(ValidationError) as exc:
        deelnemer_create(acting_user=klantmanager, **_fields(postcode=postcode))
    assert exc.value.message_dict == {"postcode": [FOUT]}
    assert not Deelnemer.objects.exists()


def test_the_service_normalises_and_an_empty_postcode_is_allowed(klantmanager):
    deelnemer = deelnemer_create(acting_user=klantmanager, **_fields(postcode=" 1234ab "))
    assert Deelnemer.objects.get(pk=deelnemer.pk).postcode == "1234 AB"
    deelnemer_update(acting_user=klantmanager, deelnemer=deelnemer, postcode="")
    assert Deelnemer.objects.get(pk=deelnemer.pk).postcode == ""
    with pytest.raises(ValidationError) as exc:
        deelnemer_update(acting_user=klantmanager, deelnemer=deelnemer, postcode="ABCD 12")
    assert exc.value.message_dict == {"postcode": [FOUT]}
    assert Deelnemer.objects.get(pk=deelnemer.pk).postcode == ""


def test_the_model_refuses_a_bad_postcode_also_outside_the_service(klantmanager):
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    deelnemer.postcode = "12345"
    with pytest.raises(ValidationError) as exc:
        deelnemer.full_clean()
    assert exc.value.message_dict["postcode"] == [FOUT]


def _form(klantmanager, postcode):
    data = {
        **_fields(),
        "geboortedatum": "1994-02-03",
        "postcode": postcode,
        "inburgering_regime": "geen",
        "opleidingsniveau": "geen",
        "uitkering_type": "geen",
        "uren_per_week": "0",
        "rijbewijs": "geen",
    }
    return DeelnemerForm(data, user=klantmanager)


@pytest.mark.parametrize("postcode", SLECHT)
def test_the_form_refuses_a_bad_postcode_on_the_field(klantmanager, postcode):
    form = _form(klantmanager, postcode)
    assert not form.is_valid()
    assert form.errors["postcode"] == [FOUT]


def test_the_form_normalises_the_postcode(klantmanager):
    form = _form(klantmanager, "1234ab")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "1234 AB"


def test_the_registration_page_shows_the_postcode_error_at_its_field(client, klantmanager):
    client.force_login(klantmanager)
    response = client.post(reverse("deelnemers:nieuw"), {**_form(klantmanager, "ABCD 12").data, **_werkervaring()})
    assert response.status_code == 400
    assert FOUT in response.content.decode()
    assert not Deelnemer.objects.exists()


def _werkervaring():
    return {
        "werkervaring-TOTAL_FORMS": "3",
        "werkervaring-INITIAL_FORMS": "0",
        "werkervaring-MIN_NUM_FORMS": "0",
        "werkervaring-MAX_NUM_FORMS": "3",
        "taal-TOTAL_FORMS": "4",
        "taal-INITIAL_FORMS": "0",
        "taal-MIN_NUM_FORMS": "0",
        "taal-MAX_NUM_FORMS": "4",
    }


@pytest.fixture
def api(klantmanager):
    client = APIClient()
    client.force_login(klantmanager)
    return client


API_GOED = {
    "voornaam": "Dawit",
    "achternaam": "Bekele",
    "geboortedatum": "1994-03-02",
    "bsn": "111222333",
    "doelgroep": "statushouder",
}


@pytest.mark.parametrize("postcode", SLECHT)
def test_the_api_refuses_a_bad_postcode_on_the_field(api, postcode):
    response = api.post("/api/v1/deelnemers/", {**API_GOED, "postcode": postcode}, format="json")
    assert response.status_code == 400
    assert response.json() == {"postcode": [FOUT]}
    assert not Deelnemer.objects.exists()


def test_the_api_normalises_the_postcode_on_create_and_update(api):
    response = api.post("/api/v1/deelnemers/", {**API_GOED, "postcode": "5211ab"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["postcode"] == "5211 AB"
    pk = response.json()["id"]
    response = api.patch(f"/api/v1/deelnemers/{pk}/", {"postcode": "ABCD 12"}, format="json")
    assert response.status_code == 400 and response.json() == {"postcode": [FOUT]}
    response = api.patch(f"/api/v1/deelnemers/{pk}/", {"postcode": "6511 kd"}, format="json")
    assert response.status_code == 200 and Deelnemer.objects.get(pk=pk).postcode == "6511 KD"
