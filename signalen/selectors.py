"""Reads of signals, scoped to who asks.

A user sees the signals they are responsible for, and those addressed to a role they hold
in their organisation (or, for the beheerder, nationally). On a trajectory's page the
regisseurs of the organisation that directs it see all of its signals.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from leerwerk.models import Rol
from signalen import constants as c
from signalen.models import Signaal


def _zichtbaar(user) -> Q | None:
    if not user.is_authenticated or not user.is_active:
        return None
    rollen = [r for r in user.rollen if user.has_rol(r)]
    if not rollen:
        return None  # without any role nothing, not even signals still naming the user
    return Q(verantwoordelijke_id=user.pk) | (
        Q(verantwoordelijke__isnull=True, rol__in=rollen)
        & (Q(organisatie__isnull=True) | Q(organisatie_id=user.organisatie_id))
    )


def actueel(vandaag: dt.date | None = None) -> Q:
    """Still to be acted on: open or acknowledged, or snoozed until a day that has come."""
    vandaag = vandaag or timezone.localdate()
    return Q(status__in=[c.SignaalStatus.OPEN, c.SignaalStatus.GEZIEN]) | Q(
        status=c.SignaalStatus.UITGESTELD, uitgesteld_tot__lte=vandaag
    )


# Urgent before 'let op' before a tip.
ERNST_VOLGORDE = Case(
    *(When(ernst=ernst, then=Value(rang)) for ernst, rang in c.ERNST_RANG.items()),
    default=Value(0),
    output_field=IntegerField(),
)


def urgentste_eerst(qs: QuerySet[Signaal]) -> QuerySet[Signaal]:
    """Urgent before 'let op' before a tip; then the nearest deadline."""
    return qs.annotate(ernst_rang=ERNST_VOLGORDE).order_by("-ernst_rang", "deadline", "id")


def met_status(qs: QuerySet[Signaal], status: str | None, vandaag: dt.date | None = None) -> QuerySet[Signaal]:
    """Signals by the state a user asks for, the same on the page and in the API: "actueel"
    (also when empty), "alle", "uitgesteld" (still snoozed), or one of the other states."""
    vandaag = vandaag or timezone.localdate()
    if not status or status == "actueel":
        return qs.filter(actueel(vandaag))
    if status == "alle":
        return qs
    if status == c.SignaalStatus.UITGESTELD:
        return qs.filter(status=status, uitgesteld_tot__gt=vandaag)
    return qs.filter(status=status)


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
    """The regie signals of the trajectories the user's organisation directs, whoever of its
    regisseurs they name (regisseur only). Signals for other roles stay theirs: a klantmanager's
    benefit signal would tell a regisseur who is on benefit."""
    if not user.is_authenticated or not user.has_rol(Rol.REGISSEUR) or not user.organisatie_id:
        return Signaal.objects.none()
    return Signaal.objects.filter(traject__regie_organisatie_id=user.organisatie_id, rol=Rol.REGISSEUR).select_related(
        "traject", "deelname__deelnemer"
    )


def signalen_voor_traject(user, traject, vandaag: dt.date | None = None) -> QuerySet[Signaal]:
    """The current signals of one trajectory that `user` may see, for its page."""
    return (
        (signalen_for(user) | signalen_regie(user)).filter(actueel(vandaag), traject=traject).order_by("deadline", "id")
    )


# --- Calendar feed and the klantmanager's extension (settings and regelruimte) ---------------


def signalen_voor_agenda(user) -> QuerySet[Signaal]:
    """The signals in a user's calendar feed: every current one, snoozed ones included (their
    deadline does not move by snoozing)."""
    return signalen_for(user).filter(status__in=c.ACTUELE_STATUS).order_by("deadline", "id")


def agenda_gebruiker(token_hash: str):
    """The active user whose calendar link has this fingerprint, or None (unknown or revoked)."""
    from signalen.models import SignaalInstelling

    if not token_hash:
        return None
    instelling = (
        SignaalInstelling.objects.filter(agenda_token_hash=token_hash, user__is_active=True)
        .select_related("user__organisatie")
        .first()
    )
    return instelling.user if instelling else None


def signaalinstelling_van(user):
    """The user's settings, or unsaved defaults when they never changed anything."""
    from signalen.models import SignaalInstelling

    return SignaalInstelling.objects.filter(user=user).first() or SignaalInstelling(user=user)


