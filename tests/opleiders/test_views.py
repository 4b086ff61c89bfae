"""The opleider's page /opleiding/: inline updates, forms, query count, access log, start page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from opleiders import constants as oc
from opleiders.models import Certificaat, Module, ModuleDeelname
from tests.factories import OrganisatieFactory, TrajectPartnerFactory
from tests.opleiders.conftest import HTMX, PAGE, deelname_met_toestemming, get_page, make_module, row_data
from tests.secties import met_secties
from trajecten import constants as tc

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


# --- Updating a row ---------------------------------------------------------------------------


def test_row_update_with_htmx_answers_the_row_and_a_status(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk})
    data = row_data(aanwezigheid="95", voortgang="afgerond", resultaat="behaald", toelichting="Goed gedaan")
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr class="utrecht-table__row" id="rij-{opleiding.moduledeelname.pk}">')
    assert 'hx-swap-oob="innerHTML"' in html and "Opgeslagen voor Amira Haddad." in html
    assert 'value="95"' in html
    stored = ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk)
    assert (stored.aanwezigheid, stored.voortgang, stored.resultaat, stored.toelichting) == (
        95,
        "afgerond",
        "behaald",
        "Goed gedaan",
    )


def test_row_update_without_javascript_redirects_back_to_the_row(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk})
    response = client.post(url, row_data(aanwezigheid="40"))
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#rij-{opleiding.moduledeelname.pk}"
    assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid == 40
    assert "Opgeslagen" in client.get(response["Location"]).content.decode()


def test_attendance_120_shows_a_dutch_error_in_the_row_and_saves_nothing(client, opleiding):
    client.force_login(opleiding.opleider)
    pk = opleiding.moduledeelname.pk
    url = reverse("opleiders:rij", kwargs={"pk": pk})
    response = client.post(url, row_data(aanwezigheid="120", toelichting="mag niet blijven"), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een percentage in van 0 tot en met 100." in html
    assert "Niet opgeslagen: controleer de invoer bij Amira Haddad." in html
    # the error is linked to its input
    assert re.search(rf'<input[^>]*aria-invalid="true"[^>]*id="rij{pk}_aanwezigheid"', html) or re.search(
        rf'<input[^>]*id="rij{pk}_aanwezigheid"[^>]*aria-invalid="true"', html
    )
    assert f'aria-describedby="rij{pk}_aanwezigheid_error"' in html
    assert f'id="rij{pk}_aanwezigheid_error"' in html
    stored = ModuleDeelname.objects.get(pk=pk)
    assert (stored.aanwezigheid, stored.toelichting) == (None, "")

    # without JavaScript: the whole page, the error at its row, an alert pointing at it
    page = client.post(url, row_data(aanwezigheid="120")).content.decode()
    assert "Vul een percentage in van 0 tot en met 100." in page
    assert f'href="#rij-{pk}"' in page and 'role="alert"' in page
    assert ModuleDeelname.objects.get(pk=pk).aanwezigheid is None


def test_attendance_not_a_number_is_refused(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk})
    html = client.post(url, row_data(aanwezigheid="veel"), **HTMX).content.decode()
    assert "Vul een heel getal in van 0 tot en met 100." in html
    assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid is None


def test_row_page_get_is_not_allowed(client, opleiding):
    client.force_login(opleiding.opleider)
    assert client.get(reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk})).status_code == 405


# --- Modules, enrolment, certificates ------------------------------------------------------------


def test_add_module_through_theget_page(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:module_nieuw", kwargs={"traject_pk": opleiding.traject.pk})
    data = {
        "soort": "vaktaal",
        "naam": "Vaktaal warmtepompen",
        "start": "2026-05-01",
        "eind": "2026-06-30",
        "prijs": "450.00",
        "prijs_per": "deelnemer",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    module = Module.objects.get(naam="Vaktaal warmtepompen")
    assert module.aanbieder == opleiding.school and module.prijs == Decimal("450.00")

    bad = client.post(url, {**data, "naam": "Omgekeerd", "start": "2026-06-30", "eind": "2026-05-01"})
    html = bad.content.decode()
    assert "De einddatum ligt vóór de startdatum." in html
    assert f'id="module-toevoegen-{opleiding.traject.pk}" open' in html
    assert not Module.objects.filter(naam="Omgekeerd").exists()


def test_edit_own_module(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:module_wijzigen", kwargs={"pk": opleiding.module.pk})
    html = client.get(url).content.decode()
    assert 'value="VCA-cursus"' in html and '<label class="utrecht-form-label" for="id_naam">Naam</label>' in html
    response = client.post(
        url,
        {
            "soort": "vca",
            "naam": "VCA basis voorjaar",
            "start": "2026-04-01",
            "eind": "2026-04-30",
            "prijs": "0",
            "prijs_per": "groep",
        },
    )
    assert response.status_code == 302
    assert Module.objects.get(pk=opleiding.module.pk).naam == "VCA basis voorjaar"


def test_enrol_participant_through_theget_page(client, opleiding):
    tweede = deelname_met_toestemming(opleiding.traject, deelnemer__voornaam="Samir", deelnemer__achternaam="Darwish")
    client.force_login(opleiding.opleider)
    html = met_secties(client, PAGE)
    assert f'<option value="{tweede.pk}">Samir Darwish</option>' in html
    assert f'<option value="{opleiding.zonder_toestemming.pk}"' not in html
    url = reverse("opleiders:inschrijven", kwargs={"pk": opleiding.module.pk})
    assert client.post(url, {"deelname": tweede.pk}).status_code == 302
    assert ModuleDeelname.objects.filter(module=opleiding.module, deelname=tweede).exists()

    refused = client.post(url, {"deelname": opleiding.zonder_toestemming.pk}).content.decode()
    assert "Kies een deelnemer van dit traject." in refused
    assert not ModuleDeelname.objects.filter(deelname=opleiding.zonder_toestemming).exists()


def test_vca_certificate_without_expiry_is_refused_on_theget_page(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:certificaat_nieuw", kwargs={"traject_pk": opleiding.traject.pk})
    data = {
        "deelnemer": opleiding.deelnemer.pk,
        "soort": "vca_basis",
        "behaald_op": "2026-04-30",
        "module": opleiding.module.pk,
    }
    html = client.post(url, data).content.decode()
    assert "Een VCA-certificaat heeft een vervaldatum: vul &#x27;geldig tot&#x27; in." in html
    assert f'id="certificaat-toevoegen-{opleiding.traject.pk}" open' in html
    assert not Certificaat.objects.exists()

    response = client.post(url, {**data, "geldig_tot": "2036-04-30"})
    assert response.status_code == 302
    cert = Certificaat.objects.get()
    assert (cert.deelnemer_id, cert.module_id, cert.geldig_tot) == (
        opleiding.deelnemer.pk,
        opleiding.module.pk,
        datetime.date(2036, 4, 30),
    )
    page = met_secties(client, PAGE)
    assert "VCA basis" in page and "geldig tot 30-04-2036" in page


def test_certificate_for_participant_without_consent_is_refused(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:certificaat_nieuw", kwargs={"traject_pk": opleiding.traject.pk})
    data = {
        "deelnemer": opleiding.zonder_toestemming.deelnemer.pk,
        "soort": "praktijkverklaring",
        "behaald_op": "2026-04-30",
    }
    html = client.post(url, data).content.decode()
    assert "Kies een deelnemer van dit traject." in html
    assert not Certificaat.objects.exists()


# --- Queries and access log ---------------------------------------------------------------------


def _queries_forget_page(client, user) -> list[int]:
    """The queries of the page and of each of its lazy sections."""
    client.force_login(user)
    urls = [PAGE, *re.findall(r'hx-get="([^"]+)" hx-trigger="load"', client.get(PAGE).content.decode())]
    counts = []
    for url in urls:
        client.get(url, **HTMX)  # warm up: session, content types, translations
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **HTMX).status_code == 200
        counts.append(len(ctx))
    return counts


def test_page_query_count_does_not_grow_with_participants(client, opleiding):
    vaktaal = make_module(opleiding.traject, opleiding.school, soort=oc.ModuleSoort.VAKTAAL, naam="Vaktaal")
    Certificaat.objects.create(
        deelnemer=opleiding.deelnemer,
        soort="vca_basis",
        behaald_op=datetime.date(2026, 4, 30),
        geldig_tot=datetime.date(2036, 4, 30),
        module=opleiding.module,
    )
    one = _queries_forget_page(client, opleiding.opleider)

    # more modules, also one of another trainer (read-only rows), must not cost queries either
    taalschool = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=taalschool, rol=tc.PartnerRol.TAALOPLEIDER)
    taalmodule = make_module(opleiding.traject, taalschool, soort=oc.ModuleSoort.VAKTAAL, naam="Taal")
    for i in range(2):
        make_module(opleiding.traject, opleiding.school, naam=f"Extra {i}")
    for _i in range(49):
        deelname = deelname_met_toestemming(opleiding.traject)
        ModuleDeelname.objects.create(module=opleiding.module, deelname=deelname, aanwezigheid=70)
        ModuleDeelname.objects.create(module=vaktaal, deelname=deelname)
        ModuleDeelname.objects.create(module=taalmodule, deelname=deelname, aanwezigheid=60)
        Certificaat.objects.create(
            deelnemer=deelname.deelnemer, soort="praktijkverklaring", behaald_op=datetime.date(2026, 5, 1)
        )
    fifty = _queries_forget_page(client, opleiding.opleider)
    assert fifty == one
    html = met_secties(client, PAGE)
    assert html.count('class="utrecht-table__row" id="rij-') == 50 + 49 + 49


def test_selector_runs_a_fixed_number_of_queries(opleiding, django_assert_num_queries):
    from opleiders.selectors import OVERZICHT_QUERIES, opleiding_overzicht

    for _i in range(3):
        ModuleDeelname.objects.create(module=opleiding.module, deelname=deelname_met_toestemming(opleiding.traject))
    with django_assert_num_queries(OVERZICHT_QUERIES):
        blokken = opleiding_overzicht(opleiding.opleider)
        # what the templates touch, also in the query budget
        for blok in blokken:
            for mb in blok.modules:
                for rij in mb.rijen:
                    assert rij.deelname.deelnemer.naam and rij.moduledeelname.deelname.status
                    assert mb.module.aanbieder.naam
            for rij in blok.deelnemers:
                for cert in rij.certificaten:
                    assert cert.module is None or cert.module.naam


def test_page_writes_an_access_log_row_per_participant_shown(client, opleiding):
    tweede = deelname_met_toestemming(opleiding.traject)
    get_page(client, opleiding.opleider)
    rows = AccessLog.objects.filter(user_id=opleiding.opleider.pk)
    # The page itself shows no person; each section that shows them logs them (the modules
    # section: Amira's row and Tweede's name in the enrolment form).
    t = opleiding.traject.pk
    modules, deelnemers = f"{PAGE}trajecten/{t}/modulelijst/", f"{PAGE}trajecten/{t}/deelnemers/"
    assert sorted((r.action, r.object_type, r.object_id, r.rol, r.path) for r in rows) == sorted(
        ("list", "deelnemers.Deelnemer", str(d.pk), "opleider", path)
        for d in (opleiding.deelnemer, tweede.deelnemer)
        for path in (modules, deelnemers)
    )
    assert not AccessLog.objects.filter(object_id=str(opleiding.zonder_toestemming.deelnemer_id)).exists()


def test_htmx_row_answer_is_logged_as_a_view(client, opleiding):
    client.force_login(opleiding.opleider)
    client.post(reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk}), row_data(), **HTMX)
    row = AccessLog.objects.get(user_id=opleiding.opleider.pk)
    assert (row.action, row.object_type, row.object_id, row.rol) == (
        "view",
        "deelnemers.Deelnemer",
        str(opleiding.deelnemer.pk),
        "opleider",
    )


# --- Start page ---------------------------------------------------------------------------------


def test_start_page_section_counts_and_links(client, opleiding):
    client.force_login(opleiding.opleider)
    html = met_secties(client, reverse("mijn_werk_rol", kwargs={"rol": Rol.OPLEIDER}))
    assert "Uw organisatie leidt op in 1 traject." in html
    assert "U geeft 1 module." in html
    assert "1 deelnemer in uw trajecten." in html
    assert f'href="{PAGE}"' in html
    assert "Amira" not in html
