"""The demo's overleg and scripts (issue 15), told relative to the day the data are loaded.

- "Installatietechniek Noordoost-Brabant": a kick-off two weeks before recruitment began, a
  feedback moment every four weeks from the voortraject on (with minutes, except the last one
  that took place more than a week ago: its missing minutes are a signal), and the national
  script for its phases. Tasks due more than two weeks ago are done; those due since are open,
  so the partners see them on their start pages and the overdue ones as signals.
- Their covenants (create_convenanten, after the budgets of financiering.demo): the installation
  trajectory's signed by every party and sealed, the glass trajectory's waiting for two.
- "Glaszetters Noordoost-Brabant": in recruitment; the kick-off was a week before it began
  (minutes recorded), feedback every four weeks, and the national script (what was due before
  today is done).
Written through the services, as the regisseur would; run twice, it adds nothing.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from regie.models import Draaiboektaak, Overleg
from regie.selectors import draaiboek_van
from regie.services import draaiboek as ds
from regie.services import overleg as ov
from trajecten.models import Traject

logger = logging.getLogger(__name__)

AGENDA_KICKOFF = (
    "1. Kennismaking en rollen van de partners\n2. Verwachtingen over en weer: duur, uren, werktijden\n"
    "3. Het draaiboek en de vaste feedbackmomenten\n4. Afspraken over communicatie (telefoon of chat, geen lange mails)"
)
AGENDA_FEEDBACK = "1. Voortgang per fase (zonder namen)\n2. Knelpunten van de partners\n3. Acties en planning"
NOTULEN = (
    "Alle partners waren aanwezig. De voortgang ligt op schema; de werkgevers vragen om eerder contact over "
    "vaktaal op de werkplek. De opleider deelt het lesrooster met de werkgevers."
)


def create(*, vandaag: dt.date) -> int:
    """Add the demo's overleg and scripts where a trajectory has none; return how many
    trajectories got them."""
    n = 0
    for naam, maak in (
        ("Installatietechniek Noordoost-Brabant", _installatie),
        ("Glaszetters Noordoost-Brabant", _glas),
    ):
        traject = Traject.objects.filter(naam=naam).select_related("regisseur").first()
        if traject is None or traject.regisseur is None or Overleg.objects.filter(traject=traject).exists():
            continue
        maak(traject, vandaag)
        n += 1
    return n


def _aanwezigen(traject: Traject) -> list:
    return [traject.regisseur_id, *[p for p in traject.partners.values_list("contactpersoon_id", flat=True) if p]]


def _installatie(traject: Traject, vandaag: dt.date) -> None:
    regisseur = traject.regisseur
    fases = {f.soort: f for f in traject.fases.all()}
    eerste = min(f.start for f in fases.values())
    kickoff = ov.overleg_plannen(
        acting_user=regisseur, traject=traject, soort="kickoff", datum=eerste - dt.timedelta(days=14),
        begintijd=dt.time(13, 30), eindtijd=dt.time(15, 30), locatie="Stadskantoor 's-Hertogenbosch",
        agenda=AGENDA_KICKOFF, aanwezigen=_aanwezigen(traject),
    )  # fmt: skip
    ov.notulen_vastleggen(
        acting_user=regisseur, overleg=kickoff, besluiten="Feedback elke vier weken\nContact per telefoon of chat",
        notulen="Verwachtingen besproken: duur, uren en werktijden. De werkgevers leveren hun plekken aan vóór de "
        "werving begint. Iedere partner kent zijn taken uit het draaiboek.",
    )  # fmt: skip
    start = fases["voortraject"].start
    reeks = ov.feedbackreeks_vastleggen(
        acting_user=regisseur, traject=traject, ook_verleden=True, interval_weken=4,
        vanaf=start + dt.timedelta(weeks=4), tot=max(f.eind for f in fases.values()), begintijd=dt.time(10),
        eindtijd=dt.time(11, 30), locatie="Online (videobellen)",
    )  # fmt: skip
    geweest = list(reeks.overleggen.filter(datum__lt=vandaag - dt.timedelta(days=7)).order_by("datum"))
    for o in geweest[:-1]:
        o.agenda = AGENDA_FEEDBACK
        o.save(update_fields=["agenda"])
        ov.notulen_vastleggen(acting_user=regisseur, overleg=o, notulen=NOTULEN)
    ds.draaiboek_vullen(acting_user=regisseur, traject=traject)
    _op_tijd_klaar(traject, vandaag - dt.timedelta(days=14), regisseur)
    # The second group's tasks, so that each partner has one ahead of it on its start page.
    eigen = {p.organisatie.naam: p.organisatie for p in traject.partners.select_related("organisatie")}
    for omschrijving, fase, rol, org, over in (
        ("Examens basisvakopleiding voor de tweede groep plannen", "matching_plaatsing", "opleider",
         "Opleidingscentrum Techniek Brabant", 10),
        ("Mentor voor de tweede groep voorbereiden (interculturele training)", "nazorg", "werkgever",
         "Installatiebedrijf Van der Heijden B.V.", 21),
        ("Nazorgcontacten met de werkgevers van de tweede groep plannen", "nazorg", "jobcoach",
         "Jobcoaching Brabant", 7),
    ):  # fmt: skip
        if org in eigen:
            # From the phase's start, or its end when the start lies more than a year away.
            doel = vandaag + dt.timedelta(days=over)
            anker = "start" if abs((doel - fases[fase].start).days) <= 365 else "eind"
            dagen = (doel - (fases[fase].start if anker == "start" else fases[fase].eind)).days
            ds.taak_toevoegen(
                acting_user=regisseur, traject=traject, omschrijving=omschrijving, fase_soort=fase, eigenaarrol=rol,
                eigenaar=eigen[org], ankerpunt=anker, dagen=dagen,
            )  # fmt: skip


def _glas(traject: Traject, vandaag: dt.date) -> None:
    regisseur = traject.regisseur
    eerste = min(f.start for f in traject.fases.all())
    kickoff = ov.overleg_plannen(
        acting_user=regisseur, traject=traject, soort="kickoff", datum=min(eerste, vandaag) - dt.timedelta(days=7),
        begintijd=dt.time(10), eindtijd=dt.time(12), locatie="Werkgeversservicepunt Noordoost-Brabant",
        agenda=AGENDA_KICKOFF, aanwezigen=_aanwezigen(traject),
    )  # fmt: skip
    ov.notulen_vastleggen(
        acting_user=regisseur, overleg=kickoff, besluiten="Baangarantie van de glasbedrijven in het convenant",
        notulen="Verwachtingen besproken. De glasbedrijven geven een baangarantie; de vakschool plant de "
        "opleiding buiten de bouwvak.",
    )  # fmt: skip
    ov.feedbackreeks_vastleggen(
        acting_user=regisseur, traject=traject, interval_weken=4, vanaf=vandaag + dt.timedelta(weeks=4),
        tot=max(f.eind for f in traject.fases.all()), begintijd=dt.time(10), eindtijd=dt.time(11, 30),
    )  # fmt: skip
    ds.draaiboek_vullen(acting_user=regisseur, traject=traject)
    _op_tijd_klaar(traject, vandaag, regisseur)


def _op_tijd_klaar(traject: Traject, grens: dt.date, regisseur) -> None:
    """The tasks due before `grens` were done on their date."""
    for r in draaiboek_van(traject):
        if r.deadline and r.deadline < grens:
            Draaiboektaak.objects.filter(pk=r.taak.pk).update(afgerond_op=r.deadline, afgerond_door=regisseur)


# --- The covenants --------------------------------------------------------------------------

# What each partner role brings, in the demo's words: (expertise, time, budget in euro).
INBRENG = {
    "opleider": ("Vakopleiding, praktijklessen en examens (VCA, vakdiploma)", "2 dagen per week tijdens de opleiding",
                 "0"),
    "taalopleider": ("Taal en vaktaal op de werkvloer, taaltoetsen", "2 dagdelen per week", "0"),
    "werkgever": ("Leerwerkplek, praktijkbegeleider (mentor) en zicht op een vaste baan", "4 uur per week mentor",
                  "2500"),
    "intermediair": ("Werving, matching en contact met werkgevers in de regio", "1 dag per week", "0"),
    "financier": ("Financiering van de opleiding uit het O&O-fonds", "Beoordelen van declaraties", "0"),
    "jobcoach": ("Coaching op de werkplek en nazorg tot zes maanden na uitstroom", "2 uur per deelnemer per week",
                 "0"),
    "expertisepartner": ("Interculturele training voor werkgevers en collega's", "2 trainingsdagen", "0"),
    "verbinder": ("Contact met de gemeenschap van nieuwkomers", "Op afroep", "0"),
}  # fmt: skip
UITVAL = (
    "Dreigt een deelnemer uit te vallen, dan meldt de partner die het merkt dit binnen twee werkdagen aan de "
    "regisseur. Binnen een week is er een gesprek met de deelnemer, de klantmanager en de jobcoach. Valt een "
    "deelnemer uit, dan betaalt het fonds de gemaakte opleidingskosten; een vrijgekomen plaats gaat naar de "
    "volgende kandidaat op de lijst."
)


def create_convenanten(*, users: dict, vandaag: dt.date) -> int:
    """The installation trajectory's covenant signed by every party and sealed; the glass
    trajectory's sent nine days ago and waiting for two signatures. Needs the budgets (run after
    financiering.demo); run twice, it adds nothing."""
    from leerwerk.models import User
    from regie.models import ConvenantVersie
    from regie.services import convenant as cs
    from regie.tasks import convenant_renderen, convenant_verzegelen

    n = 0
    for naam, niet_getekend, dagen_geleden in (
        ("Installatietechniek Noordoost-Brabant", (), 40),
        ("Glaszetters Noordoost-Brabant", ("Bouwbedrijf De Maaskant B.V.", "Opleidingsfonds Vlakglas (O&O)"), 9),
    ):
        traject = Traject.objects.filter(naam=naam).select_related("regisseur").first()
        if traject is None or traject.regisseur is None or ConvenantVersie.objects.filter(convenant__traject=traject):
            continue
        _klaar_maken(traject, users)
        versie = cs.versturen(acting_user=traject.regisseur, traject=traject)
        convenant_renderen(versie.pk)  # at once, so that the demo shows it (the worker finds it done)
        versie.refresh_from_db()
        for o in versie.ondertekeningen.select_related("organisatie"):
            if o.organisatie.naam in niet_getekend:
                continue
            tekenaar = User.objects.filter(organisatie=o.organisatie, tekenbevoegd=True, is_active=True).first()
            cs.ondertekenen(acting_user=tekenaar, versie=versie, sha256=versie.sha256)
        ConvenantVersie.objects.filter(pk=versie.pk).update(
            aangemaakt_op=timezone.now() - dt.timedelta(days=dagen_geleden)
        )
        if not niet_getekend:
            try:
                convenant_verzegelen(versie.pk)
            except ImproperlyConfigured:
                # Production settings without a seal certificate (a benchmark loads the demo so):
                # the covenant stays signed; the seal follows once LEERWERK_ZEGEL_PKCS12 is set.
                logger.warning("Demo: convenant getekend maar niet verzegeld (geen LEERWERK_ZEGEL_PKCS12).")
        n += 1
    return n


def _klaar_maken(traject: Traject, users: dict) -> None:
    """Complete what the covenant asks and the demo's data do not say yet, as the regisseur and the
    employers would: each partner's contribution, the agreements, the employers' confirmations."""
    from decimal import Decimal

    from deelnemers.constants import Taalniveau
    from regie.services import convenant as cs
    from werkgevers.models import Leerwerkplek

    regisseur = traject.regisseur
    for p in traject.partners.all():
        expertise, tijd, budget = INBRENG[p.rol]
        cs.inbreng_opslaan(
            acting_user=regisseur, partner=p, inbreng_expertise=expertise, inbreng_tijd=tijd,
            inbreng_budget=Decimal(budget),
        )  # fmt: skip
    plekken = list(Leerwerkplek.objects.filter(traject=traject).select_related("werkgever"))
    niveau = max((p.min_taalniveau for p in plekken if p.min_taalniveau), key=Taalniveau.rank, default="A2")
    certificaten = sorted({x for p in plekken for x in p.vereiste_certificaten})
    from financiering.selectors import begroting

    tekort = begroting(traject).gat > 0
    cs.afspraken_opslaan(
        acting_user=regisseur, traject=traject, min_deelnemers=max(1, traject.capaciteit // 2),
        uitstroom_taalniveau=niveau, uitstroom_certificaten=certificaten, uitval_aanpak=UITVAL,
        tekort_geaccepteerd=tekort,
        tekort_toelichting="De gemeente dekt het tekort uit het participatiebudget." if tekort else "",
    )  # fmt: skip
    for plek in plekken:
        if plek.toezegging == "geen" or plek.toezegging_bevestigd_op:
            continue
        contact = plek.werkgever.organisatie.gebruikers.filter(rollen__contains=["werkgever"], is_active=True).first()
        if contact is not None:
            from werkgevers.services import toezegging_bevestigen

            toezegging_bevestigen(acting_user=contact, plek=plek)
