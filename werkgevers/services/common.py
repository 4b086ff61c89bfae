"""Who may write what in the werkgevers app: the guards every service starts with."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from leerwerk.models import Rol
from trajecten.selectors import trajecten_directed_by
from werkgevers.models import Werkgever


def is_own_werkgever(user, werkgever: Werkgever) -> bool:
    return user.has_rol(Rol.WERKGEVER) and user.organisatie_id == werkgever.organisatie_id


def directs(user, traject_id: int) -> bool:
    return trajecten_directed_by(user).filter(pk=traject_id).exists()


def require_werkgever_or_regie(user, werkgever: Werkgever) -> None:
    """The employer's own contact person, or a regisseur of a trajectory it is a partner in."""
    from werkgevers.selectors import werkgevers_visible_to

    if is_own_werkgever(user, werkgever):
        return
    if user.has_rol(Rol.REGISSEUR) and werkgevers_visible_to(user).filter(pk=werkgever.pk).exists():
        return
    raise PermissionDenied


def require_regie(user, traject_id: int) -> None:
    if not directs(user, traject_id):
        raise PermissionDenied


def save(obj, **unique_messages):
    """full_clean, then save; a unique race that slips past the check becomes a field error."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        for field, message in unique_messages.items():
            if field in str(exc):
                raise ValidationError({field: message}) from exc
        raise
    return obj
