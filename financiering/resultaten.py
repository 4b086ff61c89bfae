"""Result detection for resultaatfinanciering (issue 13, item 6).

From what the product records (confirmed placements of a contract kind, certificates, steps to
vervolgopleiding), find every result each agreement pays for, and keep the claim lines in step:
- a new result gives one claim line (the unique key makes a second run, or a task delivered
  twice, add nothing);
- a result that no longer stands (a contract that ended within its trial period, a step undone)
  makes its unpaid line lapse (vervallen) and gives a paid one a credit line;
- nothing is deleted.
Set-based: a fixed number of queries per run, whatever the number of participations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from financiering import constants as c
from financiering.models import Claimregel, Resultaatafspraak
from leerwerk.datums import plus_maanden
from opleiders.models import Certificaat
from trajecten.constants import DeelnameStatus
from trajecten.models import DeelnameStap
from werkgevers.dienstverbanden import contractplaatsingen, dienstverbanden

# Participations that never entered the trajectory: their certificates are none of its results.
NOOIT_TOEGELATEN = (DeelnameStatus.AANGEMELD, DeelnameStatus.INTAKE, DeelnameStatus.AFGEWEZEN)
# A contract that ends within its trial period (at most a month for contracts up to two years,
# Burgerlijk Wetboek 7:652) was no result.
PROEFTIJD_MAANDEN = 1


@dataclass(frozen=True)
class Resultaat:
    afspraak_id: int
    deelname_id: int
    resultaat_op: dt.date
    oorzaak: str
    betaler_id: int
    gemeente_id: int | None  # the participant's home gemeente and benefit, for a source's eligibility
    uitkering_type: str


@dataclass
class Uitkomst:
    nieuw: int = 0
    vervallen: int = 0
    gecrediteerd: int = 0
    boven_plafond: int = 0

    def __str__(self):
        return (
            f"{self.nieuw} nieuw, {self.vervallen} vervallen, {self.gecrediteerd} gecrediteerd, "
            f"{self.boven_plafond} boven het plafond"
        )


def _nog_niet_geclaimd(regel: Claimregel) -> bool:
    """Open, and on no statement the payer has (none, a concept or a refused one)."""
    return regel.status == c.ClaimStatus.OPEN and (
        regel.declaratie is None
        or regel.declaratie.status in (c.DeclaratieStatus.CONCEPT, c.DeclaratieStatus.AFGEWEZEN)
    )


def _contract_telt(p: dict, min_maanden: int | None) -> bool:
    """A confirmed contract that started counts unless it ended in its trial period, or it is
    (or ended) shorter than the agreement's minimum."""
    if p["einde"] and p["einde"] < plus_maanden(p["start"], PROEFTIJD_MAANDEN):
        return False
    if min_maanden:
        grens = plus_maanden(p["start"], min_maanden)
        einde = p["einde"] or p["gepland_einde"]
        if einde is not None and einde < grens:
            return False
    return True


