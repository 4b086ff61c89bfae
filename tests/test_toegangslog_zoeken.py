"""The beheerder searches the access log by person, user, organisation and period, pages through
it in a fixed number of queries, and exports the result as CSV, which is logged itself (issue 17)."""

import csv
import datetime
import io
import re

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.admin_toegangslog import veilige_cel
from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, bsn_for
from trajecten.constants import ContactmomentSoort
from trajecten.models import Contactmoment
from werkgevers.models import Profiel

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

LIJST = "admin:leerwerk_accesslog_changelist"
EXPORT = "admin:leerwerk_accesslog_export"
BSN_PAGINA = "admin:leerwerk_accesslog_bsn"


def _rij(user=None, object_type="deelnemers.Deelnemer", object_id="", tijdstip=None, **velden):
    rij = {
        "tijdstip": tijdstip or timezone.now(),
        "user_id": user.pk if user else None,
        "user_email": user.email if user else "",
        "rol": user.hoofdrol if user else "",
        "organisatie_id": user.organisatie_id if user else None,
        "organisatie_naam": user.organisatie.naam if user else "",
        "action": "view",
        "object_type": object_type,
        "object_id": str(object_id),
        "result": "allowed",
        "ip": "192.0.2.7",
    }
    return AccessLog.objects.create(**{**rij, **velden})


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return {row.pk for row in response.context["cl"].result_list}


@pytest.fixture
def beheerder(client, make_user):
    user = make_user(Rol.BEHEERDER)
    client.force_login(user)
    return user


@pytest.fixture
def wereld(make_user, gemeente):
    anders = GemeenteFactory(naam="Andere gemeente")
    km = make_user(Rol.KLANTMANAGER, email="km@test.example")
    regisseur = make_user(Rol.REGISSEUR, email="regisseur@test.example", organisatie=anders)
    # A BSN far beyond the factories' own series (bsn_for(n) for the n-th candidate of the run).
    deelname = DeelnameFactory(deelnemer=DeelnemerFactory(gemeente=gemeente, bsn=bsn_for(9_000_042)))
    ander = DeelnameFactory()
    profiel = Profiel.objects.create(deelname=deelname, traject=deelname.traject, pseudoniem="K-0042")
    moment = Contactmoment.objects.create(
        deelname=deelname, soort=ContactmomentSoort.VOORTGANG, datum=datetime.date(2026, 4, 2), vastgelegd_door=km
    )
    nu = timezone.now()
    rijen = {
        "kandidaat": _rij(km, object_id=deelname.deelnemer_id, tijdstip=nu - datetime.timedelta(days=40)),
        "deelname": _rij(regisseur, "trajecten.Deelname", deelname.pk, tijdstip=nu - datetime.timedelta(days=10)),
        "profiel": _rij(regisseur, "werkgevers.Profiel", profiel.pk, action="api"),
        "contact": _rij(km, "trajecten.Contactmoment", moment.pk, result="denied"),
        "ander": _rij(km, object_id=ander.deelnemer_id),
        "andere_deelname": _rij(km, "trajecten.Deelname", ander.pk),
        "lijst": _rij(km, object_id=""),
    }
    return {"deelname": deelname, "km": km, "regisseur": regisseur, "anders": anders, "rijen": rijen}


def _zoek(client, **params):
    return client.get(reverse(LIJST), params)


def test_search_by_person_finds_the_reads_of_everything_that_belongs_to_them(client, beheerder, wereld):
    r = wereld["rijen"]
    gevonden = _ids(_zoek(client, kandidaat=wereld["deelname"].deelnemer_id))
    assert gevonden == {r["kandidaat"].pk, r["deelname"].pk, r["profiel"].pk, r["contact"].pk}
    assert _ids(_zoek(client, kandidaat=987654)) == set()


