"""Writes of candidates. Each checks that the acting user may write this candidate."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import RandvoorwaardeSoort, RandvoorwaardeStatus, ToestemmingSoort
from deelnemers.models import Deelnemer, Intake, Randvoorwaarde, Toestemming, Werkervaring
from deelnemers.selectors import deelnemers_visible_to, medewerkers_van_organisatie
from deelnemers.validators import normalize_bsn
from leerwerk.models import Rol
from leerwerk.validators import normalize_postcode
from signalen.services import herbereken_na_commit
from trajecten.selectors import actiehouders_voor

# Every new candidate starts with this checklist, to be gone through in the three-way talk; each
# row starts as "nog niet besproken" until someone sets it (issue 11).
STANDAARD_RANDVOORWAARDEN = [s for s in RandvoorwaardeSoort.values if s != RandvoorwaardeSoort.OVERIG]


def _require_klantmanager_of(acting_user, deelnemer: Deelnemer | None = None) -> None:
    if not acting_user.has_rol(Rol.KLANTMANAGER) or not acting_user.organisatie_id:
        raise PermissionDenied
    if (
        deelnemer is not None
        and not deelnemers_visible_to(acting_user, Rol.KLANTMANAGER).filter(pk=deelnemer.pk).exists()
    ):
        raise PermissionDenied


def _check_klantmanager(acting_user, fields: dict) -> None:
    """A candidate's klantmanager is a klantmanager of the acting user's own gemeente (as the form offers)."""
    for name in ("klantmanager", "klantmanager_id"):
        value = fields.get(name)
        pk = getattr(value, "pk", value)
        if pk is not None and not medewerkers_van_organisatie(acting_user, Rol.KLANTMANAGER).filter(pk=pk).exists():
            raise ValidationError({"klantmanager": _("Kies een klantmanager van uw eigen gemeente.")})


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
    if "postcode" in fields:
        fields["postcode"] = normalize_postcode(fields["postcode"])
    fields.setdefault("klantmanager", acting_user)
    _check_klantmanager(acting_user, fields)
    deelnemer = Deelnemer(gemeente_id=acting_user.organisatie_id, aangemaakt_door=acting_user, **fields)
    _save(deelnemer, bsn=_("Er is al een kandidaat met dit BSN."))
    Randvoorwaarde.objects.bulk_create(
        Randvoorwaarde(deelnemer=deelnemer, soort=soort, status=RandvoorwaardeStatus.NIET_BESPROKEN)
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
    if "postcode" in fields:
        fields["postcode"] = normalize_postcode(fields["postcode"])
    fields.pop("gemeente", None)  # moving to another gemeente is a transfer, not an edit
    _check_klantmanager(acting_user, fields)
    for name, value in fields.items():
        setattr(deelnemer, name, value)
    herbereken_na_commit(deelnemer.deelnames.values_list("traject_id", flat=True))  # benefit, klantmanager
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
    """Status, note and actiehouder of a precondition. A new actiehouder is someone involved
    with the candidate (actiehouders_voor, the choices RandvoorwaardeForm offers); one chosen
    before that rule may stay, so the checklist can still be saved, but is not chosen anew."""
    _require_klantmanager_of(acting_user, randvoorwaarde.deelnemer)
    for name in ("actiehouder", "actiehouder_id"):
        value = fields.get(name)
        pk = getattr(value, "pk", value)
        if (
            pk is not None
            and pk != randvoorwaarde.actiehouder_id
            and not actiehouders_voor(acting_user, randvoorwaarde.deelnemer).filter(pk=pk).exists()
        ):
            raise ValidationError(
                {
                    "actiehouder": _(
                        "Kies als actiehouder iemand die bij deze kandidaat betrokken is: een klantmanager, "
                        "de regisseur of jobcoach van een traject, de werkgever van een plaatsing of de opleider."
                    )
                }
            )
    for name, value in fields.items():
        setattr(randvoorwaarde, name, value)
    return _save(randvoorwaarde)


def _uniek_per_soort() -> str:
    """The model constraint's own message: "Deze randvoorwaarde staat al op de lijst."."""
    constraint = next(c for c in Randvoorwaarde._meta.constraints if c.name == "randvoorwaarde_uniek_per_soort")
    return constraint.get_violation_error_message()


@transaction.atomic
def randvoorwaarde_add(
    *,
    acting_user,
    deelnemer: Deelnemer,
    soort: str,
    status: str = RandvoorwaardeStatus.NIET_BESPROKEN,
    toelichting: str = "",
    actiehouder=None,
) -> Randvoorwaarde:
    """Put one more precondition on a candidate's checklist: "overig" (as many as needed, each
    saying in its toelichting what it is about), or a standard one that is not on the list.
    The new row then goes through randvoorwaarde_update: the checks of an edit (status,
    actiehouder) hold for it too, and an error there rolls the addition back."""
    _require_klantmanager_of(acting_user, deelnemer)
    toelichting = (toelichting or "").strip()
    if soort == RandvoorwaardeSoort.OVERIG and not toelichting:
        raise ValidationError({"toelichting": _("Beschrijf bij Overig om welke randvoorwaarde het gaat.")})
    if soort != RandvoorwaardeSoort.OVERIG and deelnemer.randvoorwaarden.filter(soort=soort).exists():
        raise ValidationError({"soort": _uniek_per_soort()})
    randvoorwaarde = Randvoorwaarde(deelnemer=deelnemer, soort=soort)
    try:
        return randvoorwaarde_update(
            acting_user=acting_user,
            randvoorwaarde=randvoorwaarde,
            status=status,
            toelichting=toelichting,
            actiehouder=actiehouder,
        )
    except IntegrityError as exc:  # the same soort added at the same moment, past the check above
        if "randvoorwaarde_uniek_per_soort" in str(exc):
            raise ValidationError({"soort": _uniek_per_soort()}) from exc
        raise


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
