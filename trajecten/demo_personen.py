"""The fictitious candidates of the demo: who they are, what they bring, what the intake found.

Every person here is invented. BSNs come from the RvIG test range (999 99x xxx) and pass the
elfproef; no real-looking numbers. E-mail addresses use the reserved example.com domain;
street addresses and phone numbers are left empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from deelnemers.constants import (
    Dagdeel,
    Doelgroep,
    InburgeringRegime,
    InburgeringRoute,
    InburgeringStatus,
    Opleidingsniveau,
    RandvoorwaardeSoort,
    RandvoorwaardeStatus,
    Rijbewijs,
    Taal,
    Taalbeheersing,
)
from deelnemers.models import Werkervaring

D = Doelgroep
R = RandvoorwaardeSoort
OK, NODIG, NVT = RandvoorwaardeStatus.IN_ORDE, RandvoorwaardeStatus.ACTIE_NODIG, RandvoorwaardeStatus.NVT
HELE_WEEK = list(Dagdeel.values)
OCHTENDEN = [d for d in Dagdeel.values if d.endswith("ochtend")]
BIJSTAND_ALLEENSTAAND = Decimal("1401.10")
BIJSTAND_GEHUWD = Decimal("2001.58")

# Preconditions once the three-way talk has been held; per person only the differences.
RANDVOORWAARDEN_GEREGELD = {
    R.RIJBEWIJS: (NVT, "Niet nodig: werk in de regio, bereikbaar per fiets en ov.", ""),
    R.FIETS: (OK, "", ""),
    R.VERVOER: (OK, "Ov-verbinding naar de opleidingslocatie gecontroleerd.", ""),
    R.KINDEROPVANG: (NVT, "", ""),
    R.DIGITAAL: (OK, "Kan inloggen op de leeromgeving van de opleider.", ""),
    R.REISKOSTEN: (OK, "Reiskostenvergoeding via de gemeente geregeld.", ""),
}


@dataclass(frozen=True)
class Persoon:
    key: str
    voornaam: str
    achternaam: str
    geboortedatum: tuple[int, int, int]
    bsn: str
    gemeente: str
    woonplaats: str
    doelgroep: str
    land: str  # country of origin, for the intake text only
    taal: tuple[str, str, str, str]  # luisteren, lezen, spreken, schrijven
    opleidingsniveau: str = Opleidingsniveau.GEEN
    opleiding_erkend: bool = False
    uren: int = 32
    dagdelen: list[str] = field(default_factory=lambda: HELE_WEEK)
    uitkering: Decimal | None = BIJSTAND_ALLEENSTAAND  # Participatiewet bijstand per month; None: none
    uitkering_sinds_dagen: int = 500
    regime: str = InburgeringRegime.WI2021
    route: str = InburgeringRoute.B1
    inburgering: str = InburgeringStatus.LOPEND
    rijbewijs: str = Rijbewijs.GEEN
    beperkingen: list[str] = field(default_factory=list)
    werkervaring: list[tuple[str, str, str]] = field(default_factory=list)  # sector, jaren, waar
    # Intake in the candidate's words, as the klantmanager wrote it down; None: no intake yet.
    beroep: str = ""
    motivatie: str = ""
    thuis: str = "Woont alleen."
    belemmering: str = "Taal: vaktermen en veiligheidsinstructies nog lastig."
    intake: bool = True
    # Differences from RANDVOORWAARDEN_GEREGELD: soort -> (status, toelichting, actiehouder key).
    randvoorwaarden: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    randvoorwaarden_geregeld: bool = True
    toestemming_partners: bool = True
    toestemming_werkgevers: bool = False


def intake_velden(p: Persoon) -> dict[str, str]:
    """The life-stage-aware intake, written from the person's facts (all fictitious)."""
    ervaring = "; ".join(
        f"{sector}, {str(Werkervaring(jaren=Decimal(jaren)).jaren_kort).replace('.', ',')} jaar ({waar})"
        for sector, jaren, waar in p.werkervaring
    )
    return {
        "identiteit_achtergrond": f"Komt uit {p.land}. {p.thuis}",
        "motivatie": p.motivatie
        or f"Wil graag aan het werk in de techniek en een vak leren in Nederland ({p.beroep}).",
        "capaciteiten": "Handig, werkt nauwkeurig, leert snel door te doen en voor te doen.",
        "werkervaring": ervaring or "Geen betaalde werkervaring.",
        "talenten": "Samenwerken, doorzetten, technisch inzicht.",
        "diplomas": "Geen diploma's uit het land van herkomst meegenomen; ervaring telt zwaarder dan papier.",
        "leerstijl": "Leert het best in de praktijk, met korte uitleg en laten zien.",
        "sociaal_netwerk": "Contact met landgenoten en buren; taalmaatje via de bibliotheek.",
        "thuissituatie": p.thuis,
        "inkomensbehoefte": "Wil uit de bijstand; een vast inkomen is belangrijk."
        if p.uitkering
        else "Heeft nu geen uitkering; zoekt een vast inkomen.",
        "huidige_situatie": f"Taalniveau spreken {p.taal[2]}, {p.uren} uur per week beschikbaar.",
        "gewenste_situatie": f"Vaste baan als {p.beroep or 'monteur'} binnen een jaar.",
        "belemmeringen": p.belemmering,
        "hulpbronnen": "Gemotiveerd, steun van het gezin en de klantmanager, fiets.",
    }


