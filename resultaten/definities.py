"""The definitions of a trajectory's results (issue 14), in one module. They follow CBS's cohort
research on outflow from bijstand to work, so that trajectories can be compared with it.

- **Deelnemer** of a trajectory: a participation that started, in the voortraject or further,
  also when it was parked, dropped out or moved on later (trajecten.selectors.gestart). An
  applicant who never started is no participant.
- **Uitstroom naar werk**: the participant started paid work (a confirmed BBL, fixed-term,
  permanent or agency contract) on or before the reference date. **Direct** when the work began
  before the training ended or within a month after (the step out of the training; a parking
  is no end), **later** otherwise. Who left before the training ended (dropped out, moved on)
  counts from that day; who is still in the trajectory works during it: direct.
- **Duurzaam** after 6 and after 12 months: in paid work on the day 6 (12) months after that
  first start. Where a retention check for that moment was recorded (begeleiding.Behoudcheck,
  issue 16), its answer counts ("still in work?"), from the check's own day (`peildatum`) on: a
  check recorded early (up to 30 days before) counts once the reference date reaches that day,
  as if measured then, so a figure never speaks of a day that has not come. Without a check the
  figure is inferred from the placements: some contract covers that day (a contract that ended
  and was followed by another counts; a chain of converted contracts is one); unknown until that
  day has come. Each figure says whether it was checked (`gecheckt_6`, `gecheckt_12`), and the
  outputs show how many of the measured were checked and that the rest was inferred.
- **Antwoordtijd** (issue 16): per trajectory, the median time from an employer's question to
  its answer, over the answered questions, in hours (clock hours, nights and weekends included:
  simple to explain and to check; the signal for an unanswered question counts working days).
- When not to work: **vervolgopleiding**, **uitgevallen** (with the reason), **geparkeerd**,
  **afgerond zonder werk**, or **nog actief** (voortraject, training, a trial placement,
  matching). Work comes first: who started work and dropped out later counts as outflow to
  work (and not as durable). So every participant falls in exactly one class, and the classes
  add up to the total.
- **Months on benefit during the trajectory**, for a participant with a benefit when they
  registered: from the start to the first paid work, or to leaving (dropped out, moved on), or
  to the reference date. An estimate: the product records no end date of a benefit.
- **Times**: days from selection to the start, and from the start to work (0 when the contract
  began before the start).
- Not yet: a return to benefit (a benefit's end has no date in the product). A contract whose
  planned end has passed without an end recorded counts as running.

Figures per person stay inside the product's layers: whoever shows them to someone who may not
read the people passes them through leerwerk.onthulling.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.constants import UitkeringType
from leerwerk.datums import plus_maanden
from leerwerk.onthulling import procent_van as procent
from trajecten.constants import GESTARTE_STATES, DeelnameStatus
from trajecten.models import Deelname, DeelnameStap
from trajecten.selectors import gestart
from werkgevers.dienstverbanden import contractplaatsingen, dienstverbanden

S = DeelnameStatus
# Queries verlopen() runs, whatever the number of trajectories and participants.
VERLOOP_QUERIES = 4


class Uitkomst(models.TextChoices):
    WERK_DIRECT = "werk_direct", _("Uitstroom naar werk, direct")
    WERK_LATER = "werk_later", _("Uitstroom naar werk, later")
    VERVOLGOPLEIDING = "vervolgopleiding", _("Vervolgopleiding")
    UITGEVALLEN = "uitgevallen", _("Uitgevallen")
    GEPARKEERD = "geparkeerd", _("Geparkeerd")
    AFGEROND_ZONDER_WERK = "afgerond_zonder_werk", _("Afgerond zonder werk")
    NOG_ACTIEF = "nog_actief", _("Nog actief (in opleiding of matching)")


NAAR_WERK = (Uitkomst.WERK_DIRECT, Uitkomst.WERK_LATER)
DAGEN_PER_MAAND = Decimal("30.4375")  # 365.25 / 12
KLASSEN = tuple(Uitkomst.values)  # read once: TextChoices.values builds its list at every read

# The definitions as every output states them: the page ("Zo tellen we"), the exports, the PDF.
UITLEG = (
    _("Deelnemer: wie aan het voortraject of verder begon, ook als die later stopte. Wie alleen is aangemeld of "
      "afgewezen, telt niet mee."),
    _("Uitstroom naar werk: begon aan betaald werk (bbl, bepaalde of onbepaalde tijd, uitzendwerk) met een "
      "bevestigd contract. Direct: vóór het einde van de opleiding of binnen een maand daarna; anders later."),
    _("Duurzaam: nog aan het werk op de dag 6 en 12 maanden na die start. Is voor dat moment een check (nog aan "
      "het werk?) vastgelegd, dan telt die check, vanaf die dag; anders is het afgeleid uit de plaatsingen (een "
      "contract dat afliep en door een ander werd gevolgd telt mee)."),
    _("Wie niet aan het werk ging: vervolgopleiding, uitgevallen (met de reden), geparkeerd, afgerond zonder werk "
      "of nog actief. Werk gaat voor, dus elke deelnemer staat in precies één groep en de groepen tellen op tot "
      "het totaal."),
    _("Maanden met uitkering tijdens het traject (een schatting, alleen voor wie bij de aanmelding een uitkering "
      "had): van de start tot het eerste betaalde werk, het vertrek of de peildatum."),
    _("Antwoordtijd: de mediaan van de tijd tussen de vraag van een werkgever en het antwoord, in uren (ook "
      "'s nachts en in het weekend), over de beantwoorde vragen."),
    _("Filters kiezen hele trajecten (cohort: het jaar waarin het traject begon; periode: de jaren waarin het "
      "liep). Een traject wordt nooit in delen van zijn deelnemers getoond."),
)  # fmt: skip
_KLASSE_VAN_STATUS = {
    S.VERVOLGOPLEIDING: Uitkomst.VERVOLGOPLEIDING,
    S.UITGEVALLEN: Uitkomst.UITGEVALLEN,
    S.GEPARKEERD: Uitkomst.GEPARKEERD,
    S.AFGEROND: Uitkomst.AFGEROND_ZONDER_WERK,
}


@dataclass(frozen=True)
class Verloop:
    """One participant's result on the reference date."""

    deelname_id: int
    traject_id: int
    gemeente_id: int | None
    uitkomst: str
    uitval_reden: str
    werk_op: dt.date | None
    duurzaam_6: bool | None  # None: the day has not come yet (or no work)
    duurzaam_12: bool | None
    dagen_selectie_start: int | None
    dagen_start_werk: int | None
    dagen_uitkering: int | None = None  # on benefit during the trajectory (with a benefit only)
    gecheckt_6: bool = False  # duurzaam_6 comes from a recorded retention check (else: the placements)
    gecheckt_12: bool = False


