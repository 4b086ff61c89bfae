"""The klantmanager's regelruimte: one participant's trial placement keeps the benefit longer."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import UitkeringType
from deelnemers.selectors import deelnemers_visible_to
from leerwerk.models import Rol
from signalen.models import Verlenging
from signalen.selectors import termijnregels_voor
from signalen.services.status import herbereken_na_commit

# A reason is a sentence someone can check later, not a single word.
REDEN_MIN_WOORDEN = 3


def _plaatsing_van_klantmanager(acting_user, plaatsing):
    from werkgevers.models import Plaatsing

    if not acting_user.has_rol(Rol.KLANTMANAGER) or not acting_user.organisatie_id:
        raise PermissionDenied
    gevonden = (
        Plaatsing.objects.select_for_update(of=("self",))
        .select_related("deelname__deelnemer")
        .filter(pk=plaatsing.pk, deelname__deelnemer__in=deelnemers_visible_to(acting_user, Rol.KLANTMANAGER))
        .first()
    )
    if gevonden is None:
        raise PermissionDenied
    return gevonden


def _controleer_plaatsing(plaatsing) -> None:
    from werkgevers.constants import LOPENDE_PLAATSING, PLAATSING_MET_UITKERING

    if plaatsing.soort not in PLAATSING_MET_UITKERING:
        fout = _("Alleen een plaatsing met behoud van uitkering kan langer duren met behoud van uitkering.")
    elif plaatsing.status not in LOPENDE_PLAATSING or plaatsing.einde is not None:
        fout = _("Deze plaatsing loopt niet meer: verlengen kan niet.")
    elif plaatsing.deelname.deelnemer.uitkering_type == UitkeringType.GEEN:
        fout = _("Deze kandidaat heeft geen uitkering: er is geen termijn om te verlengen.")
    else:
        return
    raise ValidationError({NON_FIELD_ERRORS: fout})


def maanden_fout(maanden: int | None, *, gewoon: int, hoogstens: int) -> str | None:
    """What is wrong with an extension to `maanden` under a gemeente's usual term and maximum
    (None: nothing). Also used by the form, so the page shows it next to a missing reason."""
    if maanden is None:
        return _("Vul in tot hoeveel maanden de proefplaatsing met behoud van uitkering duurt.")
    if maanden > hoogstens:
        return _("In deze gemeente kan een proefplaatsing tot hoogstens %(max)s maanden met behoud van uitkering.") % {
            "max": hoogstens
        }
    if maanden <= gewoon:
        return _("Een verlenging is langer dan de gewone termijn van %(maanden)s maanden: kies meer maanden.") % {
            "maanden": gewoon
        }
    return None


def _controleer_invoer(maanden, reden: str, regels) -> None:
    errors = {}
    fout = maanden_fout(maanden, gewoon=regels.proefplaatsing_maanden, hoogstens=regels.proefplaatsing_max_maanden)
    if fout:
        errors["maanden"] = fout
    if not reden:
        errors["reden"] = _("Geef de reden voor de verlenging.")
    elif len(reden.split()) < REDEN_MIN_WOORDEN:
        errors["reden"] = _("Beschrijf de reden in een paar woorden, zodat een collega de uitzondering kan volgen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def verlenging_record(*, acting_user, plaatsing, maanden: int | None, reden: str) -> Verlenging:
    """Record (or change) the extension of a trial placement keeping benefit, within the
    maximum of the participant's gemeente. Klantmanager of that gemeente only; history is
    kept by pghistory. The trajectory's signals are recomputed after the commit."""
    plaatsing = _plaatsing_van_klantmanager(acting_user, plaatsing)
    _controleer_plaatsing(plaatsing)
    reden = (reden or "").strip()
    _controleer_invoer(maanden, reden, termijnregels_voor(plaatsing.deelname.deelnemer.gemeente_id))
    verlenging, _created = Verlenging.objects.update_or_create(
        plaatsing=plaatsing,
        defaults={"maanden": maanden, "reden": reden, "door": acting_user, "op": timezone.now()},
    )
    herbereken_na_commit(plaatsing.deelname.traject_id)
    return verlenging
