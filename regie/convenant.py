"""The covenant's content (issue 15), generated from what the trajectory records.

`inhoud(traject)` gives plain JSON data: the parties with their roles and contributions (who
signed is in the statement of signing, not here); the SMART goal; duration and phases; the
script; costs and who pays (budget, funding plan, result agreements, cost split); the feedback
moments; drop-out; privacy (from the consent model); each employer's job guarantee or letter
of intent; term and termination; the annexes; and per section the regisseur's free-text
clauses. A version is rendered from this data (and keeps it), so
`vingerafdruk(inhoud(traject))` against a version's `inhoud_hash` tells whether the trajectory
changed since.

It holds no participant's personal data: no names, no counts of people beyond what the parties
agreed (minimum number, target). Realised figures (costs so far, people started) are left out,
so that the daily work does not make a version out of date.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import PartnerSoort, ToestemmingDoel, ToestemmingSoort
from financiering.models import Kostenverdeling, Resultaatafspraak
from financiering.selectors import begroting
from opleiders.constants import CertificaatSoort
from regie import constants as c
from regie.models import Convenant
from regie.selectors import draaiboek_van
from trajecten.models import Traject
from werkgevers.constants import Toezegging
from werkgevers.models import Leerwerkplek

# Standard clauses where the data say nothing else (the regisseur adds to them per section).
UITVAL_STANDAARD = _(
    "Dreigt een deelnemer uit te vallen, dan meldt de partner die het merkt dit binnen twee werkdagen aan de "
    "regisseur. De regisseur bespreekt met de klantmanager, de opleider en de werkgever wat nodig is."
)
BEEINDIGING = _(
    "Elke partij kan het convenant met een opzegtermijn van drie maanden schriftelijk opzeggen. De partijen "
    "maken dan afspraken over de deelnemers die nog in het traject zitten, zodat zij hun opleiding kunnen afmaken."
)


def _datum(d) -> str | None:
    return d.isoformat() if d else None


def _euro(bedrag: Decimal | None) -> str | None:
    return None if bedrag is None else f"{bedrag:.2f}"


def partijen(traject: Traject) -> list[dict]:
    """The parties in order: the regie first, then the partners by name; one entry per
    organisation with all its roles."""
    per_org: dict[int, dict] = {}
    regie = traject.regie_organisatie
    per_org[regie.pk] = {"id": regie.pk, "naam": regie.naam, "rollen": [_("Regie")], "bijdragen": []}
    for p in traject.partners.select_related("organisatie").order_by("organisatie__naam", "rol"):
        partij = per_org.setdefault(
            p.organisatie_id, {"id": p.organisatie_id, "naam": p.organisatie.naam, "rollen": [], "bijdragen": []}
        )
        partij["rollen"].append(str(p.get_rol_display()))
        if p.inbreng_expertise or p.inbreng_tijd or p.inbreng_budget is not None:
            partij["bijdragen"].append({
                "rol": str(p.get_rol_display()), "expertise": p.inbreng_expertise, "tijd": p.inbreng_tijd,
                "budget": _euro(p.inbreng_budget),
            })  # fmt: skip
    # Who may sign is not in the content: a signatory added or leaving changes no version (the
    # statement of signing names who signed).
    return list(per_org.values())


def _kosten(traject: Traject) -> dict:
    b = begroting(traject)
    regels = [
        {
            "categorie": str(r.get_categorie_display()), "omschrijving": r.omschrijving, "gepland": _euro(r.gepland),
            "dekking": [
                {"bron": d.dekking.bron.naam, "bedrag": _euro(d.euro), "status": str(d.dekking.get_status_display())}
                for d in r.dekkingen
            ],
        }
        for r in b.regels
    ]  # fmt: skip
    afspraken = [
        {
            "resultaat": str(a.get_resultaat_display()), "bedrag": _euro(a.bedrag),
            "betaler": str(a.get_betaler_soort_display()), "ontvanger": a.ontvanger.naam,
            "declareren_tot": _datum(a.declareren_tot), "status": str(a.get_status_display()),
        }
        for a in Resultaatafspraak.objects.filter(traject=traject).select_related("ontvanger").order_by("id")
    ]  # fmt: skip
    verdeling = Kostenverdeling.objects.filter(traject=traject).prefetch_related("aandelen__gemeente").first()
    return {
        "regels": regels,
        "gepland": _euro(b.gepland),
        "gedekt": _euro(b.gedekt),
        "toegezegd": _euro(b.toegezegd),
        "tekort": _euro(b.gat),
        "resultaatafspraken": afspraken,
        "verdeling": None
        if verdeling is None
        else {
            "sleutel": str(verdeling.get_sleutel_display()),
            "aandelen": [
                {"gemeente": a.gemeente.naam, "percentage": f"{a.percentage:.2f}"}
                for a in sorted(verdeling.aandelen.all(), key=lambda a: a.gemeente.naam)
            ],
        },
    }


def toezeggingen(traject: Traject) -> list[dict]:
    """Each employer's job guarantee or letter of intent, per work place."""
    plekken = (
        Leerwerkplek.objects.filter(traject=traject)
        .exclude(toezegging=Toezegging.GEEN)
        .select_related("werkgever__organisatie")
        .order_by("werkgever__organisatie__naam", "id")
    )
    return [
        {
            "werkgever": p.werkgever.organisatie.naam, "soort": str(p.get_toezegging_display()),
            "functie": p.functietitel,
            "plaatsen": p.aantal_plaatsen, "van": _datum(p.toezegging_datum), "tot": _datum(p.toezegging_geldig_tot),
            "voorwaarden": p.toezegging_voorwaarden,
            "bevestigd": _datum(timezone.localdate(p.toezegging_bevestigd_op)) if p.toezegging_bevestigd_op else None,
        }
        for p in plekken
    ]  # fmt: skip


