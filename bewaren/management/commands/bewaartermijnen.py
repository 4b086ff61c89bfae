"""`manage.py bewaartermijnen [--droog] [--peildatum JJJJ-MM-DD]`: apply the retention terms now."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from bewaren import services


class Command(BaseCommand):
    help = "Anonimiseer en verwijder wat over de bewaartermijn is; met --droog alleen laten zien wat er zou gebeuren."

    def add_arguments(self, parser):
        parser.add_argument("--droog", action="store_true", help="Niets wijzigen: alleen verslag doen.")
        parser.add_argument("--peildatum", help="Rekenen alsof het deze dag is (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument("--geen-mail", action="store_true", help="Geen e-mail aan de beheerders.")

    def handle(self, *args, droog=False, peildatum=None, geen_mail=False, **options):
        dag = None
        if peildatum:
            try:
                dag = dt.date.fromisoformat(peildatum)
            except ValueError as fout:
                raise CommandError("Geef de peildatum als JJJJ-MM-DD.") from fout
        verslag = services.bewaartermijnen_toepassen(droog=droog, peildatum=dag, mailen=not geen_mail)
        run = verslag.run
        werkwoord = "zou" if droog else "heeft"
        self.stdout.write(
            f"Bewaartermijnen op {run.peildatum:%d-%m-%Y}{' (proefrun: niets gewijzigd)' if droog else ''}"
        )
        self.stdout.write(
            f"- kandidaten: {run.kandidaten} {werkwoord} geanonimiseerd"
            + (" worden" if droog else "")
            + f" (waarvan {run.details.get('kandidaten_na_registratie', 0)} zonder deelname)"
        )
        if run.details.get("kandidaten"):
            self.stdout.write("  nummers: " + ", ".join(f"#{pk}" for pk in run.details["kandidaten"]))
        self.stdout.write(
            f"- toegangslog: {run.toegangslog} regels van vóór {run.toegangslog_grens:%d-%m-%Y} {werkwoord} verwijderd"
            + (" worden" if droog else "")
        )
        self.stdout.write(
            f"- financiële gegevens van vóór {run.financieel_grens:%d-%m-%Y}: {run.financieel} "
            "(bewaard; vernietigen volgens de selectielijst)"
        )
