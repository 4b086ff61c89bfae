"""The consent rule: a signal for the klantmanager before a candidate's consent ends, at the
reminder boundaries; one signal however often it scans; closed when the consent is renewed or
withdrawn, also by a scan of no trajectory (what a consent change triggers)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Toestemming
from deelnemers.services import toestemming_renew, toestemming_withdraw
from leerwerk.models import Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal, Termijnregels
from signalen.selectors import signalen_actueel_for
from tests.factories import DeelnemerFactory
from tests.signalen.conftest import scan_op, van_regel

D = dt.date
EINDE = D(2027, 3, 1)

GRENZEN = [
    (D(2027, 2, 14), None),  # the day before the window (15 days ahead)
    (D(2027, 2, 15), Ernst.WAARSCHUWING),  # 14 days ahead: the first day
    (D(2027, 2, 25), Ernst.WAARSCHUWING),
    (D(2027, 2, 26), Ernst.URGENT),  # 3 days ahead
    (EINDE, Ernst.URGENT),  # the last day it counts
    (D(2027, 3, 2), Ernst.URGENT),  # the day after: lapsed
]


def _toestemming(wereld, *, klantmanager=True, einddatum=EINDE, soort=ToestemmingSoort.PARTNERS):
    deelnemer = DeelnemerFactory(
        gemeente=wereld.gemeente, klantmanager=wereld.klantmanager if klantmanager else None, voornaam="Nadia"
    )
    return Toestemming.objects.create(
        deelnemer=deelnemer, soort=soort, gegeven_op=D(2026, 3, 1), einddatum=einddatum,
        vastgelegd_door=wereld.klantmanager, tekstversie="2026-1", partners=["regisseur"], doel="traject",
    )  # fmt: skip


@pytest.mark.parametrize(("dag", "ernst"), GRENZEN)
def test_consent_ending_at_its_boundaries(wereld, dag, ernst):
    toestemming = _toestemming(wereld)
    signalen = van_regel(scan_op(dag), Regel.TOESTEMMING)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.object_type, signaal.object_id, signaal.deadline) == ("toestemming", str(toestemming.pk), EINDE)
    assert signaal.ernst == ernst
    if dag > EINDE:
        assert signaal.bericht.startswith("Toestemming 'Delen met trajectpartners' is verlopen op 01-03-2027")
    else:
        assert signaal.bericht.startswith("Toestemming 'Delen met trajectpartners' loopt af op 01-03-2027.")
    assert "Nadia" not in signaal.bericht and toestemming.deelnemer.achternaam not in signaal.bericht
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.klantmanager, Rol.KLANTMANAGER, wereld.gemeente,
    )  # fmt: skip
    assert signaal.link == reverse("deelnemers:kandidaat", args=[toestemming.deelnemer_id])
    assert signaal.traject is None and signaal.deelname is None
    assert [s.pk for s in signalen_actueel_for(wereld.klantmanager)] == [signaal.pk]
    assert not signalen_actueel_for(wereld.regisseur).filter(regel=Regel.TOESTEMMING).exists()


def test_without_a_klantmanager_every_klantmanager_of_the_gemeente_sees_it(wereld, make_user):
    _toestemming(wereld, klantmanager=False)
    [signaal] = van_regel(scan_op(D(2027, 2, 20)), Regel.TOESTEMMING)
    assert signaal.verantwoordelijke is None and signaal.organisatie == wereld.gemeente
    collega = make_user(Rol.KLANTMANAGER)
    assert signaal in signalen_actueel_for(collega)


def test_the_gemeente_s_own_lead_times_apply(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, herinnering_dagen=[30, 7])
    _toestemming(wereld)
    assert van_regel(scan_op(D(2027, 1, 29)), Regel.TOESTEMMING) == []  # 31 days ahead
    [signaal] = van_regel(scan_op(D(2027, 1, 30)), Regel.TOESTEMMING)  # 30 days ahead
    assert signaal.ernst == Ernst.WAARSCHUWING


def test_a_second_scan_creates_nothing(wereld):
    _toestemming(wereld)
    scan_op(D(2027, 2, 20))
    eerst = list(Signaal.objects.values_list("pk", "gewijzigd_op"))
    scan_op(D(2027, 2, 20))
    assert list(Signaal.objects.values_list("pk", "gewijzigd_op")) == eerst
    assert Signaal.objects.filter(regel=Regel.TOESTEMMING).count() == 1


def test_renewal_closes_the_signal_at_once_and_the_new_consent_has_none_yet(wereld):
    toestemming = _toestemming(wereld)
    [signaal] = van_regel(scan_op(D(2027, 2, 20)), Regel.TOESTEMMING)
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 2, 20, 10)), tick=False):
        toestemming_renew(acting_user=wereld.klantmanager, toestemming=toestemming, einddatum=D(2028, 2, 19))
    # The recompute a consent change enqueues: a scan of no trajectory.
    assert van_regel(scan_op(D(2027, 2, 20), traject_ids=[]), Regel.TOESTEMMING) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN
    # A year on, the renewed consent gets its own signal.
    [nieuw] = van_regel(scan_op(D(2028, 2, 10)), Regel.TOESTEMMING)
    assert nieuw.pk != signaal.pk and nieuw.deadline == D(2028, 2, 19)


def test_withdrawal_closes_the_signal_and_a_scan_of_other_trajectories_leaves_it(wereld):
    toestemming = _toestemming(wereld)
    [signaal] = van_regel(scan_op(D(2027, 2, 20)), Regel.TOESTEMMING)
    # A scan of some trajectory keeps a consent signal that still holds.
    assert van_regel(scan_op(D(2027, 2, 20), traject_ids=[wereld.traject.pk]), Regel.TOESTEMMING) == [signaal]
    toestemming_withdraw(acting_user=wereld.klantmanager, toestemming=toestemming, op=D(2027, 2, 20))
    assert van_regel(scan_op(D(2027, 2, 20), traject_ids=[wereld.traject.pk]), Regel.TOESTEMMING) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_a_consent_without_end_date_gives_no_signal(wereld):
    _toestemming(wereld, einddatum=None)
    assert van_regel(scan_op(D(2030, 1, 1)), Regel.TOESTEMMING) == []
