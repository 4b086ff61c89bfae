"""Rules 3 and 4: planning against the bouwvak (with a suggested date), and a winter start.

bouwvak_start: a placement planned to start inside the bouwvak of its employer's location.
bouwvak_fase: a preparation or training phase that runs into the bouwvak, or that ends shortly
before it while the placement phase does not start after it.
winterstart: a placement in construction or installation planned to start in December-February.

A bouwvak year that has not been entered is skipped (the kalender records the miss, and the
bouwvak_ontbreekt rule asks the beheerder to enter it): dates are never guessed.
"""

import datetime as dt

from django.urls import reverse

from leerwerk.datums import Bouwvak, BouwvakOntbreekt, plus_werkdagen
from leerwerk.models import Rol
from leerwerk.regios import BouwvakRegio
from signalen import constants as c
from signalen.regels import Bevinding, ScanContext, voor_regie

# A training ending this many working days (or fewer) before the bouwvak counts as "shortly before".
KORT_VOOR_BOUWVAK_WERKDAGEN = 15

WINTERMAANDEN = (12, 1, 2)


def _sectoren_winter():
    from trajecten.constants import Sector

    return (Sector.BOUW, Sector.INSTALLATIE, Sector.ENERGIE)


def beschrijf(bouwvak: Bouwvak) -> str:
    """'regio Zuid: 20-07-2026 t/m 07-08-2026'."""
    return f"regio {BouwvakRegio(bouwvak.regio).label}: {bouwvak.start:%d-%m-%Y} t/m {bouwvak.eind:%d-%m-%Y}"


def _traject_link(traject_id: int, anker: str) -> str:
    return reverse("trajecten:detail", args=[traject_id]) + anker


def _geplande_plaatsingen(ctx: ScanContext, **filters):
    """Placements proposed or confirmed, not started, starting today or later: one query."""
    from werkgevers.constants import PlaatsingStatus
    from werkgevers.models import Plaatsing

    return Plaatsing.objects.filter(
        ctx.in_scope("deelname__traject"),
        status__in=(PlaatsingStatus.VOORGESTELD, PlaatsingStatus.BEVESTIGD),
        start__gte=ctx.vandaag,
        **filters,
    ).values_list(
        "id", "start", "deelname_id", "deelname__traject_id", "deelname__traject__regisseur_id",
        "deelname__traject__regie_organisatie_id", "deelname__deelnemer__gemeente_id",
        "leerwerkplek__locatie__bouwvak_regio", "leerwerkplek__werkgever__organisatie__naam",
    )  # fmt: skip


def bouwvak_start(ctx: ScanContext):
    for row in _geplande_plaatsingen(ctx):
        pk, start, deelname_id, traject_id, regisseur_id, regie_id, gemeente_id, regio, werkgever = row
        if not regio:
            continue
        try:
            bouwvak = ctx.kalender.get(regio, start.year)
        except BouwvakOntbreekt:
            continue
        if not bouwvak.bevat(start):
            continue
        yield voor_regie(
            regel=c.Regel.BOUWVAK_START,
            object_type="plaatsing",
            object_id=str(pk),
            deadline=start,
            ernst=ctx.ernst(start, ctx.termijnen.voor(gemeente_id)) or c.Ernst.WAARSCHUWING,
            bericht=(
                f"Plaatsing bij {werkgever} start op {start:%d-%m-%Y}, in de bouwvak ({beschrijf(bouwvak)}); "
                f"veel bedrijven in de bouw en techniek zijn dan dicht."
            ),
            link=_traject_link(traject_id, "#signalen"),
            traject_id=traject_id,
            deelname_id=deelname_id,
            regisseur_id=regisseur_id,
            regie_id=regie_id,
            suggestie=bouwvak.eerste_werkdag_na,
            suggestie_toelichting=f"Eerste werkdag na de bouwvak ({beschrijf(bouwvak)})",
        )


def winterstart(ctx: ScanContext):
    rows = _geplande_plaatsingen(ctx, start__month__in=WINTERMAANDEN, deelname__traject__sector__in=_sectoren_winter())
    for pk, start, deelname_id, traject_id, regisseur_id, regie_id, _gemeente_id, _regio, werkgever in rows:
        yield voor_regie(
            regel=c.Regel.WINTERSTART,
            object_type="plaatsing",
            object_id=str(pk),
            deadline=start,
            ernst=c.Ernst.HINT,
            bericht=(
                f"Plaatsing bij {werkgever} start op {start:%d-%m-%Y}, midden in de winter: buitenwerk in de "
                f"bouw en techniek ligt dan vaak stil. Overweeg een start in maart (het tweede glascohort "
                f"volgde de opleiding van december tot februari en begon in maart bij de werkgevers)."
            ),
            link=_traject_link(traject_id, "#signalen"),
            traject_id=traject_id,
            deelname_id=deelname_id,
            regisseur_id=regisseur_id,
            regie_id=regie_id,
        )


# --- Phases -------------------------------------------------------------------------------------


