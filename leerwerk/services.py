"""Writes of the core app."""

from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.models import Heartbeat, Organisatie, Rol, User
from leerwerk.uitnodiging import uitnodiging_versturen


def heartbeat_record(*, name: str) -> Heartbeat:
    heartbeat, _created = Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": timezone.now()})
    return heartbeat


def _check_beheerder(acting_user: User) -> None:
    if not (acting_user.is_active and (acting_user.is_superuser or acting_user.has_rol(Rol.BEHEERDER))):
        raise PermissionDenied


def user_invite(
    *,
    acting_user: User,
    email: str,
    naam: str = "",
    organisatie: Organisatie | None = None,
    rollen: Iterable[str] = (),
) -> User:
    """Create a user without a password and e-mail them a link to set one (after commit)."""
    _check_beheerder(acting_user)
    email = User.objects.normalize_email(email or "").strip().lower()
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Er is al een gebruiker met dit e-mailadres.")})
    user = User(email=email, naam=naam, organisatie=organisatie, rollen=list(rollen))
    user.set_unusable_password()
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # the same address saved at the same moment, past the check above
        raise ValidationError({"email": _("Er is al een gebruiker met dit e-mailadres.")}) from exc
    transaction.on_commit(partial(uitnodiging_versturen, user.pk), robust=True)
    return user


def user_invite_resend(*, acting_user: User, user: User) -> None:
    """Send a new invitation to a user who has not set a password yet. Renewing the unusable
    password makes the links of earlier invitations invalid: only the newest one works."""
    _check_beheerder(acting_user)
    if not user.is_active:
        raise ValidationError(_("%(email)s is niet actief; zet het account eerst op actief.") % {"email": user.email})
    if user.has_usable_password():
        raise ValidationError(
            _("%(email)s heeft al een wachtwoord ingesteld; een uitnodiging is niet meer nodig.")
            % {"email": user.email}
        )
    with transaction.atomic():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        transaction.on_commit(partial(uitnodiging_versturen, user.pk), robust=True)
