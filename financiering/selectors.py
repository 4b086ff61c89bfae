"""Reads of funding sources, budgets and the financing plan, scoped to who asks (issue 13).

- A financier reads the sources of their own organisation, and the cover asked of them.
- A regisseur reads the budget and plan of the trajectories their organisation directs, and the
  sources they may propose for one: those of the regie organisation, of the trajectory's
  partners and of its gemeenten.
Budgets hold no personal data; the claims that name participants come with the claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from financiering import constants as c
from financiering.models import Begrotingsregel, Claimregel, Dekking, Factuur, Financieringsbron, Resultaatafspraak
from leerwerk.models import OrganisatieType, Rol
from leerwerk.templatetags.geld import euro as toon
from opleiders.models import Module
from trajecten.models import Deelname, Traject, TrajectPartner
from trajecten.selectors import gestart, trajecten_directed_by

CENT = Decimal("0.01")
NUL = Decimal("0.00")


def euro(bedrag: Decimal) -> Decimal:
    """Round to whole cents, half away from zero (as a bank does)."""
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def naar_rato(bedrag: Decimal, gewichten: list) -> list[Decimal]:
    """`bedrag` split in proportion to `gewichten`, in cents that add up to `bedrag` exactly:
    each part rounded down to the cent, and the cents left over go one each to the parts that
    lost most by rounding (the largest remainder; the later part on a tie). No weight: nothing
    to split (all zero)."""
    totaal = sum((Decimal(g) for g in gewichten), Decimal(0))
    if not gewichten or not totaal:
        return [NUL for _g in gewichten]
    teken = -1 if bedrag < 0 else 1
    centen = int((abs(bedrag) / CENT).to_integral_value())
    exact = [Decimal(centen) * Decimal(g) / totaal for g in gewichten]
    delen = [int(e) for e in exact]  # rounded down (the weights are not negative)
    over = centen - sum(delen)
    volgorde = sorted(range(len(exact)), key=lambda i: (exact[i] - delen[i], i), reverse=True)
    for i in volgorde[:over]:
        delen[i] += 1
    return [teken * Decimal(d) * CENT for d in delen]


# --- Sources --------------------------------------------------------------------------------------


def bronnen_of_financier(user) -> QuerySet[Financieringsbron]:
    """The sources of the financier's own organisation."""
    if not user.has_rol(Rol.FINANCIER) or not user.organisatie_id:
        return Financieringsbron.objects.none()
    return Financieringsbron.objects.filter(organisatie_id=user.organisatie_id)


def bronnen_for_traject(user, traject: Traject) -> QuerySet[Financieringsbron]:
    """The sources the regisseur may propose for a trajectory they direct (loaded through
    trajecten.selectors.traject_for_regie): of the regie organisation, of its labour-market
    region, of a partner, or of one of the trajectory's gemeenten."""
    if not user.has_rol(Rol.REGISSEUR) or traject.regie_organisatie_id != user.organisatie_id:
        return Financieringsbron.objects.none()
    partner = Exists(TrajectPartner.objects.filter(traject_id=traject.pk, organisatie_id=OuterRef("organisatie_id")))
    gemeente = Exists(
        Traject.gemeenten.through.objects.filter(traject_id=traject.pk, organisatie_id=OuterRef("organisatie_id"))
    )
    eigen = Q(organisatie_id__in=[traject.regie_organisatie_id, traject.arbeidsmarktregio_id])
    return Financieringsbron.objects.filter(eigen | partner | gemeente)


def bronnen_visible_to(user) -> QuerySet[Financieringsbron]:
    """Every source `user` may read: a financier those of their organisation; a regisseur those
    they may propose for any trajectory they direct (bronnen_for_traject, over all of them)."""
    q = Q(pk__in=[])
    if user.has_rol(Rol.FINANCIER) and user.organisatie_id:
        q |= Q(organisatie_id=user.organisatie_id)
    if user.has_rol(Rol.REGISSEUR) and user.organisatie_id:
        trajecten = trajecten_directed_by(user)
        q |= (
            Q(organisatie_id__in=trajecten.values("regie_organisatie_id"))
            | Q(organisatie_id__in=trajecten.values("arbeidsmarktregio_id"))
            | Q(organisatie_id__in=TrajectPartner.objects.filter(traject__in=trajecten).values("organisatie_id"))
            | Q(
                organisatie_id__in=Traject.gemeenten.through.objects.filter(traject__in=trajecten).values(
                    "organisatie_id"
                )
            )
        )
    return Financieringsbron.objects.filter(q)


