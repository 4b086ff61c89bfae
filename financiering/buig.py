"""The BUIG business case (issue 13, item 10): the benefit a gemeente no longer pays.

For each participant on bijstand who moved to paid work in a trajectory: the months out of
benefit times the monthly benefit (the amount recorded on the candidate, else the gemeente's
norm, else the national default LEERWERK_BUIG_NORM_MAAND). Realised: from the first contract's
start until the employment ended, or today. Expected: to LEERWERK_BUIG_HORIZON_MAANDEN months
after that start, or the end of the employment when it ended or is planned to end sooner. An
estimate: a participant may keep a supplement, or return to benefit, which the product does not
know. Aggregates only: no person leaves this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from deelnemers.constants import UitkeringType
from financiering.models import Uitkeringsnorm
from financiering.resultaten import CONTRACTEN, dienstverbanden
from financiering.selectors import NUL, Begroting, euro
from leerwerk.datums import plus_maanden
from werkgevers.constants import PlaatsingStatus
from werkgevers.models import Plaatsing

DAGEN_PER_MAAND = Decimal("365.25") / 12
# Queries besparingen() runs, whatever the number of trajectories and participants.
BUIG_QUERIES = 2


def maanden(van: dt.date, tot: dt.date) -> Decimal:
    """Months from `van` to `tot` (both included), to one decimal; none when `tot` lies before."""
    if tot < van:
        return Decimal("0.0")
    return (Decimal((tot - van).days + 1) / DAGEN_PER_MAAND).quantize(Decimal("0.1"))


@dataclass
class Besparing:
    """The avoided benefit of a group of participants (a trajectory, or one gemeente's residents in it)."""

    naar_werk: int = 0  # participants who started paid work (with or without benefit)
    uit_bijstand: int = 0  # of whom on bijstand before
    maanden_gerealiseerd: Decimal = Decimal("0.0")
    gerealiseerd: Decimal = NUL
    verwacht: Decimal = NUL
    per_maand_nu: Decimal = NUL  # the benefit not paid this month: those still in work


@dataclass
class Businesscase(Besparing):
    """A trajectory's business case: its realised costs beside the avoided benefit."""

    kosten: Decimal = NUL
    horizon: int = 12
    per_gemeente: dict[int, Besparing] = field(default_factory=dict)

    @property
    def kosten_per_plaatsing(self) -> Decimal | None:
        return euro(self.kosten / self.naar_werk) if self.naar_werk else None

    @property
    def netto_per_plaatsing(self) -> Decimal | None:
        """Cost per participant in paid work after the expected savings (negative: it pays)."""
        return euro((self.kosten - self.verwacht) / self.naar_werk) if self.naar_werk else None

    @property
    def terugverdientijd(self) -> Decimal | None:
        """Months of today's savings that pay the costs back; none without savings."""
        if not self.per_maand_nu:
            return None
        return (self.kosten / self.per_maand_nu).quantize(Decimal("0.1"))


def _norm_standaard() -> Decimal:
    return Decimal(str(settings.LEERWERK_BUIG_NORM_MAAND))


def besparingen(begrotingen: dict[int, Begroting], *, vandaag: dt.date | None = None) -> dict[int, Businesscase]:
    """The business case of each of these budgets' trajectories (selectors.begrotingen; the
    caller scoped them). In BUIG_QUERIES queries."""
    vandaag = vandaag or timezone.localdate()
    horizon = int(settings.LEERWERK_BUIG_HORIZON_MAANDEN)
    plaatsingen = {
        p["id"]: p
        for p in Plaatsing.objects.filter(
            deelname__traject_id__in=list(begrotingen), soort__in=CONTRACTEN, bevestigde_versie__isnull=False,
            start__lte=vandaag,
        )
        .exclude(status=PlaatsingStatus.AFGEWEZEN)
        .values(
            "id", "deelname_id", "deelname__traject_id", "start", "einde", "gepland_einde", "omgezet_uit_id",
            "deelname__deelnemer__gemeente_id", "deelname__deelnemer__uitkering_type",
            "deelname__deelnemer__uitkering_maandbedrag",
        )
    }  # fmt: skip
    gemeenten = {p["deelname__deelnemer__gemeente_id"] for p in plaatsingen.values()}
    normen = dict(Uitkeringsnorm.objects.filter(gemeente_id__in=gemeenten).values_list("gemeente_id", "maandbedrag"))
    uit = {pk: Businesscase(kosten=b.gerealiseerd, horizon=horizon) for pk, b in begrotingen.items()}
    gezien: set[int] = set()
    for baan in sorted(dienstverbanden(plaatsingen), key=lambda p: (p["start"], p["id"])):
        case = uit[baan["deelname__traject_id"]]
        gemeente = baan["deelname__deelnemer__gemeente_id"]
        deel = case.per_gemeente.setdefault(gemeente, Besparing())
        if baan["deelname_id"] not in gezien:  # a participant counts once, however many jobs
            gezien.add(baan["deelname_id"])
            case.naar_werk += 1
            deel.naar_werk += 1
            if baan["deelname__deelnemer__uitkering_type"] == UitkeringType.BIJSTAND:
                case.uit_bijstand += 1
                deel.uit_bijstand += 1
        if baan["deelname__deelnemer__uitkering_type"] != UitkeringType.BIJSTAND:
            continue
        per_maand = baan["deelname__deelnemer__uitkering_maandbedrag"] or normen.get(gemeente) or _norm_standaard()
        einde = baan["einde"]
        tot_nu = min(einde, vandaag) if einde else vandaag
        grens = plus_maanden(baan["start"], horizon) - dt.timedelta(days=1)
        verwacht_tot = min(grens, einde or baan["gepland_einde"] or grens)
        m_nu, m_verwacht = maanden(baan["start"], tot_nu), maanden(baan["start"], verwacht_tot)
        for groep in (case, deel):
            groep.maanden_gerealiseerd += m_nu
            groep.gerealiseerd += euro(m_nu * per_maand)
            groep.verwacht += euro(max(m_verwacht, m_nu) * per_maand)
            if einde is None or einde >= vandaag:
                groep.per_maand_nu += per_maand
    return uit
