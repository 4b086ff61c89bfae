"""Commitments: the source's owner approves (four eyes), the approved amount is fixed, a source
is never overspent, not even by two approvals at once (issue 13, item 4)."""

import threading
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction

from financiering import constants as c
from financiering import selectors, services
from financiering.models import Dekking
from tests.factories import TrajectFactory, TrajectPartnerFactory, UserFactory
from tests.financiering.conftest import regel
from trajecten import constants as tc


def _dek(w, r, bron=None, **kwargs):
    return services.dekking_propose(acting_user=w.regisseur, traject=w.traject, bron=bron or w.bron, regel=r, **kwargs)


@pytest.mark.django_db
def test_approval_fixes_the_amount_and_commits_it(geld):
    r = regel(geld, bedrag="2000.00")
    dekking = services.dekking_approve(acting_user=geld.financier, dekking=_dek(geld, r, aandeel=Decimal("25")))
    assert (dekking.status, dekking.toegezegd_bedrag, dekking.beoordeeld_door) == (
        "toegezegd",
        Decimal("500.00"),
        geld.financier,
    )
    services.begrotingsregel_save(
        acting_user=geld.regisseur, traject=geld.traject, regel=r, categorie=r.categorie, omschrijving=r.omschrijving,
        grondslag=r.grondslag, bedrag=Decimal("4000.00"),
    )  # fmt: skip
    lijn = selectors.regel_van(selectors.begroting(geld.traject), r.pk)
    assert (lijn.toegezegd, lijn.gat) == (Decimal("500.00"), Decimal("3500.00"))  # not 25% of the new amount
    saldo = selectors.saldo(geld.bron)
    assert (saldo.budget, saldo.toegezegd, saldo.beschikbaar) == (
        Decimal("10000.00"),
        Decimal("500.00"),
        Decimal("9500.00"),
    )


@pytest.mark.django_db
def test_a_source_commits_exactly_its_budget_and_refuses_one_cent_more_with_its_balance(geld):
    eerste = _dek(geld, regel(geld, bedrag="10000.00"), bedrag=Decimal("10000.00"))
    services.dekking_approve(acting_user=geld.financier, dekking=eerste)
    tweede = _dek(geld, regel(geld, bedrag="0.01", omschrijving="Nog een cent"), bedrag=Decimal("0.01"))
    with pytest.raises(ValidationError) as fout:
        services.dekking_approve(acting_user=geld.financier, dekking=tweede)
    assert fout.value.message_dict["bedrag"] == [
        "Opleidingsbudget kan € 0,01 niet dragen. Begroot € 10.000,00, toegezegd € 10.000,00, gedeclareerd € 0,00, "
        "betaald € 0,00, beschikbaar € 0,00."
    ]
    tweede.refresh_from_db()
    assert tweede.status == c.DekkingStatus.VOORGESTELD


@pytest.mark.django_db
def test_whoever_proposed_does_not_approve(geld):
    dekking = services.dekking_propose(
        acting_user=geld.budgethouder,
        traject=geld.traject,
        bron=geld.gemeentebron,
        regel=regel(geld),
        bedrag=Decimal("10"),
    )
    with pytest.raises(ValidationError) as fout:
        services.dekking_approve(acting_user=geld.budgethouder, dekking=dekking)
    assert "vier ogen" in fout.value.message_dict["status"][0]
    andere = UserFactory(organisatie=geld.gemeente, rollen=["financier"])
    assert services.dekking_approve(acting_user=andere, dekking=dekking).status == c.DekkingStatus.TOEGEZEGD


@pytest.mark.django_db
def test_only_a_financier_of_the_sources_organisation_decides(geld):
    dekking = _dek(geld, regel(geld), bedrag=Decimal("10"))
    for user in (geld.regisseur, geld.budgethouder, UserFactory(rollen=["financier"])):
        with pytest.raises(PermissionDenied):
            services.dekking_approve(acting_user=user, dekking=dekking)
        with pytest.raises(PermissionDenied):
            services.dekking_refuse(acting_user=user, dekking=dekking, reden="Nee")


