"""Run the signal scan by hand (the nightly Celery beat task does the same), optionally for
some trajectories or as of another day, and optionally make and send the day's dagmail.

    python manage.py signalen_scan
    python manage.py signalen_scan --datum 2026-07-01 --traject 12 14
    python manage.py signalen_scan --dagmail
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from signalen import digest
from signalen.scan import scan
from trajecten.models import Traject


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError as exc:
        raise CommandError(f"Ongeldige datum '{waarde}': gebruik JJJJ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Berekent de signalen opnieuw (alle trajecten, of de opgegeven) en maakt desgewenst de dagmail."

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Scan alsof het deze dag is (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument(
            "--traject", type=int, nargs="+", metavar="ID", help="Alleen deze trajecten (id's); standaard alle."
        )
        parser.add_argument(
            "--dagmail", action="store_true", help="Maak daarna de dagmail van deze dag en verstuur wat klaarstaat."
        )

    def handle(self, *args, datum=None, traject=None, dagmail=False, **options):
        vandaag = _datum(datum) if datum else timezone.localdate()
        if traject:
            bekend = set(Traject.objects.filter(pk__in=traject).values_list("pk", flat=True))
            onbekend = sorted(set(traject) - bekend)
            if onbekend:
                raise CommandError("Onbekend traject: " + ", ".join(str(pk) for pk in onbekend))
        resultaat = scan(vandaag=vandaag, traject_ids=traject)
        bereik = "trajecten " + ", ".join(str(pk) for pk in traject) if traject else "alle trajecten"
        self.stdout.write(f"Signalen gescand op {vandaag:%d-%m-%Y} ({bereik}): {resultaat}.")
        if dagmail:
            gemaakt = digest.digests_maken(vandaag=vandaag)
            verzonden = digest.digests_versturen()
            self.stdout.write(f"Dagmail: {gemaakt} gemaakt, {verzonden} verzonden.")
