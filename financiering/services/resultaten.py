"""Writes of result agreements (resultaatfinanciering, issue 13 item 6): the regisseur of the
trajectory records what a result earns, who pays and who receives. The claim lines follow from
the detection (financiering.resultaten), never from a hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from financiering import constants as c
from financiering import selectors
from financiering.models import Financieringsbron, Resultaatafspraak, Voorfinanciering
from leerwerk.events import traject_gewijzigd
from leerwerk.models import Organisatie, Rol
from opleiders.constants import CertificaatSoort
from trajecten.models import Traject, TrajectPartner
from trajecten.selectors import trajecten_directed_by


@transaction.atomic
def resultaatafspraak_create(
    *,
    acting_user,
    traject: Traject,
    resultaat: str,
    bedrag: Decimal | None,
    betaler_soort: str,
    ontvanger: Organisatie | None,
    declareren_tot: dt.date | None,
    betaler_bron: Financieringsbron | None = None,
    min_maanden: int | None = None,
    certificaat: str = "",
    plafond_aantal: int | None = None,
    plafond_bedrag: Decimal | None = None,
) -> Resultaatafspraak:
    if not trajecten_directed_by(acting_user).filter(pk=traject.pk).exists():
        raise PermissionDenied
    fouten = {}
    if resultaat not in c.ResultaatSoort.values:
        fouten["resultaat"] = _("Kies het resultaat waarop betaald wordt.")
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = _("Het bedrag per resultaat is meer dan € 0,00.")
    if betaler_soort == c.BetalerSoort.BRON:
        if (
            betaler_bron is None
            or not selectors.bronnen_for_traject(acting_user, traject).filter(pk=betaler_bron.pk).exists()
        ):
            fouten["betaler_bron"] = _("Kies een bron van de regie, een partner of een gemeente van dit traject.")
    elif betaler_soort == c.BetalerSoort.WOONGEMEENTE:
        betaler_bron = None
    else:
        fouten["betaler_soort"] = _("Kies wie betaalt.")
    if ontvanger is None:
        fouten["ontvanger"] = _("Kies wie het geld ontvangt.")
    elif not selectors.partners_van_traject(traject).filter(pk=ontvanger.pk).exists():
        fouten["ontvanger"] = _("Kies de regie, de regio of een partner van dit traject.")
    elif betaler_bron is not None and betaler_bron.organisatie_id == ontvanger.pk:
        fouten["ontvanger"] = _("De ontvanger betaalt hier zichzelf: kies een andere ontvanger of betaler.")
    if declareren_tot is None:
        fouten["declareren_tot"] = _("Vul in tot wanneer gedeclareerd kan worden.")
    elif betaler_bron is not None and declareren_tot > betaler_bron.geldig_tot and "betaler_bron" not in fouten:
        fouten["declareren_tot"] = _("%(bron)s geldt tot en met %(tot)s: later kan er niet uit betaald worden.") % {
            "bron": betaler_bron.naam,
            "tot": f"{betaler_bron.geldig_tot:%d-%m-%Y}",
        }
    if resultaat == c.ResultaatSoort.CERTIFICAAT and certificaat and certificaat not in CertificaatSoort.values:
        fouten["certificaat"] = _("Kies een certificaat uit de lijst.")
    if resultaat != c.ResultaatSoort.CONTRACT and min_maanden:
        fouten["min_maanden"] = _("Een minimale duur geldt alleen voor een contract.")
    if plafond_bedrag is not None and plafond_bedrag <= 0:
        fouten["plafond_bedrag"] = _("Een plafond is meer dan € 0,00.")
    if fouten:
        raise ValidationError(fouten)
    afspraak = Resultaatafspraak.objects.create(
        traject=traject, resultaat=resultaat, bedrag=bedrag, betaler_soort=betaler_soort, betaler_bron=betaler_bron,
        ontvanger=ontvanger, declareren_tot=declareren_tot, min_maanden=min_maanden or None,
        certificaat=certificaat if resultaat == c.ResultaatSoort.CERTIFICAAT else "", plafond_aantal=plafond_aantal,
        plafond_bedrag=plafond_bedrag, aangemaakt_door=acting_user,
        status=c.AfspraakStatus.VOORGESTELD if betaler_bron is not None else c.AfspraakStatus.AKKOORD,
    )  # fmt: skip
    if afspraak.status == c.AfspraakStatus.AKKOORD:
        traject_gewijzigd(traject.pk)  # results already reached count at once
    return afspraak


def _beoordeel(acting_user, afspraak: Resultaatafspraak) -> Resultaatafspraak:
    """The agreement's row, locked, for a decision by a financier of the paying source's
    organisation who did not record it (four eyes)."""
    afspraak = (
        Resultaatafspraak.objects.select_for_update(of=("self",)).select_related("betaler_bron").get(pk=afspraak.pk)
    )
    if (
        afspraak.betaler_bron is None
        or not acting_user.has_rol(Rol.FINANCIER)
        or acting_user.organisatie_id != afspraak.betaler_bron.organisatie_id
    ):
        raise PermissionDenied
    if afspraak.status != c.AfspraakStatus.VOORGESTELD:
        raise ValidationError({"status": _("Hierover is al besloten.")})
    if afspraak.aangemaakt_door_id == acting_user.pk:
        raise ValidationError({"status": _("Wie de afspraak vastlegde, beslist er niet over: vier ogen.")})
    return afspraak


@transaction.atomic
def resultaatafspraak_approve(*, acting_user, afspraak: Resultaatafspraak) -> Resultaatafspraak:
    """The paying source's owner agrees to pay on these results: from now on they are claimed."""
    afspraak = _beoordeel(acting_user, afspraak)
    afspraak.status = c.AfspraakStatus.AKKOORD
    afspraak.beoordeeld_door, afspraak.beoordeeld_op = acting_user, timezone.now()
    afspraak.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
    traject_gewijzigd(afspraak.traject_id)  # results already reached count at once
    return afspraak


