"""Celery tasks of the core: thin wrappers that take ids and call services."""

from celery import shared_task

from leerwerk import services


@shared_task(name="leerwerk.tasks.heartbeat")
def heartbeat(name: str) -> None:
    """Record that the worker (and, via the schedule, beat) is alive. Idempotent."""
    services.heartbeat_record(name=name)
