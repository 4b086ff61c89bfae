"""The suggestion score: every part at its boundaries, the total, and the Dutch explanations."""

from dataclasses import replace

import pytest

from deelnemers.constants import Rijbewijs
from tests.factories import LeerwerkplekFactory
from trajecten import constants as tc
from werkgevers import selectors
from werkgevers.matching import Kandidaat, score, scorer

KANDIDAAT = Kandidaat(
    taalniveau="A2",
    uren_per_week=32,
    arbeidsmarktregio_id=1,
    rijbewijs=Rijbewijs.GEEN,
    traject_beroep="Monteur installatietechniek",
    werkervaring_sectoren=(),
    certificaten=frozenset(),
)
PLEK = {
    "min_taalniveau": "A2",
    "uren_per_week": 24,
    "regio_id": 1,
    "beroep": "Monteur installatietechniek",
    "sector": "Installatietechniek",
    "vereist": [],
}


def _deel(naam, kandidaat=KANDIDAAT, **plek):
    uitslag = score(kandidaat, **{**PLEK, **plek})
    return next(o for o in uitslag.onderdelen if o.naam == naam)


def test_the_parts_their_maxima_and_the_total():
    uitslag = score(KANDIDAAT, **PLEK)
    assert [(o.naam, o.maximum) for o in uitslag.onderdelen] == [
        ("Taalniveau", 30),
        ("Uren per week", 20),
        ("Reisregio", 20),
        ("Beroep", 15),
        ("Certificaten", 15),
    ]
    assert (uitslag.totaal, uitslag.maximum) == (100, 100)
    zwak = replace(KANDIDAAT, taalniveau="A1", uren_per_week=18, rijbewijs=Rijbewijs.B, arbeidsmarktregio_id=2)
    uitslag = score(zwak, **{**PLEK, "vereist": ["vca_basis", "vca_vol"]})
    assert [o.punten for o in uitslag.onderdelen] == [15, 10, 10, 15, 0]
    assert uitslag.totaal == sum(o.punten for o in uitslag.onderdelen) == 50


def test_one_places_scorer_gives_every_profile_the_same_score_as_score_alone():
    """The overview scores many profiles against one place with `scorer`, which reuses each
    part's outcome per value it depends on: the outcome must be the score of each profile."""
    kandidaten = [
        KANDIDAAT,
        replace(KANDIDAAT, taalniveau="A1", uren_per_week=18, rijbewijs=Rijbewijs.B, arbeidsmarktregio_id=2),
        replace(KANDIDAAT, taalniveau="", arbeidsmarktregio_id=2, certificaten=frozenset({"vca_basis"})),
        replace(KANDIDAAT, traject_beroep="Lasser", werkervaring_sectoren=("Bouw en installatie",)),
        replace(KANDIDAAT, certificaten=frozenset({"vca_basis", "vca_vol"}), uren_per_week=40),
        KANDIDAAT,
    ]
    for plek in (PLEK, {**PLEK, "min_taalniveau": "B1", "uren_per_week": 36, "regio_id": None,
                        "beroep": "Elektricien", "vereist": ["vca_basis", "vca_vol"]}):  # fmt: skip
        score_van = scorer(**plek)
        assert [score_van(k) for k in kandidaten] == [score(k, **plek) for k in kandidaten]


# --- Language ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("niveau", "minimum", "punten", "uitleg"),
    [
        ("A2", "A2", 30, "A2, de plek vraagt minimaal A2."),
        ("B2", "A2", 30, "B2, de plek vraagt minimaal A2."),
        ("A1", "A2", 15, "A1, één niveau onder het gevraagde A2."),
        ("A0", "A2", 0, "A0, meer dan één niveau onder het gevraagde A2."),
        ("A2", "B2", 0, "A2, meer dan één niveau onder het gevraagde B2."),
        ("", "A2", 0, "Taalniveau nog niet gemeten; de plek vraagt A2."),
        ("", "", 30, "De plek vraagt geen minimaal taalniveau."),
        ("A0", "", 30, "De plek vraagt geen minimaal taalniveau."),
    ],
)
def test_language_level_against_the_minimum(niveau, minimum, punten, uitleg):
    deel = _deel("Taalniveau", replace(KANDIDAAT, taalniveau=niveau), min_taalniveau=minimum)
    assert (deel.punten, deel.uitleg) == (punten, uitleg)


# --- Hours ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kan", "vraagt", "punten", "uitleg"),
    [
        (32, 24, 20, "Beschikbaar 32 uur, de plek vraagt 24."),
        (24, 24, 20, "Beschikbaar 24 uur, de plek vraagt 24."),
        (18, 24, 10, "Beschikbaar 18 uur, iets minder dan 24."),  # exactly three quarters
        (17, 24, 0, "Beschikbaar 17 uur, de plek vraagt 24."),  # just under
        (0, 24, 0, "Beschikbaar 0 uur, de plek vraagt 24."),
    ],
)
def test_hours_available_against_the_hours_asked(kan, vraagt, punten, uitleg):
    deel = _deel("Uren per week", replace(KANDIDAAT, uren_per_week=kan), uren_per_week=vraagt)
    assert (deel.punten, deel.uitleg) == (punten, uitleg)