def _fases_per_traject(ctx: ScanContext) -> dict[int, list[tuple]]:
    """The phases that matter for the bouwvak of every trajectory in scope still running: one query."""
    from trajecten.constants import FaseSoort, TrajectStatus
    from trajecten.models import TrajectFase

    rows = (
        TrajectFase.objects.filter(
            ctx.in_scope("traject"),
            soort__in=(FaseSoort.VOORTRAJECT, FaseSoort.OPLEIDING, FaseSoort.PROEFPLAATSING, FaseSoort.MATCHING),
        )
        .exclude(traject__status__in=(TrajectStatus.AFGEROND, TrajectStatus.GESTOPT))
        .order_by("traject_id", "start", "id")
        .values_list(
            "id", "traject_id", "soort", "start", "eind", "traject__naam", "traject__regisseur_id",
            "traject__regie_organisatie_id",
        )
    )  # fmt: skip
    result: dict[int, list[tuple]] = {}
    for row in rows:
        result.setdefault(row[1], []).append(row)
    return result


def _bouwvakken_tijdens(ctx: ScanContext, regio: str, start: dt.date, eind: dt.date) -> list[Bouwvak]:
    """The bouwvak periods of `regio` overlapping start..eind that have not ended today. A past
    year is not asked for (a bouwvak lies within one calendar year); a missing year is skipped
    (the calendar records it for the beheerder's signal)."""
    vanaf = max(start, dt.date(ctx.vandaag.year, 1, 1))
    if vanaf > eind:
        return []
    return [b for b in ctx.kalender.overlappend(regio, vanaf, eind, ontbrekend=set()) if b.eind >= ctx.vandaag]


def bouwvak_fase(ctx: ScanContext):
    from trajecten.constants import FaseSoort
    from trajecten.selectors import bouwvak_regio_per_traject

    regios = bouwvak_regio_per_traject(ctx.traject_ids)
    voorbereiding = (FaseSoort.VOORTRAJECT, FaseSoort.OPLEIDING)
    plaatsing_fases = (FaseSoort.PROEFPLAATSING, FaseSoort.MATCHING)
    labels = dict(FaseSoort.choices)
    for traject_id, fases in _fases_per_traject(ctx).items():
        regio = regios.get(traject_id)
        if not regio:
            continue
        plaatsing = min((f for f in fases if f[2] in plaatsing_fases), key=lambda f: f[3], default=None)
        for pk, _tid, soort, start, eind, traject_naam, regisseur_id, regie_id in fases:
            if soort not in voorbereiding or eind < ctx.vandaag:
                continue
            regels = ctx.termijnen.voor(regie_id)
            common = {
                "regel": c.Regel.BOUWVAK_FASE,
                "object_type": "fase",
                "object_id": str(pk),
                "rol": Rol.REGISSEUR,
                "link": _traject_link(traject_id, "#planning"),
                "traject_id": traject_id,
                "verantwoordelijke_id": regisseur_id,
                "organisatie_id": regie_id,
            }
            fase = f"{labels[soort]} van {traject_naam}"
            overlappend = _bouwvakken_tijdens(ctx, regio, start, eind)
            if overlappend:
                bouwvak = overlappend[0]
                # The key's deadline must not depend on today (the signal would be replaced on the
                # phase's first day); the urgency follows the phase start while it is ahead.
                deadline = bouwvak.start
                ernst_op = start if start > ctx.vandaag else bouwvak.start
                suggestie = bouwvak.laatste_start_voor(eind - start)
                if suggestie >= ctx.vandaag:
                    toelichting = f"Laatste start waarmee de fase vóór de bouwvak klaar is ({beschrijf(bouwvak)})"
                else:
                    suggestie = bouwvak.eerste_werkdag_na
                    toelichting = f"Eerste werkdag na de bouwvak ({beschrijf(bouwvak)})"
                yield Bevinding(
                    **common,
                    deadline=deadline,
                    ernst=ctx.ernst(ernst_op, regels) or c.Ernst.WAARSCHUWING,
                    bericht=(
                        f"{fase} ({start:%d-%m-%Y} t/m {eind:%d-%m-%Y}) loopt door in de bouwvak "
                        f"({beschrijf(bouwvak)})."
                    ),
                    suggestie=suggestie,
                    suggestie_toelichting=toelichting,
                )
                continue
            if plaatsing is None:
                continue
            try:
                bouwvak = ctx.kalender.get(regio, eind.year)
            except BouwvakOntbreekt:
                continue
            kort_voor = plus_werkdagen(bouwvak.start, -KORT_VOOR_BOUWVAK_WERKDAGEN) <= eind < bouwvak.start
            plaatsing_start = plaatsing[3]
            if not kort_voor or plaatsing_start > bouwvak.eind:
                continue
            yield Bevinding(
                **{**common, "object_id": str(plaatsing[0])},  # the suggestion is for the placement phase
                deadline=plaatsing_start,
                ernst=ctx.ernst(plaatsing_start, regels) or c.Ernst.WAARSCHUWING,
                bericht=(
                    f"{fase} eindigt op {eind:%d-%m-%Y}, kort voor de bouwvak ({beschrijf(bouwvak)}), maar de "
                    f"plaatsing begint niet na de bouwvak ({labels[plaatsing[2]].lower()} vanaf "
                    f"{plaatsing_start:%d-%m-%Y})."
                ),
                suggestie=bouwvak.eerste_werkdag_na,
                suggestie_toelichting=f"Eerste werkdag na de bouwvak ({beschrijf(bouwvak)}) als start van de plaatsing",  # noqa: E501
            )
