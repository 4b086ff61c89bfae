"""Two-factor authentication (issue 17): what the middleware, the views and the beheer call.

The second factor is django-otp's: an authenticator app (TOTP), a passkey or security key
(django-otp-webauthn) and single-use recovery codes (django-otp's static tokens). A session
has passed the second factor when django-otp has a verified device in it, or when
``markeer_geverifieerd`` said so for a login that proved it elsewhere (single sign-on).

Failed second-factor attempts go to django-axes as failed logins of the same e-mail address,
so they lead to the same lockout as wrong passwords (see tweefactor.axes for why a correct
password no longer wipes them).
"""

from __future__ import annotations

import base64
import re
from xml.etree import ElementTree

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from leerwerk.models import Rol
from tweefactor.constants import (
    AANTAL_HERSTELCODES,
    SESSIE_HEEFT_FACTOR,
    SESSIE_NIEUWE_CODES,
    SESSIE_VIA,
    MfaModus,
)
from tweefactor.models import FactorReset

# Ways of passing the second factor that leave no django-otp device in the session.
ZONDER_APPARAAT = frozenset({"sso"})
_REQUEST_CACHE = "_tweefactor_heeft_factor"


def verplicht() -> bool:
    return settings.LEERWERK_MFA == MfaModus.VERPLICHT


def heeft_factor(user) -> bool:
    """Whether the user has a second factor of their own: an app or a passkey (recovery codes
    are a spare for those, not a factor by themselves)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def heeft_factor_voor(request, user) -> bool:
    """heeft_factor, asked once per request (the login asks it twice: axes and the session)."""
    cached = getattr(request, _REQUEST_CACHE, None) if request is not None else None
    if cached is None or cached[0] != user.pk:
        cached = (user.pk, heeft_factor(user))
        if request is not None:
            setattr(request, _REQUEST_CACHE, cached)
    return cached[1]


def factoren(user) -> dict:
    """The user's factors, for the overview and the verification page: the apps and passkeys,
    and the recovery codes left when there is one of those (two or three queries)."""
    apps = list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))
    passkeys = list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("id"))
    codes = StaticToken.objects.filter(device__user=user, device__confirmed=True).count() if apps or passkeys else 0
    return {"apps": apps, "passkeys": passkeys, "herstelcodes_over": codes}


def is_geverifieerd(request) -> bool:
    """Whether this session has passed the second factor."""
    if request.session.get(SESSIE_VIA) in ZONDER_APPARAAT:
        return True
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def markeer_geverifieerd(request, via: str = "sso", device=None) -> None:
    """Mark the session of ``request.user`` as having passed a second factor.

    The hook for logins that proved a second factor elsewhere: the municipal single sign-on
    calls ``markeer_geverifieerd(request, via="sso")`` after ``django.contrib.auth.login``
    when the identity provider's ``amr`` claim asserts multi-factor authentication (e.g.
    ``mfa``, ``otp``, ``hwk``); without such a claim it does not call it, and the user is
    asked for a second factor of their own as after a password login.

    Our own views pass the django-otp ``device`` that was used (app, passkey or recovery code).
    The session key is rotated (a session that gains rights gets a new id), and the failed
    attempts django-axes counted for the user are cleared: this is the successful login.
    """
    if device is not None:
        otp_login(request, device)
    elif via not in ZONDER_APPARAAT:
        raise ValueError(f"Een tweede factor via {via!r} hoort een apparaat te hebben.")
    request.session[SESSIE_VIA] = via
    if device is not None:
        request.session[SESSIE_HEEFT_FACTOR] = True
    request.session.cycle_key()
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, {"username": request.user.get_username()})


# --- Lockout (django-axes) ---------------------------------------------------------------


def is_geblokkeerd(request, user) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": user.get_username()})


def poging_mislukt(request, user) -> bool:
    """Count a failed second-factor attempt as a failed login of the user's e-mail address.
    True when the user is now locked out."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    return bool(getattr(request, "axes_locked_out", False)) or is_geblokkeerd(request, user)


# --- Verifying a code --------------------------------------------------------------------


def _normaliseer(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def code_controleren(*, user, code: str):
    """The device that accepts ``code``: a six-digit code of one of the user's apps, or one of
    their recovery codes (which is then used up). None when none does."""
    code = _normaliseer(code)
    if not code:
        return None
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


# --- Enrolment ---------------------------------------------------------------------------


def totp_apparaat(user) -> TOTPDevice:
    """The app being enrolled: the user's unconfirmed TOTP device, made when there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)
    return device


def totp_geheim(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    geheim = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code: inline SVG, made here (no external service)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    svg = image.get_image()
    svg.set("width", "200")
    svg.set("height", "200")
    svg.set("role", "img")
    svg.set("aria-label", _("QR-code om te scannen met uw authenticator-app"))
    svg.set("class", "tweefactor-qr")
    return ElementTree.tostring(svg, encoding="unicode")


def totp_bevestigen(*, request, device: TOTPDevice, code: str) -> bool:
    """Confirm the app being enrolled with a code from it. The session then counts as
    verified and, for a first factor, the recovery codes are made (shown once)."""
    code = _normaliseer(code)
    if device.confirmed or device.user_id != request.user.pk or not code.isdigit():
        return False
    with transaction.atomic():
        if verify_token(request.user, device.persistent_id, code) is None:
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    na_inschrijving(request, device, via="totp")
    return True


def na_inschrijving(request, device, *, via: str) -> None:
    """After a new factor: the session is verified with it, and a user without recovery codes
    gets them (kept in the session until the page that shows them once)."""
    if not is_geverifieerd(request):
        markeer_geverifieerd(request, via=via, device=device)
    request.session[SESSIE_HEEFT_FACTOR] = True
    if not StaticDevice.objects.filter(user=request.user, confirmed=True).exists():
        request.session[SESSIE_NIEUWE_CODES] = herstelcodes_maken(request.user)


def herstelcodes_maken(user) -> list[str]:
    """New recovery codes for the user; earlier ones stop working. Each works once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=_("Herstelcodes"), confirmed=True)
        codes = [StaticToken.random_token() for _n in range(AANTAL_HERSTELCODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


# --- The beheerder's reset ---------------------------------------------------------------


def mag_resetten(acting_user) -> bool:
    return bool(acting_user.is_active and (acting_user.is_superuser or acting_user.has_rol(Rol.BEHEERDER)))


def factoren_resetten(*, acting_user, user, reden: str) -> FactorReset:
    """Remove every second factor of ``user`` (apps, passkeys, recovery codes), with a reason,
    recorded in FactorReset. Their sessions that passed with one of them no longer count as
    verified; with LEERWERK_MFA=verplicht they enrol again at their next request or login."""
    if not mag_resetten(acting_user):
        raise PermissionDenied
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Vul de reden in waarom de tweestapsverificatie wordt hersteld.")})
    if acting_user.pk == user.pk:
        raise ValidationError(
            {"gebruiker": _("U kunt uw eigen tweestapsverificatie niet herstellen; vraag een andere beheerder.")}
        )
    with transaction.atomic():
        aantal = TOTPDevice.objects.filter(user=user).delete()[1].get(
            TOTPDevice._meta.label, 0
        ) + WebAuthnCredential.objects.filter(user=user).delete()[1].get(WebAuthnCredential._meta.label, 0)
        StaticDevice.objects.filter(user=user).delete()
        return FactorReset.objects.create(
            gebruiker_id=user.pk,
            gebruiker_email=user.email,
            door_id=acting_user.pk,
            door_email=acting_user.email,
            reden=reden,
            aantal_factoren=aantal,
        )
