"""The demo's money (issue 13).

The installation trajectory, funded as in Noordoost-Brabant: the O&O-fonds pays the trade
training and the assessment (about 45% of the costs), the labour-market region the intercultural
training, the job coaching and the vaktaal, and the gemeente's Participatiebudget the regie and
the meetings. Most cover is committed; two proposals wait for a decision (one for each demo
financier), and a gap is left: the second group's VCA course and a quarter of its trade
training. On top, each home gemeente pays the O&O-fonds € 2.500 for every participant who starts
with a contract of at least six months: Yonas's BBL contract has produced that claim. The
region is asked to pay € 1.000 for each participant still in work after six months; that
agreement waits for the region's financier.

The glass trajectory, as the glass trajectories ran: the glass O&O-fonds pre-finances all of the
training (its ledger: advanced, earned back, outstanding), and every participant's home gemeente
pays it € 3.000 for each participant who starts with an employment contract (no one has yet:
the group is on its proefplaatsing); the gemeenten share what results do not earn back.

The finished cohort of two years ago: its costs, all covered by the gemeente's
Participatiebudget, so that the results show a cost per outflow to work.

Made through the services, as the users would; run again, it adds nothing (a trajectory that
has a budget keeps it).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from financiering import constants as c
from financiering import resultaten, selectors, services
from financiering.models import Begrotingsregel, Financieringsbron
from opleiders.models import Module
from trajecten.models import Traject

INSTALLATIE_NAAM = "Installatietechniek Noordoost-Brabant"  # trajecten.demo
GLAS_NAAM = "Glaszetters Noordoost-Brabant"  # trajecten.demo_glas
COHORT_NAAM = "Installatietechniek Noordoost-Brabant – cohort 1"  # trajecten.demo_cohort

K = c.Kostencategorie

# key -> (owner key, financier key, name, kind, budget, structural?, categories)
BRONNEN = {
    "oo": ("oo_installatie", "financier", "Opleidingsbudget nieuwkomers installatietechniek", c.BronSoort.OO_FONDS,
           "60000", c.Looptijd.EENMALIG, [K.VAKOPLEIDING, K.PRAKTIJKASSESSMENT, K.VCA]),
    "regio": ("regio", "financier_regio", "Regionaal werkbudget Noordoost-Brabant", c.BronSoort.REGIONAAL,
              "40000", c.Looptijd.STRUCTUREEL, [K.INTERCULTUREEL, K.JOBCOACHING, K.VAKTAAL, K.TAAL]),
    "gemeente": ("'s-Hertogenbosch", "financier_gemeente", "Participatiebudget 's-Hertogenbosch",
                 c.BronSoort.PARTICIPATIEBUDGET, "30000", c.Looptijd.STRUCTUREEL,
                 [K.REGIE, K.BIJEENKOMSTEN, K.VAKOPLEIDING, K.VCA, K.TAAL, K.JOBCOACHING]),
    "cohort": ("'s-Hertogenbosch", "financier_gemeente", "Participatiebudget 's-Hertogenbosch: cohort 1",
               c.BronSoort.PARTICIPATIEBUDGET, "65000", c.Looptijd.EENMALIG,
               [K.VAKOPLEIDING, K.VAKTAAL, K.JOBCOACHING, K.REGIE]),
    "glas": ("oo_glas", "financier_glas", "Voorfinanciering glaszetters", c.BronSoort.OO_FONDS, "50000",
             c.Looptijd.EENMALIG, [K.VAKOPLEIDING, K.VAKTAAL, K.VCA, K.PRAKTIJKASSESSMENT, K.TAAL, K.OVERIG]),
}  # fmt: skip

# The trajectory's own lines: (category, description, basis, amount)
REGELS = [
    (K.JOBCOACHING, "Jobcoaching tijdens opleiding en plaatsing", c.Grondslag.DEELNEMER, "1200"),
    (K.REGIE, "Projectleiding en regie", c.Grondslag.GROEP, "15000"),
    (K.BIJEENKOMSTEN, "Kick-off, meet & match en evaluaties", c.Grondslag.GROEP, "2500"),
]

# The finished cohort (trajecten.demo_cohort): its lines, all covered by the gemeente.
COHORT_REGELS = [
    (K.VAKOPLEIDING, "Basisvakopleiding monteur installatietechniek", c.Grondslag.DEELNEMER, "2850"),
    (K.VAKTAAL, "Vaktaal installatietechniek", c.Grondslag.GROEP, "9600"),
    (K.JOBCOACHING, "Jobcoaching tijdens opleiding, plaatsing en nazorg", c.Grondslag.DEELNEMER, "1200"),
    (K.REGIE, "Projectleiding en regie", c.Grondslag.GROEP, "12000"),
]

# Cover: (module name or own line's description, source key, share %, approved?)
DEKKING = [
    ("Basisvakopleiding monteur installatietechniek", "oo", "75", True),
    ("Basisvakopleiding monteur installatietechniek", "gemeente", "25", False),  # waits for the gemeente
    ("Basisvakopleiding monteur installatietechniek – groep 2", "oo", "75", True),
    ("VCA basis", "oo", "100", True),
    ("Praktijkassessment installatietechniek", "oo", "100", False),  # waits for the O&O-fonds
    ("Vaktaal installatietechniek", "regio", "100", True),
    ("Vaktaal installatietechniek – groep 2", "regio", "100", True),
    ("Interculturele training voor werkgevers en collega's", "regio", "100", True),
    ("Jobcoaching tijdens opleiding en plaatsing", "regio", "100", True),
    ("Projectleiding en regie", "gemeente", "100", True),
    ("Kick-off, meet & match en evaluaties", "gemeente", "100", True),
]


def create_financiering_demo(*, orgs: dict, users: dict, vandaag: dt.date) -> None:
    # Sources from two years back: the finished cohort's costs go back almost that far.
    van, tot = dt.date(vandaag.year - 2, 1, 1), dt.date(vandaag.year + 1, 12, 31)
    cohort = Traject.objects.filter(naam=COHORT_NAAM).first()
    if cohort is not None and not Begrotingsregel.objects.filter(traject=cohort).exists():
        _cohort(cohort, _bronnen(orgs, users, van, tot), users)  # also on a demo loaded before it existed
    traject = Traject.objects.filter(naam=INSTALLATIE_NAAM).first()
    if traject is None or Begrotingsregel.objects.filter(traject=traject).exists():
        return
    bronnen = _bronnen(orgs, users, van, tot)
    _installatie(traject, bronnen, orgs, users, tot)
    glas = Traject.objects.filter(naam=GLAS_NAAM).first()
    if glas is not None:
        _glas(glas, bronnen, orgs, users, tot)
    # What the task after the commit would do: the results reached so far give their claims.
    resultaten.detecteer(vandaag=vandaag)


def _bronnen(orgs, users, van, tot) -> dict:
    bronnen = {}
    for key, (org, financier, naam, soort, bedrag, looptijd, categorieen) in BRONNEN.items():
        bestaand = Financieringsbron.objects.filter(organisatie=orgs[org], naam=naam).first()
        bronnen[key] = bestaand or services.bron_save(
            acting_user=users[financier], naam=naam, soort=soort, bedrag=Decimal(bedrag), geldig_van=van,
            geldig_tot=tot, looptijd=looptijd, categorieen=categorieen,
        )  # fmt: skip
    return bronnen


def _installatie(traject, bronnen, orgs, users, tot) -> None:
    regisseur = users["regisseur"]
    eigen = {
        omschrijving: services.begrotingsregel_save(
            acting_user=regisseur,
            traject=traject,
            categorie=categorie,
            omschrijving=omschrijving,
            grondslag=grondslag,
            bedrag=Decimal(bedrag),
        )  # fmt: skip
        for categorie, omschrijving, grondslag, bedrag in REGELS
    }
    modules = {m.naam: m for m in Module.objects.filter(traject=traject)}
    for naam, bron, aandeel, toegezegd in DEKKING:
        regel, module = eigen.get(naam), modules.get(naam)
        if regel is None and module is None:
            continue
        dekking = services.dekking_propose(
            acting_user=regisseur, traject=traject, bron=bronnen[bron], regel=regel, module=module,
            aandeel=Decimal(aandeel),
        )  # fmt: skip
        if toegezegd:
            financier = users[BRONNEN[bron][1]]
            services.dekking_approve(acting_user=financier, dekking=dekking)
    services.resultaatafspraak_create(
        acting_user=regisseur, traject=traject, resultaat=c.ResultaatSoort.CONTRACT, min_maanden=6,
        bedrag=Decimal("2500"), betaler_soort=c.BetalerSoort.WOONGEMEENTE, ontvanger=orgs["oo_installatie"],
        declareren_tot=tot,
    )  # fmt: skip
    services.resultaatafspraak_create(
        acting_user=regisseur, traject=traject, resultaat=c.ResultaatSoort.DUURZAAM_6, bedrag=Decimal("1000"),
        betaler_soort=c.BetalerSoort.BRON, betaler_bron=bronnen["regio"], ontvanger=orgs["oo_installatie"],
        declareren_tot=tot,
    )  # fmt: skip


def _cohort(traject, bronnen, users) -> None:
    """The finished cohort's costs, covered by the gemeente's Participatiebudget."""
    for categorie, omschrijving, grondslag, bedrag in COHORT_REGELS:
        regel = services.begrotingsregel_save(
            acting_user=users["regisseur"], traject=traject, categorie=categorie, omschrijving=omschrijving,
            grondslag=grondslag, bedrag=Decimal(bedrag),
        )  # fmt: skip
        dekking = services.dekking_propose(
            acting_user=users["regisseur"], traject=traject, bron=bronnen["cohort"], regel=regel, aandeel=Decimal("100")
        )
        services.dekking_approve(acting_user=users["financier_gemeente"], dekking=dekking)


def _glas(traject, bronnen, orgs, users, tot) -> None:
    """The glass O&O-fonds pre-finances every module; the gemeenten pay per contract."""
    regisseur = users["regisseur_wsp"]
    for module in Module.objects.filter(traject=traject).order_by("start", "id"):
        if c.CATEGORIE_VAN_MODULE[module.soort] not in bronnen["glas"].categorieen:
            continue
        dekking = services.dekking_propose(
            acting_user=regisseur, traject=traject, bron=bronnen["glas"], module=module, aandeel=Decimal("100")
        )
        services.dekking_approve(acting_user=users["financier_glas"], dekking=dekking)
    services.resultaatafspraak_create(
        acting_user=regisseur, traject=traject, resultaat=c.ResultaatSoort.CONTRACT, bedrag=Decimal("3000"),
        betaler_soort=c.BetalerSoort.WOONGEMEENTE, ontvanger=orgs["oo_glas"], declareren_tot=tot,
    )  # fmt: skip
    # What the fund committed is what it advances; the gemeenten share what results do not earn back.
    voorgeschoten = selectors.begroting(traject).toegezegd
    if voorgeschoten:
        services.voorfinanciering_save(
            acting_user=users["financier_glas"], traject=traject, bron=bronnen["glas"], bedrag=voorgeschoten,
            verrekening=c.Verrekening.GEMEENTEN,
        )  # fmt: skip