def test_search_by_user_organisation_and_period_and_combined(client, beheerder, wereld):
    r, km = wereld["rijen"], wereld["km"]
    van_km = {r[k].pk for k in ("kandidaat", "contact", "ander", "andere_deelname", "lijst")}
    assert _ids(_zoek(client, gebruiker="KM@test.example")) == van_km
    assert _ids(_zoek(client, organisatie=wereld["anders"].pk)) == {r["deelname"].pk, r["profiel"].pk}
    vandaag = timezone.localdate()
    periode = {"van": f"{vandaag - datetime.timedelta(days=41):%d-%m-%Y}",
               "tot": f"{vandaag - datetime.timedelta(days=5):%d-%m-%Y}"}  # fmt: skip
    assert _ids(_zoek(client, **periode)) == {r["kandidaat"].pk, r["deelname"].pk}
    assert _ids(_zoek(client, **periode, gebruiker=km.email)) == {r["kandidaat"].pk}
    # the admin's own filters combine with the search
    assert _ids(_zoek(client, kandidaat=wereld["deelname"].deelnemer_id, result__exact="denied")) == {r["contact"].pk}
    assert _ids(_zoek(client, kandidaat=wereld["deelname"].deelnemer_id, rol=Rol.REGISSEUR)) == {
        r["deelname"].pk,
        r["profiel"].pk,
    }


def test_a_removed_account_is_found_by_the_address_the_log_recorded(client, beheerder, wereld):
    weg = _rij(None, object_id="5", user_email="vertrokken@test.example")
    assert _ids(_zoek(client, gebruiker="vertrokken@test.example")) == {weg.pk}


def test_wrong_input_gives_dutch_field_errors_and_no_rows(client, beheerder, wereld):
    response = _zoek(client, kandidaat="abc", van="31-12-2026", tot="01-01-2026", gebruiker="geen-adres")
    assert _ids(response) == set()
    html = response.content.decode()
    assert "Voer een geheel getal in." in html
    assert "De einddatum ligt vóór de begindatum." in html
    assert "Voer een geldig e-mailadres in." in html
    assert 'aria-invalid="true"' in html


def test_each_row_shows_who_when_from_where_what_and_whose(client, beheerder, wereld):
    response = _zoek(client, kandidaat=wereld["deelname"].deelnemer_id)
    tekst = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    deelnemer_id = wereld["deelname"].deelnemer_id
    for verwacht in (
        "regisseur@test.example",
        "Regisseur",
        "Andere gemeente",
        "192.0.2.7",
        f"Deelname #{wereld['deelname'].pk} ( Kandidaat #{deelnemer_id} )",
        "geweigerd",
        "4 toegangslog",
    ):
        assert verwacht in tekst, verwacht
    assert wereld["deelname"].deelnemer.achternaam not in tekst  # no names: the admin logs no reads


def _lijst_queries(client, **params):
    with CaptureQueriesContext(connections["default"]) as default, CaptureQueriesContext(connections["audit"]) as audit:
        response = _zoek(client, **params)
    assert response.status_code == 200
    return response, len(default) + len(audit)


def test_pages_in_a_fixed_number_of_queries_whatever_the_size(client, beheerder, wereld):
    km = wereld["km"]
    deelnemer_id = wereld["deelname"].deelnemer_id
    params = {"gebruiker": km.email, "organisatie": km.organisatie_id}
    _response, weinig = _lijst_queries(client, **params)
    _response, persoon_weinig = _lijst_queries(client, kandidaat=deelnemer_id)
    for _n in range(130):
        deelname = DeelnameFactory()
        _rij(km, "trajecten.Deelname", deelname.pk)
        _rij(km, object_id=deelname.deelnemer_id)
        _rij(km, "trajecten.Deelname", wereld["deelname"].pk)
    response, veel = _lijst_queries(client, **params)
    assert veel == weinig
    assert len(response.context["cl"].result_list) == 100 and response.context["cl"].result_count == 5 + 3 * 130
    laatste, _q = _lijst_queries(client, **params, p=4)
    assert len(laatste.context["cl"].result_list) == 95
    assert 'href="?gebruiker=km%40test.example' in laatste.content.decode()  # the search stays in the page links
    _response, persoon_veel = _lijst_queries(client, kandidaat=deelnemer_id)
    assert persoon_veel == persoon_weinig


