"""Writes of the core app."""

from django.utils import timezone

from leerwerk.models import Heartbeat


def heartbeat_record(*, name: str) -> Heartbeat:
    heartbeat, _created = Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": timezone.now()})
    return heartbeat
