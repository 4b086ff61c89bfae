"""The money of the wethouder's dashboard (issue 13, item 11): the trajectories the gemeente takes
part in (as regie, partner, one of its gemeenten, or home of a participant), each with costs,
funding by source, gap, result payments, pre-financing and business case, and the gemeente's own
part; aggregates only, in a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from financiering import constants as c
from financiering import dashboard, resultaten, services
from financiering.models import Claimregel
from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, TrajectFactory, UserFactory
from tests.financiering.conftest import regel
from tests.financiering.test_resultaten import VANDAAG, _afspraak, _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
BIJSTAND = "participatiewet_bijstand"


@pytest.fixture
def wethouder(geld):
    return UserFactory(organisatie=geld.gemeente, rollen=[Rol.WETHOUDER])


def _overzicht(user):
    return {f.traject.naam: f for f in dashboard.financieel_overzicht(user, vandaag=VANDAAG)}


def test_the_money_of_the_trajectories_the_gemeente_takes_part_in(geld, wethouder):
    r = regel(geld, bedrag="2000.00")
    services.dekking_approve(
        acting_user=geld.financier,
        dekking=services.dekking_propose(
            acting_user=geld.regisseur, traject=geld.traject, bron=geld.bron, regel=r, bedrag=Decimal("1500")
        ),
    )
    services.dekking_propose(
        acting_user=geld.regisseur, traject=geld.traject, bron=geld.gemeentebron, regel=r, bedrag=Decimal("300")
    )
    _afspraak(geld)
    _contract(geld, DeelnemerFactory(gemeente=geld.gemeente, uitkering_type=BIJSTAND,
                                     uitkering_maandbedrag=Decimal("1000")), start=dt.date(2026, 9, 1))  # fmt: skip
    resultaten.detecteer(vandaag=VANDAAG)
    Claimregel.objects.update(status=c.ClaimStatus.BETAALD)
    elders = TrajectFactory(naam="Elders", regie_organisatie=GemeenteFactory())  # a resident takes part
    DeelnameFactory(traject=elders, deelnemer=DeelnemerFactory(gemeente=geld.gemeente), status="opleiding")
    TrajectFactory(naam="Niet van ons", regie_organisatie=GemeenteFactory())
    overzicht = _overzicht(wethouder)
    assert sorted(overzicht) == ["Elders", geld.traject.naam]
    f = overzicht[geld.traject.naam]
    assert (f.gepland, f.toegezegd, f.gat) == (Decimal("2000.00"), Decimal("1500.00"), Decimal("200.00"))
    assert [(b.organisatie, b.toegezegd, b.voorgesteld) for b in f.bronnen] == [
        ("O&O-fonds Installatie", Decimal("1500"), Decimal("0")),
        ("Gemeente Aa", Decimal("0.00"), Decimal("300")),
    ]
    assert (f.resultaat_open, f.resultaat_betaald) == (Decimal("0.00"), Decimal("2500.00"))
    assert (f.businesscase.naar_werk, f.businesscase.kosten_per_plaatsing) == (1, Decimal("2000.00"))
    assert f.eigen_deel.aandeel == 100 and f.eigen_deel.resultaat_betaald == Decimal("2500.00")
    assert f.eigen_besparing.gerealiseerd == Decimal("6000.00")  # six months of € 1.000
    assert f.voorfinanciering_openstaand == Decimal("0.00")
    # another gemeente's wethouder, and someone without the role, see none of it
    assert _overzicht(UserFactory(organisatie=GemeenteFactory(), rollen=[Rol.WETHOUDER])) == {}
    assert _overzicht(geld.regisseur) == {}


def test_the_dashboard_money_in_a_fixed_number_of_queries(geld, wethouder):
    regel(geld)
    with CaptureQueriesContext(connection) as een:
        dashboard.financieel_overzicht(wethouder, vandaag=VANDAAG)
    for i in range(3):
        t = TrajectFactory(naam=f"Traject {i}", regie_organisatie=geld.gemeente)
        services.begrotingsregel_save(
            acting_user=geld.regisseur, traject=t, categorie="vca", omschrijving="VCA", grondslag="groep",
            bedrag=Decimal("300"),
        )  # fmt: skip
    with CaptureQueriesContext(connection) as vier:
        assert len(dashboard.financieel_overzicht(wethouder, vandaag=VANDAAG)) == 4
    assert len(een) == len(vier) <= dashboard.DASHBOARD_QUERIES + 1  # +1: the trajectories themselves
