"""Coaching and aftercare in the demo (issue 16).

In "Installatietechniek Noordoost-Brabant" the demo jobcoach (Jobcoaching Brabant) coaches the
placed participants: Yonas (a BBL contract since a month minus a few days: his first aftercare
contact is due) and Rami (on trial, a workplace visit recorded). The jobcoach was also assigned
to Samira, in training (a coaching talk recorded). Wim (the employer) asked a question about
Yonas yesterday that waits for an answer, and Bart had one about Rami answered last month. The
finished cohort's participants had their retention checks recorded, so the results use checks
there (Samuel's says: no longer at work). Every step is idempotent: run again, it adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from begeleiding import constants as c
from begeleiding import services
from begeleiding.models import Behoudcheck, Coachtoewijzing, Werkgeversvraag
from leerwerk.datums import plus_maanden, plus_werkdagen, werkdag_tot, werkdag_vanaf
from trajecten.constants import ContactmomentSoort as CM
from trajecten.demo_bouwstenen import DAG, Wereld, tijdstip
from trajecten.demo_personen import HERTOGENBOSCH
from trajecten.models import Contactmoment, Deelname, Traject
from werkgevers.constants import PlaatsingSoort as PS
from werkgevers.models import Plaatsing

INSTALLATIE_NAAM = "Installatietechniek Noordoost-Brabant"
COHORT_NAAM = "Installatietechniek Noordoost-Brabant – cohort 1"


def create(*, orgs: dict, users: dict, vandaag: dt.date | None = None) -> bool:
    """Add the coaching and aftercare of the demo unless it is there; whether anything was added."""
    vandaag = vandaag or timezone.localdate()
    traject = Traject.objects.filter(naam=INSTALLATIE_NAAM).first()
    if traject is None or Werkgeversvraag.objects.filter(plaatsing__deelname__traject=traject).exists():
        return False
    from signalen import demo as signalen_demo

    kalender = signalen_demo.voorbereiden(vandaag)
    w = Wereld(orgs=orgs, users=users, vandaag=vandaag, kalender=kalender, regio=orgs[HERTOGENBOSCH].bouwvak_regio)
    deelnames = {
        d.deelnemer.voornaam.lower(): d
        for d in Deelname.objects.filter(traject=traject).select_related("deelnemer", "traject__regisseur")
    }
    coach, regisseur = users["jobcoach"], traject.regisseur
    services.coach_toewijzen(acting_user=regisseur, deelname=deelnames["samira"], jobcoach=coach)
    Coachtoewijzing.objects.filter(deelname=deelnames["samira"]).update(toegewezen_op=tijdstip(vandaag - 40 * DAG))
    _contacten(w, deelnames)
    _vragen(w, deelnames)
    _cohort_checks(w)
    return True


def _contacten(w: Wereld, dn: dict) -> None:
    """A workplace visit for Rami, a coaching talk with Samira."""
    t, coach = w.vandaag, w.users["jobcoach"]
    vastleggen = [
        (dn["rami"], CM.WERKPLEKBEZOEK, werkdag_tot(t - 9 * DAG),
         "Werkplekbezoek bij De Maaskant. Rami werkt zelfstandig aan leidingwerk; de mentor vraagt om een "
         "korte uitleg over zijn verlof rond het Suikerfeest.", ()),
        (dn["samira"], CM.COACHING, werkdag_tot(t - 16 * DAG),
         "Kennismaking. Samira vindt de opleiding zwaar naast de zorg voor de kinderen; afgesproken elke "
         "twee weken te bellen.",
         [("Volgend gesprek inplannen", coach, werkdag_vanaf(t + 3 * DAG))]),
    ]  # fmt: skip
    for deelname, soort, datum, samenvatting, acties in vastleggen:
        if datum > t:
            continue
        services.begeleidingscontact_vastleggen(
            acting_user=coach, deelname=deelname, soort=soort, datum=datum, samenvatting=samenvatting,
            acties=[{"omschrijving": o, "eigenaar": e, "deadline": d} for o, e, d in acties],
        )  # fmt: skip
    Contactmoment.objects.filter(deelname__in=[dn["rami"], dn["samira"]], vastgelegd_door=coach).update(
        overige_aanwezigen="De deelnemer"
    )


def _vragen(w: Wereld, dn: dict) -> None:
    """A question from Wim about Yonas yesterday, still open; one from Bart about Rami last month,
    answered the next morning."""
    t, u = w.vandaag, w.users
    yonas = Plaatsing.objects.filter(deelname=dn["yonas"], soort=PS.BBL).first()
    rami = Plaatsing.objects.filter(deelname=dn["rami"]).order_by("-start").first()
    gisteren = timezone.make_aware(dt.datetime.combine(t - DAG, dt.time(15, 40)))
    vraag = services.vraag_stellen(
        acting_user=u["werkgever"], plaatsing=yonas,
        vraag="Onze deelnemer wil volgende maand twee weken op vakantie naar familie. Hoe zit dat met zijn "
        "BBL-school en de lesdagen? En moet hij dat ook bij de gemeente melden?", melden=False,
    )  # fmt: skip
    Werkgeversvraag.objects.filter(pk=vraag.pk).update(gesteld_op=gisteren, uiterlijk_op=plus_werkdagen(t - DAG, 1))
    eerder = timezone.make_aware(dt.datetime.combine(werkdag_tot(t - 30 * DAG), dt.time(11, 5)))
    vraag = services.vraag_stellen(
        acting_user=u["werkgever_bouw"], plaatsing=rami,
        vraag="Hij is sneller dan verwacht. Mogen we hem al alleen laten werken in de werkplaats, of moet de "
        "mentor er tijdens de proefplaatsing altijd bij zijn?", melden=False,
    )  # fmt: skip
    vraag = services.vraag_beantwoorden(
        acting_user=u["jobcoach"], vraag=vraag,
        antwoord="Dat mag: in de werkplaats zelfstandig, met de mentor in de buurt voor vragen. Op de bouwplaats "
        "blijft de mentor erbij tot het einde van de proefplaatsing. Ik kom volgende week langs.", melden=False,
    )  # fmt: skip
    Werkgeversvraag.objects.filter(pk=vraag.pk).update(
        gesteld_op=eerder,
        uiterlijk_op=plus_werkdagen(eerder.date(), 1),
        beantwoord_op=timezone.make_aware(dt.datetime.combine(plus_werkdagen(eerder.date(), 1), dt.time(9, 20))),
    )


def _cohort_checks(w: Wereld) -> None:
    """The finished cohort: each participant at work had their checks after 6 and 12 months
    recorded by their klantmanager (the jobcoach's part had ended), on the day they were due."""
    traject = Traject.objects.filter(naam=COHORT_NAAM).first()
    if traject is None:
        return
    from begeleiding.selectors import werk_start_per_deelname

    deelnames = Deelname.objects.filter(traject=traject).select_related("deelnemer__gemeente")
    starts = werk_start_per_deelname([d.pk for d in deelnames])
    for deelname in deelnames:
        start = starts.get(deelname.pk)
        if start is None:
            continue
        km = w.klantmanager_van(deelname.deelnemer.gemeente.naam)
        contract = (
            Plaatsing.objects.filter(deelname=deelname)
            .filter(Q(soort__in=[PS.BBL, PS.BEPAALDE_TIJD, PS.ONBEPAALDE_TIJD, PS.UITZEND]))
            .select_related("leerwerkplek__werkgever")
            .order_by("-start")
            .first()
        )
        for maanden in c.BEHOUD_MAANDEN:
            peil = plus_maanden(start, maanden)
            if peil > w.vandaag or Behoudcheck.objects.filter(deelname=deelname, maanden=maanden).exists():
                continue
            in_werk = contract.einde is None or contract.einde >= peil
            werk = {"werkgever": contract.leerwerkplek.werkgever, "werkvorm": contract.soort} if in_werk else {}
            check = services.behoudcheck_vastleggen(
                acting_user=km, deelname=deelname, maanden=maanden, datum=peil, in_werk=in_werk,
                toelichting="" if in_werk else "Verhuisd naar familie buiten de regio; niet meer aan het werk.",
                **werk,
            )  # fmt: skip
            Behoudcheck.objects.filter(pk=check.pk).update(vastgelegd_op=tijdstip(peil, 60))
