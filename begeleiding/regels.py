"""The signal rules of coaching and aftercare (issue 16), run by signalen.scan with the others.

- behoudcheck: the retention check ("still in work?") 6 and 12 months after the start of paid
  work (the first confirmed contract placement, as begeleiding.selectors.werk_start_per_deelname),
  due on that day (leerwerk.datums.plus_maanden). Only the first check not yet recorded gives a
  signal; a check recorded early (from BEHOUDCHECK_VOORAF_DAGEN before) means none. Severity by
  the reminder lead times of the participant's gemeente: 'let op' within the longest, urgent
  within the shortest, on the day and after it. For whom: each jobcoach of the participation
  while it is in the trajectory (geplaatst or nazorg; the jobcoach acts on their page), else the
  participant's klantmanager.
  Which participations: geplaatst, nazorg and afgerond. A participant who left otherwise
  (dropped out, moved on, parked) is no longer followed. After aftercare was closed (afgerond)
  a check is still due only when the closing found the participant at work (UITKOMST_WERK) and
  the check's day comes after the closing: an earlier day, or another outcome, the closing
  already recorded. An afgerond participation closed without a Nazorgafsluiting (before
  issue 16) is still checked, by the klantmanager.
- werkgeversvraag: an employer's question not yet answered, due at the end of its
  `uiterlijk_op` (the next working day after it was asked, weekends and public holidays
  skipped). 'Let op' from the asking to the end of that day, urgent from the day after. For
  each jobcoach of the participation (in the trajectory) and for the regie. Answering publishes
  TRAJECT_GEWIJZIGD, so the signal closes at once.

The messages name the trajectory (and, for a question, the employer), never the participant. A
few queries for everything in scope, whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from begeleiding import constants as bc
from leerwerk.datums import plus_maanden
from leerwerk.models import Rol
from signalen import constants as c
from signalen.regels import Bevinding, ScanContext, voor_klantmanager, voor_regie
from trajecten.constants import BEZETTE_STATES, DeelnameStatus

S = DeelnameStatus
BEHOUD_STATUS = (S.GEPLAATST, S.NAZORG, S.AFGEROND)


def coaches(deelname_ids: Iterable[int]) -> dict[int, set[int]]:
    """The jobcoaches of each participation (two queries; none without ids)."""
    from begeleiding.selectors import coaches_per_deelname

    ids = set(deelname_ids)
    return coaches_per_deelname(ids) if ids else {}


def voor_jobcoaches(coach_ids: Iterable[int], *, object_type: str, object_pk, **velden) -> Iterator[Bevinding]:
    """One finding per jobcoach, each their own signal (object_id "<object>-<coach>"): each may act."""
    for coach_id in sorted(coach_ids):
        yield Bevinding(
            rol=Rol.JOBCOACH,
            verantwoordelijke_id=coach_id,
            object_type=object_type,
            object_id=f"{object_pk}-{coach_id}",
            **velden,
        )


def _check_tekst(maanden: int, werk_start) -> str:
    return f"de check na {maanden} maanden (nog aan het werk?) sinds de start van betaald werk op {werk_start:%d-%m-%Y}"


def behoudcheck(ctx: ScanContext):
    from begeleiding.models import Behoudcheck
    from trajecten.models import Deelname
    from werkgevers.dienstverbanden import bevestigde_contracten

    werk = bevestigde_contracten().filter(deelname=OuterRef("pk")).order_by("start").values("start")[:1]
    rows = (
        Deelname.objects.filter(ctx.in_scope("traject"), status__in=BEHOUD_STATUS)
        .annotate(werk_start=Subquery(werk))
        .filter(werk_start__isnull=False)
        .annotate(gecheckt=ArraySubquery(Behoudcheck.objects.filter(deelname=OuterRef("pk")).values("maanden")))
        .values_list(
            "id", "status", "werk_start", "gecheckt", "nazorgafsluiting__uitkomst", "nazorgafsluiting__datum",
            "traject_id", "traject__naam", "deelnemer_id", "deelnemer__klantmanager_id", "deelnemer__gemeente_id",
        )
    )  # fmt: skip
    gevonden = []
    for row in rows:
        werk_start, gecheckt, uitkomst, afgesloten_op = row[2:6]
        maanden = next((m for m in bc.BEHOUD_MAANDEN if m not in (gecheckt or [])), None)
        if maanden is None:
            continue  # every check recorded
        deadline = plus_maanden(werk_start, maanden)
        if uitkomst is not None and (uitkomst not in bc.UITKOMST_WERK or deadline <= afgesloten_op):
            continue  # the closing of aftercare recorded how it ended
        ernst = ctx.ernst(deadline, ctx.termijnen.voor(row[10]))
        if ernst is not None:
            gevonden.append((row, maanden, deadline, ernst))
    per_deelname = coaches(row[0] for row, *_rest in gevonden if row[1] in BEZETTE_STATES)
    for row, maanden, deadline, ernst in gevonden:
        pk, status, werk_start = row[:3]
        traject_id, traject, deelnemer_id, klantmanager_id, gemeente_id = row[6:]
        check = _check_tekst(maanden, werk_start)
        if deadline < ctx.vandaag:
            bericht = f"Traject {traject}: {check} was op {deadline:%d-%m-%Y} aan de beurt en is nog niet vastgelegd."
        else:
            bericht = f"Traject {traject}: {check} is aan de beurt, uiterlijk op {deadline:%d-%m-%Y}."
        gemeen = {
            "regel": c.Regel.BEHOUDCHECK, "deadline": deadline, "ernst": ernst, "bericht": bericht,
            "traject_id": traject_id, "deelname_id": pk,
        }  # fmt: skip
        jobcoaches = per_deelname.get(pk, set()) if status in BEZETTE_STATES else set()
        if jobcoaches:
            yield from voor_jobcoaches(
                jobcoaches, object_type="deelname-jobcoach", object_pk=pk,
                link=reverse("begeleiding:deelnemer", args=[pk]), **gemeen,
            )  # fmt: skip
        else:
            yield voor_klantmanager(
                klantmanager_id=klantmanager_id, gemeente_id=gemeente_id, deelnemer_id=deelnemer_id,
                object_type="deelname", object_id=str(pk), **gemeen,
            )  # fmt: skip


def werkgeversvraag(ctx: ScanContext):
    from begeleiding.models import Werkgeversvraag

    rows = list(
        Werkgeversvraag.objects.filter(ctx.in_scope("plaatsing__deelname__traject"), beantwoord_op__isnull=True)
        .order_by("id")
        .values_list(
            "id", "gesteld_op", "uiterlijk_op", "plaatsing__leerwerkplek__werkgever__organisatie__naam",
            "plaatsing__deelname_id", "plaatsing__deelname__status", "plaatsing__deelname__traject_id",
            "plaatsing__deelname__traject__naam", "plaatsing__deelname__traject__regisseur_id",
            "plaatsing__deelname__traject__regie_organisatie_id",
        )
    )  # fmt: skip
    per_deelname = coaches(r[4] for r in rows if r[5] in BEZETTE_STATES)
    for (
        pk,
        gesteld_op,
        uiterlijk_op,
        werkgever,
        deelname_id,
        status,
        traject_id,
        traject,
        regisseur_id,
        regie_id,
    ) in rows:
        gesteld = timezone.localtime(gesteld_op).date()
        if ctx.vandaag <= uiterlijk_op:
            ernst = c.Ernst.WAARSCHUWING
            bericht = (
                f"Traject {traject}: {werkgever} stelde op {gesteld:%d-%m-%Y} een vraag over een plaatsing. "
                f"Beantwoord die uiterlijk op {uiterlijk_op:%d-%m-%Y}."
            )
        else:
            ernst = c.Ernst.URGENT
            bericht = (
                f"Traject {traject}: de vraag van {werkgever} van {gesteld:%d-%m-%Y} is nog niet beantwoord; "
                f"dat moest uiterlijk op {uiterlijk_op:%d-%m-%Y}."
            )
        gemeen = {
            "regel": c.Regel.WERKGEVERSVRAAG, "deadline": uiterlijk_op, "ernst": ernst, "bericht": bericht,
            "link": reverse("begeleiding:vraag", args=[pk]), "traject_id": traject_id, "deelname_id": deelname_id,
        }  # fmt: skip
        yield voor_regie(
            object_type="werkgeversvraag", object_id=str(pk), regisseur_id=regisseur_id, regie_id=regie_id, **gemeen
        )
        if status in BEZETTE_STATES:
            yield from voor_jobcoaches(
                per_deelname.get(deelname_id, ()), object_type="werkgeversvraag-jobcoach", object_pk=pk, **gemeen
            )
