"""Writes of participations: aanmelden, the Deelname state machine and the placement guard.

The placement guard is a module global read by deelname_transition in this module, so
set_placement_guard() (re-exported by trajecten.services) changes what deelname_transition checks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Deelnemer
from deelnemers.selectors import deelnemers_visible_to
from leerwerk.events import traject_gewijzigd
from leerwerk.models import Rol
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap, Traject
from trajecten.selectors import deelnames_visible_to, trajecten_directed_by, trajecten_open_for_aanmelding

S = c.DeelnameStatus

# --- The placement guard ------------------------------------------------------------------
# A step into proefplaatsing or geplaatst needs a placement at an employer. Until the
# werkgevers app records placements, the regisseur names the placement in the note; the
# werkgevers app installs its own check with set_placement_guard().

PlacementGuard = Callable[[Deelname, str, str], str | None]


def _placement_named_in_note(deelname: Deelname, naar: str, toelichting: str) -> str | None:
    if not toelichting.strip():
        return _("Vermeld in de toelichting bij welke werkgever de deelnemer geplaatst wordt.")
    return None


_placement_guard: PlacementGuard = _placement_named_in_note


def set_placement_guard(guard: PlacementGuard) -> None:
    """Install the check for steps that need a placement: it returns a Dutch refusal or None."""
    global _placement_guard
    _placement_guard = guard


# --- Aanmelden ----------------------------------------------------------------------------


@transaction.atomic
def deelname_create(*, acting_user, traject: Traject, deelnemer: Deelnemer, toelichting: str = "") -> Deelname:
    """A klantmanager proposes a candidate of their gemeente for a trajectory."""
    if not deelnemers_visible_to(acting_user, Rol.KLANTMANAGER).filter(pk=deelnemer.pk).exists():
        raise PermissionDenied
    # The candidate's row locked and read anew: a deletion on request (avg) or the retention
    # that anonymises them meanwhile is waited for, and then refuses the proposal.
    if Deelnemer.objects.select_for_update(no_key=True).values_list("geanonimiseerd", flat=True).get(pk=deelnemer.pk):
        raise ValidationError({"deelnemer": _("Deze kandidaat is geanonimiseerd en kan niet meer worden aangemeld.")})
    if not trajecten_open_for_aanmelding(acting_user).filter(pk=traject.pk).exists():
        raise ValidationError({"traject": _("Voor dit traject kunt u geen kandidaten aanmelden.")})
    shares_outside = traject.regie_organisatie_id != deelnemer.gemeente_id
    if shares_outside and not deelnemer.toestemming_actief(ToestemmingSoort.PARTNERS):
        raise ValidationError(
            {
                "traject": _(
                    "De regie van dit traject ligt buiten uw gemeente. Leg eerst de toestemming van de kandidaat "
                    "vast om gegevens met de trajectpartners te delen."
                )
            }
        )
    if Deelname.objects.filter(traject=traject, deelnemer=deelnemer).exists():
        raise ValidationError({"traject": _("Deze kandidaat is al aangemeld voor dit traject.")})
    today = timezone.localdate()
    deelname = Deelname.objects.create(
        traject=traject,
        deelnemer=deelnemer,
        aangemeld_door=acting_user,
        motivatie_aanmelding=toelichting,
        status=S.AANGEMELD,
        status_sinds=today,
    )
    DeelnameStap.objects.create(
        deelname=deelname,
        van_status="",
        naar_status=S.AANGEMELD,
        door=acting_user,
        ingangsdatum=today,
        toelichting=toelichting,
    )
    return deelname


# --- The state machine ----------------------------------------------------------------------


def transition_refusal(deelname: Deelname, naar: str) -> str | None:
    """Why `deelname` may not go to `naar`, in Dutch; None when the step is allowed."""
    if naar not in S.values:
        return _("Onbekende status.")
    if naar == deelname.status:
        return _("De deelnemer staat al op %(status)s.") % {"status": S(naar).label}
    if naar not in deelname.allowed_targets():
        if deelname.status in c.END_STATES:
            return _("Deze deelname is afgesloten (%(status)s); de status kan niet meer veranderen.") % {
                "status": S(deelname.status).label
            }
        if deelname.status == S.GEPARKEERD:
            return _(
                "Een geparkeerde deelnemer gaat terug naar %(vorige)s, valt uit of gaat naar een vervolgopleiding."
            ) % {"vorige": S(deelname.vorige_status).label}
        return _("Van %(van)s naar %(naar)s is geen geldige stap.") % {
            "van": S(deelname.status).label,
            "naar": S(naar).label,
        }
    return None


@transaction.atomic
def deelname_transition(
    *,
    acting_user,
    deelname: Deelname,
    naar: str,
    ingangsdatum: date | None = None,
    toelichting: str = "",
    uitval_reden: str = "",
    verwacht_van: str | None = None,
) -> Deelname:
    """Move a participation one step, as the regisseur of its trajectory.

    The row is locked first, so two simultaneous steps are applied one after the other and
    the second is judged against the first's result. `verwacht_van` is the state the user saw
    (a card's column): when the deelname moved meanwhile, the step is refused.
    """
    if not trajecten_directed_by(acting_user).filter(pk=deelname.traject_id).exists():
        raise PermissionDenied
    locked = (
        deelnames_visible_to(acting_user, Rol.REGISSEUR).select_for_update(of=("self",)).filter(pk=deelname.pk).first()
    )
    if locked is None:
        raise PermissionDenied
    return _transition(locked, acting_user, naar, ingangsdatum, toelichting, uitval_reden, verwacht_van)


@transaction.atomic
def deelname_transition_for_plaatsing(
    *, acting_user, deelname_id: int, naar: str, ingangsdatum: date, toelichting: str
) -> Deelname:
    """The step a confirmed placement makes (into proefplaatsing or geplaatst) on the day it
    starts, taken in the name of the employer who confirmed it. Only werkgevers.services calls
    this, after its own checks; the placement guard still applies."""
    if naar not in c.NEEDS_PLACEMENT:
        raise ValueError(naar)
    locked = Deelname.objects.select_for_update(of=("self",)).get(pk=deelname_id)
    return _transition(locked, acting_user, naar, ingangsdatum, toelichting, "", None)


def deelname_transition_for_nazorg(*, acting_user, deelname_id: int, ingangsdatum: date, toelichting: str) -> Deelname:
    """Close aftercare: geplaatst (through nazorg) or nazorg to afgerond, in the caller's
    transaction, taken by whoever closes it (the jobcoach, regisseur or klantmanager). Only
    begeleiding.services calls this, after its own checks (issue 16)."""
    locked = Deelname.objects.select_for_update(of=("self",)).get(pk=deelname_id)
    if locked.status == S.GEPLAATST:
        locked = _transition(locked, acting_user, S.NAZORG, ingangsdatum, toelichting, "", None)
    return _transition(locked, acting_user, S.AFGEROND, ingangsdatum, toelichting, "", None)


@transaction.atomic
def deelname_undo_placement_step(*, acting_user, deelname_id: int, toelichting: str) -> Deelname | None:
    """Take back the step into proefplaatsing or geplaatst when its placement turns out not to
    have started (its start moved to a later date, or it was ended before it began).

    Steps are append-only, so the undo is a step of its own, back to the state before, with the
    same effective date (the participant never left that state); status_sinds returns to the
    date of the step into that state. Returns None when the last step was not such a step."""
    locked = Deelname.objects.select_for_update(of=("self",)).get(pk=deelname_id)
    stappen = list(locked.stappen.order_by("-op", "-id")[:2])
    if not stappen or locked.status not in c.NEEDS_PLACEMENT:
        return None
    laatste = stappen[0]
    if laatste.naar_status != locked.status or not laatste.van_status:
        return None
    terug = laatste.van_status
    vorige = stappen[1] if len(stappen) > 1 and stappen[1].naar_status == terug else None
    locked.status = terug
    locked.status_sinds = vorige.ingangsdatum if vorige else laatste.ingangsdatum
    locked.vorige_status = ""
    locked.save(update_fields=["status", "vorige_status", "status_sinds"])
    DeelnameStap.objects.create(
        deelname=locked,
        van_status=laatste.naar_status,
        naar_status=terug,
        door=acting_user,
        ingangsdatum=laatste.ingangsdatum,
        toelichting=toelichting,
    )
    traject_gewijzigd(locked.traject_id)
    return locked


def _transition(deelname, acting_user, naar, ingangsdatum, toelichting, uitval_reden, verwacht_van) -> Deelname:
    ingangsdatum = ingangsdatum or timezone.localdate()
    toelichting = toelichting.strip()
    errors: dict[str, str] = {}

    if verwacht_van is not None and verwacht_van != deelname.status:
        raise ValidationError(
            {
                "naar": _(
                    "Deze deelnemer is intussen naar %(status)s gegaan. Bekijk de actuele stand en probeer opnieuw."
                )
                % {"status": S(deelname.status).label}
            }
        )
    refusal = transition_refusal(deelname, naar)
    if refusal:
        raise ValidationError({"naar": refusal})

    if naar == S.UITGEVALLEN:
        if uitval_reden not in c.UitvalReden.values:
            errors["uitval_reden"] = _("Kies een reden van uitval.")
        elif uitval_reden == c.UitvalReden.OVERIG and not toelichting:
            errors["toelichting"] = _("Licht de reden 'overig' toe.")
    elif uitval_reden:
        errors["uitval_reden"] = _("Een reden van uitval hoort alleen bij uitval.")
    if naar in c.NEEDS_PLACEMENT:
        refusal = _placement_guard(deelname, naar, toelichting)
        if refusal:
            errors["toelichting"] = refusal
    last = deelname.stappen.order_by("-op", "-id").first()
    if last and ingangsdatum < last.ingangsdatum:
        errors["ingangsdatum"] = _("De ingangsdatum ligt vóór die van de vorige stap (%(datum)s).") % {
            "datum": last.ingangsdatum.strftime("%d-%m-%Y")
        }
    if errors:
        raise ValidationError(errors)

    van = deelname.status
    if naar == S.GEPARKEERD:
        deelname.vorige_status = van
    else:
        deelname.vorige_status = ""
    deelname.status = naar
    deelname.status_sinds = ingangsdatum
    deelname.uitval_reden = uitval_reden if naar == S.UITGEVALLEN else ""
    deelname.save(update_fields=["status", "vorige_status", "status_sinds", "uitval_reden"])
    DeelnameStap.objects.create(
        deelname=deelname,
        van_status=van,
        naar_status=naar,
        door=acting_user,
        ingangsdatum=ingangsdatum,
        toelichting=toelichting,
        uitval_reden=deelname.uitval_reden,
    )
    traject_gewijzigd(deelname.traject_id)
    return deelname
