"""Writes of training: modules, enrolments with attendance, progress and results, certificates.

Who may write:
- a module: the opleider whose organisation trains in the trajectory (the module is then given by
  that organisation), or the regisseur of the trajectory (for any trainer of the trajectory);
- an enrolment: whoever may write the module, for a participation they may see;
- attendance, progress and result: only the organisation that gives the module;
- a certificate: an opleider, for a participant it sees in training.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.models import Deelnemer
from leerwerk.events import traject_gewijzigd
from leerwerk.models import Organisatie, Rol
from opleiders import constants as c
from opleiders.models import Certificaat, Module, ModuleDeelname
from opleiders.selectors import moduledeelnames_for_opleider, modules_provided_by, trajecten_trained_by
from trajecten import constants as tc
from trajecten.models import Deelname, Traject, TrajectPartner
from trajecten.selectors import deelnames_for_opleider, deelnames_visible_to, trajecten_directed_by

MODULE_FIELDS = ("soort", "naam", "start", "eind", "prijs", "prijs_per")
_CLOSED = (tc.TrajectStatus.AFGEROND, tc.TrajectStatus.GESTOPT)


def _trains(user, traject_id: int) -> bool:
    return trajecten_trained_by(user).filter(pk=traject_id).exists()


def _directs(user, traject_id: int) -> bool:
    return trajecten_directed_by(user).filter(pk=traject_id).exists()


def _is_trainer_of(organisatie_id: int, traject_id: int) -> bool:
    return TrajectPartner.objects.filter(
        traject_id=traject_id, organisatie_id=organisatie_id, rol__in=tc.TRAINING_ROLLEN
    ).exists()


def _may_write_module(user, module: Module) -> str | None:
    """The capacity in which `user` may write `module` ("opleider", "regisseur"), or None."""
    if module.aanbieder_id == user.organisatie_id and _trains(user, module.traject_id):
        return Rol.OPLEIDER
    if _directs(user, module.traject_id):
        return Rol.REGISSEUR
    return None


def _check_module(module: Module) -> None:
    errors = {}
    if module.start and module.eind and module.eind < module.start:
        errors["eind"] = _("De einddatum ligt vóór de startdatum.")
    if module.prijs is not None and module.prijs < 0:
        errors["prijs"] = _("De prijs kan niet negatief zijn.")
    if errors:
        raise ValidationError(errors)
    module.full_clean()


def _check_traject_open(traject: Traject) -> None:
    if traject.status in _CLOSED:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Dit traject is %(status)s; er kunnen geen modules meer bij.")
                % {"status": tc.TrajectStatus(traject.status).label.lower()}
            }
        )


# --- Modules ----------------------------------------------------------------------------------


@transaction.atomic
def module_create(
    *,
    acting_user,
    traject: Traject,
    soort: str,
    naam: str,
    start: date,
    eind: date,
    prijs: Decimal | int = 0,
    prijs_per: str = c.PrijsPer.DEELNEMER,
    aanbieder: Organisatie | None = None,
) -> Module:
    """Add a module to a trajectory. An opleider adds its own organisation's modules; the
    regisseur of the trajectory names the trainer (a training partner of the trajectory)."""
    own_org = acting_user.organisatie_id
    if _trains(acting_user, traject.pk) and (aanbieder is None or aanbieder.pk == own_org):
        aanbieder_id = own_org
    elif _directs(acting_user, traject.pk):
        if aanbieder is None:
            raise ValidationError({"aanbieder": _("Kies de opleider die deze module geeft.")})
        if not _is_trainer_of(aanbieder.pk, traject.pk):
            raise ValidationError({"aanbieder": _("Deze organisatie is in dit traject geen (taal)opleider.")})
        aanbieder_id = aanbieder.pk
    else:
        raise PermissionDenied
    traject = Traject.objects.only("id", "status").get(pk=traject.pk)
    _check_traject_open(traject)
    module = Module(
        traject=traject,
        aanbieder_id=aanbieder_id,
        soort=soort,
        naam=(naam or "").strip(),
        start=start,
        eind=eind,
        prijs=prijs,
        prijs_per=prijs_per,
    )
    _check_module(module)
    module.save()
    return module


@transaction.atomic
def module_update(*, acting_user, module: Module, aanbieder: Organisatie | None = None, **fields) -> Module:
    """Change a module's name, kind, period or price. Only the regisseur moves it to another trainer."""
    unknown = set(fields) - set(MODULE_FIELDS)
    if unknown:
        raise TypeError(f"module_update() got unexpected fields: {', '.join(sorted(unknown))}")
    locked = Module.objects.select_for_update().filter(pk=module.pk).first()
    if locked is None:
        raise PermissionDenied
    capacity = _may_write_module(acting_user, locked)
    if capacity is None:
        raise PermissionDenied
    if aanbieder is not None and aanbieder.pk != locked.aanbieder_id:
        if capacity != Rol.REGISSEUR:
            raise PermissionDenied
        if not _is_trainer_of(aanbieder.pk, locked.traject_id):
            raise ValidationError({"aanbieder": _("Deze organisatie is in dit traject geen (taal)opleider.")})
        locked.aanbieder_id = aanbieder.pk
    for name, value in fields.items():
        setattr(locked, name, value.strip() if name == "naam" and isinstance(value, str) else value)
    _check_module(locked)
    locked.save()
    return locked


