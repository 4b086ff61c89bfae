"""`manage.py signalen_scan`: the scan by hand, for a day and some trajectories, with the dagmail."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from signalen import constants as c
from signalen.models import Digest, Signaal
from tests.factories import TrajectFactory


@pytest.fixture
def proefplaatsing(wereld):
    deelname = wereld.deelname()
    wereld.plaatsing(deelname, start=dt.date(2026, 1, 15))  # benefit until 14-03-2026
    return deelname


def run(*args) -> str:
    out = StringIO()
    moment = timezone.make_aware(dt.datetime(2026, 3, 1, 7, 0))
    with time_machine.travel(moment, tick=False):
        call_command("signalen_scan", *args, stdout=out)
    return out.getvalue()


def proefplaatsing_signalen():
    return Signaal.objects.filter(regel=c.Regel.PROEFPLAATSING_TERMIJN)


def test_scan_of_everything_prints_what_it_did_and_a_second_run_adds_nothing(proefplaatsing):
    out = run("--datum", "2026-03-01")
    assert re.match(
        r"Signalen gescand op 01-03-2026 \(alle trajecten\): \d+ signalen gevonden: [1-9]\d* nieuw, 0 gewijzigd, "
        r"0 gesloten\.\n$",
        out,
    ), out
    [signaal] = proefplaatsing_signalen()
    assert (signaal.deadline, signaal.ernst) == (dt.date(2026, 3, 14), c.Ernst.WAARSCHUWING)
    again = run("--datum", "2026-03-01")
    assert ": 0 nieuw, 0 gewijzigd, 0 gesloten." in again
    assert proefplaatsing_signalen().count() == 1


def test_the_day_defaults_to_today(proefplaatsing):
    assert run().startswith("Signalen gescand op 01-03-2026 (alle trajecten)")
    assert proefplaatsing_signalen().count() == 1


def test_scan_of_some_trajectories(wereld, proefplaatsing):
    ander = TrajectFactory()
    out = run("--datum", "2026-03-01", "--traject", str(ander.pk))
    assert out.startswith(f"Signalen gescand op 01-03-2026 (trajecten {ander.pk}): ")
    assert not proefplaatsing_signalen().exists()
    out = run("--datum", "2026-03-01", "--traject", str(ander.pk), str(wereld.traject.pk))
    assert f"(trajecten {ander.pk}, {wereld.traject.pk})" in out
    assert proefplaatsing_signalen().count() == 1


def test_with_dagmail_the_digests_are_made_and_sent(wereld, proefplaatsing):
    out = run("--datum", "2026-03-01", "--dagmail")
    gemaakt, verzonden = map(int, re.search(r"Dagmail: (\d+) gemaakt, (\d+) verzonden\.", out).groups())
    assert gemaakt == verzonden == len(mail.outbox) >= 1
    assert Digest.objects.filter(user=wereld.klantmanager, datum=dt.date(2026, 3, 1)).exists()
    assert "Dagmail: 0 gemaakt, 0 verzonden." in run("--datum", "2026-03-01", "--dagmail")
    assert len(mail.outbox) == gemaakt


@pytest.mark.parametrize(
    ("args", "fout"),
    [
        (["--datum", "01-03-2026"], "Ongeldige datum '01-03-2026': gebruik JJJJ-MM-DD."),
        (["--traject", "999999"], "Onbekend traject: 999999"),
    ],
)
def test_wrong_input_is_refused_in_dutch(db, args, fout):
    with pytest.raises(CommandError, match=re.escape(fout)):
        run(*args)
    assert not Signaal.objects.exists()
