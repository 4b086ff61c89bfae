"""The demo's money (issue 13, item 14): loads with the demo, and again without duplicates."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from financiering import constants as c
from financiering import selectors
from financiering.models import Claimregel, Dekking, Resultaatafspraak, Voorfinanciering
from leerwerk.demo import EXTRA_DEMO_LOGINS, demo_email
from leerwerk.models import User
from trajecten.models import Traject

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_the_demo_funds_both_trajectories_and_its_contract_has_its_claim():
    call_command("demo_data")
    installatie = Traject.objects.get(naam="Installatietechniek Noordoost-Brabant")
    begroting = selectors.begroting(installatie)
    assert begroting.gat > 0 and begroting.toegezegd > 0
    oo = [r for r in begroting.regels if any(d.dekking.bron.naam.startswith("Opleidingsbudget") for d in r.dekkingen)]
    aandeel = sum((d.euro for r in oo for d in r.dekkingen if d.dekking.bron.naam.startswith("Opleidingsbudget")), 0)
    assert Decimal("0.40") <= aandeel / begroting.gepland <= Decimal("0.50")  # "O&O-fondsen often carry 40-50%"
    financier = User.objects.get(email=demo_email("financier"))
    assert selectors.dekkingen_for_financier(financier).filter(status=c.DekkingStatus.VOORGESTELD).exists()
    budgethouder = User.objects.get(email=EXTRA_DEMO_LOGINS["financier_gemeente"])
    assert selectors.dekkingen_for_financier(budgethouder).filter(status=c.DekkingStatus.VOORGESTELD).exists()
    claim = Claimregel.objects.get(afspraak__traject=installatie)
    assert claim.afspraak.ontvanger == financier.organisatie and claim.deelname.deelnemer.voornaam == "Yonas"
    assert claim.betaler == claim.deelname.deelnemer.gemeente and claim.bedrag == Decimal("2500.00")
    glas = Traject.objects.get(naam="Glaszetters Noordoost-Brabant")
    assert selectors.begroting(glas).toegezegd > 0
    assert Resultaatafspraak.objects.filter(traject=glas, betaler_soort=c.BetalerSoort.WOONGEMEENTE).exists()
    (boek,) = selectors.grootboeken(Voorfinanciering.objects.filter(traject=glas))
    assert boek.voorgeschoten == selectors.begroting(glas).toegezegd and boek.openstaand == boek.voorgeschoten
    aantallen = (Dekking.objects.count(), Claimregel.objects.count(), Resultaatafspraak.objects.count())
    call_command("demo_data")
    assert (Dekking.objects.count(), Claimregel.objects.count(), Resultaatafspraak.objects.count()) == aantallen
