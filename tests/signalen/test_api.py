"""/api/v1/signalen/: the user's own signals, filters, acknowledge / snooze / done, 404 for others."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from leerwerk.models import AccessLog, Organisatie, OrganisatieType, Rol
from signalen import constants as c
from signalen.models import Signaal

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

NOT_FOUND = {"detail": "Niet gevonden."}
VELDEN = {
    "id", "regel", "regel_label", "ernst", "deadline", "object_type", "object_id", "traject", "bericht", "status",
    "uitgesteld_tot", "suggestie", "suggestie_toelichting", "link",
}  # fmt: skip


def api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


_teller = iter(range(1, 10_000))


def signaal(**velden) -> Signaal:
    velden.setdefault("regel", c.Regel.WACHTTIJD)
    velden.setdefault("rol", Rol.REGISSEUR)
    velden.setdefault("ernst", c.Ernst.WAARSCHUWING)
    velden.setdefault("deadline", timezone.localdate() + dt.timedelta(days=10))
    return Signaal.objects.create(
        object_type="deelname", object_id=str(next(_teller)), bericht="Wachttijd in traject Test.", **velden
    )


@pytest.fixture
def signalen(wereld):
    andere = Organisatie.objects.create(
        naam="Andere gemeente", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=wereld.gemeente.arbeidsmarktregio
    )
    deelname = wereld.deelname()
    return {
        "eigen": signaal(
            verantwoordelijke=wereld.regisseur,
            traject=wereld.traject,
            deelname=deelname,
            link=f"/trajecten/{wereld.traject.pk}/#signalen",
            suggestie=dt.date(2026, 8, 10),
            suggestie_toelichting="Eerste werkdag na de bouwvak",
        ),  # fmt: skip
        "rol": signaal(organisatie=wereld.gemeente, ernst=c.Ernst.URGENT, regel=c.Regel.NAZORG),
        "klantmanager": signaal(verantwoordelijke=wereld.klantmanager, rol=Rol.KLANTMANAGER),
        "elders": signaal(organisatie=andere),
        "afgehandeld": signaal(verantwoordelijke=wereld.regisseur, status=c.SignaalStatus.AFGEHANDELD),
        "vervallen": signaal(verantwoordelijke=wereld.regisseur, status=c.SignaalStatus.VERVALLEN),
        "uitgesteld": signaal(
            verantwoordelijke=wereld.regisseur,
            status=c.SignaalStatus.UITGESTELD,
            uitgesteld_tot=timezone.localdate() + dt.timedelta(days=5),
        ),  # fmt: skip
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {r["id"] for r in response.json()["results"]}


def test_the_list_shows_the_users_current_signals_without_person_fields(wereld, signalen):
    response = api(wereld.regisseur).get("/api/v1/signalen/")
    assert ids(response) == {signalen["eigen"].pk, signalen["rol"].pk}
    eigen = next(r for r in response.json()["results"] if r["id"] == signalen["eigen"].pk)
    assert set(eigen) == VELDEN
    assert eigen["traject"] == {"id": wereld.traject.pk, "naam": wereld.traject.naam}
    assert (eigen["regel"], eigen["regel_label"], eigen["ernst"]) == (
        "wachttijd",
        "Wachttijd na selectie",
        "waarschuwing",
    )
    assert (eigen["suggestie"], eigen["link"]) == ("2026-08-10", f"/trajecten/{wereld.traject.pk}/#signalen")
    assert response["Cache-Control"] and "no-store" in response["Cache-Control"]
    deelnemer = signalen["eigen"].deelname.deelnemer
    assert deelnemer.achternaam not in response.content.decode()
    assert ids(api(wereld.klantmanager).get("/api/v1/signalen/")) == {signalen["klantmanager"].pk}
    assert ids(api(wereld.werkgever_user).get("/api/v1/signalen/")) == set()


def test_the_list_logs_the_participants_the_signals_are_about(wereld, signalen):
    api(wereld.regisseur).get("/api/v1/signalen/")
    row = AccessLog.objects.get(user_id=wereld.regisseur.pk)
    deelnemer_id = signalen["eigen"].deelname.deelnemer_id
    assert (row.action, row.object_type, row.object_id) == ("api", "deelnemers.Deelnemer", str(deelnemer_id))


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("", {"eigen", "rol"}),
        ("?status=actueel", {"eigen", "rol"}),
        ("?status=alle", {"eigen", "rol", "afgehandeld", "vervallen", "uitgesteld"}),
        ("?status=uitgesteld", {"uitgesteld"}),
        ("?status=afgehandeld", {"afgehandeld"}),
        ("?status=vervallen", {"vervallen"}),
        ("?regel=nazorg", {"rol"}),
        ("?ernst=urgent", {"rol"}),
        ("?status=alle&ernst=waarschuwing&regel=wachttijd", {"eigen", "afgehandeld", "vervallen", "uitgesteld"}),
    ],
)
def test_filters(wereld, signalen, query, verwacht):
    assert ids(api(wereld.regisseur).get(f"/api/v1/signalen/{query}")) == {signalen[k].pk for k in verwacht}


def test_an_unknown_filter_value_is_a_dutch_field_error(wereld, signalen):
    response = api(wereld.regisseur).get("/api/v1/signalen/?status=onzin")
    assert response.status_code == 400
    assert "onzin" in response.json()["status"][0] and "keuze" in response.json()["status"][0]


def test_detail_of_an_own_signal_in_any_state_and_404_for_someone_elses(wereld, signalen):
    client = api(wereld.regisseur)
    for key in ("eigen", "rol", "afgehandeld", "vervallen"):
        assert client.get(f"/api/v1/signalen/{signalen[key].pk}/").json()["id"] == signalen[key].pk
    for key in ("klantmanager", "elders"):
        response = client.get(f"/api/v1/signalen/{signalen[key].pk}/")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert client.get("/api/v1/signalen/999999/").json() == NOT_FOUND


def test_acknowledge_snooze_and_done(wereld, signalen):
    client = api(wereld.regisseur)
    pk = signalen["eigen"].pk
    response = client.post(f"/api/v1/signalen/{pk}/gezien/")
    assert (response.status_code, response.json()["status"]) == (200, "gezien")
    tot = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(f"/api/v1/signalen/{pk}/uitstellen/", {"tot": tot.isoformat()}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["uitgesteld_tot"]) == ("uitgesteld", tot.isoformat())
    assert pk not in ids(client.get("/api/v1/signalen/"))
    response = client.post(f"/api/v1/signalen/{signalen['rol'].pk}/afgehandeld/")
    assert response.json()["status"] == "afgehandeld"
    signaal_ = Signaal.objects.get(pk=signalen["rol"].pk)
    assert (signaal_.status, signaal_.status_door) == (c.SignaalStatus.AFGEHANDELD, wereld.regisseur)


@pytest.mark.parametrize(
    ("body", "fout"),
    [
        ({}, "Dit veld is verplicht."),
        ({"tot": "volgende week"}, "Vul een datum in als JJJJ-MM-DD."),
        ({"tot": "2020-01-01"}, "Kies een datum na vandaag."),
        ({"tot": "2099-01-01"}, "Uitstellen kan hoogstens een jaar."),
    ],
)
def test_snooze_errors_are_dutch_per_field(wereld, signalen, body, fout):
    response = api(wereld.regisseur).post(f"/api/v1/signalen/{signalen['eigen'].pk}/uitstellen/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"tot": [fout]})
    assert Signaal.objects.get(pk=signalen["eigen"].pk).status == c.SignaalStatus.OPEN


def test_actions_on_someone_elses_signal_answer_404_and_change_nothing(wereld, signalen):
    client = api(wereld.regisseur)
    for actie, body in (("gezien", {}), ("uitstellen", {"tot": "2099-01-01"}), ("afgehandeld", {})):
        response = client.post(f"/api/v1/signalen/{signalen['klantmanager'].pk}/{actie}/", body, format="json")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Signaal.objects.get(pk=signalen["klantmanager"].pk).status == c.SignaalStatus.OPEN


def test_a_closed_signal_cannot_be_acted_on(wereld, signalen):
    response = api(wereld.regisseur).post(f"/api/v1/signalen/{signalen['vervallen'].pk}/gezien/")
    assert response.status_code == 400
    assert response.json() == {"status": ["Dit signaal is al vervallen: de oorzaak is weg."]}


def test_login_required(signalen):
    assert api(None).get("/api/v1/signalen/").status_code in (401, 403)


def test_the_list_takes_the_same_queries_for_one_signal_or_many(wereld):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api(wereld.regisseur).get("/api/v1/signalen/").status_code == 200
        return len(ctx.captured_queries)

    signaal(verantwoordelijke=wereld.regisseur, traject=wereld.traject, deelname=wereld.deelname())
    een = queries()
    for _ in range(9):
        signaal(verantwoordelijke=wereld.regisseur, traject=wereld.traject, deelname=wereld.deelname())
    assert queries() == een
