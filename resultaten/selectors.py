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
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from financiering import buig
from financiering.constants import Verdeelsleutel
from financiering.dashboard import TrajectFinancien, financien
from financiering.models import Claimregel
from financiering.selectors import euro
from leerwerk import onthulling
from leerwerk.models import Rol
from resultaten import grafiek
from resultaten.definities import (
    NAAR_WERK,
    UITLEG,
    Uitkomst,
    Uitkomsten,
    Verloop,
    antwoordtijden,
    procent,
    tel,
    verlopen,
)
from resultaten.filters import ResultatenFilter, in_scope
from resultaten.models import Raadsrapportage
from signalen.constants import ACTUELE_STATUS, Ernst, Regel
from signalen.models import Signaal
from trajecten.constants import UitvalReden
from trajecten.models import Traject
from trajecten.selectors import deelnames_visible_to, trajecten_directed_by, trajecten_van_gemeente
from werkgevers.constants import PlaatsingStatus
from werkgevers.models import Plaatsing

# The trajectories 1, the disclosure threshold 1, verlopen 4, money at most 18 (given k), urgent
# signals 1, benefit-term signals 1, placements awaiting their employer 1, claims per agreement 1,
# where the wethouder's gemeente takes part 1, the savings on the quarter's last day 3 (k known),
# the answer times of employers' questions 1.
OVERZICHT_QUERIES = 33
TERMIJN_REGELS = (Regel.PROEFPLAATSING_TERMIJN, Regel.TRAJECTDUUR)


def rapport(user, rol: str, data, peildatum: dt.date | None = None) -> dict:
    """Everything one output of the results shows (the page's section, the exports, the council
    PDF): the filter on the trajectories `user` reads in `rol`, the results of those it chooses,
    their comparison, the definitions, k and its footnote, the reference date."""
    peildatum = peildatum or timezone.localdate()
    keuze = ResultatenFilter(data, trajecten=in_scope(trajecten_voor(user, rol)))
    alle, k = overzicht(user, rol, trajecten=keuze.gekozen(), peildatum=peildatum)
    rijen = [r for r in alle if not r.elders]
    return {
        "elders": [r for r in alle if r.elders],
        "rol": rol,
        "organisatie": user.organisatie,
        "peildatum": peildatum,
        "keuze": keuze,
        "rijen": rijen,
        "k": k,
        "voetnoot": onthulling.voetnoot(k),
        "uitleg": UITLEG,
        "vergelijking": vergelijking(rijen),
    }


def trajecten_voor(user, rol: str):
    """The trajectories whose results `user` reads in `rol`."""
    if rol == Rol.WETHOUDER:
        return trajecten_van_gemeente(user)
    if rol == Rol.REGISSEUR:
        return trajecten_directed_by(user)
    return Traject.objects.none()


@dataclass
class EigenInwoners:
    """The gemeente's own residents in a trajectory, each figure as it may be shown. A small group
    shows its size only ("< k"), no breakdown: with the zeros beside it, one class would tell what
    each of them did."""

    totaal: onthulling.Getal
    per_klasse: dict[str, onthulling.Getal]
    naar_werk: onthulling.Getal | None

    @property
    def uitstroom_procent(self):
        return onthulling.procent(self.naar_werk, self.totaal) if self.naar_werk else None

    def klassen(self) -> list[tuple[str, onthulling.Getal, object]]:
        return [(Uitkomst(k).label, g, onthulling.procent(g, self.totaal)) for k, g in self.per_klasse.items()]


@dataclass
class Duurzaam:
    """Durable work after some months: how many of those who worked long enough to tell, and how
    many of those were measured with a recorded retention check (the rest: inferred from the
    placements, resultaten.definities)."""

    duurzaam: onthulling.Getal
    gemeten: onthulling.Getal
    gecheckt: onthulling.Getal = field(default_factory=lambda: onthulling.Getal(0))

    @property
    def herkomst(self) -> str:
        """Where the figure comes from, for a sentence ("" when nothing is shown)."""
        gemeten, gecheckt = self.gemeten, self.gecheckt
        if not gemeten.getoond or not gemeten.waarde:
            return ""
        if not gecheckt.getoond:  # hidden: both parts are at least 1 (the measured are k or more)
            return _("deels gemeten met een check, deels afgeleid uit de plaatsingen; hoeveel van elk is te weinig "
                     "om te tonen")  # fmt: skip
        if gecheckt.waarde == 0:
            return _("afgeleid uit de plaatsingen: geen check vastgelegd")
        if gecheckt.waarde == gemeten.waarde:
            return _("allemaal gemeten met een check")
        return _("%(x)s van de %(y)s gemeten met een check; de rest afgeleid uit de plaatsingen") % {
            "x": gecheckt.waarde,
            "y": gemeten.waarde,
        }


