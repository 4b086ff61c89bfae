"""A source's eligibility (issue 13, item 1): only residents of given gemeenten, only participants
on bijstand. Set in the form and the API; a source for other gemeenten cannot cover the
trajectory; a result it pays is claimed only for the participants it is for."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from financiering import constants as c
from financiering import resultaten, services
from financiering.models import Claimregel, Financieringsbron, Resultaatafspraak
from tests.factories import DeelnemerFactory, GemeenteFactory, OrganisatieFactory
from tests.financiering.conftest import regel
from tests.financiering.test_resultaten import VANDAAG, _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_the_financier_sets_the_eligibility_in_the_form(client, geld):
    oss = GemeenteFactory(naam="Oss")
    client.force_login(geld.financier)
    velden = {"naam": "Regiobudget", "soort": "regionaal", "bedrag": "20.000", "geldig_van": "2027-01-01",
              "geldig_tot": "2027-12-31", "looptijd": "structureel", "categorieen": ["jobcoaching"],
              "alleen_bijstand": "on"}  # fmt: skip
    response = client.post(reverse("financiering:bron_nieuw"), {**velden, "alleen_gemeenten": [geld.fonds.pk]})
    assert response.status_code == 400 and "Kies alleen gemeenten uit de lijst." in response.content.decode()
    assert client.post(reverse("financiering:bron_nieuw"), {**velden, "alleen_gemeenten": [oss.pk]}).status_code == 302
    bron = Financieringsbron.objects.get(naam="Regiobudget")
    assert (list(bron.alleen_gemeenten.all()), bron.alleen_bijstand) == ([oss], True)
    pagina = client.get(reverse("financiering:bron_wijzigen", args=[bron.pk])).content.decode()
    assert f'value="{oss.pk}"' in pagina and "checked" in pagina.split(f'value="{oss.pk}"')[1][:40]


def test_the_eligibility_through_the_api(geld):
    oss = GemeenteFactory(naam="Oss")
    api = APIClient()
    api.force_login(geld.financier)
    velden = {"naam": "Regiobudget", "soort": "regionaal", "bedrag": "20000", "geldig_van": "2027-01-01",
              "geldig_tot": "2027-12-31", "looptijd": "structureel", "categorieen": ["jobcoaching"]}  # fmt: skip
    fout = api.post("/api/v1/financieringsbronnen/", {**velden, "alleen_gemeenten": [geld.fonds.pk]}, format="json")
    assert fout.status_code == 400 and list(fout.json()) == ["alleen_gemeenten"]
    goed = api.post("/api/v1/financieringsbronnen/", {**velden, "alleen_gemeenten": [oss.pk]}, format="json")
    assert goed.status_code == 201 and goed.json()["alleen_gemeenten"] == [oss.pk]
    bron = goed.json()["id"]
    gewijzigd = api.patch(f"/api/v1/financieringsbronnen/{bron}/", {"alleen_gemeenten": []}, format="json")
    assert gewijzigd.json()["alleen_gemeenten"] == []
    assert not Financieringsbron.objects.get(pk=bron).alleen_gemeenten.exists()


def test_a_source_for_other_gemeenten_cannot_cover_the_trajectory(geld):
    bron = geld.gemeentebron
    bron.alleen_gemeenten.set([GemeenteFactory(naam="Uden")])
    with pytest.raises(ValidationError) as fout:
        services.dekking_propose(
            acting_user=geld.regisseur, traject=geld.traject, bron=bron, regel=regel(geld), bedrag=Decimal("100")
        )
    assert fout.value.message_dict == {
        "bron": ["Participatiebudget is alleen voor inwoners van Uden, en die doen niet mee aan dit traject."]
    }
    bron.alleen_gemeenten.add(geld.gemeente)  # the trajectory's own gemeente: it may
    services.dekking_propose(
        acting_user=geld.regisseur, traject=geld.traject, bron=bron, regel=regel(geld), bedrag=Decimal("100")
    )


def test_a_source_pays_results_only_of_the_participants_it_is_for(geld):
    regio = OrganisatieFactory(naam="Regio")
    oss, uden = GemeenteFactory(naam="Oss"), GemeenteFactory(naam="Uden")
    bron = Financieringsbron.objects.create(
        organisatie=regio, naam="Regiobudget", soort=c.BronSoort.REGIONAAL, bedrag=Decimal("50000"),
        geldig_van=dt.date(2026, 1, 1), geldig_tot=dt.date(2027, 12, 31), looptijd=c.Looptijd.STRUCTUREEL,
        categorieen=["jobcoaching"], alleen_bijstand=True, aangemaakt_door=geld.regisseur,
    )  # fmt: skip
    bron.alleen_gemeenten.set([oss])
    Resultaatafspraak.objects.create(
        traject=geld.traject, resultaat=c.ResultaatSoort.CONTRACT, bedrag=Decimal("2500"),
        betaler_soort=c.BetalerSoort.BRON, betaler_bron=bron, ontvanger=geld.fonds,
        declareren_tot=dt.date(2027, 12, 31), aangemaakt_door=geld.regisseur, status=c.AfspraakStatus.AKKOORD,
    )  # fmt: skip
    bijstand = "participatiewet_bijstand"
    wel = _contract(geld, DeelnemerFactory(gemeente=oss, uitkering_type=bijstand))
    _contract(geld, DeelnemerFactory(gemeente=uden, uitkering_type=bijstand))  # another gemeente
    _contract(geld, DeelnemerFactory(gemeente=oss, uitkering_type="ww"))  # no bijstand
    assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 1
    assert Claimregel.objects.get().deelname == wel.deelname