def _privacy() -> dict:
    return {
        "tekst": _(
            "De gemeente deelt persoonsgegevens van een deelnemer alleen met de partners die de deelnemer in zijn "
            "toestemming noemt, voor het doel dat daarin staat (AVG artikel 6 lid 1 onder a), en houdt de gegevens "
            "bij die zij voor haar eigen taak nodig heeft (artikel 6 lid 1 onder e). Werkgevers zien een anoniem "
            "profiel tot de deelnemer toestemming geeft om te delen. De wethouder en de financiers zien alleen "
            "totalen. Elke partij legt vast wie welke gegevens inziet, en bewaart ze niet langer dan nodig."
        ),
        "toestemmingen": [str(label) for _w, label in ToestemmingSoort.choices],
        "partners": [str(label) for _w, label in PartnerSoort.choices],
        "doelen": [str(label) for _w, label in ToestemmingDoel.choices],
    }


def inhoud(traject: Traject) -> dict:
    """Everything the covenant says, as JSON data (see the module's docstring)."""
    traject = Traject.objects.select_related("regie_organisatie", "regisseur").get(pk=traject.pk)
    convenant = Convenant.objects.filter(traject=traject).first() or Convenant(traject=traject)
    fases = sorted(traject.fases.all(), key=lambda f: (f.start, f.pk))
    reeks = getattr(traject, "feedbackreeks", None)
    kickoff = traject.overleggen.filter(soort=c.OverlegSoort.KICKOFF).order_by("datum").first()
    eind = convenant.looptijd_tot or (max(f.eind for f in fases) if fases else None)
    clausules: dict[str, list[str]] = {}
    if convenant.pk:
        for cl in convenant.clausules.order_by("id"):
            clausules.setdefault(cl.sectie, []).append(cl.tekst)
    certificaten = dict(CertificaatSoort.choices)
    return {
        "traject": {
            "naam": traject.naam,
            "sector": str(traject.get_sector_display()),
            "beroep": traject.beroep,
            "capaciteit": traject.capaciteit,
            "regie": traject.regie_organisatie.naam,
            "regisseur": str(traject.regisseur) if traject.regisseur_id else None,
        },
        "partijen": partijen(traject),
        "doel": {
            "aantal_deelnemers": traject.doel_aantal_deelnemers,
            "aandeel_werk": traject.doel_aandeel_werk,
            "datum": _datum(traject.doel_datum),
            "min_deelnemers": convenant.min_deelnemers,
            "uitstroom_taalniveau": convenant.uitstroom_taalniveau or None,
            "uitstroom_certificaten": [str(certificaten.get(x, x)) for x in convenant.uitstroom_certificaten],
        },
        "fasen": [
            {"fase": str(f.get_soort_display()), "start": _datum(f.start), "eind": _datum(f.eind), "weken": f.weken}
            for f in fases
        ],
        "draaiboek": [
            {
                "fase": str(r.taak.get_fase_soort_display()),
                "taak": r.taak.omschrijving,
                "rol": str(r.taak.get_eigenaarrol_display()),
                "eigenaar": r.taak.eigenaar.naam if r.taak.eigenaar_id else None,
                "uiterlijk": _datum(r.deadline),
            }
            for r in draaiboek_van(traject)
        ],
        "kosten": _kosten(traject),
        "tekort_geaccepteerd": convenant.tekort_geaccepteerd,
        "tekort_toelichting": convenant.tekort_toelichting,
        "feedback": {
            "kickoff": _datum(kickoff.datum) if kickoff else None,
            "interval_weken": reeks.interval_weken if reeks else None,
            "vanaf": _datum(reeks.vanaf) if reeks else None,
            "tot": _datum(reeks.tot) if reeks else None,
            "aantal": len(reeks.data()) if reeks else 0,
        },
        "uitval": convenant.uitval_aanpak or str(UITVAL_STANDAARD),
        "privacy": _privacy(),
        "toezeggingen": toezeggingen(traject),
        "looptijd": {"van": _datum(fases[0].start) if fases else None, "tot": _datum(eind)},
        "beeindiging": str(BEEINDIGING),
        "bijlagen": [
            _("Bijlage 1: de gegevens waaruit dit convenant is opgemaakt (convenant-gegevens.json, in deze pdf)."),
            _("Bijlage 2: de verklaring van ondertekening (na ondertekening door alle partijen)."),
        ],
        "clausules": clausules,
        "volgorde_verplicht": convenant.volgorde_verplicht,
    }


def vingerafdruk(data: dict) -> str:
    """The SHA-256 of the data in a canonical form."""
    tekst = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(tekst.encode()).hexdigest()


def secties(data: dict) -> list[tuple[str, str, list[str]]]:
    """(key, title, the regisseur's clauses) per section, in order: what the text template walks."""
    return [(s.value, str(s.label), data.get("clausules", {}).get(s.value, [])) for s in c.ConvenantSectie]
