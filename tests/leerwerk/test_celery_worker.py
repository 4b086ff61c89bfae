"""A real Celery worker, against the embedded Redis, sees tasks enqueued on commit."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from leerwerk.models import Heartbeat
from leerwerk.tasks import heartbeat

BASE_DIR = Path(settings.BASE_DIR)


def _database_url_for_tests() -> str:
    # The worker must use the test database, not the development one.
    from urllib.parse import quote

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    queue = f"test-{uuid.uuid4().hex[:8]}"  # our own queue: never steal work from `make run`
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "leerwerk",
            "worker",
            "--pool",
            "solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": _database_url_for_tests(), "REDIS_URL": settings.REDIS_URL},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield queue
    process.terminate()
    process.wait(30)
    log.close()


def _wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_task_enqueued_on_commit_runs_in_a_real_worker(worker):
    queue = worker
    with pytest.raises(RuntimeError), transaction.atomic():
        heartbeat.apply_async_on_commit(args=["teruggedraaid"], queue=queue)
        raise RuntimeError("rollback: the task must never be sent")
    with transaction.atomic():
        heartbeat.apply_async_on_commit(args=["vastgelegd"], queue=queue)
        # Not sent before the commit: the worker cannot have seen it yet.
        assert not Heartbeat.objects.filter(name="vastgelegd").exists()

    assert _wait_for(lambda: Heartbeat.objects.filter(name="vastgelegd").exists()), "worker did not run the task"
    # The worker consumes in order with one process: the rolled-back task would have come first.
    assert not Heartbeat.objects.filter(name="teruggedraaid").exists()


@pytest.mark.slow
def test_running_a_task_twice_has_one_effect(worker):
    queue = worker
    for _ in range(2):
        heartbeat.apply_async(args=["tweemaal"], queue=queue)
    assert _wait_for(lambda: Heartbeat.objects.filter(name="tweemaal").exists())
    time.sleep(1)
    assert Heartbeat.objects.filter(name="tweemaal").count() == 1
