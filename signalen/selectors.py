"""Reads of signals, scoped to who asks.

A user sees the signals they are responsible for, and those addressed to a role they hold
in their organisation (or, for the beheerder, nationally). On a trajectory's page the
regisseurs of the organisation that directs it see all of its signals.
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from leerwerk.models import Rol
from signalen import constants as c
from signalen.models import Signaal


def _zichtbaar(user) -> Q | None:
    if not user.is_authenticated or not user.is_active:
        return None
    rollen = [r for r in user.rollen if user.has_rol(r)]
    q = Q(verantwoordelijke_id=user.pk)
    if rollen:
        q |= Q(verantwoordelijke__isnull=True, rol__in=rollen) & (
            Q(organisatie__isnull=True) | Q(organisatie_id=user.organisatie_id)
        )
    return q


def actueel(vandaag: dt.date | None = None) -> Q:
    """Still to be acted on: open or acknowledged, or snoozed until a day that has come."""
    vandaag = vandaag or timezone.localdate()
    return Q(status__in=[c.SignaalStatus.OPEN, c.SignaalStatus.GEZIEN]) | Q(
        status=c.SignaalStatus.UITGESTELD, uitgesteld_tot__lte=vandaag
    )


def signalen_for(user) -> QuerySet[Signaal]:
    """Every signal `user` may see (any state); filter with `actueel()` for the current ones."""
    q = _zichtbaar(user)
    if q is None:
        return Signaal.objects.none()
    return Signaal.objects.filter(q).select_related("traject", "deelname__deelnemer")


def signalen_actueel_for(user, vandaag: dt.date | None = None) -> QuerySet[Signaal]:
    return signalen_for(user).filter(actueel(vandaag)).order_by("deadline", "id")


def signaal_for(user, pk: int) -> Signaal:
    """One signal the user may act on (404 otherwise)."""
    return get_object_or_404(signalen_for(user) | signalen_regie(user), pk=pk)


def signalen_regie(user) -> QuerySet[Signaal]:
    """The signals of the trajectories the user's organisation directs (regisseur only)."""
    if not user.is_authenticated or not user.has_rol(Rol.REGISSEUR) or not user.organisatie_id:
        return Signaal.objects.none()
    return Signaal.objects.filter(traject__regie_organisatie_id=user.organisatie_id).select_related(
        "traject", "deelname__deelnemer"
    )


def signalen_voor_traject(user, traject, vandaag: dt.date | None = None) -> QuerySet[Signaal]:
    """The current signals of one trajectory that `user` may see, for its page."""
    return (
        (signalen_for(user) | signalen_regie(user)).filter(actueel(vandaag), traject=traject).order_by("deadline", "id")
    )
