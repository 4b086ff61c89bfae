"""Create a small, realistic demo world with one login per role, two trajectories and candidates.

Safe to run again: existing organisations and users are reused, never duplicated, and
passwords of existing users are left alone; a trajectory or candidate that exists already
is left as it is (see trajecten.demo). Everything runs in one transaction.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from leerwerk.demo import DEMO_PASSWORD, DEMO_TEKENBEVOEGD, EXTRA_DEMO_LOGINS, demo_email
from leerwerk.models import Organisatie, OrganisatieType, Rol, User

AMR = "Noordoost-Brabant"
GEMEENTEN = ["'s-Hertogenbosch", "Oss", "Meierijstad"]
# key (used by the trajectory demo) -> (name, type)
ORGANISATIES = {
    "werkgever_installatie": ("Installatiebedrijf Van der Heijden B.V.", OrganisatieType.WERKGEVER),
    "werkgever_bouw": ("Bouwbedrijf De Maaskant B.V.", OrganisatieType.WERKGEVER),
    "werkgever_glas": ("Glasbedrijf Van Rooij B.V.", OrganisatieType.WERKGEVER),
    "opleider": ("Opleidingscentrum Techniek Brabant", OrganisatieType.OPLEIDER),
    "taalopleider": ("Taalcentrum Maas en Meierij", OrganisatieType.OPLEIDER),
    "glasopleider": ("Glasvakschool Zuid", OrganisatieType.OPLEIDER),
    "oo_installatie": ("Opleidingsfonds Installatietechniek (O&O)", OrganisatieType.FINANCIER),
    "oo_glas": ("Opleidingsfonds Vlakglas (O&O)", OrganisatieType.FINANCIER),
    "jobcoach": ("Jobcoaching Brabant", OrganisatieType.EXPERTISEPARTNER),
    "wsp": ("Werkgeversservicepunt Noordoost-Brabant", OrganisatieType.UWV_WSP),
}
# role -> (name, organisation key)
DEMO_USERS = {
    Rol.REGISSEUR: ("Sanne de Regisseur", "'s-Hertogenbosch"),
    Rol.KLANTMANAGER: ("Karim Klantmanager", "'s-Hertogenbosch"),
    Rol.WERKGEVER: ("Wim van der Heijden", "werkgever_installatie"),
    Rol.OPLEIDER: ("Olga Opleider", "opleider"),
    Rol.JOBCOACH: ("Jeroen Jobcoach", "jobcoach"),
    Rol.WETHOUDER: ("Wethouder Werk en Inkomen", "'s-Hertogenbosch"),
    Rol.FINANCIER: ("Fleur Financier (O&O Installatie)", "oo_installatie"),
    Rol.BEHEERDER: ("Beheerder Leerwerk", "'s-Hertogenbosch"),
}
# Further logins the trajectories need: the klantmanagers who register the candidates of Oss and
# Meierijstad, the regisseur of the glass trajectory, which the WSP directs, and the opleiders of
# the language centre and the glass school, who record attendance and results of their modules,
# and the contact person of the building firm, who answers its matches and confirms its placements.
# key -> (e-mail, name, organisation key, role)
EXTRA_USERS = {
    "klantmanager_oss": (EXTRA_DEMO_LOGINS["klantmanager_oss"], "Kim Klantmanager (Oss)", "Oss", Rol.KLANTMANAGER),
    "klantmanager_meierijstad": (
        EXTRA_DEMO_LOGINS["klantmanager_meierijstad"],
        "Koen Klantmanager (Meierijstad)",
        "Meierijstad",
        Rol.KLANTMANAGER,
    ),
    "regisseur_wsp": (EXTRA_DEMO_LOGINS["regisseur_wsp"], "Rachid Regisseur (WSP)", "wsp", Rol.REGISSEUR),
    "opleider_taal": (
        EXTRA_DEMO_LOGINS["opleider_taal"],
        "Tara Taaldocent (Taalcentrum)",
        "taalopleider",
        Rol.OPLEIDER,
    ),
    "opleider_glas": (
        EXTRA_DEMO_LOGINS["opleider_glas"],
        "Gijs Glasdocent (Glasvakschool)",
        "glasopleider",
        Rol.OPLEIDER,
    ),
    "werkgever_bouw": (
        EXTRA_DEMO_LOGINS["werkgever_bouw"],
        "Bart Bouwman (De Maaskant)",
        "werkgever_bouw",
        Rol.WERKGEVER,
    ),
    # The budget holders who decide on the cover asked of the gemeente's and the region's budgets.
    "financier_gemeente": (
        EXTRA_DEMO_LOGINS["financier_gemeente"],
        "Bram Budgethouder ('s-Hertogenbosch)",
        "'s-Hertogenbosch",
        Rol.FINANCIER,
    ),
    "financier_regio": (
        EXTRA_DEMO_LOGINS["financier_regio"],
        "Rianne Regiobudget (Noordoost-Brabant)",
        "regio",
        Rol.FINANCIER,
    ),
    "werkgever_glas": (
        EXTRA_DEMO_LOGINS["werkgever_glas"],
        "Ria van Rooij (Van Rooij)",
        "werkgever_glas",
        Rol.WERKGEVER,
    ),
    "financier_glas": (
        EXTRA_DEMO_LOGINS["financier_glas"],
        "Gert Glasfonds (O&O Vlakglas)",
        "oo_glas",
        Rol.FINANCIER,
    ),
}


class Command(BaseCommand):
    help = (
        "Maakt demodata aan: een arbeidsmarktregio, gemeenten, partners, een demo-login per rol, "
        "twee leerwerktrajecten, kandidaten en werkgevers met leerwerkplekken, matches en plaatsingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Alleen als er nog geen gebruikers zijn.")
        parser.add_argument("--force", action="store_true", help="Ook met productie-instellingen (DEBUG uit).")

    def handle(self, *args, if_empty=False, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "Weigert demodata aan te maken met productie-instellingen (DEBUG uit). "
                "Gebruik --force als u zeker bent."
            )
        with transaction.atomic():
            if if_empty and User.objects.exists():
                self.stdout.write("Er zijn al gebruikers: demodata overgeslagen.")
                return
            created, nieuw = self.create_world()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klaar ({created} nieuwe gebruikers, {nieuw['trajecten']} nieuwe trajecten, "
                f"{nieuw['deelnemers']} nieuwe kandidaten)."
            )
        )

    def create_world(self) -> tuple[int, dict[str, int]]:
        # the core app does not import apps at load time
        from begeleiding.demo import create as create_begeleiding
        from financiering.demo import create_financiering_demo
        from regie.demo import create_convenanten
        from signalen import demo as signalen_demo
        from trajecten.demo import create_demo_content

        regio, _ = Organisatie.objects.get_or_create(naam=AMR, type=OrganisatieType.ARBEIDSMARKTREGIO)
        organisaties = {"regio": regio}
        for naam in GEMEENTEN:
            organisaties[naam], _ = Organisatie.objects.get_or_create(
                naam=naam, type=OrganisatieType.GEMEENTE, defaults={"arbeidsmarktregio": regio}
            )
        for key, (naam, soort) in ORGANISATIES.items():
            organisaties[key], _ = Organisatie.objects.get_or_create(naam=naam, type=soort)
        users, created = {}, 0
        # One hash of the published demo password, shared by the new demo users: hashing is slow on
        # purpose (argon2), and a shared salt costs nothing for a password that is public anyway.
        password_hash = None
        logins = {rol: (demo_email(rol), naam, org, rol) for rol, (naam, org) in DEMO_USERS.items()} | EXTRA_USERS
        for key, (email, naam, organisatie, rol) in logins.items():
            users[key], is_new = User.objects.get_or_create(
                email=email,
                defaults={"naam": naam, "organisatie": organisaties[organisatie], "rollen": [rol]},
            )
            if is_new:
                password_hash = password_hash or make_password(DEMO_PASSWORD)
                users[key].password = password_hash
                users[key].save(update_fields=["password"])
                created += 1
        User.objects.filter(pk__in=[users[k].pk for k in DEMO_TEKENBEVOEGD]).update(tekenbevoegd=True)
        nieuw = create_demo_content(orgs=organisaties, users=users)
        create_financiering_demo(orgs=organisaties, users=users, vandaag=timezone.localdate())
        convenanten = create_convenanten(users=users, vandaag=timezone.localdate())
        begeleiding = create_begeleiding(orgs=organisaties, users=users, vandaag=timezone.localdate())
        if convenanten or begeleiding:
            signalen_demo.scannen(timezone.localdate())  # the pending sign-offs' and coaching signals at once
        return created, nieuw
