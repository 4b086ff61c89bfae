"""The nightly retention run (beat: settings.CELERY_BEAT_SCHEDULE, "bewaartermijnen")."""

from celery import shared_task
from django.conf import settings

from bewaren import services


@shared_task(name="bewaren.tasks.bewaartermijnen_toepassen")
def bewaartermijnen_toepassen() -> str:
    """Anonymise and delete what has expired; with LEERWERK_BEWAREN_DROOG only report it.
    Idempotent: a rerun (or a task delivered twice) finds nothing left to do."""
    verslag = services.bewaartermijnen_toepassen(droog=settings.LEERWERK_BEWAREN_DROOG)
    run = verslag.run
    soort = "proefrun" if run.droog else "run"
    return f"{soort}: {run.kandidaten} kandidaten, {run.toegangslog} toegangslogregels"
