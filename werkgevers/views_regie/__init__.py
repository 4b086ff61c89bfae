"""The regisseur's employer and matching pages (and the profile text page of the klantmanager
and the regisseur), under /matching/. One module per concern, re-exported here."""

from werkgevers.views_regie.matching import (
    bijeenkomst_nieuw,
    bijeenkomst_wijzigen,
    traject,
    traject_bijeenkomsten,
    traject_matches,
    traject_open_plekken,
    traject_plaatsingen,
    traject_plek,
    voorstellen,
)
from werkgevers.views_regie.plaatsingen import (
    plaatsing_beeindigen,
    plaatsing_nieuw,
    plaatsing_omzetten,
    plaatsing_starten,
    plaatsing_wijzigen,
)
from werkgevers.views_regie.profielen import profiel, profiel_concept, profiel_goedkeuren
from werkgevers.views_regie.werkgevers import (
    begeleider,
    locatie,
    overzicht,
    plek_document,
    plek_nieuw,
    plek_wijzigen,
    werkgever,
    werkgever_nieuw,
    werkgever_wijzigen,
)

__all__ = [
    "begeleider",
    "bijeenkomst_nieuw",
    "bijeenkomst_wijzigen",
    "locatie",
    "overzicht",
    "plaatsing_beeindigen",
    "plaatsing_nieuw",
    "plaatsing_omzetten",
    "plaatsing_starten",
    "plaatsing_wijzigen",
    "plek_document",
    "plek_nieuw",
    "plek_wijzigen",
    "profiel",
    "profiel_concept",
    "profiel_goedkeuren",
    "traject",
    "traject_bijeenkomsten",
    "traject_matches",
    "traject_plaatsingen",
    "traject_open_plekken",
    "traject_plek",
    "voorstellen",
    "werkgever",
    "werkgever_nieuw",
    "werkgever_wijzigen",
]
