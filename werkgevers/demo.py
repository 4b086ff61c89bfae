"""The employers in the demo: their details, places, the profiles they see, matches, placements, events.

Called by trajecten.demo while it creates a trajectory (so only once; a second run of
demo_data changes nothing). All people and firms are invented; KvK numbers have four leading
zeros, which no real registration has. Told relative to the trajectory's own dates:

Installatietechniek Noordoost-Brabant
- Van der Heijden (demo login werkgever@example.org) offers two places: "Monteur
  installatietechniek (BBL)" and "Assistent-monteur", a jobcarving place of five tasks with
  a letter of intent (PDF). De Maaskant (werkgever-bouw@example.org) offers one, now filled,
  and a BBL place after the second group's training.
- First group: Yonas went on a proefplaatsing at Van der Heijden after the bouwvak, converted
  into a BBL contract; Rami is on a proefplaatsing at De Maaskant, which ends with its term
  with benefit a week from today. Each came from an accepted match and a placement the
  regisseur proposed and the employer confirmed, which moved the participation (steps and
  times back-dated to the story's days).
- Second group: a meeloopdag at Van der Heijden before the selection and an "Arabische
  lunch" (meet & match) with both employers. Profiles written by the klantmanager and approved
  by the regisseur for Samira, Ahmad and Kevin (who consented to sharing with employers),
  for Omar (no consent: never offered to an employer) and a draft for Piotr still waiting
  for approval. Van der Heijden showed interest in three profiles; its match with Ahmad is
  accepted (it sees his name and contact) and his proefplaatsing waits for its confirmation;
  the match with Kevin waits for its answer. De Maaskant offers a BBL place after the
  training and accepted Kevin for it; the regisseur proposed a start on the first day of
  De Maaskant's bouwvak (region Zuid), which the signals point out with a better date.
- Mentors' preparation (issue 16): Peter Verhoeven followed a training in intercultural
  communication, buddy Ilse Bakker a Harrie training; Gerard van Dijk, Rami's mentor at De
  Maaskant, has had none yet, so the regisseur and De Maaskant see a hint.

Glaszetters Noordoost-Brabant
- Van Rooij, registered by the WSP's regisseur, offers a place with a job guarantee and held
  the meeloopdag the regisseur arranged for Bilal.
"""

from __future__ import annotations

import datetime as dt

from leerwerk.datums import termijn_einde, werkdag_tot
from trajecten.demo_bouwstenen import DAG, WEEK, Wereld
from werkgevers import constants as c
from werkgevers import services
from werkgevers.demo_verloop import (
    begeleider,
    intentieverklaring_pdf,
    interesse,
    locatie,
    plaatsing,
    plek_add,
    profiel_schrijven,
    voorstel,
    werkgever_ensure,
)

M, B = c.BegeleiderSoort.MENTOR, c.BegeleiderSoort.BUDDY
PS = c.PlaatsingSoort
VCA = ["vca_basis"]
MONTEUR = "Monteur installatietechniek"
HOOFDVESTIGING, VEGHEL, WERKPLAATS = "Hoofdvestiging", "Afdeling installaties", "Werkplaats"