def _p(key, voornaam, achternaam, geboren, bsn, gemeente, woonplaats, doelgroep, land, taal, **kw):
    return Persoon(key, voornaam, achternaam, geboren, bsn, gemeente, woonplaats, doelgroep, land, taal, **kw)


HERTOGENBOSCH, OSS, MEIERIJSTAD = "'s-Hertogenbosch", "Oss", "Meierijstad"
MONTEUR = "monteur installatietechniek"

# fmt: off

# --- Noordoost-Brabant installatietechniek: 8 statushouders, 1 other non-native, 1 Dutch --------
INSTALLATIE = [
    _p("yonas", "Yonas", "Tesfay", (1994, 3, 14), "999990019", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Eritrea", ("A2", "A2", "A2", "A1"), uren=36, beroep=MONTEUR,
       werkervaring=[("Bouw", "4.0", "Eritrea, woningbouw")], toestemming_werkgevers=True,
       motivatie="Wil zijn ervaring uit de bouw gebruiken en monteur worden; ziet veel werk in de warmtepompen."),
    _p("samira", "Samira", "Haddad", (1991, 9, 2), "999990020", HERTOGENBOSCH, "Rosmalen",
       D.STATUSHOUDER, "Syrië", ("A2", "A1", "A2", "A1"), uren=32, beroep=MONTEUR,
       werkervaring=[("Elektrotechniek", "3.0", "Syrië, elektrawerkplaats")], toestemming_werkgevers=True,
       thuis="Getrouwd, twee kinderen op de basisschool.", uitkering=BIJSTAND_GEHUWD,
       randvoorwaarden={R.KINDEROPVANG: (OK, "Buitenschoolse opvang geregeld via de gemeente.", "klantmanager")}),
    _p("dawit", "Dawit", "Gebremedhin", (1997, 1, 23), "999990032", OSS, "Oss",
       D.STATUSHOUDER, "Eritrea", ("A2", "A1", "A1", "A1"), uren=32, beroep=MONTEUR,
       werkervaring=[("Landbouw", "5.0", "Eritrea, familiebedrijf")],
       thuis="Woont met zijn broer; zorgt deels voor zijn moeder."),
    _p("ahmad", "Ahmad", "Rahimi", (1999, 6, 11), "999990044", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Afghanistan", ("A2", "A2", "A2", "A2"), uren=36, beroep=MONTEUR,
       werkervaring=[("Installatietechniek", "2.0", "Afghanistan, loodgietersbedrijf")], toestemming_werkgevers=True),
    _p("rami", "Rami", "Darwish", (1988, 11, 30), "999990056", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Syrië", ("B1", "A2", "A2", "A2"), uren=40, beroep=MONTEUR,
       regime=InburgeringRegime.WI2013, route="", inburgering=InburgeringStatus.AFGEROND,
       rijbewijs=Rijbewijs.BUITENLANDS, uitkering=BIJSTAND_GEHUWD, uitkering_sinds_dagen=1400,
       werkervaring=[("Installatietechniek", "8.0", "Syrië, cv- en sanitairmonteur")],
       thuis="Getrouwd, drie kinderen.", toestemming_werkgevers=True,
       randvoorwaarden={R.RIJBEWIJS: (NODIG, "Syrisch rijbewijs omwisselen; CBR-aanvraag loopt.",
                                      "klantmanager")}),
    _p("piotr", "Piotr", "Kowalczyk", (1990, 4, 8), "999990068", OSS, "Berghem",
       D.ANDERSTALIG, "Polen", ("A2", "A2", "A1", "A1"), uren=40, beroep=MONTEUR,
       regime=InburgeringRegime.GEEN, route="", inburgering="", rijbewijs=Rijbewijs.B,
       werkervaring=[("Productie", "6.0", "Nederland, uitzendwerk in de vleesverwerking")],
       motivatie="Wil van uitzendwerk naar een vak met toekomst.", toestemming_werkgevers=True),
    _p("kevin", "Kevin", "van den Akker", (2002, 8, 19), "999990081", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.OVERIG, "Nederland", ("C1", "B2", "C1", "B1"), uren=36, beroep=MONTEUR,
       regime=InburgeringRegime.GEEN, route="", inburgering="", opleidingsniveau=Opleidingsniveau.MBO1,
       werkervaring=[("Logistiek", "1.5", "Nederland, magazijn")], uitkering_sinds_dagen=300,
       belemmering="Mbo-opleiding eerder afgebroken; heeft structuur en een vaste begeleider nodig.",
       motivatie="Wil een startkwalificatie halen en met zijn handen werken.", toestemming_werkgevers=True),
    _p("omar", "Omar", "Nuur", (1996, 2, 27), "999990093", MEIERIJSTAD, "Schijndel",
       D.STATUSHOUDER, "Somalië", ("A1", "A1", "A1", "A1"), uren=32, beroep=MONTEUR,
       route=InburgeringRoute.Z_ROUTE, werkervaring=[("Autotechniek", "3.0", "Somalië, garage")],
       belemmering="Leest en schrijft nog weinig; leert goed mondeling en door voordoen."),
    _p("hassan", "Hassan", "Karimi", (1993, 5, 5), "999990111", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Iran", ("A2", "A2", "A1", "A1"), uren=32, beroep=MONTEUR,
       opleidingsniveau=Opleidingsniveau.MBO2, werkervaring=[("Koeltechniek", "2.5", "Iran, airco-installateur")],
       randvoorwaarden={R.DIGITAAL: (NODIG, "Digitale vaardigheden: cursus bij de bibliotheek.", "klantmanager")}),
    _p("mohammed", "Mohammed", "Al-Khalil", (1985, 12, 9), "999990123", HERTOGENBOSCH, "Rosmalen",
       D.STATUSHOUDER, "Syrië", ("A1", "A1", "A1", "A1"), uren=20, beroep=MONTEUR,
       werkervaring=[("Installatietechniek", "10.0", "Syrië, eigen installatiebedrijf")],
       thuis="Getrouwd, vier kinderen; partner volgt ook inburgering.", uitkering=BIJSTAND_GEHUWD,
       intake=False, randvoorwaarden_geregeld=False,
       randvoorwaarden={R.KINDEROPVANG: (NODIG, "Opvang jongste kind uitzoeken voor 24 uur.", "klantmanager")}),
]