@transaction.atomic
def resultaatafspraak_refuse(*, acting_user, afspraak: Resultaatafspraak, reden: str) -> Resultaatafspraak:
    afspraak = _beoordeel(acting_user, afspraak)
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de afwijzing.")})
    afspraak.status, afspraak.reden = c.AfspraakStatus.AFGEWEZEN, reden.strip()
    afspraak.beoordeeld_door, afspraak.beoordeeld_op = acting_user, timezone.now()
    afspraak.save(update_fields=["status", "reden", "beoordeeld_door", "beoordeeld_op"])
    return afspraak


@transaction.atomic
def voorfinanciering_save(
    *, acting_user, traject: Traject, bron: Financieringsbron, bedrag: Decimal | None, verrekening: str
) -> Voorfinanciering:
    """The pre-financier's financier records what its source advances to a trajectory it is a
    partner of, and how the rest is settled at the end."""
    if not acting_user.has_rol(Rol.FINANCIER) or bron.organisatie_id != acting_user.organisatie_id:
        raise PermissionDenied
    fouten = {}
    if not TrajectPartner.objects.filter(traject=traject, organisatie_id=bron.organisatie_id).exists():
        fouten["traject"] = _("Uw organisatie is geen partner van dit traject.")
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = _("Het voorgeschoten bedrag is meer dan € 0,00.")
    if verrekening not in c.Verrekening.values:
        fouten["verrekening"] = _("Kies hoe het restant wordt verrekend.")
    if fouten:
        raise ValidationError(fouten)
    voorfinanciering, _nieuw = Voorfinanciering.objects.update_or_create(
        traject=traject, bron=bron,
        defaults={"bedrag": bedrag, "verrekening": verrekening, "vastgelegd_door": acting_user},
    )  # fmt: skip
    return voorfinanciering