# organisation key -> (the demo user who registers it, its details)
WERKGEVERS = {
    "werkgever_installatie": ("werkgever", {
        "kvk": "00001001", "sector": "installatietechniek", "sbb": True,
        "locaties": [(HOOFDVESTIGING, "Ketelstraat 14", "5222 AH", "'s-Hertogenbosch", "'s-Hertogenbosch")],
        "begeleiders": [(M, "Peter Verhoeven", "Eerste monteur en leermeester", "p.verhoeven@example.com"),
                        (B, "Ilse Bakker", "Monteur", "i.bakker@example.com")],
    }),
    "werkgever_bouw": ("werkgever_bouw", {
        "kvk": "00001002", "sector": "bouw", "sbb": True,
        "locaties": [("Hoofdkantoor", "Bouwerslaan 3", "5342 CL", "Oss", "Oss"),
                     (VEGHEL, "Werkplaatsweg 8", "5462 GJ", "Veghel", "Meierijstad")],
        "begeleiders": [(M, "Gerard van Dijk", "Uitvoerder installaties", "g.vandijk@example.com"),
                        (B, "Fatima el Amrani", "Monteur", "f.elamrani@example.com")],
    }),
    "werkgever_glas": ("regisseur_wsp", {
        "kvk": "00001003", "sector": "glas", "sbb": True,
        "locaties": [(WERKPLAATS, "Glasweg 7", "5481 AC", "Schijndel", "Meierijstad")],
        "begeleiders": [(M, "Marco van Rooij", "Meesterglaszetter", "m.vanrooij@example.com")],
    }),
}  # fmt: skip

# The texts for employers: work and attitude in general terms; nothing that identifies the person.
PROFIELTEKST = {
    "yonas": "Vier jaar ervaring in de woningbouw. Leert snel door te doen, is altijd op tijd en wil monteur "
    "worden; ziet veel werk in warmtepompen.",
    "rami": "Acht jaar ervaring als cv- en sanitairmonteur. Werkt rustig, nauwkeurig en zelfstandig; de vaktaal "
    "groeit met extra ondersteuning.",
    "samira": "Drie jaar ervaring in een elektrawerkplaats. Nauwkeurig en leergierig; de praktijk gaat goed, "
    "het herexamen VCA is gepland.",
    "ahmad": "Twee jaar ervaring bij een loodgietersbedrijf. VCA behaald, werkt netjes en denkt mee; wil graag "
    "aan de slag op de bouwplaats.",
    "kevin": "Is elke dag op tijd en werkt graag met de handen. VCA behaald; wil na de opleiding verder in een "
    "BBL-leerbaan.",
    "omar": "Drie jaar ervaring in een garage. Handig met gereedschap; leert het best mondeling en door voordoen.",
    "piotr": "Zes jaar ervaring in de productie. Wil van uitzendwerk naar een vak met toekomst; heeft rijbewijs B.",
}


def _ensure(w: Wereld, key: str):
    door, gegevens = WERKGEVERS[key]
    return werkgever_ensure(w, key, door=door, gegevens=gegevens)


werkgever = _ensure  # for the other parts of the demo (trajecten.demo_cohort)


