"""Writes of the regie: trajectories, their partners and the phase planning."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from leerwerk.models import Organisatie, OrganisatieType, Rol
from trajecten import constants as c
from trajecten.models import Traject, TrajectFase, TrajectPartner
from trajecten.selectors import regisseurs_van, trajecten_directed_by

# --- Regie: trajectories, partners and the phase planning ----------------------------------
# Only a regisseur of the regie organisation writes these. Each write locks the trajectory
# row first, so two simultaneous changes of one trajectory are judged one after the other.

TRAJECT_FIELDS = (
    "naam",
    "sector",
    "beroep",
    "arbeidsmarktregio",
    "regisseur",
    "capaciteit",
    "instroomvorm",
    "status",
    "min_taalniveau",
    "max_opleidingsniveau",
    "min_uren_per_week",
    "overige_criteria",
    "doel_aantal_deelnemers",
    "doel_aandeel_werk",
    "doel_datum",
)


def _directed_traject(acting_user, traject_pk: int) -> Traject:
    """The trajectory, locked, when the acting user directs it; PermissionDenied otherwise."""
    traject = trajecten_directed_by(acting_user).select_for_update().filter(pk=traject_pk).first()
    if traject is None:
        raise PermissionDenied
    return traject


def _traject_errors(traject: Traject, gemeenten, check_regisseur: bool = True) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if traject.arbeidsmarktregio_id and traject.arbeidsmarktregio.type != OrganisatieType.ARBEIDSMARKTREGIO:
        add("arbeidsmarktregio", _("Kies een arbeidsmarktregio."))
    if gemeenten is not None and any(g.type != OrganisatieType.GEMEENTE for g in gemeenten):
        add("gemeenten", _("Kies alleen gemeenten."))
    regisseurs = regisseurs_van(traject.regie_organisatie_id)
    if check_regisseur and traject.regisseur_id and not regisseurs.filter(pk=traject.regisseur_id).exists():
        add("regisseur", _("Kies een regisseur van uw eigen organisatie."))
    if traject.doel_aantal_deelnemers and traject.capaciteit and traject.doel_aantal_deelnemers > traject.capaciteit:
        add("doel_aantal_deelnemers", _("Het doel-aantal deelnemers is groter dan de capaciteit van het traject."))
    if traject.pk and traject.capaciteit:
        bezet = traject.deelnames.filter(status__in=c.BEZETTE_STATES).count()
        if traject.capaciteit < bezet:
            add(
                "capaciteit",
                _("Er doen al %(n)s deelnemers mee; de capaciteit kan niet lager zijn.") % {"n": bezet},
            )
    checked = {"arbeidsmarktregio", "regisseur"}  # checked above, in words a user understands
    try:
        traject.full_clean(exclude=[f for f in checked if f in errors] + ["gemeenten"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                add(field, message)
    return errors


def _set_traject_fields(traject: Traject, fields: dict) -> None:
    unknown = set(fields) - set(TRAJECT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown trajectory fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(traject, name, value)


@transaction.atomic
def traject_create(*, acting_user, gemeenten=(), **fields) -> Traject:
    """A regisseur starts a trajectory; the regie lies with their own organisation."""
    if not acting_user.has_rol(Rol.REGISSEUR) or not acting_user.organisatie_id:
        raise PermissionDenied
    traject = Traject(regie_organisatie_id=acting_user.organisatie_id)
    _set_traject_fields(traject, fields)
    gemeenten = list(gemeenten)
    errors = _traject_errors(traject, gemeenten)
    if errors:
        raise ValidationError(errors)
    traject.save()
    traject.gemeenten.set(gemeenten)
    return traject


@transaction.atomic
def traject_update(*, acting_user, traject: Traject, gemeenten=None, **fields) -> Traject:
    """Change a trajectory's data, instroomprofiel or SMART goal; `gemeenten` None keeps them."""
    traject = _directed_traject(acting_user, traject.pk)
    vorige_regisseur = traject.regisseur_id
    _set_traject_fields(traject, fields)
    gemeenten = list(gemeenten) if gemeenten is not None else None
    errors = _traject_errors(traject, gemeenten, check_regisseur=traject.regisseur_id != vorige_regisseur)
    if errors:
        raise ValidationError(errors)
    traject.save()
    if gemeenten is not None:
        traject.gemeenten.set(gemeenten)
    return traject


