"""The planning helper: backwards from a target start at employers, forwards from a start.

Pure functions: the caller passes the planned phases (anything with `soort`, `start` and
`eind`, e.g. TrajectFase), the bouwvak calendar, the trajectory's bouwvak region and its
deadline rules. All date arithmetic goes through leerwerk.datums.

A phase keeps its planned length in calendar days (end minus start). Phases are taken in
FaseSoort order (werving en selectie, voortraject, opleiding, proefplaatsing, matching en
plaatsing, nazorg), not by date. Between two neighbours the rule is kept simple:
- they follow each other in the plan (the later one starts after the earlier one ends): the
  computed plan lays them back to back, without the plan's gaps: the later phase starts on
  the first working day after the earlier one ends (backwards: the earlier phase ends on the
  last working day before the later one starts);
- they overlap in the plan (e.g. the training goes on while the trial placement has begun):
  the later phase keeps its offset from the start of the earlier one, so the overlap stays.
The bouwvak and public holidays are not checked for nazorg: after outflow the participant
works under the employer's own holidays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from leerwerk.datums import (
    DAG,
    Bouwvak,
    BouwvakKalender,
    BouwvakOntbreekt,
    feestdagen,
    is_werkdag,
    termijn_einde,
    werkdag_tot,
    werkdag_vanaf,
)
from leerwerk.regios import BouwvakRegio
from trajecten.constants import UITKERING_FASES, UITKERING_START_FASES, FaseSoort

VOLGORDE = list(FaseSoort.values)
# Where participants start at employers: the target of the backwards computation.
DOELFASEN = (FaseSoort.PROEFPLAATSING, FaseSoort.MATCHING)
ZONDER_CONTROLE = (FaseSoort.NAZORG,)


def _d(dag: dt.date) -> str:
    return f"{dag:%d-%m-%Y}"


def regio_naam(regio: str) -> str:
    return str(BouwvakRegio(regio).label) if regio in BouwvakRegio.values else regio


@dataclass
class FaseRij:
    soort: str
    start: dt.date
    eind: dt.date
    gepland_start: dt.date
    gepland_eind: dt.date
    is_doel: bool = False
    bouwvak: list[Bouwvak] = field(default_factory=list)
    feestdagen: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return str(FaseSoort(self.soort).label)

    @property
    def dagen(self) -> int:
        """The planned length in calendar days, first and last day included."""
        return (self.gepland_eind - self.gepland_start).days + 1

    @property
    def verschoven(self) -> int:
        """How many days the computed start lies after (positive) or before the planned one."""
        return (self.start - self.gepland_start).days


@dataclass(frozen=True)
class Conflict:
    soort: str  # bouwvak, feestdag, traject_uitkering, proefplaatsing_uitkering, te_laat
    tekst: str
    fase: str = ""


@dataclass
class Planning:
    rijen: list[FaseRij] = field(default_factory=list)
    conflicten: list[Conflict] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)  # what could not be checked, and why

    def melding(self, tekst: str):
        if tekst not in self.meldingen:
            self.meldingen.append(tekst)


def _op_volgorde(fases: Iterable) -> list:
    return sorted(fases, key=lambda f: VOLGORDE.index(f.soort))


def _duur(fase) -> dt.timedelta:
    return fase.eind - fase.start


def ontbreekt_tekst(regio: str, jaar: int) -> str:
    return (
        f"De bouwvak van regio {regio_naam(regio)} in {jaar} is nog niet ingevoerd: de planningshulp "
        f"controleert die periode niet. Vraag de beheerder de data van Bouwend Nederland in te voeren."
    )


def _bouwvak_in(kalender: BouwvakKalender, regio: str, start: dt.date, eind: dt.date, planning: Planning):
    """The bouwvak periods of `regio` overlapping start..eind; a missing year becomes a message."""
    ontbrekend: set[int] = set()
    result = kalender.overlappend(regio, start, eind, ontbrekend=ontbrekend)
    for jaar in sorted(ontbrekend):
        planning.melding(ontbreekt_tekst(regio, jaar))
    return result


def _controleer(
    planning: Planning,
    kalender,
    regio: str,
    termijnregels=None,
    vandaag: dt.date | None = None,
):
    """Fill in the bouwvak and holidays of every row and list the conflicts. A suggested
    start before `vandaag` is left out."""
    if not regio:
        planning.melding(
            "De bouwvakregio van dit traject is onbekend: vul de provincie van de deelnemende gemeente in. "
            "De planningshulp controleert de bouwvak niet."
        )
    for rij in planning.rijen:
        if rij.soort in ZONDER_CONTROLE:
            continue
        periode = f"{rij.naam} ({_d(rij.start)} t/m {_d(rij.eind)})"
        if regio:
            rij.bouwvak = _bouwvak_in(kalender, regio, rij.start, rij.eind, planning)
        for bouwvak in rij.bouwvak:
            voor = bouwvak.laatste_start_voor(rij.eind - rij.start)
            tekst = (
                f"{periode} valt in de bouwvak van regio {regio_naam(regio)} "
                f"({_d(bouwvak.start)} t/m {_d(bouwvak.eind)}). Start op {_d(bouwvak.eerste_werkdag_na)}, "
                f"de eerste werkdag na de bouwvak"
            )
            if vandaag is None or voor >= vandaag:
                tekst += f", of uiterlijk op {_d(voor)} om vóór de bouwvak klaar te zijn"
            planning.conflicten.append(Conflict("bouwvak", tekst + ".", rij.soort))
        # Holidays on Monday to Friday: those cost a working day.
        rij.feestdagen = [(d, naam) for d, naam in feestdagen(rij.start, rij.eind) if d.weekday() < 5]
        if rij.feestdagen:
            namen = ", ".join(f"{naam} ({_d(d)})" for d, naam in rij.feestdagen)
            planning.conflicten.append(Conflict("feestdag", f"Feestdagen tijdens {periode}: {namen}.", rij.soort))
    if termijnregels is not None:
        _controleer_uitkering(planning, termijnregels)


def duur_tekst(dagen: int) -> str:
    """A number of days in weeks and days, Dutch: '1 week', '3 weken en 2 dagen', '1 dag'."""
    weken, rest = divmod(dagen, 7)
    delen = []
    if weken:
        delen.append(ngettext("%(n)d week", "%(n)d weken", weken) % {"n": weken})
    if rest or not weken:
        delen.append(ngettext("%(n)d dag", "%(n)d dagen", rest) % {"n": rest})
    return _(" en ").join(delen)


def uitkering_situatie() -> str:
    """For whom the limits on benefit hold, with the benefit types of deelnemers.constants."""
    from deelnemers.constants import UitkeringType

    niet = (UitkeringType.GEEN, UitkeringType.OVERIG)
    soorten = [str(label) for waarde, label in UitkeringType.choices if waarde not in niet]
    return _(
        "Deze termijn geldt voor deelnemers met een uitkering (%(soorten)s of een andere uitkering), "
        "niet voor deelnemers zonder uitkering."
    ) % {"soorten": ", ".join(soorten)}


def regels_herkomst(regels) -> str:
    """Whose deadline rules these are: the gemeente's own, or the national default."""
    if regels.gemeente_id is None:
        return _("Deze termijn is de landelijke standaard.")
    return _("Deze termijn is een eigen regel van %(gemeente)s, niet de landelijke standaard.") % {
        "gemeente": regels.gemeente.naam
    }


