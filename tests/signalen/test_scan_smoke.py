import datetime as dt

from signalen.constants import Ernst, Regel
from tests.signalen.conftest import scan_op, van_regel


def test_trial_placement_near_its_limit_gives_one_signal_for_the_klantmanager(wereld):
    deelname = wereld.deelname()
    wereld.plaatsing(deelname, start=dt.date(2026, 1, 15))  # two months: last day 14 March
    assert van_regel(scan_op(dt.date(2026, 2, 27)), Regel.PROEFPLAATSING_TERMIJN) == []
    [signaal] = van_regel(scan_op(dt.date(2026, 2, 28)), Regel.PROEFPLAATSING_TERMIJN)
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 3, 14), Ernst.WAARSCHUWING)
    assert signaal.verantwoordelijke == wereld.klantmanager
    [again] = van_regel(scan_op(dt.date(2026, 2, 28)), Regel.PROEFPLAATSING_TERMIJN)
    assert again.pk == signaal.pk
