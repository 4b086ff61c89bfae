"""A finished cohort in the demo history (issue 14, item 9), so that the results are not empty.

"Installatietechniek Noordoost-Brabant – cohort 1" ran from about 22 months ago, with the same
partners as today's trajectory, and ended as the reference case did: of ten participants
seven went to paid work, one to further education, and two are still matching (nog actief).
Of the seven, six started straight after the training (BBL or a fixed-term contract at Van der
Heijden or De Maaskant) and one later, after a trial placement. One contract ended after four
months without a follow-on (not durable); the other six are still at work, more than a year
on. The people are invented (BSNs from the RvIG test range, passing the elfproef).
"""

from __future__ import annotations

from leerwerk.datums import werkdag_tot, werkdag_vanaf
from trajecten import constants as c
from trajecten.demo_bouwstenen import (
    DAG,
    WEEK,
    Wereld,
    deelname_doorloop,
    maandag,
    mensen_ensure,
    stap_terugdateren,
    traject_add,
)
from trajecten.demo_personen import HERTOGENBOSCH, MEIERIJSTAD, OSS, TOESTEMMING_LOOPT_AF, D, _p
from trajecten.models import Traject
from trajecten.services import deelname_transition
from werkgevers import constants as wc
from werkgevers import demo as werkgevers_demo
from werkgevers import services as werkgevers_services
from werkgevers.demo_verloop import begeleider, plaatsing, plek_add, profiel_schrijven, voorstel

S, F, P = c.DeelnameStatus, c.FaseSoort, c.PartnerRol
PS = wc.PlaatsingSoort
COHORT_NAAM = "Installatietechniek Noordoost-Brabant – cohort 1"
MONTEUR = "monteur installatietechniek"

