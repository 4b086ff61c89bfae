"""A result agreement that names a source as payer holds only when the source's owner agrees
(four eyes: not whoever recorded it); until then nothing is claimed from it. One paid by the
home gemeenten holds at once. On the financier's page and through the API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from financiering import constants as c
from financiering import resultaten, services
from financiering.models import Claimregel
from tests.financiering.test_resultaten import VANDAAG, _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _voorstel(geld, **kwargs):
    velden = {"resultaat": c.ResultaatSoort.CONTRACT, "bedrag": Decimal("2500"),
              "betaler_soort": c.BetalerSoort.BRON, "betaler_bron": geld.bron, "ontvanger": geld.gemeente,
              "declareren_tot": dt.date(2027, 12, 31)}  # fmt: skip
    velden.update(kwargs)
    return services.resultaatafspraak_create(acting_user=geld.regisseur, traject=geld.traject, **velden)


def test_a_source_pays_on_results_only_after_its_owner_agreed(geld):
    _contract(geld, start=dt.date(2026, 11, 2))
    afspraak = _voorstel(geld)
    assert afspraak.status == c.AfspraakStatus.VOORGESTELD
    assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 0
    with pytest.raises(PermissionDenied):  # the regisseur's organisation does not own the source
        services.resultaatafspraak_approve(acting_user=geld.budgethouder, afspraak=afspraak)
    services.resultaatafspraak_approve(acting_user=geld.financier, afspraak=afspraak)
    assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 1
    afspraak.refresh_from_db()
    assert (afspraak.status, afspraak.beoordeeld_door) == (c.AfspraakStatus.AKKOORD, geld.financier)
    assert Claimregel.objects.get().afspraak == afspraak  # the result reached before counts at once
    with pytest.raises(ValidationError) as fout:
        services.resultaatafspraak_refuse(acting_user=geld.collega, afspraak=afspraak, reden="Te laat")
    assert fout.value.message_dict == {"status": ["Hierover is al besloten."]}


def test_four_eyes_and_a_refusal_needs_a_reason(geld):
    eigen = services.resultaatafspraak_create(
        acting_user=geld.budgethouder, traject=geld.traject, resultaat=c.ResultaatSoort.CONTRACT,
        bedrag=Decimal("1000"), betaler_soort=c.BetalerSoort.BRON, betaler_bron=geld.gemeentebron,
        ontvanger=geld.fonds, declareren_tot=dt.date(2027, 12, 31),
    )  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        services.resultaatafspraak_approve(acting_user=geld.budgethouder, afspraak=eigen)
    assert fout.value.message_dict == {"status": ["Wie de afspraak vastlegde, beslist er niet over: vier ogen."]}
    afspraak = _voorstel(geld)
    with pytest.raises(ValidationError) as fout:
        services.resultaatafspraak_refuse(acting_user=geld.financier, afspraak=afspraak, reden=" ")
    assert fout.value.message_dict == {"reden": ["Geef de reden van de afwijzing."]}
    services.resultaatafspraak_refuse(acting_user=geld.financier, afspraak=afspraak, reden="Niet in ons jaarplan.")
    afspraak.refresh_from_db()
    assert (afspraak.status, afspraak.reden) == (c.AfspraakStatus.AFGEWEZEN, "Niet in ons jaarplan.")


def test_an_agreement_paid_by_the_home_gemeenten_holds_at_once(geld):
    afspraak = _voorstel(geld, betaler_soort=c.BetalerSoort.WOONGEMEENTE, betaler_bron=None, ontvanger=geld.fonds)
    assert afspraak.status == c.AfspraakStatus.AKKOORD


def test_the_financier_agrees_on_their_page(client, geld):
    afspraak = _voorstel(geld)
    client.force_login(geld.financier)
    html = client.get(reverse("financiering:wachtend")).content.decode()
    assert "Resultaatafspraak" in html and "Opleidingsbudget" in html
    assert reverse("financiering:afspraak_akkoord", args=[afspraak.pk]) in html
    response = client.post(reverse("financiering:afspraak_afwijzen", args=[afspraak.pk]), {"reden": ""})
    assert response.status_code == 400 and "Geef de reden van de afwijzing." in response.content.decode()
    assert client.post(reverse("financiering:afspraak_akkoord", args=[afspraak.pk])).status_code == 302
    afspraak.refresh_from_db()
    assert afspraak.status == c.AfspraakStatus.AKKOORD
    # decided: no longer waiting, and another financier's organisation never sees it
    assert client.post(reverse("financiering:afspraak_akkoord", args=[afspraak.pk])).status_code == 404
    client.force_login(geld.budgethouder)
    assert client.get(reverse("financiering:afspraak_afwijzen", args=[afspraak.pk])).status_code == 404


def test_the_payer_decides_through_the_api(geld):
    afspraak = _voorstel(geld)
    api = APIClient()
    api.force_login(geld.financier)
    leeg = api.post(f"/api/v1/resultaatafspraken/{afspraak.pk}/afwijzen/", {}, format="json")
    assert leeg.status_code == 400 and list(leeg.json()) == ["reden"]
    antwoord = api.post(f"/api/v1/resultaatafspraken/{afspraak.pk}/akkoord/", format="json")
    assert antwoord.status_code == 200 and antwoord.json()["status"] == "akkoord"
    assert api.post(f"/api/v1/resultaatafspraken/{afspraak.pk}/akkoord/").json() == {
        "status": ["Hierover is al besloten."]
    }
    # the regisseur reads it, but does not decide for the payer
    api.force_login(geld.regisseur)
    assert api.get(f"/api/v1/resultaatafspraken/{afspraak.pk}/").status_code == 200
    assert api.post(f"/api/v1/resultaatafspraken/{afspraak.pk}/akkoord/").status_code == 404


def test_the_waiting_section_costs_the_same_queries_for_one_agreement_as_for_ten(client, geld):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _voorstel(geld)
    client.force_login(geld.financier)
    url = reverse("financiering:wachtend")
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for i in range(9):
        _voorstel(geld, bedrag=Decimal(100 + i))
    with CaptureQueriesContext(connection) as tien:
        assert client.get(url).content.decode().count("Resultaatafspraak") >= 10
    assert len(een) == len(tien)


def test_a_source_pays_no_results_claimed_after_its_period(geld):
    with pytest.raises(ValidationError) as fout:
        _voorstel(geld, declareren_tot=dt.date(2028, 6, 30))  # the source runs to 31-12-2027
    assert fout.value.message_dict == {
        "declareren_tot": ["Opleidingsbudget geldt tot en met 31-12-2027: later kan er niet uit betaald worden."]
    }
