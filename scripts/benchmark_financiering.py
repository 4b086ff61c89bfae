"""Benchmark of result financing (issue 13): result detection and a claim statement's PDF and XLSX.

    .venv/bin/python -m leerwerk.devstack exec -- .venv/bin/python scripts/benchmark_financiering.py [--aantal 10000]

Creates a database of its own on the same PostgreSQL server (leerwerk_benchmark_financiering;
dropped first when it exists, and at the end unless --bewaar), migrates it and bulk-creates N
participations in trajectories of 50 with the signal benchmark's data (placements with a
contract, certificates; scripts/benchmark_signalen_data.py), and three result agreements per
trajectory (a contract, six months in work, a VCA certificate), paid by the home gemeente to an
O&O-fonds. It then times, with the number of queries:
1. the detection over every trajectory (financiering.resultaten.detecteer): the first run makes
   the claim lines, a second run must make none;
2. a reversal: a tenth of the contracts ends within its trial period, half of their lines were
   paid: the run lapses the unpaid lines and credits the paid ones;
3. a claim statement of the O&O-fonds to the gemeente with the most lines: its PDF (WeasyPrint,
   the Celery task's function) and its XLSX.
Not run by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmark_database import controleer_naam, maak_database, server_url, verwijder_database  # noqa: E402
from benchmark_signalen import CHUNK_TRAJECTEN, Meting, getal, sec  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van de resultaatfinanciering.")
    parser.add_argument("--aantal", type=int, default=10_000, help="aantal deelnames (standaard 10000)")
    parser.add_argument("--database", default="leerwerk_benchmark_financiering", help="naam van de benchmarkdatabase")
    parser.add_argument("--bewaar", action="store_true", help="de database na afloop laten staan")
    args = parser.parse_args(argv)
    if fout := controleer_naam(args.database):
        parser.error(fout)

    server = server_url()
    url = maak_database(args.database, server)
    media = tempfile.mkdtemp(prefix="leerwerk-benchmark-financiering-")
    os.environ.update(DATABASE_URL=url, MEDIA_ROOT=media)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerk.settings")
    import django

    django.setup()
    import logging

    for naam in ("weasyprint", "fontTools"):  # their progress lines are not the benchmark's
        logging.getLogger(naam).setLevel(logging.WARNING)
    import benchmark_signalen_data as data
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from financiering import constants as c
    from financiering import exports, resultaten, selectors, services
    from financiering.models import Claimregel, Resultaatafspraak
    from financiering.tasks import declaratie_pdf
    from leerwerk.models import Organisatie, OrganisatieType, Rol, User
    from trajecten.models import Traject
    from werkgevers.dienstverbanden import CONTRACTEN
    from werkgevers.models import Plaatsing

    try:
        vandaag = timezone.localdate()
        trajecten = math.ceil(args.aantal / data.PER_TRAJECT)
        print(f"Benchmark financiering: {getal(args.aantal)} deelnames in {getal(trajecten)} trajecten, "
              f"database {args.database}", flush=True)  # fmt: skip
        call_command("migrate", verbosity=0, interactive=False)
        start = time.perf_counter()
        wereld = data.Wereld(vandaag)
        for begin in range(0, trajecten, CHUNK_TRAJECTEN):
            data.maak_chunk(wereld, range(begin, min(begin + CHUNK_TRAJECTEN, trajecten)), args.aantal)
        fonds = Organisatie.objects.create(naam="Benchmarkfonds (O&O)", type=OrganisatieType.FINANCIER)
        financier = User.objects.create(
            email="financier-benchmark@example.org", naam="Benchmark Financier", organisatie=fonds,
            rollen=[Rol.FINANCIER], password=make_password(None),
        )  # fmt: skip
        afspraken = []
        for t in Traject.objects.only("id", "regisseur_id", "regie_organisatie_id"):
            door = User.objects.filter(organisatie_id=t.regie_organisatie_id).values_list("id", flat=True).first()
            for resultaat, bedrag, certificaat in (
                (c.ResultaatSoort.CONTRACT, "2500", ""),
                (c.ResultaatSoort.DUURZAAM_6, "1000", ""),
                (c.ResultaatSoort.CERTIFICAAT, "150", "vca_basis"),
            ):
                afspraken.append(Resultaatafspraak(
                    traject=t, resultaat=resultaat, bedrag=bedrag, certificaat=certificaat,
                    betaler_soort=c.BetalerSoort.WOONGEMEENTE, ontvanger=fonds,
                    declareren_tot=dt.date(vandaag.year + 2, 12, 31), aangemaakt_door_id=door,
                    status=c.AfspraakStatus.AKKOORD,
                ))  # fmt: skip
        Resultaatafspraak.objects.bulk_create(afspraken, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        contracten = Plaatsing.objects.filter(soort__in=CONTRACTEN).count()
        print(f"Aangemaakt in {sec(time.perf_counter() - start)}: {getal(len(afspraken))} resultaatafspraken, "
              f"{getal(contracten)} contracten")  # fmt: skip

        print("\nstap                                          queries       tijd   uitkomst")
        print("-" * 100)

        def regel(naam, meting, uitkomst):
            print(f"{naam:<44} {meting.queries:>8} {sec(meting.seconden):>10}   {uitkomst}", flush=True)

        with Meting() as m:
            uitkomst = resultaten.detecteer(vandaag=vandaag)
        regel("detectie, eerste keer", m, uitkomst)
        with Meting() as m:
            uitkomst = resultaten.detecteer(vandaag=vandaag)
        regel("detectie, nog eens (niets nieuws)", m, uitkomst)

        # A tenth of the contracts ends within its trial period; half of their lines were paid.
        terug = list(
            Plaatsing.objects.filter(soort__in=CONTRACTEN, start__lte=vandaag - dt.timedelta(days=10))
            .order_by("id")
            .values_list("id", "deelname_id", "start")[::10]
        )
        for pk, _deelname, begin in terug:
            Plaatsing.objects.filter(pk=pk).update(
                status="beeindigd", einde=begin + dt.timedelta(days=7), einde_reden="werkgever"
            )
        betaald = [d for i, (_pk, d, _b) in enumerate(terug) if i % 2 == 0]
        Claimregel.objects.filter(deelname_id__in=betaald, afspraak__resultaat=c.ResultaatSoort.CONTRACT).update(
            status=c.ClaimStatus.BETAALD
        )
        with Meting() as m:
            uitkomst = resultaten.detecteer(vandaag=vandaag)
        regel(f"detectie na {getal(len(terug))} beëindigde contracten", m, uitkomst)

        betaler = (
            Claimregel.objects.filter(status=c.ClaimStatus.OPEN)
            .values("betaler_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        declaratie = services.declaratie_create(
            acting_user=financier, betaler=Organisatie.objects.get(pk=betaler["betaler_id"]),
            periode_van=dt.date(2000, 1, 1), periode_tot=vandaag,
        )  # fmt: skip
        regels = selectors.declaratie_regels(declaratie)
        with Meting() as m:
            declaratie_pdf(declaratie.pk)
        declaratie.refresh_from_db()
        regel(f"pdf van een declaratie ({getal(len(regels))} regels)", m, f"{getal(declaratie.pdf.size)} bytes")
        with Meting() as m:
            inhoud = exports.xlsx_declaratie(declaratie, selectors.declaratie_regels(declaratie))
        regel(f"xlsx van dezelfde declaratie ({getal(len(regels))} regels)", m, f"{getal(len(inhoud))} bytes")
    finally:
        if not args.bewaar:
            connection_close()
            verwijder_database(args.database, server)
    return 0


def connection_close():
    from django.db import connections

    connections.close_all()


if __name__ == "__main__":
    sys.exit(main())