@dataclass
class Besparingen:
    """Benefit saved (BUIG), as the wethouder may read it: on a fixed date (the end of the last
    full quarter, so that two days do not differ by one person), rounded to whole amounts of
    onthulling.bedrag_grof, and only from k participants off bijstand (None below)."""

    peildatum: dt.date
    gerealiseerd: Decimal | None
    verwacht: Decimal | None
    eigen_gerealiseerd: Decimal | None
    eigen_verwacht: Decimal | None


def _kwartaaleinde(dag: dt.date) -> dt.date:
    """The last day of the last full quarter before `dag`."""
    begin = dt.date(dag.year, 3 * ((dag.month - 1) // 3) + 1, 1)
    return begin - dt.timedelta(days=1)


def _besparingen(case, eigen, peildatum: dt.date, k: int) -> Besparingen:
    def grof(b, genoeg):
        return onthulling.bedrag_grof(b) if genoeg else None

    traject_ok, eigen_ok = case.uit_bijstand >= k, eigen is not None and eigen.uit_bijstand >= k
    return Besparingen(
        peildatum=peildatum,
        gerealiseerd=grof(case.gerealiseerd, traject_ok),
        verwacht=grof(case.verwacht, traject_ok),
        eigen_gerealiseerd=grof(eigen.gerealiseerd, eigen_ok) if eigen else None,
        eigen_verwacht=grof(eigen.verwacht, eigen_ok) if eigen else None,
    )


@dataclass
class EigenGeld:
    """The gemeente's own part of a trajectory's money: its cost share under the split, and the
    result payments it owes as payer. None where the amount would tell how many of its residents
    started or went to work while their figures are protected (a share by started participants is
    their count; a payment per contract is the number at work)."""

    aandeel: Decimal | None
    kosten_gepland: Decimal | None
    kosten_gerealiseerd: Decimal | None
    resultaat_open: Decimal | None
    resultaat_betaald: Decimal | None

    @property
    def iets_verborgen(self) -> bool:
        return None in (self.aandeel, self.resultaat_open)


def _eigen_geld(deel, sleutel: str, eigen: EigenInwoners | None) -> EigenGeld | None:
    if deel is None:
        return None
    # The residents' figures are all shown (or there is no one else): the amounts tell nothing new.
    open_ = eigen is None or bool(eigen.per_klasse)
    kosten = open_ or sleutel != Verdeelsleutel.GESTART
    return EigenGeld(
        aandeel=deel.aandeel if kosten else None,
        kosten_gepland=deel.kosten_gepland if kosten else None,
        kosten_gerealiseerd=deel.kosten_gerealiseerd if kosten else None,
        resultaat_open=deel.resultaat_open if open_ else None,
        resultaat_betaald=deel.resultaat_betaald if open_ else None,
    )


@dataclass
class TrajectResultaat:
    traject: Traject
    uitkomsten: Uitkomsten
    financien: TrajectFinancien
    urgente_signalen_traject: int  # urgent signals about the trajectory itself
    urgente_signalen: onthulling.Getal  # participants with an urgent signal
    duurzaam_6: Duurzaam | None = None
    duurzaam_12: Duurzaam | None = None
    mediaan_selectie_start: object = None  # None: unknown, or (wethouder) fewer than k measured
    mediaan_start_werk: object = None
    mediaan_maanden_uitkering: object = None
    vragen_beantwoord: int = 0  # employers' questions answered (issue 16)
    mediaan_antwoord_uren: object = None  # None: none answered, or (wethouder) fewer than k
    besparing_tonen: bool = False
    # The wethouder's view of the savings: at the end of the last full quarter, rounded
    # (onthulling.bedrag_grof), from k participants off bijstand; the gemeente's own part alike.
    besparing: Besparingen | None = None
    eigen: EigenInwoners | None = None  # None: no residents, or all participants are residents
    redenen: dict[str, onthulling.Getal] | None = None  # drop-outs by reason; None: not broken down
    eigen_geld: EigenGeld | None = None  # the wethouder's gemeente's share of the money
    resultaat_tonen: bool = True  # False: a result's payments would count fewer than k people
    elders: bool = False  # the wethouder's gemeente is only home to participants: residents only

    @property
    def resultaat_betaald(self):
        return self.financien.resultaat_betaald if self.resultaat_tonen else None

    @property
    def resultaat_open(self):
        return self.financien.resultaat_open if self.resultaat_tonen else None

    risicos: list[str] = field(default_factory=list)

    @property
    def duurzaam(self) -> list[tuple[str, Duurzaam]]:
        return [(_("Duurzaam na 6 maanden"), self.duurzaam_6), (_("Duurzaam na 12 maanden"), self.duurzaam_12)]

    def uitval_redenen(self) -> list[tuple[str, onthulling.Getal]]:
        return [(UitvalReden(r).label, g) for r, g in (self.redenen or {}).items() if g.waarde != 0]

    def klassen(self) -> list[tuple[str, int, object, str]]:
        """(label, count, share, class) per outcome class."""
        totaal = self.uitkomsten.totaal
        return [(Uitkomst(k).label, n, procent(n, totaal), k) for k, n in self.uitkomsten.per_klasse.items()]

    def grafiek(self) -> list[grafiek.Staaf]:
        """The outcome classes as bars, each with its count and share (the table beside it)."""
        return grafiek.staven(
            [(label, n, f"{n} ({pct}%)" if pct is not None else str(n)) for label, n, pct, _k in self.klassen()],
            maximum=self.uitkomsten.totaal,
        )


@dataclass
class Vergelijking:
    """The chosen trajectories side by side: per figure a value per trajectory and their total.
    Exact figures of whole trajectories and money only (the residents' protected figures stay
    with each trajectory: a sum over trajectories would need its own protection)."""

    trajecten: list[Traject]
    rijen: list[tuple[str, str, list, object]]  # label, kind (aantal, procent, euro, dagen), values, total
    grafiek: list[grafiek.Staaf]


def _uitstroom_tekst(u: Uitkomsten) -> str:
    if u.uitstroom_procent is None:
        return _("nog niemand begonnen")
    return _("%(n)s van %(van)s (%(pct)s%%)") % {"n": u.naar_werk, "van": u.totaal, "pct": u.uitstroom_procent}


def vergelijking(rijen: list[TrajectResultaat]) -> Vergelijking | None:
    """The comparison of two or more trajectories (None for fewer)."""
    if len(rijen) < 2:
        return None
    u = [r.uitkomsten for r in rijen]
    f = [r.financien for r in rijen]
    totaal, werk = sum(x.totaal for x in u), sum(x.naar_werk for x in u)
    kosten = sum((x.businesscase.kosten for x in f), Decimal(0))
    plaatsingen = sum(x.businesscase.naar_werk for x in f)

    def som(waarden):
        return sum(waarden, Decimal(0)) if waarden and isinstance(waarden[0], Decimal) else sum(waarden)

    uit = [
        (_("Deelnemers"), "aantal", [x.totaal for x in u], totaal),
        *[
            (Uitkomst(kl).label, "aantal", [x.per_klasse[kl] for x in u], sum(x.per_klasse[kl] for x in u))
            for kl in Uitkomst.values
        ],
        (_("Uitstroom naar werk"), "aantal", [x.naar_werk for x in u], werk),
        (_("Uitstroom naar werk (%)"), "procent", [x.uitstroom_procent for x in u], procent(werk, totaal)),
        (_("Van selectie tot start (mediaan, dagen)"), "dagen", [r.mediaan_selectie_start for r in rijen], None),
        (_("Van start tot werk (mediaan, dagen)"), "dagen", [r.mediaan_start_werk for r in rijen], None),
        (
            _("Maanden met uitkering tijdens het traject (mediaan)"),
            "maanden",
            [r.mediaan_maanden_uitkering for r in rijen],
            None,
        ),
        (
            _("Antwoord op vragen van werkgevers (mediaan, uren)"),
            "uren",
            [r.mediaan_antwoord_uren for r in rijen],
            None,
        ),
    ]
    for label, attr in ((_("Begroot"), "gepland"), (_("Gerealiseerd"), "gerealiseerd"),
                        (_("Toegezegd door de bronnen"), "toegezegd"), (_("Financieringsgat"), "gat")):  # fmt: skip
        waarden = [getattr(x, attr) for x in f]
        uit.append((label, "euro", waarden, som(waarden)))
    for label, attr in ((_("Resultaatbetalingen betaald"), "resultaat_betaald"),
                        (_("Resultaatbetalingen open"), "resultaat_open")):  # fmt: skip
        waarden = [getattr(r, attr) for r in rijen]  # None where they would count a few people
        uit.append((label, "euro", waarden, None if None in waarden else som(waarden)))
    uit.append((
        _("Kosten per uitstroom naar werk"), "euro", [x.businesscase.kosten_per_plaatsing for x in f],
        euro(kosten / plaatsingen) if plaatsingen else None,
    ))  # fmt: skip
    uit.append((_("Urgente signalen over het traject"), "aantal", [r.urgente_signalen_traject for r in rijen],
                sum(r.urgente_signalen_traject for r in rijen)))  # fmt: skip
    personen = [r.urgente_signalen for r in rijen]
    uit.append((_("Deelnemers met een urgent signaal"), "aantal", personen,
                sum(g.waarde for g in personen) if all(g.getoond for g in personen) else None))  # fmt: skip
    staven = grafiek.staven(
        [(r.traject.naam, x.uitstroom_procent, _uitstroom_tekst(x)) for r, x in zip(rijen, u, strict=True)], 100
    )
    return Vergelijking([r.traject for r in rijen], uit, staven)


def _eigen(eigen: Uitkomsten, traject: Uitkomsten, k: int) -> EigenInwoners | None:
    """The residents' figures through disclosure control. The trajectory's figures are exact, so
    the other participants' figures follow from them and the residents' ones: they are part of
    the table (never shown), so that a small group of others is protected too. A class the
    trajectory shows with fewer than k people hides the residents' part of it, whatever it is."""
    if not eigen.totaal or eigen.totaal == traject.totaal:
        return None
    klassen = list(Uitkomst.values)
    werk = [Uitkomst.WERK_DIRECT, Uitkomst.WERK_LATER]
    tabel = onthulling.Tabel(k=k)
    for deel, u in (("eigen", eigen), ("andere", None)):
        waarde = (lambda kl, u=u: u.per_klasse[kl]) if u else (lambda kl: traject.per_klasse[kl] - eigen.per_klasse[kl])
        for kl in klassen:
            tabel.cel((deel, kl), waarde(kl), verbergen=deel == "eigen" and 0 < traject.per_klasse[kl] < k)
        klein = deel == "eigen"  # the residents' part of a small exact figure: hidden, whatever it is
        tabel.cel((deel, "totaal"), sum(waarde(kl) for kl in klassen), verbergen=klein and 0 < traject.totaal < k)
        tabel.cel((deel, "naar_werk"), sum(waarde(kl) for kl in werk), verbergen=klein and 0 < traject.naar_werk < k)
        tabel.som((deel, "totaal"), [(deel, kl) for kl in klassen])
        tabel.som((deel, "naar_werk"), [(deel, kl) for kl in werk])
    for kl in [*klassen, "totaal", "naar_werk"]:
        n = traject.totaal if kl == "totaal" else traject.naar_werk if kl == "naar_werk" else traject.per_klasse[kl]
        tabel.cel(("traject", kl), n, vast=True)
        tabel.som(("traject", kl), [("eigen", kl), ("andere", kl)])
    getallen = tabel.beveilig()
    totaal = getallen[("eigen", "totaal")]
    # All or nothing: a breakdown with any figure hidden in it lets the bounds speak ('< k' is at
    # most k-1, a part is at most the trajectory's exact figure, the sums tie them together), so
    # the residents' classes show only when none of them, nor anyone else's, needs hiding.
    eigen_cellen = [("eigen", kl) for kl in [*klassen, "naar_werk", "totaal"]]
    if any(not g.getoond for sleutel, g in getallen.items() if sleutel in eigen_cellen or sleutel[0] == "andere"):
        return EigenInwoners(totaal=totaal, per_klasse={}, naar_werk=None)
    return EigenInwoners(
        totaal=totaal,
        per_klasse={kl: getallen[("eigen", kl)] for kl in klassen},
        naar_werk=getallen[("eigen", "naar_werk")],
    )


def _eigen_elders(eigen: Uitkomsten, k: int) -> EigenInwoners:
    """The residents in a trajectory the gemeente does not take part in: nothing of the trajectory
    is shown, so their figures stand alone: their number ("< k" from 1 to k-1) and their classes
    all or nothing."""
    klassen = onthulling.uitsplitsing(dict(eigen.per_klasse), k) if eigen.totaal >= k else None
    return EigenInwoners(
        totaal=onthulling.aantal(eigen.totaal, k),
        per_klasse=klassen or {},
        naar_werk=onthulling.Getal(eigen.naar_werk, "", k) if klassen else None,
    )


def _duurzaam(duurzaam: int, gemeten: int, k: int | None, *, gecheckt: int = 0) -> Duurzaam:
    """Durable work as the reader may see it: exact for the regisseur (k None), else through
    disclosure control (the durable and the not durable add up to those measured; so do the
    checked and the inferred)."""
    if k is None:
        return Duurzaam(onthulling.Getal(duurzaam), onthulling.Getal(gemeten), onthulling.Getal(gecheckt))
    if 0 < gemeten < k:  # "0 of < 5" would say that every one of them lost their job
        verborgen = onthulling.Getal(None, onthulling.KLEIN, k)
        return Duurzaam(verborgen, verborgen, verborgen)
    tabel = onthulling.Tabel(k=k)
    tabel.cel("duurzaam", duurzaam)
    tabel.cel("niet", gemeten - duurzaam)
    tabel.cel("gemeten", gemeten)
    tabel.som("gemeten", ["duurzaam", "niet"])
    tabel.cel("gecheckt", gecheckt)
    tabel.cel("afgeleid", gemeten - gecheckt)
    tabel.som("gemeten", ["gecheckt", "afgeleid"])
    getallen = tabel.beveilig()
    return Duurzaam(getallen["duurzaam"], getallen["gemeten"], getallen["gecheckt"])


def overzicht(
    user, rol: str, *, peildatum: dt.date | None = None, trajecten: list[Traject] | None = None
) -> tuple[list[TrajectResultaat], int]:
    """The results, money and risks of every trajectory `user` reads in `rol` (or of `trajecten`,
    chosen from those by the caller), by name; and k."""
    peildatum = peildatum or timezone.localdate()
    if trajecten is None:
        trajecten = list(
            trajecten_voor(user, rol).select_related("regisseur", "regie_organisatie").order_by("naam", "id")
        )
    k = onthulling.drempel()
    if not trajecten:
        return [], k
    ids = [t.pk for t in trajecten]
    alle = verlopen(ids, peildatum=peildatum)
    per_traject = tel(alle)
    antwoord = antwoordtijden(ids)
    wethouder = rol == Rol.WETHOUDER
    # The gemeente's own residents: only the wethouder reads them apart.
    eigen = tel((v for v in alle if v.gemeente_id == user.organisatie_id), lambda v: v.traject_id) if wethouder else {}
    geld = {f.traject.pk: f for f in financien(trajecten, gemeente_id=user.organisatie_id, vandaag=peildatum, k=k)}
    # Urgent signals: those about the trajectory itself, and the participants with one (a count
    # about people: through disclosure control for the wethouder).
    urgent = {
        rij["traject_id"]: (rij["traject"], rij["personen"])
        for rij in Signaal.objects.filter(traject_id__in=ids, ernst=Ernst.URGENT, status__in=ACTUELE_STATUS)
        .values("traject_id")
        .annotate(traject=Count("id", filter=Q(deelname_id__isnull=True)), personen=Count("deelname_id", distinct=True))
        .order_by()
    }
    # Result payments are paid per participant and result: an amount over the rate is a count
    # about people (those still at work after six months, with a certificate): per agreement.
    claims_per_afspraak: dict[int, list[int]] = {}
    for traject_id, n in (
        Claimregel.objects.filter(afspraak__traject_id__in=ids)
        .values_list("afspraak__traject_id", "afspraak_id")
        .annotate(n=Count("deelname_id", distinct=True))
        .values_list("afspraak__traject_id", "n")
        .order_by()
    ):
        claims_per_afspraak.setdefault(traject_id, []).append(n)
    # Where the wethouder's gemeente takes part (regie, partner, one of the gemeenten): there the
    # partners agreed to report the trajectory's figures; elsewhere only its residents' show.
    deelnemend = (
        set(
            Traject.objects.filter(pk__in=ids)
            .filter(
                Q(regie_organisatie_id=user.organisatie_id)
                | Q(partners__organisatie_id=user.organisatie_id)
                | Q(gemeenten=user.organisatie_id)
            )
            .values_list("pk", flat=True)
        )
        if rol == Rol.WETHOUDER
        else set(ids)
    )
    # Benefit-limit risks: participants with a current signal on the term with benefit.
    termijn = dict(
        Signaal.objects.filter(traject_id__in=ids, regel__in=TERMIJN_REGELS, status__in=ACTUELE_STATUS)
        .values_list("traject_id")
        .annotate(n=Count("deelname_id", distinct=True))
        .order_by()
    )
    # Employers who have not confirmed: a placement proposed to them waits for their answer.
    onbevestigd = dict(
        Plaatsing.objects.filter(leerwerkplek__traject_id__in=ids, status=PlaatsingStatus.VOORGESTELD)
        .values_list("leerwerkplek__traject_id")
        .annotate(n=Count("leerwerkplek__werkgever_id", distinct=True))
        .order_by()
    )
    kwartaal = _kwartaaleinde(peildatum)
    # The savings for the wethouder: on the quarter's last day (the costs do not matter here).
    op_kwartaal = (
        buig.besparingen({pk: SimpleNamespace(gerealiseerd=f.gerealiseerd) for pk, f in geld.items()},
                         vandaag=kwartaal, k=k)
        if wethouder
        else {}
    )  # fmt: skip
    uit = []
    for t in trajecten:
        u = per_traject.get(t.pk) or Uitkomsten()
        drempel = k if wethouder else None
        urgent_traject, urgent_personen = urgent.get(t.pk, (0, 0))
        r = TrajectResultaat(t, u, geld[t.pk], urgent_traject, onthulling.aantal(urgent_personen, drempel))
        r.resultaat_tonen = not wethouder or not any(0 < n < k for n in claims_per_afspraak.get(t.pk, []))
        if t.pk not in deelnemend:
            r.elders = True
            r.eigen = _eigen_elders(eigen.get(t.pk) or Uitkomsten(), k)
            uit.append(r)
            continue
        r.duurzaam_6 = _duurzaam(u.duurzaam_6, u.gemeten_6, drempel, gecheckt=u.gecheckt_6)
        r.duurzaam_12 = _duurzaam(u.duurzaam_12, u.gemeten_12, drempel, gecheckt=u.gecheckt_12)
        # A median of fewer than k people is close to one person's time.
        if not wethouder or len(u.dagen_selectie_start) >= k:
            r.mediaan_selectie_start = u.mediaan_dagen_selectie_start
        if not wethouder or len(u.dagen_start_werk) >= k:
            r.mediaan_start_werk = u.mediaan_dagen_start_werk
        if not wethouder or len(u.dagen_uitkering) >= k:
            r.mediaan_maanden_uitkering = u.mediaan_maanden_uitkering
        # Not about the participants, but a median of a few answers is close to one jobcoach's
        # answer: as the other medians. The number of questions is no count of people.
        if a := antwoord.get(t.pk):
            r.vragen_beantwoord = a.beantwoord
            if not wethouder or a.beantwoord >= k:
                r.mediaan_antwoord_uren = a.mediaan_uren
        case = r.financien.businesscase
        # Not for the wethouder yet: a day's jump in the expected savings, when one more person
        # starts work, is close to that person's benefit (differencing between two days).
        r.besparing_tonen = case.bedragen_tonen and not wethouder
        if wethouder:
            q = op_kwartaal[t.pk]
            r.besparing = _besparingen(q, q.per_gemeente.get(user.organisatie_id), kwartaal, k)
        redenen = {reden: u.per_reden.get(reden, 0) for reden in UitvalReden.values}
        r.redenen = onthulling.uitsplitsing(redenen, drempel) if u.per_klasse[Uitkomst.UITGEVALLEN] else None
        if wethouder:
            r.eigen = _eigen(eigen.get(t.pk) or Uitkomsten(), u, k)
            r.eigen_geld = _eigen_geld(r.financien.eigen_deel, r.financien.verdeling.sleutel, r.eigen)
        if t.regisseur_id is None:
            r.risicos.append(_("Er is geen regisseur aangewezen."))
        if r.financien.gat:
            r.risicos.append(_("Er is een financieringsgat."))
        if n := termijn.get(t.pk):
            # about people's benefit: through disclosure control for the wethouder
            g = onthulling.aantal(n, drempel)
            r.risicos.append(
                ngettext(
                    "De termijn met uitkering is in zicht of voorbij voor %(n)s deelnemer.",
                    "De termijn met uitkering is in zicht of voorbij voor %(n)s deelnemers.",
                    g.waarde if g.getoond else k,
                )
                % {"n": g.in_woorden()}
            )
        if n := onbevestigd.get(t.pk):
            r.risicos.append(
                ngettext(
                    "%(n)s werkgever heeft een voorgestelde plaatsing nog niet bevestigd.",
                    "%(n)s werkgevers hebben een voorgestelde plaatsing nog niet bevestigd.",
                    n,
                )
                % {"n": n}
            )
        uit.append(r)
    return uit, k


@dataclass
class Uitsplitsing:
    """The regisseur's drill-down: the participants of one trajectory in one outcome class."""

    traject: Traject
    klasse: str
    label: str
    regels: list[tuple[object, Verloop]]  # (Deelname, its result), by name
    niet_leesbaar: int  # in the class, but not to be read by this regisseur (no consent)


DRILLDOWN_KLASSEN = [*Uitkomst.values, "naar_werk"]


def uitsplitsing_kop(user, traject_pk: int, klasse: str) -> tuple[Traject, str]:
    """The drill-down's trajectory and the label of its class (404 out of scope or unknown)."""
    if klasse not in DRILLDOWN_KLASSEN:
        raise Http404
    traject = get_object_or_404(trajecten_directed_by(user), pk=traject_pk)
    return traject, str(_("Uitstroom naar werk") if klasse == "naar_werk" else Uitkomst(klasse).label)


def uitsplitsing(user, traject_pk: int, klasse: str, *, peildatum: dt.date | None = None) -> Uitsplitsing:
    """Who of a directed trajectory is in `klasse` (an outcome class, or "naar_werk"): only the
    participants the regisseur may read (trajecten.selectors.deelnames_visible_to); the others are
    counted, not named. 404 for a trajectory the organisation does not direct or a class that
    does not exist. The caller logs the read of each person shown."""
    traject, label = uitsplitsing_kop(user, traject_pk, klasse)
    klassen = set(NAAR_WERK) if klasse == "naar_werk" else {klasse}
    per_deelname = {v.deelname_id: v for v in verlopen([traject.pk], peildatum=peildatum) if v.uitkomst in klassen}
    deelnames = list(
        deelnames_visible_to(user, Rol.REGISSEUR)
        .filter(pk__in=list(per_deelname))
        .select_related("deelnemer__gemeente")
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "pk")
    )
    return Uitsplitsing(
        traject=traject,
        klasse=klasse,
        label=str(label),
        regels=[(d, per_deelname[d.pk]) for d in deelnames],
        niet_leesbaar=len(per_deelname) - len(deelnames),
    )


def rapportages_van(user, rol: str):
    """The council reports `user` asked for in `rol`, within their organisation, newest first."""
    return Raadsrapportage.objects.filter(aangevraagd_door=user, organisatie_id=user.organisatie_id, rol=rol)


def rapportage_pdf(user, rol: str, pk: int) -> Raadsrapportage:
    """One of `user`'s own council reports, ready (404 for anyone else's, or before it is made)."""
    r = get_object_or_404(rapportages_van(user, rol), pk=pk, status=Raadsrapportage.Status.KLAAR)
    if not r.pdf:
        raise Http404
    return r
