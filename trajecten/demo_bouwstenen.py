"""Building blocks of the demo trajectories: the demo's world and dates, and writes through the services.

Everything the demo writes about a person goes through the same services a klantmanager,
regisseur or opleider uses (deelnemer_create, toestemming_record, intake_save,
randvoorwaarde_update, deelname_create, deelname_transition, contactmoment_create,
vervolgactie_complete, module_create, moduledeelname_add, moduledeelname_update,
certificaat_create), so the demo obeys the same rules as real use: the regisseur plans the
modules and names their trainer, the trainer's opleider enrols participants, records their
attendance and results and the certificates they earned. Two things the services cannot do for
a story that began months ago are done afterwards, and only here:

- deelname_create registers the aanmelding on the day it is called; the demo moves that first
  step (and every later step's recording time) back to the day the story says it happened.
  The steps' table refuses UPDATEs by trigger, so this runs inside pgtrigger.ignore.
- the candidate's registration time is moved back the same way.

werkgevers.demo moves the times of profiles, matches and placements back in the same way, and
the step a placement's confirmation makes (stap_terugdateren).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pgtrigger
from django.utils import timezone

from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Deelnemer
from deelnemers.services import (
    STANDAARD_RANDVOORWAARDEN,
    deelnemer_create,
    intake_save,
    randvoorwaarde_update,
    toestemming_record,
)
from leerwerk.datums import Bouwvak, BouwvakKalender, plus_maanden, plus_werkdagen, werkdag_tot, werkdagen_tussen
from leerwerk.models import Rol
from opleiders.constants import CERTIFICATEN_MET_VERVALDATUM, Voortgang
from opleiders.models import Certificaat, Lesdag, Module, ModuleDeelname
from opleiders.services import (
    certificaat_create,
    lesdagen_generate,
    module_create,
    moduledeelname_add,
    moduledeelname_update,
    presentielijst_save,
)
from trajecten import constants as c
from trajecten.demo_personen import (
    HERTOGENBOSCH,
    MEIERIJSTAD,
    NIEUWKOMER_INTAKE,
    OSS,
    RANDVOORWAARDEN_GEREGELD,
    TOESTEMMING_LOOPT_AF,
    TOESTEMMING_MAANDEN,
    Persoon,
    intake_velden,
)
from trajecten.models import Deelname, DeelnameStap, Traject, TrajectFase, TrajectPartner
from trajecten.services import contactmoment_create, deelname_create, deelname_transition, vervolgactie_complete

DAG = dt.timedelta(days=1)
WEEK = dt.timedelta(weeks=1)
VCA_GELDIG_JAREN = 10

# The gemeenten taking part in both demo trajectories.
DEMO_GEMEENTEN = (HERTOGENBOSCH, OSS, MEIERIJSTAD)
# The klantmanager (demo user key) who registers the candidates of each gemeente.
KLANTMANAGER_VAN = {
    HERTOGENBOSCH: "klantmanager",
    OSS: "klantmanager_oss",
    MEIERIJSTAD: "klantmanager_meierijstad",
}


# --- Dates ------------------------------------------------------------------------------------
# Bouwvak periods and working days come from leerwerk.datums (the one dates module) over the
# periods in the database; signalen.demo enters the years the demo needs where they are missing.

# The first group's plan looks back to the latest bouwvak that ended at least this long ago: room
# for its trial placements after it, a placement a month ago and one nearing its two-month limit.
MARGE_NA_BOUWVAK = 12 * WEEK


def vorige_bouwvak(kalender: BouwvakKalender, regio: str, vandaag: dt.date, marge=MARGE_NA_BOUWVAK) -> Bouwvak:
    """The latest bouwvak of `regio` that ended at least `marge` before today."""
    jaar = vandaag.year
    while True:
        bouwvak = kalender.get(regio, jaar)
        if bouwvak.eind + marge <= vandaag:
            return bouwvak
        jaar -= 1


def maandag(dag: dt.date) -> dt.date:
    """The Monday of the week of `dag`."""
    return dag - dag.weekday() * DAG


def fase_periode(
    kalender: BouwvakKalender, regio: str, start: dt.date, weken: int, *, bouwvak: bool = True
) -> tuple[dt.date, dt.date]:
    """A phase of `weken` weeks from Monday `start` to a Friday. With `bouwvak`, it does not start
    in the bouwvak of `regio`, and work that runs into the bouwvak pauses for it (it ends the
    bouwvak's working days later)."""
    if not bouwvak:
        return start, start + weken * WEEK - 3 * DAG
    lopend = kalender.op(regio, start)
    if lopend is not None:
        start = lopend.eerste_werkdag_na
    eind = start + weken * WEEK - 3 * DAG
    for periode in kalender.overlappend(regio, start, eind):
        eind = plus_werkdagen(eind, werkdagen_tussen(periode.start, periode.eind))
    return start, eind


def tijdstip(dag: dt.date, minuten: int = 0) -> dt.datetime:
    """A recording time on `dag` during office hours (Europe/Amsterdam)."""
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(9, 30)) + dt.timedelta(minutes=minuten))


