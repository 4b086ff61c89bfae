"""Rule 1: a trial placement keeping benefit nears or passes its limit (with a klantmanager's extension)."""

from deelnemers.constants import UitkeringType
from signalen import constants as c
from signalen.regels import ScanContext, voor_klantmanager


def proefplaatsing_termijn(ctx: ScanContext):
    from werkgevers.constants import LOPENDE_PLAATSING, PLAATSING_MET_UITKERING
    from werkgevers.models import Plaatsing

    rows = (
        Plaatsing.objects.filter(
            ctx.in_scope("deelname__traject"),
            soort__in=PLAATSING_MET_UITKERING,
            status__in=LOPENDE_PLAATSING,
            einde__isnull=True,
        )
        .exclude(deelname__deelnemer__uitkering_type=UitkeringType.GEEN)
        .values_list(
            "id", "start", "gepland_einde", "deelname_id", "deelname__traject_id", "deelname__deelnemer_id",
            "deelname__deelnemer__gemeente_id", "deelname__deelnemer__klantmanager_id",
            "leerwerkplek__werkgever__organisatie__naam", "verlenging__maanden",
        )
    )  # fmt: skip
    for row in rows:
        pk, start, gepland_einde, deelname_id, traject_id, deelnemer_id, gemeente_id, km_id, werkgever, verlengd = row
        regels = ctx.termijnen.voor(gemeente_id)
        maanden, deadline = regels.proefplaatsing_termijn(start, verlengd)
        ernst = ctx.ernst(deadline, regels)
        te_lang = gepland_einde is not None and gepland_einde > deadline
        if ernst is None and not te_lang:
            continue
        termijn = f"{maanden} maanden" + (", verlengd" if verlengd else "")
        if deadline < ctx.vandaag:
            bericht = f"Proefplaatsing bij {werkgever}: de termijn met behoud van uitkering ({termijn}) is op {deadline:%d-%m-%Y} verstreken."  # noqa: E501
        elif te_lang:
            bericht = f"Proefplaatsing bij {werkgever} is gepland tot {gepland_einde:%d-%m-%Y}, na het einde van de termijn met behoud van uitkering op {deadline:%d-%m-%Y} ({termijn})."  # noqa: E501
        else:
            bericht = f"Proefplaatsing bij {werkgever}: de termijn met behoud van uitkering ({termijn}) eindigt op {deadline:%d-%m-%Y}."  # noqa: E501
        yield voor_klantmanager(
            regel=c.Regel.PROEFPLAATSING_TERMIJN,
            object_type="plaatsing",
            object_id=str(pk),
            deadline=deadline,
            ernst=ernst or c.Ernst.WAARSCHUWING,
            bericht=bericht,
            traject_id=traject_id,
            deelname_id=deelname_id,
            klantmanager_id=km_id,
            gemeente_id=gemeente_id,
            deelnemer_id=deelnemer_id,
        )
