"""Issue 11 item 21: languages with a level, an interpreter, the residence permit and the
inburgering regime that follows from it; on the form, through the services, the API and the page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from deelnemers.constants import InburgeringRegime, Taal, Taalbeheersing
from deelnemers.inburgering import regime_volgens_verblijfsvergunning
from deelnemers.models import Deelnemer, GesprokenTaal
from deelnemers.services import deelnemer_update, talen_set
from leerwerk.models import Rol
from tests.deelnemers.test_views import TALEN_LEEG, formulier
from tests.factories import DeelnemerFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
D = dt.date


@pytest.mark.parametrize(
    ("datum", "regime"),
    [
        (None, None),
        (D(2006, 12, 31), None),  # before 2007: none of the three regimes
        (D(2007, 1, 1), InburgeringRegime.WI2007),
        (D(2012, 12, 31), InburgeringRegime.WI2007),
        (D(2013, 1, 1), InburgeringRegime.WI2013),
        (D(2021, 12, 31), InburgeringRegime.WI2013),  # the last day before the Wet inburgering 2021
        (D(2022, 1, 1), InburgeringRegime.WI2021),  # the first day of the Wet inburgering 2021
        (D(2026, 6, 1), InburgeringRegime.WI2021),
    ],
)
def test_the_regime_follows_from_the_residence_permit_date(datum, regime):
    assert regime_volgens_verblijfsvergunning(datum) == regime


@pytest.fixture
def km(make_user):
    return make_user(Rol.KLANTMANAGER, naam="Karin Klant")


@pytest.fixture
def km_client(client, km):
    client.force_login(km)
    return client


@pytest.fixture
def kandidaat(gemeente, km):
    return DeelnemerFactory(gemeente=gemeente, klantmanager=km, voornaam="Amina", achternaam="Haddad")


def test_registration_saves_languages_interpreter_and_permit_date(km_client, km):
    data = formulier(
        km,
        verblijfsvergunning_datum="2021-12-31",
        tolk_nodig="on",
        tolk_taal="ti",
        **{"taal-0-taal": "ti", "taal-0-niveau": "moedertaal", "taal-1-taal": "en", "taal-1-niveau": "basis"},
    )
    response = km_client.post(reverse("deelnemers:nieuw"), data)
    assert response.status_code == 302, response.content.decode()
    deelnemer = Deelnemer.objects.get(bsn=data["bsn"])
    assert deelnemer.verblijfsvergunning_datum == D(2021, 12, 31)
    assert (deelnemer.tolk_nodig, deelnemer.tolk_taal) == (True, Taal.TIGRINYA)
    assert [(t.taal, t.niveau) for t in deelnemer.talen.all()] == [("ti", "moedertaal"), ("en", "basis")]

    html = km_client.get(reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk})).content.decode()
    assert "31-12-2021" in html
    assert "Regime volgens datum verblijfsvergunning" in html and "Wet inburgering 2013" in html
    assert "wijkt af van het vastgelegde regime" in html  # the form registered Wet inburgering 2021
    assert "Tigrinya" in html and "Moedertaal" in html and "Ja, voor het Tigrinya" in html


@pytest.mark.parametrize(
    ("velden", "veld", "fout"),
    [
        ({"verblijfsvergunning_datum": "2099-01-01"}, "verblijfsvergunning_datum", "ligt in de toekomst"),
        ({"tolk_nodig": "on"}, "tolk_taal", "Kies de taal waarvoor een tolk nodig is."),
        ({"tolk_taal": "ar"}, "tolk_taal", "Kies alleen een taal als er een tolk nodig is."),
        ({"taal-0-taal": "ar"}, "taal-0-niveau", "Kies hoe goed de kandidaat deze taal spreekt"),
        (
            {"taal-0-taal": "ar", "taal-0-niveau": "goed", "taal-1-taal": "ar", "taal-1-niveau": "basis"},
            None,
            "Noem elke taal één keer.",
        ),
    ],
)
def test_the_form_refuses_wrong_intake_fields_at_the_field(km_client, km, velden, veld, fout):
    response = km_client.post(reverse("deelnemers:nieuw"), formulier(km, **velden))
    assert response.status_code == 400
    html = response.content.decode()
    assert fout in html
    if veld:
        assert f'href="#id_{veld}"' in html  # the summary links to the field
    assert not Deelnemer.objects.exists()


def test_editing_replaces_the_languages(km_client, km, kandidaat):
    GesprokenTaal.objects.create(deelnemer=kandidaat, taal=Taal.ARABISCH, niveau=Taalbeheersing.MOEDERTAAL)
    url = reverse("deelnemers:wijzigen", kwargs={"pk": kandidaat.pk})
    assert 'value="ar" selected' in km_client.get(url).content.decode()
    data = formulier(km, bsn=kandidaat.bsn, **{"taal-0-taal": "fa", "taal-0-niveau": "goed"})
    data.update({"taal-TOTAL_FORMS": "4", "taal-INITIAL_FORMS": "1"})
    assert km_client.post(url, data).status_code == 302
    assert [(t.taal, t.niveau) for t in kandidaat.talen.all()] == [("fa", "goed")]


def test_services_check_the_permit_date_and_languages(km, kandidaat):
    morgen = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        deelnemer_update(acting_user=km, deelnemer=kandidaat, verblijfsvergunning_datum=morgen)
    assert exc.value.message_dict["verblijfsvergunning_datum"] == [
        "De datum van de verblijfsvergunning ligt in de toekomst."
    ]
    with pytest.raises(ValidationError) as exc:
        talen_set(acting_user=km, deelnemer=kandidaat, talen=[{"taal": "so", "niveau": "goed"}] * 2)
    assert exc.value.message_dict["talen"] == ["Noem elke taal één keer."]
    assert not kandidaat.talen.exists()


@pytest.fixture
def api(km):
    client = APIClient()
    client.force_login(km)
    return client


def test_the_api_reads_and_writes_the_intake_fields(api, kandidaat):
    url = f"/api/v1/deelnemers/{kandidaat.pk}/"
    body = {
        "verblijfsvergunning_datum": "2022-01-01",
        "tolk_nodig": True,
        "tolk_taal": "so",
        "talen": [{"taal": "so", "niveau": "moedertaal"}, {"taal": "ar", "niveau": "redelijk"}],
    }
    response = api.patch(url, body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["inburgering_regime_afgeleid"] == "wi2021"
    assert data["talen"] == body["talen"] and data["tolk_taal"] == "so"
    # A PATCH without "talen" leaves them as they are.
    assert api.patch(url, {"tolk_nodig": False, "tolk_taal": ""}, format="json").status_code == 200
    assert kandidaat.talen.count() == 2


@pytest.mark.parametrize(
    ("body", "veld", "fout"),
    [
        ({"verblijfsvergunning_datum": "2099-01-01"}, "verblijfsvergunning_datum", "ligt in de toekomst"),
        ({"tolk_nodig": True}, "tolk_taal", "Kies de taal waarvoor een tolk nodig is."),
        ({"talen": [{"taal": "ar", "niveau": "goed"}, {"taal": "ar", "niveau": "basis"}]}, "talen", "één keer"),
        ({"talen": [{"taal": "nl", "niveau": "goed"}]}, "talen", "geldige keuze"),
    ],
)
def test_the_api_answers_wrong_intake_fields_per_field_in_dutch(api, kandidaat, body, veld, fout):
    response = api.patch(f"/api/v1/deelnemers/{kandidaat.pk}/", body, format="json")
    assert response.status_code == 400
    assert fout in str(response.json()[veld])


def test_an_empty_language_formset_is_not_an_error(km_client, km):
    data = formulier(km)
    assert all(data[k] == v for k, v in TALEN_LEEG.items())
    assert km_client.post(reverse("deelnemers:nieuw"), data).status_code == 302
    assert not GesprokenTaal.objects.exists()