# --- The world the demo plays in ----------------------------------------------------------------


@dataclass
class Wereld:
    orgs: dict  # key -> Organisatie
    users: dict  # key -> User
    vandaag: dt.date
    kalender: BouwvakKalender  # the bouwvak periods, loaded once
    regio: str  # the bouwvak region of the demo's gemeenten (all in Noord-Brabant: Zuid)

    def vorige_bouwvak(self) -> Bouwvak:
        return vorige_bouwvak(self.kalender, self.regio, self.vandaag)

    def fase(self, start: dt.date, weken: int, *, bouwvak: bool = True) -> tuple[dt.date, dt.date]:
        return fase_periode(self.kalender, self.regio, start, weken, bouwvak=bouwvak)

    def klantmanager_van(self, gemeente_naam: str):
        return self.users[KLANTMANAGER_VAN[gemeente_naam]]

    def opleider_van(self, organisatie):
        """The demo login with the opleider role at the trainer `organisatie`."""
        return next(u for u in self.users.values() if u.organisatie_id == organisatie.pk and u.has_rol(Rol.OPLEIDER))


# --- Candidates -----------------------------------------------------------------------------


def deelnemer_ensure(w: Wereld, p: Persoon, *, registratie: dt.date) -> tuple[Deelnemer, bool]:
    """The candidate with p's BSN; registered (with consent, intake, preconditions) when new."""
    bestaand = Deelnemer.objects.filter(bsn=p.bsn).first()
    if bestaand is not None:
        return bestaand, False
    km = w.klantmanager_van(p.gemeente)
    jaar, maand, dag = p.geboortedatum
    talen, tolk, vergunning = NIEUWKOMER_INTAKE.get(p.key, ((), "", None))
    deelnemer = deelnemer_create(
        talen=[{"taal": taal, "niveau": niveau} for taal, niveau in talen],
        tolk_nodig=bool(tolk),
        tolk_taal=tolk,
        verblijfsvergunning_datum=dt.date(*vergunning) if vergunning else None,
        acting_user=km,
        werkervaringen=[{"sector": s, "jaren": j, "waar": waar} for s, j, waar in p.werkervaring],
        voornaam=p.voornaam,
        achternaam=p.achternaam,
        geboortedatum=dt.date(jaar, maand, dag),
        bsn=p.bsn,
        email=f"{p.voornaam}.{p.achternaam}".lower().replace(" ", "") + "@example.com",
        woonplaats=p.woonplaats,
        doelgroep=p.doelgroep,
        inburgering_regime=p.regime,
        inburgering_route=p.route,
        inburgering_status=p.inburgering,
        taal_luisteren=p.taal[0],
        taal_lezen=p.taal[1],
        taal_spreken=p.taal[2],
        taal_schrijven=p.taal[3],
        taal_gemeten_op=registratie - 30 * DAG,
        opleidingsniveau=p.opleidingsniveau,
        opleiding_erkend=p.opleiding_erkend,
        uitkering_type="participatiewet_bijstand" if p.uitkering else "geen",
        uitkering_start=registratie - p.uitkering_sinds_dagen * DAG if p.uitkering else None,
        uitkering_maandbedrag=p.uitkering,
        uren_per_week=p.uren,
        dagdelen=p.dagdelen,
        rijbewijs=p.rijbewijs,
        gezondheid_beperkingen=p.beperkingen,
    )
    Deelnemer.objects.filter(pk=deelnemer.pk).update(aangemaakt_op=tijdstip(registratie))
    if p.toestemming_partners:
        loopt_af = TOESTEMMING_LOOPT_AF.get(p.key)
        toestemming_record(
            acting_user=km,
            deelnemer=deelnemer,
            soort=ToestemmingSoort.PARTNERS,
            gegeven_op=registratie,
            einddatum=w.vandaag + loopt_af * DAG if loopt_af else plus_maanden(registratie, TOESTEMMING_MAANDEN),
        )
    if p.toestemming_werkgevers:
        toestemming_record(
            acting_user=km,
            deelnemer=deelnemer,
            soort=ToestemmingSoort.WERKGEVERS,
            gegeven_op=registratie + 7 * DAG,
            einddatum=plus_maanden(registratie + 7 * DAG, TOESTEMMING_MAANDEN),
        )
    if p.intake:
        intake_save(
            acting_user=km, deelnemer=deelnemer, afgenomen_op=werkdag_tot(registratie + 6 * DAG), **intake_velden(p)
        )
    _randvoorwaarden(w, p, deelnemer, km)
    return deelnemer, True


