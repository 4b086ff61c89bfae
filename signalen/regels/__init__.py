"""The rules that find deadlines needing attention. Each rule is a function (ctx) -> Bevindingen.

A rule reads set-based: a handful of queries for all trajectories in scope, never one per
participant. It yields a Bevinding per signal it wants to exist today; signalen.scan turns
those into Signaal rows (create, update, close).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from leerwerk.datums import BouwvakKalender
from leerwerk.models import Rol
from signalen import constants as c


@dataclass(frozen=True)
class Bevinding:
    regel: str
    object_type: str
    object_id: str
    deadline: dt.date
    ernst: str
    bericht: str
    rol: str
    link: str = ""
    traject_id: int | None = None
    deelname_id: int | None = None
    verantwoordelijke_id: int | None = None
    organisatie_id: int | None = None
    suggestie: dt.date | None = None
    suggestie_toelichting: str = ""

    @property
    def sleutel(self) -> tuple:
        return (self.regel, self.object_type, str(self.object_id), self.deadline)


def voor_regie(*, regisseur_id: int | None, regie_id: int, **velden) -> Bevinding:
    """A finding for the trajectory's regisseur; without one, for every regisseur of the
    organisation that directs it."""
    return Bevinding(rol=Rol.REGISSEUR, verantwoordelijke_id=regisseur_id, organisatie_id=regie_id, **velden)


def voor_klantmanager(*, klantmanager_id: int | None, gemeente_id: int, deelnemer_id: int, **velden) -> Bevinding:
    """A finding for the participant's klantmanager (benefit matters); without one, for every
    klantmanager of the participant's gemeente. Acting happens on the candidate's page."""
    return Bevinding(
        rol=Rol.KLANTMANAGER,
        verantwoordelijke_id=klantmanager_id,
        organisatie_id=gemeente_id,
        link=reverse("deelnemers:kandidaat", args=[deelnemer_id]),
        **velden,
    )


class Termijnen:
    """The Termijnregels of every gemeente, loaded once; `voor(gemeente_id)` falls back to the national row.

    Which gemeente: for a participant's limits (benefit, waiting time, aftercare, reminders) the
    participant's own gemeente; for the trajectory's planning (phases, bouwvak) the regie
    organisation (a gemeente with its own rules, else the national default). One gemeente
    alone: signalen.selectors.termijnregels_voor (one query).
    """

    def __init__(self):
        from signalen.models import Termijnregels

        rows = list(Termijnregels.objects.all())
        self._per_gemeente = {r.gemeente_id: r for r in rows if r.gemeente_id}
        self.standaard = next((r for r in rows if r.gemeente_id is None), None) or Termijnregels()

    def voor(self, gemeente_id: int | None):
        return self._per_gemeente.get(gemeente_id, self.standaard)


class ScanContext:
    def __init__(self, *, vandaag: dt.date, traject_ids: Iterable[int] | None = None):
        self.vandaag = vandaag
        self.traject_ids = frozenset(traject_ids) if traject_ids is not None else None
        self.kalender = BouwvakKalender()
        self.termijnen = Termijnen()

    @property
    def volledig(self) -> bool:
        """A scan of everything (the nightly one), not of some trajectories after a change."""
        return self.traject_ids is None

    def in_scope(self, traject_veld: str = "traject") -> Q:
        """A filter on the trajectories in scope, for a queryset whose trajectory is `traject_veld`."""
        return Q() if self.traject_ids is None else Q(**{f"{traject_veld}__in": self.traject_ids})

    def ernst(self, deadline: dt.date, termijnregels) -> str | None:
        """The severity of a deadline today under the reminder lead times of `termijnregels`:
        none before the longest lead time, 'let op' within it, urgent within the shortest one
        and after the deadline has passed."""
        dagen = (deadline - self.vandaag).days
        if dagen <= min(termijnregels.herinnering_dagen):
            return c.Ernst.URGENT
        if dagen <= max(termijnregels.herinnering_dagen):
            return c.Ernst.WAARSCHUWING
        return None


Regelfunctie = Callable[[ScanContext], Iterable[Bevinding]]


def alle_regels() -> list[Regelfunctie]:
    """Every rule, in the order they run. The bouwvak_ontbreekt rule runs last: it reports
    the region-years the other rules asked for and did not find."""
    from begeleiding import regels as begeleiding
    from regie import regels as regie
    from signalen.regels import (
        bouwvak,
        certificaten,
        mentor,
        nazorg,
        ontbrekend,
        proefplaatsing,
        toestemming,
        trajectduur,
        vervolgacties,
        wachttijd,
    )

    return [
        proefplaatsing.proefplaatsing_termijn,
        trajectduur.trajectduur,
        bouwvak.bouwvak_start,
        bouwvak.bouwvak_fase,
        bouwvak.winterstart,
        wachttijd.wachttijd,
        nazorg.nazorg,
        certificaten.certificaat,
        certificaten.toezegging,
        vervolgacties.vervolgactie,
        toestemming.toestemming_einde,
        regie.kickoff,
        regie.notulen,
        regie.draaiboektaak,
        regie.ondertekening,
        mentor.mentor_voorbereiding,
        begeleiding.behoudcheck,
        begeleiding.werkgeversvraag,
        ontbrekend.bouwvak_ontbreekt,
    ]
