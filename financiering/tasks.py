"""Celery tasks of financing: thin wrappers around financiering.resultaten. Idempotent: the claim
lines' unique key makes a task delivered twice add nothing."""

from celery import shared_task

from financiering import resultaten


@shared_task(name="financiering.tasks.resultaten_detecteren")
def resultaten_detecteren(traject_ids: list[int] | None = None) -> str:
    """Detect the results of these trajectories (all, without ids) and keep the claims in step."""
    return str(resultaten.detecteer(traject_ids))