# --- Glaszetters: 3 statushouders, 1 other non-native speaker -----------------------------------
GLAZENIER = "glaszetter"
GLAS = [
    _p("tesfalem", "Tesfalem", "Berhane", (1995, 7, 7), "999990135", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Eritrea", ("A2", "A2", "A2", "A1"), uren=36, beroep=GLAZENIER,
       werkervaring=[("Bouw", "3.0", "Eritrea, ramen en deuren")], toestemming_werkgevers=True),
    _p("bilal", "Bilal", "Sharifi", (1998, 10, 15), "999990147", OSS, "Oss",
       D.STATUSHOUDER, "Afghanistan", ("A2", "A2", "A2", "A2"), uren=32, beroep=GLAZENIER,
       werkervaring=[("Glas", "2.0", "Iran, glashandel")]),
    _p("lina", "Lina", "Mansour", (2000, 3, 3), "999990159", MEIERIJSTAD, "Veghel",
       D.STATUSHOUDER, "Syrië", ("A2", "A1", "A2", "A1"), uren=24, dagdelen=OCHTENDEN + ["di_middag", "do_middag"],
       beroep=GLAZENIER, route=InburgeringRoute.ONDERWIJS, randvoorwaarden_geregeld=False,
       beperkingen=["tillen"],
       motivatie="Wil een technisch vak leren; glaszetten spreekt haar aan door het precisiewerk."),
    _p("oleksandr", "Oleksandr", "Melnyk", (1987, 1, 31), "999990160", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.ANDERSTALIG, "Oekraïne", ("A1", "A1", "A1", "A1"), uren=40, beroep=GLAZENIER,
       regime=InburgeringRegime.GEEN, route="", inburgering="", uitkering=None, intake=False,
       randvoorwaarden_geregeld=False, werkervaring=[("Bouw", "12.0", "Oekraïne, gevelbouw")]),
]

