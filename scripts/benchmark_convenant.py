"""Benchmark of the covenant (issue 15): render a version's PDF and seal it.

    .venv/bin/python -m leerwerk.devstack exec -- .venv/bin/python scripts/benchmark_convenant.py [--herhalingen 5]

A covenant of 12 parties, 10 phases and 60 script tasks (plus 15 budget lines, 6 result
agreements and 8 job guarantees), built as the data a version keeps (regie.convenant.inhoud's
form): a trajectory in the product has at most one phase of each of its six kinds, so ten phases
exist only as data; the Celery task renders from a version's data just the same. It times, as
the median of the repetitions, what the tasks do: the covenant's PDF/A-3b with its data attached
(regie.tasks.convenant_renderen), the statement of signing, the seal (leerwerk.zegel.verzegel)
and a check of the sealed file (leerwerk.zegel.controleer). The target: render and seal together
under 2 seconds. The development seal certificate of LEERWERK_ZEGEL_MAP is used (made once when
missing). No database is touched. Not run by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PARTIJEN, FASEN, TAKEN = 12, 10, 60


def inhoud() -> dict:
    """Covenant data of the benchmark's size, in the form regie.convenant.inhoud gives."""
    start = dt.date(2027, 1, 4)
    fasen = []
    for i in range(FASEN):
        van = start + dt.timedelta(weeks=6 * i)
        fasen.append(
            {
                "fase": f"Fase {i + 1}",
                "start": van.isoformat(),
                "eind": (van + dt.timedelta(weeks=6, days=-3)).isoformat(),
                "weken": 6,
            }
        )
    partijen = [
        {
            "id": i,
            "naam": f"Partij {i + 1} in de regio Noordoost-Brabant B.V.",
            "rollen": ["Werkgever", "Opleider"][: 1 + i % 2],
            "bijdragen": [
                {
                    "rol": "Werkgever",
                    "expertise": "Leerwerkplek en mentor",
                    "tijd": "4 uur per week",
                    "budget": "2500.00",
                }
            ],
        }
        for i in range(PARTIJEN)
    ]
    return {
        "traject": {
            "naam": "Benchmarktraject installatietechniek",
            "sector": "Installatietechniek",
            "beroep": "Monteur installatietechniek",
            "capaciteit": 24,
            "regie": partijen[0]["naam"],
            "regisseur": "Regisseur van de benchmark",
        },
        "partijen": partijen,
        "doel": {
            "aantal_deelnemers": 24,
            "aandeel_werk": 70,
            "datum": "2028-06-30",
            "min_deelnemers": 12,
            "uitstroom_taalniveau": "A2",
            "uitstroom_certificaten": ["VCA basis", "Vakdiploma"],
        },
        "fasen": fasen,
        "draaiboek": [
            {
                "fase": fasen[i % FASEN]["fase"],
                "taak": f"Taak {i + 1}: een taak uit het landelijke draaiboek, met uitleg",
                "rol": "Opleider",
                "eigenaar": partijen[i % PARTIJEN]["naam"],
                "uiterlijk": fasen[i % FASEN]["start"],
            }
            for i in range(TAKEN)
        ],
        "kosten": {
            "regels": [
                {
                    "categorie": "Vakopleiding",
                    "omschrijving": f"Module {i + 1}",
                    "gepland": "12000.00",
                    "dekking": [
                        {"bron": "O&O-fonds", "bedrag": "9000.00", "status": "Toegezegd"},
                        {"bron": "Gemeente", "bedrag": "3000.00", "status": "Voorgesteld"},
                    ],
                }
                for i in range(15)
            ],
            "gepland": "180000.00",
            "gedekt": "180000.00",
            "toegezegd": "135000.00",
            "tekort": "0.00",
            "resultaatafspraken": [
                {
                    "resultaat": "Contract",
                    "bedrag": "1500.00",
                    "betaler": "Woongemeente",
                    "ontvanger": "O&O-fonds",
                    "declareren_tot": "2028-12-31",
                    "status": "Akkoord",
                }
            ]
            * 6,
            "verdeling": {
                "sleutel": "Naar deelnemers",
                "aandelen": [{"gemeente": f"Gemeente {i}", "percentage": "25.00"} for i in range(4)],
            },
        },
        "tekort_geaccepteerd": False,
        "tekort_toelichting": "",
        "feedback": {
            "kickoff": "2026-12-14",
            "interval_weken": 4,
            "vanaf": "2027-02-01",
            "tot": "2028-06-30",
            "aantal": 19,
        },
        "uitval": "Dreigt een deelnemer uit te vallen, dan meldt de partner die het merkt dit binnen twee werkdagen.",
        "privacy": {
            "tekst": "Gegevens worden alleen met toestemming gedeeld.",
            "toestemmingen": ["Partners"],
            "partners": ["Opleider"],
            "doelen": ["Traject"],
        },
        "toezeggingen": [
            {
                "werkgever": partijen[i]["naam"],
                "soort": "Baangarantie",
                "functie": "Monteur",
                "plaatsen": 2,
                "van": "2027-01-04",
                "tot": "2028-01-04",
                "voorwaarden": "Na het vakdiploma",
                "bevestigd": "2026-12-01",
            }
            for i in range(8)
        ],
        "looptijd": {"van": fasen[0]["start"], "tot": fasen[-1]["eind"]},
        "beeindiging": "Opzegging met drie maanden.",
        "bijlagen": ["Bijlage 1: de gegevens.", "Bijlage 2: de verklaring van ondertekening."],
        "clausules": {"uitval": ["Een eigen tekst van de regisseur."]},
        "volgorde_verplicht": False,
    }


