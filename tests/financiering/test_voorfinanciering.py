"""Pre-financing (issue 13, item 7): the ledger shows what a source advanced, what result payments
earned back and what is outstanding, and how the gemeenten would share the rest."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from financiering import constants as c
from financiering import resultaten, selectors, services
from financiering.models import Claimregel
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, TrajectFactory
from tests.financiering.test_resultaten import VANDAAG, _afspraak, _contract
from trajecten import constants as tc

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_the_ledger_earns_back_paid_results_and_shares_the_rest(client, geld):
    v = services.voorfinanciering_save(
        acting_user=geld.financier, traject=geld.traject, bron=geld.bron, bedrag=Decimal("10000"),
        verrekening=c.Verrekening.GEMEENTEN,
    )  # fmt: skip
    _afspraak(geld)
    oss, uden = GemeenteFactory(naam="Oss"), GemeenteFactory(naam="Uden")
    for gemeente in (oss, oss, uden):
        _contract(geld, DeelnemerFactory(gemeente=gemeente))
    DeelnameFactory(traject=geld.traject, status=tc.DeelnameStatus.INTAKE)  # not started: no share
    resultaten.detecteer(vandaag=VANDAAG)
    Claimregel.objects.filter(betaler=oss).update(status=c.ClaimStatus.BETAALD)
    (boek,) = selectors.grootboeken([v])
    assert (boek.voorgeschoten, boek.terugverdiend, boek.openstaand) == (
        Decimal("10000"), Decimal("5000.00"), Decimal("5000.00")
    )  # fmt: skip
    assert boek.verdeling == [("Oss", 2, Decimal("3333.33")), ("Uden", 1, Decimal("1666.67"))]
    assert sum(d for _g, _n, d in boek.verdeling) == boek.openstaand
    client.force_login(geld.financier)
    html = client.get(reverse("financiering:voorfinanciering"), HTTP_HX_REQUEST="true").content.decode()
    assert "€ 5.000,00" in html and "Oss (2 gestarte deelnemers)" in html


def test_only_a_partners_financier_pre_finances_from_its_own_source(geld):
    with pytest.raises(PermissionDenied):
        services.voorfinanciering_save(
            acting_user=geld.financier, traject=geld.traject, bron=geld.gemeentebron, bedrag=Decimal("1"),
            verrekening=c.Verrekening.VOORFINANCIER,
        )  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        services.voorfinanciering_save(
            acting_user=geld.financier, traject=TrajectFactory(), bron=geld.bron, bedrag=Decimal("0"),
            verrekening="x",
        )  # fmt: skip
    assert set(fout.value.message_dict) == {"traject", "bedrag", "verrekening"}
