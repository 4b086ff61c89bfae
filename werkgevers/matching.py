"""The suggestion score of a profile against a work place, with an explanation per part.

The score helps the regisseur choose whom to propose; it never decides. Each part says in
Dutch what was compared, so that the regisseur (and, later, the employer) can check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from deelnemers.constants import Rijbewijs, Taalniveau
from opleiders.constants import CertificaatSoort


@dataclass(frozen=True)
class Onderdeel:
    naam: str
    punten: int
    maximum: int
    uitleg: str


@dataclass(frozen=True)
class MatchScore:
    onderdelen: tuple[Onderdeel, ...]

    @property
    def totaal(self) -> int:
        return sum(o.punten for o in self.onderdelen)

    @property
    def maximum(self) -> int:
        return sum(o.maximum for o in self.onderdelen)


@dataclass(frozen=True)
class Kandidaat:
    """What the score may look at: only fields that are on the anonymised profile."""

    taalniveau: str  # the lowest of the four skills, "" when not measured
    uren_per_week: int
    arbeidsmarktregio_id: int | None
    rijbewijs: str
    traject_beroep: str
    werkervaring_sectoren: tuple[str, ...]
    certificaten: frozenset[str]


TAAL, UREN, REGIO, BEROEP, CERTIFICATEN = 30, 20, 20, 15, 15


def _taal(k: Kandidaat, minimum: str) -> Onderdeel:
    naam = _("Taalniveau")
    if not minimum:
        return Onderdeel(naam, TAAL, TAAL, _("De plek vraagt geen minimaal taalniveau."))
    if not k.taalniveau:
        return Onderdeel(naam, 0, TAAL, _("Taalniveau nog niet gemeten; de plek vraagt %(min)s.") % {"min": minimum})
    verschil = Taalniveau.rank(k.taalniveau) - Taalniveau.rank(minimum)
    if verschil >= 0:
        return Onderdeel(naam, TAAL, TAAL, _("%(niveau)s, de plek vraagt minimaal %(min)s.") % {
            "niveau": k.taalniveau, "min": minimum})  # fmt: skip
    if verschil == -1:
        return Onderdeel(naam, TAAL // 2, TAAL, _("%(niveau)s, één niveau onder het gevraagde %(min)s.") % {
            "niveau": k.taalniveau, "min": minimum})  # fmt: skip
    return Onderdeel(naam, 0, TAAL, _("%(niveau)s, meer dan één niveau onder het gevraagde %(min)s.") % {
        "niveau": k.taalniveau, "min": minimum})  # fmt: skip


def _uren(k: Kandidaat, uren: int) -> Onderdeel:
    naam = _("Uren per week")
    tekst = {"kan": k.uren_per_week, "vraagt": uren}
    if k.uren_per_week >= uren:
        return Onderdeel(naam, UREN, UREN, _("Beschikbaar %(kan)s uur, de plek vraagt %(vraagt)s.") % tekst)
    if k.uren_per_week * 4 >= uren * 3:
        return Onderdeel(naam, UREN // 2, UREN, _("Beschikbaar %(kan)s uur, iets minder dan %(vraagt)s.") % tekst)
    return Onderdeel(naam, 0, UREN, _("Beschikbaar %(kan)s uur, de plek vraagt %(vraagt)s.") % tekst)


def _regio(k: Kandidaat, plek_regio_id: int | None) -> Onderdeel:
    naam = _("Reisregio")
    rijbewijs = k.rijbewijs not in ("", Rijbewijs.GEEN, Rijbewijs.BUITENLANDS)
    if plek_regio_id is None:
        return Onderdeel(naam, REGIO // 2, REGIO, _("De arbeidsmarktregio van de locatie is niet bekend."))
    if k.arbeidsmarktregio_id == plek_regio_id:
        return Onderdeel(naam, REGIO, REGIO, _("Woont in dezelfde arbeidsmarktregio als de locatie."))
    if rijbewijs:
        return Onderdeel(naam, REGIO // 2, REGIO, _("Woont buiten de arbeidsmarktregio, heeft een rijbewijs."))
    return Onderdeel(naam, 0, REGIO, _("Woont buiten de arbeidsmarktregio van de locatie, zonder rijbewijs."))


def _beroep(k: Kandidaat, beroep: str, sector: str) -> Onderdeel:
    naam = _("Beroep")
    if k.traject_beroep and k.traject_beroep.casefold() == beroep.casefold():
        return Onderdeel(naam, BEROEP, BEROEP, _("Wordt in het traject opgeleid tot %(beroep)s.") % {"beroep": beroep})
    woorden = {w for w in (beroep + " " + sector).casefold().split() if len(w) > 3}
    if any(woorden & set(s.casefold().split()) for s in k.werkervaring_sectoren):
        return Onderdeel(naam, BEROEP * 2 // 3, BEROEP, _("Heeft werkervaring in een verwante sector."))
    return Onderdeel(naam, 0, BEROEP, _("Opleiding en werkervaring wijken af van %(beroep)s.") % {"beroep": beroep})


def _certificaten(k: Kandidaat, vereist: list[str]) -> Onderdeel:
    naam = _("Certificaten")
    if not vereist:
        return Onderdeel(naam, CERTIFICATEN, CERTIFICATEN, _("De plek vraagt geen certificaten."))
    ontbreekt = [str(CertificaatSoort(s).label) for s in vereist if s not in k.certificaten]
    behaald = len(vereist) - len(ontbreekt)
    punten = int(Decimal(CERTIFICATEN * behaald) / len(vereist))
    if not ontbreekt:
        return Onderdeel(naam, punten, CERTIFICATEN, _("Heeft alle gevraagde certificaten."))
    return Onderdeel(naam, punten, CERTIFICATEN, _("Ontbreekt: %(lijst)s.") % {"lijst": ", ".join(ontbreekt)})


def scorer(*, min_taalniveau, uren_per_week, regio_id, beroep, sector, vereist):
    """The score function of one place, for scoring many profiles against it: each part's outcome
    depends on one or two profile values only, so it is worked out once per value and reused
    (Onderdeel is immutable). Same outcome as `score` for every profile."""
    onthouden: dict[tuple, Onderdeel] = {}
    vereist_set = frozenset(vereist)

    def deel(sleutel, bereken):
        uitkomst = onthouden.get(sleutel)
        if uitkomst is None:
            uitkomst = onthouden[sleutel] = bereken()
        return uitkomst

    def bereken(k: Kandidaat) -> MatchScore:
        return MatchScore(
            (
                deel(("taal", k.taalniveau), lambda: _taal(k, min_taalniveau)),
                deel(("uren", k.uren_per_week), lambda: _uren(k, uren_per_week)),
                deel(("regio", k.arbeidsmarktregio_id, k.rijbewijs), lambda: _regio(k, regio_id)),
                deel(("beroep", k.traject_beroep, k.werkervaring_sectoren), lambda: _beroep(k, beroep, sector)),
                deel(("certificaten", k.certificaten & vereist_set), lambda: _certificaten(k, vereist)),
            )
        )

    return bereken


def score(kandidaat: Kandidaat, *, min_taalniveau, uren_per_week, regio_id, beroep, sector, vereist) -> MatchScore:
    return MatchScore(
        (
            _taal(kandidaat, min_taalniveau),
            _uren(kandidaat, uren_per_week),
            _regio(kandidaat, regio_id),
            _beroep(kandidaat, beroep, sector),
            _certificaten(kandidaat, vereist),
        )
    )