def _gevonden(afspraken: list[Resultaatafspraak], vandaag: dt.date) -> dict[tuple[int, int], Resultaat]:
    """Every result that stands today, per (agreement, participation): the first one. Three
    queries: contracts, certificates, steps to vervolgopleiding."""
    trajecten = {a.traject_id for a in afspraken}
    per_traject: dict[int, list[Resultaatafspraak]] = {}
    for a in afspraken:
        per_traject.setdefault(a.traject_id, []).append(a)
    uit: dict[tuple[int, int], Resultaat] = {}

    def vind(afspraak, deelname_id, traject_id, op, oorzaak, gemeente_id, uitkering_type):
        if afspraak.traject_id != traject_id:
            return
        betaler = (
            gemeente_id
            if afspraak.betaler_soort == c.BetalerSoort.WOONGEMEENTE
            else afspraak.betaler_bron.organisatie_id
        )
        sleutel = (afspraak.pk, deelname_id)
        if sleutel not in uit or op < uit[sleutel].resultaat_op:
            uit[sleutel] = Resultaat(afspraak.pk, deelname_id, op, oorzaak, betaler, gemeente_id, uitkering_type)

    soorten = {a.resultaat for a in afspraken}
    if soorten & {c.ResultaatSoort.CONTRACT, c.ResultaatSoort.DUURZAAM_6}:
        plaatsingen = contractplaatsingen(
            trajecten, "deelname__deelnemer__gemeente_id", "deelname__deelnemer__uitkering_type"
        )
        for p in dienstverbanden(plaatsingen):
            if p["start"] > vandaag:  # a contract yet to start (a converted one continues its chain)
                continue
            for a in per_traject.get(p["deelname__traject_id"], []):
                args = (a, p["deelname_id"], p["deelname__traject_id"])
                persoon = (p["deelname__deelnemer__gemeente_id"], p["deelname__deelnemer__uitkering_type"])
                if a.resultaat == c.ResultaatSoort.CONTRACT and _contract_telt(p, a.min_maanden):
                    vind(*args, p["start"], f"plaatsing:{p['id']}", *persoon)
                elif a.resultaat == c.ResultaatSoort.DUURZAAM_6:
                    zes = plus_maanden(p["start"], 6)
                    if zes <= vandaag and (p["einde"] is None or p["einde"] >= zes):
                        vind(*args, zes, f"plaatsing:{p['id']}", *persoon)
    if c.ResultaatSoort.CERTIFICAAT in soorten:
        # A certificate of the trajectory's own module, or one obtained while in the trajectory
        # (not before the participant was admitted): an old VCA or one from another trajectory
        # is no result of this one.
        certificaten = Certificaat.objects.filter(
            deelnemer__deelnames__traject_id__in=trajecten, behaald_op__lte=vandaag
        ).values(
            "id", "soort", "behaald_op", "module__traject_id", "deelnemer__deelnames__id",
            "deelnemer__deelnames__traject_id", "deelnemer__deelnames__aangemeld_op",
            "deelnemer__deelnames__status", "deelnemer__gemeente_id", "deelnemer__uitkering_type",
        )  # fmt: skip
        for cert in certificaten:
            traject_id = cert["deelnemer__deelnames__traject_id"]
            if cert["deelnemer__deelnames__status"] in NOOIT_TOEGELATEN:
                continue
            if cert["module__traject_id"] is not None:
                if cert["module__traject_id"] != traject_id:
                    continue
            elif cert["behaald_op"] < timezone.localtime(cert["deelnemer__deelnames__aangemeld_op"]).date():
                continue
            for a in per_traject.get(traject_id, []):
                if a.resultaat == c.ResultaatSoort.CERTIFICAAT and (
                    not a.certificaat or a.certificaat == cert["soort"]
                ):
                    vind(a, cert["deelnemer__deelnames__id"], cert["deelnemer__deelnames__traject_id"],
                         cert["behaald_op"], f"certificaat:{cert['id']}", cert["deelnemer__gemeente_id"],
                         cert["deelnemer__uitkering_type"])  # fmt: skip
    if c.ResultaatSoort.VERVOLGOPLEIDING in soorten:
        # the participation is in vervolgopleiding now; its last step there is the result's day
        stappen = DeelnameStap.objects.filter(
            deelname__traject_id__in=trajecten,
            deelname__status=DeelnameStatus.VERVOLGOPLEIDING,
            naar_status=DeelnameStatus.VERVOLGOPLEIDING,
        ).values("id", "ingangsdatum", "deelname_id", "deelname__traject_id", "deelname__deelnemer__gemeente_id",
                 "deelname__deelnemer__uitkering_type")  # fmt: skip
        for s in stappen:
            for a in per_traject.get(s["deelname__traject_id"], []):
                if a.resultaat == c.ResultaatSoort.VERVOLGOPLEIDING:
                    vind(a, s["deelname_id"], s["deelname__traject_id"], s["ingangsdatum"], f"stap:{s['id']}",
                         s["deelname__deelnemer__gemeente_id"], s["deelname__deelnemer__uitkering_type"])  # fmt: skip
    return uit


