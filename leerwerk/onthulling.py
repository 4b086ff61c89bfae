"""Disclosure control: the one module every figure about people passes through on its way to
someone who may not read the people themselves (the wethouder, a financier): page, API, export
and PDF alike. No output path builds its own figures around it.

The rule (shown as a footnote with every output, `voetnoot()`):
- a count about a group of people from 1 to k-1 is shown as "< k" (k: Privacyinstelling, set by
  the beheerder, 5 by default); 0 is shown (it is nobody);
- complementary suppression: wherever figures add up to a published total (a row, a column, a
  total and its parts), a single hidden figure could be worked out from the rest, so a second
  one is hidden too ("×"), the smallest one that may be hidden;
- a percentage is hidden when its numerator or its denominator is;
- figures the partners agreed to report exactly (a trajectory's total and its outcome classes)
  are marked `vast` and never hidden;
- a part of such an exact figure that is itself small is hidden whatever its value (`verbergen`),
  0 included: with a class of 2 people shown exactly, "1 of them lives in Uden" or "none does"
  says something about each of them.
No output ever lists a person: only counts and amounts pass through here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

KLEIN = "klein"  # hidden because it is small
AANVULLEND = "aanvullend"  # hidden so that a small one cannot be worked out


def drempel() -> int:
    """k: the smallest count about a group of people that is shown (one query)."""
    from leerwerk.models import Privacyinstelling

    instelling = Privacyinstelling.objects.order_by("pk").first()
    return instelling.k if instelling else Privacyinstelling._meta.get_field("k").default


def voetnoot(k: int) -> str:
    return _(
        "Om niemand herkenbaar te maken: een aantal van 1 tot %(k)s over een deel van de deelnemers staat er als "
        "'< %(k)s'. Waar zo'n aantal uit de andere getallen en het totaal te berekenen zou zijn, en bij een deel "
        "van een groep van minder dan %(k)s die elders precies staat, is een getal verborgen ('×'). Een "
        "percentage van een verborgen aantal wordt niet getoond."
    ) % {"k": k}


@dataclass(frozen=True)
class Getal:
    """A count as it may be shown: its value, or why it is hidden."""

    waarde: int | None
    verborgen: str = ""  # "", KLEIN or AANVULLEND
    k: int = 5

    def __str__(self) -> str:
        if self.verborgen == KLEIN:
            return f"< {self.k}"
        if self.verborgen == AANVULLEND:
            return "×"
        return str(self.waarde)

    @property
    def getoond(self) -> bool:
        return not self.verborgen

    def in_woorden(self) -> str:
        """For a sentence: "minder dan 5" rather than "< 5"."""
        if self.verborgen == KLEIN:
            return _("minder dan %(k)s") % {"k": self.k}
        if self.verborgen == AANVULLEND:
            return _("een niet getoond aantal")
        return str(self.waarde)


def aantal(n: int, k: int | None) -> Getal:
    """One count about a group of people, alone (no sum around it): "< k" from 1 to k-1; exact for
    a reader who may read the people (`k` None)."""
    if k is not None and 0 < n < k:
        return Getal(None, KLEIN, k)
    return Getal(n, "", k or 0)


def bedrag_grof(bedrag: Decimal, stap: Decimal = Decimal("25000")) -> Decimal:
    """An amount built from a few people's personal figures (the benefit saved when they went to
    work), rounded to the nearest `stap`: close to one person's yearly benefit, so the difference
    between two moments or two choices does not give away what one person received."""
    return (bedrag / stap).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * stap


def procent_van(deel: int, geheel: int) -> Decimal | None:
    """A share in whole percent, half up (7 of 10: 70); none of nothing."""
    if not geheel:
        return None
    return (Decimal(deel) * 100 / Decimal(geheel)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def procent(teller: Getal, noemer: Getal) -> Decimal | None:
    """A share in whole percent; none when either count is hidden or the denominator is 0."""
    if not teller.getoond or not noemer.getoond:
        return None
    return procent_van(teller.waarde, noemer.waarde)


class Tabel:
    """Counts to publish together, and the sums among them (`som`). `beveilig()` decides what is
    shown. Keys are anything hashable, e.g. ("Oss", "uitgevallen")."""

    def __init__(self, k: int | None = None):
        self.k = k if k is not None else drempel()
        self._waarden: dict[Hashable, int] = {}
        self._vast: set[Hashable] = set()
        self._verbergen: set[Hashable] = set()
        self._sommen: list[tuple[Hashable, list[Hashable]]] = []

    def cel(self, sleutel: Hashable, waarde: int, *, vast: bool = False, verbergen: bool = False) -> Hashable:
        """A figure; `vast`: shown exactly, always; `verbergen`: hidden, always (a part of a small
        figure published elsewhere)."""
        self._waarden[sleutel] = int(waarde)
        if vast:
            self._vast.add(sleutel)
        if verbergen:
            self._verbergen.add(sleutel)
        return sleutel

    def som(self, totaal: Hashable, delen: Iterable[Hashable]) -> None:
        """`totaal` is published as the sum of `delen` (all of them cells of this table)."""
        self._sommen.append((totaal, list(delen)))

    def beveilig(self) -> dict[Hashable, Getal]:
        verborgen: dict[Hashable, str] = {
            s: KLEIN for s, w in self._waarden.items() if 0 < w < self.k and s not in self._vast
        }
        verborgen.update((s, AANVULLEND) for s in self._verbergen)  # "< k" would say it is not 0
        veranderd = True
        while veranderd:
            veranderd = False
            for totaal, delen in self._sommen:
                regel = [totaal, *delen]
                if sum(1 for s in regel if s in verborgen) != 1:
                    continue
                # One hidden figure in a sum: the rest would give it away. Hide the smallest part
                # that may be hidden (a non-zero one first), else the total.
                kandidaten = [s for s in delen if s not in verborgen and s not in self._vast]
                kandidaten.sort(key=lambda s: (self._waarden[s] == 0, self._waarden[s]))
                if not kandidaten and totaal not in verborgen and totaal not in self._vast:
                    kandidaten = [totaal]
                if not kandidaten:
                    raise ValueError(f"De som {totaal!r} laat een verborgen getal zien en niets anders mag weg.")
                verborgen[kandidaten[0]] = AANVULLEND
                veranderd = True
        return {s: Getal(None if s in verborgen else w, verborgen.get(s, ""), self.k) for s, w in self._waarden.items()}


def uitsplitsing(delen: dict[Hashable, int], k: int | None) -> dict[Hashable, Getal] | None:
    """A breakdown of a figure shown exactly elsewhere (a trajectory's drop-outs by reason), all
    or nothing: every part when none is from 1 to k-1, else none (None). With the exact total
    beside it, hiding one part would take hiding others, and the bounds would still speak. With
    `k` None (a reader who may read the people) every part is shown."""
    if k is not None and any(0 < n < k for n in delen.values()):
        return None
    return {s: Getal(n, "", k or 0) for s, n in delen.items()}