def installatie(w: Wereld, traject, dn: dict, *, na_bouwvak: dt.date, o0: dt.date, proef_yonas: dt.date,
                proef_rami: tuple[dt.date, dt.date], geplaatst_yonas: dt.date,
                eind_opleiding2: dt.date) -> None:  # fmt: skip
    """The employers' part of the installation trajectory; `dn`: key -> Deelname, still before
    any placement (the first group in opleiding). `proef_rami`: the first and last day of Rami's
    trial with benefit."""
    t, u = w.vandaag, w.users
    proef_rami, eind_rami = proef_rami
    vdh, maaskant = _ensure(w, "werkgever_installatie"), _ensure(w, "werkgever_bouw")
    wim, bart = u["werkgever"], u["werkgever_bouw"]
    _voorbereidingen(w, vdh, wim)
    proef2 = w.fase(eind_opleiding2 + 3 * DAG, 8)  # the second group's trial placements
    bbl = plek_add(wim, vdh, traject, functietitel=f"{MONTEUR} (BBL)", beroep=MONTEUR, taken=[
        "Cv-ketels en warmtepompen installeren met een ervaren monteur", "Leidingwerk aanleggen en persen",
        "Sanitair monteren", "Storingen zoeken en verhelpen onder begeleiding",
    ], uren_per_week=36, min_taalniveau="A2", vereiste_certificaten=VCA, locatie=locatie(vdh, HOOFDVESTIGING),
        aantal_plaatsen=2, startdatum=na_bouwvak)  # fmt: skip
    assistent_velden = {
        "functietitel": "Assistent-monteur", "beroep": MONTEUR, "deel_van_functie": True, "taken": [
            "Materiaal klaarzetten en de bus inruimen", "Leidingen op maat zagen en voorbereiden",
            "Sparingen boren en beugels plaatsen", "Radiatoren en sanitair helpen monteren",
            "Werkplek opruimen en afval scheiden"],
        "uren_per_week": 32, "min_taalniveau": "A1", "vereiste_certificaten": VCA,
        "locatie": locatie(vdh, HOOFDVESTIGING), "aantal_plaatsen": 2, "startdatum": proef2[0],
        "toezegging": c.Toezegging.INTENTIEVERKLARING, "toezegging_datum": werkdag_tot(t - 30 * DAG),
        "toezegging_geldig_tot": proef2[0] + 52 * WEEK,
    }  # fmt: skip
    document = intentieverklaring_pdf(vdh, assistent_velden, traject=traject, ondertekenaar=wim.naam)
    assistent = plek_add(wim, vdh, traject, toezegging_document=document, **assistent_velden)
    maaskant_plek = plek_add(bart, maaskant, traject, functietitel="Assistent-monteur installaties",
                             beroep=MONTEUR, deel_van_functie=True, taken=[
        "Leidingwerk voorbereiden in de werkplaats", "Meehelpen bij installaties in nieuwbouwwoningen",
        "Materiaal beheren op de bouwplaats"], uren_per_week=38, min_taalniveau="A2", vereiste_certificaten=VCA,
        locatie=locatie(maaskant, VEGHEL), aantal_plaatsen=1, startdatum=proef_rami)  # fmt: skip

    # First group: profiles during the training, then matches and placements.
    for k in ("yonas", "rami"):
        profiel_schrijven(w, dn[k], PROFIELTEKST[k], geschreven=o0 + WEEK, goedgekeurd=o0 + WEEK + DAG)
    interesse(wim, dn["yonas"], bbl, o0 + 2 * WEEK)
    voorstel(dn["yonas"], bbl, o0 + 3 * WEEK, geaccepteerd=(wim, o0 + 3 * WEEK + 2 * DAG))
    peter = begeleider(vdh, "Peter Verhoeven")
    proef = plaatsing(w, dn["yonas"], bbl, soort=PS.PROEFPLAATSING, start=proef_yonas,
                      gepland_einde=proef_yonas + 8 * WEEK - 3 * DAG, uren_per_week=36, mentor=peter,
                      toelichting="Uitkering loopt door, maximaal twee maanden. Mentor aangewezen.",
                      voorgesteld=proef_yonas - 10 * DAG, bevestigd_door=wim, gestart=True)  # fmt: skip
    plaatsing(w, dn["yonas"], bbl, soort=PS.BBL, start=geplaatst_yonas,
              gepland_einde=geplaatst_yonas + 52 * WEEK - DAG, uren_per_week=36, mentor=peter, omgezet_uit=proef,
              toelichting="Arbeidsovereenkomst van één jaar, 36 uur per week, met BBL-opleiding niveau 2.",
              voorgesteld=geplaatst_yonas - 7 * DAG, bevestigd_door=wim, gestart=True)  # fmt: skip
    voorstel(dn["rami"], maaskant_plek, werkdag_tot(proef_rami - 21 * DAG),
             geaccepteerd=(bart, werkdag_tot(proef_rami - 17 * DAG)))  # fmt: skip
    gerard = begeleider(maaskant, "Gerard van Dijk")
    plaatsing(w, dn["rami"], maaskant_plek, soort=PS.PROEFPLAATSING, start=proef_rami,
              gepland_einde=eind_rami, uren_per_week=38, mentor=gerard,
              toelichting="Na extra vaktaalondersteuning. Uitkering loopt door, maximaal twee maanden.",
              voorgesteld=werkdag_tot(proef_rami - 8 * DAG), bevestigd_door=bart, gestart=True)  # fmt: skip
    services.leerwerkplek_save(acting_user=bart, werkgever=maaskant, plek=maaskant_plek, status=c.PlekStatus.VERVULD)

    # Second group: a meeloopdag before the selection, profiles, the lunch, interest, one match accepted.
    regisseur = traject.regisseur
    services.bijeenkomst_save(
        acting_user=regisseur, traject=traject, soort=c.BijeenkomstSoort.MEELOOPDAG, datum=werkdag_tot(t - 66 * DAG),
        plaats=f"{vdh.organisatie.naam}, Ketelstraat 14, 's-Hertogenbosch",
        omschrijving="Een dag meedraaien met een monteur in de werkplaats en op een project.",
        werkgevers=[vdh], deelnames=[dn[k] for k in ("samira", "ahmad", "kevin")],
        overige_aanwezigen="Jobcoach, mentor Peter Verhoeven",
    )  # fmt: skip
    for k in ("samira", "ahmad", "kevin", "omar"):
        profiel_schrijven(w, dn[k], PROFIELTEKST[k], geschreven=werkdag_tot(t - 24 * DAG),
                          goedgekeurd=werkdag_tot(t - 23 * DAG))  # fmt: skip
    profiel_schrijven(w, dn["piotr"], PROFIELTEKST["piotr"], geschreven=werkdag_tot(t - 4 * DAG), goedgekeurd=None)
    services.bijeenkomst_save(
        acting_user=regisseur, traject=traject, soort=c.BijeenkomstSoort.MEET_AND_MATCH,
        datum=werkdag_tot(t - 17 * DAG),
        plaats="Wijkcentrum De Brug, 's-Hertogenbosch",
        omschrijving="Arabische lunch, gekookt door deelnemers: werkgevers en kandidaten van de tweede groep maken "
        "aan tafel kennis. De werkgevers kregen vooraf de anonieme profielen.",
        werkgevers=[vdh, maaskant], deelnames=[dn[k] for k in ("samira", "ahmad", "kevin", "piotr")],
        overige_aanwezigen="Klantmanagers, jobcoach, taaldocent",
    )  # fmt: skip
    interesse(wim, dn["samira"], assistent, werkdag_tot(t - 15 * DAG))
    interesse(wim, dn["ahmad"], assistent, werkdag_tot(t - 15 * DAG))
    interesse(wim, dn["kevin"], bbl, werkdag_tot(t - 14 * DAG))
    voorstel(dn["ahmad"], assistent, werkdag_tot(t - 10 * DAG), geaccepteerd=(wim, werkdag_tot(t - 8 * DAG)))
    plaatsing(w, dn["ahmad"], assistent, soort=PS.PROEFPLAATSING, start=proef2[0], gepland_einde=proef2[1],
              uren_per_week=32, mentor=peter, voorgesteld=werkdag_tot(t - 3 * DAG),
              toelichting="Proefplaatsing van acht weken met behoud van uitkering, direct na de opleiding; "
              "daarna een arbeidsovereenkomst volgens de intentieverklaring.")  # fmt: skip
    _kevin_bij_de_maaskant(w, traject, dn["kevin"], maaskant, na=max(t, eind_opleiding2))
    voorstel(dn["kevin"], bbl, werkdag_tot(t - 2 * DAG))  # waits for the employer's answer


