"""The BUIG business case (issue 13, item 10): for each participant on bijstand who moved to paid
work, the months out of benefit times the recorded benefit (else the gemeente's norm, else the
national default); realised until the work ended or today, expected to the horizon; beside the
realised costs as cost and net cost per placement and a payback time. Aggregates only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from financiering import buig, selectors
from financiering.models import Uitkeringsnorm
from tests.factories import DeelnemerFactory, GemeenteFactory
from tests.financiering.conftest import regel
from tests.financiering.test_resultaten import VANDAAG, _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
BIJSTAND = "participatiewet_bijstand"


@pytest.fixture
def werk(geld):
    oss = GemeenteFactory(naam="Oss")
    Uitkeringsnorm.objects.create(gemeente=oss, maandbedrag=Decimal("1000.00"))
    regel(geld, bedrag="1000.00")  # the realised costs: a group line, once anyone started
    # € 1.200 recorded, in work since 1 September: six months now, twelve expected
    _contract(geld, DeelnemerFactory(uitkering_type=BIJSTAND, uitkering_maandbedrag=Decimal("1200")),
              start=dt.date(2026, 9, 1))  # fmt: skip
    # no amount recorded: Oss's norm; two months of work that ended
    kort = _contract(geld, DeelnemerFactory(gemeente=oss, uitkering_type=BIJSTAND), start=dt.date(2026, 12, 1))
    kort.einde, kort.gepland_einde, kort.status, kort.einde_reden = (
        dt.date(2027, 1, 31), dt.date(2027, 1, 31), "beeindigd", "werkgever"
    )  # fmt: skip
    kort.save()
    _contract(geld, DeelnemerFactory(uitkering_type="ww"), start=dt.date(2026, 10, 1))  # WW: UWV pays, not BUIG
    _contract(geld, DeelnemerFactory(uitkering_type=BIJSTAND), soort="proefplaatsing")  # keeps the benefit
    geld.oss = oss
    return geld


def _case(w):
    return buig.besparingen({w.traject.pk: selectors.begroting(w.traject)}, vandaag=VANDAAG)[w.traject.pk]


def test_the_avoided_benefit_realised_and_expected(werk):
    case = _case(werk)
    assert (case.naar_werk, case.uit_bijstand) == (3, 2)
    assert case.maanden_gerealiseerd == Decimal("8.0")  # 6.0 + 2.0
    assert (case.gerealiseerd, case.verwacht) == (Decimal("9200.00"), Decimal("16400.00"))
    assert case.per_maand_nu == Decimal("1200")  # only who is still in work
    oss = case.per_gemeente[werk.oss.pk]
    assert (oss.naar_werk, oss.uit_bijstand, oss.gerealiseerd, oss.verwacht) == (
        1, 1, Decimal("2000.00"), Decimal("2000.00")
    )  # fmt: skip


def test_cost_and_net_cost_per_placement_and_the_payback_time(werk):
    case = _case(werk)
    assert case.kosten == Decimal("1000.00")
    assert (case.kosten_per_plaatsing, case.netto_per_plaatsing) == (Decimal("333.33"), Decimal("-5133.33"))
    assert case.terugverdientijd == 0  # the € 9.200 saved so far already paid the € 1.000 back
    regel(werk, bedrag="20000.00", omschrijving="Vakopleiding groep")
    case = _case(werk)
    # € 21.000 of costs, € 9.200 saved: the rest at today's € 1.200 a month
    assert (case.kosten, case.terugverdientijd) == (Decimal("21000.00"), Decimal("9.8"))


def test_the_national_default_and_the_horizon_are_settings(werk, settings):
    settings.LEERWERK_BUIG_NORM_MAAND = "900.00"
    settings.LEERWERK_BUIG_HORIZON_MAANDEN = 24
    Uitkeringsnorm.objects.all().delete()  # Oss's participant now counts the national default
    case = _case(werk)
    assert case.gerealiseerd == Decimal("7200.00") + Decimal("1800.00")
    assert case.verwacht == Decimal("1200") * Decimal("24.0") + Decimal("1800.00")


def test_without_paid_work_there_is_no_case_and_the_queries_are_fixed(geld):
    regel(geld)
    begrotingen = selectors.begrotingen([geld.traject])
    with CaptureQueriesContext(connection) as queries:
        case = buig.besparingen(begrotingen, vandaag=VANDAAG)[geld.traject.pk]
    assert (case.naar_werk, case.kosten_per_plaatsing, case.terugverdientijd) == (0, None, None)
    assert len(queries) <= buig.BUIG_QUERIES


def test_the_trajectory_page_shows_the_case_as_an_estimate(client, werk):
    client.force_login(werk.regisseur)
    html = client.get(reverse("financiering:traject_sectie", args=[werk.traject.pk])).content.decode()
    assert "Businesscase" in html and "schatting" in html and "3 deelnemers, van wie 2 uit de bijstand" in html
    assert "€ 9.200,00" not in html  # two off bijstand: no amounts (see below)


def test_the_benefit_counts_as_it_was_before_the_work_began(werk):
    """The klantmanager stops the benefit when the job begins: the case keeps what it was."""
    deelnemer = werk.traject.deelnames.get(deelnemer__uitkering_maandbedrag=Decimal("1200")).deelnemer
    deelnemer.uitkering_type, deelnemer.uitkering_maandbedrag = "geen", None
    deelnemer.save()
    case = _case(werk)
    assert (case.uit_bijstand, case.gerealiseerd) == (2, Decimal("9200.00"))


def test_amounts_show_only_from_five_participants_off_bijstand(client, werk):
    """With two, the savings would give away what each of them receives."""
    client.force_login(werk.regisseur)
    html = client.get(reverse("financiering:traject_sectie", args=[werk.traject.pk])).content.decode()
    assert "Bespaard tot vandaag" not in html and "vanaf 5 deelnemers die uit de bijstand" in html
    for _ in range(3):
        _contract(werk, DeelnemerFactory(uitkering_type=BIJSTAND), start=dt.date(2026, 11, 2))
    html = client.get(reverse("financiering:traject_sectie", args=[werk.traject.pk])).content.decode()
    assert "Bespaard tot vandaag" in html and "vanaf 5 deelnemers" not in html