@transaction.atomic
def traject_partner_add(
    *, acting_user, traject: Traject, organisatie: Organisatie, rol: str, contactpersoon=None
) -> TrajectPartner:
    """Give an organisation a role in the trajectory; one organisation may hold several roles."""
    traject = _directed_traject(acting_user, traject.pk)
    errors = {}
    if rol not in c.PartnerRol.values:
        errors["rol"] = _("Kies een rol.")
    if not organisatie.actief:
        errors["organisatie"] = _("Deze organisatie is niet actief.")
    if contactpersoon is not None and contactpersoon.organisatie_id != organisatie.pk:
        errors["contactpersoon"] = _("De contactpersoon hoort niet bij deze organisatie.")
    if not errors and TrajectPartner.objects.filter(traject=traject, organisatie=organisatie, rol=rol).exists():
        errors["rol"] = _("%(organisatie)s is al %(rol)s in dit traject.") % {
            "organisatie": organisatie.naam,
            "rol": c.PartnerRol(rol).label.lower(),
        }
    if errors:
        raise ValidationError(errors)
    return TrajectPartner.objects.create(
        traject=traject, organisatie=organisatie, rol=rol, contactpersoon=contactpersoon
    )


@transaction.atomic
def traject_partner_remove(*, acting_user, partner: TrajectPartner) -> None:
    _directed_traject(acting_user, partner.traject_id)
    TrajectPartner.objects.filter(pk=partner.pk).delete()


def _fase_errors(traject: Traject, soort: str, start: date, eind: date, fase_pk: int | None) -> dict[str, str]:
    errors = {}
    if soort not in c.FaseSoort.values:
        errors["soort"] = _("Kies een fase.")
    elif traject.fases.filter(soort=soort).exclude(pk=fase_pk).exists():
        errors["soort"] = _("De fase %(fase)s staat al in de planning. Wijzig de bestaande fase.") % {
            "fase": c.FaseSoort(soort).label.lower()
        }
    if start and eind and eind < start:
        errors["eind"] = _("Het einde ligt vóór de start.")
    return errors


@transaction.atomic
def traject_fase_create(*, acting_user, traject: Traject, soort: str, start: date, eind: date) -> TrajectFase:
    """Plan a phase of the trajectory; each kind of phase appears once in the planning."""
    traject = _directed_traject(acting_user, traject.pk)
    errors = _fase_errors(traject, soort, start, eind, None)
    if errors:
        raise ValidationError(errors)
    traject_gewijzigd(traject.pk)
    return TrajectFase.objects.create(traject=traject, soort=soort, start=start, eind=eind)


@transaction.atomic
def traject_fase_update(*, acting_user, fase: TrajectFase, soort: str, start: date, eind: date) -> TrajectFase:
    traject = _directed_traject(acting_user, fase.traject_id)
    fase = TrajectFase.objects.select_for_update().get(pk=fase.pk, traject=traject)
    errors = _fase_errors(traject, soort, start, eind, fase.pk)
    if errors:
        raise ValidationError(errors)
    fase.soort, fase.start, fase.eind = soort, start, eind
    fase.save(update_fields=["soort", "start", "eind"])
    traject_gewijzigd(traject.pk)
    return fase


@transaction.atomic
def traject_fase_delete(*, acting_user, fase: TrajectFase) -> None:
    _directed_traject(acting_user, fase.traject_id)
    TrajectFase.objects.filter(pk=fase.pk).delete()
    traject_gewijzigd(fase.traject_id)
