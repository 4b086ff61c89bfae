"""The cost split of a regional trajectory (issue 13, item 9): by the home gemeenten of the
participants who started (the default), by agreed percentages (exactly 100%), or fully regional;
each gemeente's share of the costs, the funding and the gap in cents that add up, beside what
its own sources committed and the result payments it owes and paid."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from financiering import constants as c
from financiering import resultaten, selectors, services
from financiering.models import Claimregel, Kostenverdeling
from leerwerk.models import OrganisatieType
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, OrganisatieFactory
from tests.financiering.conftest import regel
from tests.financiering.test_resultaten import VANDAAG, _afspraak, _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def regio(geld):
    """Three gemeenten: Aa (the regie, 2 started), Oss (1 started), Uden (none started)."""
    geld.oss, geld.uden = GemeenteFactory(naam="Oss"), GemeenteFactory(naam="Uden")
    geld.traject.gemeenten.add(geld.oss, geld.uden)
    geld.traject.arbeidsmarktregio = OrganisatieFactory(naam="Regio Noordoost", type=OrganisatieType.ARBEIDSMARKTREGIO)
    geld.traject.save()
    for gemeente in (geld.gemeente, geld.gemeente, geld.oss):
        DeelnameFactory(traject=geld.traject, deelnemer=DeelnemerFactory(gemeente=gemeente), status="opleiding")
    DeelnameFactory(traject=geld.traject, deelnemer=DeelnemerFactory(gemeente=geld.uden), status="intake")
    regel(geld, bedrag="1000.00")  # a group line: € 1.000, realised once anyone started
    return geld


def _verdeling(w):
    return {d.naam: d for d in selectors.kostenverdeling(selectors.begroting(w.traject)).delen}


def test_by_default_the_costs_follow_the_home_gemeenten_of_the_participants_who_started(regio):
    delen = _verdeling(regio)
    assert list(delen) == ["Gemeente Aa", "Oss"]  # Uden has nobody who started
    aa, oss = delen["Gemeente Aa"], delen["Oss"]
    assert (aa.gestart, aa.aandeel, oss.gestart, oss.aandeel) == (2, Decimal("66.67"), 1, Decimal("33.33"))
    # a third of € 1.000 rounds; the last part takes the remainder cent
    assert (aa.kosten_gepland, oss.kosten_gepland) == (Decimal("666.67"), Decimal("333.33"))
    assert aa.gat + oss.gat == selectors.begroting(regio.traject).gat == Decimal("1000.00")


def test_agreed_percentages_add_up_to_exactly_a_hundred(regio):
    derde = Decimal("33.33")
    with pytest.raises(ValidationError) as fout:
        services.kostenverdeling_save(
            acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.PERCENTAGES,
            aandelen=[(regio.gemeente, derde), (regio.oss, derde), (regio.uden, derde)],
        )  # fmt: skip
    assert fout.value.message_dict == {"aandelen": ["De aandelen komen samen op 99,99%, niet op precies 100%."]}
    assert not Kostenverdeling.objects.exists()  # nothing half-written
    services.kostenverdeling_save(
        acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.PERCENTAGES,
        aandelen=[(regio.gemeente, derde), (regio.oss, derde), (regio.uden, Decimal("33.34"))],
    )  # fmt: skip
    delen = _verdeling(regio)
    assert [d.kosten_gepland for d in delen.values()] == [Decimal("333.30"), Decimal("333.30"), Decimal("333.40")]
    with pytest.raises(ValidationError) as fout:
        services.kostenverdeling_save(
            acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.PERCENTAGES,
            aandelen=[(regio.gemeente, Decimal("100")), (regio.traject.arbeidsmarktregio, Decimal("0.01"))],
        )  # fmt: skip
    assert fout.value.message_dict == {"aandelen": ["Geef alleen gemeenten een aandeel."]}


def test_fully_regional_and_the_gemeenten_own_money_beside_the_key(regio):
    services.kostenverdeling_save(
        acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.REGIONAAL
    )
    dekking = services.dekking_propose(
        acting_user=regio.regisseur, traject=regio.traject, bron=regio.gemeentebron,
        regel=regel(regio, bedrag="400.00", categorie=c.Kostencategorie.REGIE, omschrijving="Regie"),
        bedrag=Decimal("400"),
    )  # fmt: skip
    services.dekking_approve(acting_user=regio.budgethouder, dekking=dekking)
    _afspraak(regio)  # each home gemeente pays € 2.500 per contract
    _contract(regio, DeelnemerFactory(gemeente=regio.oss))
    resultaten.detecteer(vandaag=VANDAAG)
    Claimregel.objects.update(status=c.ClaimStatus.BETAALD)
    delen = _verdeling(regio)
    assert list(delen) == ["Regio Noordoost", "Gemeente Aa", "Oss"]
    regionaal = delen["Regio Noordoost"]
    assert (regionaal.aandeel, regionaal.kosten_gepland, regionaal.financiering) == (
        100, Decimal("1400.00"), Decimal("400.00")
    )  # fmt: skip
    assert (delen["Gemeente Aa"].aandeel, delen["Gemeente Aa"].eigen_bronnen) == (0, Decimal("400.00"))
    assert (delen["Oss"].kosten_gepland, delen["Oss"].resultaat_betaald) == (Decimal("0.00"), Decimal("2500.00"))


def test_the_split_of_many_trajectories_in_a_fixed_number_of_queries(regio):
    begrotingen = selectors.begrotingen([regio.traject])
    with CaptureQueriesContext(connection) as een:
        selectors.kostenverdelingen(begrotingen)
    assert len(een) == selectors.KOSTENVERDELING_QUERIES


def test_the_regisseur_records_the_key_on_the_budget_page(client, regio):
    client.force_login(regio.regisseur)
    sectie = client.get(reverse("financiering:kostenverdeling", args=[regio.traject.pk])).content.decode()
    assert "Naar de woongemeente van de gestarte deelnemers" in sectie and "Oss (%)" in sectie
    url = reverse("financiering:kostenverdeling_opslaan", args=[regio.traject.pk])
    velden = {"sleutel": "percentages", f"aandeel_{regio.gemeente.pk}": "50", f"aandeel_{regio.oss.pk}": "49,5"}
    response = client.post(url, velden)
    assert response.status_code == 400
    assert "De aandelen komen samen op 99,50%, niet op precies 100%." in response.content.decode()
    velden[f"aandeel_{regio.oss.pk}"] = "50"
    assert client.post(url, velden).status_code == 302
    assert sorted((a.gemeente.naam, a.percentage) for a in Kostenverdeling.objects.get().aandelen.all()) == [
        ("Gemeente Aa", Decimal("50.00")),
        ("Oss", Decimal("50.00")),
    ]


def test_the_split_through_the_api(regio):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(regio.regisseur)
    url = f"/api/v1/begrotingen/{regio.traject.pk}/kostenverdeling/"
    gelezen = api.get(url).json()
    assert (gelezen["sleutel"], gelezen["vastgelegd"], [d["naam"] for d in gelezen["delen"]]) == (
        "gestart", False, ["Gemeente Aa", "Oss"]
    )  # fmt: skip
    fout = api.put(url, {"sleutel": "percentages", "aandelen": [{"gemeente": regio.oss.pk, "percentage": "60"}]},
                   format="json")  # fmt: skip
    assert fout.status_code == 400 and list(fout.json()) == ["aandelen"]
    aandelen = [{"gemeente": regio.oss.pk, "percentage": "60"}, {"gemeente": regio.uden.pk, "percentage": "40"}]
    goed = api.put(url, {"sleutel": "percentages", "aandelen": aandelen}, format="json")
    assert [(d["naam"], d["aandeel"], d["kosten_gepland"]) for d in goed.json()["delen"]] == [
        ("Oss", "60.00", "600.00"), ("Uden", "40.00", "400.00")
    ]  # fmt: skip
    api.force_login(regio.financier)
    assert api.get(url).status_code == 404


def test_a_reversed_paid_result_nets_to_nothing_in_the_split_and_the_balance(regio):
    """A paid result whose contract then ends in its trial period: paid € 2.500, and a credit of
    € 2.500 open until it is settled; then nothing. The source's balance the same."""
    from financiering.models import Declaratie

    _afspraak(regio, betaler_soort=c.BetalerSoort.BRON, betaler_bron=regio.gemeentebron, ontvanger=regio.fonds)
    plaatsing = _contract(regio, DeelnemerFactory(gemeente=regio.oss))
    resultaten.detecteer(vandaag=VANDAAG)
    verklaring = Declaratie.objects.create(
        ontvanger=regio.fonds, betaler=regio.gemeente, periode_van=VANDAAG, periode_tot=VANDAAG,
        status=c.DeclaratieStatus.BETAALD, gemaakt_door=regio.financier,
    )  # fmt: skip
    Claimregel.objects.update(status=c.ClaimStatus.BETAALD, declaratie=verklaring)
    assert selectors.saldo(regio.gemeentebron).betaald == Decimal("2500.00")
    plaatsing.einde, plaatsing.einde_reden, plaatsing.status = dt.date(2027, 1, 20), "werkgever", "beeindigd"
    plaatsing.save()
    assert resultaten.detecteer(vandaag=VANDAAG).gecrediteerd == 1
    aa = _verdeling(regio)["Gemeente Aa"]
    assert (aa.resultaat_betaald, aa.resultaat_open) == (Decimal("2500.00"), Decimal("-2500.00"))
    saldo = selectors.saldo(regio.gemeentebron)
    assert (saldo.betaald, saldo.gedeclareerd, saldo.beschikbaar) == (
        Decimal("2500.00"), Decimal("-2500.00"), regio.gemeentebron.bedrag
    )  # fmt: skip
    Claimregel.objects.filter(soort=c.ClaimSoort.CREDIT).update(status=c.ClaimStatus.BETAALD, declaratie=verklaring)
    aa = _verdeling(regio)["Gemeente Aa"]
    assert (aa.resultaat_betaald, aa.resultaat_open) == (Decimal("0.00"), Decimal("0.00"))


