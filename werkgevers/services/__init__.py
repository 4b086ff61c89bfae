"""Writes of the werkgevers app, one module per concern, re-exported here.

- werkgevers_en_plekken: employer details, locations, mentors, work places;
- matching: anonymised profiles, interest, match proposals and answers, events;
- plaatsingen: placements and the placement guard trajecten uses;
- mentoren: a mentor's or buddy's preparation (issue 16).
"""

from werkgevers.services.matching import (
    bijeenkomst_save,
    match_answer,
    match_interest,
    match_propose,
    match_propose_refusal,
    profiel_approve,
    profiel_concept_save,
    profiel_ensure,
)
from werkgevers.services.mentoren import mentorvoorbereiding_vastleggen, mentorvoorbereiding_verwijderen
from werkgevers.services.plaatsingen import (
    deelname_bij_plaatsing,
    deelnames_bij_plaatsingen,
    plaatsing_change,
    plaatsing_confirm,
    plaatsing_decline,
    plaatsing_end,
    plaatsing_propose,
    plaatsing_propose_refusal,
    plaatsing_start,
    placement_guard,
)
from werkgevers.services.werkgevers_en_plekken import (
    begeleider_save,
    leerwerkplek_save,
    locatie_save,
    toezegging_bevestigen,
    werkgever_create,
    werkgever_update,
)

__all__ = [
    "begeleider_save",
    "bijeenkomst_save",
    "deelname_bij_plaatsing",
    "deelnames_bij_plaatsingen",
    "leerwerkplek_save",
    "locatie_save",
    "match_answer",
    "match_interest",
    "match_propose",
    "match_propose_refusal",
    "mentorvoorbereiding_vastleggen",
    "mentorvoorbereiding_verwijderen",
    "placement_guard",
    "plaatsing_change",
    "plaatsing_confirm",
    "plaatsing_decline",
    "plaatsing_end",
    "plaatsing_propose",
    "plaatsing_propose_refusal",
    "plaatsing_start",
    "profiel_approve",
    "profiel_concept_save",
    "profiel_ensure",
    "toezegging_bevestigen",
    "werkgever_create",
    "werkgever_update",
]