# mentor or buddy -> (kind of preparation, days before the demo's today); Gerard van Dijk has none
VOORBEREIDINGEN = {
    "Peter Verhoeven": (c.VoorbereidingSoort.INTERCULTUREEL, 120),
    "Ilse Bakker": (c.VoorbereidingSoort.HARRIE, 45),
}


def _voorbereidingen(w: Wereld, werkgever, door) -> None:
    """The preparations of the employer's mentors and buddies, recorded by its contact person
    (once: a preparation of that kind already there is left alone)."""
    for naam, (soort, dagen) in VOORBEREIDINGEN.items():
        mentor = werkgever.begeleiders.filter(naam=naam).first()
        if mentor is None or mentor.voorbereidingen.filter(soort=soort).exists():
            continue
        services.mentorvoorbereiding_vastleggen(
            acting_user=door, begeleider=mentor, soort=soort, datum=werkdag_tot(w.vandaag - dagen * DAG)
        )


def _kevin_bij_de_maaskant(w: Wereld, traject, deelname, maaskant, *, na: dt.date) -> None:
    """De Maaskant offers a BBL place after the training and accepted Kevin; the regisseur proposed
    a start on the first day of the firm's first bouwvak after `na` (the bouwvak of the place's
    location), so the bouwvak signal shows, with the first working day after it as suggestion."""
    t, bart = w.vandaag, w.users["werkgever_bouw"]
    veghel = locatie(maaskant, VEGHEL)
    bouwvak = w.kalender.eerstvolgende(veghel.bouwvak_regio, na)
    if bouwvak.start <= na:  # under way: the next year's
        bouwvak = w.kalender.get(veghel.bouwvak_regio, bouwvak.jaar + 1)
    plek = plek_add(bart, maaskant, traject, functietitel="Monteur installaties (BBL)", beroep=MONTEUR, taken=[
        "Installaties aanleggen in nieuwbouwwoningen met een ervaren monteur", "Leidingwerk en sanitair monteren",
        "Warmtepompen en ventilatie helpen plaatsen"], uren_per_week=38, min_taalniveau="A2",
        vereiste_certificaten=VCA, locatie=veghel, aantal_plaatsen=1, startdatum=bouwvak.start)  # fmt: skip
    voorstel(deelname, plek, werkdag_tot(t - 9 * DAG), geaccepteerd=(bart, werkdag_tot(t - 7 * DAG)))
    plaatsing(w, deelname, plek, soort=PS.BBL, start=bouwvak.start, gepland_einde=termijn_einde(bouwvak.start, 12),
              uren_per_week=38, mentor=begeleider(maaskant, "Gerard van Dijk"), voorgesteld=werkdag_tot(t - 5 * DAG),
              toelichting="BBL-leerbaan na de opleiding: arbeidsovereenkomst van een jaar met de BBL-opleiding "
              "monteur niveau 2, zodra het nieuwe schooljaar begint.")  # fmt: skip


