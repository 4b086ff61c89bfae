"""The signal tasks in a real Celery worker, on the test database and the tests' Redis.

- a placement proposed inside the bouwvak through the service: the recompute the service
  enqueues on commit reaches the worker, which creates the signal;
- the nightly scan and the dagmail, each run twice through the worker: the same signals,
  one dagmail per user, one e-mail each;
- a task delivered twice (the same task id sent twice, as after a worker crash): one effect.

The worker listens on a queue of its own (never stealing work from `make run`); while a test
runs, Celery's default queue is set to it so the services' `.delay()` lands there too. The
worker writes e-mail to files (EMAIL_URL filemail://), one file per message.
"""

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from deelnemers.constants import UitkeringType
from leerwerk.celery import app
from leerwerk.datums import plus_maanden
from leerwerk.models import BouwvakPeriode, Heartbeat
from leerwerk.tasks import heartbeat
from signalen import constants as c
from signalen import tasks
from signalen.models import Digest, Signaal
from tests.leerwerk.test_celery_worker import _database_url_for_tests, _wait_for
from tests.werkgevers.conftest import world  # noqa: F401 - fixture
from werkgevers import services as werkgever_services

pytestmark = pytest.mark.slow


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A worker process; yields (queue, mail folder). Celery's default queue is the worker's meanwhile."""
    queue = f"test-signalen-{uuid.uuid4().hex[:8]}"
    maildir = tmp_path / "mail"
    maildir.mkdir()
    log = (tmp_path / "worker.log").open("wb")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_for_tests(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"filemail:///{maildir}",
        "SITE_URL": "https://leerwerk.test",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "leerwerk", "worker", "--pool", "solo", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
        cwd=Path(settings.BASE_DIR), env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield queue, maildir
    finally:
        app.conf.task_default_queue = default_queue
        process.terminate()
        process.wait(30)
        log.close()


def klaar(queue: str, naam: str, timeout: int = 90) -> None:
    """Send a sentinel behind the tasks already queued and wait for it: the worker, one process
    taking tasks in order, has then run everything before it."""
    heartbeat.apply_async(args=[naam], queue=queue)
    assert _wait_for(lambda: Heartbeat.objects.filter(name=naam).exists(), timeout), "worker ran nothing"


def signalen() -> list[tuple]:
    return sorted(Signaal.objects.values_list("regel", "object_type", "object_id", "deadline", "ernst", "status", "id"))


def mails(maildir: Path) -> list[str]:
    """Every message the worker's file backend wrote. Django's backend may append two messages
    sent in the same second to one file; each message ends with a line of 79 dashes."""
    scheiding = "\n" + "-" * 79 + "\n"
    return [m for p in sorted(maildir.iterdir()) for m in p.read_text().split(scheiding) if m.strip()]


def test_a_placement_proposed_inside_the_bouwvak_is_signalled_by_the_workers_recompute(world, worker):  # noqa: F811
    queue, _maildir = worker
    jaar = timezone.localdate().year + 1
    BouwvakPeriode.objects.update_or_create(
        regio="zuid", jaar=jaar, defaults={"start": dt.date(jaar, 7, 19), "eind": dt.date(jaar, 8, 6)}
    )
    deelname = world.deelname()
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname, start=dt.date(jaar, 7, 26))  # commits; enqueues the recompute
    assert _wait_for(lambda: Signaal.objects.filter(regel=c.Regel.BOUWVAK_START).exists()), "no recompute ran"
    signaal = Signaal.objects.get(regel=c.Regel.BOUWVAK_START)
    assert (signaal.object_type, signaal.object_id) == ("plaatsing", str(plaatsing.pk))
    assert signaal.suggestie is not None and signaal.suggestie > dt.date(jaar, 8, 6)
    # The change moves the start after the bouwvak: the next recompute closes the signal.
    werkgever_services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, start=signaal.suggestie)
    assert _wait_for(lambda: Signaal.objects.get(pk=signaal.pk).status == c.SignaalStatus.VERVALLEN)
    klaar(queue, "na-wijziging")


@pytest.fixture
def proefplaatsing_bijna_om(wereld):
    """A trial placement whose two months on benefit end within the reminder time, today."""
    deelname = wereld.deelname(uitkering_type=UitkeringType.BIJSTAND)
    start = plus_maanden(timezone.localdate(), -2) + dt.timedelta(days=7)
    return wereld.plaatsing(deelname, start=start)


def test_the_nightly_scan_and_dagmail_twice_through_the_worker_give_the_same_signals_and_one_mail(
    wereld, proefplaatsing_bijna_om, worker
):
    queue, maildir = worker
    tasks.scan_alles.apply_async(queue=queue)
    klaar(queue, "na-eerste-scan")
    eerste = signalen()
    assert any(s[0] == c.Regel.PROEFPLAATSING_TERMIJN for s in eerste)

    tasks.scan_alles.apply_async(queue=queue)
    tasks.dagmail.apply_async(queue=queue)
    tasks.dagmail.apply_async(queue=queue)
    tasks.dagmail_versturen.apply_async(queue=queue)
    klaar(queue, "na-alles")

    assert signalen() == eerste
    digests = list(Digest.objects.values_list("user__email", "status"))
    assert len(digests) == len({email for email, _ in digests}) >= 1
    assert all(status == c.DigestStatus.VERZONDEN for _, status in digests)
    berichten = mails(maildir)
    assert len(berichten) == len(digests)
    [aan_klantmanager] = [m for m in berichten if f"To: {wereld.klantmanager.email}" in m]
    assert "Proefplaatsing bij" in aan_klantmanager and "https://leerwerk.test/" in aan_klantmanager
    assert "X-Leerwerk-Digest: " in aan_klantmanager


def test_a_task_delivered_twice_has_one_effect(wereld, proefplaatsing_bijna_om, worker):
    queue, maildir = worker
    herbereken_id, dagmail_id = str(uuid.uuid4()), str(uuid.uuid4())
    for _ in range(2):
        tasks.herbereken_trajecten.apply_async(args=[[wereld.traject.pk]], queue=queue, task_id=herbereken_id)
    for _ in range(2):
        tasks.dagmail.apply_async(queue=queue, task_id=dagmail_id)
    klaar(queue, "na-dubbel")

    assert Signaal.objects.filter(regel=c.Regel.PROEFPLAATSING_TERMIJN).count() == 1
    assert Digest.objects.filter(user=wereld.klantmanager).count() == 1
    berichten = mails(maildir)
    assert len(berichten) == Digest.objects.count()
    assert sum(f"To: {wereld.klantmanager.email}" in m for m in berichten) == 1
    time.sleep(1)  # nothing arrives late
    assert len(mails(maildir)) == len(berichten)