@pytest.mark.django_db
def test_a_refusal_needs_a_reason_and_frees_the_line(geld):
    r = regel(geld, bedrag="100")
    dekking = _dek(geld, r, bedrag=Decimal("100"))
    with pytest.raises(ValidationError) as fout:
        services.dekking_refuse(acting_user=geld.financier, dekking=dekking, reden="  ")
    assert fout.value.message_dict == {"reden": ["Geef de reden van de afwijzing."]}
    services.dekking_refuse(acting_user=geld.financier, dekking=dekking, reden="Past niet in ons jaarplan.")
    with pytest.raises(ValidationError):
        services.dekking_approve(acting_user=geld.collega, dekking=dekking)
    _dek(geld, r, bron=geld.gemeentebron, bedrag=Decimal("100"))  # the line can be covered again
    assert selectors.regel_van(selectors.begroting(geld.traject), r.pk).gat == 0


@pytest.mark.django_db
def test_a_withdrawn_commitment_is_available_to_the_source_again(geld):
    dekking = services.dekking_approve(
        acting_user=geld.financier, dekking=_dek(geld, regel(geld, bedrag="800"), bedrag=Decimal("800"))
    )
    assert selectors.saldo(geld.bron).beschikbaar == Decimal("9200.00")
    services.dekking_withdraw(acting_user=geld.regisseur, dekking=dekking)
    assert selectors.saldo(geld.bron).beschikbaar == Decimal("10000.00")


@pytest.mark.django_db
def test_a_budget_cannot_drop_below_what_it_committed(geld):
    services.dekking_approve(
        acting_user=geld.financier, dekking=_dek(geld, regel(geld, bedrag="800"), bedrag=Decimal("800"))
    )
    with pytest.raises(ValidationError) as fout:
        services.bron_save(acting_user=geld.financier, bron=geld.bron, bedrag=Decimal("799.99"))
    assert fout.value.message_dict["bedrag"] == [
        "Het budget kan niet lager dan wat al is toegezegd en gedeclareerd: € 800,00."
    ]


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_never_overspend_a_source(geld):
    """Two financiers approve two covers that the source can bear only one of. The first approval
    is made and not yet committed when the second starts: the second waits for the source's row
    lock, then sees the first commitment and is refused with the balance."""
    services.bron_save(acting_user=geld.financier, bron=geld.bron, bedrag=Decimal("1000.00"))
    eerste = _dek(geld, regel(geld, bedrag="700"), bedrag=Decimal("700"))
    # the second from another trajectory of the same regie: nothing but the source is shared
    ander = SimpleNamespace(**{**vars(geld), "traject": TrajectFactory(regie_organisatie=geld.gemeente)})
    TrajectPartnerFactory(traject=ander.traject, organisatie=geld.fonds, rol=tc.PartnerRol.FINANCIER)
    tweede = _dek(ander, regel(ander, bedrag="700"), bedrag=Decimal("700"))
    binnen = threading.Event()
    uitkomsten = {}

    def keur_goed(naam, user, dekking, *, houd_vast=False):
        try:
            with transaction.atomic():
                services.dekking_approve(acting_user=user, dekking=dekking)
                if houd_vast:  # approved, lock held, not committed: let the other one start now
                    binnen.set()
                    time.sleep(0.5)
            uitkomsten[naam] = "toegezegd"
        except ValidationError as exc:
            uitkomsten[naam] = exc.message_dict["bedrag"][0]
        finally:
            binnen.set()
            connections.close_all()

    a = threading.Thread(target=keur_goed, args=("eerste", geld.financier, eerste), kwargs={"houd_vast": True})
    a.start()
    binnen.wait(10)
    b = threading.Thread(target=keur_goed, args=("tweede", geld.collega, tweede))
    b.start()
    a.join()
    b.join()
    assert uitkomsten["eerste"] == "toegezegd"
    assert "beschikbaar € 300,00" in uitkomsten["tweede"], uitkomsten
    assert list(Dekking.objects.filter(status=c.DekkingStatus.TOEGEZEGD)) == [eerste]
    assert selectors.saldo(geld.bron).toegezegd == Decimal("700.00")
