"""Change history for domain models, kept by PostgreSQL triggers (django-pghistory).

Decorate a model with ``@track()`` to record every insert, update and delete in an event
table next to it, with the user and URL of the request (pghistory's middleware) as context.
Because triggers do the work, bulk updates and raw SQL are recorded too.
"""

import pghistory


def track(**kwargs):
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **kwargs)


def events_for(obj):
    """All history events of one object, oldest first, with their context (who, where)."""
    return pghistory.models.Events.objects.tracks(obj).order_by("pgh_created_at")