# --- Candidates without a trajectory yet (so "Mijn kandidaten" and "aanmelden" have something) ---
ZONDER_TRAJECT = [
    _p("faisal", "Faisal", "Osman", (1992, 4, 21), "999990172", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Soedan", ("A2", "A2", "A2", "A1"), uren=32, beroep=MONTEUR, randvoorwaarden_geregeld=False,
       werkervaring=[("Bouw", "6.0", "Soedan, metselaar")], toestemming_werkgevers=True),
    _p("nour", "Nour", "Alhassan", (1999, 8, 8), "999990184", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Syrië", ("A1", "A0", "A1", "A0"), uren=24, dagdelen=OCHTENDEN,
       thuis="Alleenstaande moeder, één kind van vier.", intake=False, randvoorwaarden_geregeld=False,
       toestemming_partners=False),
    _p("abdi", "Abdi", "Warsame", (1989, 12, 1), "999990196", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Somalië", ("B1", "B1", "B1", "A2"), uren=40, beroep=MONTEUR,
       opleidingsniveau=Opleidingsniveau.MBO2, opleiding_erkend=True,
       regime=InburgeringRegime.WI2013, route="", inburgering=InburgeringStatus.AFGEROND,
       werkervaring=[("Installatietechniek", "1.0", "Nederland, werkervaringsplaats; VCA basis behaald")],
       randvoorwaarden_geregeld=False),
    _p("merhawit", "Merhawit", "Kidane", (1996, 6, 30), "999990202", OSS, "Oss",
       D.STATUSHOUDER, "Eritrea", ("A2", "A1", "A2", "A1"), uren=28, beroep="glaszetter",
       thuis="Getrouwd, één kind.", uitkering=BIJSTAND_GEHUWD, randvoorwaarden_geregeld=False),
    _p("jamal", "Jamal", "Haidari", (1994, 2, 14), "999990214", MEIERIJSTAD, "Schijndel",
       D.STATUSHOUDER, "Afghanistan", ("A1", "A1", "A1", "A1"), uren=32, intake=False, randvoorwaarden_geregeld=False,
       toestemming_partners=False),
]
# fmt: on


