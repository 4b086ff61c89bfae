"""The texts of consent a candidate agrees to, each with a version.

A Toestemming records the version of the text the candidate agreed to (`tekstversie`), the
kinds of partner it lets the gemeente share with and the purpose: the scope may be narrower
than the text, never wider. A text, once used, is never changed: a new wording is a new
version added here (the repository's history shows who added it and when), so that every
recorded consent can be read back with the exact words the candidate saw.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from deelnemers.constants import PartnerSoort, ToestemmingDoel, ToestemmingSoort

P = PartnerSoort


@dataclass(frozen=True)
class Toestemmingstekst:
    soort: str
    versie: str
    vanaf: dt.date
    partners: tuple[str, ...]
    doel: str
    tekst: str


TEKSTEN: tuple[Toestemmingstekst, ...] = (
    Toestemmingstekst(
        soort=ToestemmingSoort.PARTNERS,
        versie="2026-1",
        vanaf=dt.date(2026, 1, 1),
        partners=(P.REGISSEUR, P.OPLEIDER, P.TAALOPLEIDER, P.JOBCOACH, P.INTERMEDIAIR),
        doel=ToestemmingDoel.TRAJECT,
        tekst=(
            "Ik geef de gemeente toestemming om mijn gegevens die nodig zijn voor het leerwerktraject "
            "(naam, taalniveau, opleiding, werkervaring, beschikbaarheid en voortgang) te delen met de "
            "regisseur, de opleiders, de taalopleider, de jobcoach en de intermediair van het traject, "
            "alleen voor de uitvoering en begeleiding van het traject. Ik kan deze toestemming altijd "
            "intrekken. Zonder nieuwe toestemming vervalt zij op de einddatum."
        ),
    ),
    Toestemmingstekst(
        soort=ToestemmingSoort.WERKGEVERS,
        versie="2026-1",
        vanaf=dt.date(2026, 1, 1),
        partners=(P.WERKGEVER,),
        doel=ToestemmingDoel.BEMIDDELING,
        tekst=(
            "Ik geef toestemming om een profiel zonder mijn naam, BSN, contactgegevens, geboortedatum en "
            "nationaliteit te tonen aan werkgevers van het traject, alleen om mij naar werk te bemiddelen. "
            "Mijn naam krijgt een werkgever pas na een geaccepteerde match. Ik kan deze toestemming altijd "
            "intrekken. Zonder nieuwe toestemming vervalt zij op de einddatum."
        ),
    ),
)


def versies(soort: str) -> list[Toestemmingstekst]:
    """The texts of one kind of consent, newest first."""
    return sorted((t for t in TEKSTEN if t.soort == soort), key=lambda t: t.vanaf, reverse=True)


def huidige(soort: str) -> Toestemmingstekst:
    return versies(soort)[0]


def tekst(soort: str, versie: str) -> Toestemmingstekst | None:
    return next((t for t in TEKSTEN if t.soort == soort and t.versie == versie), None)
