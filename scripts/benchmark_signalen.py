"""Benchmark of the nightly signal scan: time and number of queries for many participations.

    .venv/bin/python -m leerwerk.devstack exec -- .venv/bin/python scripts/benchmark_signalen.py [--aantal 100000]

Creates a database of its own on the same PostgreSQL server (leerwerk_benchmark; dropped first
when it exists, and at the end unless --bewaar), migrates it, and bulk-creates N participations
in trajectories of 50, relative to today (or --vandaag): participants on benefit, their
steps, placements, contacts with follow-up actions, certificates, employers with a letter of
intent, and phases, in states that make every rule find something. The bouwvak periods of
this year and next year are entered as fictitious data (marked as demo data); region Noord of
next year is left out on purpose, so that the beheerder's signal appears too.

It prints the rows created, then per rule the number of queries, the time and the findings,
then the full scan (signalen.scan.scan) twice: the second run must create nothing new. A rule
that reads set-based shows the same number of queries for 2,000 and for 100,000 participations.
The data: scripts/benchmark_signalen_data.py. Not run by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmark_database import controleer_naam, maak_database, server_url, verwijder_database  # noqa: E402

CHUNK_TRAJECTEN = 100  # trajectories generated (and written) at a time: memory stays bounded


# --- Counting queries -----------------------------------------------------------------------------


class Teller:
    """Counts the statements on the default connection (and how many of them only read)."""

    def __init__(self):
        self.aantal = 0
        self.lezen = 0

    def __call__(self, execute, sql, params, many, context):
        self.aantal += 1
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            self.lezen += 1
        return execute(sql, params, many, context)


class Meting:
    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.teller = Teller()

    def __enter__(self):
        self._wrap = self.connection.execute_wrapper(self.teller)
        self._wrap.__enter__()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconden = time.perf_counter() - self.start
        self._wrap.__exit__(*exc)

    @property
    def queries(self) -> int:
        return self.teller.aantal


def getal(n) -> str:
    return f"{n:,}".replace(",", ".")


def sec(s: float) -> str:
    return f"{s:.2f}".replace(".", ",") + " s"


# --- Main -----------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van de signalenscan.")
    parser.add_argument("--aantal", type=int, default=100_000, help="aantal deelnames (standaard 100000)")
    parser.add_argument("--vandaag", type=dt.date.fromisoformat, default=None, help="JJJJ-MM-DD (standaard vandaag)")
    parser.add_argument("--database", default="leerwerk_benchmark", help="naam van de benchmarkdatabase")
    parser.add_argument("--bewaar", action="store_true", help="de database na afloop laten staan")
    args = parser.parse_args(argv)
    # The database is dropped before and after the run: never one with real data.
    if fout := controleer_naam(args.database):
        parser.error(fout)

    server = server_url()
    url = maak_database(args.database, server)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerk.settings")
    import django

    django.setup()
    import benchmark_signalen_data as data
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from leerwerk.datums import is_werkdag
    from leerwerk.regios import BouwvakRegio
    from signalen.models import Signaal
    from signalen.regels import ScanContext, alle_regels
    from signalen.scan import scan

    try:
        vandaag = args.vandaag or timezone.localdate()
        trajecten = math.ceil(args.aantal / data.PER_TRAJECT)
        print(f"Benchmark signalen: {getal(args.aantal)} deelnames in {getal(trajecten)} trajecten, "
              f"vandaag {vandaag:%d-%m-%Y}, database {args.database}", flush=True)  # fmt: skip
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Gemigreerd in {sec(time.perf_counter() - start)}", flush=True)

        start = time.perf_counter()
        wereld = data.Wereld(vandaag)
        for begin in range(0, trajecten, CHUNK_TRAJECTEN):
            data.maak_chunk(wereld, range(begin, min(begin + CHUNK_TRAJECTEN, trajecten)), args.aantal)
            if sys.stdout.isatty():
                print(f"  {getal(wereld.aantallen['deelnames'])} deelnames ...", end="\r", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        totaal = sum(wereld.aantallen.values())
        print(f"Aangemaakt in {sec(time.perf_counter() - start)}: {getal(totaal)} rijen" + " " * 20)
        for naam, n in sorted(wereld.aantallen.items()):
            print(f"  {naam:<16} {getal(n):>10}")

        # Warm up what a first call loads (URL resolver, translations), so the rules are timed alone.
        reverse("trajecten:detail", args=[1])
        str(BouwvakRegio.ZUID.label)
        is_werkdag(vandaag)  # loads the holidays package
        print("\nPer regel (queries, tijd, bevindingen):")
        with Meting() as m:
            ctx = ScanContext(vandaag=vandaag)
        print(f"  {'context':<24} {m.queries:>3} q  {sec(m.seconden):>9}")
        for regel in alle_regels():
            with Meting() as m:
                n = sum(1 for _ in regel(ctx))
            print(f"  {regel.__name__:<24} {m.queries:>3} q  {sec(m.seconden):>9}  {getal(n):>8}", flush=True)

        for ronde in ("Eerste", "Tweede"):
            with Meting() as m:
                resultaat = scan(vandaag=vandaag)
            print(f"\n{ronde} volledige scan: {sec(m.seconden)}, {m.queries} queries "
                  f"({m.teller.lezen} lezen, {m.queries - m.teller.lezen} schrijven); {resultaat}")  # fmt: skip
        print("\nSignalen per regel:")
        for regel, n in Signaal.objects.values_list("regel").annotate(n=Count("id")).order_by("regel"):
            print(f"  {regel:<24} {getal(n):>8}")
        dubbel = (
            Signaal.objects.values("regel", "object_type", "object_id", "deadline")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .count()
        )
        print(f"Dubbele signalen: {dubbel}")
    finally:
        if args.bewaar:
            print(f"\nDatabase {args.database} blijft staan (--bewaar).")
        else:
            verwijder_database(args.database, server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
