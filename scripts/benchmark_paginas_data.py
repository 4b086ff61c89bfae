"""The scale world of the page benchmark (scripts/benchmark_paginas.py), added to the demo.

- A gemeente of its own, "Schaalstad (benchmark)", in the demo's labour-market region, with a
  klantmanager login of its own (klantmanager-schaal@example.org, the demo password) and
  5,000 candidates registered by that klantmanager, each with the standard preconditions.
- "Schaaltraject installatietechniek (benchmark)": directed by the demo regisseur's gemeente
  ('s-Hertogenbosch) with regisseur@example.org as regisseur, the demo's installation employer
  (werkgever@example.org) and trainer (opleider@example.org) as partners, six phases around
  today and three work places. 50 of the Schaalstad candidates take part, all with consent to
  share with the partners (so the regisseur's board shows them): 5 aangemeld, 5 intake,
  10 geselecteerd, 10 voortraject, 20 opleiding, each with its steps.
- 30 of them (geselecteerd, voortraject and the first ten in opleiding) consented to employers
  and have an approved anonymised profile (written by the klantmanager, approved by the
  regisseur): the demo employer sees 30 more profiles.
- Each participant has a progress talk with two open follow-up actions of the regisseur,
  overdue: the signal scan of this trajectory gives the demo regisseur 100 signals (and
  whatever else its rules find).

Written with bulk_create; the rows keep the invariants the services keep (valid BSNs, steps
along the state machine, one active consent per kind with the current consent text, unique
pseudonyms, a second person approving a profile). The first row of each kind is also checked
with full_clean.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter

from benchmark_signalen_data import elfproef_bsns, pad

GEMEENTE = "Schaalstad (benchmark)"
KLANTMANAGER = "klantmanager-schaal@example.org"
TRAJECT = "Schaaltraject installatietechniek (benchmark)"
KANDIDATEN = 5_000
DEELNEMERS = 50
PROFIELEN = 30
ACTIES_PER_DEELNEMER = 2
# Place `slot` (0-49) of a participant decides its state.
GRENZEN = [(5, "aangemeld"), (10, "intake"), (20, "geselecteerd"), (30, "voortraject"), (50, "opleiding")]
PSEUDONIEM_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def slot_status(slot: int) -> str:
    return next(status for grens, status in GRENZEN if slot < grens)


def _gecontroleerd(objs: list) -> list:
    """Check the first object as a form would (the database checks the rest)."""
    if objs:
        objs[0].full_clean(validate_unique=False, validate_constraints=False)
    return objs


def maak_schaalwereld(vandaag: dt.date | None = None) -> dict:
    """Add the scale world to a database holding the demo; return what the benchmark needs."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from deelnemers import toestemmingsteksten
    from deelnemers.constants import RandvoorwaardeStatus, ToestemmingSoort
    from deelnemers.models import Deelnemer, Randvoorwaarde, Toestemming
    from deelnemers.services import STANDAARD_RANDVOORWAARDEN
    from leerwerk.datums import plus_maanden
    from leerwerk.demo import DEMO_PASSWORD, demo_email
    from leerwerk.models import Organisatie, OrganisatieType, Rol, User
    from trajecten import constants as tc
    from trajecten.models import (
        Contactmoment,
        Deelname,
        DeelnameStap,
        Traject,
        TrajectFase,
        TrajectPartner,
        Vervolgactie,
    )
    from werkgevers.models import Leerwerkplek, Profiel, Werkgever

    vandaag = vandaag or timezone.localdate()
    nu = timezone.now()

    def d(dagen: int) -> dt.date:
        return vandaag + dt.timedelta(days=dagen)

    aantallen = Counter()
    with transaction.atomic():
        regisseur = User.objects.get(email=demo_email(Rol.REGISSEUR))
        werkgever_login = User.objects.get(email=demo_email(Rol.WERKGEVER))
        opleider_login = User.objects.get(email=demo_email(Rol.OPLEIDER))
        regie = regisseur.organisatie
        gemeente = Organisatie(
            naam=GEMEENTE, type=OrganisatieType.GEMEENTE, arbeidsmarktregio_id=regie.arbeidsmarktregio_id,
            provincie=regie.provincie,
        )  # fmt: skip
        gemeente.full_clean()
        gemeente.save()
        km = User(
            email=KLANTMANAGER, naam="Kees Klantmanager (Schaalstad)", organisatie=gemeente,
            rollen=[Rol.KLANTMANAGER], password=make_password(DEMO_PASSWORD),
        )  # fmt: skip
        km.save()
        aantallen.update(organisaties=1, gebruikers=1)

        # --- 5,000 candidates, the first 50 of whom take part in the scale trajectory ---
        bezet = set(Deelnemer.objects.values_list("bsn", flat=True))
        bsns = (b for b in elfproef_bsns(70_000_000) if b not in bezet)
        kandidaten = _gecontroleerd([
            Deelnemer(
                voornaam="Schaal", achternaam=f"Kandidaat {i:04d}",
                geboortedatum=dt.date(1980, 1, 1) + dt.timedelta(days=i % 7000),
                bsn=next(bsns), gemeente=gemeente, doelgroep="statushouder" if i % 4 else "anderstalig",
                uren_per_week=24 + i % 17, klantmanager=km, aangemaakt_door=km,
                uitkering_type="geen" if i % 10 == 9 else "participatiewet_bijstand",
                uitkering_start=None if i % 10 == 9 else d(-400 + i % 300),
            )
            for i in range(KANDIDATEN)
        ])  # fmt: skip
        kandidaten = Deelnemer.objects.bulk_create(kandidaten, batch_size=2000)
        Randvoorwaarde.objects.bulk_create(
            [
                Randvoorwaarde(deelnemer=k, soort=soort, status=RandvoorwaardeStatus.NIET_BESPROKEN)
                for k in kandidaten
                for soort in STANDAARD_RANDVOORWAARDEN
            ],
            batch_size=5000,
        )
        aantallen.update(kandidaten=len(kandidaten), randvoorwaarden=len(kandidaten) * len(STANDAARD_RANDVOORWAARDEN))

        # --- The trajectory ---
        traject = Traject(
            naam=TRAJECT, sector=tc.Sector.INSTALLATIE, beroep="Monteur installatietechniek",
            arbeidsmarktregio_id=regie.arbeidsmarktregio_id, regie_organisatie=regie, regisseur=regisseur,
            capaciteit=60, instroomvorm=tc.Instroomvorm.COHORT, status=tc.TrajectStatus.LOPEND,
            min_uren_per_week=24, doel_aantal_deelnemers=50, doel_aandeel_werk=70,
        )  # fmt: skip
        traject.full_clean()
        traject.save()
        traject.gemeenten.set([gemeente, regie])
        partners = [
            TrajectPartner(traject=traject, organisatie=opleider_login.organisatie, rol=tc.PartnerRol.OPLEIDER,
                           contactpersoon=opleider_login),
            TrajectPartner(traject=traject, organisatie=werkgever_login.organisatie, rol=tc.PartnerRol.WERKGEVER,
                           contactpersoon=werkgever_login),
        ]  # fmt: skip
        for partner in partners:
            partner.full_clean()
            partner.save()
        F = tc.FaseSoort
        plan = [
            (F.WERVING, d(-200), d(-160)), (F.VOORTRAJECT, d(-159), d(-130)), (F.OPLEIDING, d(-129), d(20)),
            (F.PROEFPLAATSING, d(21), d(80)), (F.MATCHING, d(21), d(200)), (F.NAZORG, d(81), d(260)),
        ]  # fmt: skip
        TrajectFase.objects.bulk_create(
            _gecontroleerd([TrajectFase(traject=traject, soort=s, start=a, eind=b) for s, a, b in plan])
        )
        werkgever = Werkgever.objects.get(organisatie=werkgever_login.organisatie)
        locatie = werkgever.locaties.order_by("id").first()
        plekken = Leerwerkplek.objects.bulk_create(
            _gecontroleerd([
                Leerwerkplek(
                    werkgever=werkgever, traject=traject, functietitel=f"Assistent-monteur {n}",
                    beroep="Monteur installatietechniek", uren_per_week=32, locatie=locatie, startdatum=d(21),
                    aantal_plaatsen=5,
                )
                for n in (1, 2, 3)
            ])
        )  # fmt: skip
        aantallen.update(trajecten=1, partners=len(partners), fasen=len(plan), leerwerkplekken=len(plekken))

        # --- 50 participants, their consent, steps and talks ---
        deelnemers = kandidaten[:DEELNEMERS]
        partners_tekst = toestemmingsteksten.huidige(ToestemmingSoort.PARTNERS)
        werkgevers_tekst = toestemmingsteksten.huidige(ToestemmingSoort.WERKGEVERS)
        statussen = [slot_status(slot) for slot in range(DEELNEMERS)]
        # The participants with a profile: selected and on, the first PROFIELEN of them.
        met_profiel = [
            s for s, status in enumerate(statussen) if status in ("geselecteerd", "voortraject", "opleiding")
        ]
        met_profiel = set(met_profiel[:PROFIELEN])

        def toestemming(deelnemer, tekst, soort):
            return Toestemming(
                deelnemer=deelnemer, soort=soort, gegeven_op=d(-60), einddatum=plus_maanden(d(-60), 12),
                vastgelegd_door=km, tekstversie=tekst.versie, partners=list(tekst.partners), doel=tekst.doel,
            )  # fmt: skip

        toestemmingen = [toestemming(k, partners_tekst, ToestemmingSoort.PARTNERS) for k in deelnemers]
        toestemmingen += [
            toestemming(deelnemers[s], werkgevers_tekst, ToestemmingSoort.WERKGEVERS) for s in sorted(met_profiel)
        ]
        Toestemming.objects.bulk_create(_gecontroleerd(toestemmingen))

        deelnames = Deelname.objects.bulk_create(
            _gecontroleerd([
                Deelname(
                    traject=traject, deelnemer=k, status=status, aangemeld_door=km,
                    aangemeld_op=nu - dt.timedelta(days=50), status_sinds=d(-50 + 7 * (len(pad(status)) - 1)),
                )
                for k, status in zip(deelnemers, statussen, strict=True)
            ])
        )  # fmt: skip
        stappen = []
        for deelname in deelnames:
            weg = pad(deelname.status)
            for j, naar in enumerate(weg):
                ingang = d(-50 + 7 * j)
                stappen.append(DeelnameStap(
                    deelname=deelname, van_status=weg[j - 1] if j else "", naar_status=naar,
                    door=km if j == 0 else regisseur, op=nu - dt.timedelta(days=50 - 7 * j), ingangsdatum=ingang,
                ))  # fmt: skip
        DeelnameStap.objects.bulk_create(_gecontroleerd(stappen))
        momenten = Contactmoment.objects.bulk_create(
            _gecontroleerd([
                Contactmoment(deelname=dn, soort=tc.ContactmomentSoort.VOORTGANG, datum=d(-14),
                              samenvatting="Voortgangsgesprek (benchmark).", vastgelegd_door=regisseur)
                for dn in deelnames
            ])
        )  # fmt: skip
        acties = Vervolgactie.objects.bulk_create(
            _gecontroleerd([
                Vervolgactie(contactmoment=m, omschrijving=f"Vervolgactie {n + 1} (benchmark)", eigenaar=regisseur,
                             deadline=d(-2 - n - i % 5))
                for i, m in enumerate(momenten)
                for n in range(ACTIES_PER_DEELNEMER)
            ])
        )  # fmt: skip
        codes = _pseudoniemen(len(met_profiel))
        profielen = Profiel.objects.bulk_create(
            _gecontroleerd([
                Profiel(
                    deelname=deelnames[s], traject=traject, pseudoniem=pseudoniem,
                    concept=f"Gemotiveerde kandidaat {n + 1} voor de installatietechniek (benchmark).",
                    motivatie=f"Gemotiveerde kandidaat {n + 1} voor de installatietechniek (benchmark).",
                    concept_door=km, concept_op=nu - dt.timedelta(days=3), goedgekeurd_door=regisseur,
                    goedgekeurd_op=nu - dt.timedelta(days=2),
                )
                for n, (s, pseudoniem) in enumerate(zip(sorted(met_profiel), codes, strict=True))
            ])
        )  # fmt: skip
        aantallen.update(
            deelnames=len(deelnames), toestemmingen=len(toestemmingen), stappen=len(stappen),
            contactmomenten=len(momenten), vervolgacties=len(acties), profielen=len(profielen),
        )  # fmt: skip

    # The trajectory's signals, as the recompute after these changes would find them.
    from signalen.models import Signaal
    from signalen.scan import scan

    scan(vandaag=vandaag, traject_ids=[traject.pk])
    aantallen["signalen (regisseur, schaaltraject)"] = Signaal.objects.filter(
        traject=traject, verantwoordelijke=regisseur
    ).count()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # What the logins see of it, through the selectors the pages use.
    from deelnemers.selectors import deelnemers_visible_to
    from trajecten.selectors import deelnames_visible_to
    from werkgevers.selectors import profielen_for_werkgever

    aantallen["zichtbaar: deelnames (regisseur)"] = (
        deelnames_visible_to(regisseur, Rol.REGISSEUR).filter(traject=traject).count()
    )
    aantallen["zichtbaar: profielen (werkgever)"] = (
        profielen_for_werkgever(werkgever_login).filter(traject=traject).count()
    )
    aantallen["zichtbaar: kandidaten (klantmanager)"] = deelnemers_visible_to(km, Rol.KLANTMANAGER).count()
    eerste = min(met_profiel)  # the first participant with a profile: geselecteerd
    return {
        "traject": traject,
        "deelname": deelnames[eerste],
        "kandidaat": deelnemers[eerste],
        "klantmanager": km,
        "gemeente": gemeente,
        "aantallen": aantallen,
    }


def _pseudoniemen(n: int) -> list[str]:
    """n distinct random codes in the form the service makes them (K-XXXXX)."""
    codes: set[str] = set()
    while len(codes) < n:
        codes.add("K-" + "".join(secrets.choice(PSEUDONIEM_LETTERS) for _ in range(5)))
    return sorted(codes)
