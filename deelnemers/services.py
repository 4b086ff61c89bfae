"""Writes of candidates. Each checks that the acting user may write this candidate."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers import toestemmingsteksten
from deelnemers.constants import PartnerSoort, RandvoorwaardeSoort, RandvoorwaardeStatus, ToestemmingSoort
from deelnemers.models import Deelnemer, GesprokenTaal, Intake, Randvoorwaarde, Toestemming, Werkervaring
from deelnemers.selectors import deelnemers_visible_to, medewerkers_van_organisatie
from deelnemers.validators import normalize_bsn
from leerwerk.events import TOESTEMMING_GEWIJZIGD, publiceer, traject_gewijzigd
from leerwerk.models import Rol
from leerwerk.validators import normalize_postcode
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
def deelnemer_create(*, acting_user, werkervaringen: list[dict] = (), talen: list[dict] = (), **fields) -> Deelnemer:
    """Register a candidate in the acting klantmanager's gemeente, with the languages they speak."""
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
    if talen:
        talen_set(acting_user=acting_user, deelnemer=deelnemer, talen=talen)
    return deelnemer


@transaction.atomic
def deelnemer_update(*, acting_user, deelnemer: Deelnemer, talen: list[dict] | None = None, **fields) -> Deelnemer:
    """Change a candidate; `talen` (when given) replaces the languages they speak."""
    _require_klantmanager_of(acting_user, deelnemer)
    if talen is not None:
        talen_set(acting_user=acting_user, deelnemer=deelnemer, talen=talen)
    if "bsn" in fields:
        fields["bsn"] = normalize_bsn(fields["bsn"])
    if "postcode" in fields:
        fields["postcode"] = normalize_postcode(fields["postcode"])
    fields.pop("gemeente", None)  # moving to another gemeente is a transfer, not an edit
    _check_klantmanager(acting_user, fields)
    for name, value in fields.items():
        setattr(deelnemer, name, value)
    traject_gewijzigd(deelnemer.deelnames.values_list("traject_id", flat=True))  # benefit, klantmanager
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


def _toestemming_velden(
    *, soort: str, gegeven_op: date | None, einddatum: date | None, tekstversie: str | None, partners
) -> dict:
    """Check what a consent records: its dates, the text's version and a scope within that text."""
    vandaag = timezone.localdate()
    gegeven_op = gegeven_op or vandaag
    errors = {}
    if gegeven_op > vandaag:
        errors["gegeven_op"] = _("De datum van toestemming ligt in de toekomst.")
    if einddatum is None:
        errors["einddatum"] = _("Vul de einddatum van de toestemming in.")
    elif einddatum <= gegeven_op:
        errors["einddatum"] = _("De einddatum moet na de datum van toestemming liggen.")
    elif einddatum < vandaag:
        errors["einddatum"] = _("De einddatum ligt in het verleden: deze toestemming zou al verlopen zijn.")
    tekst = toestemmingsteksten.tekst(soort, tekstversie) if tekstversie else toestemmingsteksten.huidige(soort)
    if tekst is None:
        errors["tekstversie"] = _("Onbekende versie van de toestemmingstekst.")
    partners = list(dict.fromkeys(partners)) if partners is not None else list(tekst.partners if tekst else [])
    if not partners:
        errors["partners"] = _("Kies minstens één soort partner.")
    elif tekst is not None and (buiten := [p for p in partners if p not in tekst.partners]):
        errors["partners"] = _("De toestemmingstekst (versie %(versie)s) noemt niet: %(partners)s.") % {
            "versie": tekst.versie,
            "partners": ", ".join(str(PartnerSoort(p).label) if p in PartnerSoort.values else p for p in buiten),
        }
    if errors:
        raise ValidationError(errors)
    return {
        "gegeven_op": gegeven_op,
        "einddatum": einddatum,
        "tekstversie": tekst.versie,
        "partners": partners,
        "doel": tekst.doel,
    }


def _huidige_toestemming(deelnemer: Deelnemer, soort: str) -> Toestemming | None:
    """The current consent of this kind (valid or lapsed), locked: at most one by the model's constraint."""
    return (
        Toestemming.objects.select_for_update()
        .filter(deelnemer=deelnemer, soort=soort, ingetrokken_op__isnull=True, vervangen_op__isnull=True)
        .first()
    )


