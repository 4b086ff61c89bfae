"""The data of the signal benchmark (scripts/benchmark_signalen.py), relative to a day `vandaag`.

Trajectories of 50 participations; place `slot` (0-49) of a participation in its trajectory
decides its state and what surrounds it (steps, placements, contacts, certificates), chosen so
that every rule finds something. Written with bulk_create, a chunk of trajectories at a time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

PER_TRAJECT = 50
SECTOREN = ["installatietechniek", "bouw", "glas", "energietransitie"]


def elfproef_bsns(basis: int = 10_000_000):
    """Valid BSNs (eleven test), in order from `basis`: 8 digits and a check digit."""
    while True:
        cijfers = f"{basis:08d}"
        totaal = sum(int(d) * w for d, w in zip(cijfers, range(9, 1, -1), strict=True))
        controle = totaal % 11
        if controle < 10:
            yield cijfers + str(controle)
        basis += 1


def bouwvak_data(vandaag: dt.date) -> dict[tuple[str, int], tuple[dt.date, dt.date]]:
    """Fictitious bouwvak periods (three weeks, Monday to Friday) for this year and next year;
    region Noord of next year is left out on purpose."""
    weken = {"zuid": 30, "midden": 31, "noord": 32}
    result = {}
    for jaar in (vandaag.year, vandaag.year + 1):
        for regio, week in weken.items():
            if (regio, jaar) == ("noord", vandaag.year + 1):
                continue
            start = dt.date.fromisocalendar(jaar, week, 1)
            result[(regio, jaar)] = (start, start + dt.timedelta(days=18))
    return result


def volgende_bouwvak(perioden, regio: str, vandaag: dt.date):
    for jaar in (vandaag.year, vandaag.year + 1):
        periode = perioden.get((regio, jaar))
        if periode and periode[1] >= vandaag:
            return periode
    return None


class Wereld:
    """Organisations, users, employers and the deadline rules: what every chunk shares."""

    def __init__(self, vandaag: dt.date):
        from django.contrib.auth.hashers import make_password

        from leerwerk.models import BouwvakPeriode, Organisatie, OrganisatieType, Rol, User
        from leerwerk.regios import Provincie, bouwvak_regio
        from signalen.models import Termijnregels

        self.vandaag = vandaag
        self.perioden = bouwvak_data(vandaag)
        for (regio, jaar), (start, eind) in self.perioden.items():
            BouwvakPeriode.objects.update_or_create(
                regio=regio, jaar=jaar,
                defaults={"start": start, "eind": eind, "is_demo": True, "bron": "Benchmark: fictieve data"},
            )  # fmt: skip
        BouwvakPeriode.objects.filter(regio="noord", jaar=vandaag.year + 1).delete()

        regios = Organisatie.objects.bulk_create(
            [Organisatie(naam=f"Benchmarkregio {i}", type=OrganisatieType.ARBEIDSMARKTREGIO) for i in range(4)]
        )
        self.gemeenten = Organisatie.objects.bulk_create(
            [
                Organisatie(
                    naam=f"Benchmarkgemeente {p.label}",
                    type=OrganisatieType.GEMEENTE,
                    provincie=p.value,
                    arbeidsmarktregio=regios[i % len(regios)],
                )  # fmt: skip
                for i, p in enumerate(Provincie)
            ]
        )
        self.regio_van = {g.pk: bouwvak_regio(g.provincie) for g in self.gemeenten}
        wachtwoord = make_password(None)
        users = []
        for g in self.gemeenten:
            for rol in (Rol.REGISSEUR, Rol.KLANTMANAGER):
                users.append(User(email=f"{rol}-{g.pk}@benchmark.example", naam=f"{rol.label} {g.naam}",
                                  organisatie=g, rollen=[rol], password=wachtwoord))  # fmt: skip
        users.append(User(email="beheer@benchmark.example", organisatie=self.gemeenten[0], rollen=[Rol.BEHEERDER],
                          password=wachtwoord))  # fmt: skip
        users = User.objects.bulk_create(users)
        self.regisseur = {u.organisatie_id: u.pk for u in users if u.rollen == [Rol.REGISSEUR]}
        self.klantmanager = {u.organisatie_id: u.pk for u in users if u.rollen == [Rol.KLANTMANAGER]}
        Termijnregels.objects.create(gemeente=self.gemeenten[0], traject_maanden=4)  # one gemeente of its own
        self.provincies = list(Provincie)
        self.bsns = elfproef_bsns()
        self.aantallen = Counter(organisaties=len(regios) + len(self.gemeenten), gebruikers=len(users))

    def dag(self, dagen: int) -> dt.date:
        return self.vandaag + dt.timedelta(days=dagen)


MAIN = [
    "aangemeld", "intake", "geselecteerd", "voortraject", "opleiding", "proefplaatsing", "geplaatst", "nazorg",
    "afgerond",
]  # fmt: skip


def pad(status: str) -> list[str]:
    if status == "uitgevallen":
        return [*MAIN[:5], "uitgevallen"]
    if status == "geparkeerd":
        return [*MAIN[:4], "geparkeerd"]
    return MAIN[: MAIN.index(status) + 1]


def slot_status(slot: int) -> str:
    """The state of the participation in place `slot` (0-49) of its trajectory."""
    grenzen = [
        (5, "aangemeld"), (8, "intake"), (13, "geselecteerd"), (18, "voortraject"), (28, "opleiding"),
        (36, "proefplaatsing"), (42, "geplaatst"), (46, "nazorg"), (48, "afgerond"), (49, "uitgevallen"),
        (50, "geparkeerd"),
    ]  # fmt: skip
    return next(status for grens, status in grenzen if slot < grens)


def fasen(w: Wereld, k: int, regio: str) -> list[tuple[str, dt.date, dt.date]]:
    """Six phases; every fourth trajectory's training runs into the bouwvak, every fourth
    ends shortly before it with the placement phase starting inside it."""
    d = w.dag
    opleiding = (d(-129), d(20))
    proef = (d(21), d(80))
    bouwvak = volgende_bouwvak(w.perioden, regio, w.vandaag)
    if bouwvak and k % 4 == 1:
        opleiding = (d(-30), bouwvak[0] + dt.timedelta(days=7))
        proef = (bouwvak[1] + dt.timedelta(days=3), bouwvak[1] + dt.timedelta(days=63))
    elif bouwvak and k % 4 == 2:
        opleiding = (d(-30), bouwvak[0] - dt.timedelta(days=5))
        proef = (bouwvak[0] + dt.timedelta(days=2), bouwvak[0] + dt.timedelta(days=62))
    matching = (proef[1] + dt.timedelta(days=1), proef[1] + dt.timedelta(days=180))
    nazorg = (matching[1] + dt.timedelta(days=1), matching[1] + dt.timedelta(days=180))
    return [
        ("werving_selectie", d(-200), d(-160)), ("voortraject", d(-159), min(d(-130), opleiding[0])),
        ("opleiding", *opleiding), ("proefplaatsing", *proef), ("matching_plaatsing", *matching),
        ("nazorg", *nazorg),
    ]  # fmt: skip


def maak_chunk(w: Wereld, trajecten: range, aantal: int) -> None:
    """The trajectories numbered `trajecten` with their employers and participations (at most `aantal` in all)."""
    gemeente_van = {k: w.gemeenten[k % len(w.gemeenten)] for k in trajecten}
    trajectobjecten, plekken, locaties = _werkgevers_en_trajecten(w, trajecten, gemeente_van)
    plan, deelnames, sinds_van = _deelnames(w, trajecten, gemeente_van, trajectobjecten, plekken, locaties, aantal)
    _rondom(w, plan, deelnames, sinds_van)


def _werkgevers_en_trajecten(w: Wereld, trajecten: range, gemeente_van: dict):
    from leerwerk.models import Organisatie, OrganisatieType
    from leerwerk.regios import bouwvak_regio
    from trajecten.models import Traject, TrajectFase
    from werkgevers.models import Leerwerkplek, Locatie, Werkgever

    d = w.dag
    orgs = Organisatie.objects.bulk_create(
        [Organisatie(naam=f"Benchmarkbedrijf {k}", type=OrganisatieType.WERKGEVER) for k in trajecten]
    )
    werkgevers = Werkgever.objects.bulk_create(
        [Werkgever(organisatie=o, kvk_nummer=f"{10_000_000 + k:08d}", sector=SECTOREN[k % 4], sbb_erkend=True)
         for k, o in zip(trajecten, orgs, strict=True)]
    )  # fmt: skip
    locaties = []
    for k, wg in zip(trajecten, werkgevers, strict=True):
        provincie = w.provincies[(k * 5) % len(w.provincies)]
        locaties.append(Locatie(werkgever=wg, naam="Hoofdvestiging", adres=f"Industrieweg {k}", postcode="1234 AB",
                                plaats="Benchmarkstad", gemeente="Benchmarkstad", provincie=provincie,
                                bouwvak_regio=bouwvak_regio(provincie)))  # fmt: skip
    locaties = Locatie.objects.bulk_create(locaties)
    trajectobjecten = Traject.objects.bulk_create(
        [
            Traject(
                naam=f"Benchmarktraject {k}",
                sector=SECTOREN[k % 4],
                beroep="Monteur",
                arbeidsmarktregio_id=gemeente_van[k].arbeidsmarktregio_id,
                regie_organisatie=gemeente_van[k],
                regisseur_id=w.regisseur[gemeente_van[k].pk],
                capaciteit=60,
                instroomvorm="cohort",
                status="lopend",
            )  # fmt: skip
            for k in trajecten
        ]
    )
    Traject.gemeenten.through.objects.bulk_create(
        [
            Traject.gemeenten.through(traject=t, organisatie=gemeente_van[k])
            for k, t in zip(trajecten, trajectobjecten, strict=True)
        ]  # noqa: E501
    )
    fase_rijen = []
    for k, t in zip(trajecten, trajectobjecten, strict=True):
        for soort, start, eind in fasen(w, k, w.regio_van[gemeente_van[k].pk]):
            fase_rijen.append(TrajectFase(traject=t, soort=soort, start=start, eind=max(start, eind)))
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
                startdatum=d(21),
                aantal_plaatsen=10,
                toezegging="intentieverklaring" if k % 5 == 0 else "geen",
                toezegging_datum=d(-300) if k % 5 == 0 else None,
                toezegging_geldig_tot=d(10) if k % 5 == 0 else None,
            )  # fmt: skip
            for k, wg, t, loc in zip(trajecten, werkgevers, trajectobjecten, locaties, strict=True)
        ]
    )
    w.aantallen.update(
        organisaties=len(orgs), werkgevers=len(werkgevers), locaties=len(locaties), trajecten=len(trajectobjecten),
        fasen=len(fase_rijen), leerwerkplekken=len(plekken),
    )  # fmt: skip
    return trajectobjecten, plekken, locaties


def _deelnames(w: Wereld, trajecten, gemeente_van, trajectobjecten, plekken, locaties, aantal):
    """Participants and their participations: place `slot` of a trajectory decides the state."""
    from django.utils import timezone

    from deelnemers.models import Deelnemer
    from leerwerk.datums import plus_maanden
    from trajecten.models import Deelname

    d, v, nu = w.dag, w.vandaag, timezone.now()
    deelnemers, plan = [], []
    for k, t, plek, loc in zip(trajecten, trajectobjecten, plekken, locaties, strict=True):
        g = gemeente_van[k]
        for slot in range(PER_TRAJECT):
            i = k * PER_TRAJECT + slot
            if i >= aantal:
                break
            deelnemers.append(Deelnemer(
                voornaam="Deelnemer", achternaam=f"Nummer {i}",
                geboortedatum=dt.date(1990, 1, 1) + dt.timedelta(days=i % 3000), bsn=next(w.bsns), gemeente=g,
                doelgroep="statushouder", uren_per_week=32, klantmanager_id=w.klantmanager[g.pk],
                uitkering_type="geen" if i % 10 == 9 else "participatiewet_bijstand",
            ))  # fmt: skip
            plan.append((k, slot, t, plek, loc, g))
    deelnemers = Deelnemer.objects.bulk_create(deelnemers, batch_size=5000)

    uitstroom_recent = plus_maanden(v, -1) + dt.timedelta(days=5)
    deelnames, sinds_van = [], []
    for (_k, slot, t, _plek, _loc, g), deelnemer in zip(plan, deelnemers, strict=True):
        status = slot_status(slot)
        sinds = {
            "aangemeld": d(-3), "intake": d(-10), "voortraject": d(-20 - 15 * (slot - 13)),
            "opleiding": d(-30 - 10 * (slot - 18)), "afgerond": d(-200), "uitgevallen": d(-50), "geparkeerd": d(-15),
        }.get(status)  # fmt: skip
        if status == "geselecteerd":
            sinds = d([-40, -40, -40, -16, -5][slot - 8])
        elif status == "proefplaatsing":
            sinds = plus_maanden(v, -2) + dt.timedelta(days=7) if slot <= 31 else (d(-70) if slot == 32 else d(-20))
        elif status == "geplaatst":
            sinds = uitstroom_recent if slot <= 39 else d(-100)
        elif status == "nazorg":
            sinds = d(-100 + 14)
        deelnames.append(Deelname(
            traject=t, deelnemer=deelnemer, status=status, aangemeld_door_id=w.klantmanager[g.pk],
            aangemeld_op=nu - dt.timedelta(days=300), status_sinds=sinds,
            vorige_status="voortraject" if status == "geparkeerd" else "",
            uitval_reden="taal" if status == "uitgevallen" else "",
        ))  # fmt: skip
        sinds_van.append(sinds)
    deelnames = Deelname.objects.bulk_create(deelnames, batch_size=5000)
    w.aantallen.update(deelnemers=len(deelnemers), deelnames=len(deelnames))
    return plan, deelnames, sinds_van


def _rondom(w: Wereld, plan, deelnames, sinds_van):
    """Steps, placements (with an extension), contacts with follow-up actions, certificates."""
    from django.utils import timezone

    from leerwerk.datums import plus_maanden
    from opleiders.models import Certificaat
    from signalen.models import Verlenging
    from trajecten.models import Contactmoment, DeelnameStap, Vervolgactie
    from werkgevers.models import Plaatsing

    d, v, nu = w.dag, w.vandaag, timezone.now()

    stappen, plaatsingen, verlengd, contacten, certificaten = [], [], [], [], []
    for (_k, slot, _t, plek, loc, g), deelname, sinds in zip(plan, deelnames, sinds_van, strict=True):
        regisseur = w.regisseur[g.pk]
        statussen = pad(deelname.status)
        for j, naar in enumerate(statussen):
            ingang = sinds - dt.timedelta(days=14 * (len(statussen) - 1 - j))
            stappen.append(DeelnameStap(
                deelname=deelname, van_status=statussen[j - 1] if j else "", naar_status=naar, door_id=regisseur,
                op=nu - dt.timedelta(days=(v - ingang).days), ingangsdatum=ingang,
                uitval_reden="taal" if naar == "uitgevallen" else "",
            ))  # fmt: skip
        status = deelname.status
        gemeenschappelijk = {"deelname": deelname, "leerwerkplek": plek, "uren_per_week": 24,
                             "voorgesteld_door_id": regisseur}  # fmt: skip
        bevestigd = {"bevestigd_door_id": regisseur, "bevestigd_op": nu, "bevestigde_versie": 1}
        if status == "proefplaatsing":
            einde = plus_maanden(sinds, 2) - dt.timedelta(days=1)
            plaatsingen.append(Plaatsing(**gemeenschappelijk, **bevestigd, soort="proefplaatsing", status="gestart",
                                         start=sinds, gepland_einde=einde))  # fmt: skip
            if slot == 31:
                verlengd.append(len(plaatsingen) - 1)
        elif status in ("geplaatst", "nazorg"):
            start = sinds if status == "geplaatst" else sinds - dt.timedelta(days=14)
            plaatsingen.append(Plaatsing(**gemeenschappelijk, **bevestigd, soort="bepaalde_tijd", status="gestart",
                                         start=start, gepland_einde=start + dt.timedelta(days=365)))  # fmt: skip
        elif status == "opleiding" and slot in (21, 22):
            # Planned to start inside the bouwvak of the employer's location (or in a year not entered).
            bouwvak = volgende_bouwvak(w.perioden, loc.bouwvak_regio, v)
            start = bouwvak[0] + dt.timedelta(days=2) if bouwvak else dt.date(v.year + 1, 8, 2)
            plaatsingen.append(Plaatsing(**gemeenschappelijk, **bevestigd, soort="proefplaatsing", status="bevestigd",
                                         start=start, gepland_einde=start + dt.timedelta(days=59)))  # fmt: skip
        elif status == "opleiding" and slot == 23:
            winter = next(dt.date(j, 1, 15) for j in (v.year, v.year + 1) if dt.date(j, 1, 15) > v)
            plaatsingen.append(Plaatsing(**gemeenschappelijk, soort="proefplaatsing", status="voorgesteld",
                                         start=winter, gepland_einde=winter + dt.timedelta(days=59)))  # fmt: skip
        if status in ("voortraject", "opleiding", "proefplaatsing"):
            contacten.append((Contactmoment(deelname=deelname, soort="voortgang", datum=d(-20),
                                            vastgelegd_door_id=regisseur), slot, regisseur))  # fmt: skip
        if (status == "geplaatst" and slot >= 40) or status == "nazorg":
            uitstroom = sinds if status == "geplaatst" else sinds - dt.timedelta(days=14)
            contacten.append((Contactmoment(deelname=deelname, soort="nazorg", datum=uitstroom + dt.timedelta(days=30),
                                            vastgelegd_door_id=regisseur), None, regisseur))  # fmt: skip
        if status == "opleiding":
            certificaten.append(Certificaat(deelnemer_id=deelname.deelnemer_id, soort="vca_basis", behaald_op=d(-3000),
                                            geldig_tot=d(10) if slot <= 20 else d(400)))  # fmt: skip
    DeelnameStap.objects.bulk_create(stappen, batch_size=5000)
    plaatsingen = Plaatsing.objects.bulk_create(plaatsingen, batch_size=5000)
    Verlenging.objects.bulk_create(
        [Verlenging(plaatsing=plaatsingen[p], maanden=3, reden="Benchmark", door_id=plaatsingen[p].voorgesteld_door_id)
         for p in verlengd]
    )  # fmt: skip
    momenten = Contactmoment.objects.bulk_create([c for c, _s, _r in contacten], batch_size=5000)
    acties = []
    for moment, (_c, slot, regisseur) in zip(momenten, contacten, strict=True):
        if slot is None:
            continue
        if slot <= 16:
            acties.append(
                Vervolgactie(contactmoment=moment, omschrijving="Benchmark", eigenaar_id=regisseur, deadline=d(-3))
            )  # noqa: E501
        elif slot <= 20:
            acties.append(
                Vervolgactie(contactmoment=moment, omschrijving="Benchmark", eigenaar_id=regisseur, deadline=d(10))
            )  # noqa: E501
        else:
            acties.append(Vervolgactie(contactmoment=moment, omschrijving="Benchmark", eigenaar_id=regisseur,
                                       deadline=d(-4), afgerond_op=d(-5)))  # fmt: skip
    Vervolgactie.objects.bulk_create(acties, batch_size=5000)
    Certificaat.objects.bulk_create(certificaten, batch_size=5000)
    w.aantallen.update(
        stappen=len(stappen), plaatsingen=len(plaatsingen), verlengingen=len(verlengd), contactmomenten=len(momenten),
        vervolgacties=len(acties), certificaten=len(certificaten),
    )  # fmt: skip