def test_a_refused_change_keeps_the_split_as_it_was(regio):
    helft = Decimal("50")
    services.kostenverdeling_save(
        acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.PERCENTAGES,
        aandelen=[(regio.gemeente, helft), (regio.oss, helft)],
    )  # fmt: skip
    vreemd = GemeenteFactory(naam="Zundert")
    with pytest.raises(ValidationError) as fout:
        services.kostenverdeling_save(
            acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.PERCENTAGES,
            aandelen=[(regio.gemeente, helft), (vreemd, helft)],
        )  # fmt: skip
    assert fout.value.message_dict == {
        "aandelen": ["Zundert doet niet mee aan dit traject en heeft er geen deelnemers."]
    }
    assert sorted(a.gemeente.naam for a in Kostenverdeling.objects.get().aandelen.all()) == ["Gemeente Aa", "Oss"]


def test_the_split_of_several_trajectories_costs_no_more_queries(regio):
    services.kostenverdeling_save(
        acting_user=regio.regisseur, traject=regio.traject, sleutel=c.Verdeelsleutel.PERCENTAGES,
        aandelen=[(regio.gemeente, Decimal("100"))],
    )  # fmt: skip
    from tests.factories import TrajectFactory

    with CaptureQueriesContext(connection) as een:
        selectors.kostenverdelingen(selectors.begrotingen([regio.traject]))
    anderen = [TrajectFactory(regie_organisatie=regio.gemeente) for _ in range(3)]
    for t in anderen:
        DeelnameFactory(traject=t, deelnemer=DeelnemerFactory(gemeente=regio.oss), status="opleiding")
    with CaptureQueriesContext(connection) as vier:
        selectors.kostenverdelingen(selectors.begrotingen([regio.traject, *anderen]))
    assert len(een) == len(vier) == selectors.BEGROTING_QUERIES + selectors.KOSTENVERDELING_QUERIES + 1


