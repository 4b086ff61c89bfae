"""Claim statements (issue 13, item 8): the payee gathers its open lines for one payer and period,
submits (a Celery task renders the PDF), the payer approves or refuses with a reason and marks it
paid; an O&O-fonds never sees a name (page, PDF, XLSX); spreadsheet formulas are escaped."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from financiering import constants as c
from financiering import exports, resultaten, services
from financiering.models import Claimregel, Declaratie
from financiering.tasks import declaratie_pdf
from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnemerFactory, GemeenteFactory, UserFactory
from tests.financiering.test_resultaten import VANDAAG, _afspraak, _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def claims(geld, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    oss = GemeenteFactory(naam="Oss")
    _afspraak(geld)
    plaatsingen = [
        _contract(geld, DeelnemerFactory(gemeente=oss, voornaam="Amina", achternaam="=HYPERLINK(1)")) for _ in range(2)
    ]
    _contract(geld, DeelnemerFactory(gemeente=GemeenteFactory(naam="Uden")))  # another payer
    resultaten.detecteer(vandaag=VANDAAG)
    return {
        "oss": oss,
        "plaatsingen": plaatsingen,
        "betaler": UserFactory(organisatie=oss, rollen=[Rol.FINANCIER]),
        "klantmanager": UserFactory(organisatie=oss, rollen=[Rol.FINANCIER, Rol.KLANTMANAGER]),
    }


def _maak(geld, claims):
    return services.declaratie_create(
        acting_user=geld.financier,
        betaler=claims["oss"],
        periode_van=dt.date(2027, 1, 1),
        periode_tot=dt.date(2027, 3, 31),
    )


def test_a_statement_from_concept_to_paid_settles_its_lines(geld, claims):
    declaratie = _maak(geld, claims)
    assert declaratie.regels.count() == 2 and declaratie.status == c.DeclaratieStatus.CONCEPT
    with pytest.raises(PermissionDenied):  # only the payee submits
        services.declaratie_submit(acting_user=claims["betaler"], declaratie=declaratie)
    services.declaratie_submit(acting_user=geld.financier, declaratie=declaratie)
    with pytest.raises(PermissionDenied):  # only the payer approves
        services.declaratie_approve(acting_user=geld.financier, declaratie=declaratie)
    services.declaratie_approve(acting_user=claims["betaler"], declaratie=declaratie)
    services.declaratie_mark_paid(acting_user=claims["betaler"], declaratie=declaratie, op=dt.date(2026, 12, 1))
    declaratie.refresh_from_db()
    assert (declaratie.status, declaratie.betaald_op) == (c.DeclaratieStatus.BETAALD, dt.date(2026, 12, 1))
    assert set(declaratie.regels.values_list("status", flat=True)) == {c.ClaimStatus.BETAALD}
    with pytest.raises(ValidationError) as fout:
        _maak(geld, claims)  # nothing left to claim in the period
    assert "geen resultaten te declareren" in fout.value.message_dict["betaler"][0]


def test_a_refused_statement_needs_a_reason_and_its_lines_can_be_claimed_again(geld, claims):
    declaratie = _maak(geld, claims)
    services.declaratie_submit(acting_user=geld.financier, declaratie=declaratie)
    with pytest.raises(ValidationError):
        services.declaratie_refuse(acting_user=claims["betaler"], declaratie=declaratie, reden=" ")
    services.declaratie_refuse(acting_user=claims["betaler"], declaratie=declaratie, reden="Contract ontbreekt.")
    opnieuw = _maak(geld, claims)
    assert opnieuw.regels.count() == 2
    assert Declaratie.objects.get(pk=declaratie.pk).reden == "Contract ontbreekt."


def test_the_pdf_is_rendered_by_the_task_and_names_no_one(geld, claims):
    declaratie = _maak(geld, claims)
    services.declaratie_submit(acting_user=geld.financier, declaratie=declaratie)
    assert Declaratie.objects.get(pk=declaratie.pk).pdf_status == c.PdfStatus.BEZIG
    declaratie_pdf(declaratie.pk)
    declaratie_pdf(declaratie.pk)  # twice: the same file again
    declaratie.refresh_from_db()
    tekst = "".join(p.extract_text() for p in PdfReader(declaratie.pdf.path).pages)
    assert declaratie.nummer in tekst and "D-" in tekst and "5.000,00" in tekst
    assert "Amina" not in tekst and "HYPERLINK" not in tekst


def test_the_xlsx_escapes_formulas_and_names_no_one(geld, claims):
    declaratie = _maak(geld, claims)
    assert exports.veilig("=SUM(A1)") == "'=SUM(A1)" and exports.veilig("@cmd") == "'@cmd" and exports.veilig(5) == 5
    geld.traject.naam = "=cmd|' /C calc'!A0"
    geld.traject.save()
    client = _login(geld.financier)
    response = client.get(reverse("financiering:declaratie_xlsx", args=[declaratie.pk]))
    blad = load_workbook(io.BytesIO(response.content)).active
    waarden = [cel.value for rij in blad.iter_rows() for cel in rij]
    assert "'=cmd|' /C calc'!A0" in waarden and not [w for w in waarden if isinstance(w, str) and w.startswith("=")]
    assert Decimal(str(blad.cell(row=2, column=5).value)) == Decimal("2500")
    assert blad.cell(row=2, column=5).number_format == exports.EURO_FORMAAT
    assert not [w for w in waarden if isinstance(w, str) and "Amina" in w]


def _login(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_o_en_o_fonds_never_sees_a_name_and_the_home_gemeentes_klantmanager_does(geld, claims):
    declaratie = _maak(geld, claims)
    services.declaratie_submit(acting_user=geld.financier, declaratie=declaratie)
    url = reverse("financiering:declaratie", args=[declaratie.pk])
    fonds = _login(geld.financier).get(url).content.decode()
    assert "D-" in fonds and "Amina" not in fonds
    budgethouder = _login(claims["betaler"]).get(url).content.decode()
    assert "Amina" not in budgethouder  # a budget holder is no klantmanager
    assert not AccessLog.objects.filter(object_type="deelnemers.Deelnemer").exists()
    klantmanager = _login(claims["klantmanager"]).get(url).content.decode()
    assert klantmanager.count("Amina") == 2
    gelogd = set(AccessLog.objects.filter(user_id=claims["klantmanager"].pk).values_list("object_id", flat=True))
    assert gelogd == {str(p.deelname.deelnemer_id) for p in claims["plaatsingen"]}


def test_statements_of_other_organisations_are_404(geld, claims):
    declaratie = _maak(geld, claims)
    for user in (UserFactory(rollen=[Rol.FINANCIER]), geld.regisseur):
        client = _login(user)
        for naam in ("declaratie", "declaratie_xlsx"):
            assert client.get(reverse(f"financiering:{naam}", args=[declaratie.pk])).status_code == 404


def test_the_pages_take_a_statement_from_concept_to_paid(geld, claims):
    fonds, betaler = _login(geld.financier), _login(claims["betaler"])
    response = fonds.post(
        reverse("financiering:declaratie_nieuw"),
        {"betaler": claims["oss"].pk, "periode_van": "2027-01-01", "periode_tot": "2027-03-31"},
    )
    declaratie = Declaratie.objects.get()
    assert response.url == reverse("financiering:declaratie", args=[declaratie.pk])
    fonds.post(reverse("financiering:declaratie_indienen", args=[declaratie.pk]))
    response = betaler.post(reverse("financiering:declaratie_afwijzen", args=[declaratie.pk]), {"reden": ""})
    assert response.status_code == 400 and "Geef de reden van de afwijzing." in response.content.decode()
    betaler.post(reverse("financiering:declaratie_goedkeuren", args=[declaratie.pk]))
    betaler.post(reverse("financiering:declaratie_betaald", args=[declaratie.pk]), {"betaald_op": "2026-12-01"})
    assert Declaratie.objects.get().status == c.DeclaratieStatus.BETAALD
    assert Claimregel.objects.filter(status=c.ClaimStatus.BETAALD).count() == 2


def test_the_api_takes_a_statement_through_and_names_no_one(geld, claims):
    from rest_framework.test import APIClient

    declaratie = _maak(geld, claims)
    fonds, betaler = APIClient(), APIClient()
    fonds.force_login(geld.financier)
    betaler.force_login(claims["betaler"])
    data = fonds.post(f"/api/v1/declaraties/{declaratie.pk}/indienen/").json()
    assert data["status"] == "ingediend" and data["totaal"] == "5000.00"
    assert {r["dossier"][:2] for r in data["regels"]} == {"D-"} and "Amina" not in str(data)
    assert betaler.post(f"/api/v1/declaraties/{declaratie.pk}/afwijzen/", {}, format="json").status_code == 400
    betaler.post(f"/api/v1/declaraties/{declaratie.pk}/goedkeuren/")
    data = betaler.post(
        f"/api/v1/declaraties/{declaratie.pk}/betaald/", {"betaald_op": "2026-12-01"}, format="json"
    ).json()
    assert (data["status"], data["betaald_op"]) == ("betaald", "2026-12-01")
    anderen = APIClient()
    anderen.force_login(UserFactory(rollen=[Rol.FINANCIER]))
    assert anderen.get(f"/api/v1/declaraties/{declaratie.pk}/").status_code == 404


def test_an_agreement_never_pays_its_own_payee(geld, claims):
    from financiering.models import Resultaatafspraak

    # the gemeente's own budget holder receives a payment from its own source: refused as an agreement
    with pytest.raises(ValidationError) as fout:
        services.resultaatafspraak_create(
            acting_user=geld.regisseur, traject=geld.traject, resultaat="contract", bedrag=Decimal("1"),
            betaler_soort="bron", betaler_bron=geld.gemeentebron, ontvanger=geld.gemeente,
            declareren_tot=dt.date(2027, 12, 31),
        )  # fmt: skip
    assert "zichzelf" in fout.value.message_dict["ontvanger"][0]
    assert not Resultaatafspraak.objects.filter(ontvanger=geld.gemeente).exists()