MET_LIDWOORD = {FaseSoort.VOORTRAJECT: _lazy("het voortraject"), FaseSoort.OPLEIDING: _lazy("de opleiding")}


def _controleer_uitkering(planning: Planning, regels):
    """The benefit limits: the time on benefit (trajecten.constants: from the start of the first
    voortraject or opleiding to the latest end of voortraject, opleiding and proefplaatsing, as
    the signal rule measures it) with every phase that runs past it, and the length of the
    proefplaatsing."""
    rijen = planning.rijen
    starts = [r for r in rijen if r.soort in UITKERING_START_FASES]
    if starts:
        eerste = min(starts, key=lambda r: (r.start, VOLGORDE.index(r.soort)))
        grens = termijn_einde(eerste.start, regels.traject_maanden)
        te_lang = [r for r in rijen if r.soort in UITKERING_FASES and r.eind > grens]
        if te_lang:
            zinnen = [
                _(
                    "Het traject duurt langer dan de %(maanden)d maanden die het met uitkering mag duren: vanaf "
                    "de start van %(fase)s op %(start)s loopt die termijn tot en met %(grens)s."
                )
                % {
                    "maanden": regels.traject_maanden,
                    "fase": MET_LIDWOORD[eerste.soort],
                    "start": _d(eerste.start),
                    "grens": _d(grens),
                }
            ]
            for rij in te_lang:
                zinnen.append(
                    _("%(fase)s loopt tot en met %(eind)s, %(duur)s na de grens van %(grens)s.")
                    % {
                        "fase": rij.naam,
                        "eind": _d(rij.eind),
                        "duur": duur_tekst((rij.eind - grens).days),
                        "grens": _d(grens),
                    }
                )
            zinnen += [uitkering_situatie(), regels_herkomst(regels)]
            laatste = max(te_lang, key=lambda r: (r.eind, VOLGORDE.index(r.soort)))
            planning.conflicten.append(Conflict("traject_uitkering", " ".join(zinnen), laatste.soort))
    proef = next((r for r in rijen if r.soort == FaseSoort.PROEFPLAATSING), None)
    if proef is None:
        return
    grens = termijn_einde(proef.start, regels.proefplaatsing_maanden)
    if proef.eind <= grens:
        return
    max_grens = termijn_einde(proef.start, regels.proefplaatsing_max_maanden)
    tekst = (
        f"De proefplaatsing ({_d(proef.start)} t/m {_d(proef.eind)}) duurt langer dan de "
        f"{regels.proefplaatsing_maanden} maanden met behoud van uitkering (tot en met {_d(grens)})."
    )
    if regels.proefplaatsing_max_maanden > regels.proefplaatsing_maanden:
        if proef.eind <= max_grens:
            tekst += (
                f" De klantmanager kan per deelnemer verlengen tot hoogstens "
                f"{regels.proefplaatsing_max_maanden} maanden (tot en met {_d(max_grens)})."
            )
        else:
            tekst += (
                f" Ook met verlenging door de klantmanager ({regels.proefplaatsing_max_maanden} maanden, "
                f"tot en met {_d(max_grens)}) is dat te lang."
            )
    planning.conflicten.append(Conflict("proefplaatsing_uitkering", tekst, proef.soort))


