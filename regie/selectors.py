"""Reads of the regie's tools, scoped by the user's organisation (issue 15).

- The regisseur of the organisation that directs a trajectory reads and writes its meetings,
  series and script.
- Every party to a trajectory (its regie organisation and each partner organisation) reads its
  meetings and its script: they hold no participant's personal data. Users of a party see the
  tasks their organisation owns on their start page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from leerwerk.models import Rol
from regie import constants as c
from regie.models import Draaiboektaak, Overleg
from trajecten.models import Traject, TrajectFase, TrajectPartner, Vervolgactie
from trajecten.selectors import trajecten_directed_by

PARTIJ_ROLLEN = c.PARTIJ_ROLLEN


def trajecten_als_partij(user) -> QuerySet[Traject]:
    """The trajectories whose party the user's organisation is: as regie or as a partner."""
    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        return Traject.objects.none()
    if not any(user.has_rol(r) for r in PARTIJ_ROLLEN):
        return Traject.objects.none()
    org = user.organisatie_id
    return Traject.objects.filter(
        Q(regie_organisatie_id=org)
        | Q(Exists(TrajectPartner.objects.filter(traject=OuterRef("pk"), organisatie_id=org)))
    )


def traject_als_partij(user, pk: int) -> Traject:
    """The trajectory `pk` when the user's organisation is party to it (as trajecten_als_partij,
    checked on the loaded row: no query for its regie, one for a partner); Http404 otherwise."""
    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        raise Http404
    if not any(user.has_rol(r) for r in PARTIJ_ROLLEN):
        raise Http404
    traject = Traject.objects.filter(pk=pk).first()
    if traject is None:
        raise Http404
    org = user.organisatie_id
    if (
        traject.regie_organisatie_id != org
        and not TrajectPartner.objects.filter(traject_id=pk, organisatie_id=org).exists()
    ):
        raise Http404
    return traject


def is_regie_van(user, traject: Traject) -> bool:
    """Whether the user directs `traject` (as trajecten_directed_by: a regisseur of its regie
    organisation), from the loaded trajectory, without a query."""
    return bool(
        user.is_authenticated and user.is_active and user.has_rol(Rol.REGISSEUR) and user.organisatie_id
        and user.organisatie_id == traject.regie_organisatie_id
    )  # fmt: skip


def fases_van(traject: Traject) -> dict[str, TrajectFase]:
    return {f.soort: f for f in traject.fases.all()}


# --- Bijeenkomsten -------------------------------------------------------------------------


def overleg_voor(user, pk: int) -> Overleg:
    """A meeting of a trajectory the user's organisation is party to; Http404 otherwise."""
    qs = Overleg.objects.filter(traject__in=trajecten_als_partij(user)).select_related(
        "traject", "traject__regie_organisatie", "notulen_door", "reeks"
    )
    return get_object_or_404(qs.prefetch_related(Prefetch("aanwezigen", queryset=_personen())), pk=pk)


def overleg_voor_regie(user, pk: int) -> Overleg:
    return get_object_or_404(
        Overleg.objects.filter(traject__in=trajecten_directed_by(user)).select_related("traject", "reeks"), pk=pk
    )


def acties_van(overleg: Overleg) -> QuerySet[Vervolgactie]:
    return overleg.acties.select_related("eigenaar", "eigenaar__organisatie").order_by("deadline", "id")


def actie_voor(user, pk: int) -> Vervolgactie:
    """A follow-up action from a meeting, for its owner or the regisseur; Http404 otherwise."""
    eigen = Q(eigenaar=user, overleg__traject__in=trajecten_als_partij(user))
    regie = Q(overleg__traject__in=trajecten_directed_by(user))
    return get_object_or_404(Vervolgactie.objects.filter(eigen | regie, overleg__isnull=False), pk=pk)


def _personen():
    from leerwerk.models import User

    return User.objects.select_related("organisatie").order_by("organisatie__naam", "naam", "email")


