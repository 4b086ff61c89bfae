"""Choices about candidates that other apps compare against (instroomprofiel, places)."""

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _


class RankedChoices(models.TextChoices):
    """Choices listed from low to high, so that levels can be compared."""

    @classmethod
    def rank(cls, value: str | None) -> int | None:
        return _ranks(cls).get(value)


@functools.cache
def _ranks(choices: type[RankedChoices]) -> dict[str, int]:
    """Each value's place, worked out once per class: `cls.values` builds its list from the
    enum's members on every access (a list of 25 candidates ranked levels ~200 times; issue 12)."""
    return {value: index for index, value in enumerate(choices.values)}


class Taalniveau(RankedChoices):
    """CEFR level (ERK in Dutch), in ascending order."""

    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Opleidingsniveau(RankedChoices):
    """Highest education completed, in ascending order."""

    GEEN = "geen", _("Geen")
    BASIS = "basis", _("Basisonderwijs")
    MBO1 = "mbo1", _("MBO 1")
    MBO2 = "mbo2", _("MBO 2")
    MBO3 = "mbo3", _("MBO 3")
    MBO4 = "mbo4", _("MBO 4")
    HBO = "hbo", _("HBO")
    WO = "wo", _("WO")


class Doelgroep(models.TextChoices):
    STATUSHOUDER = "statushouder", _("Statushouder")
    ANDERSTALIG = "anderstalig", _("Andere anderstalige nieuwkomer")
    OVERIG = "overig", _("Overig")


class InburgeringRegime(models.TextChoices):
    WI2021 = "wi2021", _("Wet inburgering 2021")
    WI2013 = "wi2013", _("Wet inburgering 2013")
    WI2007 = "wi2007", _("Wet inburgering 2007")
    GEEN = "geen", _("Geen inburgeringsplicht")


class InburgeringRoute(models.TextChoices):
    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z_ROUTE = "z_route", _("Z-route")


class InburgeringStatus(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Niet gestart")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    ONTHEFFING = "ontheffing", _("Ontheffing")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling")


class UitkeringType(models.TextChoices):
    GEEN = "geen", _("Geen uitkering")
    BIJSTAND = "participatiewet_bijstand", _("Participatiewet (bijstand)")
    WW = "ww", _("WW")
    WIA = "wia", _("WIA / WGA")
    ANW = "anw", _("Anw")
    OVERIG = "overig", _("Overig")


class Dagdeel(models.TextChoices):
    MA_OCHTEND = "ma_ochtend", _("maandagochtend")
    MA_MIDDAG = "ma_middag", _("maandagmiddag")
    DI_OCHTEND = "di_ochtend", _("dinsdagochtend")
    DI_MIDDAG = "di_middag", _("dinsdagmiddag")
    WO_OCHTEND = "wo_ochtend", _("woensdagochtend")
    WO_MIDDAG = "wo_middag", _("woensdagmiddag")
    DO_OCHTEND = "do_ochtend", _("donderdagochtend")
    DO_MIDDAG = "do_middag", _("donderdagmiddag")
    VR_OCHTEND = "vr_ochtend", _("vrijdagochtend")
    VR_MIDDAG = "vr_middag", _("vrijdagmiddag")


WEEKDAGEN = (("ma", _("maandag")), ("di", _("dinsdag")), ("wo", _("woensdag")), ("do", _("donderdag")),
             ("vr", _("vrijdag")))  # fmt: skip


def week_rooster(dagdelen) -> list[tuple[str, bool, bool]]:
    """The availability as a small week grid: (weekday, morning, afternoon) for Monday to Friday."""
    gekozen = set(dagdelen or ())
    return [(str(naam), f"{dag}_ochtend" in gekozen, f"{dag}_middag" in gekozen) for dag, naam in WEEKDAGEN]


class Rijbewijs(models.TextChoices):
    GEEN = "geen", _("Geen rijbewijs")
    B = "b", _("Rijbewijs B")
    BE = "be", _("Rijbewijs BE")
    C = "c", _("Rijbewijs C")
    BUITENLANDS = "buitenlands", _("Buitenlands rijbewijs (nog omwisselen)")


class GezondheidsBeperking(models.TextChoices):
    """Coded categories only: health details are never stored as free text."""

    TILLEN = "tillen", _("Beperkt zwaar tillen")
    HOOGTE = "hoogte", _("Niet op hoogte werken")
    STAAN = "staan", _("Beperkt lang staan")
    KNIELEN = "knielen", _("Beperkt knielen of bukken")
    BUITEN = "buiten", _("Beperkt buiten werken")
    UREN = "uren", _("Beperkt aantal uren belastbaar")
    PSYCHISCH = "psychisch", _("Psychische belastbaarheid beperkt")