def glas(w: Wereld, traject, dn: dict, *, start_proefplaatsing: dt.date) -> None:
    """Van Rooij in the glass trajectory: its place with a job guarantee and Bilal's meeloopdag."""
    t, regisseur = w.vandaag, w.users["regisseur_wsp"]
    van_rooij = _ensure(w, "werkgever_glas")
    plek_add(regisseur, van_rooij, traject, functietitel="Glaszetter", beroep="Glaszetter", taken=[
        "Glas op maat snijden en kanten afwerken", "Ramen en deuren beglazen in de werkplaats",
        "Glas plaatsen en kitten op de bouwplaats"], uren_per_week=38, min_taalniveau="A1",
        vereiste_certificaten=VCA, locatie=locatie(van_rooij, WERKPLAATS), aantal_plaatsen=2,
        startdatum=start_proefplaatsing, toezegging=c.Toezegging.BAANGARANTIE,
        toezegging_datum=werkdag_tot(t - 10 * DAG),
        toezegging_geldig_tot=start_proefplaatsing + 52 * WEEK)  # fmt: skip
    services.bijeenkomst_save(
        acting_user=regisseur, traject=traject, soort=c.BijeenkomstSoort.MEELOOPDAG, datum=werkdag_tot(t - 6 * DAG),
        plaats=f"{van_rooij.organisatie.naam}, Glasweg 7, Schijndel",
        omschrijving="Meelopen in de werkplaats en mee naar een klus op locatie.",
        werkgevers=[van_rooij], deelnames=[dn["bilal"]], overige_aanwezigen="Regisseur van het WSP",
    )  # fmt: skip
