"""Building blocks of the employers' demo: employers, places, profiles, matches and placements.

Every write goes through werkgevers.services, as the person who does it in real use: the
employer's contact person registers its details and offers its places, the candidate's
klantmanager writes the profile text and the regisseur approves it, the employer shows
interest and answers a proposal, the regisseur proposes matches and placements, and the
employer confirms a placement, which moves the participation on. The services stamp each
of these with the current time; for a story that began months ago, the times are moved back
afterwards, here only, as trajecten.demo_bouwstenen does with the steps.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from leerwerk.pdf import render_pdf
from leerwerk.regios import Provincie
from trajecten.demo_bouwstenen import Wereld, stap_terugdateren, tijdstip
from trajecten.models import Deelname
from werkgevers import selectors, services
from werkgevers.models import Begeleider, Leerwerkplek, Match, Plaatsing, Profiel, Werkgever

# --- Employers and places -------------------------------------------------------------------


def werkgever_ensure(w: Wereld, key: str, *, door: str, gegevens: dict) -> Werkgever:
    """The employer record of organisation `key`, registered by user `door` when it is missing,
    with its locations (in the demo's arbeidsmarktregio) and mentors."""
    organisatie = w.orgs[key]
    bestaand = Werkgever.objects.filter(organisatie=organisatie).first()
    if bestaand is not None:
        return bestaand
    user = w.users[door]
    werkgever = services.werkgever_create(
        acting_user=user,
        organisatie=organisatie,
        kvk_nummer=gegevens["kvk"],
        sector=gegevens["sector"],
        sbb_erkend=gegevens["sbb"],
    )
    for naam, adres, postcode, plaats, gemeente in gegevens["locaties"]:
        services.locatie_save(
            acting_user=user,
            werkgever=werkgever,
            naam=naam,
            adres=adres,
            postcode=postcode,
            plaats=plaats,
            gemeente=gemeente,
            provincie=Provincie.NOORD_BRABANT,
            arbeidsmarktregio=w.orgs["regio"],
        )
    for soort, naam, functie, email in gegevens["begeleiders"]:
        services.begeleider_save(
            acting_user=user, werkgever=werkgever, soort=soort, naam=naam, functie=functie, email=email
        )
    return werkgever


def locatie(werkgever: Werkgever, naam: str):
    return werkgever.locaties.get(naam=naam)


def begeleider(werkgever: Werkgever, naam: str) -> Begeleider:
    return werkgever.begeleiders.get(naam=naam)


def intentieverklaring_pdf(werkgever: Werkgever, plek: dict, *, traject, ondertekenaar: str) -> ContentFile:
    """A one-page letter of intent (fictitious) to attach to a place, as the employer would upload it."""
    pdf = render_pdf(
        "werkgevers/pdf/demo_intentieverklaring.html",
        {
            "werkgever": werkgever.organisatie.naam,
            "kvk_nummer": werkgever.kvk_nummer,
            "locatie": plek["locatie"],
            "plek": plek["functietitel"],
            "traject": traject.naam,
            "uren": plek["uren_per_week"],
            "datum": plek["toezegging_datum"],
            "geldig_tot": plek["toezegging_geldig_tot"],
            "ondertekenaar": ondertekenaar,
        },
    )
    return ContentFile(pdf, name="intentieverklaring.pdf")


def plek_add(user, werkgever: Werkgever, traject, **velden) -> Leerwerkplek:
    return services.leerwerkplek_save(acting_user=user, werkgever=werkgever, traject=traject, **velden)


# --- Profiles and matches ---------------------------------------------------------------------


def profiel_schrijven(
    w: Wereld, deelname: Deelname, tekst: str, *, geschreven: dt.date, goedgekeurd: dt.date | None
) -> Profiel:
    """The klantmanager writes the text for employers; the regisseur approves it (or not yet)."""
    km = w.klantmanager_van(deelname.deelnemer.gemeente.naam)
    profiel = services.profiel_concept_save(acting_user=km, deelname=deelname, motivatie=tekst)
    tijden = {"concept_op": tijdstip(geschreven, 200)}
    if goedgekeurd is not None:
        profiel = services.profiel_approve(acting_user=deelname.traject.regisseur, profiel=profiel)
        tijden["goedgekeurd_op"] = tijdstip(goedgekeurd, 210)
    Profiel.objects.filter(pk=profiel.pk).update(**tijden)
    return profiel


def interesse(werkgever_user, deelname: Deelname, plek: Leerwerkplek, dag: dt.date) -> Match:
    """The employer marks "ik sta open voor deze kandidaat" on the anonymous profile."""
    profiel_id = Profiel.objects.get(deelname=deelname).pk
    match = services.match_interest(acting_user=werkgever_user, profiel_id=profiel_id, leerwerkplek=plek)
    Match.objects.filter(pk=match.pk).update(interesse_op=tijdstip(dag, 220))
    return match


def voorstel(deelname: Deelname, plek: Leerwerkplek, dag: dt.date, *, geaccepteerd=None) -> Match:
    """The regisseur proposes the match with its suggestion score; `geaccepteerd`: (employer user, day)."""
    regisseur = deelname.traject.regisseur
    weergave = selectors.ProfielWeergave.van(selectors.profielen_for_regie(regisseur).get(deelname=deelname))
    match = services.match_propose(
        acting_user=regisseur,
        deelname=deelname,
        leerwerkplek=plek,
        score=selectors.match_score(weergave, plek).totaal,
    )
    tijden = {"voorgesteld_op": tijdstip(dag, 230)}
    if geaccepteerd is not None:
        werkgever_user, antwoord = geaccepteerd
        match = services.match_answer(acting_user=werkgever_user, match=match, accept=True)
        tijden["beantwoord_op"] = tijdstip(antwoord, 240)
    Match.objects.filter(pk=match.pk).update(**tijden)
    return match


# --- Placements -------------------------------------------------------------------------------


def plaatsing(
    w: Wereld,
    deelname: Deelname,
    plek: Leerwerkplek,
    *,
    voorgesteld: dt.date,
    bevestigd_door=None,
    gestart: bool = False,
    **voorwaarden,
) -> Plaatsing:
    """The regisseur proposes a placement (soort, start, gepland_einde, uren_per_week, mentor,
    toelichting, omgezet_uit); with `bevestigd_door` that employer confirms it on its first day,
    which moves the participation then; with `gestart` the regisseur records that it started."""
    regisseur = deelname.traject.regisseur
    item = services.plaatsing_propose(
        acting_user=regisseur, deelname=deelname, leerwerkplek=plek, jobcoach=w.users["jobcoach"], **voorwaarden
    )
    Plaatsing.objects.filter(pk=item.pk).update(voorgesteld_op=tijdstip(voorgesteld, 250))
    if bevestigd_door is None:
        return item
    voor = Deelname.objects.get(pk=deelname.pk).status
    item = services.plaatsing_confirm(acting_user=bevestigd_door, plaatsing=item, versie=item.versie)
    bijgewerkt = Deelname.objects.get(pk=deelname.pk)
    volgnummer = bijgewerkt.stappen.count()
    Plaatsing.objects.filter(pk=item.pk).update(bevestigd_op=tijdstip(item.start, volgnummer))
    if bijgewerkt.status != voor:  # the confirmation's step: on the placement's first day
        stap_terugdateren(bijgewerkt, item.start, volgnummer)
        Deelname.objects.filter(pk=deelname.pk).update(status_sinds=item.start)
    if gestart:
        item = services.plaatsing_start(acting_user=regisseur, plaatsing=item)
    return item