def _randvoorwaarden(w: Wereld, p: Persoon, deelnemer: Deelnemer, km) -> None:
    gewenst = dict(RANDVOORWAARDEN_GEREGELD) if p.randvoorwaarden_geregeld else {}
    gewenst.update(p.randvoorwaarden)
    for rv in deelnemer.randvoorwaarden.filter(soort__in=STANDAARD_RANDVOORWAARDEN):
        if rv.soort not in gewenst:
            continue
        status, toelichting, actiehouder = gewenst[rv.soort]
        randvoorwaarde_update(
            acting_user=km,
            randvoorwaarde=rv,
            status=status,
            toelichting=toelichting,
            actiehouder=w.users[actiehouder] if actiehouder else None,
        )


# --- Trajectories ---------------------------------------------------------------------------------


def traject_add(w: Wereld, *, naam, regie, regisseur, plan, partners, **fields) -> Traject | None:
    if Traject.objects.filter(naam=naam, regie_organisatie=w.orgs[regie]).exists():
        return None
    traject = Traject(
        naam=naam,
        arbeidsmarktregio=w.orgs["regio"],
        regie_organisatie=w.orgs[regie],
        regisseur=w.users[regisseur],
        instroomvorm=c.Instroomvorm.COHORT,
        **fields,
    )
    traject.full_clean()
    traject.save()
    traject.gemeenten.set([w.orgs[g] for g in DEMO_GEMEENTEN])
    for org, rol, contactpersoon in partners:
        partner = TrajectPartner(
            traject=traject, organisatie=w.orgs[org], rol=rol, contactpersoon=w.users.get(contactpersoon)
        )
        partner.full_clean()
        partner.save()
    for soort, (start, eind) in plan.items():
        fase = TrajectFase(traject=traject, soort=soort, start=start, eind=eind)
        fase.full_clean()
        fase.save()
    return traject


def mensen_ensure(w: Wereld, personen, aanmelddagen) -> tuple[dict, int]:
    """Register the candidates (two weeks before their aanmelding): key -> Deelnemer, and how many are new."""
    result, nieuw = {}, 0
    for p in personen:
        result[p.key], created = deelnemer_ensure(w, p, registratie=werkdag_tot(aanmelddagen[p.key] - 14 * DAG))
        nieuw += created
    return result, nieuw


# --- Participations ---------------------------------------------------------------------------


def stap_terugdateren(deelname: Deelname, dag: dt.date, volgnummer: int) -> None:
    """Record the newest step as made on its effective date (see the module docstring)."""
    stap = deelname.stappen.order_by("-id").first()
    with pgtrigger.ignore("trajecten.DeelnameStap:stap_niet_wijzigen"):
        DeelnameStap.objects.filter(pk=stap.pk).update(ingangsdatum=dag, op=tijdstip(dag, volgnummer))