# --- Enrolments -------------------------------------------------------------------------------


def _deelnames_in_scope(user, capacity: str):
    if capacity == Rol.OPLEIDER:
        return deelnames_for_opleider(user)
    return deelnames_visible_to(user, Rol.REGISSEUR)


@transaction.atomic
def moduledeelname_add(*, acting_user, module: Module, deelname: Deelname) -> ModuleDeelname:
    """Enrol a participant of the module's trajectory in the module."""
    capacity = _may_write_module(acting_user, module)
    if capacity is None:
        raise PermissionDenied
    deelname = _deelnames_in_scope(acting_user, capacity).filter(pk=deelname.pk).first()
    if deelname is None:
        raise PermissionDenied
    if deelname.traject_id != module.traject_id:
        raise ValidationError({"deelname": _("Deze deelnemer doet niet mee aan het traject van deze module.")})
    if not deelname.is_actief:
        raise ValidationError(
            {
                "deelname": _("Deze deelname is afgesloten (%(status)s); inschrijven kan niet meer.")
                % {"status": tc.DeelnameStatus(deelname.status).label.lower()}
            }
        )
    duplicate = ValidationError({"deelname": _("Deze deelnemer volgt deze module al.")})
    if ModuleDeelname.objects.filter(module_id=module.pk, deelname_id=deelname.pk).exists():
        raise duplicate
    item = ModuleDeelname(module_id=module.pk, deelname_id=deelname.pk)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:  # a simultaneous enrolment won the race
        raise duplicate from exc
    if module_heeft_register(module.pk):
        aanwezigheid_derive(module_id=module.pk)
        item.refresh_from_db()
    return item


