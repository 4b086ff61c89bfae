"""The readiness check before the covenant goes out for signature (issue 15), following the
national guide's checklist. Each item says in Dutch what is missing and links to where to fix
it; any item not met blocks sending (regie.services.convenant.versturen)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from deelnemers.constants import Taalniveau
from financiering.selectors import begroting
from leerwerk.models import User
from opleiders.constants import CertificaatSoort
from regie.models import Convenant
from regie.selectors import PARTIJ_ROLLEN
from trajecten.models import Traject
from werkgevers.constants import Toezegging
from werkgevers.models import Leerwerkplek


@dataclass(frozen=True)
class Punt:
    sleutel: str
    label: str
    ok: bool
    melding: str = ""  # what is missing, when not ok
    link: str = ""
    link_tekst: str = ""


def _convenant_url(traject: Traject, anker: str) -> str:
    return reverse("regie:convenant", args=[traject.pk]) + f"#{anker}"


def controle(traject: Traject) -> list[Punt]:
    t = Traject.objects.select_related("regisseur", "regie_organisatie").get(pk=traject.pk)
    conv = Convenant.objects.filter(traject=t).first() or Convenant(traject=t)
    wijzigen = reverse("trajecten:wijzigen", args=[t.pk])
    punten = []

    leeg = [
        str(naam) for naam, waarde in (
            (_("aantal deelnemers"), t.doel_aantal_deelnemers), (_("aandeel naar werk"), t.doel_aandeel_werk),
            (_("uiterlijk op"), t.doel_datum),
        ) if waarde is None
    ]  # fmt: skip
    punten.append(Punt(
        "doel", _("Het SMART-doel is compleet"), not leeg,
        _("Vul in bij het doel: %(velden)s.") % {"velden": ", ".join(leeg)}, wijzigen, _("Doel invullen"),
    ))  # fmt: skip

    partners = list(t.partners.select_related("organisatie").order_by("organisatie__naam", "rol"))
    onvolledig = [
        f"{p.organisatie.naam} ({p.get_rol_display().lower()})"
        for p in partners
        if not (p.inbreng_expertise.strip() and p.inbreng_tijd.strip() and p.inbreng_budget is not None)
    ]
    if not partners:
        melding = _("Het traject heeft nog geen partners.")
    else:
        melding = _("Vul expertise, tijd en budget in van: %(partners)s.") % {"partners": "; ".join(onvolledig)}
    punten.append(Punt(
        "partners", _("Elke partner heeft een rol, en de expertise, tijd en budget die hij inbrengt"),
        bool(partners) and not onvolledig, melding, _convenant_url(t, "inbreng"), _("Inbreng invullen"),
    ))  # fmt: skip

    fases = list(t.fases.all())
    punten.append(Punt(
        "fasen", _("De fasen en hun duur staan vast"), bool(fases), _("Plan de fasen van het traject."),
        reverse("trajecten:detail", args=[t.pk]) + "#planning", _("Naar de planning"),
    ))  # fmt: skip

    b = begroting(t)
    if b.gepland <= 0:
        ok, melding = False, _("Er is nog geen begroting.")
    elif b.gat > 0 and not (conv.tekort_geaccepteerd and conv.tekort_toelichting.strip()):
        ok = False
        melding = _("Er is een tekort van € %(gat)s: dek het, of accepteer het met een toelichting.") % {
            "gat": f"{b.gat:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        }
    else:
        ok, melding = True, ""
    punten.append(Punt(
        "kosten", _("De kosten en wie ze betaalt staan vast (geen tekort, of een geaccepteerd tekort)"), ok, melding,
        reverse("financiering:begroting", args=[t.pk]), _("Naar de begroting"),
    ))  # fmt: skip

    punten.append(_uitstroomniveau(t, conv))
    punten.append(Punt(
        "uitval", _("De aanpak bij uitval is afgesproken"), bool(conv.uitval_aanpak.strip()),
        _("Beschrijf wat de partners doen als een deelnemer dreigt uit te vallen."), _convenant_url(t, "afspraken"),
        _("Afspraken invullen"),
    ))  # fmt: skip

    toezeggingen = list(
        Leerwerkplek.objects.filter(traject=t).exclude(toezegging=Toezegging.GEEN)
        .select_related("werkgever__organisatie").order_by("werkgever__organisatie__naam", "id")
    )  # fmt: skip
    open_ = sorted({p.werkgever.organisatie.naam for p in toezeggingen if not p.toezegging_bevestigd_op})
    if not toezeggingen:
        melding = _("Nog geen werkgever heeft een baangarantie of intentieverklaring gegeven.")
    else:
        melding = _("Nog niet bevestigd in het werkgeversportaal door: %(werkgevers)s.") % {
            "werkgevers": "; ".join(open_)
        }
    punten.append(Punt(
        "toezeggingen", _("Werkgevers hebben een baangarantie of intentieverklaring gegeven en bevestigd"),
        bool(toezeggingen) and not open_, melding,
        reverse("matching:traject", args=[t.pk]), _("Naar werkgevers en matching"),
    ))  # fmt: skip

    if conv.min_deelnemers is None:
        ok, melding = False, _("Leg het minimum aantal deelnemers vast.")
    elif conv.min_deelnemers > t.capaciteit:
        ok, melding = (
            False,
            _("Het minimum (%(min)s) is groter dan de capaciteit (%(cap)s).")
            % {"min": conv.min_deelnemers, "cap": t.capaciteit},
        )
    else:
        ok, melding = True, ""
    punten.append(Punt(
        "minimum", _("Het minimum aantal deelnemers is afgesproken"), ok, melding, _convenant_url(t, "afspraken"),
        _("Afspraken invullen"),
    ))  # fmt: skip

    kickoff = t.overleggen.filter(soort="kickoff").exists()
    reeks = hasattr(t, "feedbackreeks")
    ontbreekt = [
        x for x, ok in ((_("een kick-off"), kickoff), (_("een reeks vaste feedbackmomenten"), reeks)) if not ok
    ]
    punten.append(Punt(
        "feedback", _("De kick-off en de feedbackmomenten zijn gepland"), not ontbreekt,
        _("Plan %(wat)s.") % {"wat": _(" en ").join(str(x) for x in ontbreekt)},
        reverse("regie:overleggen", args=[t.pk]), _("Naar het overleg"),
    ))  # fmt: skip

    punten.append(Punt(
        "regisseur", _("Er is een regisseur"), t.regisseur_id is not None,
        _("Wijs een regisseur aan: één persoon houdt het proces vast."), wijzigen, _("Regisseur kiezen"),
    ))  # fmt: skip

    partij_ids = {t.regie_organisatie_id} | {p.organisatie_id for p in partners}
    met = set(
        User.objects.filter(
            organisatie_id__in=partij_ids, tekenbevoegd=True, is_active=True, rollen__overlap=list(PARTIJ_ROLLEN)
        ).values_list("organisatie_id", flat=True)
    )
    namen = {t.regie_organisatie_id: t.regie_organisatie.naam} | {
        p.organisatie_id: p.organisatie.naam for p in partners
    }
    zonder = sorted(namen[i] for i in partij_ids - met)
    punten.append(Punt(
        "tekenbevoegd", _("Elke partij heeft iemand die mag tekenen"), not zonder,
        _("Geen tekenbevoegde bij: %(partijen)s. De beheerder van de organisatie wijst die aan.")
        % {"partijen": "; ".join(zonder)},
    ))  # fmt: skip
    return punten


def _uitstroomniveau(t: Traject, conv: Convenant) -> Punt:
    link, tekst = _convenant_url(t, "afspraken"), _("Afspraken invullen")
    label = _("Het niveau bij uitstroom past bij de eisen van de werkgevers")
    if not conv.uitstroom_taalniveau:
        return Punt("uitstroom", label, False, _("Leg het taalniveau bij uitstroom vast."), link, tekst)
    niveau = Taalniveau.rank(conv.uitstroom_taalniveau)
    certificaten = dict(CertificaatSoort.choices)
    te_hoog = []
    for plek in (
        Leerwerkplek.objects.filter(traject=t)
        .select_related("werkgever__organisatie")
        .order_by("werkgever__organisatie__naam", "id")
    ):
        eisen = []
        if plek.min_taalniveau and Taalniveau.rank(plek.min_taalniveau) > niveau:
            eisen.append(_("taalniveau %(n)s") % {"n": plek.min_taalniveau})
        eisen += [
            str(certificaten.get(x, x)) for x in plek.vereiste_certificaten if x not in conv.uitstroom_certificaten
        ]
        if eisen:
            te_hoog.append(f"{plek.werkgever.organisatie.naam}, {plek.functietitel}: {', '.join(eisen)}")
    melding = _("Deze plekken vragen meer dan de deelnemers bij uitstroom hebben: %(plekken)s.") % {
        "plekken": "; ".join(te_hoog)
    }
    return Punt("uitstroom", label, not te_hoog, melding, link, tekst)


def klaar(punten: list[Punt]) -> bool:
    return all(p.ok for p in punten)