def test_the_count_stops_at_the_maximum(client, beheerder, wereld, monkeypatch):
    monkeypatch.setattr("leerwerk.admin_toegangslog.MAXIMUM_TELLEN", 3)
    response = _zoek(client, gebruiker=wereld["km"].email)
    assert response.context["cl"].result_count == 3
    assert "Meer dan 3 toegangslogregels" in response.content.decode()


def _export(client, **params):
    response = client.get(reverse(EXPORT), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="toegangslog-')
    inhoud = b"".join(response.streaming_content).decode("utf-8")
    assert inhoud.startswith("\ufeff")
    return list(csv.reader(io.StringIO(inhoud[1:]), delimiter=";"))


def test_the_export_holds_the_search_result_with_dutch_headers_and_is_logged(client, beheerder, wereld):
    deelnemer_id = wereld["deelname"].deelnemer_id
    r = wereld["rijen"]
    tabel = _export(client, kandidaat=deelnemer_id, rol=Rol.REGISSEUR)
    kop, *regels = tabel
    assert kop == [
        "Tijdstip", "Gebruiker", "Gebruiker-id", "Rol", "Organisatie", "Organisatie-id", "Actie", "Gegevens van",
        "Kandidaatnummer", "Objecttype", "Object-id", "Resultaat", "IP-adres", "Pad", "Toelichting",
    ]  # fmt: skip
    rij = dict(zip(kop, regels[-1], strict=True))  # newest first: the participation is older
    regisseur = wereld["regisseur"]
    assert rij == {
        "Tijdstip": timezone.localtime(r["deelname"].tijdstip).strftime("%d-%m-%Y %H:%M:%S"),
        "Gebruiker": regisseur.email,
        "Gebruiker-id": str(regisseur.pk),
        "Rol": "Regisseur",
        "Organisatie": "Andere gemeente",
        "Organisatie-id": str(wereld["anders"].pk),
        "Actie": "bekijken",
        "Gegevens van": f"Deelname #{wereld['deelname'].pk} (Kandidaat #{deelnemer_id})",
        "Kandidaatnummer": str(deelnemer_id),
        "Objecttype": "trajecten.Deelname",
        "Object-id": str(wereld["deelname"].pk),
        "Resultaat": "toegestaan",
        "IP-adres": "192.0.2.7",
        "Pad": "",
        "Toelichting": "",
    }
    assert [regel[11] for regel in regels] == ["toegestaan", "toegestaan"] and len(regels) == 2

    export = AccessLog.objects.filter(action="export").get()
    assert (export.user_id, export.rol, export.result) == (beheerder.pk, Rol.BEHEERDER, "allowed")
    # an export about a person is a read of that person: it shows in their own log
    assert (export.object_type, export.object_id) == ("deelnemers.Deelnemer", str(deelnemer_id))
    assert export.detail == f"Export toegangslog (CSV, 2 regels); zoekcriteria: kandidaat={deelnemer_id}; rol=regisseur"
    assert export.pk in _ids(_zoek(client, kandidaat=deelnemer_id))


def test_an_export_without_a_person_is_logged_against_the_log(client, beheerder, wereld):
    tabel = _export(client, organisatie=wereld["anders"].pk, van="01-01-2020")
    assert len(tabel) == 1 + 2
    export = AccessLog.objects.filter(action="export").get()
    assert (export.object_type, export.object_id) == ("leerwerk.AccessLog", "")
    assert f"organisatie={wereld['anders'].pk}; van=01-01-2020" in export.detail


def test_the_export_defuses_spreadsheet_formulas(client, beheerder, wereld):
    _rij(None, object_id="77", user_email='=HYPERLINK("http://x")', detail="+SUM(A1)", organisatie_naam="@kwaad")
    tabel = _export(client, gebruiker='=HYPERLINK("http://x")')
    assert len(tabel) == 1  # not an e-mail address: no rows, only the headers
    rij = next(r for r in _export(client)[1:] if r[9] == "deelnemers.Deelnemer" and r[10] == "77")
    assert rij[1] == '\'=HYPERLINK("http://x")' and rij[4] == "'@kwaad" and rij[14] == "'+SUM(A1)"
    assert [veilige_cel(v) for v in ("-1", "\t=1", "a=b", None, 5)] == ["'-1", "'\t=1", "a=b", "", "5"]


def test_the_bsn_lookup_goes_to_the_person_without_the_bsn_in_any_url_or_log(client, beheerder, wereld):
    bsn = wereld["deelname"].deelnemer.bsn
    deelnemer_id = wereld["deelname"].deelnemer_id
    assert client.get(reverse(BSN_PAGINA)).status_code == 200
    response = client.post(reverse(BSN_PAGINA), {"bsn": bsn})
    assert response.status_code == 302
    assert response.url == reverse(LIJST) + f"?kandidaat={deelnemer_id}" and bsn not in response.url
    opgezocht = AccessLog.objects.get(user_id=beheerder.pk, action="view")
    assert (opgezocht.object_type, opgezocht.object_id) == ("deelnemers.Deelnemer", str(deelnemer_id))
    alles = AccessLog.objects.values_list("path", "detail", "object_id")
    assert not any(bsn in str(v) for rij in alles for v in rij)


def test_the_bsn_lookup_answers_in_dutch_and_never_writes_the_bsn_back(client, beheerder, wereld):
    onbekend = bsn_for(9_000_999)
    response = client.post(reverse(BSN_PAGINA), {"bsn": onbekend})
    html = response.content.decode()
    assert response.status_code == 200 and "Er is geen kandidaat met dit BSN." in html and onbekend not in html
    response = client.post(reverse(BSN_PAGINA), {"bsn": "123456789"})
    assert "elfproef" in response.content.decode() and "123456789" not in response.content.decode()
    assert not AccessLog.objects.filter(user_id=beheerder.pk).exists()


@pytest.mark.parametrize("rol", [r for r in Rol.values if r != Rol.BEHEERDER])
def test_only_the_beheerder_searches_exports_or_looks_up(client, make_user, wereld, rol):
    """Every other role is refused as the beheer refuses: sent to its login, nothing shown or logged."""
    client.force_login(make_user(rol))
    deelnemer_id = wereld["deelname"].deelnemer_id
    aantal = AccessLog.objects.count()
    for response in (
        client.get(reverse(LIJST), {"kandidaat": deelnemer_id}),
        client.get(reverse(EXPORT), {"kandidaat": deelnemer_id}),
        client.get(reverse(BSN_PAGINA)),
        client.post(reverse(BSN_PAGINA), {"bsn": wereld["deelname"].deelnemer.bsn}),
    ):
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert AccessLog.objects.count() == aantal


def test_an_anonymous_visitor_is_sent_to_the_login(client, wereld):
    for naam in (LIJST, EXPORT, BSN_PAGINA):
        response = client.get(reverse(naam))
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_the_search_is_posted_and_redirected_to_its_address_once_checked(client, beheerder, wereld):
    lijst = reverse(LIJST)
    response = client.post(f"{lijst}?result__exact=denied&p=2", {"_zoeken": "", "kandidaat": "12", "van": ""})
    assert response.status_code == 302 and response.url == f"{lijst}?result__exact=denied&kandidaat=12"
    # a BSN typed into the number field by mistake: refused, shown nowhere, no address made
    bsn = wereld["deelname"].deelnemer.bsn
    response = client.post(lijst, {"_zoeken": "", "kandidaat": bsn})
    html = response.content.decode()
    assert response.status_code == 200 and "Dit lijkt een BSN." in html and bsn.lstrip("0") not in html
    assert _ids(response) == set()
    assert not any(bsn in str(v) for rij in AccessLog.objects.values_list("path", "detail") for v in rij)


def test_the_export_log_row_repeats_only_checked_criteria(client, beheerder, wereld):
    bsn = wereld["deelname"].deelnemer.bsn
    assert len(_export(client, kandidaat=bsn, rol="<script>")) == 1  # refused: headers only
    export = AccessLog.objects.filter(action="export").get()
    assert export.detail == "Export toegangslog (CSV, 0 regels); zoekcriteria: ongeldig, geen regels"
    assert (export.object_type, export.object_id) == ("leerwerk.AccessLog", "")
