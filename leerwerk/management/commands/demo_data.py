"""Create a small, realistic demo world with one login per role.

Safe to run again: existing organisations and users are reused, never duplicated, and
passwords of existing users are left alone.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from leerwerk.demo import DEMO_PASSWORD, demo_email
from leerwerk.models import Organisatie, OrganisatieType, Rol, User

AMR = "Noordoost-Brabant"
GEMEENTEN = ["'s-Hertogenbosch", "Oss", "Meierijstad"]
ORGANISATIES = [
    ("Installatiebedrijf Van der Heijden B.V.", OrganisatieType.WERKGEVER),
    ("Bouwbedrijf De Maaskant B.V.", OrganisatieType.WERKGEVER),
    ("Opleidingscentrum Techniek Brabant", OrganisatieType.OPLEIDER),
    ("Opleidingsfonds Installatietechniek (O&O)", OrganisatieType.FINANCIER),
    ("Jobcoaching Brabant", OrganisatieType.EXPERTISEPARTNER),
    ("Werkgeversservicepunt Noordoost-Brabant", OrganisatieType.UWV_WSP),
]
# role -> (name, organisation)
DEMO_USERS = {
    Rol.REGISSEUR: ("Sanne de Regisseur", "'s-Hertogenbosch"),
    Rol.KLANTMANAGER: ("Karim Klantmanager", "'s-Hertogenbosch"),
    Rol.WERKGEVER: ("Wim van der Heijden", "Installatiebedrijf Van der Heijden B.V."),
    Rol.OPLEIDER: ("Olga Opleider", "Opleidingscentrum Techniek Brabant"),
    Rol.JOBCOACH: ("Jeroen Jobcoach", "Jobcoaching Brabant"),
    Rol.WETHOUDER: ("Wethouder Werk en Inkomen", "'s-Hertogenbosch"),
    Rol.BEHEERDER: ("Beheerder Leerwerk", "'s-Hertogenbosch"),
}


class Command(BaseCommand):
    help = "Maakt demodata aan: een arbeidsmarktregio, gemeenten, partners en een demo-login per rol."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Alleen als er nog geen gebruikers zijn.")
        parser.add_argument("--force", action="store_true", help="Ook met productie-instellingen (DEBUG uit).")

    def handle(self, *args, if_empty=False, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "Weigert demodata aan te maken met productie-instellingen (DEBUG uit). "
                "Gebruik --force als u zeker bent."
            )
        if if_empty and User.objects.exists():
            self.stdout.write("Er zijn al gebruikers: demodata overgeslagen.")
            return
        created = self.create_world()
        self.stdout.write(self.style.SUCCESS(f"Demodata klaar ({created} nieuwe gebruikers)."))

    @transaction.atomic
    def create_world(self) -> int:
        regio, _ = Organisatie.objects.get_or_create(naam=AMR, type=OrganisatieType.ARBEIDSMARKTREGIO)
        organisaties = {regio.naam: regio}
        for naam in GEMEENTEN:
            organisaties[naam], _ = Organisatie.objects.get_or_create(
                naam=naam, type=OrganisatieType.GEMEENTE, defaults={"arbeidsmarktregio": regio}
            )
        for naam, soort in ORGANISATIES:
            organisaties[naam], _ = Organisatie.objects.get_or_create(naam=naam, type=soort)
        created = 0
        for rol, (naam, organisatie) in DEMO_USERS.items():
            user, is_new = User.objects.get_or_create(
                email=demo_email(rol),
                defaults={"naam": naam, "organisatie": organisaties[organisatie], "rollen": [rol]},
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created += 1
        return created
