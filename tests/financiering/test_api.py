"""The financing API (issue 13): sources with balances, budgets with lines and the gap, cover
proposed, approved and refused; scoped like the pages, Dutch errors per field, 404 out of scope."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from financiering import constants as c
from financiering import services
from financiering.models import Dekking, Financieringsbron
from tests.factories import UserFactory
from tests.financiering.conftest import regel

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_financier_lists_their_sources_with_balance_and_a_regisseur_the_ones_they_may_propose(geld):
    services.dekking_approve(
        acting_user=geld.financier,
        dekking=services.dekking_propose(
            acting_user=geld.regisseur, traject=geld.traject, bron=geld.bron, regel=regel(geld), bedrag=Decimal("250")
        ),
    )
    rijen = _api(geld.financier).get("/api/v1/financieringsbronnen/").json()["results"]
    assert [(r["naam"], r["saldo"]["toegezegd"], r["saldo"]["beschikbaar"]) for r in rijen] == [
        ("Opleidingsbudget", "250.00", "9750.00")
    ]
    namen = {r["naam"] for r in _api(geld.regisseur).get("/api/v1/financieringsbronnen/").json()["results"]}
    assert namen == {"Opleidingsbudget", "Participatiebudget"}
    assert (
        _api(UserFactory(rollen=["financier"])).get(f"/api/v1/financieringsbronnen/{geld.bron.pk}/").status_code == 404
    )


def test_a_source_with_bad_input_gets_dutch_errors_per_field_and_is_not_saved(geld):
    voor = Financieringsbron.objects.count()
    response = _api(geld.financier).post(
        "/api/v1/financieringsbronnen/",
        {"naam": "X", "soort": "oo_fonds", "bedrag": "-1", "geldig_van": "2027-01-01", "geldig_tot": "2026-01-01",
         "looptijd": "eenmalig", "categorieen": ["vca"]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json() == {
        "bedrag": ["Het budget is een bedrag van € 0,00 of meer."],
        "geldig_tot": ["De einddatum ligt niet vóór de begindatum."],
    }
    assert Financieringsbron.objects.count() == voor
    assert _api(geld.regisseur).post("/api/v1/financieringsbronnen/", {}, format="json").status_code == 404


def test_the_budget_through_the_api_from_line_to_commitment(geld):
    regisseur, t = _api(geld.regisseur), geld.traject.pk
    response = regisseur.post(
        f"/api/v1/begrotingen/{t}/regels/",
        {"categorie": "vakopleiding", "omschrijving": "Basisvak", "grondslag": "deelnemer", "bedrag": "1000.00"},
        format="json",
    )
    assert response.status_code == 201
    begroting = response.json()
    assert (begroting["gepland"], begroting["gat"]) == ("10000.00", "10000.00")
    regel_id = begroting["regels"][0]["id"]
    response = regisseur.post(
        f"/api/v1/begrotingen/{t}/dekkingen/", {"regel": regel_id, "bron": geld.bron.pk, "aandeel": "45"}, format="json"
    )
    assert response.status_code == 201 and response.json()["euro"] == "4500.00"
    dekking = response.json()["id"]
    # four eyes and scope: the regisseur cannot approve; the fund's financier can
    assert regisseur.post(f"/api/v1/dekkingen/{dekking}/toezeggen/").status_code == 404
    response = _api(geld.financier).post(f"/api/v1/dekkingen/{dekking}/toezeggen/")
    assert response.status_code == 200 and (response.json()["status"], response.json()["toegezegd_bedrag"]) == (
        "toegezegd",
        "4500.00",
    )
    begroting = regisseur.get(f"/api/v1/begrotingen/{t}/").json()
    assert (begroting["toegezegd"], begroting["gat"]) == ("4500.00", "5500.00")


def test_overspending_through_the_api_is_refused_with_the_balance(geld):
    services.bron_save(acting_user=geld.financier, bron=geld.bron, bedrag=Decimal("100"))
    dekking = services.dekking_propose(
        acting_user=geld.regisseur, traject=geld.traject, bron=geld.bron, regel=regel(geld), bedrag=Decimal("100.01")
    )
    response = _api(geld.financier).post(f"/api/v1/dekkingen/{dekking.pk}/toezeggen/")
    assert response.status_code == 400
    assert response.json() == {
        "bedrag": [
            "Opleidingsbudget kan € 100,01 niet dragen. Begroot € 100,00, toegezegd € 0,00, gedeclareerd € 0,00, "
            "betaald € 0,00, beschikbaar € 100,00."
        ]
    }
    assert Dekking.objects.get(pk=dekking.pk).status == c.DekkingStatus.VOORGESTELD


def test_a_refusal_through_the_api_needs_a_reason(geld):
    dekking = services.dekking_propose(
        acting_user=geld.regisseur, traject=geld.traject, bron=geld.bron, regel=regel(geld), bedrag=Decimal("10")
    )
    financier = _api(geld.financier)
    assert financier.post(f"/api/v1/dekkingen/{dekking.pk}/afwijzen/", {}, format="json").json() == {
        "reden": ["Dit veld is vereist."]
    }
    response = financier.post(f"/api/v1/dekkingen/{dekking.pk}/afwijzen/", {"reden": "Geen budget meer"}, format="json")
    assert response.json()["status"] == "afgewezen"


def test_budgets_of_trajectories_someone_else_directs_are_404(geld):
    anderen = _api(UserFactory(rollen=["regisseur"]))
    assert anderen.get(f"/api/v1/begrotingen/{geld.traject.pk}/").status_code == 404
    assert anderen.post(f"/api/v1/begrotingen/{geld.traject.pk}/regels/", {}, format="json").status_code == 404
    assert anderen.get("/api/v1/begrotingen/").json() == []
    assert _api(geld.financier).get(f"/api/v1/begrotingen/{geld.traject.pk}/").status_code == 404


def test_result_agreements_through_the_api(geld):
    regisseur = _api(geld.regisseur)
    data = {"traject": geld.traject.pk, "resultaat": "contract", "bedrag": "2500.00", "betaler_soort": "woongemeente",
            "ontvanger": geld.fonds.pk, "declareren_tot": "2027-12-31"}  # fmt: skip
    response = regisseur.post("/api/v1/resultaatafspraken/", data, format="json")
    assert response.status_code == 201 and response.json()["ontvanger_naam"] == "O&O-fonds Installatie"
    vreemd = UserFactory(rollen=["financier"]).organisatie
    response = regisseur.post("/api/v1/resultaatafspraken/", {**data, "ontvanger": vreemd.pk}, format="json")
    assert response.status_code == 400 and "ontvanger" in response.json()
    assert [a["resultaat"] for a in _api(geld.financier).get("/api/v1/resultaatafspraken/").json()["results"]] == [
        "contract"
    ]  # the fund receives: it reads the agreement
    anderen = _api(UserFactory(rollen=["regisseur"]))
    assert anderen.get("/api/v1/resultaatafspraken/").json()["results"] == []
    assert anderen.post("/api/v1/resultaatafspraken/", data, format="json").status_code == 404
