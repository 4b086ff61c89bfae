"""The data of the results benchmark (scripts/benchmark_resultaten.py), relative to a day `vandaag`.

- Labour-market regions of uneven size (about ten gemeenten each on average); the first gemeente
  of a region is its centre, which takes part in most of the region's trajectories. One extra
  gemeente ("klein") takes part in exactly one trajectory, to compare the number of queries.
- Trajectories in a region chosen by its size, each with regie at one gemeente and 2 to 6
  participating gemeenten of that region (Traject.gemeenten, the regie among them), a sector, an
  employer with a work place, one budget line, and six phases starting between 45 and 1,400 days
  before `vandaag` (so about half of them have finished).
- Participations whose participants live in the trajectory's gemeenten (a few elsewhere in the
  region), each with a fate drawn from FATEN: some only applied or were rejected, others dropped
  out, were parked, moved on to further education, found work during the training (BBL), right
  after it, after a trial placement or months later; contracts that ended early (some followed
  by another), fixed-term contracts converted into permanent ones. What lies after `vandaag` has
  not happened: the steps and placements stop there.
Everything is drawn from a random generator seeded per trajectory, so a run is repeatable and a
trajectory does not depend on the chunk it is written in. Written with bulk_create, a chunk of
trajectories at a time.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from benchmark_signalen_data import elfproef_bsns

SEED = 14
SECTOREN = ["installatietechniek", "bouw", "glas", "energietransitie"]
GEMEENTEN_PER_REGIO = 10
# A participation's fate and its share (they add up to 1).
FATEN = [
    (0.03, "aangemeld"), (0.02, "intake"), (0.03, "afgewezen"),
    (0.09, "uitgevallen"), (0.03, "geparkeerd"), (0.05, "vervolgopleiding"),
    (0.07, "bbl"), (0.28, "direct"), (0.14, "proef_werk"), (0.09, "later_werk"),
    (0.05, "afgerond_zonder_werk"), (0.12, "proef_zonder_werk"),
]  # fmt: skip
REDENEN = ["niet_arbeidsfit", "taal", "gezondheid", "vervoer", "zorgtaken", "ander_werk", "verhuisd", "motivatie",
           "overig"]  # fmt: skip
REDENEN_NA_PROEF = ["vacature_vervallen", "motivatie", "niet_arbeidsfit", "overig"]
EINDE_REDENEN = ["werkgever", "deelnemer", "niet_passend", "contract_elders"]
GEPLAND = {"bbl": 730, "bepaalde_tijd": 364, "uitzend": 181, "onbepaalde_tijd": None}


@dataclass
class Plan:
    """One trajectory as planned: gemeenten are indexes into Wereld.gemeenten, the regie first."""

    nummer: int
    regio: int
    gemeenten: list[int]
    sector: str
    fasen: list[tuple[str, dt.date, dt.date]]
    status: str


@dataclass
class Contract:
    """A placement as it stands on `vandaag` (index `omgezet_uit` into the same participant's list)."""

    soort: str
    start: dt.date
    gepland_einde: dt.date | None
    status: str = "gestart"
    einde: dt.date | None = None
    einde_reden: str = ""
    omgezet_uit: int | None = None


def _dag(d: dt.date, dagen: int) -> dt.date:
    return d + dt.timedelta(days=dagen)


def moment(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, 10, tzinfo=dt.UTC)


def fasen(rng: random.Random, vandaag: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """Six phases: recruitment, six weeks of voortraject, six to nine months of training, a trial
    placement, matching and six months of aftercare."""
    s = _dag(vandaag, -rng.randint(45, 1400))
    o1 = _dag(s, 84 + rng.choice((182, 224, 273)) - 1)
    return [
        ("werving_selectie", s, _dag(s, 41)), ("voortraject", _dag(s, 42), _dag(s, 83)),
        ("opleiding", _dag(s, 84), o1), ("proefplaatsing", _dag(o1, 1), _dag(o1, 61)),
        ("matching_plaatsing", _dag(o1, 62), _dag(o1, 150)), ("nazorg", _dag(o1, 151), _dag(o1, 330)),
    ]  # fmt: skip


def lot(rng: random.Random) -> str:
    x = rng.random()
    for aandeel, fate in FATEN:
        if x < aandeel:
            return fate
        x -= aandeel
    return FATEN[-1][1]


def _contracten(rng: random.Random, soort: str, c: dt.date, vandaag: dt.date) -> list[Contract]:
    """The contract that starts on `c`, what became of it, and what followed it, up to `vandaag`."""
    if c > vandaag:
        return []
    eerste = Contract(soort, c, _dag(c, GEPLAND[soort]) if GEPLAND[soort] else None)
    uit = [eerste]
    x = rng.random()
    if x < 0.15:  # ended early; some found another contract
        einde = _dag(c, rng.randint(30, 300))
        volgende = _dag(einde, rng.randint(14, 90)) if rng.random() < 0.4 else None
        if einde <= vandaag:
            eerste.status, eerste.einde, eerste.einde_reden = "beeindigd", einde, rng.choice(EINDE_REDENEN)
            if volgende and volgende <= vandaag:
                soort2 = rng.choice(("onbepaalde_tijd", "uitzend"))
                uit.append(Contract(soort2, volgende, _dag(volgende, GEPLAND[soort2]) if GEPLAND[soort2] else None))
    elif x < 0.30 and soort == "bepaalde_tijd":  # made permanent: one employment
        omzetting = _dag(c, rng.randint(180, 330))
        if omzetting <= vandaag:
            eerste.status, eerste.einde = "omgezet", _dag(omzetting, -1)
            uit.append(Contract("onbepaalde_tijd", omzetting, None, omgezet_uit=0))
    return uit


def verloop(rng: random.Random, plan: Plan, vandaag: dt.date):
    """One participation up to `vandaag`: its steps [(date, status, reason)], its placements, and
    the status it was parked from (or "")."""
    f = {soort: (start, eind) for soort, start, eind in plan.fasen}
    w0, v0, o0, o1 = f["werving_selectie"][0], f["voortraject"][0], f["opleiding"][0], f["opleiding"][1]
    einde_traject = f["nazorg"][1]
    fate = lot(rng)
    a = _dag(w0, rng.randint(0, 30))
    intake = _dag(a, rng.randint(3, 8))
    stappen: list[tuple[dt.date, str, str]] = [(a, "aangemeld", "")]
    plaatsingen: list[Contract] = []
    if fate != "aangemeld":
        stappen.append((intake, "intake", ""))
    if fate == "afgewezen":
        stappen.append((_dag(intake, rng.randint(3, 10)), "afgewezen", ""))
    if fate in ("aangemeld", "intake", "afgewezen"):
        return _tot(stappen, vandaag), plaatsingen
    selectie = max(intake, min(_dag(intake, rng.randint(3, 12)), _dag(v0, -1)))
    start = _dag(v0, rng.randint(0, 7))
    stappen += [(selectie, "geselecteerd", ""), (start, "voortraject", "")]
    if fate in ("uitgevallen", "geparkeerd"):
        dag = _dag(start, rng.randint(7, (o1 - start).days - 7))
        if dag >= o0:
            stappen.append((o0, "opleiding", ""))
        stappen.append((dag, fate, rng.choice(REDENEN) if fate == "uitgevallen" else ""))
        return _tot(stappen, vandaag), plaatsingen
    stappen.append((o0, "opleiding", ""))
    if fate == "vervolgopleiding":
        stappen.append((_dag(o1, rng.randint(0, 20)), "vervolgopleiding", ""))
        return _tot(stappen, vandaag), plaatsingen
    if fate == "afgerond_zonder_werk":
        # The state machine goes through a placement first; the results read only the steps.
        stappen.append((_dag(o1, rng.randint(0, 14)), "afgerond", ""))
        return _tot(stappen, vandaag), plaatsingen
    soort = rng.choices(("bepaalde_tijd", "onbepaalde_tijd", "uitzend"), weights=(70, 15, 15))[0]
    if fate == "bbl":
        soort, c = "bbl", _dag(o0, rng.randint(30, 120))
    elif fate == "direct":
        c = _dag(o1, rng.randint(0, 25))
    else:
        p = _dag(o1, rng.randint(1, 14))
        stappen.append((p, "proefplaatsing", ""))
        if p <= vandaag:
            proef = Contract("proefplaatsing", p, _dag(p, 60))
            if proef.gepland_einde < vandaag:
                proef.status, proef.einde = "beeindigd", proef.gepland_einde
                proef.einde_reden = "afgerond" if fate != "proef_zonder_werk" else "niet_passend"
            plaatsingen.append(proef)
        if fate == "proef_zonder_werk":
            stappen.append((_dag(p, rng.randint(90, 200)), "uitgevallen", rng.choice(REDENEN_NA_PROEF)))
            return _tot(stappen, vandaag), plaatsingen
        c = _dag(p, 61 + rng.randint(0, 20)) if fate == "proef_werk" else _dag(p, rng.randint(90, 240))
    eigen = _contracten(rng, soort, c, vandaag)
    for contract in eigen:
        if contract.omgezet_uit is not None:
            contract.omgezet_uit += len(plaatsingen)
    plaatsingen += eigen
    nazorg = max(_dag(c, 60), o1) if fate == "bbl" else _dag(c, 60)
    stappen += [(c, "geplaatst", ""), (nazorg, "nazorg", ""), (max(einde_traject, _dag(c, 180)), "afgerond", "")]
    return _tot(stappen, vandaag), plaatsingen


def _tot(stappen, vandaag):
    return [s for s in stappen if s[0] <= vandaag]


class Wereld:
    """Regions, gemeenten with a regisseur and a klantmanager each, and the plan of every trajectory."""

    def __init__(self, vandaag: dt.date, *, gemeenten: int, trajecten: int, per_traject: int):
        from django.contrib.auth.hashers import make_password

        from leerwerk.models import Organisatie, OrganisatieType, Rol, User
        from leerwerk.regios import Provincie

        self.vandaag = vandaag
        self.per_traject = per_traject
        rng = random.Random(SEED)  # noqa: S311 - benchmark data, not secrets
        gewoon = gemeenten - 1  # the last one is "klein"
        n_regios = max(1, math.ceil(gewoon / GEMEENTEN_PER_REGIO))
        groottes = [2] * n_regios
        gewichten = [rng.uniform(0.3, 3.0) for _ in range(n_regios)]
        for _ in range(gewoon - 2 * n_regios):
            groottes[rng.choices(range(n_regios), weights=gewichten)[0]] += 1
        provincies = list(Provincie)
        regios = Organisatie.objects.bulk_create(
            [Organisatie(naam=f"Benchmarkregio {r + 1:02d}", type=OrganisatieType.ARBEIDSMARKTREGIO)
             for r in range(n_regios)]
        )  # fmt: skip
        orgs, self.leden = [], []
        for r, grootte in enumerate(groottes):
            leden = []
            for j in range(grootte):
                leden.append(len(orgs))
                naam = f"Benchmarkgemeente {len(orgs) + 1:03d}" + (" (centrum)" if j == 0 else "")
                orgs.append(Organisatie(naam=naam, type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regios[r],
                                        provincie=provincies[r % len(provincies)]))  # fmt: skip
            self.leden.append(leden)
        self.klein = len(orgs)
        provincie = provincies[(n_regios - 1) % len(provincies)]
        orgs.append(Organisatie(naam="Benchmarkgemeente klein", type=OrganisatieType.GEMEENTE,
                                arbeidsmarktregio=regios[-1], provincie=provincie))  # fmt: skip
        self.regios = regios
        self.gemeenten = Organisatie.objects.bulk_create(orgs)
        wachtwoord = make_password(None)
        users = []
        for g in self.gemeenten:
            for rol in (Rol.REGISSEUR, Rol.KLANTMANAGER):
                users.append(User(email=f"{rol}-{g.pk}@benchmark.example", naam=f"{rol.label} {g.naam}",
                                  organisatie=g, rollen=[rol], password=wachtwoord))  # fmt: skip
        users = User.objects.bulk_create(users)
        self.regisseur = {u.organisatie_id: u.pk for u in users if u.rollen == [Rol.REGISSEUR]}
        self.klantmanager = {u.organisatie_id: u.pk for u in users if u.rollen == [Rol.KLANTMANAGER]}
        self.plannen = [self._plan(rng, k, groottes) for k in range(trajecten)]
        # "klein" takes part in the first trajectory of its region, and in no other.
        eerste = next((p for p in self.plannen if p.regio == n_regios - 1), None)
        if eerste:
            if len(eerste.gemeenten) >= 6:
                eerste.gemeenten.pop()
            eerste.gemeenten.append(self.klein)
        self.bsns = elfproef_bsns(20_000_000)
        self.aantallen = Counter(organisaties=len(regios) + len(self.gemeenten), gebruikers=len(users))
        self.statussen: Counter = Counter()

    def _plan(self, rng: random.Random, k: int, groottes: list[int]) -> Plan:
        r = rng.choices(range(len(groottes)), weights=groottes)[0]
        leden = self.leden[r]
        centrum, overige = leden[0], leden[1:]
        n = min(rng.randint(2, 6), len(leden))
        if rng.random() < 0.75:
            kies = [centrum, *rng.sample(overige, n - 1)]
        else:
            kies = rng.sample(overige, min(n, len(overige)))
        regie = centrum if centrum in kies and rng.random() < 0.5 else rng.choice(kies)
        eigen = random.Random(SEED * 100_003 + k)  # noqa: S311 - the trajectory's own dates
        plan_fasen = fasen(eigen, self.vandaag)
        status = "afgerond" if plan_fasen[-1][2] < self.vandaag else "lopend"
        return Plan(k, r, [regie, *[g for g in kies if g != regie]], SECTOREN[rng.randrange(4)], plan_fasen, status)


def maak_chunk(w: Wereld, nummers: range) -> None:
    """The trajectories numbered `nummers` with their employers, budgets and participations."""
    plannen = [w.plannen[k] for k in nummers]
    trajecten, plekken = _trajecten(w, plannen)
    _deelnames(w, plannen, trajecten, plekken)


def _trajecten(w: Wereld, plannen: list[Plan]):
    from financiering.models import Begrotingsregel
    from leerwerk.models import Organisatie, OrganisatieType
    from leerwerk.regios import bouwvak_regio
    from trajecten.models import Traject, TrajectFase
    from werkgevers.models import Leerwerkplek, Locatie, Werkgever

    orgs = Organisatie.objects.bulk_create(
        [Organisatie(naam=f"Benchmarkbedrijf {p.nummer + 1}", type=OrganisatieType.WERKGEVER) for p in plannen]
    )
    werkgevers = Werkgever.objects.bulk_create(
        [Werkgever(organisatie=o, kvk_nummer=f"{30_000_000 + p.nummer:08d}", sector=p.sector, sbb_erkend=True)
         for p, o in zip(plannen, orgs, strict=True)]
    )  # fmt: skip
    locaties = []
    for p, wg in zip(plannen, werkgevers, strict=True):
        provincie = w.gemeenten[p.gemeenten[0]].provincie
        locaties.append(Locatie(werkgever=wg, naam="Hoofdvestiging", adres=f"Industrieweg {p.nummer + 1}",
                                postcode="1234 AB", plaats="Benchmarkstad", gemeente=w.gemeenten[p.gemeenten[0]].naam,
                                provincie=provincie, bouwvak_regio=bouwvak_regio(provincie)))  # fmt: skip
    locaties = Locatie.objects.bulk_create(locaties)
    trajecten = Traject.objects.bulk_create(
        [
            Traject(
                naam=f"Benchmarktraject {p.nummer + 1:04d}",
                sector=p.sector,
                beroep="Monteur",
                arbeidsmarktregio=w.regios[p.regio],
                regie_organisatie=w.gemeenten[p.gemeenten[0]],
                regisseur_id=w.regisseur[w.gemeenten[p.gemeenten[0]].pk],
                capaciteit=w.per_traject + 10,
                instroomvorm="cohort",
                status=p.status,
                doel_aantal_deelnemers=w.per_traject,
                doel_aandeel_werk=50,
            )  # fmt: skip
            for p in plannen
        ]
    )
    koppelingen = [
        Traject.gemeenten.through(traject=t, organisatie=w.gemeenten[g])
        for p, t in zip(plannen, trajecten, strict=True)
        for g in p.gemeenten
    ]
    Traject.gemeenten.through.objects.bulk_create(koppelingen)
    fase_rijen = [
        TrajectFase(traject=t, soort=soort, start=start, eind=eind)
        for p, t in zip(plannen, trajecten, strict=True)
        for soort, start, eind in p.fasen
    ]
    TrajectFase.objects.bulk_create(fase_rijen)
    plekken = Leerwerkplek.objects.bulk_create(
        [
            Leerwerkplek(
                werkgever=wg,
                traject=t,
                functietitel="Assistent-monteur",
                beroep="Monteur",
                uren_per_week=32,
                locatie=loc,
                startdatum=p.fasen[3][1],
                aantal_plaatsen=w.per_traject,
            )  # fmt: skip
            for p, wg, t, loc in zip(plannen, werkgevers, trajecten, locaties, strict=True)
        ]
    )
    regels = Begrotingsregel.objects.bulk_create(
        [Begrotingsregel(traject=t, categorie="vakopleiding", omschrijving="Vakopleiding (benchmark)",
                         grondslag="deelnemer", bedrag=Decimal("4500.00")) for t in trajecten]
    )  # fmt: skip
    w.aantallen.update(
        organisaties=len(orgs), werkgevers=len(werkgevers), locaties=len(locaties), trajecten=len(trajecten),
        traject_gemeenten=len(koppelingen), fasen=len(fase_rijen), leerwerkplekken=len(plekken),
        begrotingsregels=len(regels),
    )  # fmt: skip
    return trajecten, plekken


def _deelnames(w: Wereld, plannen: list[Plan], trajecten, plekken) -> None:
    from deelnemers.models import Deelnemer
    from trajecten.models import Deelname, DeelnameStap
    from werkgevers.models import Plaatsing

    deelnemers, verlopen = [], []
    for p in plannen:
        rng = random.Random(SEED * 1_000_003 + p.nummer)  # noqa: S311 - benchmark data, not secrets
        regio = [g for g in w.leden[p.regio] if g != w.klein]
        for slot in range(w.per_traject):
            i = p.nummer * w.per_traject + slot
            # Residents of the trajectory's gemeenten (the regie twice as likely), a few from elsewhere in the region.
            thuis = rng.choice(regio) if rng.random() < 0.02 else rng.choice([*p.gemeenten, p.gemeenten[0]])
            g = w.gemeenten[thuis]
            uitkering = rng.choices(("participatiewet_bijstand", "ww", "geen"), weights=(85, 5, 10))[0]
            deelnemers.append(Deelnemer(
                voornaam="Deelnemer", achternaam=f"Nummer {i}",
                geboortedatum=dt.date(1975, 1, 1) + dt.timedelta(days=i % 9000), bsn=next(w.bsns), gemeente=g,
                doelgroep="statushouder" if i % 3 else "anderstalig", uren_per_week=32,
                klantmanager_id=w.klantmanager[g.pk], uitkering_type=uitkering,
            ))  # fmt: skip
            verlopen.append((p, g, *verloop(rng, p, w.vandaag)))
    deelnemers = Deelnemer.objects.bulk_create(deelnemers, batch_size=5000)

    traject_van = {p.nummer: t for p, t in zip(plannen, trajecten, strict=True)}
    plek_van = {p.nummer: pl for p, pl in zip(plannen, plekken, strict=True)}
    deelnames = []
    for (p, g, stappen, _plaatsingen), deelnemer in zip(verlopen, deelnemers, strict=True):
        status, reden = stappen[-1][1], stappen[-1][2]
        vorige = stappen[-2][1] if status == "geparkeerd" else ""
        deelnames.append(Deelname(
            traject=traject_van[p.nummer], deelnemer=deelnemer, status=status, uitval_reden=reden,
            vorige_status=vorige, aangemeld_door_id=w.klantmanager[g.pk], aangemeld_op=moment(stappen[0][0]),
            status_sinds=stappen[-1][0],
        ))  # fmt: skip
        w.statussen[status] += 1
    deelnames = Deelname.objects.bulk_create(deelnames, batch_size=5000)

    stap_rijen, eerste, tweede = [], [], []
    for (p, _g, stappen, plaatsingen), deelname in zip(verlopen, deelnames, strict=True):
        regisseur = w.regisseur[w.gemeenten[p.gemeenten[0]].pk]
        van = ""
        for dag, naar, reden in stappen:
            stap_rijen.append(DeelnameStap(deelname=deelname, van_status=van, naar_status=naar, door_id=regisseur,
                                           op=moment(dag), ingangsdatum=dag, uitval_reden=reden))  # fmt: skip
            van = naar
        objecten = []
        for c in plaatsingen:
            obj = Plaatsing(
                deelname=deelname, leerwerkplek=plek_van[p.nummer], soort=c.soort, start=c.start,
                gepland_einde=c.gepland_einde, uren_per_week=32, status=c.status, bevestigde_versie=1,
                voorgesteld_door_id=regisseur, voorgesteld_op=moment(_dag(c.start, -14)),
                bevestigd_door_id=regisseur, bevestigd_op=moment(_dag(c.start, -7)), einde=c.einde,
                einde_reden=c.einde_reden,
            )  # fmt: skip
            objecten.append(obj)
            if c.omgezet_uit is None:
                eerste.append(obj)
            else:
                obj.omgezet_uit = objecten[c.omgezet_uit]
                tweede.append(obj)
    DeelnameStap.objects.bulk_create(stap_rijen, batch_size=10_000)
    Plaatsing.objects.bulk_create(eerste, batch_size=5000)
    for obj in tweede:  # the contract it was converted from has its key now
        obj.omgezet_uit_id = obj.omgezet_uit.pk
    Plaatsing.objects.bulk_create(tweede, batch_size=5000)
    contracten = sum(1 for obj in eerste + tweede if obj.soort != "proefplaatsing")
    w.aantallen.update(
        deelnemers=len(deelnemers), deelnames=len(deelnames), stappen=len(stap_rijen),
        plaatsingen=len(eerste) + len(tweede), contracten=contracten,
    )  # fmt: skip
