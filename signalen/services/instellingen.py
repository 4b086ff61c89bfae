"""Writes of a user's signal settings: kinds kept out of the daily e-mail, and the calendar link."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signalen import agenda
from signalen import constants as c
from signalen.models import SignaalInstelling


def _instelling(acting_user) -> SignaalInstelling:
    if not acting_user.is_authenticated or not acting_user.is_active:
        raise PermissionDenied
    instelling, _created = SignaalInstelling.objects.select_for_update().get_or_create(user=acting_user)
    return instelling


@transaction.atomic
def instelling_email_set(*, acting_user, geen_email: list[str]) -> SignaalInstelling:
    """Keep these kinds of signal out of the user's daily e-mail (they stay on the list and in the feed)."""
    onbekend = [r for r in geen_email if r not in c.Regel.values]
    if onbekend:
        raise ValidationError({"geen_email": _("Kies alleen soorten signalen uit de lijst.")})
    instelling = _instelling(acting_user)
    instelling.geen_email = [r for r in c.Regel.values if r in set(geen_email)]  # stable order, no duplicates
    instelling.save(update_fields=["geen_email"])
    return instelling


@transaction.atomic
def agenda_link_create(*, acting_user) -> str:
    """A new secret calendar link; returns the token, which is stored only as a fingerprint
    and cannot be shown again. Any earlier link stops working."""
    token = agenda.nieuw_token()
    instelling = _instelling(acting_user)
    instelling.agenda_token_hash = agenda.token_hash(token)
    instelling.agenda_aangemaakt_op = timezone.now()
    instelling.save(update_fields=["agenda_token_hash", "agenda_aangemaakt_op"])
    return token


@transaction.atomic
def agenda_link_revoke(*, acting_user) -> SignaalInstelling:
    """The calendar link stops working."""
    instelling = _instelling(acting_user)
    instelling.agenda_token_hash = ""
    instelling.agenda_aangemaakt_op = None
    instelling.save(update_fields=["agenda_token_hash", "agenda_aangemaakt_op"])
    return instelling
