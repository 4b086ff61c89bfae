"""factory_boy factories shared by the tests of every app."""

import datetime

import factory

from deelnemers.constants import Doelgroep, ToestemmingSoort
from deelnemers.models import Deelnemer, Toestemming
from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Organisatie, OrganisatieType, Rol, User
from trajecten import constants as tc
from trajecten.models import Deelname, DeelnameStap, Traject, TrajectFase, TrajectPartner


def bsn_for(n: int) -> str:
    """The n-th valid BSN of a deterministic series (elfproef), for unique test values."""
    base = 10_000_000 + n * 7
    while True:
        digits = f"{base:08d}"
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return digits + str(check)
        base += 1


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Regio {n}")
    type = OrganisatieType.ARBEIDSMARKTREGIO


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisatieType.OPLEIDER


class GemeenteFactory(OrganisatieFactory):
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    type = OrganisatieType.GEMEENTE
    arbeidsmarktregio = factory.SubFactory(RegioFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@test.example")
    naam = factory.Sequence(lambda n: f"Gebruiker {n}")
    organisatie = factory.SubFactory(GemeenteFactory)
    rollen = factory.LazyFunction(lambda: [Rol.KLANTMANAGER])
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class DeelnemerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deelnemer

    voornaam = factory.Sequence(lambda n: f"Voornaam{n}")
    achternaam = factory.Sequence(lambda n: f"Achternaam{n}")
    geboortedatum = datetime.date(1990, 5, 17)
    bsn = factory.Sequence(bsn_for)
    gemeente = factory.SubFactory(GemeenteFactory)
    doelgroep = Doelgroep.STATUSHOUDER
    uren_per_week = 32
    taal_luisteren = "A2"
    taal_lezen = "A2"
    taal_spreken = "A2"
    taal_schrijven = "A1"


class ToestemmingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toestemming

    deelnemer = factory.SubFactory(DeelnemerFactory)
    soort = ToestemmingSoort.PARTNERS
    gegeven_op = datetime.date(2026, 1, 5)
    vastgelegd_door = factory.SubFactory(UserFactory)


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traject
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Traject {n}")
    sector = tc.Sector.INSTALLATIE
    beroep = "Monteur installatietechniek"
    arbeidsmarktregio = factory.SubFactory(RegioFactory)
    regie_organisatie = factory.SubFactory(GemeenteFactory)
    capaciteit = 10
    instroomvorm = tc.Instroomvorm.COHORT
    status = tc.TrajectStatus.WERVING
    min_taalniveau = "A1"
    min_uren_per_week = 24

    @factory.post_generation
    def gemeenten(obj, create, extracted, **kwargs):
        if create:
            obj.gemeenten.set(extracted if extracted is not None else [obj.regie_organisatie])


class TrajectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrajectPartner

    traject = factory.SubFactory(TrajectFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = tc.PartnerRol.OPLEIDER


class TrajectFaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrajectFase

    traject = factory.SubFactory(TrajectFactory)
    soort = tc.FaseSoort.OPLEIDING
    start = datetime.date(2026, 4, 1)
    eind = datetime.date(2026, 6, 30)


class DeelnameFactory(factory.django.DjangoModelFactory):
    """A participation in a given state, with the step that put it there on its timeline."""

    class Meta:
        model = Deelname
        skip_postgeneration_save = True

    traject = factory.SubFactory(TrajectFactory)
    deelnemer = factory.SubFactory(DeelnemerFactory, gemeente=factory.SelfAttribute("..traject.regie_organisatie"))
    aangemeld_door = factory.SubFactory(UserFactory)
    status = tc.DeelnameStatus.AANGEMELD
    uitval_reden = factory.LazyAttribute(
        lambda o: tc.UitvalReden.OVERIG if o.status == tc.DeelnameStatus.UITGEVALLEN else ""
    )
    vorige_status = factory.LazyAttribute(
        lambda o: tc.DeelnameStatus.OPLEIDING if o.status == tc.DeelnameStatus.GEPARKEERD else ""
    )
    status_sinds = datetime.date(2026, 1, 5)

    @factory.post_generation
    def stap(obj, create, extracted, **kwargs):
        """The timeline that leads to the given state, as the state machine would have made it."""
        if not create:
            return
        path = _path_to(obj.status, obj.vorige_status)
        DeelnameStap.objects.bulk_create(
            DeelnameStap(
                deelname=obj, van_status=van, naar_status=naar, door=obj.aangemeld_door, ingangsdatum=obj.status_sinds
            )
            for van, naar in zip(["", *path], path, strict=False)
        )


def _path_to(status: str, vorige_status: str = "") -> list[str]:
    S = tc.DeelnameStatus
    line = list(tc.ACTIVE_STATES)
    if status in line:
        return line[: line.index(status) + 1]
    before = {
        S.AFGEWEZEN: S.INTAKE,
        S.AFGEROND: S.NAZORG,
        S.GEPARKEERD: vorige_status or S.OPLEIDING,
        S.UITGEVALLEN: S.OPLEIDING,
        S.VERVOLGOPLEIDING: S.OPLEIDING,
    }[status]
    return [*_path_to(before), status]


# --- werkgevers -------------------------------------------------------------------------------


class WerkgeverOrganisatieFactory(OrganisatieFactory):
    naam = factory.Sequence(lambda n: f"Installatiebedrijf {n} B.V.")
    type = OrganisatieType.WERKGEVER


class WerkgeverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "werkgevers.Werkgever"

    organisatie = factory.SubFactory(WerkgeverOrganisatieFactory)
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    sector = tc.Sector.INSTALLATIE
    sbb_erkend = True


class LocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "werkgevers.Locatie"

    werkgever = factory.SubFactory(WerkgeverFactory)
    naam = "Hoofdvestiging"
    adres = "Industrieweg 12"
    postcode = "5349 AB"
    plaats = "Oss"
    gemeente = "Oss"
    provincie = "noord_brabant"


class BegeleiderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "werkgevers.Begeleider"

    werkgever = factory.SubFactory(WerkgeverFactory)
    soort = "mentor"
    naam = factory.Sequence(lambda n: f"Mentor {n}")
    telefoon = "0612345678"


class LeerwerkplekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "werkgevers.Leerwerkplek"

    werkgever = factory.SubFactory(WerkgeverFactory)
    traject = factory.SubFactory(TrajectFactory)
    functietitel = "Assistent-monteur"
    beroep = "Monteur installatietechniek"
    taken = ["Leidingwerk voorbereiden", "Materiaal klaarzetten"]
    deel_van_functie = True
    uren_per_week = 24
    min_taalniveau = "A1"
    locatie = factory.SubFactory(LocatieFactory, werkgever=factory.SelfAttribute("..werkgever"))
    startdatum = datetime.date(2026, 9, 1)
