"""Writes of the trajectory's meetings and their feedback series (issue 15). Only the regisseur
of the organisation that directs the trajectory writes them; attendees and owners of follow-up
actions are people of the trajectory's parties (its regie organisation and partners)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from regie.models import FeedbackReeks, Overleg
from trajecten.models import Traject, Vervolgactie
from trajecten.selectors import betrokkenen_van, trajecten_directed_by

_VELDEN = ("soort", "datum", "begintijd", "eindtijd", "locatie", "agenda")
VERPLAATST_DAGEN = 7  # a feedback moment moved at most this far still counts for its date in the series


def _pk(value):
    return getattr(value, "pk", value)


def _regie(acting_user, traject_pk: int) -> Traject:
    """The trajectory, locked, when the user directs it; PermissionDenied otherwise."""
    traject = trajecten_directed_by(acting_user).select_for_update(of=("self",)).filter(pk=traject_pk).first()
    if traject is None:
        raise PermissionDenied
    return traject


def _personen_check(traject: Traject, aanwezigen, acties) -> dict:
    betrokken = set(betrokkenen_van(traject).values_list("pk", flat=True))
    errors = {}
    if any(_pk(a) not in betrokken for a in aanwezigen):
        errors["aanwezigen"] = _("Kies als aanwezigen alleen medewerkers van de regie of van de trajectpartners.")
    if any(_pk(a.get("eigenaar")) not in betrokken for a in acties):
        errors["acties"] = _("De eigenaar van een actie is een medewerker van de regie of van een trajectpartner.")
    return errors


@transaction.atomic
def overleg_plannen(*, acting_user, traject: Traject, aanwezigen=(), **velden) -> Overleg:
    """Plan a meeting (kick-off, feedback moment, interim or final evaluation)."""
    traject = _regie(acting_user, traject.pk)
    aanwezigen = list(aanwezigen)
    errors = _personen_check(traject, aanwezigen, [])
    b = Overleg(traject=traject, aangemaakt_door=acting_user, **{k: velden[k] for k in _VELDEN if k in velden})
    try:
        b.full_clean(exclude=["aangemaakt_door"])
    except ValidationError as e:
        errors = {**e.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    b.save()
    b.aanwezigen.set(aanwezigen)
    traject_gewijzigd(traject.pk)
    return b


@transaction.atomic
def overleg_wijzigen(*, acting_user, overleg: Overleg, aanwezigen=None, **velden) -> Overleg:
    traject = _regie(acting_user, overleg.traject_id)
    b = Overleg.objects.select_for_update().get(pk=overleg.pk)
    if b.heeft_notulen:
        raise ValidationError(_("Een overleg met notulen ligt vast: het verslag hoort bij deze datum en tijd."))
    errors = _personen_check(traject, aanwezigen or [], [])
    oude_datum = b.datum
    for k in _VELDEN:
        if k in velden:
            setattr(b, k, velden[k])
    if b.reeks_id and b.datum != oude_datum:
        b.reeks = None  # moved off the series' rhythm: a change of the series leaves it alone
    try:
        b.full_clean(exclude=["aangemaakt_door"])
    except ValidationError as e:
        errors = {**e.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    b.save()
    if aanwezigen is not None:
        b.aanwezigen.set(aanwezigen)
    traject_gewijzigd(traject.pk)
    return b


@transaction.atomic
def overleg_verwijderen(*, acting_user, overleg: Overleg) -> None:
    """Cancel a meeting that has no minutes yet (minutes are kept: they are the record)."""
    traject = _regie(acting_user, overleg.traject_id)
    b = Overleg.objects.select_for_update().filter(pk=overleg.pk, traject=traject).first()
    if b is None:
        raise PermissionDenied
    if b.heeft_notulen or b.acties.exists():
        raise ValidationError(_("Een overleg met notulen of acties blijft bewaard."))
    b.delete()
    traject_gewijzigd(traject.pk)


@transaction.atomic
def notulen_vastleggen(
    *, acting_user, overleg: Overleg, notulen: str, besluiten: str = "", aanwezigen=None, acties=()
) -> Overleg:
    """Record the minutes and decisions of a meeting that took place, with follow-up actions
    (each a dict: omschrijving, eigenaar, deadline), which the existing signals watch."""
    traject = _regie(acting_user, overleg.traject_id)
    b = Overleg.objects.select_for_update().get(pk=overleg.pk)
    acties = [dict(a) for a in acties]
    errors = _personen_check(traject, aanwezigen or [], acties)
    if b.datum > timezone.localdate():
        errors["notulen"] = _("Notulen legt u vast na het overleg (dat is op %(datum)s).") % {
            "datum": f"{b.datum:%d-%m-%Y}"
        }
    elif not notulen.strip():
        errors["notulen"] = _("Vul de notulen in.")
    if errors:
        raise ValidationError(errors)
    b.notulen, b.besluiten = notulen.strip(), besluiten.strip()
    if b.notulen_op is None:
        b.notulen_op, b.notulen_door = timezone.now(), acting_user
    b.save(update_fields=["notulen", "besluiten", "notulen_op", "notulen_door"])
    if aanwezigen is not None:
        b.aanwezigen.set(aanwezigen)
    for actie in acties:  # an owner as a user or as a user's id
        eigenaar = actie.pop("eigenaar", None)
        item = Vervolgactie(overleg=b, eigenaar_id=_pk(eigenaar), **actie)
        item.full_clean()
        item.save()
    traject_gewijzigd(traject.pk)
    return b


@transaction.atomic
def feedbackreeks_vastleggen(
    *, acting_user, traject: Traject, aanwezigen=None, ook_verleden: bool = False, **velden
) -> FeedbackReeks:
    """Set the trajectory's series of feedback moments and bring its meetings in line: a date
    of the series from today on without a meeting gets one; a meeting of the series still to
    come, without minutes, on a date no longer in the series, is cancelled. Meetings that took
    place stay, and no meeting is made in the past (unless `ook_verleden`: recording a series
    that already ran, as the demo does)."""
    traject = _regie(acting_user, traject.pk)
    reeks = FeedbackReeks.objects.filter(traject=traject).first() or FeedbackReeks(traject=traject)
    for k in ("interval_weken", "vanaf", "tot", "begintijd", "eindtijd", "locatie"):
        if k in velden:
            setattr(reeks, k, velden[k])
    errors = {}
    try:
        reeks.full_clean(exclude=["traject"])
    except ValidationError as e:
        errors = dict(e.message_dict)
    if not errors and reeks.eindtijd <= reeks.begintijd:
        errors["eindtijd"] = [_("De eindtijd ligt na de begintijd.")]
    if not errors and len(reeks.data()) > 60:
        errors["interval_weken"] = [_("Zo worden het meer dan 60 feedbackmomenten: kies een groter interval.")]
    aanwezigen = list(aanwezigen) if aanwezigen is not None else _standaard_aanwezigen(traject)
    errors.update(_personen_check(traject, aanwezigen, []))
    if errors:
        raise ValidationError(errors)
    reeks.save()
    vandaag = timezone.localdate()
    data = set(reeks.data())
    bestaand = {b.datum: b for b in reeks.overleggen.select_for_update()}
    for datum, b in bestaand.items():
        if datum not in data and datum >= vandaag and not b.heeft_notulen and not b.acties.exists():
            b.delete()
    # A feedback moment the regisseur moved a few days stands in for the series' date.
    los = list(traject.overleggen.filter(soort="feedback", reeks__isnull=True).values_list("datum", flat=True))
    for datum in sorted(d for d in data - set(bestaand) if ook_verleden or d >= vandaag):
        if any(abs((datum - d).days) <= VERPLAATST_DAGEN for d in los):
            continue
        b = Overleg.objects.create(
            traject=traject, soort="feedback", datum=datum, begintijd=reeks.begintijd, eindtijd=reeks.eindtijd,
            locatie=reeks.locatie, reeks=reeks, aangemaakt_door=acting_user,
        )  # fmt: skip
        b.aanwezigen.set(aanwezigen)
    for datum, b in bestaand.items():  # the series' time and place for the ones still to come
        if datum in data and datum >= vandaag and not b.heeft_notulen:
            b.begintijd, b.eindtijd, b.locatie = reeks.begintijd, reeks.eindtijd, reeks.locatie
            b.save(update_fields=["begintijd", "eindtijd", "locatie"])
    traject_gewijzigd(traject.pk)
    return reeks


def _standaard_aanwezigen(traject: Traject) -> list[int]:
    """The regisseur and each partner's contact person, those of them still involved and active."""
    ids = {traject.regisseur_id} | set(traject.partners.values_list("contactpersoon_id", flat=True))
    betrokken = set(betrokkenen_van(traject).values_list("pk", flat=True))
    return [i for i in ids if i in betrokken]


def standaard_reeks(traject: Traject) -> dict:
    """A proposal for the series: every four weeks from the first phase's start to the last
    phase's end (or a year from today without phases)."""
    fases = list(traject.fases.all())
    vanaf = min((f.start for f in fases), default=timezone.localdate())
    tot = max((f.eind for f in fases), default=vanaf + dt.timedelta(days=365))
    return {"interval_weken": 4, "vanaf": vanaf + dt.timedelta(weeks=4), "tot": tot}