# --- Region -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eigen_regio", "rijbewijs", "plek_regio", "punten", "uitleg"),
    [
        (1, Rijbewijs.GEEN, 1, 20, "Woont in dezelfde arbeidsmarktregio als de locatie."),
        (1, Rijbewijs.B, 1, 20, "Woont in dezelfde arbeidsmarktregio als de locatie."),
        (1, Rijbewijs.B, 2, 10, "Woont buiten de arbeidsmarktregio, heeft een rijbewijs."),
        (1, Rijbewijs.C, 2, 10, "Woont buiten de arbeidsmarktregio, heeft een rijbewijs."),
        (1, Rijbewijs.GEEN, 2, 0, "Woont buiten de arbeidsmarktregio van de locatie, zonder rijbewijs."),
        (1, Rijbewijs.BUITENLANDS, 2, 0, "Woont buiten de arbeidsmarktregio van de locatie, zonder rijbewijs."),
        (1, "", 2, 0, "Woont buiten de arbeidsmarktregio van de locatie, zonder rijbewijs."),
        (None, Rijbewijs.GEEN, 2, 0, "Woont buiten de arbeidsmarktregio van de locatie, zonder rijbewijs."),
        (1, Rijbewijs.GEEN, None, 10, "De arbeidsmarktregio van de locatie is niet bekend."),
    ],
)
def test_travel_region_with_and_without_a_driving_licence(eigen_regio, rijbewijs, plek_regio, punten, uitleg):
    kandidaat = replace(KANDIDAAT, arbeidsmarktregio_id=eigen_regio, rijbewijs=rijbewijs)
    deel = _deel("Reisregio", kandidaat, regio_id=plek_regio)
    assert (deel.punten, deel.uitleg) == (punten, uitleg)


# --- Occupation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traject_beroep", "ervaring", "beroep", "punten", "uitleg"),
    [
        ("Monteur installatietechniek", (), "Monteur installatietechniek", 15,
         "Wordt in het traject opgeleid tot Monteur installatietechniek."),
        ("monteur INSTALLATIETECHNIEK", (), "Monteur installatietechniek", 15,
         "Wordt in het traject opgeleid tot Monteur installatietechniek."),
        ("Glaszetter", ("Installatietechniek",), "Monteur installatietechniek", 10,
         "Heeft werkervaring in een verwante sector."),
        ("Glaszetter", ("Monteur fietsen",), "Monteur installatietechniek", 10,
         "Heeft werkervaring in een verwante sector."),
        ("Glaszetter", ("Horeca", "Schoonmaak"), "Monteur installatietechniek", 0,
         "Opleiding en werkervaring wijken af van Monteur installatietechniek."),
        ("", (), "Monteur installatietechniek", 0,
         "Opleiding en werkervaring wijken af van Monteur installatietechniek."),
    ],
)  # fmt: skip
def test_occupation_trained_for_or_related_experience(traject_beroep, ervaring, beroep, punten, uitleg):
    kandidaat = replace(KANDIDAAT, traject_beroep=traject_beroep, werkervaring_sectoren=ervaring)
    deel = _deel("Beroep", kandidaat, beroep=beroep)
    assert (deel.punten, deel.uitleg) == (punten, uitleg)


def test_words_of_three_letters_or_fewer_do_not_make_experience_related():
    kandidaat = replace(KANDIDAAT, traject_beroep="", werkervaring_sectoren=("ICT en zo",))
    deel = _deel("Beroep", kandidaat, beroep="ICT en zo", sector="Overig")
    assert deel.punten == 0


# --- Certificates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heeft", "vereist", "punten", "uitleg"),
    [
        ((), [], 15, "De plek vraagt geen certificaten."),
        (("vca_basis",), ["vca_basis"], 15, "Heeft alle gevraagde certificaten."),
        (("vca_basis", "vca_vol"), ["vca_basis", "vca_vol"], 15, "Heeft alle gevraagde certificaten."),
        (("vca_basis",), ["vca_basis", "vca_vol"], 7, "Ontbreekt: VCA VOL."),
        (("vca_basis", "vca_vol"), ["vca_basis", "vca_vol", "mbo_diploma"], 10, "Ontbreekt: mbo-diploma."),
        (("praktijkverklaring",), ["vca_basis", "vca_vol"], 0, "Ontbreekt: VCA basis, VCA VOL."),
        ((), ["vca_basis"], 0, "Ontbreekt: VCA basis."),
    ],
)
def test_certificates_count_in_proportion(heeft, vereist, punten, uitleg):
    deel = _deel("Certificaten", replace(KANDIDAAT, certificaten=frozenset(heeft)), vereist=vereist)
    assert (deel.punten, deel.uitleg) == (punten, uitleg)


# --- From a real profile and place ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_score_of_a_profile_against_a_place_uses_the_profile(world):
    """The world's participant: lowest skill A1 (factory), 32 hours, no licence, the test region,
    in the trajectory for 'Monteur installatietechniek' (factory)."""
    deelname = world.deelname(tc.DeelnameStatus.OPLEIDING)
    profiel = selectors.profiel_for_werkgever(world.werkgever_user, deelname.profiel.pk)
    assert profiel.taalniveau == "A1"
    plek = LeerwerkplekFactory(
        werkgever=world.werkgever, traject=world.traject, locatie__arbeidsmarktregio=world.regio,
        min_taalniveau="A2", uren_per_week=36, vereiste_certificaten=["vca_basis"],
    )  # fmt: skip
    uitslag = selectors.match_score(profiel, plek)
    assert [o.punten for o in uitslag.onderdelen] == [15, 10, 20, 15, 0]
    assert uitslag.totaal == 60

    rows = selectors.match_overzicht(world.regisseur, world.traject)
    totals = [r.score.totaal for r in rows]
    assert totals == sorted(totals, reverse=True)
    assert {(r.profiel.id, r.plek.pk) for r in rows} == {
        (profiel.id, p.pk) for p in (world.plek, world.ander_plek, plek)
    }