def _in_werk_op(banen: list[dict], dag: dt.date) -> bool:
    return any(b["start"] <= dag and (b["einde"] is None or b["einde"] >= dag) for b in banen)


def _duurzaam(banen: list[dict], werk_op: dt.date, maanden: int, peildatum: dt.date) -> bool | None:
    dag = plus_maanden(werk_op, maanden)
    return None if dag > peildatum else _in_werk_op(banen, dag)


def _duurzaam_of_check(
    banen: list[dict], werk_op: dt.date | None, maanden: int, peildatum: dt.date, check: tuple | None
) -> tuple[bool | None, bool]:
    """(durable, from a check): the recorded check once its day has come, else the placements."""
    if werk_op is None:
        return None, False
    if check is not None and check[0] <= peildatum:
        return check[1], True
    return _duurzaam(banen, werk_op, maanden, peildatum), False


def verlopen(traject_ids: Iterable[int], *, peildatum: dt.date | None = None) -> list[Verloop]:
    """Each participant's result in these trajectories (the caller scoped them) on the reference
    date. In VERLOOP_QUERIES queries: the participations, their steps, the contracts, the
    retention checks."""
    from begeleiding.models import Behoudcheck

    peildatum = peildatum or timezone.localdate()
    traject_ids = list(traject_ids)
    deelnames = list(
        Deelname.objects.filter(traject_id__in=traject_ids)
        .filter(gestart())
        .values("id", "traject_id", "status", "uitval_reden", "deelnemer__gemeente_id", "deelnemer__uitkering_type")
        .order_by("id")
    )
    if not deelnames:
        return []
    ids = [d["id"] for d in deelnames]
    selectie: dict[int, dt.date] = {}
    start: dict[int, dt.date] = {}
    einde_opleiding: dict[int, dt.date] = {}
    verlaten: dict[int, dt.date] = {}
    for s in (
        DeelnameStap.objects.filter(deelname_id__in=ids)
        .values("deelname_id", "van_status", "naar_status", "ingangsdatum")
        .order_by("deelname_id", "op", "id")
    ):
        pk, dag = s["deelname_id"], s["ingangsdatum"]
        if s["naar_status"] == S.GESELECTEERD:
            selectie.setdefault(pk, dag)
        if s["naar_status"] in GESTARTE_STATES:
            start.setdefault(pk, dag)
        if s["van_status"] == S.OPLEIDING and s["naar_status"] != S.GEPARKEERD:
            einde_opleiding.setdefault(pk, dag)
        if s["naar_status"] in (S.UITGEVALLEN, S.VERVOLGOPLEIDING):
            verlaten.setdefault(pk, dag)
    banen: dict[int, list[dict]] = {}
    for baan in dienstverbanden(contractplaatsingen(traject_ids)):
        if baan["start"] <= peildatum:
            banen.setdefault(baan["deelname_id"], []).append(baan)
    checks: dict[tuple[int, int], tuple[dt.date, bool]] = {
        (pk, maanden): (dag, in_werk)
        for pk, maanden, dag, in_werk in Behoudcheck.objects.filter(deelname__traject_id__in=traject_ids)
        .order_by()
        .values_list("deelname_id", "maanden", "peildatum", "in_werk")
    }
    uit = []
    for d in deelnames:
        pk, eigen = d["id"], banen.get(d["id"], [])
        werk_op = min((b["start"] for b in eigen), default=None)
        if werk_op is not None:
            klaar = einde_opleiding.get(pk) or verlaten.get(pk)
            direct = klaar is None or werk_op <= plus_maanden(klaar, 1)
            uitkomst = Uitkomst.WERK_DIRECT if direct else Uitkomst.WERK_LATER
        else:
            uitkomst = _KLASSE_VAN_STATUS.get(d["status"], Uitkomst.NOG_ACTIEF)
        begon = start.get(pk)
        duurzaam_6, gecheckt_6 = _duurzaam_of_check(eigen, werk_op, 6, peildatum, checks.get((pk, 6)))
        duurzaam_12, gecheckt_12 = _duurzaam_of_check(eigen, werk_op, 12, peildatum, checks.get((pk, 12)))
        uit.append(
            Verloop(
                deelname_id=pk,
                traject_id=d["traject_id"],
                gemeente_id=d["deelnemer__gemeente_id"],
                uitkomst=uitkomst,
                uitval_reden=d["uitval_reden"] if uitkomst == Uitkomst.UITGEVALLEN else "",
                werk_op=werk_op,
                duurzaam_6=duurzaam_6,
                duurzaam_12=duurzaam_12,
                dagen_selectie_start=(begon - selectie[pk]).days if begon and pk in selectie else None,
                dagen_start_werk=max((werk_op - begon).days, 0) if werk_op and begon else None,
                dagen_uitkering=_dagen_uitkering(
                    d["deelnemer__uitkering_type"], begon, werk_op, verlaten.get(pk), peildatum
                ),  # fmt: skip
                gecheckt_6=gecheckt_6,
                gecheckt_12=gecheckt_12,
            )
        )
    return uit


