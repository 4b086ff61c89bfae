"""Reads of trajectories and participations, scoped to who asks.

Trajectories themselves hold no personal data: the regie organisation, every partner and the
participating gemeenten see them. Deelnames do: they follow deelnemers.selectors, plus the
opleider's training view (name and training progress only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from deelnemers.constants import Opleidingsniveau, Taalniveau
from deelnemers.models import Deelnemer
from deelnemers.selectors import partner_consent, person_roles
from leerwerk.models import Rol
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap, Traject, TrajectPartner, Vervolgactie

# Roles that see a trajectory through their organisation's partnership in it.
_PARTNER_ROLES = (Rol.OPLEIDER, Rol.WERKGEVER, Rol.JOBCOACH, Rol.REGISSEUR, Rol.KLANTMANAGER)


def trajecten_visible_to(user) -> QuerySet[Traject]:
    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        return Traject.objects.none()
    org = user.organisatie_id
    q = Q(pk__in=[])
    if user.has_rol(Rol.REGISSEUR):
        q |= Q(regie_organisatie_id=org)
    if any(user.has_rol(r) for r in _PARTNER_ROLES):
        q |= Q(Exists(TrajectPartner.objects.filter(traject=OuterRef("pk"), organisatie_id=org)))
    if user.has_rol(Rol.KLANTMANAGER) or user.has_rol(Rol.WETHOUDER):
        q |= Q(Exists(Traject.gemeenten.through.objects.filter(traject_id=OuterRef("pk"), organisatie_id=org)))
    return Traject.objects.filter(q)


def trajecten_directed_by(user) -> QuerySet[Traject]:
    if not user.has_rol(Rol.REGISSEUR) or not user.organisatie_id:
        return Traject.objects.none()
    return Traject.objects.filter(regie_organisatie_id=user.organisatie_id)


def trajecten_open_for_aanmelding(user) -> QuerySet[Traject]:
    """Where a klantmanager may propose candidates: trajectories their gemeente takes part in."""
    if not user.has_rol(Rol.KLANTMANAGER) or not user.organisatie_id:
        return Traject.objects.none()
    return Traject.objects.filter(
        gemeenten=user.organisatie_id, status__in=[c.TrajectStatus.WERVING, c.TrajectStatus.LOPEND]
    ).order_by("naam")


def deelnames_visible_to(user, rol: str | None = None) -> QuerySet[Deelname]:
    """Participations whose person `user` may read: a klantmanager those of their gemeente's
    candidates, a regisseur those in trajectories their organisation directs (with consent)."""
    q = None
    org = user.organisatie_id if user.is_authenticated else None
    for r in person_roles(user, rol):
        if r == Rol.KLANTMANAGER:
            part = Q(deelnemer__gemeente_id=org)
        else:
            part = Q(traject__regie_organisatie_id=org) & (
                Q(deelnemer__gemeente_id=org) | Q(partner_consent("deelnemer_id"))
            )
        q = part if q is None else q | part
    if q is None:
        return Deelname.objects.none()
    return Deelname.objects.filter(q)


def deelnames_for_opleider(user) -> QuerySet[Deelname]:
    """The training view: participations in trajectories where the user's organisation trains,
    for participants who consented to sharing with partners. Only name fields of the person
    are loaded; templates and serializers for this view show nothing else."""
    if not user.has_rol(Rol.OPLEIDER) or not user.organisatie_id:
        return Deelname.objects.none()
    trains = Exists(
        TrajectPartner.objects.filter(
            traject=OuterRef("traject_id"), organisatie_id=user.organisatie_id, rol__in=c.TRAINING_ROLLEN
        )
    )
    return (
        Deelname.objects.filter(trains, partner_consent("deelnemer_id"))
        .select_related("traject", "deelnemer")
        .only(
            "id",
            "status",
            "traject__id",
            "traject__naam",
            "deelnemer__id",
            "deelnemer__voornaam",
            "deelnemer__achternaam",
        )
    )


def board_for(user, traject_pk: int):
    """The regisseur's board: the trajectory and its participations grouped per column."""
    traject = get_object_or_404(trajecten_directed_by(user), pk=traject_pk)
    deelnames = list(
        deelnames_visible_to(user, Rol.REGISSEUR)
        .filter(traject=traject)
        .select_related("deelnemer")
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "id")
    )
    columns = {status: [] for status in (*c.ACTIVE_STATES, c.DeelnameStatus.GEPARKEERD, *c.END_STATES)}
    for deelname in deelnames:
        columns[deelname.status].append(deelname)
    return traject, columns