def test_amounts_are_split_in_cents_that_add_up_by_the_largest_remainder():
    assert selectors.naar_rato(Decimal("100.02"), [1, 1, 1, 1]) == [Decimal("25.00"), Decimal("25.00"),
                                                                   Decimal("25.01"), Decimal("25.01")]  # fmt: skip
    delen = selectors.naar_rato(Decimal("0.05"), [1] * 7)
    assert sum(delen) == Decimal("0.05") and min(delen) >= 0
    assert selectors.naar_rato(Decimal("1000.00"), [2, 1]) == [Decimal("666.67"), Decimal("333.33")]
    assert selectors.naar_rato(Decimal("10"), [0, 0]) == [Decimal("0.00"), Decimal("0.00")]


def test_the_api_refuses_a_share_for_a_gemeente_outside_the_trajectory(regio):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(regio.regisseur)
    buiten = GemeenteFactory(naam="Zundert")
    invoer = {"sleutel": "percentages", "aandelen": [{"gemeente": buiten.pk, "percentage": "100"}]}
    fout = api.put(f"/api/v1/begrotingen/{regio.traject.pk}/kostenverdeling/", invoer, format="json")
    assert fout.status_code == 400 and fout.json() == {
        "aandelen": ["Zundert doet niet mee aan dit traject en heeft er geen deelnemers."]
    }
    assert not Kostenverdeling.objects.exists()
