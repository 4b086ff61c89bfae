"""Charts of the results (issue 14), drawn on the server: a bar per figure, as SVG in the page.

A chart never stands alone: its figures are in a visible table beside it (WCAG 1.1.1), and
each bar carries its label and value as text, so no colour is needed to read it. No script,
nothing from elsewhere: the CSP stays strict and the page prints as it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Staaf:
    label: str
    tekst: str  # the value as the bar says it, such as "7 (70%)"
    breedte: Decimal  # of the chart's width, 0 to 100


def staven(items: list[tuple[str, int | Decimal | None, str]], maximum: int | Decimal | None = None) -> list[Staaf]:
    """Bars for (label, value, text); a value of None (unknown or hidden) draws no bar. The bars
    are scaled to `maximum` (by default the largest value)."""
    bekend = [w for _l, w, _t in items if w is not None]
    schaal = maximum if maximum is not None else max(bekend, default=0)
    uit = []
    for label, waarde, tekst in items:
        breedte = (
            Decimal(0) if not schaal or waarde is None else min(Decimal(waarde) * 100 / Decimal(schaal), Decimal(100))
        )
        uit.append(Staaf(str(label), tekst, breedte.quantize(Decimal("0.1"))))
    return uit
