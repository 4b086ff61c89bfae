"""The national default script (draaiboek) of a trajectory: who does what in which phase.

It follows the national guide's table of phases and roles (../shared/domain.md):

| fase                     | rollen                                                 |
|--------------------------|--------------------------------------------------------|
| werving en selectie      | intermediair, werkgever, expertisepartner, verbinder   |
| voortraject              | (taal)opleider, werkgever, regisseur, expertisepartner |
| opleiding (leren-werken) | opleider, werkgever, regisseur                         |
| proefplaatsing           | werkgever, jobcoach                                    |
| matching en plaatsing    | intermediair, verbinder, werkgever                     |
| nazorg                   | jobcoach, werkgever (mentor), klantmanager             |

plus the regie's own meetings (kick-off, evaluations) and the taalopleider's and jobcoach's
support that runs alongside. A trajectory gets the tasks of the phases it plans; each task's
due date is `dagen` days from its phase's start or end. The regisseur adapts the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from regie.constants import Ankerpunt as A
from regie.constants import Eigenaarrol as R
from trajecten.constants import FaseSoort as F


@dataclass(frozen=True)
class Sjabloontaak:
    sleutel: str
    fase: str
    rol: str
    omschrijving: str
    ankerpunt: str = A.START
    dagen: int = 0


T = Sjabloontaak
LANDELIJK: tuple[Sjabloontaak, ...] = (
    # Werving en selectie
    T("ws-kickoff", F.WERVING, R.REGISSEUR,
        "Kick-off met alle partners over wederzijdse verwachtingen houden", A.START, -14),
    T("ws-werven", F.WERVING, R.INTERMEDIAIR, "Kandidaten werven en voorselecteren op het instroomprofiel"),
    T("ws-plekken", F.WERVING, R.WERKGEVER,
        "Leerwerkplekken, functie-eisen en taken (jobcarving) aanleveren", A.START, -7),
    T("ws-voorlichting", F.WERVING, R.EXPERTISEPARTNER,
        "Voorlichting voor kandidaten geven over beroep, duur en uren", A.START, 14),
    T("ws-verbinden", F.WERVING, R.VERBINDER,
        "Kandidaten en werkgevers met elkaar in contact brengen", A.START, 21),
    T("ws-selectie", F.WERVING, R.KLANTMANAGER,
        "Kandidaten voordragen en uitkering en inburgering afstemmen", A.EIND, -14),
    # Voortraject
    T("vt-programma", F.VOORTRAJECT, R.TAALOPLEIDER,
        "Programma voor taal en vaktaal vaststellen", A.START, -14),
    T("vt-opleider", F.VOORTRAJECT, R.OPLEIDER,
        "Lesrooster en praktijkdagen van het voortraject plannen", A.START, -14),
    T("vt-kennismaking", F.VOORTRAJECT, R.WERKGEVER,
        "Bedrijfsbezoek of kennismaking voor de deelnemers organiseren", A.START, 14),
    T("vt-cultuur", F.VOORTRAJECT, R.EXPERTISEPARTNER,
        "Training werknemersvaardigheden en werkcultuur geven", A.START, 7),
    T("vt-voortgang", F.VOORTRAJECT, R.REGISSEUR,
        "Voortgang van het voortraject met alle partners bespreken", A.EIND, -7),
    # Opleiding (leer- en werkcomponent)
    T("op-rooster", F.OPLEIDING, R.OPLEIDER,
        "Lesrooster, examens en certificaten plannen (buiten de bouwvak)", A.START, -21),
    T("op-mentor", F.OPLEIDING, R.WERKGEVER,
        "Leerwerkplek en mentor (buddy) regelen, mentor voorbereiden", A.START, -7),
    T("op-taal", F.OPLEIDING, R.TAALOPLEIDER,
        "Extra taalondersteuning naast de opleiding inplannen", A.START, 0),
    T("op-tussenevaluatie", F.OPLEIDING, R.REGISSEUR,
        "Tussenevaluatie met alle partners houden", A.START, 90),
    T("op-begeleiding", F.OPLEIDING, R.JOBCOACH,
        "Begeleiding op de werkplek afspreken met werkgever en mentor", A.START, 14),
    # Proefplaatsing
    T("pp-afspraken", F.PROEFPLAATSING, R.WERKGEVER,
        "Afspraken over de proefplaatsing vastleggen", A.START, -7),
    T("pp-coach", F.PROEFPLAATSING, R.JOBCOACH, "Proefplaatsing begeleiden en evalueren", A.EIND, -7),
    # Matching en plaatsing
    T("mp-gesprekken", F.MATCHING, R.INTERMEDIAIR,
        "Matchgesprekken tussen deelnemers en werkgevers organiseren", A.START, 0),
    T("mp-verbinden", F.MATCHING, R.VERBINDER,
        "Deelnemers zonder match aan andere werkgevers voorstellen", A.START, 21),
    T("mp-contract", F.MATCHING, R.WERKGEVER,
        "Arbeidsovereenkomst aanbieden of besluit doorgeven", A.EIND, -7),
    # Nazorg
    T("nz-contacten", F.NAZORG, R.JOBCOACH,
        "Nazorg: minstens twee contacten in de eerste zes maanden", A.START, 60),
    T("nz-mentor", F.NAZORG, R.WERKGEVER,
        "Mentor blijft aanspreekpunt; knelpunten melden aan de jobcoach", A.START, 30),
    T("nz-uitkering", F.NAZORG, R.KLANTMANAGER, "Uitkering beëindigen of aanpassen bij werk", A.START, 14),
    T("nz-eindevaluatie", F.NAZORG, R.REGISSEUR, "Eindevaluatie met alle partners houden", A.EIND, 0),
)  # fmt: skip


def voor_fases(fases) -> list[Sjabloontaak]:
    """The template's tasks of the phases a trajectory plans (`fases`: their soorten)."""
    gepland = set(fases)
    return [t for t in LANDELIJK if t.fase in gepland]
