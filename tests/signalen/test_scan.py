import datetime as dt

from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from signalen.services import signaal_acknowledge, signaal_done
from tests.signalen.conftest import scan_op, van_regel
from werkgevers.models import Plaatsing


def test_trial_placement_near_its_limit_gives_one_signal_for_the_klantmanager(wereld):
    deelname = wereld.deelname()
    wereld.plaatsing(deelname, start=dt.date(2026, 1, 15))  # two months: last day 14 March
    assert van_regel(scan_op(dt.date(2026, 2, 27)), Regel.PROEFPLAATSING_TERMIJN) == []
    [signaal] = van_regel(scan_op(dt.date(2026, 2, 28)), Regel.PROEFPLAATSING_TERMIJN)
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 3, 14), Ernst.WAARSCHUWING)
    assert signaal.verantwoordelijke == wereld.klantmanager
    [again] = van_regel(scan_op(dt.date(2026, 2, 28)), Regel.PROEFPLAATSING_TERMIJN)
    assert again.pk == signaal.pk


def _proefplaatsing_signaal(wereld, dag):
    plaatsing = wereld.plaatsing(wereld.deelname(), start=dt.date(2026, 1, 15))
    [signaal] = van_regel(scan_op(dag), Regel.PROEFPLAATSING_TERMIJN)
    return plaatsing, signaal


def test_a_signal_marked_done_stays_done_and_is_not_made_again(wereld):
    _plaatsing, signaal = _proefplaatsing_signaal(wereld, dt.date(2026, 2, 28))
    signaal_done(acting_user=wereld.klantmanager, signaal=signaal)
    assert van_regel(scan_op(dt.date(2026, 3, 12)), Regel.PROEFPLAATSING_TERMIJN) == []  # urgent now: still done
    rijen = Signaal.objects.filter(regel=Regel.PROEFPLAATSING_TERMIJN).values_list("pk", "status")
    assert list(rijen) == [(signaal.pk, SignaalStatus.AFGEHANDELD)]


def test_a_signal_whose_cause_is_gone_closes_and_opens_again_when_it_returns(wereld):
    plaatsing, signaal = _proefplaatsing_signaal(wereld, dt.date(2026, 2, 28))
    Plaatsing.objects.filter(pk=plaatsing.pk).update(einde=dt.date(2026, 3, 1))
    assert van_regel(scan_op(dt.date(2026, 3, 2)), Regel.PROEFPLAATSING_TERMIJN) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN
    Plaatsing.objects.filter(pk=plaatsing.pk).update(einde=None)  # the end was recorded by mistake
    [terug] = van_regel(scan_op(dt.date(2026, 3, 3)), Regel.PROEFPLAATSING_TERMIJN)
    assert (terug.pk, terug.status) == (signaal.pk, SignaalStatus.OPEN)
    assert Signaal.objects.filter(regel=Regel.PROEFPLAATSING_TERMIJN).count() == 1


def test_an_acknowledged_signal_opens_again_when_it_becomes_more_urgent(wereld):
    _plaatsing, signaal = _proefplaatsing_signaal(wereld, dt.date(2026, 2, 28))
    signaal_acknowledge(acting_user=wereld.klantmanager, signaal=signaal)
    [zelfde] = van_regel(scan_op(dt.date(2026, 3, 1)), Regel.PROEFPLAATSING_TERMIJN)
    assert (zelfde.status, zelfde.gewijzigd_op) == (SignaalStatus.GEZIEN, signaal.gewijzigd_op)
    [urgent] = van_regel(scan_op(dt.date(2026, 3, 11)), Regel.PROEFPLAATSING_TERMIJN)  # three days before
    assert (urgent.pk, urgent.status, urgent.ernst) == (signaal.pk, SignaalStatus.OPEN, Ernst.URGENT)
    assert urgent.gewijzigd_op > signaal.gewijzigd_op  # changed: it goes into the next daily e-mail