def _leg_vooruit(fases: list, eerste_start: dt.date, rijen: list[FaseRij] | None = None, doel: bool = False):
    """Lay `fases` one after another from `eerste_start` (see the module docstring)."""
    rijen = rijen if rijen is not None else []
    vorige = None
    laatste_eind = None
    for fase in fases:
        if vorige is None:
            start = eerste_start
        elif fase.start <= vorige[0].eind:  # overlaps the previous phase in the plan: keep the offset
            start = werkdag_vanaf(vorige[1].start + (fase.start - vorige[0].start))
        else:
            start = werkdag_vanaf(laatste_eind + DAG)
        rij = FaseRij(fase.soort, start, start + _duur(fase), fase.start, fase.eind, is_doel=doel and vorige is None)
        rijen.append(rij)
        laatste_eind = rij.eind if laatste_eind is None else max(laatste_eind, rij.eind)
        vorige = (fase, rij)
    return rijen


def _werkdag_melding(planning: Planning, dag: dt.date, wat: str) -> dt.date:
    if is_werkdag(dag):
        return dag
    verschoven = werkdag_vanaf(dag)
    planning.melding(f"{wat} {_d(dag)} is geen werkdag; de planningshulp rekent met {_d(verschoven)}.")
    return verschoven


def terugrekenen(
    fases: Iterable,
    doelstart: dt.date,
    kalender: BouwvakKalender,
    regio: str,
    *,
    termijnregels=None,
    vandaag: dt.date | None = None,
) -> Planning:
    """Backwards from `doelstart`, the start at employers (of the proefplaatsing, or without
    one of matching en plaatsing): for each earlier phase the latest end (the last working
    day before the next phase starts) and the latest start (that end minus the planned
    length, on a working day). Later phases follow forwards. Rows come in FaseSoort order."""
    planning = Planning()
    geordend = _op_volgorde(fases)
    doel_index = next((i for i, f in enumerate(geordend) if f.soort in DOELFASEN), None)
    if doel_index is None:
        planning.melding(
            "Plan eerst een proefplaatsing of een fase matching en plaatsing in: de planningshulp rekent "
            "terug vanaf de start bij werkgevers."
        )
        return planning
    doelstart = _werkdag_melding(planning, doelstart, "De gewenste start bij werkgevers")
    later = _leg_vooruit(geordend[doel_index:], doelstart, doel=True)
    eerder: list[FaseRij] = []
    volgende_plan, volgende = geordend[doel_index], later[0]
    for fase in reversed(geordend[:doel_index]):
        if fase.eind >= volgende_plan.start:  # overlaps the next phase in the plan: keep the offset
            start = werkdag_tot(volgende.start - (volgende_plan.start - fase.start))
            eind = start + _duur(fase)
        else:
            eind = werkdag_tot(volgende.start - DAG)
            start = werkdag_tot(eind - _duur(fase))
        rij = FaseRij(fase.soort, start, eind, fase.start, fase.eind)
        eerder.insert(0, rij)
        volgende_plan, volgende = fase, rij
    planning.rijen = eerder + later
    eerste = planning.rijen[0]
    if vandaag is not None and eerste.start < vandaag:
        tekst = f"{eerste.naam} had uiterlijk op {_d(eerste.start)} moeten beginnen; die dag is al voorbij."
        planning.conflicten.append(Conflict("te_laat", tekst, eerste.soort))
    _controleer(planning, kalender, regio, termijnregels, vandaag)
    return planning