def dekkingen_visible_to(user) -> QuerySet[Dekking]:
    """Cover `user` may read: from their organisation's sources (financier), or in the
    trajectories they direct (regisseur)."""
    q = Q(pk__in=[])
    if user.has_rol(Rol.FINANCIER) and user.organisatie_id:
        q |= Q(bron__organisatie_id=user.organisatie_id)
    if user.has_rol(Rol.REGISSEUR) and user.organisatie_id:
        q |= Q(regel__traject__in=trajecten_directed_by(user))
    return Dekking.objects.filter(q)


@dataclass(frozen=True)
class Saldo:
    """A source's balance: its budget, what it committed to cover, and the result payments charged
    to it as a payer (claimed and not yet paid, and paid)."""

    budget: Decimal
    toegezegd: Decimal
    gedeclareerd: Decimal
    betaald: Decimal

    @property
    def beschikbaar(self) -> Decimal:
        return self.budget - self.toegezegd - self.gedeclareerd - self.betaald

    def uitleg(self) -> str:
        return _(
            "Begroot %(budget)s, toegezegd %(toegezegd)s, gedeclareerd %(gedeclareerd)s, betaald %(betaald)s, "
            "beschikbaar %(beschikbaar)s."
        ) % {
            "budget": toon(self.budget),
            "toegezegd": toon(self.toegezegd),
            "gedeclareerd": toon(self.gedeclareerd),
            "betaald": toon(self.betaald),
            "beschikbaar": toon(self.beschikbaar),
        }


# Where a claim line's money is. A credited line (its result was reversed) counts as paid when
# its statement was paid, else as still open; its credit line (negative) counts open until it is
# settled, then paid. So a reversal nets to zero in both, before and after the credit is settled.
_BETAALD = Q(status=c.ClaimStatus.BETAALD) | Q(
    status=c.ClaimStatus.GECREDITEERD, declaratie__status=c.DeclaratieStatus.BETAALD
)
_OPEN = Q(status=c.ClaimStatus.OPEN) | (
    Q(status=c.ClaimStatus.GECREDITEERD) & ~Q(declaratie__status=c.DeclaratieStatus.BETAALD)
)


def claimsommen(claims, *sleutels: str) -> dict[tuple, tuple[Decimal, Decimal]]:
    """Per key (the values of `sleutels`): the result payments of these claim lines still open
    and paid, credits netted (_BETAALD, _OPEN). One query."""
    uit = {}
    for *sleutel, open_, betaald in (
        claims.filter(status__in=(c.ClaimStatus.OPEN, c.ClaimStatus.BETAALD, c.ClaimStatus.GECREDITEERD))
        .values_list(*sleutels)
        .annotate(o=Sum("bedrag", filter=_OPEN), b=Sum("bedrag", filter=_BETAALD))
        .order_by()
    ):
        uit[tuple(sleutel)] = (open_ or NUL, betaald or NUL)
    return uit


def saldi(bronnen) -> dict[int, Saldo]:
    """The balance of each source, in two queries (a source's own row lock is the caller's)."""
    ids = [b.pk for b in bronnen]
    toegezegd = dict(
        Dekking.objects.filter(bron_id__in=ids, status=c.DekkingStatus.TOEGEZEGD)
        .values_list("bron_id")
        .annotate(s=Sum("toegezegd_bedrag"))
        .order_by()
    )
    # Result payments charged to a source (it pays as the agreement's payer): claimed while open,
    # paid once settled; credits count against them.
    claims = claimsommen(Claimregel.objects.filter(afspraak__betaler_bron_id__in=ids), "afspraak__betaler_bron_id")
    return {
        b.pk: Saldo(
            budget=b.bedrag,
            toegezegd=toegezegd.get(b.pk) or NUL,
            gedeclareerd=claims.get((b.pk,), (NUL, NUL))[0],
            betaald=claims.get((b.pk,), (NUL, NUL))[1],
        )
        for b in bronnen
    }


