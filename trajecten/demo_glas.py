"""The glass trajectory of the demo: four candidates in recruitment, regie at the Werkgeversservicepunt."""

from __future__ import annotations

from decimal import Decimal

from leerwerk.datums import werkdag_tot
from opleiders.constants import ModuleSoort as MS
from opleiders.constants import PrijsPer, Resultaat, Voortgang
from trajecten import constants as c
from trajecten.demo_bouwstenen import (
    DAG,
    Wereld,
    contact,
    deelname_doorloop,
    maandag,
    mensen_ensure,
    module_add,
    module_deelname_add,
    traject_add,
)
from trajecten.demo_personen import GLAS
from werkgevers import demo as werkgevers_demo

S = c.DeelnameStatus
F = c.FaseSoort
P = c.PartnerRol
GLAS_NAAM = "Glaszetters Noordoost-Brabant"

# --- 2. Glaszetters Noordoost-Brabant ------------------------------------------------------------------


def glas(w: Wereld) -> int | None:
    t = w.vandaag
    # Recruitment and language lessons go on in the bouwvak; training and work at the firms do not.
    # Voortraject, training and proefplaatsing take ten weeks, thirteen when the bouwvak pauses them:
    # within the three months on benefit of the national default.
    plan, start = {}, maandag(t - 28 * DAG)
    for soort, weken, bouwvak in ((F.WERVING, 6, False), (F.VOORTRAJECT, 2, False), (F.OPLEIDING, 5, True),
                                  (F.PROEFPLAATSING, 3, True)):  # fmt: skip
        plan[soort] = w.fase(start, weken, bouwvak=bouwvak)
        start = plan[soort][1] + 3 * DAG
    plan[F.MATCHING] = w.fase(plan[F.PROEFPLAATSING][0], 12)
    plan[F.NAZORG] = w.fase(plan[F.PROEFPLAATSING][1] + 3 * DAG, 26, bouwvak=False)
    traject = traject_add(
        w,
        naam=GLAS_NAAM,
        regie="wsp",
        regisseur="regisseur_wsp",
        plan=plan,
        partners=[
            ("glasopleider", P.OPLEIDER, "opleider_glas"),
            ("opleider", P.OPLEIDER, "opleider"),
            ("taalopleider", P.TAALOPLEIDER, "opleider_taal"),
            ("werkgever_glas", P.WERKGEVER, None),
            ("werkgever_bouw", P.WERKGEVER, None),
            ("wsp", P.INTERMEDIAIR, "regisseur_wsp"),
            ("oo_glas", P.FINANCIER, None),
        ],
        sector=c.Sector.GLAS,
        beroep="Glaszetter",
        capaciteit=8,
        status=c.TrajectStatus.WERVING,
        min_taalniveau="A1",
        max_opleidingsniveau="mbo2",
        min_uren_per_week=24,
        overige_criteria="Baangarantie van de deelnemende glasbedrijven bij een positieve afronding.",
        doel_aantal_deelnemers=8,
        doel_aandeel_werk=75,
        doel_datum=plan[F.MATCHING][1],
    )
    if traject is None:
        return None
    o, reg = w.orgs, w.users["regisseur_wsp"]
    assessment = maandag(t - 9 * DAG)  # after the first intakes, before the selection
    mod = {
        "assessment": module_add(traject, MS.PRAKTIJKASSESSMENT, "Praktijkassessment glaszetten", o["glasopleider"],
                                 (assessment, assessment + 4 * DAG), Decimal("395"), PrijsPer.DEELNEMER),
        "vaktaal": module_add(traject, MS.VAKTAAL, "Vaktaal glas en gevel", o["taalopleider"],
                              plan[F.VOORTRAJECT], Decimal("7200"), PrijsPer.GROEP),
        "vca": module_add(traject, MS.VCA, "VCA basis", o["opleider"],
                          (plan[F.OPLEIDING][0], plan[F.OPLEIDING][0] + 11 * DAG), Decimal("345"), PrijsPer.DEELNEMER),
        "basis": module_add(traject, MS.BASISVAK, "Basisvakopleiding glaszetter", o["glasopleider"],
                            plan[F.OPLEIDING], Decimal("18500"), PrijsPer.GROEP),
    }  # fmt: skip
    aanmelding = {
        "tesfalem": werkdag_tot(t - 24 * DAG),
        "bilal": werkdag_tot(t - 22 * DAG),
        "lina": werkdag_tot(t - 9 * DAG),
        "oleksandr": werkdag_tot(t - 3 * DAG),
    }
    mens, nieuw = mensen_ensure(w, GLAS, aanmelding)
    intake = "Intake bij het Werkgeversservicepunt."
    gekozen = "Geselecteerd na het praktijkassessment; baangarantie besproken."
    paden = {
        "tesfalem": [
            (S.INTAKE, werkdag_tot(t - 19 * DAG), intake),
            (S.GESELECTEERD, werkdag_tot(t - 3 * DAG), gekozen),
        ],
        "bilal": [(S.INTAKE, werkdag_tot(t - 17 * DAG), intake), (S.GESELECTEERD, werkdag_tot(t - 2 * DAG), gekozen)],
        "lina": [(S.INTAKE, werkdag_tot(t - 3 * DAG), intake)],
        "oleksandr": [],
    }
    dn = {
        k: deelname_doorloop(
            w,
            traject=traject,
            deelnemer=mens[k],
            regisseur=reg,
            aanmelding=(aanmelding[k], "Voorgesteld voor de glaszetters; toestemming voor delen vastgelegd."),
            stappen=stappen,
        )
        for k, stappen in paden.items()
    }
    for k in ("tesfalem", "bilal"):
        module_deelname_add(w, mod["assessment"], dn[k], Voortgang.AFGEROND, 100, Resultaat.BEHAALD)
        module_deelname_add(w, mod["vaktaal"], dn[k], Voortgang.NIET_GESTART)
    werkgevers_demo.glas(w, traject, dn, start_proefplaatsing=plan[F.PROEFPLAATSING][0])
    CM = c.ContactmomentSoort  # noqa: N806
    bilal_intake = dn["bilal"].stappen.get(naar_status=S.INTAKE).ingangsdatum
    contact(w, dn["bilal"], door=reg, soort=CM.INTAKE, datum=bilal_intake,
            samenvatting="Ervaring in een glashandel; wil graag buiten werken.", overig="Bilal Sharifi (deelnemer)",
            acties=[("Meeloopdag bij het glasbedrijf regelen", reg, werkdag_tot(t - 8 * DAG),
                     werkdag_tot(t - 9 * DAG))])  # fmt: skip
    contact(w, dn["lina"], door=reg, soort=CM.INTAKE, datum=dn["lina"].status_sinds,
            samenvatting="Gemotiveerd; beperkt zwaar tillen. Bespreken welke taken passen (jobcarving).",
            overig="Lina Mansour (deelnemer)",
            acties=[("Meeloopdag plannen en taken met de werkgever bespreken", reg, werkdag_tot(t + 7 * DAG),
                     None)])  # fmt: skip
    return nieuw
