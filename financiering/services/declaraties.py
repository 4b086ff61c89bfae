"""Claim statements (declaraties, issue 13 item 8): the payee gathers its open claim lines for one
payer and a period, submits them; the payer approves or refuses (with a reason) and marks the
statement paid, which settles its lines. A refused statement's lines can be claimed again.

Who may write: a financier of the payee (make, submit), a financier of the payer (approve,
refuse, paid). Every refusal is a ValidationError with Dutch messages per field."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from financiering import constants as c
from financiering.models import Claimregel, Declaratie
from leerwerk.models import Organisatie, Rol


def _require_financier_van(user, organisatie_id: int) -> None:
    if not user.has_rol(Rol.FINANCIER) or user.organisatie_id != organisatie_id:
        raise PermissionDenied


def declareerbaar(ontvanger_id: int, betaler_id: int, van: dt.date, tot: dt.date):
    """The open claim lines (results and credits) of this payee on this payer in the period that
    no standing statement holds (a refused statement's lines may be claimed again)."""
    return Claimregel.objects.filter(
        Q(declaratie__isnull=True) | Q(declaratie__status=c.DeclaratieStatus.AFGEWEZEN),
        afspraak__ontvanger_id=ontvanger_id,
        betaler_id=betaler_id,
        status=c.ClaimStatus.OPEN,
        resultaat_op__range=(van, tot),
    )


@transaction.atomic
def declaratie_create(*, acting_user, betaler: Organisatie, periode_van: dt.date, periode_tot: dt.date) -> Declaratie:
    """A concept statement of the acting financier's organisation on `betaler`, with every open
    claim line of the period."""
    _require_financier_van(acting_user, acting_user.organisatie_id)
    if periode_tot < periode_van:
        raise ValidationError({"periode_tot": _("De periode eindigt niet vóór haar begin.")})
    regels = list(
        declareerbaar(acting_user.organisatie_id, betaler.pk, periode_van, periode_tot).select_for_update(of=("self",))
    )
    if not regels:
        raise ValidationError(
            {
                "betaler": _("Er zijn in deze periode geen resultaten te declareren bij %(betaler)s.")
                % {"betaler": betaler}
            }
        )
    declaratie = Declaratie.objects.create(
        ontvanger_id=acting_user.organisatie_id, betaler=betaler, periode_van=periode_van, periode_tot=periode_tot,
        gemaakt_door=acting_user,
    )  # fmt: skip
    Claimregel.objects.filter(pk__in=[r.pk for r in regels]).update(declaratie=declaratie, gewijzigd_op=timezone.now())
    return declaratie


def _lock(declaratie: Declaratie, status: str) -> Declaratie:
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if declaratie.status != status:
        raise ValidationError(
            {"status": _("Deze declaratie is %(status)s.") % {"status": declaratie.get_status_display().lower()}}
        )
    return declaratie


@transaction.atomic
def declaratie_submit(*, acting_user, declaratie: Declaratie) -> Declaratie:
    """Submit to the payer; the PDF is rendered after the commit (financiering.tasks)."""
    _require_financier_van(acting_user, declaratie.ontvanger_id)
    declaratie = _lock(declaratie, c.DeclaratieStatus.CONCEPT)
    declaratie.status, declaratie.ingediend_op = c.DeclaratieStatus.INGEDIEND, timezone.now()
    declaratie.pdf_status = c.PdfStatus.BEZIG
    declaratie.save(update_fields=["status", "ingediend_op", "pdf_status"])
    from financiering.tasks import declaratie_pdf  # tasks import the services' module

    pk = declaratie.pk
    transaction.on_commit(lambda: declaratie_pdf.delay(pk), robust=True)
    return declaratie


def _beoordeel(acting_user, declaratie: Declaratie, status: str, reden: str = "") -> Declaratie:
    _require_financier_van(acting_user, declaratie.betaler_id)
    declaratie = _lock(declaratie, c.DeclaratieStatus.INGEDIEND)
    if declaratie.gemaakt_door_id == acting_user.pk:
        raise ValidationError({"status": _("Wie de declaratie maakte, beoordeelt haar niet: vier ogen.")})
    declaratie.status, declaratie.reden = status, reden
    declaratie.beoordeeld_door, declaratie.beoordeeld_op = acting_user, timezone.now()
    declaratie.save(update_fields=["status", "reden", "beoordeeld_door", "beoordeeld_op"])
    return declaratie


@transaction.atomic
def declaratie_approve(*, acting_user, declaratie: Declaratie) -> Declaratie:
    return _beoordeel(acting_user, declaratie, c.DeclaratieStatus.GOEDGEKEURD)


@transaction.atomic
def declaratie_refuse(*, acting_user, declaratie: Declaratie, reden: str) -> Declaratie:
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de afwijzing.")})
    return _beoordeel(acting_user, declaratie, c.DeclaratieStatus.AFGEWEZEN, reden.strip())


@transaction.atomic
def declaratie_mark_paid(*, acting_user, declaratie: Declaratie, op: dt.date | None = None) -> Declaratie:
    """The payer paid: the statement and its lines are settled."""
    _require_financier_van(acting_user, declaratie.betaler_id)
    declaratie = _lock(declaratie, c.DeclaratieStatus.GOEDGEKEURD)
    op = op or timezone.localdate()
    if op > timezone.localdate():
        raise ValidationError({"betaald_op": _("Betaald kan niet in de toekomst liggen.")})
    declaratie.status, declaratie.betaald_op = c.DeclaratieStatus.BETAALD, op
    declaratie.save(update_fields=["status", "betaald_op"])
    declaratie.regels.filter(status=c.ClaimStatus.OPEN).update(
        status=c.ClaimStatus.BETAALD, gewijzigd_op=timezone.now()
    )
    return declaratie
