"""The budget and the financing plan: lines, cover by amount or share, the funding gap, and the
refusals (issue 13, items 2-3)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from financiering import constants as c
from financiering import selectors, services
from opleiders import constants as oc
from opleiders.models import Module
from tests.factories import OrganisatieFactory, UserFactory
from tests.financiering.conftest import bron as maak_bron
from tests.financiering.conftest import regel
from trajecten.models import TrajectPartner

pytestmark = pytest.mark.django_db


def _dek(w, r, bron=None, **kwargs):
    return services.dekking_propose(acting_user=w.regisseur, traject=w.traject, bron=bron or w.bron, regel=r, **kwargs)


def _regel(w, r):
    return selectors.regel_van(selectors.begroting(w.traject), r.pk)


def test_a_line_per_participant_is_planned_on_the_capacity_and_its_gap_is_what_is_not_covered(geld):
    r = regel(geld, bedrag="450.00", grondslag=c.Grondslag.DEELNEMER)
    _dek(geld, r, bedrag=Decimal("1000.00"))
    lijn = _regel(geld, r)
    assert (lijn.aantal, lijn.gepland, lijn.gedekt, lijn.gat) == (
        10,
        Decimal("4500.00"),
        Decimal("1000.00"),
        Decimal("3500.00"),
    )
    assert selectors.begroting(geld.traject).gat == Decimal("3500.00")


def test_a_module_line_follows_the_modules_price(geld):
    module = Module.objects.create(
        traject=geld.traject, aanbieder=OrganisatieFactory(), soort=oc.ModuleSoort.VCA, naam="VCA Basis",
        start=datetime.date(2027, 2, 1), eind=datetime.date(2027, 2, 28), prijs=Decimal("300"),
        prijs_per=oc.PrijsPer.DEELNEMER,
    )  # fmt: skip
    lijn = next(r for r in selectors.begroting(geld.traject).regels if r.module == module)
    assert (lijn.categorie, lijn.omschrijving, lijn.gepland, lijn.regel) == (
        "vca",
        "VCA Basis",
        Decimal("3000.00"),
        None,
    )
    services.dekking_propose(
        acting_user=geld.regisseur, traject=geld.traject, bron=geld.bron, module=module, aandeel=Decimal("50")
    )
    module.prijs = Decimal("320")
    module.save()
    lijn = next(r for r in selectors.begroting(geld.traject).regels if r.module == module)
    assert (lijn.gepland, lijn.gedekt, lijn.gat) == (Decimal("3200.00"), Decimal("1600.00"), Decimal("1600.00"))


def test_three_shares_of_a_third_add_up_to_the_line_to_the_cent(geld):
    r = regel(geld, bedrag="100.01")
    derde = OrganisatieFactory()
    for aandeel, bron in ((Decimal("33.33"), geld.bron), (Decimal("33.33"), geld.gemeentebron)):
        _dek(geld, r, bron=bron, aandeel=aandeel)
    TrajectPartner.objects.create(traject=geld.traject, organisatie=derde, rol="financier")
    derde_bron = maak_bron(derde, UserFactory(organisatie=derde, rollen=["financier"]), naam="Regiobudget")
    _dek(geld, r, bron=derde_bron, aandeel=Decimal("33.34"))
    lijn = _regel(geld, r)
    assert [d.euro for d in lijn.dekkingen] == [Decimal("33.33"), Decimal("33.33"), Decimal("33.35")]
    assert lijn.gedekt == lijn.gepland == Decimal("100.01") and lijn.gat == 0


def test_shares_over_100_percent_are_refused(geld):
    r = regel(geld)
    _dek(geld, r, aandeel=Decimal("60"))
    with pytest.raises(ValidationError) as fout:
        _dek(geld, r, bron=geld.gemeentebron, aandeel=Decimal("40.01"))
    assert "boven 100%" in fout.value.message_dict["aandeel"][0]
    assert len(_regel(geld, r).dekkingen) == 1  # nothing half-written


def test_a_line_is_covered_up_to_its_amount_and_not_one_cent_more(geld):
    r = regel(geld, bedrag="1000.00")
    _dek(geld, r, bedrag=Decimal("600.00"))
    with pytest.raises(ValidationError) as fout:
        _dek(geld, r, bron=geld.gemeentebron, bedrag=Decimal("400.01"))
    assert "meer dan zijn bedrag" in fout.value.message_dict["bedrag"][0]
    _dek(geld, r, bron=geld.gemeentebron, bedrag=Decimal("400.00"))
    assert _regel(geld, r).gat == 0


def test_the_same_source_covers_a_line_once(geld):
    r = regel(geld)
    _dek(geld, r, bedrag=Decimal("100"))
    with pytest.raises(ValidationError) as fout:
        _dek(geld, r, bedrag=Decimal("100"))
    assert fout.value.message_dict["bron"] == ["Deze bron dekt deze regel al."]


def test_a_source_outside_its_categories_or_period_is_refused(geld):
    r = regel(geld, categorie=c.Kostencategorie.JOBCOACHING, omschrijving="Jobcoach")
    with pytest.raises(ValidationError) as fout:
        _dek(geld, r, bedrag=Decimal("100"))
    assert fout.value.message_dict["bron"] == ["Opleidingsbudget mag jobcoaching niet betalen."]
    oud = services.bron_save(
        acting_user=geld.budgethouder, naam="Potje 2025", soort=c.BronSoort.OVERIG, bedrag=Decimal("500"),
        geldig_van=datetime.date(2025, 1, 1), geldig_tot=datetime.date(2025, 12, 31), looptijd=c.Looptijd.EENMALIG,
        categorieen=[c.Kostencategorie.JOBCOACHING],
    )  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        _dek(geld, r, bron=oud, bedrag=Decimal("100"))
    assert "buiten de looptijd van het traject" in fout.value.message_dict["bron"][0]


def test_a_source_of_an_organisation_outside_the_trajectory_cannot_be_proposed(geld):
    vreemd = OrganisatieFactory()
    andere = maak_bron(vreemd, UserFactory(organisatie=vreemd, rollen=["financier"]))
    with pytest.raises(ValidationError) as fout:
        _dek(geld, regel(geld), bron=andere, bedrag=Decimal("100"))
    assert "bron" in fout.value.message_dict


def test_only_the_regisseur_of_the_trajectory_writes_its_budget(geld):
    for user in (geld.financier, UserFactory(rollen=["regisseur"])):
        with pytest.raises(PermissionDenied):
            services.begrotingsregel_save(
                acting_user=user, traject=geld.traject, categorie="overig", omschrijving="x", grondslag="groep",
                bedrag=Decimal("1"),
            )  # fmt: skip


def test_bad_input_for_a_line_gets_dutch_messages_per_field(geld):
    with pytest.raises(ValidationError) as fout:
        services.begrotingsregel_save(
            acting_user=geld.regisseur,
            traject=geld.traject,
            categorie="x",
            omschrijving=" ",
            grondslag="",
            bedrag=Decimal("-1"),
        )
    assert set(fout.value.message_dict) == {"categorie", "omschrijving", "grondslag", "bedrag"}
    assert fout.value.message_dict["bedrag"] == ["Het bedrag is € 0,00 of meer."]


def test_a_source_with_a_period_that_ends_before_it_starts_is_refused(geld):
    with pytest.raises(ValidationError) as fout:
        services.bron_save(
            acting_user=geld.financier, naam="Fout", soort=c.BronSoort.OO_FONDS, bedrag=Decimal("-5"),
            geldig_van=datetime.date(2027, 1, 1), geldig_tot=datetime.date(2026, 1, 1), looptijd=c.Looptijd.EENMALIG,
            categorieen=[],
        )  # fmt: skip
    assert set(fout.value.message_dict) == {"bedrag", "geldig_tot", "categorieen"}


def test_the_budget_costs_the_same_queries_for_one_line_as_for_fifty(geld):
    regel(geld)
    with CaptureQueriesContext(connection) as een:
        selectors.begroting(geld.traject).gat  # noqa: B018
    for i in range(49):
        r = regel(geld, omschrijving=f"Regel {i}", bedrag="10")
        _dek(geld, r, bedrag=Decimal("5"))
    with CaptureQueriesContext(connection) as vijftig:
        assert len(selectors.begroting(geld.traject).regels) == 50
    assert len(een) == len(vijftig) == selectors.BEGROTING_QUERIES


def test_a_share_does_not_take_over_what_an_approved_share_no_longer_covers(geld):
    r = regel(geld, bedrag="1000.00")
    services.dekking_approve(acting_user=geld.financier, dekking=_dek(geld, r, aandeel=Decimal("50")))
    _dek(geld, r, bron=geld.gemeentebron, aandeel=Decimal("50"))
    services.begrotingsregel_save(
        acting_user=geld.regisseur, traject=geld.traject, regel=r, categorie=r.categorie, omschrijving=r.omschrijving,
        grondslag=r.grondslag, bedrag=Decimal("2000.00"),
    )  # fmt: skip
    lijn = _regel(geld, r)
    assert [d.euro for d in lijn.dekkingen] == [Decimal("500.00"), Decimal("1000.00")]
    assert lijn.gat == Decimal("500.00")


def test_approval_is_refused_when_the_line_shrank_below_its_cover(geld):
    r = regel(geld, bedrag="1000.00")
    eerste = _dek(geld, r, bedrag=Decimal("600"))
    _dek(geld, r, bron=geld.gemeentebron, bedrag=Decimal("400"))
    services.begrotingsregel_save(
        acting_user=geld.regisseur, traject=geld.traject, regel=r, categorie=r.categorie, omschrijving=r.omschrijving,
        grondslag=r.grondslag, bedrag=Decimal("1000.00"),
    )  # fmt: skip
    from opleiders import constants as oc

    module = Module.objects.create(
        traject=geld.traject, aanbieder=OrganisatieFactory(), soort=oc.ModuleSoort.BASISVAK, naam="Basis",
        start=datetime.date(2027, 2, 1), eind=datetime.date(2027, 2, 28), prijs=Decimal("1000"),
        prijs_per=oc.PrijsPer.GROEP,
    )  # fmt: skip
    dekking = services.dekking_propose(
        acting_user=geld.regisseur, traject=geld.traject, bron=geld.bron, module=module, bedrag=Decimal("1000")
    )
    module.prijs = Decimal("800")
    module.save()
    with pytest.raises(ValidationError) as fout:
        services.dekking_approve(acting_user=geld.financier, dekking=dekking)
    assert "meer dan zijn bedrag" in fout.value.message_dict["bedrag"][0]
    assert services.dekking_approve(acting_user=geld.financier, dekking=eerste).status == c.DekkingStatus.TOEGEZEGD


def test_planned_figures_use_the_capacity_and_realised_ones_the_participants_who_started(geld):
    """Capacity 10: a line of € 500 per participant is planned at € 5,000. Of five participants,
    three started (one of them dropped out later, after the voortraject); an applicant, one in
    intake and one who dropped out from intake never started."""
    from tests.factories import DeelnameFactory
    from trajecten.models import DeelnameStap

    regel(geld, bedrag="500.00", grondslag=c.Grondslag.DEELNEMER, omschrijving="Vaktaal")
    regel(geld, bedrag="1200.00", omschrijving="Kick-off")
    assert selectors.begroting(geld.traject).gerealiseerd == Decimal("0.00")  # nobody started: not even the group
    for status in ("opleiding", "geplaatst", "aangemeld", "intake"):
        DeelnameFactory(traject=geld.traject, status=status)
    DeelnameFactory(traject=geld.traject, status="uitgevallen")  # after the training started
    uit_intake = DeelnameFactory(traject=geld.traject, status="uitgevallen")
    DeelnameStap.objects.filter(deelname=uit_intake).exclude(
        naar_status__in=("aangemeld", "intake", "uitgevallen")
    ).delete()
    begroting = selectors.begroting(geld.traject)
    per_deelnemer = next(r for r in begroting.regels if r.omschrijving == "Vaktaal")
    assert (per_deelnemer.aantal, per_deelnemer.gepland) == (10, Decimal("5000.00"))
    assert (begroting.gestart, per_deelnemer.gerealiseerd) == (3, Decimal("1500.00"))
    assert (begroting.gepland, begroting.gerealiseerd) == (Decimal("6200.00"), Decimal("2700.00"))
