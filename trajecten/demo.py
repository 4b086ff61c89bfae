"""The demo's trajectories, told relative to the day the data are loaded.

1. "Installatietechniek Noordoost-Brabant", modelled on the Noordoost-Brabant reference case:
   regie at the gemeente 's-Hertogenbosch, a cohort of ten (8 statushouders, 1 other
   non-native speaker, 1 Dutch). The plan is built around the latest bouwvak (region Zuid)
   that ended at least twelve weeks ago: the training ends on the last working day before it
   and the proefplaatsingen start on the first working day after it. A first group followed
   that plan (one is parked); after the bouwvak both others went on a proefplaatsing: Yonas
   for six weeks, converted into a BBL contract a month ago minus a few days (his first
   aftercare contact is due), Rami after extra language support, now a week from the end of
   its two months with benefit. A second group, recruited later as the reference case did
   with its winter cohort, is now in voortraject and opleiding; one of them, Omar, was
   selected five weeks ago and waits for a start (longer than the maximum waiting time); the
   last two candidates are in aanmelding and intake. The employers' side (places, profiles,
   matches, placements, events) is werkgevers.demo: a step into proefplaatsing or geplaatst
   follows from a placement the employer confirmed.
2. "Glaszetters Noordoost-Brabant": four candidates in recruitment, regie at the
   Werkgeversservicepunt, planned from today so that no phase ends in a bouwvak.
3. "Installatietechniek Noordoost-Brabant – cohort 1": a finished cohort of two years ago
   (trajecten.demo_cohort), so that the results show outflow, durability and cost per placement.
4. Candidates without a trajectory in each gemeente.
5. The overleg and scripts of the first two (regie.demo).

Dates come from leerwerk.datums over the bouwvak periods in the database (signalen.demo enters
the years the demo needs). At the end the signal scan runs once, so the demo logins see their
signals at once (see signalen.demo). Each part is created only when it is not there yet, so
running the command twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from leerwerk.datums import termijn_einde, werkdag_tot, werkdag_vanaf
from opleiders.constants import AfwezigReden as R
from opleiders.constants import CertificaatSoort as Cert
from opleiders.constants import ModuleSoort as MS
from opleiders.constants import PresentieStatus as PS
from opleiders.constants import PrijsPer, Resultaat, Voortgang
from regie import demo as regie_demo
from signalen import demo as signalen_demo
from trajecten import constants as c
from trajecten.demo_bouwstenen import (
    DAG,
    WEEK,
    Wereld,
    certificaat_add,
    contact,
    deelname_doorloop,
    deelnemer_ensure,
    maandag,
    mensen_ensure,
    module_add,
    module_deelname_add,
    presentie_add,
    traject_add,
)
from trajecten.demo_cohort import cohort
from trajecten.demo_glas import glas
from trajecten.demo_personen import HERTOGENBOSCH, INSTALLATIE, ZONDER_TRAJECT
from werkgevers import demo as werkgevers_demo

S = c.DeelnameStatus
F = c.FaseSoort
P = c.PartnerRol
INSTALLATIE_NAAM = "Installatietechniek Noordoost-Brabant"
AF, BEZIG = Voortgang.AFGEROND, Voortgang.BEZIG
OK, NEE, DEELS = Resultaat.BEHAALD, Resultaat.NIET_BEHAALD, Resultaat.DEELS


def create_demo_content(*, orgs: dict, users: dict, vandaag=None) -> dict[str, int]:
    """Create what is missing; return how many trajectories and candidates were added."""
    vandaag = vandaag or timezone.localdate()
    kalender = signalen_demo.voorbereiden(vandaag)
    orgs[HERTOGENBOSCH].refresh_from_db(fields=["provincie", "bouwvak_regio_afwijkend"])
    w = Wereld(orgs=orgs, users=users, vandaag=vandaag, kalender=kalender, regio=orgs[HERTOGENBOSCH].bouwvak_regio)
    nieuw = {"trajecten": 0, "deelnemers": 0}
    for i, p in enumerate(ZONDER_TRAJECT):
        _, created = deelnemer_ensure(w, p, registratie=werkdag_tot(w.vandaag - (40 - 8 * i) * DAG))
        nieuw["deelnemers"] += created
    for script in (_installatie, glas, cohort):
        added = script(w)
        if added is not None:
            nieuw["trajecten"] += 1
            nieuw["deelnemers"] += added
    regie_demo.create(vandaag=vandaag)
    signalen_demo.scannen(vandaag)
    return nieuw


# --- 1. Installatietechniek Noordoost-Brabant ------------------------------------------------------


def _installatie(w: Wereld) -> int | None:
    t = w.vandaag
    bouwvak = w.vorige_bouwvak()
    bouwvak_start, voor_bouwvak, na_bouwvak = bouwvak.start, bouwvak.laatste_werkdag_voor, bouwvak.eerste_werkdag_na
    # As in the pilot: voortraject (2 weeks), language and trade training (5 weeks) up to the bouwvak,
    # a proefplaatsing of 3 weeks right after it: three months on benefit, the bouwvak included.
    v0, o0 = bouwvak_start - 7 * WEEK, bouwvak_start - 5 * WEEK
    w0 = v0 - 8 * WEEK  # recruitment of the first group
    v2, o2 = maandag(t - 49 * DAG), maandag(t - 21 * DAG)  # the second group
    plan = {
        F.WERVING: (w0, v0 - 3 * DAG),
        F.VOORTRAJECT: (v0, o0 - 3 * DAG),
        F.OPLEIDING: (o0, voor_bouwvak),  # ends on the last working day before the bouwvak
        # Three weeks with benefit kept: the trajectory ends within three months of the voortraject's start.
        F.PROEFPLAATSING: (na_bouwvak, na_bouwvak + 3 * WEEK - 3 * DAG),
        F.MATCHING: (na_bouwvak, na_bouwvak + 20 * WEEK - 3 * DAG),
        F.NAZORG: (na_bouwvak + 3 * WEEK, na_bouwvak + 29 * WEEK - 3 * DAG),  # six months after outflow
    }
    traject = traject_add(
        w,
        naam=INSTALLATIE_NAAM,
        regie=HERTOGENBOSCH,
        regisseur="regisseur",
        plan=plan,
        partners=[
            ("opleider", P.OPLEIDER, "opleider"),
            ("taalopleider", P.TAALOPLEIDER, "opleider_taal"),
            ("werkgever_installatie", P.WERKGEVER, "werkgever"),
            ("werkgever_bouw", P.WERKGEVER, "werkgever_bouw"),
            ("wsp", P.INTERMEDIAIR, None),
            ("oo_installatie", P.FINANCIER, None),
            ("jobcoach", P.JOBCOACH, "jobcoach"),
        ],
        sector=c.Sector.INSTALLATIE,
        beroep="Monteur installatietechniek",
        capaciteit=10,
        status=c.TrajectStatus.LOPEND,
        min_taalniveau="A1",
        max_opleidingsniveau="mbo3",
        min_uren_per_week=24,
        overige_criteria="Motivatie weegt het zwaarst. Werkfit: op tijd, ziek melden de dag ervoor. "
        "Fysiek in staat tot tillen, knielen en werken op een trap.",
        doel_aantal_deelnemers=10,
        doel_aandeel_werk=70,
        # The goal covers the second group too: training of 14 weeks, then placement.
        doel_datum=max(plan[F.MATCHING][1], werkdag_tot(o2 + 30 * WEEK)),
    )
    if traject is None:
        return None
    u, o = w.users, w.orgs
    aanmelding = {"yonas": w0 + 7 * DAG, "rami": w0 + 8 * DAG, "dawit": w0 + 9 * DAG}
    aanmelding |= {k: werkdag_tot(t - (84 - i) * DAG) for i, k in enumerate(("samira", "ahmad", "kevin"))}
    aanmelding |= {"piotr": werkdag_tot(t - 42 * DAG), "omar": werkdag_tot(t - 49 * DAG)}
    aanmelding |= {"hassan": werkdag_tot(t - 12 * DAG), "mohammed": werkdag_tot(t - 2 * DAG)}
    mens, nieuw = mensen_ensure(w, INSTALLATIE, aanmelding)

    m = {
        "vaktaal": (MS.VAKTAAL, "Vaktaal installatietechniek", "taalopleider", (v0, voor_bouwvak),
                    "9600", PrijsPer.GROEP),
        "wnv": (MS.WERKNEMERSVAARDIGHEDEN, "Werknemersvaardigheden", "opleider", (v0, o0 - 3 * DAG),
                "3200", PrijsPer.GROEP),
        "vca": (MS.VCA, "VCA basis", "opleider", (o0, o0 + 11 * DAG), "345", PrijsPer.DEELNEMER),
        "basis": (MS.BASISVAK, "Basisvakopleiding monteur installatietechniek", "opleider",
                  (o0, voor_bouwvak), "2850", PrijsPer.DEELNEMER),
        "assessment": (MS.PRAKTIJKASSESSMENT, "Praktijkassessment installatietechniek", "opleider",
                       (bouwvak_start - 7 * DAG, voor_bouwvak), "450", PrijsPer.DEELNEMER),
        "intercultureel": (MS.INTERCULTUREEL, "Interculturele training voor werkgevers en collega's", "taalopleider",
                           (bouwvak_start - 21 * DAG, bouwvak_start - 21 * DAG), "1750", PrijsPer.GROEP),
        "vaktaal2": (MS.VAKTAAL, "Vaktaal installatietechniek – groep 2", "taalopleider",
                     (v2, v2 + 10 * WEEK - 3 * DAG), "9600", PrijsPer.GROEP),
        "vca2": (MS.VCA, "VCA basis – groep 2", "opleider", (o2, o2 + 11 * DAG), "345", PrijsPer.DEELNEMER),
        "basis2": (MS.BASISVAK, "Basisvakopleiding monteur installatietechniek – groep 2", "opleider",
                   (o2, o2 + 14 * WEEK - 3 * DAG), "2850", PrijsPer.DEELNEMER),
    }  # fmt: skip
    mod = {
        k: module_add(traject, soort, naam, o[org], periode, Decimal(prijs), per)
        for k, (soort, naam, org, periode, prijs, per) in m.items()
    }

    uitnodiging = "Uitgenodigd voor intake en praktijkgericht motivatiegesprek."

    def begin(intake, geselecteerd):
        return [
            (S.INTAKE, intake, uitnodiging),
            (S.GESELECTEERD, geselecteerd, "Geselecteerd na meeloopdag; past in het instroomprofiel."),
        ]

    groep1 = "Aanmelding voor de eerste groep."
    eerste = [(S.VOORTRAJECT, v0, "Start voortraject: vaktaal en werknemersvaardigheden."),
              (S.OPLEIDING, o0, "Start basisvakopleiding en VCA.")]  # fmt: skip
    # Yonas's proefplaatsing (later a contract) and Rami's follow from placements: werkgevers.demo.
    # Yonas went on six weeks' trial and has been under contract a month minus a few days: his first
    # aftercare contact is due. Rami's trial with benefit ends a week from today (its last day).
    geplaatst_yonas = signalen_demo.uitstroom_voor_nazorg(
        t, min(signalen_demo.termijnregels(mens["yonas"].gemeente).nazorg_maanden)
    )
    proef_yonas = max(na_bouwvak, werkdag_vanaf(geplaatst_yonas - 6 * WEEK))
    maanden_rami = signalen_demo.termijnregels(mens["rami"].gemeente).proefplaatsing_maanden
    proef_rami = signalen_demo.start_voor_termijneinde(t + WEEK, maanden_rami)
    paden = {
        "yonas": (groep1, [*begin(w0 + 14 * DAG, w0 + 35 * DAG), *eerste]),
        "rami": (groep1, [*begin(w0 + 15 * DAG, w0 + 35 * DAG), *eerste]),
        "dawit": (groep1, [*begin(w0 + 16 * DAG, w0 + 36 * DAG), *eerste,
                           (S.GEPARKEERD, o0 + 3 * WEEK, "Tijdelijk gestopt vanwege zorgtaken thuis; "
                            "hervat in overleg met de klantmanager.")]),
    }  # fmt: skip
    for i, k in enumerate(("samira", "ahmad", "kevin")):
        paden[k] = ("Aanmelding voor de tweede groep.", [
            *begin(werkdag_tot(t - (77 - i) * DAG), werkdag_tot(t - (63 - i) * DAG)),
            (S.VOORTRAJECT, v2, "Start voortraject met de tweede groep."),
            (S.OPLEIDING, o2, "Start basisvakopleiding en VCA met de tweede groep."),
        ])  # fmt: skip
    paden["piotr"] = ("Aanmelding voor de tweede groep.", [
        *begin(werkdag_tot(t - 35 * DAG), werkdag_tot(t - 21 * DAG)),
        (S.VOORTRAJECT, maandag(t - 10 * DAG), "Start voortraject; stroomt in bij de lopende vaktaalgroep."),
    ])  # fmt: skip
    # Selected five weeks ago and still waiting for a start: longer than the maximum waiting time.
    paden["omar"] = ("Aanmelding voor de tweede groep.", [
        (S.INTAKE, werkdag_tot(t - 42 * DAG), uitnodiging),
        (S.GESELECTEERD, werkdag_tot(t - 35 * DAG), "Geselecteerd; start in het voortraject zodra er een "
         "taalklas op zijn niveau is (Z-route)."),
    ])  # fmt: skip
    paden["hassan"] = ("Heeft ervaring met airco's; aanmelding voor de tweede groep.",
                       [(S.INTAKE, werkdag_tot(t - 5 * DAG), uitnodiging)])  # fmt: skip
    paden["mohammed"] = ("Veel ervaring, maar nu 20 uur beschikbaar; graag bespreken in de intake.", [])

    dn = {}
    for k, (toelichting, stappen) in paden.items():
        dn[k] = deelname_doorloop(
            w,
            traject=traject,
            deelnemer=mens[k],
            regisseur=u["regisseur"],
            aanmelding=(aanmelding[k], toelichting),
            stappen=stappen,
        )

    # Training results. First group: the whole programme; the parked one stopped halfway.
    for k, vaktaal_resultaat in (("yonas", (92, OK, "")), ("rami", (85, DEELS, "Extra vaktaalondersteuning"))):
        module_deelname_add(w, mod["vaktaal"], dn[k], AF, *vaktaal_resultaat)
        module_deelname_add(w, mod["wnv"], dn[k], AF, 100, OK)
        module_deelname_add(w, mod["vca"], dn[k], AF, 100, OK)
        module_deelname_add(w, mod["basis"], dn[k], AF, 94 if k == "yonas" else 88, OK)
        module_deelname_add(w, mod["assessment"], dn[k], AF, 100, OK)
        certificaat_add(w, mens[k], Cert.VCA_BASIS, mod["vca"])
        certificaat_add(
            w,
            mens[k],
            Cert.PRAKTIJKVERKLARING,
            mod["assessment"],
            omschrijving="Praktijkverklaring assistent-monteur installatietechniek",
        )
    module_deelname_add(w, mod["vaktaal"], dn["dawit"], AF, 95, OK)
    module_deelname_add(w, mod["wnv"], dn["dawit"], AF, 100, OK)
    module_deelname_add(w, mod["vca"], dn["dawit"], AF, 100, OK)
    module_deelname_add(w, mod["basis"], dn["dawit"], Voortgang.GESTOPT, 70, "", "Gestopt bij parkeren; hervat later.")
    certificaat_add(w, mens["dawit"], Cert.VCA_BASIS, mod["vca"])
    # Second group: VCA done (one resit), trade course and language under way, with lesson days
    # and a register per day from which their attendance follows (opleiders.services.register).
    md2 = {}
    for k in ("samira", "ahmad", "kevin"):
        md2["vaktaal2", k] = module_deelname_add(w, mod["vaktaal2"], dn[k], BEZIG)
        md2["basis2", k] = module_deelname_add(w, mod["basis2"], dn[k], BEZIG)
        if k == "samira":
            module_deelname_add(w, mod["vca2"], dn[k], AF, 100, NEE, "Herexamen gepland, met voorleeshulp.")
        else:
            module_deelname_add(w, mod["vca2"], dn[k], AF, 100, OK)
            certificaat_add(w, mens[k], Cert.VCA_BASIS, mod["vca2"])
    md2["vaktaal2", "piotr"] = module_deelname_add(
        w, mod["vaktaal2"], dn["piotr"], BEZIG, None, "", "Ingestroomd in de lopende groep."
    )
    _registers(w, mod, md2, instroom_piotr=paden["piotr"][1][-1][1])

    werkgevers_demo.installatie(w, traject, dn, na_bouwvak=na_bouwvak, o0=o0, proef_yonas=proef_yonas,
                                proef_rami=(proef_rami, termijn_einde(proef_rami, maanden_rami)),
                                geplaatst_yonas=geplaatst_yonas,
                                eind_opleiding2=m["basis2"][3][1])  # fmt: skip
    for deelname in dn.values():
        deelname.refresh_from_db()
    _installatie_contacten(w, dn, proef_yonas, proef_rami, geplaatst_yonas)
    return nieuw


def _registers(w, mod, md2, *, instroom_piotr) -> None:
    """Vaktaal on Monday, Wednesday and Friday, the trade course on Tuesday and Thursday. Samira
    was ill once and had her inburgering exam; Ahmad came late twice and once stayed away without
    notice; Kevin was there every day (as his klantmanager noted); Piotr from the day he joined."""
    aanwezig, te_laat = (PS.AANWEZIG, ""), (PS.TE_LAAT, "")

    def patroon(afwijkend: dict):
        return lambda i, _datum: afwijkend.get(i, aanwezig)

    afwezig = {r: (PS.AFWEZIG, r) for r in R.values}
    presentie_add(w, mod["vaktaal2"], [0, 2, 4], {
        md2["vaktaal2", "samira"]: patroon({3: afwezig[R.ZIEK], 10: afwezig[R.INBURGERING]}),
        md2["vaktaal2", "ahmad"]: patroon({2: te_laat, 7: te_laat, 12: afwezig[R.ZONDER_BERICHT]}),
        md2["vaktaal2", "kevin"]: patroon({}),
        md2["vaktaal2", "piotr"]: lambda i, datum: aanwezig if datum >= instroom_piotr else ("", ""),
    })  # fmt: skip
    presentie_add(w, mod["basis2"], [1, 3], {
        md2["basis2", "samira"]: patroon({}),
        md2["basis2", "ahmad"]: patroon({1: te_laat}),
        md2["basis2", "kevin"]: patroon({}),
    })  # fmt: skip


def _installatie_contacten(w, dn, proef_yonas, proef_rami, geplaatst_yonas) -> None:
    t, u = w.vandaag, w.users
    km, reg, wg, coach, opl = u["klantmanager"], u["regisseur"], u["werkgever"], u["jobcoach"], u["opleider"]
    km_oss = u["klantmanager_oss"]
    CM = c.ContactmomentSoort  # noqa: N806
    contact(w, dn["yonas"], door=reg, soort=CM.DRIEGESPREK, datum=werkdag_tot(proef_yonas - 14 * DAG),
            samenvatting="Kennismaking op de werkplek; afspraken over mentor, werktijden en werkkleding.",
            aanwezigen=[reg, km, wg, coach], overig="Yonas Tesfay (deelnemer)",
            acties=[("Mentor aanwijzen en werkplek inrichten", wg, werkdag_tot(proef_yonas - DAG),
                     werkdag_tot(proef_yonas - 3 * DAG))])  # fmt: skip
    contact(w, dn["yonas"], door=reg, soort=CM.EVALUATIE, datum=geplaatst_yonas,
            samenvatting="Proefplaatsing goed verlopen; arbeidsovereenkomst getekend. Nazorg door de jobcoach.",
            aanwezigen=[reg, wg, coach], overig="Yonas Tesfay (deelnemer)",
            acties=[("Eerste nazorgcontact plannen", coach, werkdag_tot(t + 10 * DAG), None),
                    ("Uitkering beëindigen per startdatum contract", km, geplaatst_yonas + 3 * DAG,
                     geplaatst_yonas + 2 * DAG)])  # fmt: skip
    contact(w, dn["rami"], door=reg, soort=CM.DRIEGESPREK, datum=werkdag_tot(proef_rami - 5 * DAG),
            samenvatting="Afspraken over de proefplaatsing: taken, begeleiding, evaluatie na vier weken.",
            aanwezigen=[reg, km, coach], overig="Rami Darwish (deelnemer), leidinggevende Maaskant",
            acties=[("Werkkleding en persoonlijke beschermingsmiddelen regelen", coach, proef_rami,
                     werkdag_tot(proef_rami - DAG))])  # fmt: skip
    contact(w, dn["rami"], door=reg, soort=CM.VOORTGANG, datum=werkdag_tot(t - 7 * DAG),
            samenvatting="Gaat goed op de werkplek; vaktaal groeit. Werkgever denkt aan een contract.",
            aanwezigen=[reg, coach], overig="Rami Darwish (deelnemer)",
            acties=[("Einde proefplaatsing afstemmen met Werk en Inkomen (uitkering)", km,
                     werkdag_tot(t - 2 * DAG), None),
                    ("Gesprek met werkgever over arbeidsovereenkomst", coach, werkdag_tot(t + 6 * DAG),
                     None)])  # fmt: skip
    contact(w, dn["dawit"], door=km_oss, soort=CM.EVALUATIE, datum=dn["dawit"].status_sinds,
            samenvatting="Dawit stopt tijdelijk vanwege zorgtaken thuis. Wil graag terugkomen.",
            aanwezigen=[km_oss], overig="Dawit Gebremedhin (deelnemer)",
            acties=[("Contact over hervatten met de tweede groep", km_oss, werkdag_tot(t + 14 * DAG),
                     None)])  # fmt: skip
    contact(w, dn["samira"], door=reg, soort=CM.VOORTGANG, datum=werkdag_tot(t - 6 * DAG),
            samenvatting="VCA-examen niet gehaald, praktijk gaat goed. Herexamen met voorleeshulp.",
            aanwezigen=[reg, opl], overig="Samira Haddad (deelnemer)",
            acties=[("Herexamen VCA inplannen", opl, werkdag_tot(t + 5 * DAG), None)])  # fmt: skip
    contact(w, dn["kevin"], door=km, soort=CM.VOORTGANG, datum=werkdag_tot(t - 9 * DAG),
            samenvatting="Goed ritme; is elke dag op tijd. Wil na de opleiding door in BBL.",
            aanwezigen=[km, coach], overig="Kevin van den Akker (deelnemer)",
            acties=[("Informatie BBL niveau 2 meegeven", coach, werkdag_tot(t - 4 * DAG),
                     werkdag_tot(t - 5 * DAG))])  # fmt: skip
    contact(w, dn["hassan"], door=km, soort=CM.INTAKE, datum=dn["hassan"].status_sinds,
            samenvatting="Intakegesprek met tolk. Ervaring in koeltechniek; digitale vaardigheden oefenen.",
            aanwezigen=[km], overig="Hassan Karimi (deelnemer), tolk Farsi",
            acties=[("Taaltoets laten afnemen", km, werkdag_tot(t + 7 * DAG), None)])  # fmt: skip