def saldo(bron: Financieringsbron) -> Saldo:
    return saldi([bron])[bron.pk]


# --- The budget and the plan ------------------------------------------------------------------------


@dataclass
class DekkingRegel:
    dekking: Dekking
    euro: Decimal  # what it covers now: its amount, or its share of the line's planned total


@dataclass
class Regel:
    """One line of the budget as shown: its own figures, or those of its module."""

    regel: Begrotingsregel | None  # None: a module not yet covered (no row until it is)
    module: Module | None
    categorie: str
    omschrijving: str
    grondslag: str
    eenheid: Decimal
    aantal: int  # planned: the trajectory's capacity for a line per participant, else 1
    gestart: int = 0  # the participants who started: what the realised figures use
    dekkingen: list[DekkingRegel] = field(default_factory=list)
    gefactureerd: Decimal = NUL  # the invoices recorded against the line: the realised costs

    @property
    def gepland(self) -> Decimal:
        return euro(self.eenheid * self.aantal)

    @property
    def gerealiseerd(self) -> Decimal:
        """The line on the participants who started: per participant for each of them, a group's
        amount once anyone started."""
        if self.grondslag == c.Grondslag.DEELNEMER:
            return euro(self.eenheid * self.gestart)
        return self.eenheid if self.gestart else NUL

    @property
    def gedekt(self) -> Decimal:
        return sum((d.euro for d in self.dekkingen), NUL)

    @property
    def toegezegd(self) -> Decimal:
        return sum((d.euro for d in self.dekkingen if d.dekking.status == c.DekkingStatus.TOEGEZEGD), NUL)

    @property
    def gat(self) -> Decimal:
        return max(self.gepland - self.gedekt, NUL)

    def get_categorie_display(self) -> str:
        return c.Kostencategorie(self.categorie).label


@dataclass
class Begroting:
    traject: Traject
    regels: list[Regel]
    gestart: int = 0

    @property
    def gepland(self) -> Decimal:
        return sum((r.gepland for r in self.regels), NUL)

    @property
    def gerealiseerd(self) -> Decimal:
        return sum((r.gerealiseerd for r in self.regels), NUL)

    @property
    def gedekt(self) -> Decimal:
        return sum((r.gedekt for r in self.regels), NUL)

    @property
    def toegezegd(self) -> Decimal:
        return sum((r.toegezegd for r in self.regels), NUL)

    @property
    def gat(self) -> Decimal:
        return sum((r.gat for r in self.regels), NUL)

    @property
    def gefactureerd(self) -> Decimal:
        return sum((r.gefactureerd for r in self.regels), NUL)


def verdeel(gepland: Decimal, dekkingen: list[Dekking]) -> list[Decimal]:
    """What each running cover of a line pays, in cents: an amount as given (an approved one as
    approved), a share of the planned total rounded to the cent. When the shares of a line add
    up to exactly 100%, the last share takes the remainder cent, so that they add up to the
    line; and never does the line's cover exceed it by rounding."""
    uit = []
    for d in dekkingen:
        if d.status == c.DekkingStatus.TOEGEZEGD and d.toegezegd_bedrag is not None:
            uit.append(d.toegezegd_bedrag)
        elif d.bedrag is not None:
            uit.append(d.bedrag)
        else:
            uit.append(euro(gepland * d.aandeel / 100))
    aandelen = [i for i, d in enumerate(dekkingen) if d.aandeel is not None and d.status != c.DekkingStatus.TOEGEZEGD]
    if aandelen:
        laatste = aandelen[-1]
        rest = gepland - sum(b for i, b in enumerate(uit) if i != laatste)
        honderd = sum((d.aandeel for d in dekkingen if d.aandeel is not None), Decimal(0)) == 100
        # Only a rounding difference moves to the last share (a cent per share at most): a share
        # never takes over what an approved share, fixed at an older amount, no longer covers.
        if (honderd and abs(rest - uit[laatste]) <= CENT * len(dekkingen)) or uit[laatste] > rest:
            uit[laatste] = max(rest, NUL)
    return uit


