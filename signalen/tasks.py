"""Celery tasks of the signals: thin wrappers around signalen.scan and signalen.digest."""

from celery import shared_task

from signalen import scan as scan_module


@shared_task(name="signalen.tasks.scan_alles")
def scan_alles() -> str:
    """The nightly scan of every trajectory. Idempotent: a rerun changes nothing."""
    return str(scan_module.scan())


@shared_task(name="signalen.tasks.herbereken_trajecten")
def herbereken_trajecten(traject_ids: list[int]) -> str:
    """Recompute the signals of some trajectories after a change. Idempotent."""
    return str(scan_module.scan(traject_ids=traject_ids))