# --- Intake for newcomers: languages besides Dutch, an interpreter, the residence permit -------
# key -> (languages with level, interpreter language or "", date of the residence permit or None).
# The permit dates put most statushouders under the Wet inburgering 2021 and Rami and Abdi (who
# finished inburgering) under that of 2013; EU citizens, Dutch and Ukrainian candidates have none.
T, B = Taal, Taalbeheersing
MOEDERTAAL, GOED, REDELIJK, BASIS = B.MOEDERTAAL, B.GOED, B.REDELIJK, B.BASIS
NIEUWKOMER_INTAKE: dict[str, tuple[tuple[tuple[str, str], ...], str, tuple[int, int, int] | None]] = {
    "yonas": (((T.TIGRINYA, MOEDERTAAL), (T.AMHAARS, GOED), (T.ENGELS, BASIS)), "", (2023, 5, 12)),
    "samira": (((T.ARABISCH, MOEDERTAAL), (T.ENGELS, REDELIJK)), "", (2022, 9, 1)),
    "dawit": (((T.TIGRINYA, MOEDERTAAL), (T.ARABISCH, BASIS)), "", (2023, 11, 20)),
    "ahmad": (((T.DARI, MOEDERTAAL), (T.FARSI, GOED), (T.ENGELS, REDELIJK)), "", (2022, 3, 8)),
    "rami": (((T.ARABISCH, MOEDERTAAL), (T.ENGELS, GOED)), "", (2016, 2, 15)),
    "piotr": (((T.POOLS, MOEDERTAAL), (T.ENGELS, BASIS)), "", None),
    "kevin": ((), "", None),
    "omar": (((T.SOMALISCH, MOEDERTAAL), (T.ARABISCH, BASIS)), T.SOMALISCH, (2024, 1, 15)),
    "hassan": (((T.FARSI, MOEDERTAAL), (T.ENGELS, REDELIJK)), "", (2023, 6, 30)),
    "mohammed": (((T.ARABISCH, MOEDERTAAL), (T.KOERDISCH_KURMANJI, GOED)), T.ARABISCH, (2024, 4, 2)),
    "tesfalem": (((T.TIGRINYA, MOEDERTAAL), (T.AMHAARS, REDELIJK)), "", (2022, 12, 5)),
    "bilal": (((T.DARI, MOEDERTAAL), (T.FARSI, GOED)), "", (2023, 2, 14)),
    "lina": (((T.ARABISCH, MOEDERTAAL), (T.ENGELS, GOED), (T.TURKS, BASIS)), "", (2024, 8, 19)),
    "oleksandr": (((T.OEKRAIENS, MOEDERTAAL), (T.RUSSISCH, GOED)), T.OEKRAIENS, None),
    "faisal": (((T.ARABISCH, MOEDERTAAL), (T.ENGELS, BASIS)), "", (2022, 7, 4)),
    "nour": (((T.ARABISCH, MOEDERTAAL),), T.ARABISCH, (2025, 3, 10)),
    "abdi": (((T.SOMALISCH, MOEDERTAAL), (T.ENGELS, GOED), (T.ARABISCH, REDELIJK)), "", (2019, 10, 1)),
    "merhawit": (((T.TIGRINYA, MOEDERTAAL),), "", (2024, 2, 26)),
    "jamal": (((T.DARI, MOEDERTAAL), (T.PASJTOE, REDELIJK)), T.DARI, (2025, 1, 20)),
}

# Consent ends two years after it was given (the first group registered more than a year before
# the load day); Faisal's consent to share with trajectory partners ends ten days after the demo
# was loaded, so his klantmanager has a signal.
TOESTEMMING_MAANDEN = 24
TOESTEMMING_LOOPT_AF = {"faisal": 10}  # key -> days after the load day