def termijnregels_voor(gemeente_id: int | None):
    """The Termijnregels of one gemeente, falling back to the national row (signalen.regels.Termijnen)."""
    from signalen.regels import Termijnen

    return Termijnen().voor(gemeente_id)


def _proefplaatsingen_klantmanager(user):
    """Placements keeping benefit of the klantmanager's own candidates (deelnemers.selectors scope)."""
    from deelnemers.selectors import deelnemers_visible_to
    from werkgevers.constants import PLAATSING_MET_UITKERING
    from werkgevers.models import Plaatsing

    if not user.is_authenticated or not user.has_rol(Rol.KLANTMANAGER):
        return Plaatsing.objects.none()
    return Plaatsing.objects.filter(
        soort__in=PLAATSING_MET_UITKERING,
        deelname__deelnemer__in=deelnemers_visible_to(user, Rol.KLANTMANAGER),
    ).select_related("deelname__deelnemer", "deelname__traject", "leerwerkplek__werkgever__organisatie")


def proefplaatsing_voor_klantmanager(user, pk: int) -> "ProefplaatsingTermijn":
    """One placement keeping benefit of the klantmanager's candidate with its limit and
    extension (404 otherwise): two queries."""
    plaatsing = get_object_or_404(_proefplaatsingen_klantmanager(user).select_related("verlenging__door"), pk=pk)
    regels = termijnregels_voor(plaatsing.deelname.deelnemer.gemeente_id)
    return proefplaatsing_termijn(plaatsing, regels, getattr(plaatsing, "verlenging", None))


@dataclass(frozen=True)
class ProefplaatsingTermijn:
    """A placement keeping benefit with its last day on benefit (computed with leerwerk.datums)."""

    plaatsing: object
    werkgever: str
    maanden: int
    standaard_maanden: int
    max_maanden: int
    laatste_dag: dt.date
    verlenging: object | None
    lopend: bool
    met_uitkering: bool

    @property
    def kan_verlengen(self) -> bool:
        return self.lopend and self.met_uitkering and self.max_maanden > self.standaard_maanden


def proefplaatsing_termijn(plaatsing, regels, verlenging=None) -> ProefplaatsingTermijn:
    from deelnemers.constants import UitkeringType
    from werkgevers.constants import LOPENDE_PLAATSING

    maanden, laatste_dag = regels.proefplaatsing_termijn(plaatsing.start, verlenging.maanden if verlenging else None)
    return ProefplaatsingTermijn(
        plaatsing=plaatsing,
        werkgever=plaatsing.leerwerkplek.werkgever.organisatie.naam,
        maanden=maanden,
        standaard_maanden=regels.proefplaatsing_maanden,
        max_maanden=regels.proefplaatsing_max_maanden,
        laatste_dag=laatste_dag,
        verlenging=verlenging,
        lopend=plaatsing.status in LOPENDE_PLAATSING and plaatsing.einde is None,
        met_uitkering=plaatsing.deelname.deelnemer.uitkering_type != UitkeringType.GEEN,
    )


def proefplaatsingen_van_kandidaat(user, deelnemer) -> list[ProefplaatsingTermijn]:
    """The candidate's placements keeping benefit, for the kandidaat page: two queries."""
    from werkgevers.constants import PlaatsingStatus

    plaatsingen = (
        _proefplaatsingen_klantmanager(user)
        .filter(deelname__deelnemer=deelnemer)
        .exclude(status=PlaatsingStatus.AFGEWEZEN)
        .select_related("verlenging__door")
        .order_by("-start", "-id")
    )
    rijen = list(plaatsingen)
    if not rijen:
        return []
    regels = termijnregels_voor(deelnemer.gemeente_id)
    return [proefplaatsing_termijn(p, regels, getattr(p, "verlenging", None)) for p in rijen]