def meet(functie, herhalingen: int):
    tijden, uitkomst = [], None
    for _ in range(herhalingen):
        begin = time.perf_counter()
        uitkomst = functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden), uitkomst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van het convenant: opmaken en verzegelen.")
    parser.add_argument("--herhalingen", type=int, default=5, help="metingen per stap (standaard 5); de mediaan telt")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerk.settings")
    import django

    django.setup()
    import logging

    for naam in ("weasyprint", "fontTools"):
        logging.getLogger(naam).setLevel(logging.WARNING)
    from django.utils import timezone

    from leerwerk import zegel
    from leerwerk.pdf import render_pdf
    from regie.convenant import secties
    from regie.tasks import JSON_NAAM

    data = inhoud()
    versie = SimpleNamespace(nummer=1, inhoud=data, sha256="0" * 64)
    gegevens = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    zegel.verzegel(render_pdf("pdf/base.html", {}), reden="opwarmen", naam="leerwerk")  # certificate and fonts

    def convenant():
        return render_pdf("regie/convenant_pdf.html", {"i": data, "versie": versie, "secties": secties(data)},
                          archief=True, bijlagen=[(JSON_NAAM, gegevens, "De gegevens")])  # fmt: skip

    t_pdf, pdf = meet(convenant, args.herhalingen)
    tekeningen = [
        SimpleNamespace(organisatie=SimpleNamespace(naam=p["naam"]), door=f"Tekenbevoegde {i + 1}", op=timezone.now(),
                        sha256="0" * 64)
        for i, p in enumerate(data["partijen"])
    ]  # fmt: skip

    def verklaring():
        context = {"versie": versie, "tekeningen": tekeningen, "nu": timezone.now()}
        return render_pdf("regie/convenant_verklaring.html", context, archief=True)

    t_verklaring, audit = meet(verklaring, args.herhalingen)
    t_zegel, verzegeld = meet(lambda: zegel.verzegel(pdf, extra_pagina=audit, reden="Benchmark", naam="leerwerk"),
                              args.herhalingen)  # fmt: skip
    t_controle, controle = meet(lambda: zegel.controleer(verzegeld), args.herhalingen)
    if not controle.geldig:
        print(f"Het verzegelde bestand is niet geldig: {controle.melding}", file=sys.stderr)
        return 1

    print(f"Convenant: {PARTIJEN} partijen, {FASEN} fasen, {TAKEN} taken; mediaan van {args.herhalingen} metingen")
    print(f"{'stap':48} {'tijd':>9} {'bytes':>10}")
    for naam, t, n in (
        ("1. convenant opmaken (pdf/a-3b met gegevens)", t_pdf, len(pdf)),
        ("2. verklaring van ondertekening opmaken", t_verklaring, len(audit)),
        ("3. verzegelen (verklaring toevoegen, PAdES)", t_zegel, len(verzegeld)),
        ("4. zegel controleren", t_controle, len(verzegeld)),
    ):
        print(f"{naam:48} {t * 1000:7.0f} ms {f'{n:,d}'.replace(',', '.'):>10}")
    totaal = t_pdf + t_verklaring + t_zegel
    print(f"{'opmaken en verzegelen samen (1 t/m 3)':48} {totaal * 1000:7.0f} ms   doel < 2.000 ms: "
          f"{'gehaald' if totaal < 2 else 'NIET gehaald'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
