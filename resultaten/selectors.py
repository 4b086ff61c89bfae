"""The results as the wethouder and the regisseur read them (issue 14), scoped to who asks.

- The wethouder: every trajectory the gemeente takes part in (as regie, partner, one of its
  gemeenten, or home of a participant who started), in aggregates. The trajectory's total and
  outcome classes are exact (what the partners agreed to report); every figure about the
  gemeente's own residents passes through disclosure control (leerwerk.onthulling).
- The regisseur: the trajectories their organisation directs, exactly (they read these people).
A fixed number of queries however many trajectories and participants (OVERZICHT_QUERIES).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from financiering.dashboard import TrajectFinancien, financien
from leerwerk import onthulling
from leerwerk.models import Rol
from resultaten.definities import Uitkomst, Uitkomsten, procent, tel, verlopen
from signalen.constants import ACTUELE_STATUS, Ernst
from signalen.models import Signaal
from trajecten.models import Traject
from trajecten.selectors import trajecten_directed_by, trajecten_van_gemeente

# verlopen 3, money at most 17, urgent signals 1, the disclosure threshold 1.
OVERZICHT_QUERIES = 22


def trajecten_voor(user, rol: str):
    """The trajectories whose results `user` reads in `rol`."""
    if rol == Rol.WETHOUDER:
        return trajecten_van_gemeente(user)
    if rol == Rol.REGISSEUR:
        return trajecten_directed_by(user)
    return Traject.objects.none()


@dataclass
class EigenInwoners:
    """The gemeente's own residents in a trajectory, each figure as it may be shown."""

    totaal: onthulling.Getal
    per_klasse: dict[str, onthulling.Getal]
    naar_werk: onthulling.Getal

    @property
    def uitstroom_procent(self):
        return onthulling.procent(self.naar_werk, self.totaal)

    def klassen(self) -> list[tuple[str, onthulling.Getal, object]]:
        return [(Uitkomst(k).label, g, onthulling.procent(g, self.totaal)) for k, g in self.per_klasse.items()]


@dataclass
class TrajectResultaat:
    traject: Traject
    uitkomsten: Uitkomsten
    financien: TrajectFinancien
    urgente_signalen: int
    eigen: EigenInwoners | None = None  # None: no residents, or all participants are residents
    risicos: list[str] = field(default_factory=list)

    def klassen(self) -> list[tuple[str, int, object]]:
        totaal = self.uitkomsten.totaal
        return [(Uitkomst(k).label, n, procent(n, totaal)) for k, n in self.uitkomsten.per_klasse.items()]


def _eigen(uitkomsten: Uitkomsten, traject: Uitkomsten, k: int) -> EigenInwoners | None:
    """The residents' figures through disclosure control: the total, the classes and the outflow,
    each class a part of the total (and work the sum of its two classes). A class the trajectory
    shows exactly with fewer than k people hides the residents' part of it, whatever it is."""
    if not uitkomsten.totaal or uitkomsten.totaal == traject.totaal:
        return None
    tabel = onthulling.Tabel(k=k)
    tabel.cel("totaal", uitkomsten.totaal)
    for klasse, n in uitkomsten.per_klasse.items():
        tabel.cel(klasse, n, verbergen=0 < traject.per_klasse[klasse] < k)
    tabel.cel("naar_werk", uitkomsten.naar_werk)
    tabel.som("totaal", list(uitkomsten.per_klasse))
    tabel.som("naar_werk", [Uitkomst.WERK_DIRECT, Uitkomst.WERK_LATER])
    getallen = tabel.beveilig()
    return EigenInwoners(
        totaal=getallen["totaal"],
        per_klasse={k_: getallen[k_] for k_ in uitkomsten.per_klasse},
        naar_werk=getallen["naar_werk"],
    )


def overzicht(user, rol: str, *, peildatum: dt.date | None = None) -> tuple[list[TrajectResultaat], int]:
    """The results, money and risks of every trajectory `user` reads in `rol`, by name; and k."""
    peildatum = peildatum or timezone.localdate()
    trajecten = list(trajecten_voor(user, rol).select_related("regisseur").order_by("naam", "id"))
    k = onthulling.drempel()
    if not trajecten:
        return [], k
    ids = [t.pk for t in trajecten]
    alle = verlopen(ids, peildatum=peildatum)
    per_traject = tel(alle)
    eigen = tel((v for v in alle if v.gemeente_id == user.organisatie_id), lambda v: v.traject_id)
    geld = {f.traject.pk: f for f in financien(trajecten, gemeente_id=user.organisatie_id, vandaag=peildatum)}
    urgent = dict(
        Signaal.objects.filter(traject_id__in=ids, ernst=Ernst.URGENT, status__in=ACTUELE_STATUS)
        .values_list("traject_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    uit = []
    for t in trajecten:
        u = per_traject.get(t.pk) or Uitkomsten()
        r = TrajectResultaat(t, u, geld[t.pk], urgent.get(t.pk, 0))
        if rol == Rol.WETHOUDER:
            r.eigen = _eigen(eigen.get(t.pk) or Uitkomsten(), u, k)
        if t.regisseur_id is None:
            r.risicos.append(_("Er is geen regisseur aangewezen."))
        if r.financien.gat:
            r.risicos.append(_("Er is een financieringsgat."))
        uit.append(r)
    return uit, k
