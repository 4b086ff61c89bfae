"""Writes of contact moments (talks about a participation) and their follow-up actions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.selectors import is_klantmanager_of
from leerwerk.events import traject_gewijzigd
from leerwerk.models import Rol
from trajecten.models import Contactmoment, Deelname, Vervolgactie
from trajecten.selectors import betrokkenen_van, deelnames_visible_to, trajecten_directed_by

# --- Contactmomenten ------------------------------------------------------------------------


def _is_regisseur_of(acting_user, deelname_pk: int) -> bool:
    """Whether the user directs the participation's trajectory and reads its person (as on the board)."""
    return deelnames_visible_to(acting_user, Rol.REGISSEUR).filter(pk=deelname_pk).exists()


def _pk(value):
    return getattr(value, "pk", value)


@transaction.atomic
def contactmoment_create(
    *,
    acting_user,
    deelname: Deelname,
    soort: str,
    datum: date,
    samenvatting: str = "",
    aanwezigen=(),
    overige_aanwezigen: str = "",
    acties=(),
) -> Contactmoment:
    """Record a talk with its follow-up actions (each a dict: omschrijving, eigenaar, deadline).

    Written by the regisseur of the trajectory or by the candidate's own klantmanager. Who
    attended and who owns an action are people involved (betrokkenen_van): the regie
    organisation, the trajectory's partners and the candidate's gemeente."""
    deelname = Deelname.objects.select_related("traject", "deelnemer").filter(pk=deelname.pk).first()
    if deelname is None or not (
        _is_regisseur_of(acting_user, deelname.pk) or is_klantmanager_of(acting_user, deelname.deelnemer)
    ):
        raise PermissionDenied
    return contactmoment_write(
        acting_user=acting_user,
        deelname=deelname,
        soort=soort,
        datum=datum,
        samenvatting=samenvatting,
        aanwezigen=aanwezigen,
        overige_aanwezigen=overige_aanwezigen,
        acties=acties,
    )


def contactmoment_write(
    *, acting_user, deelname: Deelname, soort, datum, samenvatting, aanwezigen, overige_aanwezigen, acties
) -> Contactmoment:
    """The write itself, for a caller that checked who may write: contactmoment_create above,
    and begeleiding.services for a participant's jobcoach (in the caller's transaction)."""
    aanwezigen, acties = list(aanwezigen), [dict(actie) for actie in acties]
    betrokken = set(betrokkenen_van(deelname.traject, deelname.deelnemer).values_list("pk", flat=True))
    errors = {}
    if any(_pk(a) not in betrokken for a in aanwezigen):
        errors["aanwezigen"] = _(
            "Kies als aanwezigen alleen medewerkers van de regie, de trajectpartners of de gemeente van de deelnemer."
        )
    eigenaren = [_pk(a.get("eigenaar", a.get("eigenaar_id"))) for a in acties]
    if any(e is not None and e not in betrokken for e in eigenaren):
        errors["acties"] = _(
            "De eigenaar van een actie is een medewerker van de regie, een trajectpartner of de gemeente "
            "van de deelnemer."
        )
    if errors:
        raise ValidationError(errors)
    moment = Contactmoment(
        deelname=deelname,
        soort=soort,
        datum=datum,
        samenvatting=samenvatting,
        overige_aanwezigen=overige_aanwezigen,
        vastgelegd_door=acting_user,
    )
    moment.full_clean()
    moment.save()
    moment.aanwezigen.set(aanwezigen)
    for actie in acties:
        item = Vervolgactie(contactmoment=moment, **actie)
        item.full_clean()
        item.save()
    traject_gewijzigd(deelname.traject_id)
    return moment


@transaction.atomic
def vervolgactie_complete(*, acting_user, actie: Vervolgactie, op: date | None = None) -> Vervolgactie:
    """Mark a follow-up action done: by its owner, or by the regisseur of the trajectory."""
    locked = (
        Vervolgactie.objects.select_for_update(of=("self",))
        .select_related("contactmoment__deelname", "overleg")
        .filter(pk=actie.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    is_owner = acting_user.is_authenticated and acting_user.is_active and locked.eigenaar_id == acting_user.pk
    if locked.overleg_id:
        traject_id = locked.overleg.traject_id
        is_regie = trajecten_directed_by(acting_user).filter(pk=traject_id).exists()
    else:
        traject_id = locked.contactmoment.deelname.traject_id
        is_regie = _is_regisseur_of(acting_user, locked.contactmoment.deelname_id)
    if not is_owner and not is_regie:
        raise PermissionDenied
    if locked.afgerond_op:
        raise ValidationError({"afgerond_op": _("Deze actie was al afgerond.")})
    locked.afgerond_op = op or timezone.localdate()
    locked.full_clean()
    locked.save(update_fields=["afgerond_op"])
    traject_gewijzigd(traject_id)
    return locked
