"""Celery tasks of the werkgevers app: thin wrappers around werkgevers.services."""

from celery import shared_task

from werkgevers import services


@shared_task(name="werkgevers.tasks.plaatsingen_starten")
def plaatsingen_starten() -> str:
    """The nightly step of participants whose confirmed placement starts today (into
    proefplaatsing or geplaatst, with the start date), and the undo of steps made too early.
    Idempotent: a second run finds nothing to do."""
    return str(services.deelnames_bij_plaatsingen())
