"""Rule 2: a participant on benefit whose trajectory (planned or actual) passes the maximum length.

The clock starts on the effective date of the participant's first step into voortraject or
opleiding and runs while the participation is in voortraject, opleiding or proefplaatsing (a
parked participation is skipped: its clock pauses). The planned end is the latest end of the
trajectory's voortraject, opleiding and proefplaatsing phases. A selected participant who has
not started yet is measured against the plan: from the first planned voortraject/opleiding
phase to that planned end, so the klantmanager hears before the start that the plan is too
long. Two queries, whatever the number of participants: the participations with their start,
and the planned start and end per trajectory.
"""

from django.db.models import Max, Min, OuterRef, Q, Subquery

from deelnemers.constants import UitkeringType
from leerwerk.datums import termijn_einde
from signalen import constants as c
from signalen.regels import ScanContext, voor_klantmanager
from trajecten.constants import UITKERING_FASES, UITKERING_START_FASES, DeelnameStatus

# The participation's states in which the trajectory clock runs, and the steps that start it.
LOPENDE_STATUS = (DeelnameStatus.VOORTRAJECT, DeelnameStatus.OPLEIDING, DeelnameStatus.PROEFPLAATSING)
START_STATUS = (DeelnameStatus.VOORTRAJECT, DeelnameStatus.OPLEIDING)
# The planned time on benefit: the same phases as the planning helper's (trajecten.constants).
START_FASES = UITKERING_START_FASES
GEPLANDE_FASES = UITKERING_FASES


def trajectduur(ctx: ScanContext):
    from trajecten.models import Deelname, DeelnameStap, TrajectFase

    eerste_start = (
        DeelnameStap.objects.filter(deelname=OuterRef("pk"), naar_status__in=START_STATUS)
        .order_by("ingangsdatum", "op", "id")
        .values("ingangsdatum")[:1]
    )
    rows = list(
        Deelname.objects.filter(ctx.in_scope("traject"), status__in=(*LOPENDE_STATUS, DeelnameStatus.GESELECTEERD))
        .exclude(deelnemer__uitkering_type=UitkeringType.GEEN)
        .annotate(start=Subquery(eerste_start))
        .filter(Q(start__isnull=False) | Q(status=DeelnameStatus.GESELECTEERD))
        .values_list(
            "id", "start", "traject_id", "traject__naam", "deelnemer_id", "deelnemer__gemeente_id",
            "deelnemer__klantmanager_id",
        )
    )  # fmt: skip
    if not rows:
        return
    plan = {
        traject_id: (vanaf, tot)
        for traject_id, vanaf, tot in TrajectFase.objects.filter(
            traject_id__in={row[2] for row in rows}, soort__in=GEPLANDE_FASES
        )
        .values("traject_id")
        .annotate(vanaf=Min("start", filter=Q(soort__in=START_FASES)), tot=Max("eind"))
        .values_list("traject_id", "vanaf", "tot")
    }
    for pk, start, traject_id, traject, deelnemer_id, gemeente_id, km_id in rows:
        gepland_vanaf, gepland_einde = plan.get(traject_id, (None, None))
        gestart = start is not None
        if not gestart:
            start = gepland_vanaf  # not started yet: measure the plan
            if start is None:
                continue
        regels = ctx.termijnen.voor(gemeente_id)
        maanden = regels.traject_maanden
        deadline = termijn_einde(start, maanden)
        ernst = ctx.ernst(deadline, regels) if gestart else None
        te_lang = gepland_einde is not None and gepland_einde > deadline
        if ernst is None and not te_lang:
            continue
        begin = "gestart" if gestart else "geplande start"
        termijn = f"de maximale trajectduur met uitkering ({maanden} maanden, {begin} op {start:%d-%m-%Y})"
        if gestart and deadline < ctx.vandaag:
            bericht = f"Traject {traject}: {termijn} is op {deadline:%d-%m-%Y} verstreken."
        elif te_lang:
            bericht = (
                f"Traject {traject} is gepland tot {gepland_einde:%d-%m-%Y}, na {termijn}: "
                f"die loopt tot en met {deadline:%d-%m-%Y}."
            )
        else:
            bericht = f"Traject {traject}: {termijn} loopt tot en met {deadline:%d-%m-%Y}."
        yield voor_klantmanager(
            regel=c.Regel.TRAJECTDUUR,
            object_type="deelname",
            object_id=str(pk),
            deadline=deadline,
            ernst=ernst or c.Ernst.WAARSCHUWING,
            bericht=bericht,
            traject_id=traject_id,
            deelname_id=pk,
            klantmanager_id=km_id,
            gemeente_id=gemeente_id,
            deelnemer_id=deelnemer_id,
        )