def projecteren(
    fases: Iterable,
    start: dt.date,
    kalender: BouwvakKalender,
    regio: str,
    termijnregels,
    *,
    vandaag=None,
) -> Planning:
    """Forwards from `start`, the start of the first phase: the phases one after another with
    their planned lengths, and the conflicts with the bouwvak, public holidays and the
    benefit limits of `termijnregels`."""
    planning = Planning()
    geordend = _op_volgorde(fases)
    if not geordend:
        planning.melding("Er zijn nog geen fasen gepland: plan eerst de fasen van het traject in.")
        return planning
    start = _werkdag_melding(planning, start, "De start")
    planning.rijen = _leg_vooruit(geordend, start)
    _controleer(planning, kalender, regio, termijnregels, vandaag)
    return planning


@dataclass(frozen=True)
class Standaard:
    datum: dt.date | None
    uitleg: str


def standaard_doelstart(kalender: BouwvakKalender, regio: str, vandaag: dt.date) -> Standaard:
    """Right after the next bouwvak of the region, when it is known."""
    if not regio:
        return Standaard(None, "De bouwvakregio van dit traject is onbekend; kies zelf een start bij werkgevers.")
    try:
        bouwvak = kalender.eerstvolgende(regio, vandaag)
    except BouwvakOntbreekt as exc:
        return Standaard(None, ontbreekt_tekst(exc.regio, exc.jaar))
    return Standaard(
        bouwvak.eerste_werkdag_na,
        f"de eerste werkdag na de bouwvak van regio {regio_naam(regio)} ({_d(bouwvak.start)} t/m {_d(bouwvak.eind)})",
    )


def standaard_start(fases: Iterable, vandaag: dt.date) -> Standaard:
    """The planned start of the first phase; without phases, today."""
    geordend = _op_volgorde(fases)
    if geordend:
        return Standaard(geordend[0].start, "de geplande start van de eerste fase")
    return Standaard(vandaag, "vandaag")


def planningshulp(traject, *, doelstart: dt.date | None, start: dt.date | None, vandaag: dt.date) -> dict:
    """What the planning helper shows for `traject`: both computations, each from the date
    asked for or its default, with the trajectory's bouwvak region and the regie's deadline
    rules (trajectory level, as the signal rules use them)."""
    from signalen.selectors import termijnregels_voor
    from trajecten.selectors import bouwvak_regio_per_traject

    fases = list(traject.fases.all())
    regio = bouwvak_regio_per_traject([traject.pk]).get(traject.pk, "")
    kalender = BouwvakKalender()
    regels = termijnregels_voor(traject.regie_organisatie_id)

    doel_standaard = None if doelstart else standaard_doelstart(kalender, regio, vandaag)
    if doel_standaard is not None:
        doelstart = doel_standaard.datum
    terug = None
    if doelstart is not None:
        terug = terugrekenen(fases, doelstart, kalender, regio, termijnregels=regels, vandaag=vandaag)

    start_standaard = None if start else standaard_start(fases, vandaag)
    if start_standaard is not None:
        start = start_standaard.datum
    vooruit = projecteren(fases, start, kalender, regio, regels, vandaag=vandaag)
    return {
        "regio": regio_naam(regio) if regio else "",
        "regels": regels,
        "heeft_fases": bool(fases),
        "doelstart": doelstart,
        "doel_standaard": doel_standaard,
        "terug": terug,
        "start": start,
        "start_standaard": start_standaard,
        "vooruit": vooruit,
    }