@dataclass(frozen=True)
class Overzicht:
    """A trajectory's meetings, split for its page."""

    komend: list
    geweest: list
    kickoff_gepland: bool
    zonder_notulen: int


def overzicht(traject: Traject, vandaag: dt.date | None = None) -> Overzicht:
    vandaag = vandaag or timezone.localdate()
    alle = list(traject.overleggen.annotate(n_aanwezigen=Count("aanwezigen")).order_by("datum", "begintijd", "id"))
    geweest = [b for b in alle if b.datum < vandaag]
    return Overzicht(
        komend=[b for b in alle if b.datum >= vandaag],
        geweest=list(reversed(geweest)),
        kickoff_gepland=any(b.soort == "kickoff" for b in alle),
        zonder_notulen=sum(1 for b in geweest if not b.heeft_notulen),
    )


def overleggen_voor_agenda(user, vandaag: dt.date | None = None) -> QuerySet[Overleg]:
    """The meetings the user attends, from 30 days back, for their calendar feed (of a
    trajectory their organisation is still party to)."""
    vandaag = vandaag or timezone.localdate()
    return (
        Overleg.objects.filter(
            aanwezigen=user, datum__gte=vandaag - dt.timedelta(days=30), traject__in=trajecten_als_partij(user)
        )
        .select_related("traject")
        .order_by("datum", "begintijd", "id")
    )


def overleggen_voor_start(user, vandaag: dt.date | None = None, aantal: int = 5) -> dict:
    """The regisseur's start page: the next meetings of the trajectories they direct, and the
    meetings whose minutes are overdue."""
    vandaag = vandaag or timezone.localdate()
    qs = Overleg.objects.filter(traject__in=trajecten_directed_by(user)).select_related("traject")
    komend = list(qs.filter(datum__gte=vandaag).order_by("datum", "begintijd", "id")[: aantal + 1])
    grens = vandaag - dt.timedelta(days=7)
    zonder = list(qs.filter(datum__lte=grens, notulen="").order_by("-datum", "id")[:aantal])
    return {"komend": komend[:aantal], "meer_komend": len(komend) > aantal, "zonder_notulen": zonder}


# --- Draaiboek -----------------------------------------------------------------------------


@dataclass
class Taakregel:
    taak: Draaiboektaak
    deadline: dt.date | None

    def te_laat(self, vandaag: dt.date) -> bool:
        return self.deadline is not None and self.taak.afgerond_op is None and self.deadline < vandaag


def draaiboek_van(traject: Traject) -> list[Taakregel]:
    """The trajectory's script with each task's due date, in the order of the phases and dates."""
    fases = fases_van(traject)
    taken = traject.draaiboektaken.select_related("eigenaar", "afgerond_door")
    volgorde = {s: i for i, s in enumerate(sorted(fases, key=lambda s: (fases[s].start, s)))}
    regels = [Taakregel(t, t.deadline(fases)) for t in taken]
    return sorted(
        regels,
        key=lambda r: (volgorde.get(r.taak.fase_soort, 99), r.deadline or dt.date.max, r.taak.pk),
    )


def taken_van_organisatie(user, vandaag: dt.date | None = None, aantal: int = 8) -> dict:
    """The open tasks the user's organisation owns, soonest first, for their start page (two
    queries: the tasks, and the phases of their trajectories)."""
    if not user.is_authenticated or not user.organisatie_id or not any(user.has_rol(r) for r in PARTIJ_ROLLEN):
        return {"regels": [], "meer": False}
    vandaag = vandaag or timezone.localdate()
    taken = list(
        Draaiboektaak.objects.filter(eigenaar_id=user.organisatie_id, afgerond_op__isnull=True)
        .filter(traject__in=trajecten_als_partij(user))
        .select_related("traject")
    )
    fases: dict[int, dict] = {}
    for f in TrajectFase.objects.filter(traject_id__in={t.traject_id for t in taken}):
        fases.setdefault(f.traject_id, {})[f.soort] = f
    regels = [Taakregel(t, t.deadline(fases.get(t.traject_id, {}))) for t in taken]
    regels.sort(key=lambda r: (r.deadline or dt.date.max, r.taak.traject.naam, r.taak.pk))
    return {"regels": regels[:aantal], "meer": len(regels) > aantal, "vandaag": vandaag}