# fmt: off
COHORT = [
    _p("c1_tesfamariam", "Filmon", "Tesfamariam", (1990, 4, 2), "999995005", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Eritrea", ("A2", "A1", "A2", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_alhassan", "Yusuf", "Al-Hassan", (1993, 8, 17), "999995017", HERTOGENBOSCH, "Rosmalen",
       D.STATUSHOUDER, "Syrië", ("A2", "A2", "A2", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_karimi", "Reza", "Karimi", (1996, 1, 9), "999995029", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Afghanistan", ("A2", "A1", "A1", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_bekele", "Abel", "Bekele", (1989, 11, 23), "999995030", OSS, "Oss",
       D.STATUSHOUDER, "Ethiopië", ("A2", "A2", "A2", "A2"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_haddad", "Rania", "Khoury", (1998, 6, 30), "999995042", OSS, "Oss",
       D.STATUSHOUDER, "Syrië", ("B1", "A2", "A2", "A2"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_ghebre", "Samuel", "Ghebre", (1995, 2, 14), "999995054", MEIERIJSTAD, "Veghel",
       D.STATUSHOUDER, "Eritrea", ("A2", "A1", "A2", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_nowak", "Tomasz", "Nowak", (1987, 9, 5), "999995066", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.ANDERSTALIG, "Polen", ("B1", "B1", "A2", "A2"), beroep=MONTEUR, uitkering=None, toestemming_werkgevers=True),
    _p("c1_ahmadi", "Hamid", "Ahmadi", (1999, 12, 1), "999995078", MEIERIJSTAD, "Schijndel",
       D.STATUSHOUDER, "Afghanistan", ("A2", "A2", "A2", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_osman", "Ibrahim", "Osman", (1992, 3, 19), "999995091", HERTOGENBOSCH, "'s-Hertogenbosch",
       D.STATUSHOUDER, "Somalië", ("A1", "A1", "A1", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
    _p("c1_mahmoud", "Khaled", "Mahmoud", (1985, 7, 7), "999995108", OSS, "Oss",
       D.STATUSHOUDER, "Syrië", ("A2", "A1", "A2", "A1"), beroep=MONTEUR, toestemming_werkgevers=True),
]
# fmt: on

# They registered more than two years ago; their consent to share with the partners was renewed
# (it runs 24 months from the registration otherwise): it ends a good year after the load day.
TOESTEMMING_LOOPT_AF.update(dict.fromkeys((p.key for p in COHORT), 400))

# key -> (contract kind, employer key, weeks after the training's end; None: no work)
WERK = {
    "c1_tesfamariam": (PS.BBL, "werkgever_installatie", 2),
    "c1_alhassan": (PS.BBL, "werkgever_installatie", 2),
    "c1_karimi": (PS.BEPAALDE_TIJD, "werkgever_installatie", 3),
    "c1_bekele": (PS.BBL, "werkgever_bouw", 2),
    "c1_haddad": (PS.BEPAALDE_TIJD, "werkgever_bouw", 3),
    "c1_ghebre": (PS.BEPAALDE_TIJD, "werkgever_bouw", 4),  # ends after four months: not durable
    "c1_nowak": (PS.BEPAALDE_TIJD, "werkgever_installatie", 12),  # later, after a trial placement
}
GESTOPT = "c1_ghebre"
LATER = "c1_nowak"
VERVOLG = "c1_ahmadi"


def cohort(w: Wereld) -> int | None:
    """Create the finished cohort unless it is there; how many candidates are new."""
    t = w.vandaag
    w0 = maandag(t - 96 * WEEK)
    plan = {F.WERVING: (w0, w0 + 6 * WEEK - 3 * DAG)}
    plan[F.VOORTRAJECT] = w.fase(w0 + 6 * WEEK, 3)
    plan[F.OPLEIDING] = w.fase(plan[F.VOORTRAJECT][1] + 3 * DAG, 14)
    eind = plan[F.OPLEIDING][1]
    plan[F.PROEFPLAATSING] = w.fase(eind + 3 * DAG, 8)
    plan[F.MATCHING] = w.fase(eind + 3 * DAG, 20)
    plan[F.NAZORG] = w.fase(eind + 2 * WEEK, 26, bouwvak=False)
    traject = traject_add(
        w,
        naam=COHORT_NAAM,
        regie=HERTOGENBOSCH,
        regisseur="regisseur",
        plan=plan,
        partners=[
            ("opleider", P.OPLEIDER, "opleider"),
            ("taalopleider", P.TAALOPLEIDER, "opleider_taal"),
            ("werkgever_installatie", P.WERKGEVER, "werkgever"),
            ("werkgever_bouw", P.WERKGEVER, "werkgever_bouw"),
            ("jobcoach", P.JOBCOACH, "jobcoach"),
        ],
        sector=c.Sector.INSTALLATIE,
        beroep="Monteur installatietechniek",
        capaciteit=10,
        status=c.TrajectStatus.LOPEND,  # finished below, once its history is in
        min_taalniveau="A1",
        max_opleidingsniveau="mbo3",
        min_uren_per_week=24,
        doel_aantal_deelnemers=10,
        doel_aandeel_werk=70,
        doel_datum=plan[F.NAZORG][1],
    )
    if traject is None:
        return None
    reg = w.users["regisseur"]
    aanmelding = {p.key: werkdag_vanaf(w0 + i * DAG) for i, p in enumerate(COHORT)}
    mens, nieuw = mensen_ensure(w, COHORT, aanmelding)
    v0, o0 = plan[F.VOORTRAJECT][0], plan[F.OPLEIDING][0]
    dn = {}
    for p in COHORT:
        stappen = [
            (S.INTAKE, werkdag_vanaf(aanmelding[p.key] + 5 * DAG), "Intake en motivatiegesprek."),
            (S.GESELECTEERD, werkdag_tot(v0 - 5 * DAG), "Geselecteerd voor het eerste cohort."),
            (S.VOORTRAJECT, v0, "Start voortraject."),
            (S.OPLEIDING, o0, "Start basisvakopleiding en VCA."),
        ]
        if p.key == VERVOLG:
            stappen.append(
                (S.VERVOLGOPLEIDING, werkdag_vanaf(eind + DAG), "Door naar mbo-2 installatietechniek (bol).")
            )
        dn[p.key] = deelname_doorloop(
            w, traject=traject, deelnemer=mens[p.key], regisseur=reg,
            aanmelding=(aanmelding[p.key], "Aangemeld voor het eerste cohort."), stappen=stappen,
        )  # fmt: skip
    _werk(w, traject, dn, eind)
    Traject.objects.filter(pk=traject.pk).update(status=c.TrajectStatus.AFGEROND)
    return nieuw


def _werk(w: Wereld, traject, dn: dict, eind) -> None:
    u = w.users
    plekken = {}
    for key, (user, mentor) in {"werkgever_installatie": ("werkgever", "Peter Verhoeven"),
                                "werkgever_bouw": ("werkgever_bouw", "Gerard van Dijk")}.items():  # fmt: skip
        werkgever = werkgevers_demo.werkgever(w, key)
        plek = plek_add(
            u[user], werkgever, traject, functietitel="Monteur installatietechniek (cohort 1)", beroep=MONTEUR,
            taken=["Leidingwerk aanleggen", "Installaties monteren met een ervaren monteur"], uren_per_week=36,
            min_taalniveau="A1", vereiste_certificaten=[], aantal_plaatsen=6,
            locatie=werkgever.locaties.order_by("id").first(), startdatum=werkdag_vanaf(eind + DAG),
        )  # fmt: skip
        plekken[key] = (plek, u[user], begeleider(werkgever, mentor), werkgever)
    for key, (soort, werkgever_key, weken) in WERK.items():
        plek, werkgever_user, mentor, _w = plekken[werkgever_key]
        deelname = dn[key]
        profiel_schrijven(w, deelname, "Werkt nauwkeurig en is altijd op tijd; wil monteur worden.",
                          geschreven=eind - 6 * WEEK, goedgekeurd=eind - 6 * WEEK + DAG)  # fmt: skip
        voorstel(deelname, plek, eind - 4 * WEEK, geaccepteerd=(werkgever_user, eind - 4 * WEEK + 2 * DAG))
        start = werkdag_vanaf(eind + weken * WEEK)
        if key == LATER:  # first a trial placement with benefit, right after the training
            proef_start = werkdag_vanaf(eind + 3 * DAG)
            plaatsing(w, deelname, plek, soort=PS.PROEFPLAATSING, start=proef_start,
                      gepland_einde=start - DAG, uren_per_week=32, mentor=mentor,
                      toelichting="Proefplaatsing met behoud van uitkering.",
                      voorgesteld=proef_start - 7 * DAG, bevestigd_door=werkgever_user, gestart=True)  # fmt: skip
        contract = plaatsing(w, deelname, plek, soort=soort, start=start, gepland_einde=start + 104 * WEEK,
                             uren_per_week=36, mentor=mentor, toelichting="Arbeidsovereenkomst na de opleiding.",
                             voorgesteld=start - 10 * DAG, bevestigd_door=werkgever_user, gestart=True)  # fmt: skip
        deelname.refresh_from_db()
        if deelname.status == S.GEPLAATST:
            nazorg = ((S.NAZORG, start + 4 * WEEK, "Nazorg door de jobcoach."),
                      (S.AFGEROND, start + 30 * WEEK, "Nazorg afgerond."))  # fmt: skip
            for naar, dag, toelichting in nazorg:
                deelname = deelname_transition(
                    acting_user=traject.regisseur, deelname=deelname, naar=naar, ingangsdatum=dag,
                    toelichting=toelichting,
                )  # fmt: skip
                stap_terugdateren(deelname, dag, deelname.stappen.count())
        if key == GESTOPT:  # after its aftercare had started: no follow-on, so not durable
            werkgevers_services.plaatsing_end(
                acting_user=traject.regisseur, plaatsing=contract, einde=start + 17 * WEEK,
                reden=wc.EindeReden.DEELNEMER, toelichting="Verhuisd naar familie buiten de regio.",
            )  # fmt: skip
    for plek, werkgever_user, _m, werkgever in plekken.values():  # the cohort is over: its places are closed
        werkgevers_services.leerwerkplek_save(
            acting_user=werkgever_user, werkgever=werkgever, plek=plek, status=wc.PlekStatus.VERVULD
        )
