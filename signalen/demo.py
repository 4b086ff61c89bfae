"""What the demo needs for its signals: bouwvak periods, the gemeenten's provinces, dates that
make a signal due on the day the demo is loaded, and one scan at the end.

The demo logins see these signals at once (trajecten.demo and werkgevers.demo tell the stories):

- klantmanager@example.org: Rami Darwish's proefplaatsing at De Maaskant, a week from the end of
  its term with benefit (deadline = load day + 7);
- regisseur@example.org (Installatietechniek Noordoost-Brabant): Kevin van den Akker's BBL place
  at De Maaskant planned to start on the first day of the bouwvak there (suggestion: the first
  working day after it), Omar Nuur selected five weeks ago and not started (waiting time), and
  the first aftercare contact of Yonas Tesfay, placed a month ago minus a few days.

Bouwvak dates are data (leerwerk.BouwvakPeriode). The demo enters the years it needs where no
row exists, marked as demo data with an estimate of the advised pattern of 2024 (Zuid from the
Monday of ISO week 30, Midden week 31, Noord week 32, each to the Friday two weeks later). A row
the beheerder entered is never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from leerwerk.datums import BouwvakKalender, plus_maanden, termijn_einde, werkdag_vanaf
from leerwerk.demo import DEMO_PROVINCIES
from leerwerk.models import BouwvakPeriode, Organisatie, OrganisatieType
from leerwerk.regios import BouwvakRegio

BRON = "Demo: geschat (maandag van week 30/31/32, drie weken); geen officiële data"
DEMO_WEEK = {BouwvakRegio.ZUID: 30, BouwvakRegio.MIDDEN: 31, BouwvakRegio.NOORD: 32}
DUUR = dt.timedelta(days=18)  # Monday to the Friday two weeks later


def demo_periode(regio: str, jaar: int) -> tuple[dt.date, dt.date]:
    """The estimate the demo enters for a missing year (never used for a year that was entered)."""
    start = dt.date.fromisocalendar(jaar, DEMO_WEEK[regio], 1)
    return start, start + DUUR


def bouwvak_perioden_ensure(jaren: Iterable[int]) -> int:
    """Enter the demo estimate for every region and year in `jaren` that has no period yet;
    return how many were added."""
    jaren = sorted(set(jaren))
    bestaand = set(BouwvakPeriode.objects.filter(jaar__in=jaren).values_list("regio", "jaar"))
    nieuw = []
    for jaar in jaren:
        for regio in DEMO_WEEK:
            if (regio, jaar) in bestaand:
                continue
            start, eind = demo_periode(regio, jaar)
            periode = BouwvakPeriode(regio=regio, jaar=jaar, start=start, eind=eind, is_demo=True, bron=BRON)
            periode.full_clean()
            nieuw.append(periode)
    BouwvakPeriode.objects.bulk_create(nieuw)
    return len(nieuw)


def provincies_ensure() -> int:
    """Give the demo's gemeenten their province where it is still empty; return how many changed."""
    aantal = 0
    for naam, provincie in DEMO_PROVINCIES.items():
        aantal += Organisatie.objects.filter(type=OrganisatieType.GEMEENTE, naam=naam, provincie="").update(
            provincie=provincie
        )
    return aantal


def voorbereiden(vandaag: dt.date) -> BouwvakKalender:
    """Provinces and bouwvak periods for the demo loaded on `vandaag`: from two years back to next
    year (the finished cohort of trajecten.demo_cohort looks back almost two years; the other
    stories at most to last year's bouwvak, and plan at most into next year's).
    Returns the calendar over every period in the database."""
    provincies_ensure()
    bouwvak_perioden_ensure(range(vandaag.year - 2, vandaag.year + 2))
    return BouwvakKalender()


def termijnregels(gemeente):
    """The deadline rules that apply in `gemeente` (its own, else the national default)."""
    from signalen.selectors import termijnregels_voor

    return termijnregels_voor(gemeente.pk if gemeente is not None else None)


def start_voor_termijneinde(einde: dt.date, maanden: int) -> dt.date:
    """The start of a period of `maanden` months whose last day is `einde` (the earliest, when
    month ends make several). Some days are no such last day (28 and 29 April end no two-month
    period in a common year); then the start whose last day is nearest."""
    kandidaten = [einde - dt.timedelta(days=d) for d in range(28 * maanden - 3, 31 * maanden + 4)]
    return min(kandidaten, key=lambda s: (abs((termijn_einde(s, maanden) - einde).days), s))


def uitstroom_voor_nazorg(vandaag: dt.date, maanden: int, *, over: int = 5) -> dt.date:
    """An outflow (step into geplaatst) about `maanden` months ago, minus a few days: a working day
    from which the first aftercare contact is due `over` days from today, or a few days later."""
    return werkdag_vanaf(plus_maanden(vandaag + dt.timedelta(days=over), -maanden))


def scannen(vandaag: dt.date):
    """One scan of everything, so the demo logins see their signals at once (idempotent)."""
    from signalen.scan import scan

    return scan(vandaag=vandaag)