def _dagen_uitkering(soort: str, begon, werk_op, verlaten, peildatum) -> int | None:
    """Days on benefit during the trajectory: from the start to work, leaving or the reference
    date, whichever came first; None without a benefit or a start."""
    if not begon or soort in ("", UitkeringType.GEEN):
        return None
    einde = min(d for d in (werk_op, verlaten, peildatum) if d is not None)
    return max((einde - begon).days, 0)


def _mediaan(waarden: list[int]) -> Decimal | None:
    return Decimal(str(statistics.median(waarden))) if waarden else None


@dataclass
class Uitkomsten:
    """The results of a group of participants (a trajectory, a gemeente's residents in it)."""

    totaal: int = 0
    per_klasse: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KLASSEN, 0))
    per_reden: dict[str, int] = field(default_factory=dict)  # uitgevallen, by reason
    duurzaam_6: int = 0
    gemeten_6: int = 0  # in work long enough for the 6-month check
    duurzaam_12: int = 0
    gemeten_12: int = 0
    gecheckt_6: int = 0  # of those measured, how many from a recorded check (the rest: inferred)
    gecheckt_12: int = 0
    dagen_selectie_start: list[int] = field(default_factory=list, repr=False)
    dagen_start_werk: list[int] = field(default_factory=list, repr=False)
    dagen_uitkering: list[int] = field(default_factory=list, repr=False)

    @property
    def naar_werk(self) -> int:
        return sum(self.per_klasse[k] for k in NAAR_WERK)

    @property
    def uitstroom_procent(self) -> Decimal | None:
        return procent(self.naar_werk, self.totaal)

    @property
    def mediaan_dagen_selectie_start(self) -> Decimal | None:
        return _mediaan(self.dagen_selectie_start)

    @property
    def mediaan_dagen_start_werk(self) -> Decimal | None:
        return _mediaan(self.dagen_start_werk)

    @property
    def mediaan_maanden_uitkering(self) -> Decimal | None:
        dagen = _mediaan(self.dagen_uitkering)
        return None if dagen is None else (dagen / DAGEN_PER_MAAND).quantize(Decimal("0.1"))


