"""The klantmanager's screens: registration, list, candidate page, BSN reveal, aanmelden."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelnemers.models import Deelnemer, Randvoorwaarde, Toestemming
from leerwerk.models import AccessLog, Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    ToestemmingFactory,
    TrajectFactory,
    bsn_for,
)
from tests.secties import met_secties
from trajecten.models import Deelname, DeelnameStap

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

LIJST = reverse("deelnemers:kandidaten")


def _lijst(client, params=None) -> str:
    """The candidate list as a browser shows it: the page with its table loaded lazily (issue 12)."""
    return met_secties(client, LIJST + (f"?{urlencode(params)}" if params else ""))


NIEUW = reverse("deelnemers:nieuw")
TALEN_LEEG = {"taal-TOTAL_FORMS": "4", "taal-INITIAL_FORMS": "0", "taal-MIN_NUM_FORMS": "0", "taal-MAX_NUM_FORMS": "4"}


@pytest.fixture
def km(make_user):
    return make_user(Rol.KLANTMANAGER, naam="Karin Klant")


@pytest.fixture
def km_client(client, km):
    client.force_login(km)
    return client


@pytest.fixture
def kandidaat(gemeente):
    return DeelnemerFactory(gemeente=gemeente, voornaam="Amina", achternaam="Haddad", bsn="123456782")


def formulier(km, **overrides):
    data = {
        "voornaam": "Yusuf",
        "achternaam": "Tesfaye",
        "geboortedatum": "1994-03-14",
        "bsn": "111222333",
        "doelgroep": "statushouder",
        "inburgering_regime": "wi2021",
        "inburgering_route": "b1",
        "inburgering_status": "lopend",
        "taal_luisteren": "A2",
        "taal_lezen": "A2",
        "taal_spreken": "B1",
        "taal_schrijven": "A1",
        "taal_gemeten_op": "2026-01-10",
        "opleidingsniveau": "mbo2",
        "uitkering_type": "participatiewet_bijstand",
        "uitkering_start": "2025-06-01",
        "uitkering_maandbedrag": "1234.56",
        "klantmanager": str(km.pk),
        "uren_per_week": "32",
        "dagdelen": ["ma_ochtend", "di_middag"],
        "rijbewijs": "geen",
        "gezondheid_beperkingen": ["tillen"],
        "werkervaring-TOTAL_FORMS": "3",
        "werkervaring-INITIAL_FORMS": "0",
        "werkervaring-MIN_NUM_FORMS": "0",
        "werkervaring-MAX_NUM_FORMS": "3",
        "werkervaring-0-sector": "Bouw",
        "werkervaring-0-jaren": "4",
        "werkervaring-0-waar": "Syrië",
        **TALEN_LEEG,
    }
    data.update(overrides)
    return data


def log_rows(action):
    return list(AccessLog.objects.filter(action=action).order_by("id"))


# --- Registreren --------------------------------------------------------------------------


def test_registration_saves_the_candidate_in_the_klantmanagers_gemeente(km_client, km, gemeente):
    response = km_client.post(NIEUW, formulier(km))

    deelnemer = Deelnemer.objects.get(bsn="111222333")
    assert response.status_code == 302
    assert response["Location"] == reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk})
    assert deelnemer.gemeente == gemeente and deelnemer.aangemaakt_door == km and deelnemer.klantmanager == km
    assert deelnemer.dagdelen == ["ma_ochtend", "di_middag"] and deelnemer.gezondheid_beperkingen == ["tillen"]
    assert [(w.sector, int(w.jaren)) for w in deelnemer.werkervaringen.all()] == [("Bouw", 4)]
    assert Randvoorwaarde.objects.filter(deelnemer=deelnemer, status="onbesproken").count() == 6
    page = km_client.get(response["Location"]).content.decode()
    assert "Yusuf Tesfaye is geregistreerd." in page
    assert "€ 1.234,56" in page


def test_an_eight_digit_bsn_that_passes_with_a_leading_zero_is_stored_with_nine(km_client, km):
    response = km_client.post(NIEUW, formulier(km, bsn="10000008"))
    assert response.status_code == 302
    assert Deelnemer.objects.filter(bsn="010000008").exists()


@pytest.mark.parametrize(
    ("overrides", "veld", "melding"),
    [
        ({"bsn": "123456789"}, "bsn", "Dit BSN klopt niet (het voldoet niet aan de elfproef)"),
        ({"bsn": "12345678"}, "bsn", "Een BSN bestaat uit 9 cijfers."),
        ({"bsn": "1234567"}, "bsn", "Een BSN bestaat uit 9 cijfers."),
        ({"bsn": "bestaand"}, "bsn", "Er is al een kandidaat met dit BSN."),
        ({"geboortedatum": "morgen"}, "geboortedatum", "De geboortedatum ligt in de toekomst."),
        ({"werkervaring-1-jaren": "3"}, "werkervaring-1-sector", "Vul de sector in"),
        ({"uitkering_type": "geen"}, "uitkering_type", "Kies de soort uitkering"),
    ],
)
def test_bad_registration_shows_dutch_field_errors_and_saves_nothing(km_client, km, overrides, veld, melding):
    if overrides.get("bsn") == "bestaand":
        overrides["bsn"] = DeelnemerFactory(gemeente=GemeenteFactory()).bsn  # another gemeente: BSN is unique
    if overrides.get("geboortedatum") == "morgen":
        overrides["geboortedatum"] = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    before = Deelnemer.objects.count()

    response = km_client.post(NIEUW, formulier(km, **overrides))

    html = response.content.decode()
    assert response.status_code == 400
    assert Deelnemer.objects.count() == before
    assert Randvoorwaarde.objects.count() == 0
    # The error sits at its field, the field is marked invalid, and the summary links to it.
    error_list = re.search(rf'<ul class="errorlist" id="id_{veld}_error">(.*?)</ul>', html, re.S)
    assert error_list and melding in error_list.group(1)
    assert re.search(rf'<[^>]+id="id_{veld}"[^>]*aria-invalid="true"', html) or re.search(
        rf'<[^>]+aria-invalid="true"[^>]*id="id_{veld}"', html
    )
    assert f'href="#id_{veld}"' in html
    assert 'id="foutsamenvatting"' in html and "autofocus" in html


def test_registration_form_groups_fields_with_legends_and_checkboxes(km_client):
    html = km_client.get(NIEUW).content.decode()
    legends = re.findall(r'<legend class="[^"]*leerwerk-sectie__legend">([^<]+)</legend>', html)
    assert legends == [
        "Persoon",
        "Contact",
        "Inburgering",
        "Taal",
        "Opleiding en werk",
        "Uitkering",
        "Beschikbaarheid",
        "Gezondheid",
    ]
    assert 'type="date" name="geboortedatum"' in html
    assert 'type="checkbox" name="dagdelen" value="ma_ochtend"' in html
    assert 'type="checkbox" name="gezondheid_beperkingen" value="tillen"' in html
    assert 'name="werkervaring-2-sector"' in html and 'name="werkervaring-3-sector"' not in html
    assert 'name="gemeente"' not in html and 'name="aangemaakt_door"' not in html


# --- Mijn kandidaten ----------------------------------------------------------------------


def test_list_searches_on_name_and_bsn_and_filters(km_client, km, gemeente, kandidaat):
    other = DeelnemerFactory(gemeente=gemeente, voornaam="Bram", achternaam="Visser", doelgroep="overig")
    DeelnemerFactory(voornaam="Amina", achternaam="Haddad")  # same name, other gemeente: never shown
    traject = TrajectFactory(regie_organisatie=gemeente)
    DeelnameFactory(traject=traject, deelnemer=other, aangemeld_door=km)

    def names(**params):
        # the search term goes in a POST body (never in an address), the filters in the query string
        html = km_client.post(LIJST, params).content.decode() if "zoek" in params else _lijst(km_client, params)
        return re.findall(r'<a class="utrecht-link" href="/kandidaten/\d+/">([^<]+)</a>', html)

    assert names() == ["Haddad, Amina", "Visser, Bram"]
    assert names(zoek="amin") == ["Haddad, Amina"]
    assert names(zoek="123 456 782") == ["Haddad, Amina"]
    assert names(zoek="123 456") == []  # only the whole BSN: no reading it digit by digit
    assert names(doelgroep="overig") == ["Visser, Bram"]
    assert names(status="zonder_traject") == ["Haddad, Amina"]
    assert names(status="aangemeld") == ["Visser, Bram"]
    html = _lijst(km_client)
    assert "******782" in html and "123456782" not in html
    assert f"{traject.naam}: " in html and "Aangemeld" in html


def test_list_answers_htmx_with_the_table_partial_and_the_count_out_of_band(km_client, kandidaat):
    htmx = {"HX-Request": "true", "HX-Target": "kandidaten-resultaat"}
    response = km_client.post(LIJST, {"zoek": "haddad"}, headers=htmx)
    html = response.content.decode()
    assert "<html" not in html and "Haddad, Amina" in html
    assert 'id="kandidaten-aantal" hx-swap-oob="innerHTML"' in html and "1 kandidaat gevonden" in html
    # Any other htmx request (a history restore, a boosted link) gets the whole page.
    assert "<html" in km_client.get(LIJST, headers={"HX-Request": "true"}).content.decode()


def test_list_writes_one_access_log_row_per_person_shown(km_client, km, gemeente):
    shown = DeelnemerFactory.create_batch(3, gemeente=gemeente)
    DeelnemerFactory()  # other gemeente

    _lijst(km_client)  # the page logs nobody; its lazy table logs the persons it shows

    rows = log_rows("list")
    assert sorted(r.object_id for r in rows) == sorted(str(d.pk) for d in shown)
    assert {(r.rol, r.user_id, r.object_type) for r in rows} == {("klantmanager", km.pk, "deelnemers.Deelnemer")}


def test_list_is_paginated_by_25(km_client, gemeente):
    DeelnemerFactory.create_batch(27, gemeente=gemeente)
    first = _lijst(km_client)
    second = _lijst(km_client, {"pagina": 2})
    assert first.count('<tr class="utrecht-table__row">') == 26  # header + 25
    assert second.count('<tr class="utrecht-table__row">') == 3
    assert "27 kandidaten, pagina 1 van 2" in first


def _list_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIJST).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_the_candidates(km_client, km, gemeente):
    traject = TrajectFactory(regie_organisatie=gemeente)
    DeelnameFactory(traject=traject, deelnemer=DeelnemerFactory(gemeente=gemeente), aangemeld_door=km)
    one = _list_queries(km_client)
    for deelnemer in DeelnemerFactory.create_batch(49, gemeente=gemeente):
        DeelnameFactory(traject=traject, deelnemer=deelnemer, aangemeld_door=km)
    fifty = _list_queries(km_client)
    assert one == fifty


# --- Scope and roles ----------------------------------------------------------------------


def _candidate_urls(deelnemer, toestemming):
    pk = deelnemer.pk
    return [
        ("get", reverse("deelnemers:kandidaat", kwargs={"pk": pk})),
        ("get", reverse("deelnemers:wijzigen", kwargs={"pk": pk})),
        ("post", reverse("deelnemers:wijzigen", kwargs={"pk": pk})),
        ("post", reverse("deelnemers:bsn", kwargs={"pk": pk})),
        ("get", reverse("deelnemers:intake", kwargs={"pk": pk})),
        ("post", reverse("deelnemers:intake", kwargs={"pk": pk})),
        ("get", reverse("deelnemers:randvoorwaarden", kwargs={"pk": pk})),
        ("post", reverse("deelnemers:randvoorwaarden", kwargs={"pk": pk})),
        ("post", reverse("deelnemers:toestemming", kwargs={"pk": pk, "soort": "werkgevers"})),
        ("post", reverse("deelnemers:toestemming_intrekken", kwargs={"pk": pk, "toestemming_pk": toestemming.pk})),
        ("get", reverse("deelnemers:aanmelden", kwargs={"pk": pk})),
        ("post", reverse("deelnemers:aanmelden", kwargs={"pk": pk})),
        ("get", reverse("deelnemers:aanmelden_check", kwargs={"pk": pk})),
    ]


def test_a_candidate_of_another_gemeente_is_404_on_every_page(km_client):
    other = DeelnemerFactory()
    toestemming = ToestemmingFactory(deelnemer=other)
    for method, url in _candidate_urls(other, toestemming):
        response = getattr(km_client, method)(url, {"gegeven_op": "2026-01-05", "intake-motivatie": "x"})
        assert response.status_code == 404, (method, url)
    assert Toestemming.objects.get(pk=toestemming.pk).ingetrokken_op is None
    assert Toestemming.objects.filter(deelnemer=other).count() == 1
    assert not [r for r in log_rows("view") + log_rows("reveal") if r.result == "allowed"]
    # every refused attempt is logged, naming only the id asked for (issue 11)
    geweigerd = AccessLog.objects.filter(result="denied")
    assert geweigerd.count() == len(_candidate_urls(other, toestemming))
    assert set(geweigerd.values_list("object_type", "object_id")) == {("deelnemers.Deelnemer", str(other.pk))}


def test_a_consent_of_another_candidate_cannot_be_withdrawn_through_this_one(km_client, kandidaat, gemeente):
    toestemming = ToestemmingFactory(deelnemer=DeelnemerFactory(gemeente=gemeente))
    url = reverse("deelnemers:toestemming_intrekken", kwargs={"pk": kandidaat.pk, "toestemming_pk": toestemming.pk})
    assert km_client.post(url).status_code == 404
    assert Toestemming.objects.get(pk=toestemming.pk).ingetrokken_op is None


@pytest.mark.parametrize("rol", [Rol.WERKGEVER, Rol.WETHOUDER, Rol.REGISSEUR, Rol.OPLEIDER, Rol.JOBCOACH])
def test_other_roles_get_404_on_every_page(client, make_user, kandidaat, rol):
    client.force_login(make_user(rol))
    toestemming = ToestemmingFactory(deelnemer=kandidaat)
    urls = [("get", LIJST), ("get", NIEUW), ("post", NIEUW), *_candidate_urls(kandidaat, toestemming)]
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404, (rol, method, url)


def test_anonymous_users_are_sent_to_the_login(client, kandidaat):
    response = client.get(reverse("deelnemers:kandidaat", kwargs={"pk": kandidaat.pk}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- De kandidaatpagina -------------------------------------------------------------------


def test_candidate_page_logs_a_view_and_masks_the_bsn(km_client, km, kandidaat):
    html = km_client.get(reverse("deelnemers:kandidaat", kwargs={"pk": kandidaat.pk})).content.decode()
    assert "******782" in html and "123456782" not in html
    assert "Toon BSN" in html
    rows = log_rows("view")
    assert [(r.object_id, r.rol, r.user_id) for r in rows] == [(str(kandidaat.pk), "klantmanager", km.pk)]


@pytest.mark.parametrize("htmx", [True, False])
def test_bsn_reveal_writes_a_reveal_row_and_shows_the_full_bsn(km_client, km, kandidaat, htmx):
    url = reverse("deelnemers:bsn", kwargs={"pk": kandidaat.pk})
    headers = {"HX-Request": "true"} if htmx else {}

    response = km_client.post(url, headers=headers)

    html = response.content.decode()
    assert response.status_code == 200 and "123456782" in html
    assert ("<html" in html) is not htmx
    rows = log_rows("reveal")
    assert [(r.object_id, r.rol, r.user_id) for r in rows] == [(str(kandidaat.pk), "klantmanager", km.pk)]
    assert km_client.get(url).status_code == 405  # only a deliberate POST reveals


def test_candidate_page_shows_sections_participations_and_timeline(km_client, km, gemeente, kandidaat):
    traject = TrajectFactory(regie_organisatie=gemeente, naam="Installatie Oost")
    DeelnameFactory(traject=traject, deelnemer=kandidaat, aangemeld_door=km, status="aangemeld")
    html = met_secties(km_client, reverse("deelnemers:kandidaat", kwargs={"pk": kandidaat.pk}))
    for kop in ("Persoon en contact", "Inburgering en taal", "Uitkering", "Randvoorwaarden", "Intake", "Toestemmingen"):
        assert kop in html
    assert "Installatie Oost" in html and "Tijdlijn" in html and "door Karin Klant" in html


def test_consent_is_recorded_and_withdrawn(km_client, km, kandidaat):
    url = reverse("deelnemers:toestemming", kwargs={"pk": kandidaat.pk, "soort": "partners"})
    data = {
        "partners-gegeven_op": "2026-01-05",
        "partners-einddatum": "2027-01-04",
        "partners-tekstversie": "2026-1",
        "partners-partners": ["regisseur", "opleider"],
    }
    assert km_client.post(url, data).status_code == 302
    toestemming = Toestemming.objects.get(deelnemer=kandidaat, soort="partners")
    assert toestemming.vastgelegd_door == km and toestemming.gegeven_op == datetime.date(2026, 1, 5)

    intrekken = reverse(
        "deelnemers:toestemming_intrekken", kwargs={"pk": kandidaat.pk, "toestemming_pk": toestemming.pk}
    )
    assert km_client.post(intrekken).status_code == 302
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op == timezone.localdate()


def test_consent_in_the_future_is_refused_at_the_field(km_client, kandidaat):
    url = reverse("deelnemers:toestemming", kwargs={"pk": kandidaat.pk, "soort": "partners"})
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = km_client.post(url, {"partners-gegeven_op": morgen, "partners-einddatum": "2099-01-01"})
    assert response.status_code == 400
    assert "De datum van toestemming ligt in de toekomst." in response.content.decode()
    assert not Toestemming.objects.exists()


def test_intake_is_saved_with_its_fourteen_topics(km_client, km, kandidaat):
    url = reverse("deelnemers:intake", kwargs={"pk": kandidaat.pk})
    html = km_client.get(url).content.decode()
    assert html.count("<textarea") == 14
    assert km_client.post(url, {"motivatie": "Monteur worden", "belemmeringen": "Kinderopvang"}).status_code == 302
    kandidaat.refresh_from_db()
    assert kandidaat.intake.motivatie == "Monteur worden" and kandidaat.intake.afgenomen_door == km


def test_preconditions_are_updated(km_client, km, kandidaat):
    rv = Randvoorwaarde.objects.create(deelnemer=kandidaat, soort="fiets")
    prefix = f"rv{rv.pk}-"
    data = {
        prefix + "status": "in_orde",
        prefix + "toelichting": "Fiets via de gemeente",
        prefix + "actiehouder": km.pk,
    }
    assert km_client.post(reverse("deelnemers:randvoorwaarden", kwargs={"pk": kandidaat.pk}), data).status_code == 302
    rv.refresh_from_db()
    assert (rv.status, rv.toelichting, rv.actiehouder) == ("in_orde", "Fiets via de gemeente", km)


def test_edit_saves_the_changes(km_client, km, kandidaat):
    url = reverse("deelnemers:wijzigen", kwargs={"pk": kandidaat.pk})
    data = formulier(km, bsn=kandidaat.bsn, voornaam="Amina", achternaam="Haddad-Ali", uren_per_week="24")
    assert km_client.post(url, data).status_code == 302
    kandidaat.refresh_from_db()
    assert (kandidaat.achternaam, kandidaat.uren_per_week) == ("Haddad-Ali", 24)
    assert [w.sector for w in kandidaat.werkervaringen.all()] == ["Bouw"]


# --- Aanmelden ----------------------------------------------------------------------------


def test_aanmelden_shows_the_criteria_and_creates_the_deelname(km_client, km, gemeente, kandidaat):
    traject = TrajectFactory(regie_organisatie=gemeente, min_taalniveau="A2", min_uren_per_week=40)
    check_url = reverse("deelnemers:aanmelden_check", kwargs={"pk": kandidaat.pk})
    check = km_client.get(check_url, {"traject": traject.pk}, headers={"HX-Request": "true"}).content.decode()
    assert "Niet voldaan" in check and "Taalniveau" in check and "Beschikbaarheid" in check
    assert "Laagste vaardigheid A1, minimaal A2 gevraagd." in check and "de regisseur beslist" in check

    url = reverse("deelnemers:aanmelden", kwargs={"pk": kandidaat.pk})
    no_js = km_client.post(url, {"traject": traject.pk, "controleer": "1"}).content.decode()
    assert "32 uur per week beschikbaar, minimaal 40 gevraagd." in no_js
    assert not Deelname.objects.exists()

    response = km_client.post(url, {"traject": traject.pk, "toelichting": "Gemotiveerd"})

    assert response.status_code == 302
    deelname = Deelname.objects.get(deelnemer=kandidaat, traject=traject)
    assert (deelname.status, deelname.aangemeld_door, deelname.motivatie_aanmelding) == ("aangemeld", km, "Gemotiveerd")
    stap = DeelnameStap.objects.get(deelname=deelname)
    assert (stap.van_status, stap.naar_status, stap.door) == ("", "aangemeld", km)
    assert "is aangemeld voor" in km_client.get(response["Location"]).content.decode()


def test_aanmelden_outside_the_gemeente_without_consent_gives_the_dutch_error(km_client, gemeente, kandidaat):
    traject = TrajectFactory(gemeenten=[gemeente])  # regie with another organisation
    url = reverse("deelnemers:aanmelden", kwargs={"pk": kandidaat.pk})

    response = km_client.post(url, {"traject": traject.pk})

    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'id="id_traject_error">.*De regie van dit traject ligt buiten uw gemeente', html, re.S)
    assert not Deelname.objects.exists()

    ToestemmingFactory(deelnemer=kandidaat)
    assert km_client.post(url, {"traject": traject.pk}).status_code == 302
    assert Deelname.objects.filter(deelnemer=kandidaat, traject=traject).exists()


def test_aanmelden_twice_is_refused_at_the_field(km_client, km, gemeente, kandidaat):
    traject = TrajectFactory(regie_organisatie=gemeente)
    DeelnameFactory(traject=traject, deelnemer=kandidaat, aangemeld_door=km)
    response = km_client.post(reverse("deelnemers:aanmelden", kwargs={"pk": kandidaat.pk}), {"traject": traject.pk})
    assert response.status_code == 400
    assert "Deze kandidaat is al aangemeld voor dit traject." in response.content.decode()


def test_aanmelden_offers_only_open_trajectories_of_the_gemeente(km_client, gemeente, kandidaat):
    open_traject = TrajectFactory(regie_organisatie=gemeente, naam="Open traject")
    TrajectFactory(regie_organisatie=gemeente, naam="Concepttraject", status="concept")
    TrajectFactory(naam="Ander traject")
    html = km_client.get(reverse("deelnemers:aanmelden", kwargs={"pk": kandidaat.pk})).content.decode()
    assert f'value="{open_traject.pk}"' in html
    assert "Concepttraject" not in html and "Ander traject" not in html


# --- Startpagina --------------------------------------------------------------------------


def test_start_page_shows_counts_and_links(km_client, km, gemeente, kandidaat):
    traject = TrajectFactory(regie_organisatie=gemeente)
    DeelnameFactory(traject=traject, deelnemer=DeelnemerFactory(gemeente=gemeente, bsn=bsn_for(900)), aangemeld_door=km)
    DeelnemerFactory()  # other gemeente
    html = met_secties(km_client, reverse("mijn_werk_rol", kwargs={"rol": Rol.KLANTMANAGER}))
    assert "2 kandidaten" in html and "1 zonder traject" in html and "1 aangemeld, wacht op de regisseur" in html
    assert f'href="{LIJST}?status=zonder_traject"' in html and f'href="{NIEUW}"' in html


@pytest.mark.django_db(databases=["default", "audit"])
def test_preconditions_page_query_count_does_not_grow_with_the_rows(km_client, kandidaat):
    from deelnemers.models import Randvoorwaarde

    url = reverse("deelnemers:randvoorwaarden", args=[kandidaat.pk])
    Randvoorwaarde.objects.create(deelnemer=kandidaat, soort="overig", toelichting="Werkschoenen")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert km_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    one = queries()
    for n in range(6):
        Randvoorwaarde.objects.create(deelnemer=kandidaat, soort="overig", toelichting=f"Nummer {n}")
    assert queries() == one