def deelname_doorloop(
    w: Wereld, *, traject, deelnemer: Deelnemer, regisseur, aanmelding: tuple[dt.date, str], stappen
) -> Deelname:
    """Propose the candidate (as their klantmanager) and walk the steps (as the regisseur).

    `stappen` is a list of (naar, ingangsdatum, toelichting[, uitval_reden]) in date order."""
    dag, toelichting = aanmelding
    km = w.klantmanager_van(deelnemer.gemeente.naam)
    deelname = deelname_create(acting_user=km, traject=traject, deelnemer=deelnemer, toelichting=toelichting)
    stap_terugdateren(deelname, dag, 0)
    Deelname.objects.filter(pk=deelname.pk).update(aangemeld_op=tijdstip(dag), status_sinds=dag)
    for volgnummer, (naar, dag, toelichting, *reden) in enumerate(stappen, start=1):
        deelname = deelname_transition(
            acting_user=regisseur,
            deelname=deelname,
            naar=naar,
            ingangsdatum=dag,
            toelichting=toelichting,
            uitval_reden=reden[0] if reden else "",
        )
        stap_terugdateren(deelname, dag, volgnummer)
    deelname.refresh_from_db()
    return deelname


# --- Training -------------------------------------------------------------------------------


def module_add(traject, soort, naam, aanbieder, periode, prijs, prijs_per) -> Module:
    """The regisseur of the trajectory plans a module and names the trainer that gives it."""
    return module_create(
        acting_user=traject.regisseur,
        traject=traject,
        soort=soort,
        naam=naam,
        aanbieder=aanbieder,
        start=periode[0],
        eind=periode[1],
        prijs=prijs,
        prijs_per=prijs_per,
    )


def module_deelname_add(
    w: Wereld, module, deelname, voortgang, aanwezigheid=None, resultaat="", toelichting=""
) -> ModuleDeelname:
    """The trainer giving the module enrols the participant and records attendance, progress and result."""
    opleider = w.opleider_van(module.aanbieder)
    item = moduledeelname_add(acting_user=opleider, module=module, deelname=deelname)
    if voortgang != Voortgang.NIET_GESTART or aanwezigheid is not None or resultaat or toelichting:
        item = moduledeelname_update(
            acting_user=opleider,
            moduledeelname=item,
            aanwezigheid=aanwezigheid,
            voortgang=voortgang,
            resultaat=resultaat,
            toelichting=toelichting,
        )
    return item


def presentie_add(w: Wereld, module, weekdagen: list[int], regels: dict) -> None:
    """The trainer giving `module` generates its lesson days on `weekdagen` (public holidays left
    out) and fills in the register of each day up to today. `regels` maps a ModuleDeelname to a
    function (index of the day, date) -> (status, reden), status "" for not (yet) there."""
    opleider = w.opleider_van(module.aanbieder)
    lesdagen_generate(acting_user=opleider, module=module, weekdagen=weekdagen)
    for i, lesdag in enumerate(Lesdag.objects.filter(module_id=module.pk, datum__lte=w.vandaag).order_by("datum")):
        presentielijst_save(
            acting_user=opleider,
            lesdag=lesdag,
            regels={
                md.pk: dict(zip(("status", "reden"), regel(i, lesdag.datum), strict=True))
                for md, regel in regels.items()
            },
        )


def certificaat_add(w: Wereld, deelnemer, soort, module, *, omschrijving="") -> Certificaat:
    """The trainer records a certificate earned in its module, on the module's last day."""
    behaald_op = module.eind
    geldig_tot = None
    if soort in CERTIFICATEN_MET_VERVALDATUM:
        geldig_tot = plus_maanden(behaald_op, 12 * VCA_GELDIG_JAREN)  # 29 February: the 28th
    return certificaat_create(
        acting_user=w.opleider_van(module.aanbieder),
        deelnemer=deelnemer,
        soort=soort,
        behaald_op=behaald_op,
        geldig_tot=geldig_tot,
        module=module,
        omschrijving=omschrijving,
    )


# --- Contact moments ----------------------------------------------------------------------------


def contact(w: Wereld, deelname, *, door, soort, datum, samenvatting, aanwezigen=(), overig="", acties=()):
    """A talk with follow-up actions: each (omschrijving, eigenaar, deadline, afgerond_op or None)."""
    moment = contactmoment_create(
        acting_user=door,
        deelname=deelname,
        soort=soort,
        datum=datum,
        samenvatting=samenvatting,
        aanwezigen=aanwezigen,
        overige_aanwezigen=overig,
        acties=[{"omschrijving": o, "eigenaar": e, "deadline": d} for o, e, d, _ in acties],
    )
    for actie, (_o, eigenaar, _d, afgerond) in zip(moment.acties.order_by("id"), acties, strict=True):
        if afgerond:  # the owner marks their own action done
            vervolgactie_complete(acting_user=eigenaar, actie=actie, op=afgerond)
    return moment