def _toestemming_nieuw(*, acting_user, deelnemer: Deelnemer, soort: str, vorige: Toestemming | None, **velden):
    if vorige is not None:
        vorige.vervangen_op = timezone.localdate()
        vorige.save(update_fields=["vervangen_op"])
    toestemming = Toestemming(deelnemer=deelnemer, soort=soort, vastgelegd_door=acting_user, **velden)
    _save(toestemming, soort=_("Er is al een geldige toestemming van deze soort."))
    publiceer(TOESTEMMING_GEWIJZIGD)  # the signal of the consent it replaces closes
    return toestemming


@transaction.atomic
def toestemming_record(
    *,
    acting_user,
    deelnemer: Deelnemer,
    soort: str,
    gegeven_op: date | None = None,
    einddatum: date | None = None,
    tekstversie: str | None = None,
    partners: list[str] | None = None,
) -> Toestemming:
    """Record a consent: the text version the candidate agreed to (default the current one),
    the kinds of partner (default all the text names) and the end date. A consent of this kind
    that has lapsed is replaced by it; one still valid is renewed with toestemming_renew."""
    _require_klantmanager_of(acting_user, deelnemer)
    if soort not in ToestemmingSoort.values:
        raise ValidationError({"soort": _("Onbekende soort toestemming.")})
    velden = _toestemming_velden(
        soort=soort, gegeven_op=gegeven_op, einddatum=einddatum, tekstversie=tekstversie, partners=partners
    )
    vorige = _huidige_toestemming(deelnemer, soort)
    if vorige is not None and vorige.is_geldig(timezone.localdate()):
        raise ValidationError({"soort": _("Er is al een geldige toestemming van deze soort.")})
    return _toestemming_nieuw(acting_user=acting_user, deelnemer=deelnemer, soort=soort, vorige=vorige, **velden)


@transaction.atomic
def toestemming_renew(
    *,
    acting_user,
    toestemming: Toestemming,
    gegeven_op: date | None = None,
    einddatum: date | None = None,
    tekstversie: str | None = None,
    partners: list[str] | None = None,
) -> Toestemming:
    """The candidate consents again before (or after) the end date: a new consent replaces
    this one, which stays on record as replaced (vervangen_op)."""
    deelnemer = toestemming.deelnemer
    _require_klantmanager_of(acting_user, deelnemer)
    vorige = _huidige_toestemming(deelnemer, toestemming.soort)
    if vorige is None or vorige.pk != toestemming.pk:
        raise ValidationError({"soort": _("Deze toestemming is ingetrokken of al vervangen.")})
    velden = _toestemming_velden(
        soort=toestemming.soort, gegeven_op=gegeven_op, einddatum=einddatum, tekstversie=tekstversie, partners=partners
    )
    return _toestemming_nieuw(
        acting_user=acting_user, deelnemer=deelnemer, soort=toestemming.soort, vorige=vorige, **velden
    )


@transaction.atomic
def toestemming_withdraw(*, acting_user, toestemming: Toestemming, op: date | None = None) -> Toestemming:
    _require_klantmanager_of(acting_user, toestemming.deelnemer)
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if toestemming.ingetrokken_op:
        raise ValidationError({"ingetrokken_op": _("Deze toestemming is al ingetrokken.")})
    if toestemming.vervangen_op:
        raise ValidationError({"ingetrokken_op": _("Deze toestemming is al vervangen door een nieuwe.")})
    toestemming.ingetrokken_op = op or timezone.localdate()
    publiceer(TOESTEMMING_GEWIJZIGD)
    return _save(toestemming)


@transaction.atomic
def werkervaringen_set(*, acting_user, deelnemer: Deelnemer, werkervaringen: list[dict]) -> list[Werkervaring]:
    """Replace a candidate's work experience with the rows of the edit form."""
    _require_klantmanager_of(acting_user, deelnemer)
    deelnemer.werkervaringen.all().delete()
    return [_save(Werkervaring(deelnemer=deelnemer, **item)) for item in werkervaringen]


@transaction.atomic
def talen_set(*, acting_user, deelnemer: Deelnemer, talen: list[dict]) -> list[GesprokenTaal]:
    """Replace the languages (other than Dutch) a candidate speaks: one row per language."""
    _require_klantmanager_of(acting_user, deelnemer)
    gezien = set()
    for item in talen:
        if item.get("taal") in gezien:
            raise ValidationError({"talen": _("Noem elke taal één keer.")})
        gezien.add(item.get("taal"))
    deelnemer.talen.all().delete()
    return [_save(GesprokenTaal(deelnemer=deelnemer, taal=item["taal"], niveau=item["niveau"])) for item in talen]
