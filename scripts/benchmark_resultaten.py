"""Benchmark of the results (issue 14): a wethouder's dashboard, the national totals and an XLSX export.

    .venv/bin/python -m leerwerk.devstack exec -- .venv/bin/python scripts/benchmark_resultaten.py [--trajecten 2000]

Creates a database of its own on the same PostgreSQL server (leerwerk_benchmark_resultaten;
dropped first when it exists, and at the end unless --bewaar), migrates it and bulk-creates
345 gemeenten in about 35 labour-market regions, 2,000 trajectories with 2 to 6 gemeenten each
and 100,000 participations (50 per trajectory) with their steps and contracts
(scripts/benchmark_resultaten_data.py). It then times, each as the median of --herhalingen runs
after one warm-up run, with the number of queries:
1. the dashboard of the gemeente taking part in the most trajectories, as its wethouder sees it
   (resultaten.selectors.rapport: what the page's section, the exports and the council PDF use),
   its parts, and the section and the page through Django's test Client;
2. the national totals: the results of every trajectory (resultaten.definities.verlopen and tel),
   summed to national figures, which it prints;
3. the XLSX export of that dashboard (resultaten.exports), alone and through the export URL;
and the dashboard of a gemeente taking part in one trajectory, whose number of queries should
be the same as the big one's. Not run by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmark_database import controleer_naam, maak_database, server_url, verwijder_database  # noqa: E402
from benchmark_signalen import CHUNK_TRAJECTEN, Teller, getal, sec  # noqa: E402

HOST = "127.0.0.1"


class MetingAlle:
    """Time and statements on every database connection (the access log writes through `audit`)."""

    def __enter__(self):
        from django.db import connections

        self.tellers = {}
        self._wraps = []
        for conn in connections.all():
            teller = self.tellers[conn.alias] = Teller()
            wrap = conn.execute_wrapper(teller)
            wrap.__enter__()
            self._wraps.append(wrap)
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconden = time.perf_counter() - self.start
        for wrap in reversed(self._wraps):
            wrap.__exit__(*exc)

    @property
    def queries(self) -> int:
        return sum(t.aantal for t in self.tellers.values())


def ms(s: float) -> str:
    return f"{s * 1000:,.0f}".replace(",", ".") + " ms"


def pct(deel: int, geheel: int) -> str:
    return f"{100 * deel / geheel:.1f}".replace(".", ",") + "%" if geheel else "–"


def meet(functie, herhalingen: int):
    """Run `functie` once to warm up, then `herhalingen` times: (median seconds, queries, last result)."""
    functie()
    tijden, queries, uitkomst = [], set(), None
    for _ in range(herhalingen):
        with MetingAlle() as m:
            uitkomst = functie()
        tijden.append(m.seconden)
        queries.add(m.queries)
    q = "–".join(str(n) for n in sorted(queries))
    return statistics.median(tijden), q, uitkomst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van de resultaten (dashboard, landelijk, export).")
    parser.add_argument("--gemeenten", type=int, default=345, help="aantal gemeenten (standaard 345)")
    parser.add_argument("--trajecten", type=int, default=2000, help="aantal trajecten (standaard 2000)")
    parser.add_argument("--deelnames-per-traject", type=int, default=50, help="deelnames per traject (standaard 50)")
    parser.add_argument("--herhalingen", type=int, default=5, help="metingen per stap na een opwarmronde (standaard 5)")
    parser.add_argument("--vandaag", type=dt.date.fromisoformat, default=None, help="JJJJ-MM-DD (standaard vandaag)")
    parser.add_argument("--database", default="leerwerk_benchmark_resultaten", help="naam van de benchmarkdatabase")
    parser.add_argument("--bewaar", action="store_true", help="de database na afloop laten staan")
    args = parser.parse_args(argv)
    if fout := controleer_naam(args.database):
        parser.error(fout)
    if args.gemeenten < 3 or args.trajecten < 1 or args.deelnames_per_traject < 1 or args.herhalingen < 1:
        parser.error("minstens 3 gemeenten, 1 traject, 1 deelname per traject en 1 herhaling")

    server = server_url()
    url = maak_database(args.database, server)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerk.settings")
    import django

    django.setup()
    import logging

    for naam in ("weasyprint", "fontTools", "axes"):  # their progress lines are not the benchmark's
        logging.getLogger(naam).setLevel(logging.WARNING)
    import benchmark_resultaten_data as data
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from leerwerk.models import Rol, User
    from resultaten import exports, selectors
    from resultaten.definities import Uitkomst, Uitkomsten, tel, verlopen
    from resultaten.filters import in_scope
    from trajecten.models import Deelname, Traject
    from trajecten.selectors import gestart, trajecten_van_gemeente

    try:
        vandaag = args.vandaag or timezone.localdate()
        print(f"Benchmark resultaten: {getal(args.gemeenten)} gemeenten, {getal(args.trajecten)} trajecten, "
              f"{getal(args.trajecten * args.deelnames_per_traject)} deelnames, vandaag {vandaag:%d-%m-%Y}, "
              f"database {args.database}", flush=True)  # fmt: skip
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Gemigreerd in {sec(time.perf_counter() - start)}", flush=True)

        start = time.perf_counter()
        wereld = data.Wereld(
            vandaag, gemeenten=args.gemeenten, trajecten=args.trajecten, per_traject=args.deelnames_per_traject
        )
        for begin in range(0, args.trajecten, CHUNK_TRAJECTEN):
            data.maak_chunk(wereld, range(begin, min(begin + CHUNK_TRAJECTEN, args.trajecten)))
            if sys.stdout.isatty():
                print(f"  {getal(wereld.aantallen['deelnames'])} deelnames ...", end="\r", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        vulduur = time.perf_counter() - start
        print(f"Aangemaakt in {sec(vulduur)}: {getal(sum(wereld.aantallen.values()))} rijen, "
              f"{len(wereld.regios)} arbeidsmarktregio's" + " " * 20)  # fmt: skip
        for naam, n in sorted(wereld.aantallen.items()):
            print(f"  {naam:<18} {getal(n):>10}")
        print("Deelnames per status op " + f"{vandaag:%d-%m-%Y}:")
        for status, n in wereld.statussen.most_common():
            print(f"  {status:<18} {getal(n):>10}")

        # The gemeente taking part in the most trajectories: as regie or one of the gemeenten, or
        # as the home of a participant who started (trajecten.selectors.trajecten_van_gemeente).
        paren = set(Traject.gemeenten.through.objects.values_list("organisatie_id", "traject_id"))
        paren |= set(Traject.objects.values_list("regie_organisatie_id", "id"))
        paren |= set(Deelname.objects.filter(gestart()).values_list("deelnemer__gemeente_id", "traject_id").distinct())
        per_gemeente = Counter(g for g, _t in paren)
        groot_id = min(per_gemeente, key=lambda g: (-per_gemeente[g], g))
        wachtwoord = make_password(None)
        wethouders = {}
        for naam, gemeente_id in (("groot", groot_id), ("klein", wereld.gemeenten[wereld.klein].pk)):
            wethouders[naam] = User.objects.create(
                email=f"wethouder-{naam}@benchmark.example", naam=f"Wethouder {naam}", organisatie_id=gemeente_id,
                rollen=[Rol.WETHOUDER], password=wachtwoord,
            )  # fmt: skip
        wethouder = wethouders["groot"]
        n_groot = trajecten_van_gemeente(wethouder).count()
        n_klein = trajecten_van_gemeente(wethouders["klein"]).count()
        print(f"\nGemeente met de meeste trajecten: {wethouder.organisatie.naam}, {getal(n_groot)} trajecten "
              f"(verwacht {getal(per_gemeente[groot_id])}); de kleine gemeente: {n_klein} traject(en)")  # fmt: skip

        kop = f"{'meting (mediaan van ' + str(args.herhalingen) + ')':<52} {'queries':>8} {'tijd':>10}   uitkomst"
        print("\n" + kop)
        print("-" * 110)

        def regel(naam, seconden, queries, uitkomst=""):
            print(f"{naam:<52} {queries:>8} {ms(seconden):>10}   {uitkomst}", flush=True)

        # 1. The wethouder's dashboard, and its parts.
        s, q, r = meet(lambda: selectors.rapport(wethouder, Rol.WETHOUDER, {}, peildatum=vandaag), args.herhalingen)
        deelnemers = sum(x.uitkomsten.totaal for x in r["rijen"])
        regel("1. dashboard gemeente: rapport()", s, q, f"{len(r['rijen'])} trajecten, {getal(deelnemers)} deelnemers")
        s, q, scope = meet(lambda: in_scope(selectors.trajecten_voor(wethouder, Rol.WETHOUDER)), args.herhalingen)
        regel("   waarvan trajecten in scope (filter)", s, q, f"{len(scope)} trajecten")
        ids = [t.pk for t in scope]
        s, q, _u = meet(lambda: tel(verlopen(ids, peildatum=vandaag)), args.herhalingen)
        regel("   waarvan verlopen() + tel()", s, q)
        from financiering.dashboard import financien

        s, q, _u = meet(
            lambda: financien(scope, gemeente_id=wethouder.organisatie_id, vandaag=vandaag, k=r["k"]),
            args.herhalingen,
        )
        regel("   waarvan financien() (begroting, BUIG)", s, q)

        client = Client(HTTP_HOST=HOST)
        if HOST not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
        client.force_login(wethouder)

        def vraag(pad, **extra):
            def doe():
                antwoord = client.get(pad, secure=True, **extra)
                if antwoord.status_code != 200:
                    raise RuntimeError(f"{pad}: status {antwoord.status_code} (verwacht 200)")
                return antwoord

            return doe

        s, q, antwoord = meet(vraag("/resultaten/overzicht/", HTTP_HX_REQUEST="true"), args.herhalingen)
        regel("   sectie GET /resultaten/overzicht/ (htmx)", s, q, f"{getal(len(antwoord.content))} bytes")
        s, q, antwoord = meet(vraag("/resultaten/"), args.herhalingen)
        regel("   pagina GET /resultaten/ (zonder sectie en filter)", s, q, f"{getal(len(antwoord.content))} bytes")

        # 2. The national totals: every trajectory's results, summed.
        def landelijk():
            alle = list(Traject.objects.order_by("id").values_list("id", flat=True))
            per_traject = tel(verlopen(alle, peildatum=vandaag))
            totaal = Uitkomsten()
            for u in per_traject.values():
                totaal.totaal += u.totaal
                for klasse, n in u.per_klasse.items():
                    totaal.per_klasse[klasse] += n
                for reden, n in u.per_reden.items():
                    totaal.per_reden[reden] = totaal.per_reden.get(reden, 0) + n
                totaal.duurzaam_6 += u.duurzaam_6
                totaal.gemeten_6 += u.gemeten_6
                totaal.duurzaam_12 += u.duurzaam_12
                totaal.gemeten_12 += u.gemeten_12
                totaal.dagen_selectie_start += u.dagen_selectie_start
                totaal.dagen_start_werk += u.dagen_start_werk
            return len(alle), totaal

        s, q, (n_trajecten, nl) = meet(landelijk, args.herhalingen)
        regel("2. landelijke totalen: tel(verlopen(alle))", s, q, f"{getal(n_trajecten)} trajecten")

        # 3. The XLSX export of the dashboard.
        def maak_xlsx():
            tabel = exports.tabel(
                r["rijen"], k=r["k"], rol=Rol.WETHOUDER, organisatie=r["organisatie"].naam, peildatum=r["peildatum"]
            )
            return exports.xlsx(tabel)

        s, q, inhoud = meet(maak_xlsx, args.herhalingen)
        regel("3. xlsx van het dashboard: tabel() + xlsx()", s, q, f"{getal(len(inhoud))} bytes")
        s, q, antwoord = meet(vraag("/resultaten/export.xlsx"), args.herhalingen)
        regel("   GET /resultaten/export.xlsx (rapport + xlsx)", s, q, f"{getal(len(antwoord.content))} bytes")

        # The number of queries may not grow with the data.
        klein = wethouders["klein"]
        s, q_klein, rk = meet(lambda: selectors.rapport(klein, Rol.WETHOUDER, {}, peildatum=vandaag), args.herhalingen)
        n = len(rk["rijen"])
        regel(f"4. dashboard kleine gemeente ({n} traject{'' if n == 1 else 'en'})", s, q_klein)
        s, q_groot, _r = meet(lambda: selectors.rapport(wethouder, Rol.WETHOUDER, {}, peildatum=vandaag), 1)
        print(f"   queries klein {q_klein}, groot {q_groot}: " + ("gelijk" if q_klein == q_groot else "VERSCHILLEND")
              + f" (OVERZICHT_QUERIES = {getattr(selectors, 'OVERZICHT_QUERIES', '?')}, plus het filter)")  # fmt: skip

        print(f"\nLandelijk op {vandaag:%d-%m-%Y}: {getal(n_trajecten)} trajecten, "
              f"{getal(wereld.aantallen['deelnames'])} deelnames, {getal(nl.totaal)} deelnemers (gestart)")  # fmt: skip
        for klasse in Uitkomst:
            n = nl.per_klasse[klasse.value]
            print(f"  {klasse.label:<42} {getal(n):>9}  {pct(n, nl.totaal):>6}")
        print(f"  {'Uitstroom naar werk':<42} {getal(nl.naar_werk):>9}  {pct(nl.naar_werk, nl.totaal):>6}")
        print(f"  {'Duurzaam na 6 maanden':<42} {getal(nl.duurzaam_6):>9}  van {getal(nl.gemeten_6)} gemeten "
              f"({pct(nl.duurzaam_6, nl.gemeten_6)})")  # fmt: skip
        print(f"  {'Duurzaam na 12 maanden':<42} {getal(nl.duurzaam_12):>9}  van {getal(nl.gemeten_12)} gemeten "
              f"({pct(nl.duurzaam_12, nl.gemeten_12)})")  # fmt: skip
        for label, mediaan in (("Van selectie tot start (mediaan, dagen)", nl.mediaan_dagen_selectie_start),
                               ("Van start tot werk (mediaan, dagen)", nl.mediaan_dagen_start_werk)):  # fmt: skip
            print(f"  {label:<42} {str(mediaan).replace('.', ','):>9}")
        redenen = ", ".join(f"{reden} {getal(n)}" for reden, n in sorted(nl.per_reden.items(), key=lambda x: -x[1]))
        print(f"  Redenen van uitval: {redenen}")
        print(f"\nVullen duurde {sec(vulduur)}.")
    finally:
        if args.bewaar:
            print(f"\nDatabase {args.database} blijft staan (--bewaar).")
        else:
            verwijder_database(args.database, server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
