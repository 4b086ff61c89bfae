"""Celery tasks of the signals: thin wrappers around signalen.scan and signalen.digest.

Every task is idempotent, so a task delivered twice (acks_late after a worker crash, a Redis
restart) has one effect: the scan's unique key per rule, object and deadline, the dagmail's
unique key per user and day, and the outbox status that lets a dagmail out only once.
"""

from celery import shared_task

from signalen import digest
from signalen import scan as scan_module


@shared_task(name="signalen.tasks.scan_alles")
def scan_alles() -> str:
    """The nightly scan of every trajectory. Idempotent: a rerun changes nothing."""
    return str(scan_module.scan())


@shared_task(name="signalen.tasks.herbereken_trajecten")
def herbereken_trajecten(traject_ids: list[int]) -> str:
    """Recompute the signals of some trajectories after a change. Idempotent."""
    return str(scan_module.scan(traject_ids=traject_ids))


@shared_task(name="signalen.tasks.dagmail")
def dagmail() -> str:
    """The morning's dagmail: write today's outbox rows, then send what waits."""
    gemaakt = digest.digests_maken()
    verzonden = digest.digests_versturen()
    return f"{gemaakt} dagmails gemaakt, {verzonden} verzonden"


@shared_task(name="signalen.tasks.dagmail_versturen")
def dagmail_versturen() -> str:
    """Send dagmails still waiting (a retry after a failed send)."""
    return f"{digest.digests_versturen()} dagmails verzonden"
