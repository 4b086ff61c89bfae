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
from financiering.selectors import NUL, Begroting, euro
from leerwerk import onthulling
from leerwerk.datums import plus_maanden
from werkgevers.dienstverbanden import contractplaatsingen, dienstverbanden

DAGEN_PER_MAAND = Decimal("365.25") / 12
# Queries besparingen() runs, whatever the number of trajectories and participants: the
# contracts, the benefit as it was (history), the gemeenten's norms, disclosure control's k.
BUIG_QUERIES = 4


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
    # Fewer participants from bijstand than k (disclosure control's threshold), and the savings
    # would give away what one person receives: pages then show no amounts.
    k: int = 5
    per_gemeente: dict[int, Besparing] = field(default_factory=dict)

    @property
    def bedragen_tonen(self) -> bool:
        return self.uit_bijstand >= self.k

    @property
    def kosten_per_plaatsing(self) -> Decimal | None:
        return euro(self.kosten / self.naar_werk) if self.naar_werk else None

    @property
    def netto_per_plaatsing(self) -> Decimal | None:
        """Cost per participant in paid work after the expected savings (negative: it pays)."""
        return euro((self.kosten - self.verwacht) / self.naar_werk) if self.naar_werk else None

    @property
    def terugverdientijd(self) -> Decimal | None:
        """Months from today until today's savings have paid back what the savings so far did
        not: 0 when they already did; none without savings today."""
        if not self.gerealiseerd and not self.per_maand_nu:
            return None
        rest = self.kosten - self.gerealiseerd
        if rest <= 0:
            return Decimal("0.0")
        if not self.per_maand_nu:
            return None
        return (rest / self.per_maand_nu).quantize(Decimal("0.1"))


def _norm_standaard() -> Decimal:
    return Decimal(str(settings.LEERWERK_BUIG_NORM_MAAND))


def _samen(perioden: list[tuple[dt.date, dt.date]]) -> Decimal:
    """Months covered by these periods together: an overlap (two jobs at once) counts once."""
    totaal, einde = Decimal("0.0"), None
    for van, tot in sorted(perioden):
        if einde is not None and van <= einde:
            if tot > einde:
                totaal += maanden(einde + dt.timedelta(days=1), tot)
                einde = tot
            continue
        totaal += maanden(van, tot)
        einde = tot
    return totaal


def _uitkeringen(deelnemer_starts: dict[int, dt.date]) -> dict[int, tuple[str, Decimal | None]]:
    """Each participant's benefit (kind, monthly amount) as recorded before they started work:
    the last recorded state on or before that day, else the first one recorded (a candidate
    registered after the job began). The klantmanager stops the benefit when the job begins;
    the business case needs what it was. One query, over the history (pghistory)."""
    from django.apps import apps

    event = apps.get_model("deelnemers", "DeelnemerEvent")
    uit: dict[int, tuple[str, Decimal | None]] = {}
    for e in (
        event.objects.filter(pgh_obj_id__in=list(deelnemer_starts))
        .values("pgh_obj_id", "pgh_created_at", "uitkering_type", "uitkering_maandbedrag")
        .order_by("pgh_obj_id", "pgh_created_at", "pgh_id")
    ):
        pk = e["pgh_obj_id"]
        if pk not in uit or timezone.localtime(e["pgh_created_at"]).date() <= deelnemer_starts[pk]:
            uit[pk] = (e["uitkering_type"], e["uitkering_maandbedrag"])
    return uit


def besparingen(
    begrotingen: dict[int, Begroting], *, vandaag: dt.date | None = None, k: int | None = None
) -> dict[int, Businesscase]:
    """The business case of each of these budgets' trajectories (selectors.begrotingen; the
    caller scoped them). In BUIG_QUERIES queries (one fewer when the caller knows k)."""
    vandaag = vandaag or timezone.localdate()
    horizon = int(settings.LEERWERK_BUIG_HORIZON_MAANDEN)
    plaatsingen = contractplaatsingen(
        begrotingen, "deelname__deelnemer_id", "deelname__deelnemer__gemeente_id",
        "deelname__deelnemer__uitkering_type", "deelname__deelnemer__uitkering_maandbedrag",
    )  # fmt: skip
    # Each participant's employments that began (a chain of converted contracts is one).
    banen: dict[int, list[dict]] = {}
    for baan in dienstverbanden(plaatsingen):
        if baan["start"] <= vandaag:
            banen.setdefault(baan["deelname_id"], []).append(baan)
    eerste = {}
    for rij in banen.values():
        pk = rij[0]["deelname__deelnemer_id"]
        start = min(b["start"] for b in rij)
        eerste[pk] = min(eerste.get(pk, start), start)
    uitkering = _uitkeringen(eerste) if eerste else {}
    gemeenten = {rij[0]["deelname__deelnemer__gemeente_id"] for rij in banen.values()}
    normen = dict(Uitkeringsnorm.objects.filter(gemeente_id__in=gemeenten).values_list("gemeente_id", "maandbedrag"))
    k = onthulling.drempel() if k is None else k
    uit = {pk: Businesscase(kosten=b.gerealiseerd, horizon=horizon, k=k) for pk, b in begrotingen.items()}
    for rij in banen.values():
        baan = rij[0]
        case = uit[baan["deelname__traject_id"]]
        gemeente = baan["deelname__deelnemer__gemeente_id"]
        deel = case.per_gemeente.setdefault(gemeente, Besparing())
        soort, bedrag = uitkering.get(
            baan["deelname__deelnemer_id"],
            (baan["deelname__deelnemer__uitkering_type"], baan["deelname__deelnemer__uitkering_maandbedrag"]),
        )
        bijstand = soort == UitkeringType.BIJSTAND
        for groep in (case, deel):
            groep.naar_werk += 1
            groep.uit_bijstand += bijstand
        if not bijstand:  # WW and the like: UWV pays them, not the gemeente's BUIG
            continue
        per_maand = bedrag or normen.get(gemeente) or _norm_standaard()
        start = min(b["start"] for b in rij)
        grens = plus_maanden(start, horizon) - dt.timedelta(days=1)
        nu = [(b["start"], min(b["einde"], vandaag) if b["einde"] else vandaag) for b in rij]
        verwacht = [(b["start"], min(grens, b["einde"] or b["gepland_einde"] or grens)) for b in rij]
        m_nu, m_verwacht = _samen(nu), _samen(verwacht)
        aan_het_werk = any(b["einde"] is None or b["einde"] >= vandaag for b in rij)
        for groep in (case, deel):
            groep.maanden_gerealiseerd += m_nu
            groep.gerealiseerd += euro(m_nu * per_maand)
            groep.verwacht += euro(max(m_verwacht, m_nu) * per_maand)
            if aan_het_werk:
                groep.per_maand_nu += per_maand
    return uit
