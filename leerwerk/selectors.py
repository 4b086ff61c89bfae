"""Reads of the core app."""

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from leerwerk.models import Heartbeat


def system_health(*, include_celery: bool = False) -> dict[str, str]:
    """ "ok" or a Dutch reason per part: database, Redis and, on request, Celery beat/worker."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = "fout"
    try:
        cache.set("gezondheid", "ok", 5)
        checks["redis"] = "ok" if cache.get("gezondheid") == "ok" else "fout"
    except Exception:  # noqa: BLE001
        checks["redis"] = "fout"
    if include_celery and all(value == "ok" for value in checks.values()):
        # Beat schedules a heartbeat every minute and the worker writes it.
        recent = timezone.now() - timezone.timedelta(minutes=5)
        checks["celery"] = (
            "ok" if Heartbeat.objects.filter(name="beat", last_seen__gte=recent).exists() else ("geen recente hartslag")
        )
    return checks


def organisaties_visible_to(user):
    """The organisations the API names to `user`: a regisseur every active organisation (what the
    trajectory's forms offer as region, gemeente or partner); anyone else their own only."""
    from leerwerk.models import Organisatie, Rol

    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        return Organisatie.objects.none()
    if user.has_rol(Rol.REGISSEUR):
        return Organisatie.objects.filter(actief=True)
    return Organisatie.objects.filter(pk=user.organisatie_id)
