"""Writes of the trajectory's script (draaiboek, issue 15): seeding it from the national default,
the regisseur's changes, and a task marked done by its owner organisation or the regisseur."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from regie import draaiboek
from regie.constants import Eigenaarrol
from regie.models import Draaiboektaak
from regie.selectors import trajecten_als_partij
from trajecten.models import Traject
from trajecten.selectors import trajecten_directed_by

_VELDEN = ("fase_soort", "eigenaarrol", "eigenaar", "omschrijving", "ankerpunt", "dagen")


def _regie(acting_user, traject_pk: int) -> Traject:
    traject = trajecten_directed_by(acting_user).select_for_update(of=("self",)).filter(pk=traject_pk).first()
    if traject is None:
        raise PermissionDenied
    return traject


def eigenaren(traject: Traject) -> dict[str, int | None]:
    """Per role of the script, the organisation that holds it in this trajectory: the regie
    organisation for the regisseur, the first gemeente for the klantmanager (the regie's own
    when it is a gemeente and no other is named), the first partner in that role otherwise."""
    uit: dict[str, int | None] = dict.fromkeys(Eigenaarrol.values)
    uit[Eigenaarrol.REGISSEUR] = traject.regie_organisatie_id
    # The klantmanager's tasks go to a gemeente that is a party: the regie's own, else one that
    # is a partner (a gemeente that is neither reads no script and would miss its signal).
    partijen = toegestane_eigenaren(traject)
    gemeenten = list(traject.gemeenten.order_by("naam", "id").values_list("id", flat=True))
    uit[Eigenaarrol.KLANTMANAGER] = next((g for g in gemeenten if g in partijen), None)
    for rol, org in traject.partners.order_by("organisatie__naam", "id").values_list("rol", "organisatie_id"):
        if uit.get(rol) is None:
            uit[rol] = org
    return uit


def toegestane_eigenaren(traject: Traject) -> set[int]:
    """The organisations that may own a task: the trajectory's parties (its regie organisation
    and its partners), who read the script and see their tasks on their start page."""
    return {traject.regie_organisatie_id} | set(traject.partners.values_list("organisatie_id", flat=True))


@transaction.atomic
def draaiboek_vullen(*, acting_user, traject: Traject) -> int:
    """Add the national default's tasks of the phases the trajectory plans, each owned by the
    organisation that holds its role. A task already taken from the template is left as the
    trajectory adapted it (or deleted it: see `sjabloon`), so running this twice adds nothing.
    Returns the number of tasks added."""
    traject = _regie(acting_user, traject.pk)
    fases = set(traject.fases.values_list("soort", flat=True))
    if not fases:
        raise ValidationError(_("Plan eerst de fasen van het traject: de taken volgen hun data."))
    al = set(traject.draaiboektaken.exclude(sjabloon="").values_list("sjabloon", flat=True))
    wie = eigenaren(traject)
    nieuw = [
        Draaiboektaak(
            traject=traject,
            fase_soort=t.fase,
            eigenaarrol=t.rol,
            eigenaar_id=wie.get(t.rol),
            omschrijving=t.omschrijving,
            ankerpunt=t.ankerpunt,
            dagen=t.dagen,
            sjabloon=t.sleutel,
        )  # fmt: skip
        for t in draaiboek.voor_fases(fases)
        if t.sleutel not in al
    ]
    Draaiboektaak.objects.bulk_create(nieuw)
    traject_gewijzigd(traject.pk)
    return len(nieuw)


def _check(traject: Traject, taak: Draaiboektaak) -> None:
    errors = {}
    try:
        taak.full_clean(exclude=["traject", "afgerond_door"])
    except ValidationError as e:
        errors = dict(e.message_dict)
    if taak.eigenaar_id is not None and taak.eigenaar_id not in toegestane_eigenaren(traject):
        errors["eigenaar"] = [_("Kies als eigenaar een partij van het traject.")]
    if taak.fase_soort and not traject.fases.filter(soort=taak.fase_soort).exists():
        errors["fase_soort"] = [_("Deze fase staat niet in de planning van het traject.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def taak_toevoegen(*, acting_user, traject: Traject, **velden) -> Draaiboektaak:
    traject = _regie(acting_user, traject.pk)
    taak = Draaiboektaak(traject=traject, **{k: velden[k] for k in _VELDEN if k in velden})
    _check(traject, taak)
    taak.save()
    traject_gewijzigd(traject.pk)
    return taak


@transaction.atomic
def taak_wijzigen(*, acting_user, taak: Draaiboektaak, **velden) -> Draaiboektaak:
    traject = _regie(acting_user, taak.traject_id)
    taak = Draaiboektaak.objects.select_for_update().get(pk=taak.pk)
    for k in _VELDEN:
        if k in velden:
            setattr(taak, k, velden[k])
    _check(traject, taak)
    taak.save()
    traject_gewijzigd(traject.pk)
    return taak


@transaction.atomic
def taak_verwijderen(*, acting_user, taak: Draaiboektaak) -> None:
    traject = _regie(acting_user, taak.traject_id)
    Draaiboektaak.objects.filter(pk=taak.pk, traject=traject).delete()
    traject_gewijzigd(traject.pk)


@transaction.atomic
def taak_afronden(*, acting_user, taak: Draaiboektaak, afgerond: bool = True) -> Draaiboektaak:
    """Mark a task done (or open again): by a user of the organisation that owns it, or by the
    regisseur of the trajectory."""
    locked = Draaiboektaak.objects.select_for_update(of=("self",)).filter(pk=taak.pk).first()
    if locked is None:
        raise PermissionDenied
    eigen = (
        locked.eigenaar_id is not None
        and locked.eigenaar_id == acting_user.organisatie_id
        and trajecten_als_partij(acting_user).filter(pk=locked.traject_id).exists()
    )
    if not eigen and not trajecten_directed_by(acting_user).filter(pk=locked.traject_id).exists():
        raise PermissionDenied
    if afgerond and locked.afgerond_op:
        raise ValidationError(_("Deze taak was al afgerond."))
    if not afgerond and not locked.afgerond_op:
        raise ValidationError(_("Deze taak staat al open."))
    locked.afgerond_op = timezone.localdate() if afgerond else None
    locked.afgerond_door = acting_user if afgerond else None
    locked.save(update_fields=["afgerond_op", "afgerond_door"])
    traject_gewijzigd(locked.traject_id)
    return locked
