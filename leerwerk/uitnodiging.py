"""Invitations: a new user sets their own password through a link in an e-mail.

Built on Django's password-reset tokens, so no token table is needed: a token hashes the
user's id, password hash, last login and the time it was made. Setting a password (or a new
invitation, which renews the unusable password) makes older links invalid, and a link expires
after settings.PASSWORD_RESET_TIMEOUT. The generator has its own salt, so a password-reset
link and an invitation link cannot stand in for each other.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerwerk.models import User

logger = logging.getLogger(__name__)


class UitnodigingTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "leerwerk.uitnodiging.UitnodigingTokenGenerator"


uitnodiging_tokens = UitnodigingTokenGenerator()


def uitnodiging_link(user: User) -> str:
    """The absolute set-password link for `user` (settings.SITE_URL before the path)."""
    pad = reverse(
        "uitnodiging",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": uitnodiging_tokens.make_token(user)},
    )
    return settings.SITE_URL.rstrip("/") + pad


def geldigheid() -> str:
    """How long a link stays valid, in words: '3 dagen', '1 dag', '12 uur'."""
    seconden = settings.PASSWORD_RESET_TIMEOUT
    if seconden % 86400 == 0:
        dagen = seconden // 86400
        return ngettext("%(n)s dag", "%(n)s dagen", dagen) % {"n": dagen}
    uren = max(1, round(seconden / 3600))
    return ngettext("%(n)s uur", "%(n)s uur", uren) % {"n": uren}


def uitnodiging_versturen(user_pk: int) -> bool:
    """Send the invitation mail (called after commit). A failed send is logged, not raised:
    the user exists by then, and the beheerder can send the invitation again."""
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    context = {"user": user, "link": uitnodiging_link(user), "geldigheid": geldigheid()}
    message = EmailMessage(
        subject=_("Uitnodiging voor leerwerk"),
        body=render_to_string("registration/uitnodiging_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    try:
        message.send()
    except OSError:  # smtplib.SMTPException is an OSError
        logger.exception("Uitnodiging aan gebruiker %s niet verstuurd", user.pk)
        return False
    return True