def taak_voor(user, pk: int) -> Draaiboektaak:
    """A task the user may mark done: one their organisation owns, or of a trajectory they
    direct; Http404 otherwise."""
    if not user.is_authenticated or not user.organisatie_id:
        raise Http404
    eigen = Q(eigenaar_id=user.organisatie_id, traject__in=trajecten_als_partij(user))
    regie = Q(traject__in=trajecten_directed_by(user))
    return get_object_or_404(Draaiboektaak.objects.filter(eigen | regie).select_related("traject"), pk=pk)


# --- Convenant -----------------------------------------------------------------------------


def convenant_van(traject: Traject):
    from regie.models import Convenant

    return Convenant.objects.filter(traject=traject).prefetch_related("clausules").first()


def versies_van(traject: Traject) -> list:
    """The covenant's versions, newest first, without their content (kept as JSON, read only to
    render), each with its number of parties (`partijen`)."""
    from regie.models import ConvenantVersie

    return list(
        ConvenantVersie.objects.filter(convenant__traject_id=traject.pk)
        .only("pk", "nummer", "status", "aangemaakt_op", "convenant_id", "inhoud_hash", "sha256")
        .annotate(partijen=Count("ondertekeningen"))
        .order_by("-nummer")
    )


def versie_voor(user, pk: int, *, met_tekeningen: bool = True):
    """A version of the covenant of a trajectory the user's organisation is party to (without its
    content, read only to render), with its sign-offs unless `met_tekeningen` is False; Http404
    otherwise."""
    from regie.models import ConvenantVersie, Ondertekening

    tekeningen = Ondertekening.objects.select_related("organisatie", "door").only(
        "versie_id", "organisatie_id", "volgorde", "status", "op", "sha256", "reden", "door_id",
        "organisatie__naam", "door__naam", "door__email",
    )  # fmt: skip
    versie = (
        ConvenantVersie.objects.filter(pk=pk)
        .defer("inhoud")
        .select_related("convenant__traject", "aangemaakt_door")
        .defer(*(f"aangemaakt_door__{f}" for f in ("password", "last_login", "rollen", "date_joined")))
        .prefetch_related(*([Prefetch("ondertekeningen", queryset=tekeningen)] if met_tekeningen else []))
        .first()
    )
    if versie is None or not _is_partij(user, versie.convenant.traject):
        raise Http404
    return versie


def _is_partij(user, traject: Traject) -> bool:
    """Whether the user's organisation is party to the loaded `traject` (as trajecten_als_partij)."""
    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        return False
    if not any(user.has_rol(r) for r in PARTIJ_ROLLEN):
        return False
    org = user.organisatie_id
    return (
        traject.regie_organisatie_id == org
        or TrajectPartner.objects.filter(traject=traject, organisatie_id=org).exists()
    )


def te_tekenen_voor(user) -> list:
    """The versions waiting for the signature of the user's organisation, when the user may sign
    (and, where the parties sign in order, when it is their turn)."""
    from regie.models import Ondertekening

    if not user.is_authenticated or not user.tekenbevoegd or not user.organisatie_id:
        return []
    if not any(user.has_rol(r) for r in PARTIJ_ROLLEN):
        return []
    eerder_open = Ondertekening.objects.filter(versie=OuterRef("versie"), volgorde__lt=OuterRef("volgorde")).exclude(
        status=c.TekenStatus.GETEKEND
    )
    return list(
        Ondertekening.objects.filter(
            organisatie_id=user.organisatie_id, status=c.TekenStatus.WACHT,
            versie__status=c.VersieStatus.TER_ONDERTEKENING,
        )
        .exclude(Q(versie__volgorde_verplicht=True) & Q(Exists(eerder_open)))
        .select_related("versie__convenant__traject")
        .order_by("versie__aangemaakt_op")
    )  # fmt: skip
