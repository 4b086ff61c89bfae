"""Writes of candidates. Each checks that the acting user may write this candidate."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import RandvoorwaardeSoort, RandvoorwaardeStatus, ToestemmingSoort
from deelnemers.models import Deelnemer, Intake, Randvoorwaarde, Toestemming, Werkervaring
from deelnemers.selectors import deelnemers_visible_to
from deelnemers.validators import normalize_bsn
from leerwerk.models import Rol

# Every new candidate starts with this checklist, to be gone through in the three-way talk.
STANDAARD_RANDVOORWAARDEN = [s for s in RandvoorwaardeSoort.values if s != RandvoorwaardeSoort.OVERIG]


def _require_klantmanager_of(acting_user, deelnemer: Deelnemer | None = None) -> None:
    if not acting_user.has_rol(Rol.KLANTMANAGER) or not acting_user.organisatie_id:
        raise PermissionDenied
    if (
        deelnemer is not None
        and not deelnemers_visible_to(acting_user, Rol.KLANTMANAGER).filter(pk=deelnemer.pk).exists()
    ):
        raise PermissionDenied


def _save(obj, **unique_messages):
    """full_clean, then save; a unique race that slips past the check becomes a field error."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        for field, message in unique_messages.items():
            if field in str(exc):
                raise ValidationError({field: message}) from exc
        raise
    return obj


@transaction.atomic
def deelnemer_create(*, acting_user, werkervaringen: list[dict] = (), **fields) -> Deelnemer:
    """Register a candidate in the acting klantmanager's gemeente."""
    _require_klantmanager_of(acting_user)
    fields["bsn"] = normalize_bsn(fields.get("bsn", ""))
    fields.setdefault("klantmanager", acting_user)
    deelnemer = Deelnemer(gemeente_id=acting_user.organisatie_id, aangemaakt_door=acting_user, **fields)
    _save(deelnemer, bsn=_("Er is al een kandidaat met dit BSN."))
    Randvoorwaarde.objects.bulk_create(
        Randvoorwaarde(deelnemer=deelnemer, soort=soort, status=RandvoorwaardeStatus.ACTIE_NODIG)
        for soort in STANDAARD_RANDVOORWAARDEN
    )
    for item in werkervaringen:
        _save(Werkervaring(deelnemer=deelnemer, **item))
    return deelnemer


@transaction.atomic
def deelnemer_update(*, acting_user, deelnemer: Deelnemer, **fields) -> Deelnemer:
    _require_klantmanager_of(acting_user, deelnemer)
    if "bsn" in fields:
        fields["bsn"] = normalize_bsn(fields["bsn"])
    fields.pop("gemeente", None)  # moving to another gemeente is a transfer, not an edit
    for name, value in fields.items():
        setattr(deelnemer, name, value)
    return _save(deelnemer, bsn=_("Er is al een kandidaat met dit BSN."))


@transaction.atomic
def intake_save(*, acting_user, deelnemer: Deelnemer, **fields) -> Intake:
    _require_klantmanager_of(acting_user, deelnemer)
    intake, _created = Intake.objects.select_for_update().get_or_create(deelnemer=deelnemer)
    for name, value in fields.items():
        setattr(intake, name, value)
    intake.afgenomen_door = intake.afgenomen_door or acting_user
    intake.afgenomen_op = intake.afgenomen_op or timezone.localdate()
    return _save(intake)


@transaction.atomic
def randvoorwaarde_update(*, acting_user, randvoorwaarde: Randvoorwaarde, **fields) -> Randvoorwaarde:
    _require_klantmanager_of(acting_user, randvoorwaarde.deelnemer)
    for name, value in fields.items():
        setattr(randvoorwaarde, name, value)
    return _save(randvoorwaarde)


@transaction.atomic
def toestemming_record(*, acting_user, deelnemer: Deelnemer, soort: str, gegeven_op: date | None = None) -> Toestemming:
    _require_klantmanager_of(acting_user, deelnemer)
    if soort not in ToestemmingSoort.values:
        raise ValidationError({"soort": _("Onbekende soort toestemming.")})
    if deelnemer.toestemmingen.filter(soort=soort, ingetrokken_op__isnull=True).exists():
        raise ValidationError({"soort": _("Er is al een geldige toestemming van deze soort.")})
    toestemming = Toestemming(
        deelnemer=deelnemer, soort=soort, gegeven_op=gegeven_op or timezone.localdate(), vastgelegd_door=acting_user
    )
    return _save(toestemming, soort=_("Er is al een geldige toestemming van deze soort."))


@transaction.atomic
def toestemming_withdraw(*, acting_user, toestemming: Toestemming, op: date | None = None) -> Toestemming:
    _require_klantmanager_of(acting_user, toestemming.deelnemer)
    if toestemming.ingetrokken_op:
        raise ValidationError({"ingetrokken_op": _("Deze toestemming is al ingetrokken.")})
    toestemming.ingetrokken_op = op or timezone.localdate()
    return _save(toestemming)


@transaction.atomic
def werkervaringen_set(*, acting_user, deelnemer: Deelnemer, werkervaringen: list[dict]) -> list[Werkervaring]:
    """Replace a candidate's work experience with the rows of the edit form."""
    _require_klantmanager_of(acting_user, deelnemer)
    deelnemer.werkervaringen.all().delete()
    return [_save(Werkervaring(deelnemer=deelnemer, **item)) for item in werkervaringen]