def traject_detail(user, pk: int) -> Traject:
    qs = trajecten_visible_to(user).select_related("arbeidsmarktregio", "regie_organisatie", "regisseur")
    qs = qs.prefetch_related(
        "gemeenten",
        Prefetch("partners", queryset=TrajectPartner.objects.select_related("organisatie", "contactpersoon")),
        "fases",
    )
    return get_object_or_404(qs, pk=pk)


def open_acties_for_traject(user, traject: Traject) -> QuerySet[Vervolgactie]:
    return (
        Vervolgactie.objects.filter(
            afgerond_op__isnull=True,
            contactmoment__deelname__in=deelnames_visible_to(user, Rol.REGISSEUR).filter(traject=traject),
        )
        .select_related("eigenaar", "contactmoment__deelname__deelnemer")
        .order_by("deadline", "id")
    )


def deelname_detail(user, pk: int, rol: str | None = None) -> Deelname:
    qs = deelnames_visible_to(user, rol).select_related("traject", "deelnemer", "aangemeld_door")
    qs = qs.prefetch_related(
        Prefetch("stappen", queryset=DeelnameStap.objects.select_related("door")),
        "contactmomenten__acties__eigenaar",
        "contactmomenten__aanwezigen",
        "modules__module",
    )
    return get_object_or_404(qs, pk=pk)


def timeline_for_deelnemer(user, deelnemer: Deelnemer, rol: str | None = None) -> QuerySet[DeelnameStap]:
    """Every step of every participation of one candidate that `user` may read, oldest first."""
    return (
        DeelnameStap.objects.filter(deelname__in=deelnames_visible_to(user, rol).filter(deelnemer=deelnemer))
        .select_related("door", "deelname__traject")
        .order_by("op", "id")
    )


def traject_counts(traject: Traject) -> dict[str, int]:
    return dict(traject.deelnames.values_list("status").annotate(n=Count("id")).order_by())


@dataclass(frozen=True)
class Criterium:
    naam: str
    voldaan: bool | None  # None: unknown (not measured)
    uitleg: str


def instroom_check(deelnemer: Deelnemer, traject: Traject) -> list[Criterium]:
    """How a candidate compares with a trajectory's instroomprofiel. A warning, never a block."""
    result = []
    if traject.min_taalniveau:
        laagste = deelnemer.taalniveau_laagste
        if not laagste:
            result.append(Criterium(_("Taalniveau"), None, _("Taalniveau nog niet gemeten.")))
        else:
            ok = Taalniveau.rank(laagste) >= Taalniveau.rank(traject.min_taalniveau)
            result.append(
                Criterium(
                    _("Taalniveau"),
                    ok,
                    _("Laagste vaardigheid %(niveau)s, minimaal %(min)s gevraagd.")
                    % {"niveau": laagste, "min": traject.min_taalniveau},
                )
            )
    if traject.max_opleidingsniveau:
        ok = Opleidingsniveau.rank(deelnemer.opleidingsniveau) <= Opleidingsniveau.rank(traject.max_opleidingsniveau)
        result.append(
            Criterium(
                _("Opleidingsniveau"),
                ok,
                _("%(niveau)s, hoogstens %(max)s gevraagd.")
                % {
                    "niveau": deelnemer.get_opleidingsniveau_display(),
                    "max": Opleidingsniveau(traject.max_opleidingsniveau).label,
                },
            )
        )
    if traject.min_uren_per_week:
        ok = deelnemer.uren_per_week >= traject.min_uren_per_week
        result.append(
            Criterium(
                _("Beschikbaarheid"),
                ok,
                _("%(uren)s uur per week beschikbaar, minimaal %(min)s gevraagd.")
                % {"uren": deelnemer.uren_per_week, "min": traject.min_uren_per_week},
            )
        )
    if traject.overige_criteria:
        result.append(Criterium(_("Overige criteria"), None, traject.overige_criteria))
    return result