def tel(verlopen_: Iterable[Verloop], sleutel: Callable[[Verloop], Hashable] = lambda v: v.traject_id) -> dict:
    """The results per group (by default per trajectory)."""
    uit: dict[Hashable, Uitkomsten] = {}
    for v in verlopen_:
        k = sleutel(v)
        u = uit.get(k)
        if u is None:  # not setdefault: that would build an Uitkomsten for every participant
            u = uit[k] = Uitkomsten()
        u.totaal += 1
        u.per_klasse[v.uitkomst] += 1
        if v.uitval_reden:
            u.per_reden[v.uitval_reden] = u.per_reden.get(v.uitval_reden, 0) + 1
        if v.duurzaam_6 is not None:
            u.gemeten_6 += 1
            u.duurzaam_6 += v.duurzaam_6
            u.gecheckt_6 += v.gecheckt_6
        if v.duurzaam_12 is not None:
            u.gemeten_12 += 1
            u.duurzaam_12 += v.duurzaam_12
            u.gecheckt_12 += v.gecheckt_12
        if v.dagen_selectie_start is not None:
            u.dagen_selectie_start.append(v.dagen_selectie_start)
        if v.dagen_start_werk is not None:
            u.dagen_start_werk.append(v.dagen_start_werk)
        if v.dagen_uitkering is not None:
            u.dagen_uitkering.append(v.dagen_uitkering)
    return uit


@dataclass(frozen=True)
class Antwoordtijd:
    """How fast employers' questions in a trajectory were answered."""

    beantwoord: int  # answered questions
    mediaan_uren: Decimal | None  # median hours from question to answer, one decimal


class _Mediaan(models.Aggregate):
    function = "percentile_cont"
    name = "Mediaan"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = models.FloatField()


def antwoordtijden(traject_ids: Iterable[int]) -> dict[int, Antwoordtijd]:
    """The answer time of the employers' questions per trajectory (those with an answered one),
    set-based in one query (PostgreSQL's percentile_cont)."""
    from begeleiding.models import Werkgeversvraag

    seconden = models.Func(
        models.F("beantwoord_op") - models.F("gesteld_op"),
        template="EXTRACT(EPOCH FROM %(expressions)s)",
        output_field=models.FloatField(),
    )
    rijen = (
        Werkgeversvraag.objects.filter(
            plaatsing__deelname__traject_id__in=list(traject_ids), beantwoord_op__isnull=False
        )
        .values("plaatsing__deelname__traject_id")
        .annotate(n=models.Count("id"), mediaan=_Mediaan(seconden))
        .order_by()
        .values_list("plaatsing__deelname__traject_id", "n", "mediaan")
    )
    return {
        traject_id: Antwoordtijd(
            n, None if mediaan is None else (Decimal(str(mediaan)) / 3600).quantize(Decimal("0.1"), ROUND_HALF_UP)
        )
        for traject_id, n, mediaan in rijen
    }
