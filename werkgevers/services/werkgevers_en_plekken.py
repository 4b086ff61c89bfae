"""Employer details, locations, mentors and work places."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from leerwerk.models import Organisatie, OrganisatieType, Rol
from leerwerk.validators import normalize_postcode
from trajecten import constants as tc
from trajecten.models import TrajectPartner
from trajecten.selectors import trajecten_directed_by
from werkgevers import constants as c
from werkgevers.models import Begeleider, Leerwerkplek, Locatie, Werkgever
from werkgevers.services.common import directs, is_own_werkgever, require_werkgever_or_regie, save
from werkgevers.validators import normalize_kvk

WERKGEVER_FIELDS = ("kvk_nummer", "sector", "sbb_erkend")
LOCATIE_FIELDS = ("naam", "adres", "postcode", "plaats", "gemeente", "provincie", "arbeidsmarktregio",
                  "bouwvak_regio_afwijkend")  # fmt: skip
BEGELEIDER_FIELDS = ("soort", "naam", "functie", "telefoon", "email")
PLEK_FIELDS = ("traject", "functietitel", "beroep", "taken", "deel_van_functie", "uren_per_week", "min_taalniveau",
               "vereiste_certificaten", "locatie", "aantal_plaatsen", "startdatum", "status", "toezegging",
               "toezegging_datum", "toezegging_geldig_tot", "toezegging_voorwaarden",
               "toezegging_document")  # fmt: skip
# A change to any of these asks the employer to confirm the commitment again (issue 15).
TOEZEGGING_VELDEN = ("toezegging", "toezegging_datum", "toezegging_geldig_tot", "toezegging_voorwaarden",
                     "aantal_plaatsen", "functietitel", "traject_id")  # fmt: skip
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def _only(fields: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    return fields


def _clean_kvk(fields: dict) -> dict:
    if "kvk_nummer" in fields:
        fields["kvk_nummer"] = normalize_kvk(fields["kvk_nummer"])
    return fields


@transaction.atomic
def werkgever_create(*, acting_user, organisatie: Organisatie, **fields) -> Werkgever:
    """Register the employer details of an organisation: by its own contact person, or by the
    regisseur of a trajectory in which the organisation is an employer partner."""
    _only(fields, WERKGEVER_FIELDS)
    own = acting_user.has_rol(Rol.WERKGEVER) and acting_user.organisatie_id == organisatie.pk
    partner = TrajectPartner.objects.filter(
        organisatie=organisatie, rol=tc.PartnerRol.WERKGEVER, traject__in=trajecten_directed_by(acting_user)
    ).exists()
    if not (own or partner):
        raise PermissionDenied
    if organisatie.type != OrganisatieType.WERKGEVER:
        raise ValidationError({"organisatie": _("Kies een organisatie van het type werkgever.")})
    if Werkgever.objects.filter(organisatie=organisatie).exists():
        raise ValidationError({"organisatie": _("Van deze organisatie zijn de werkgeversgegevens al vastgelegd.")})
    werkgever = Werkgever(organisatie=organisatie, **_clean_kvk(fields))
    return save(werkgever, kvk_nummer=_("Er is al een werkgever met dit KvK-nummer."))


@transaction.atomic
def werkgever_update(*, acting_user, werkgever: Werkgever, **fields) -> Werkgever:
    require_werkgever_or_regie(acting_user, werkgever)
    for name, value in _clean_kvk(_only(fields, WERKGEVER_FIELDS)).items():
        setattr(werkgever, name, value)
    return save(werkgever, kvk_nummer=_("Er is al een werkgever met dit KvK-nummer."))


@transaction.atomic
def locatie_save(*, acting_user, werkgever: Werkgever, locatie: Locatie | None = None, **fields) -> Locatie:
    require_werkgever_or_regie(acting_user, werkgever)
    if locatie is not None and locatie.werkgever_id != werkgever.pk:
        raise PermissionDenied
    locatie = locatie or Locatie(werkgever=werkgever)
    for name, value in _only(fields, LOCATIE_FIELDS).items():
        setattr(locatie, name, value)
    locatie.postcode = normalize_postcode(locatie.postcode)
    return save(locatie)


@transaction.atomic
def begeleider_save(*, acting_user, werkgever: Werkgever, begeleider: Begeleider | None = None, **fields) -> Begeleider:
    require_werkgever_or_regie(acting_user, werkgever)
    if begeleider is not None and begeleider.werkgever_id != werkgever.pk:
        raise PermissionDenied
    begeleider = begeleider or Begeleider(werkgever=werkgever)
    for name, value in _only(fields, BEGELEIDER_FIELDS).items():
        setattr(begeleider, name, value)
    return save(begeleider)


def _check_document(document) -> None:
    if not document or not hasattr(document, "read"):
        return
    if document.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"toezegging_document": _("Het document is groter dan 5 MB.")})
    start = document.read(5)
    document.seek(0)
    if start != b"%PDF-":
        raise ValidationError({"toezegging_document": _("Upload een pdf-bestand.")})


def _check_plek(plek: Leerwerkplek) -> None:
    errors = {}
    if plek.locatie_id and plek.locatie.werkgever_id != plek.werkgever_id:
        errors["locatie"] = _("Kies een locatie van deze werkgever.")
    if (
        plek.traject_id
        and not TrajectPartner.objects.filter(
            traject_id=plek.traject_id, organisatie_id=plek.werkgever.organisatie_id, rol=tc.PartnerRol.WERKGEVER
        ).exists()
    ):
        errors["traject"] = _("De werkgever is geen partner in dit traject.")
    if plek.toezegging == c.Toezegging.GEEN and (plek.toezegging_datum or plek.toezegging_geldig_tot):
        errors["toezegging"] = _("Kies de soort toezegging, of laat de datums leeg.")
    plek.taken = [t.strip() for t in plek.taken if t and t.strip()]
    if plek.deel_van_functie and not plek.taken:
        errors["taken"] = _("Noem bij jobcarving de taken waaruit de plek bestaat.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def leerwerkplek_save(*, acting_user, werkgever: Werkgever, plek: Leerwerkplek | None = None, **fields) -> Leerwerkplek:
    """Create or change a work place: by the employer, or by the regisseur of its trajectory."""
    require_werkgever_or_regie(acting_user, werkgever)
    if plek is not None and plek.werkgever_id != werkgever.pk:
        raise PermissionDenied
    _only(fields, PLEK_FIELDS)
    _check_document(fields.get("toezegging_document"))
    plek = plek or Leerwerkplek(werkgever=werkgever)
    voor = [getattr(plek, v) for v in TOEZEGGING_VELDEN]
    for name, value in fields.items():
        setattr(plek, name, value)
    if plek.toezegging_bevestigd_op and [getattr(plek, v) for v in TOEZEGGING_VELDEN] != voor:
        plek.toezegging_bevestigd_op = plek.toezegging_bevestigd_door = None
    regie_elders = plek.traject_id and not directs(acting_user, plek.traject_id)
    if not is_own_werkgever(acting_user, werkgever) and regie_elders:
        raise ValidationError({"traject": _("Kies een traject dat u regisseert.")})
    _check_plek(plek)
    traject_gewijzigd(plek.traject_id)
    return save(plek)


@transaction.atomic
def toezegging_bevestigen(*, acting_user, plek: Leerwerkplek) -> Leerwerkplek:
    """The employer confirms the job guarantee or letter of intent of one of its places, as it is
    written (places, period, conditions); the covenant names it as confirmed."""
    plek = Leerwerkplek.objects.select_for_update().select_related("werkgever").filter(pk=plek.pk).first()
    if plek is None or not is_own_werkgever(acting_user, plek.werkgever):
        raise PermissionDenied
    if plek.toezegging == c.Toezegging.GEEN:
        raise ValidationError(_("Bij deze plek staat geen toezegging om te bevestigen."))
    if plek.toezegging_bevestigd_op:
        raise ValidationError(_("U hebt deze toezegging al bevestigd."))
    plek.toezegging_bevestigd_op, plek.toezegging_bevestigd_door = timezone.now(), acting_user
    plek.save(update_fields=["toezegging_bevestigd_op", "toezegging_bevestigd_door"])
    traject_gewijzigd(plek.traject_id)
    return plek