class RandvoorwaardeSoort(models.TextChoices):
    RIJBEWIJS = "rijbewijs", _("Rijbewijs")
    FIETS = "fiets", _("Fiets")
    VERVOER = "vervoer", _("Vervoer")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    DIGITAAL = "digitaal", _("Digitale vaardigheden")
    REISKOSTEN = "reiskosten", _("Reiskostenvergoeding")
    OVERIG = "overig", _("Overig")


class RandvoorwaardeStatus(models.TextChoices):
    # A new candidate's checklist starts here: "Actie nodig" is a decision of the three-way talk.
    NIET_BESPROKEN = "onbesproken", _("Nog niet besproken")
    IN_ORDE = "in_orde", _("In orde")
    ACTIE_NODIG = "actie_nodig", _("Actie nodig")
    NVT = "nvt", _("N.v.t.")


class ToestemmingSoort(models.TextChoices):
    PARTNERS = "partners", _("Delen met trajectpartners")
    WERKGEVERS = "werkgevers", _("Delen met werkgevers (anoniem profiel)")


class PartnerSoort(models.TextChoices):
    """The kinds of partner a consent lets the gemeente share with (its scope)."""

    REGISSEUR = "regisseur", _("Regisseur van het traject")
    OPLEIDER = "opleider", _("Opleider")
    TAALOPLEIDER = "taalopleider", _("Taalopleider")
    JOBCOACH = "jobcoach", _("Jobcoach")
    INTERMEDIAIR = "intermediair", _("Intermediair (WSP, UWV)")
    WERKGEVER = "werkgever", _("Werkgever")


class ToestemmingDoel(models.TextChoices):
    """What the shared data may be used for (the purpose of a consent)."""

    TRAJECT = "traject", _("Uitvoering en begeleiding van het leerwerktraject")
    BEMIDDELING = "bemiddeling", _("Bemiddeling naar werk")


class Taalbeheersing(RankedChoices):
    """How well a candidate speaks a language other than Dutch, from low to high. (Dutch has
    its own CEFR levels per skill on the candidate: taal_luisteren and the others.)"""

    BASIS = "basis", _("Basis")
    REDELIJK = "redelijk", _("Redelijk")
    GOED = "goed", _("Goed")
    MOEDERTAAL = "moedertaal", _("Moedertaal")


class Taal(models.TextChoices):
    """Languages other than Dutch (ISO 639 codes), as spoken by newcomers in the region.
    Dutch is not among them: its level is measured per skill (Taalniveau)."""

    AMHAARS = "am", _("Amhaars")
    ARABISCH = "ar", _("Arabisch")
    BENGAALS = "bn", _("Bengaals")
    CHINEES = "zh", _("Chinees")
    DARI = "prs", _("Dari")
    DUITS = "de", _("Duits")
    ENGELS = "en", _("Engels")
    FARSI = "fa", _("Farsi (Perzisch)")
    FRANS = "fr", _("Frans")
    HINDI = "hi", _("Hindi")
    KOERDISCH_KURMANJI = "kmr", _("Koerdisch (Kurmanji)")
    KOERDISCH_SORANI = "ckb", _("Koerdisch (Sorani)")
    LINGALA = "ln", _("Lingala")
    OEKRAIENS = "uk", _("Oekraïens")
    OROMO = "om", _("Oromo")
    PASJTOE = "ps", _("Pasjtoe")
    POOLS = "pl", _("Pools")
    PORTUGEES = "pt", _("Portugees")
    ROEMEENS = "ro", _("Roemeens")
    RUSSISCH = "ru", _("Russisch")
    SOMALISCH = "so", _("Somalisch")
    SPAANS = "es", _("Spaans")
    SWAHILI = "sw", _("Swahili")
    TAMIL = "ta", _("Tamil")
    TIGRINYA = "ti", _("Tigrinya")
    TURKS = "tr", _("Turks")
    URDU = "ur", _("Urdu")
    VIETNAMEES = "vi", _("Vietnamees")


# Field names of the Intake model, grouped as the form and the candidate page show them.
INTAKE_ONDERWERPEN = [
    ("identiteit_achtergrond", _("Identiteit en achtergrond")),
    ("motivatie", _("Motivatie: wat wil ik?")),
    ("capaciteiten", _("Capaciteiten: wat kan ik?")),
    ("werkervaring", _("Werkervaring")),
    ("talenten", _("Talenten en competenties")),
    ("diplomas", _("Diploma's")),
    ("leerstijl", _("Leer- en werkstijl")),
    ("sociaal_netwerk", _("Sociaal netwerk")),
    ("thuissituatie", _("Thuissituatie")),
    ("inkomensbehoefte", _("Inkomensbehoefte")),
]
INTAKE_STRUCTUUR = [
    ("huidige_situatie", _("Huidige situatie")),
    ("gewenste_situatie", _("Gewenste situatie")),
    ("belemmeringen", _("Belemmeringen")),
    ("hulpbronnen", _("Hulpbronnen")),
]
