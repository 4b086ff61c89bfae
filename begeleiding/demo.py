"""Coaching and aftercare in the demo (issue 16).

In "Installatietechniek Noordoost-Brabant" the demo jobcoach (Jobcoaching Brabant) coaches the
placed participants: Yonas (a BBL contract since a month minus a few days: his first aftercare
contact is due) and Rami (on trial); and Mustafa, an experienced fitter of the first group
who went from the voortraject straight into a BBL contract: two aftercare contacts
recorded, the third and his check after 6 months are due. The jobcoach was also assigned to
Samira, in training. Wim (the employer) asked a question about Yonas yesterday that waits for
an answer, and had one about Rami answered last month. The finished cohort's participants had
their retention checks recorded, so the results use checks there (Samuel's says: no longer at
work). Every step is idempotent: run again, it adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F as Veld
from django.utils import timezone

from begeleiding import constants as c
from begeleiding import services
from begeleiding.models import Behoudcheck, Coachtoewijzing, Werkgeversvraag
from leerwerk.datums import plus_maanden, plus_werkdagen, werkdag_tot, werkdag_vanaf
from trajecten.constants import ContactmomentSoort as CM
from trajecten.constants import DeelnameStatus as S
from trajecten.constants import FaseSoort as F
from trajecten.demo_bouwstenen import DAG, WEEK, Wereld, deelname_doorloop, mensen_ensure, stap_terugdateren, tijdstip
from trajecten.demo_personen import HERTOGENBOSCH, D, _p
from trajecten.models import Contactmoment, Deelname, Traject, Vervolgactie
from trajecten.services import deelname_transition
from werkgevers.constants import PlaatsingSoort as PS
from werkgevers.demo_verloop import plaatsing, profiel_schrijven, voorstel
from werkgevers.dienstverbanden import bevestigde_contracten
from werkgevers.models import Plaatsing

INSTALLATIE_NAAM = "Installatietechniek Noordoost-Brabant"
COHORT_NAAM = "Installatietechniek Noordoost-Brabant – cohort 1"
MUSTAFA = _p(
    "mustafa", "Mustafa", "Noori", (1986, 2, 9), "999996009", HERTOGENBOSCH, "'s-Hertogenbosch",
    D.STATUSHOUDER, "Afghanistan", ("A2", "A2", "A2", "A1"), uren=38, beroep="monteur installatietechniek",
    werkervaring=[("Installatietechniek", "8.0", "Afghanistan, cv- en sanitairbedrijf")], toestemming_werkgevers=True,
    motivatie="Heeft acht jaar als installateur gewerkt; wil snel aan de slag en zijn papieren halen.",
)  # fmt: skip


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
    deelnames["mustafa"] = _mustafa(w, traject)
    coach, regisseur = users["jobcoach"], traject.regisseur
    services.coach_toewijzen(acting_user=regisseur, deelname=deelnames["samira"], jobcoach=coach)
    Coachtoewijzing.objects.filter(deelname=deelnames["samira"]).update(toegewezen_op=tijdstip(vandaag - 40 * DAG))
    _contacten(w, deelnames)
    _vragen(w, deelnames)
    _cohort_checks(w)
    return True


def _mustafa(w: Wereld, traject: Traject) -> Deelname:
    """Registered for the first group; an experienced fitter, he went from the voortraject into a
    BBL contract at Van der Heijden (the trade training is part of it), in aftercare four weeks on."""
    t, u = w.vandaag, w.users
    fases = {f.soort: f for f in traject.fases.all()}
    werving, v0, o0 = fases[F.WERVING].start, fases[F.VOORTRAJECT].start, fases[F.OPLEIDING].start
    aanmelding = werving + 6 * DAG
    mens, _nieuw = mensen_ensure(w, [MUSTAFA], {"mustafa": aanmelding})
    deelname = deelname_doorloop(
        w, traject=traject, deelnemer=mens["mustafa"], regisseur=traject.regisseur,
        aanmelding=(aanmelding, "Ervaren installateur; aanmelding voor de eerste groep."),
        stappen=[
            (S.INTAKE, werkdag_vanaf(aanmelding + 7 * DAG), "Uitgenodigd voor intake."),
            (S.GESELECTEERD, werkdag_vanaf(aanmelding + 21 * DAG), "Geselecteerd; veel ervaring, korte route."),
            (S.VOORTRAJECT, v0, "Start voortraject: vaktaal en werknemersvaardigheden."),
            # After one week: he brings the trade, the VCA and the BBL-school come with his contract.
            (S.OPLEIDING, werkdag_vanaf(v0 + WEEK), "Start VCA; de vakopleiding volgt in een BBL-contract."),
        ],
    )  # fmt: skip
    # From the start of the training, or later, so that his check after six months is due soon.
    start = werkdag_vanaf(min(max(o0, plus_maanden(t, -6) + 9 * DAG), t - 6 * WEEK))
    bbl = Plaatsing.objects.filter(deelname__traject=traject, soort=PS.BBL).select_related("leerwerkplek", "mentor")
    bbl = bbl.order_by("id").first()
    profiel_schrijven(w, deelname, "Ervaren installateur, werkt zelfstandig en veilig.",
                      geschreven=start - 14 * DAG, goedgekeurd=start - 13 * DAG)  # fmt: skip
    voorstel(deelname, bbl.leerwerkplek, start - 10 * DAG, geaccepteerd=(u["werkgever"], start - 8 * DAG))
    plaatsing(w, deelname, bbl.leerwerkplek, soort=PS.BBL, start=start, gepland_einde=start + 52 * WEEK - DAG,
              uren_per_week=38, mentor=bbl.mentor, voorgesteld=start - 7 * DAG, bevestigd_door=u["werkgever"],
              gestart=True,
              toelichting="Arbeidsovereenkomst van één jaar met BBL-opleiding niveau 3; de vakopleiding volgt hij "
              "bij het bedrijf.")  # fmt: skip
    deelname.refresh_from_db()
    nazorg = min(start + 4 * WEEK, t)
    deelname = deelname_transition(
        acting_user=traject.regisseur, deelname=deelname, naar=S.NAZORG, ingangsdatum=nazorg,
        toelichting="Nazorg door de jobcoach.",
    )  # fmt: skip
    stap_terugdateren(deelname, nazorg, deelname.stappen.count())
    return deelname


def _contacten(w: Wereld, dn: dict) -> None:
    """Mustafa's first two aftercare contacts, a workplace visit for Rami, a coaching talk with Samira."""
    t, coach = w.vandaag, w.users["jobcoach"]
    start = Plaatsing.objects.filter(deelname=dn["mustafa"], soort=PS.BBL).values_list("start", flat=True).first()
    vastleggen = [
        (dn["mustafa"], CM.NAZORG, werkdag_vanaf(plus_maanden(start, 1)),
         "Eerste nazorgcontact op de werkplek, met mentor Peter Verhoeven. Gaat goed; wil meer uren in de "
         "werkplaats. Werkgever vertelt wat hij al zelfstandig kan.", ()),
        (dn["mustafa"], CM.NAZORG, werkdag_vanaf(plus_maanden(start, 3)),
         "Tweede nazorgcontact. De BBL-school is begonnen; vaktaal op school nog lastig. Afgesproken: "
         "bijles vaktaal via de taalopleider.",
         [("Bijles vaktaal aanvragen bij de taalopleider", coach, werkdag_vanaf(plus_maanden(start, 3) + WEEK))]),
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
    Contactmoment.objects.filter(deelname__in=[dn["mustafa"], dn["rami"], dn["samira"]], vastgelegd_door=coach).update(
        overige_aanwezigen="De deelnemer"
    )
    # The extra trade language was arranged a week after the second contact.
    Vervolgactie.objects.filter(contactmoment__deelname=dn["mustafa"], afgerond_op__isnull=True).update(
        afgerond_op=Veld("deadline")
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
            bevestigde_contracten()
            .filter(deelname=deelname)
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