def _regel(regel: Begrotingsregel | None, module: Module | None, traject: Traject) -> Regel:
    if module is not None:
        grondslag, eenheid = module.prijs_per, module.prijs
        categorie, omschrijving = c.CATEGORIE_VAN_MODULE[module.soort], module.naam
    else:
        grondslag, eenheid, categorie, omschrijving = regel.grondslag, regel.bedrag, regel.categorie, regel.omschrijving
    aantal = traject.capaciteit if grondslag == c.Grondslag.DEELNEMER else 1
    return Regel(regel, module, categorie, omschrijving, grondslag, eenheid, aantal)


# Queries begroting() and begrotingen() run, whatever the number of trajectories, lines, covers
# and invoices.
BEGROTING_QUERIES = 5


def begroting(traject: Traject) -> Begroting:
    """The budget of a trajectory the caller loaded through a regie selector (begrotingen)."""
    return begrotingen([traject])[traject.pk]


def begrotingen(trajecten) -> dict[int, Begroting]:
    """The budgets of trajectories the caller loaded through a scoped selector: each one's own
    lines and one per training module (its price as it is now), each with its running cover,
    planned on the trajectory's capacity, realised on the participants who started, and what was
    invoiced against it. In BEGROTING_QUERIES queries, however many trajectories."""
    trajecten = {t.pk: t for t in trajecten}
    ids = list(trajecten)
    regels = list(
        Begrotingsregel.objects.filter(traject_id__in=ids).select_related("module").order_by("categorie", "id")
    )
    zonder_regel = list(
        Module.objects.filter(traject_id__in=ids)
        .filter(~Exists(Begrotingsregel.objects.filter(module_id=OuterRef("pk"))))
        .order_by("start", "id")
    )
    dekkingen: dict[int, list[Dekking]] = {}
    for d in (
        Dekking.objects.filter(regel__traject_id__in=ids, status__in=c.LOPENDE_DEKKING)
        .select_related("bron__organisatie")
        .order_by("regel_id", "id")
    ):
        dekkingen.setdefault(d.regel_id, []).append(d)
    gefactureerd = dict(
        Factuur.objects.filter(regel__traject_id__in=ids).values_list("regel_id").annotate(s=Sum("bedrag")).order_by()
    )
    n_gestart = dict(
        Deelname.objects.filter(traject_id__in=ids)
        .filter(gestart())
        .values_list("traject_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_traject: dict[int, list[Regel]] = {pk: [] for pk in ids}
    for r in [_regel(r, r.module, trajecten[r.traject_id]) for r in regels] + [
        _regel(None, m, trajecten[m.traject_id]) for m in zonder_regel
    ]:
        traject_id = r.regel.traject_id if r.regel is not None else r.module.traject_id
        r.gestart = n_gestart.get(traject_id, 0)
        r.gefactureerd = gefactureerd.get(r.regel.pk, NUL) if r.regel is not None else NUL
        lopend = dekkingen.get(r.regel.pk, []) if r.regel is not None else []
        r.dekkingen = [DekkingRegel(d, b) for d, b in zip(lopend, verdeel(r.gepland, lopend), strict=True)]
        per_traject[traject_id].append(r)
    volgorde = list(c.Kostencategorie.values)
    uit = {}
    for pk, rij in per_traject.items():
        rij.sort(key=lambda r: (volgorde.index(r.categorie), r.omschrijving))
        uit[pk] = Begroting(trajecten[pk], rij, n_gestart.get(pk, 0))
    return uit


def regel_van(begroting_: Begroting, regel_pk: int) -> Regel:
    for r in begroting_.regels:
        if r.regel is not None and r.regel.pk == regel_pk:
            return r
    raise Http404


# --- Cover waiting for a financier --------------------------------------------------------------------


def dekkingen_for_financier(user) -> QuerySet[Dekking]:
    """Cover asked of, or given by, the financier's organisation's sources."""
    if not user.has_rol(Rol.FINANCIER) or not user.organisatie_id:
        return Dekking.objects.none()
    return Dekking.objects.filter(bron__organisatie_id=user.organisatie_id)


def bedragen(dekkingen) -> dict[int, Decimal]:
    """What each cover pays: as approved, or as it would be approved now (its line's running
    cover divided as begroting() does). Two queries, whatever the number of covers."""
    regel_ids = {d.regel_id for d in dekkingen}
    regels = {r.pk: r for r in Begrotingsregel.objects.filter(pk__in=regel_ids).select_related("module", "traject")}
    lopend: dict[int, list[Dekking]] = {}
    for d in Dekking.objects.filter(regel_id__in=regel_ids, status__in=c.LOPENDE_DEKKING).order_by("regel_id", "id"):
        lopend.setdefault(d.regel_id, []).append(d)
    uit = {}
    for regel_id, rij in lopend.items():
        regel = regels[regel_id]
        lijn = _regel(regel, regel.module, regel.traject)
        uit.update({d.pk: b for d, b in zip(rij, verdeel(lijn.gepland, rij), strict=True)})
    for d in dekkingen:
        if d.pk not in uit:  # refused or withdrawn: what was asked
            uit[d.pk] = d.toegezegd_bedrag or d.bedrag
    return uit


# --- Claim statements -------------------------------------------------------------------------------


def declaraties_visible_to(user) -> QuerySet:
    """Statements a financier's organisation sent (payee) or received (payer)."""
    from financiering.models import Declaratie

    if not user.has_rol(Rol.FINANCIER) or not user.organisatie_id:
        return Declaratie.objects.none()
    org = user.organisatie_id
    return Declaratie.objects.filter(Q(ontvanger_id=org) | Q(betaler_id=org))


def declaratie_regels(declaratie) -> list:
    """A statement's lines (a lapsed one is no longer on it) with their agreement and trajectory,
    in one query."""
    return list(
        declaratie.regels.exclude(status=c.ClaimStatus.VERVALLEN)
        .select_related("afspraak__traject", "deelname")
        .order_by("resultaat_op", "id")
    )


def namen_voor(user, regels) -> dict[int, str]:
    """The names of the participants on claim lines that `user` may read anyway: a klantmanager
    of the participant's home gemeente. Anyone else (an O&O-fonds, a budget holder) gets none:
    the lines name a dossier reference only. The caller logs the access."""
    from deelnemers.selectors import deelnemers_visible_to

    ids = {r.deelname.deelnemer_id for r in regels}
    if not ids or not user.has_rol(Rol.KLANTMANAGER):
        return {}
    return {
        d.pk: d.naam
        for d in deelnemers_visible_to(user, Rol.KLANTMANAGER).filter(pk__in=ids).only("id", "voornaam", "achternaam")
    }


# --- Result agreements -----------------------------------------------------------------------------


def partners_van_traject(traject):
    """The organisations that may receive result payments: the regie, the region, the partners."""
    from leerwerk.models import Organisatie

    return Organisatie.objects.filter(
        Q(pk__in=[traject.regie_organisatie_id, traject.arbeidsmarktregio_id])
        | Q(pk__in=TrajectPartner.objects.filter(traject_id=traject.pk).values("organisatie_id"))
    ).order_by("naam")


def _met_claims(qs):
    """Result agreements with their standing claims counted: resultaten, betaald, claimtotaal."""
    geldend = Q(claimregels__status__in=c.GELDENDE_CLAIM, claimregels__soort=c.ClaimSoort.RESULTAAT)
    return qs.select_related("ontvanger", "betaler_bron").annotate(
        resultaten=Count("claimregels", filter=geldend),
        betaald=Count("claimregels", filter=geldend & Q(claimregels__status=c.ClaimStatus.BETAALD)),
        claimtotaal=Sum("claimregels__bedrag", filter=geldend),
    )


def afspraken_van(traject) -> list:
    """A trajectory's result agreements, each with its claims counted (one query)."""
    return list(_met_claims(Resultaatafspraak.objects.filter(traject_id=traject.pk)).order_by("id"))


def afspraken_visible_to(user) -> QuerySet:
    """Result agreements of the trajectories the regisseur directs, or in which the financier's
    organisation receives or pays (through its source); with their claims counted."""
    q = Q(traject__in=trajecten_directed_by(user))
    if user.has_rol(Rol.FINANCIER) and user.organisatie_id:
        q |= Q(ontvanger_id=user.organisatie_id) | Q(betaler_bron__organisatie_id=user.organisatie_id)
    return _met_claims(Resultaatafspraak.objects.filter(q))


def afspraken_wachtend_for_financier(user) -> QuerySet:
    """Result agreements that name a source of the financier's organisation as payer and wait for
    its consent, oldest first."""
    if not user.has_rol(Rol.FINANCIER) or not user.organisatie_id:
        return Resultaatafspraak.objects.none()
    return (
        Resultaatafspraak.objects.filter(
            betaler_bron__organisatie_id=user.organisatie_id, status=c.AfspraakStatus.VOORGESTELD
        )
        .select_related("traject", "betaler_bron", "ontvanger", "aangemaakt_door")
        .order_by("id")
    )


def trajecten_van_financier(user) -> QuerySet[Traject]:
    """The trajectories the financier's organisation is a partner of (where it may pre-finance)."""
    if not user.has_rol(Rol.FINANCIER) or not user.organisatie_id:
        return Traject.objects.none()
    return Traject.objects.filter(
        Exists(TrajectPartner.objects.filter(traject=OuterRef("pk"), organisatie_id=user.organisatie_id))
    )


def betalers_met_open_claims(user):
    """The organisations that owe the financier's organisation open result payments."""
    from leerwerk.models import Organisatie

    if not user.has_rol(Rol.FINANCIER) or not user.organisatie_id:
        return Organisatie.objects.none()
    betalers = Claimregel.objects.filter(afspraak__ontvanger_id=user.organisatie_id, status=c.ClaimStatus.OPEN)
    return Organisatie.objects.filter(pk__in=betalers.values("betaler_id"))


# --- Pre-financing -----------------------------------------------------------------------------------


@dataclass
class Grootboek:
    """A pre-financing's ledger: advanced, earned back by result payments, outstanding, and (when
    the gemeenten share the rest) each gemeente's share of what is outstanding."""

    voorfinanciering: object
    voorgeschoten: Decimal
    terugverdiend: Decimal
    verdeling: list[tuple[str, int, Decimal]] = field(default_factory=list)  # (gemeente, started, share)

    @property
    def openstaand(self) -> Decimal:
        return max(self.voorgeschoten - self.terugverdiend, NUL)


def grootboeken(voorfinancieringen) -> list[Grootboek]:
    """The ledgers of these pre-financings, in three queries whatever their number."""
    voorfinancieringen = list(voorfinancieringen)
    if not voorfinancieringen:
        return []
    trajecten = {v.traject_id for v in voorfinancieringen}
    # Earned back: the result payments made to the pre-financier's organisation (a paid credit
    # counts against them).
    terug = {
        sleutel: betaald
        for sleutel, (_open, betaald) in claimsommen(
            Claimregel.objects.filter(afspraak__traject_id__in=trajecten),
            "afspraak__traject_id",
            "afspraak__ontvanger_id",
        ).items()
    }
    # Participants who started, per trajectory and gemeente.
    per_gemeente: dict[int, list[tuple[str, int]]] = {}
    for traject_id, gemeente, n in (
        Deelname.objects.filter(traject_id__in=trajecten)
        .filter(gestart())
        .values_list("traject_id", "deelnemer__gemeente__naam")
        .annotate(n=Count("id"))
        .order_by("traject_id", "deelnemer__gemeente__naam")
    ):
        per_gemeente.setdefault(traject_id, []).append((gemeente, n))
    uit = []
    for v in voorfinancieringen:
        boek = Grootboek(v, v.bedrag, terug.get((v.traject_id, v.bron.organisatie_id)) or NUL)
        if v.verrekening == c.Verrekening.GEMEENTEN and boek.openstaand:
            rijen = per_gemeente.get(v.traject_id, [])
            delen = naar_rato(boek.openstaand, [n for _g, n in rijen])
            boek.verdeling = [(g, n, d) for (g, n), d in zip(rijen, delen, strict=True)]
        uit.append(boek)
    return uit


def voorfinancieringen_visible_to(user) -> QuerySet:
    """Pre-financings by the financier's organisation's sources, or in trajectories the regisseur
    directs."""
    from financiering.models import Voorfinanciering

    q = Q(pk__in=[])
    if user.has_rol(Rol.FINANCIER) and user.organisatie_id:
        q |= Q(bron__organisatie_id=user.organisatie_id)
    if user.has_rol(Rol.REGISSEUR) and user.organisatie_id:
        q |= Q(traject__in=trajecten_directed_by(user))
    return Voorfinanciering.objects.filter(q).select_related("traject", "bron__organisatie")


# --- Cost split between the gemeenten of a regional trajectory (kostenverdeling) --------------------


@dataclass
class Kostendeel:
    """One gemeente's (or, fully regional, the region's) part of a trajectory: its key share of
    the costs, the committed funding and the gap; what its own sources committed; and the result
    payments it owes as payer (open) and paid."""

    organisatie_id: int
    naam: str
    gestart: int = 0
    aandeel: Decimal = Decimal(0)  # percent
    kosten_gepland: Decimal = NUL
    kosten_gerealiseerd: Decimal = NUL
    financiering: Decimal = NUL
    gat: Decimal = NUL
    eigen_bronnen: Decimal = NUL
    resultaat_open: Decimal = NUL
    resultaat_betaald: Decimal = NUL


@dataclass
class Verdeling:
    sleutel: str
    vastgelegd: bool  # False: no key recorded, split by started participants
    delen: list[Kostendeel]
    percentages: dict[int, Decimal] = field(default_factory=dict)  # the agreed ones, per gemeente

    def get_sleutel_display(self) -> str:
        return c.Verdeelsleutel(self.sleutel).label


# Queries kostenverdelingen() runs on top of the budgets, whatever the number of trajectories (one
# more when a trajectory has a key recorded: its agreed percentages).
KOSTENVERDELING_QUERIES = 5


def kostenverdelingen(begrotingen_: dict[int, Begroting]) -> dict[int, Verdeling]:
    """The cost split of each of these budgets' trajectories (begrotingen()), under its key: by
    the home gemeenten of the participants who started (the default), by agreed percentages, or
    fully to the labour-market region. Amounts in cents; the last part takes the remainder cent.
    A gemeente outside the key that funds the trajectory or pays results is listed with 0%."""
    from financiering.models import Kostenverdeling
    from leerwerk.models import Organisatie

    ids = list(begrotingen_)
    sleutels = {
        v.traject_id: v for v in Kostenverdeling.objects.filter(traject_id__in=ids).prefetch_related("aandelen")
    }
    gestart_per: dict[int, dict[int, int]] = {}
    for traject_id, gemeente_id, n in (
        Deelname.objects.filter(traject_id__in=ids)
        .filter(gestart())
        .values_list("traject_id", "deelnemer__gemeente_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        gestart_per.setdefault(traject_id, {})[gemeente_id] = n
    eigen: dict[tuple[int, int], Decimal] = {
        (t, o): s
        for t, o, s in Dekking.objects.filter(regel__traject_id__in=ids, status=c.DekkingStatus.TOEGEZEGD)
        .values_list("regel__traject_id", "bron__organisatie_id")
        .annotate(s=Sum("toegezegd_bedrag"))
        .order_by()
    }
    claims = claimsommen(Claimregel.objects.filter(afspraak__traject_id__in=ids), "afspraak__traject_id", "betaler_id")
    # Who is in each split, in key order; names in one query at the end.
    leden: dict[int, list[tuple[int, Decimal]]] = {}
    for pk, begroting_ in begrotingen_.items():
        traject, vast = begroting_.traject, sleutels.get(pk)
        sleutel = vast.sleutel if vast else c.Verdeelsleutel.GESTART
        if sleutel == c.Verdeelsleutel.PERCENTAGES:
            leden[pk] = [(a.gemeente_id, a.percentage) for a in vast.aandelen.all()]
        elif sleutel == c.Verdeelsleutel.REGIONAAL:
            leden[pk] = [(traject.arbeidsmarktregio_id, Decimal(1))]
        else:
            leden[pk] = list(gestart_per.get(pk, {}).items())
    betrokken = {o for rij in leden.values() for o, _w in rij}
    betrokken |= {o for _t, o in eigen} | {o for _t, o in claims}
    organisaties = {o.pk: o for o in Organisatie.objects.filter(pk__in=betrokken).only("id", "naam", "type")}
    uit = {}
    for pk, begroting_ in begrotingen_.items():
        vast = sleutels.get(pk)
        rij = sorted(((o, w) for o, w in leden[pk] if o in organisaties), key=lambda ow: organisaties[ow[0]].naam)
        gewichten = [w for _o, w in rij]
        totaal = sum(gewichten, Decimal(0))
        kolommen = {
            "kosten_gepland": naar_rato(begroting_.gepland, gewichten),
            "kosten_gerealiseerd": naar_rato(begroting_.gerealiseerd, gewichten),
            "financiering": naar_rato(begroting_.toegezegd, gewichten),
            "gat": naar_rato(begroting_.gat, gewichten),
        }
        delen = {}
        for i, (o, w) in enumerate(rij):
            deel = Kostendeel(o, organisaties[o].naam, gestart=gestart_per.get(pk, {}).get(o, 0))
            deel.aandeel = (Decimal(w) * 100 / totaal).quantize(CENT) if totaal else Decimal(0)
            for naam, waarden in kolommen.items():
                setattr(deel, naam, waarden[i])
            delen[o] = deel
        # Gemeenten outside the key that fund the trajectory or pay results on it.
        for o in sorted({o for t, o in eigen if t == pk} | {o for t, o in claims if t == pk}):
            if o not in delen and o in organisaties and organisaties[o].type == OrganisatieType.GEMEENTE:
                delen[o] = Kostendeel(o, organisaties[o].naam)
        for o, deel in delen.items():
            deel.eigen_bronnen = eigen.get((pk, o), NUL)
            deel.resultaat_open, deel.resultaat_betaald = claims.get((pk, o), (NUL, NUL))
        uit[pk] = Verdeling(
            vast.sleutel if vast else c.Verdeelsleutel.GESTART,
            vast is not None,
            list(delen.values()),
            {a.gemeente_id: a.percentage for a in vast.aandelen.all()} if vast else {},
        )
    return uit


def kostenverdeling(begroting_: Begroting) -> Verdeling:
    return kostenverdelingen({begroting_.traject.pk: begroting_})[begroting_.traject.pk]


def gemeenten_voor_verdeling(traject):
    """The gemeenten that may take a share of a trajectory's costs: its own gemeenten, the home
    gemeenten of its participants who started, and any with a share already."""
    from financiering.models import Kostenaandeel
    from leerwerk.models import Organisatie

    thuis = Deelname.objects.filter(traject_id=traject.pk).filter(gestart()).values("deelnemer__gemeente_id")
    return (
        Organisatie.objects.filter(type=OrganisatieType.GEMEENTE)
        .filter(
            Q(pk__in=Traject.gemeenten.through.objects.filter(traject_id=traject.pk).values("organisatie_id"))
            | Q(pk__in=thuis)
            | Q(pk__in=Kostenaandeel.objects.filter(verdeling__traject_id=traject.pk).values("gemeente_id"))
        )
        .order_by("naam")
    )