@transaction.atomic
def moduledeelname_update(
    *,
    acting_user,
    moduledeelname: ModuleDeelname,
    aanwezigheid: int | None,
    voortgang: str,
    resultaat: str = "",
    toelichting: str = "",
) -> ModuleDeelname:
    """Record attendance (%), progress and result: only by the organisation giving the module."""
    locked = (
        moduledeelnames_for_opleider(acting_user)
        .filter(pk=moduledeelname.pk, module__aanbieder_id=acting_user.organisatie_id)
        .select_for_update(of=("self",))
        .first()
    )
    if locked is None:
        raise PermissionDenied
    errors = {}
    if locked.aanwezigheid_uit_register or module_heeft_register(locked.module_id):
        # Derived from the register (services.register): a typed value may only repeat it.
        if aanwezigheid is not None and aanwezigheid != locked.aanwezigheid:
            errors["aanwezigheid"] = _("De aanwezigheid volgt uit de presentielijst van de lesdagen.")
        aanwezigheid = locked.aanwezigheid
    elif aanwezigheid is not None and not (0 <= aanwezigheid <= 100):
        errors["aanwezigheid"] = _("Vul een percentage in van 0 tot en met 100.")
    if voortgang not in c.Voortgang.values:
        errors["voortgang"] = _("Kies de voortgang.")
    resultaat = resultaat or ""
    if resultaat not in c.Resultaat.values:
        errors["resultaat"] = _("Kies een resultaat.")
    elif resultaat and voortgang not in (c.Voortgang.AFGEROND, c.Voortgang.GESTOPT):
        errors["resultaat"] = _("Een resultaat vult u in als de module is afgerond of gestopt.")
    if errors:
        raise ValidationError(errors)
    locked.aanwezigheid = aanwezigheid
    locked.voortgang = voortgang
    locked.resultaat = resultaat
    locked.toelichting = (toelichting or "").strip()
    locked.full_clean()
    locked.save(update_fields=["aanwezigheid", "voortgang", "resultaat", "toelichting"])
    return locked


# --- Certificates -----------------------------------------------------------------------------


@transaction.atomic
def certificaat_create(
    *,
    acting_user,
    deelnemer: Deelnemer,
    soort: str,
    behaald_op: date,
    geldig_tot: date | None = None,
    omschrijving: str = "",
    module: Module | None = None,
) -> Certificaat:
    """Record a certificate a participant in training obtained (VCA: with its expiry date)."""
    if not deelnames_for_opleider(acting_user).filter(deelnemer_id=deelnemer.pk).exists():
        raise PermissionDenied
    errors = {}
    # A trainer records what was earned in its own modules; the page shows exactly those.
    if module is None:
        errors["module"] = _("Kies de module waarin het certificaat is behaald.")
    else:
        if not modules_provided_by(acting_user).filter(pk=module.pk).exists():
            errors["module"] = _("Kies een module die uw organisatie geeft.")
        elif not ModuleDeelname.objects.filter(module_id=module.pk, deelname__deelnemer_id=deelnemer.pk).exists():
            errors["module"] = _("Deze deelnemer volgt deze module niet.")
    if behaald_op and behaald_op > timezone.localdate():
        errors["behaald_op"] = _("De datum van behalen ligt in de toekomst.")
    if soort in c.CERTIFICATEN_MET_VERVALDATUM and not geldig_tot:
        errors["geldig_tot"] = _("Een VCA-certificaat heeft een vervaldatum: vul 'geldig tot' in.")
    elif geldig_tot and behaald_op and geldig_tot <= behaald_op:
        errors["geldig_tot"] = _("De vervaldatum moet na de datum van behalen liggen.")
    if errors:
        raise ValidationError(errors)
    certificaat = Certificaat(
        deelnemer_id=deelnemer.pk,
        soort=soort,
        omschrijving=(omschrijving or "").strip(),
        behaald_op=behaald_op,
        geldig_tot=geldig_tot,
        module_id=module.pk if module is not None else None,
    )
    certificaat.full_clean()
    certificaat.save()
    traject_gewijzigd(deelnemer.deelnames.values_list("traject_id", flat=True))
    return certificaat


from opleiders.services.register import (  # noqa: E402 - the register's writes, re-exported
    aanwezigheid_derive,
    lesdag_add,
    lesdag_delete,
    lesdagen_generate,
    module_heeft_register,
    percentage,
    presentielijst_save,
)

__all__ = [
    "MODULE_FIELDS",
    "aanwezigheid_derive",
    "certificaat_create",
    "lesdag_add",
    "lesdag_delete",
    "lesdagen_generate",
    "module_create",
    "module_heeft_register",
    "module_update",
    "moduledeelname_add",
    "moduledeelname_update",
    "percentage",
    "presentielijst_save",
]
