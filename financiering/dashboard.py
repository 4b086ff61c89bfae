"""The money of the wethouder's dashboard (issue 13 item 11, for the results issue's screen).

For every trajectory the wethouder's gemeente takes part in: costs planned, realised and
invoiced, the funding by source, the gap, the result payments due and paid, the pre-financing
outstanding and the BUIG business case; and the gemeente's own part: its share under the cost
split, what its own sources committed, the result payments it owes and paid, and the benefit
saved on its own residents. Aggregates only; a fixed number of queries however many trajectories
(DASHBOARD_QUERIES). Small counts about a subset of people (the gemeente's own residents) are
not suppressed here: the disclosure-control layer of the results issue does that for every output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from financiering import buig, selectors
from financiering import constants as c
from financiering.models import Claimregel, Voorfinanciering
from trajecten.models import Traject
from trajecten.selectors import trajecten_van_gemeente

NUL = selectors.NUL
# At most: budgets 5, cost splits 6, business case 4, claims 1, pre-financings 1 and their ledgers 2.
DASHBOARD_QUERIES = 19


@dataclass
class BronBijdrage:
    organisatie: str
    bron: str
    soort: str
    toegezegd: Decimal = NUL
    voorgesteld: Decimal = NUL

    def get_soort_display(self) -> str:
        return c.BronSoort(self.soort).label


@dataclass
class TrajectFinancien:
    traject: Traject
    gepland: Decimal
    gerealiseerd: Decimal
    gefactureerd: Decimal
    toegezegd: Decimal
    gat: Decimal
    gestart: int
    bronnen: list[BronBijdrage]
    resultaat_open: Decimal
    resultaat_betaald: Decimal
    voorfinanciering_openstaand: Decimal
    businesscase: buig.Businesscase
    verdeling: selectors.Verdeling
    eigen_deel: selectors.Kostendeel | None = None  # the gemeente's row in the split, if any
    eigen_besparing: buig.Besparing = field(default_factory=buig.Besparing)


def financieel_overzicht(user, *, vandaag: dt.date | None = None) -> list[TrajectFinancien]:
    """The money of every trajectory the wethouder's gemeente takes part in, by name."""
    trajecten = list(trajecten_van_gemeente(user).order_by("naam", "id"))
    return financien(trajecten, gemeente_id=user.organisatie_id, vandaag=vandaag) if trajecten else []


def financien(
    trajecten, *, gemeente_id: int | None, vandaag: dt.date | None = None, k: int | None = None
) -> list[TrajectFinancien]:
    """The money of these trajectories (scoped by the caller), with `gemeente_id`'s own part."""
    begrotingen = selectors.begrotingen(trajecten)
    verdelingen = selectors.kostenverdelingen(begrotingen)
    cases = buig.besparingen(begrotingen, vandaag=vandaag, k=k)
    claims = selectors.claimsommen(
        Claimregel.objects.filter(afspraak__traject_id__in=list(begrotingen)), "afspraak__traject_id"
    )
    openstaand: dict[int, Decimal] = {}
    for boek in selectors.grootboeken(
        Voorfinanciering.objects.filter(traject_id__in=list(begrotingen)).select_related("bron__organisatie")
    ):
        t = boek.voorfinanciering.traject_id
        openstaand[t] = openstaand.get(t, NUL) + boek.openstaand
    uit = []
    for t in trajecten:
        b = begrotingen[t.pk]
        bronnen: dict[int, BronBijdrage] = {}
        for regel in b.regels:
            for d in regel.dekkingen:
                bron = d.dekking.bron
                rij = bronnen.setdefault(bron.pk, BronBijdrage(bron.organisatie.naam, bron.naam, bron.soort))
                if d.dekking.status == c.DekkingStatus.TOEGEZEGD:
                    rij.toegezegd += d.euro
                else:
                    rij.voorgesteld += d.euro
        verdeling = verdelingen[t.pk]
        case = cases[t.pk]
        # Another gemeente's residents are none of this wethouder's business: only the own part.
        eigen_besparing = case.per_gemeente.get(gemeente_id, buig.Besparing())
        case.per_gemeente = {gemeente_id: eigen_besparing} if gemeente_id in case.per_gemeente else {}
        uit.append(
            TrajectFinancien(
                traject=t, gepland=b.gepland, gerealiseerd=b.gerealiseerd, gefactureerd=b.gefactureerd,
                toegezegd=b.toegezegd, gat=b.gat, gestart=b.gestart,
                bronnen=sorted(bronnen.values(), key=lambda r: (-r.toegezegd, r.organisatie, r.bron)),
                resultaat_open=claims.get((t.pk,), (NUL, NUL))[0],
                resultaat_betaald=claims.get((t.pk,), (NUL, NUL))[1],
                voorfinanciering_openstaand=openstaand.get(t.pk, NUL), businesscase=case, verdeling=verdeling,
                eigen_deel=next((d for d in verdeling.delen if d.organisatie_id == gemeente_id), None),
                eigen_besparing=eigen_besparing,
            )
        )  # fmt: skip
    return uit