def detecteer(traject_ids: list[int] | None = None, *, vandaag: dt.date | None = None) -> Uitkomst:
    """Bring the claim lines of these trajectories' agreements (all, without ids) in step with
    the results that stand today. Idempotent."""
    vandaag = vandaag or timezone.localdate()
    uitkomst = Uitkomst()
    with transaction.atomic():
        afspraken_qs = (
            Resultaatafspraak.objects.select_related("betaler_bron")
            .prefetch_related("betaler_bron__alleen_gemeenten")
            .select_for_update(of=("self",))
            .filter(status=c.AfspraakStatus.AKKOORD)
        )
        if traject_ids is not None:
            afspraken_qs = afspraken_qs.filter(traject_id__in=traject_ids)
        # The agreements' rows locked: two runs at once (the nightly scan, a task after a change)
        # take turns, so the cap is counted on what the other run wrote.
        afspraken = list(afspraken_qs.order_by("id"))
        if not afspraken:
            return uitkomst
        staat = _gevonden(afspraken, vandaag)
        # The standing lines, locked: a statement marked paid meanwhile waits for this run, or this
        # run waits for it and then sees the line paid.
        bestaand = {
            (r.afspraak_id, r.deelname_id): r
            for r in Claimregel.objects.select_for_update(of=("self",))
            .select_related("declaratie")
            .filter(afspraak__in=afspraken, soort=c.ClaimSoort.RESULTAAT, status__in=c.GELDENDE_CLAIM)
        }
        # Results that no longer stand: a line nobody claimed yet (or on a concept or refused
        # statement) lapses; a paid one, or one on a statement the payer has, gets a credit line.
        weg = [r for sleutel, r in bestaand.items() if sleutel not in staat]
        vervallen = [r.pk for r in weg if _nog_niet_geclaimd(r)]
        betaald = [r for r in weg if not _nog_niet_geclaimd(r)]
        if vervallen:
            Claimregel.objects.filter(pk__in=vervallen, status=c.ClaimStatus.OPEN).update(
                status=c.ClaimStatus.VERVALLEN, declaratie=None, gewijzigd_op=timezone.now()
            )
        if betaald:
            Claimregel.objects.bulk_create(
                [
                    Claimregel(
                        afspraak_id=r.afspraak_id, deelname_id=r.deelname_id, soort=c.ClaimSoort.CREDIT,
                        resultaat_op=vandaag, oorzaak=f"credit:{r.pk}", bedrag=-r.bedrag, betaler_id=r.betaler_id,
                        credit_voor=r,
                    )
                    for r in betaald
                ]
            )  # fmt: skip
            Claimregel.objects.filter(pk__in=[r.pk for r in betaald]).update(
                status=c.ClaimStatus.GECREDITEERD, gewijzigd_op=timezone.now()
            )
        uitkomst.vervallen, uitkomst.gecrediteerd = len(vervallen), len(betaald)
        # New results, within the claim deadline and the cap per payer, oldest first.
        nieuw = sorted(
            (r for sleutel, r in staat.items() if sleutel not in bestaand),
            key=lambda r: (r.resultaat_op, r.deelname_id),
        )
        per_id = {a.pk: a for a in afspraken}
        telling: dict[tuple[int, int], list] = {}
        for r in bestaand.values():
            if (r.afspraak_id, r.deelname_id) in staat:
                t = telling.setdefault((r.afspraak_id, r.betaler_id), [0, Decimal(0)])
                t[0], t[1] = t[0] + 1, t[1] + r.bedrag
        regels = []
        for r in nieuw:
            afspraak = per_id[r.afspraak_id]
            if r.resultaat_op > afspraak.declareren_tot:
                continue
            # A source that pays only for some participants (residents of given gemeenten, on
            # bijstand) pays no new result of anyone else. Judged when the line is made: a later
            # change (the benefit that stopped because of the job) does not undo a result.
            bron = afspraak.betaler_bron
            if bron is not None and not bron.betaalt_voor(r.gemeente_id, r.uitkering_type):
                continue
            t = telling.setdefault((r.afspraak_id, r.betaler_id), [0, Decimal(0)])
            if (afspraak.plafond_aantal is not None and t[0] + 1 > afspraak.plafond_aantal) or (
                afspraak.plafond_bedrag is not None and t[1] + afspraak.bedrag > afspraak.plafond_bedrag
            ):
                uitkomst.boven_plafond += 1
                continue
            t[0], t[1] = t[0] + 1, t[1] + afspraak.bedrag
            regels.append(
                Claimregel(
                    afspraak_id=r.afspraak_id, deelname_id=r.deelname_id, resultaat_op=r.resultaat_op,
                    oorzaak=r.oorzaak, bedrag=afspraak.bedrag, betaler_id=r.betaler_id,
                )
            )  # fmt: skip
        # ignore_conflicts: a line made since we read is the same result (the unique key); count
        # what this run added.
        geldend = Claimregel.objects.filter(
            afspraak__in=afspraken, soort=c.ClaimSoort.RESULTAAT, status__in=c.GELDENDE_CLAIM
        )
        voor = geldend.count()
        Claimregel.objects.bulk_create(regels, ignore_conflicts=True)
        uitkomst.nieuw = geldend.count() - voor
    return uitkomst
