"""All date arithmetic of deadlines in one place: months, working days, Dutch public holidays, bouwvak.

Working days are Monday to Friday without the Dutch public holidays of the `holidays`
package. Bouwvak periods are data (leerwerk.BouwvakPeriode), never guessed: a missing year
raises BouwvakOntbreekt, and the caller decides what to do (the signal scan asks the
beheerder to enter it).
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

DAG = dt.timedelta(days=1)


# --- Months -------------------------------------------------------------------------------------


def plus_maanden(dag: dt.date, maanden: int) -> dt.date:
    """`dag` moved by whole months; a day that does not exist becomes the month's last day
    (31 January + 1 month = 28 or 29 February)."""
    index = dag.year * 12 + (dag.month - 1) + maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    return dt.date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def termijn_einde(start: dt.date, maanden: int) -> dt.date:
    """The last day of a period of `maanden` months that starts on `start`: the day before the
    same date `maanden` months later (start 15 January, two months: 14 March). When that month
    has no such date, the period ends on the month's last day, as in EU Regulation 1182/71 on
    time limits (start 31 January, one month: 29 February in a leap year, else 28 February)."""
    index = start.year * 12 + (start.month - 1) + maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    dagen = calendar.monthrange(jaar, maand)[1]
    if start.day > dagen:
        return dt.date(jaar, maand, dagen)
    return dt.date(jaar, maand, start.day) - DAG


# --- Working days -------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("NL", years=jaar, language="nl"))


def feestdagen(start: dt.date, eind: dt.date) -> list[tuple[dt.date, str]]:
    """The Dutch public holidays from `start` to `eind` (both included), by date."""
    result = []
    for jaar in range(start.year, eind.year + 1):
        result.extend((d, naam) for d, naam in _feestdagen(jaar).items() if start <= d <= eind)
    return sorted(result)


def is_feestdag(dag: dt.date) -> bool:
    return dag in _feestdagen(dag.year)


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and not is_feestdag(dag)


def werkdag_vanaf(dag: dt.date) -> dt.date:
    """`dag` itself when it is a working day, else the next working day."""
    while not is_werkdag(dag):
        dag += DAG
    return dag


def werkdag_tot(dag: dt.date) -> dt.date:
    """`dag` itself when it is a working day, else the working day before it."""
    while not is_werkdag(dag):
        dag -= DAG
    return dag


def plus_werkdagen(dag: dt.date, aantal: int) -> dt.date:
    """The working day `aantal` working days after (or, negative, before) `dag`."""
    stap = DAG if aantal >= 0 else -DAG
    for _ in range(abs(aantal)):
        dag += stap
        while not is_werkdag(dag):
            dag += stap
    return dag


def werkdagen_tussen(start: dt.date, eind: dt.date) -> int:
    """The number of working days from `start` to `eind`, both included (0 when eind < start)."""
    aantal, dag = 0, start
    while dag <= eind:
        aantal += is_werkdag(dag)
        dag += DAG
    return aantal


# --- Bouwvak ------------------------------------------------------------------------------------


class BouwvakOntbreekt(LookupError):
    """The bouwvak of a region and year has not been entered."""

    def __init__(self, regio: str, jaar: int):
        super().__init__(f"Bouwvak {regio} {jaar} ontbreekt")
        self.regio, self.jaar = regio, jaar


@dataclass(frozen=True)
class Bouwvak:
    regio: str
    jaar: int
    start: dt.date
    eind: dt.date

    def bevat(self, dag: dt.date) -> bool:
        return self.start <= dag <= self.eind

    def overlapt(self, start: dt.date, eind: dt.date) -> bool:
        return start <= self.eind and eind >= self.start

    @property
    def eerste_werkdag_na(self) -> dt.date:
        """Where work starts again: the first working day after the bouwvak."""
        return werkdag_vanaf(self.eind + DAG)

    @property
    def laatste_werkdag_voor(self) -> dt.date:
        return werkdag_tot(self.start - DAG)

    def laatste_start_voor(self, duur: dt.timedelta) -> dt.date:
        """The latest start, on a working day, of something lasting `duur` (end = start + duur)
        that still ends by the last working day before the bouwvak."""
        return werkdag_tot(self.laatste_werkdag_voor - duur)


class BouwvakKalender:
    """The bouwvak periods, loaded once (one query) and looked up by region and year.

    Remembers which region-years were asked for but are missing (`ontbrekend`), so that a
    scan can ask the beheerder to enter them.
    """

    def __init__(self, perioden=None):
        if perioden is None:
            from leerwerk.models import BouwvakPeriode

            perioden = BouwvakPeriode.objects.values_list("regio", "jaar", "start", "eind")
        self._perioden = {(regio, jaar): Bouwvak(regio, jaar, start, eind) for regio, jaar, start, eind in perioden}
        self.ontbrekend: set[tuple[str, int]] = set()

    def get(self, regio: str, jaar: int) -> Bouwvak:
        try:
            return self._perioden[(regio, jaar)]
        except KeyError:
            self.ontbrekend.add((regio, jaar))
            raise BouwvakOntbreekt(regio, jaar) from None

    def heeft(self, regio: str, jaar: int) -> bool:
        return (regio, jaar) in self._perioden

    def op(self, regio: str, dag: dt.date) -> Bouwvak | None:
        """The bouwvak of `regio` that contains `dag`, or None. Raises when the year is missing."""
        bouwvak = self.get(regio, dag.year)
        return bouwvak if bouwvak.bevat(dag) else None

    def eerstvolgende(self, regio: str, dag: dt.date) -> Bouwvak:
        """The bouwvak of `regio` that has not ended on `dag` (this year's or next year's)."""
        bouwvak = self.get(regio, dag.year)
        return bouwvak if bouwvak.eind >= dag else self.get(regio, dag.year + 1)

    def overlappend(
        self, regio: str, start: dt.date, eind: dt.date, *, ontbrekend: set[int] | None = None
    ) -> list[Bouwvak]:
        """The bouwvak periods of `regio` that overlap the period `start`..`eind`. A missing year
        raises BouwvakOntbreekt, unless a set `ontbrekend` is given: then the year is added to
        it and skipped."""
        result = []
        for jaar in range(start.year, eind.year + 1):
            try:
                bouwvak = self.get(regio, jaar)
            except BouwvakOntbreekt:
                if ontbrekend is None:
                    raise
                ontbrekend.add(jaar)
                continue
            if bouwvak.overlapt(start, eind):
                result.append(bouwvak)
        return result
