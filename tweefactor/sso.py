"""Single sign-on for municipal accounts over OpenID Connect (issue 17), on mozilla-django-oidc.

A login through the gemeente's identity provider (the authorization code flow with PKCE and a
nonce) is matched by a verified e-mail address, in the allowed domains, to an existing, active
account that is not a superuser: the provider says who the
person is, the product keeps deciding their organisation and roles, and no account is ever made
from a login alone. An unknown address gets the login page back with a message, as does any
failure at the provider.

The second factor is not asked again when the provider asserts it did one itself, in the ID
token's `amr` claim (RFC 8176): `mfa`, or two or more methods of which one proves possession or
the person (a key, an app code, a smart card, a fingerprint ...). Otherwise the user passes
the product's own second factor after the provider's login, as after a password login
(tweefactor).

mozilla-django-oidc checks the signature, the expiry and the nonce of the ID token but not
whom it was issued by or for; GemeenteAccountBackend checks the issuer (OIDC_OP_ISSUER) and the
audience (our client id) too.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from leerwerk.auth import LeerwerkBackend
from tweefactor.services import markeer_geverifieerd

logger = logging.getLogger(__name__)

# amr values (RFC 8176) that prove something besides a password: a key or a device the person
# holds, an app or SMS code, a smart card, or the person themselves (biometrics).
BEWIJZEN_BEZIT_OF_PERSOON = frozenset(
    {"hwk", "swk", "otp", "sms", "tel", "sc", "pop", "fpt", "face", "iris", "retina", "vbm", "bio"}
)


def amr_bewijst_tweede_factor(amr) -> bool:
    """Whether the provider's `amr` claim says the login used more than one factor."""
    methoden = {m for m in (amr if isinstance(amr, list | tuple) else [amr]) if isinstance(m, str)}
    return "mfa" in methoden or (len(methoden) >= 2 and bool(methoden & BEWIJZEN_BEZIT_OF_PERSOON))


class GemeenteAccountBackend(OIDCAuthenticationBackend):
    """An existing active account with the provider's (verified) e-mail address; nothing else."""

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        aud = payload.get("aud")
        doelen = [aud] if isinstance(aud, str) else list(aud or [])
        if payload.get("iss") != settings.OIDC_OP_ISSUER or self.OIDC_RP_CLIENT_ID not in doelen:
            raise SuspiciousOperation("Het ID-token is niet door onze identiteitsprovider voor leerwerk uitgegeven.")
        return payload

    def filter_users_by_claims(self, claims):
        """An active account with the provider's e-mail address, only when the provider vouches
        for that address: `email_verified` true, or no such claim from a provider the settings
        trust for it (LEERWERK_SSO_EMAIL_VERTROUWD, e.g. Entra ID, which sends none); and only in the
        domains the gemeente allows (LEERWERK_SSO_DOMEINEN). Never a superuser: the admin of the
        platform logs in with password and second factor."""
        email = (claims.get("email") or "").strip()
        geverifieerd = claims.get("email_verified")
        vertrouwd = geverifieerd is True or (geverifieerd is None and settings.LEERWERK_SSO_EMAIL_VERTROUWD)
        domeinen = settings.LEERWERK_SSO_DOMEINEN
        if not email or not vertrouwd or (domeinen and email.rpartition("@")[2].lower() not in domeinen):
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True, is_superuser=False)

    def get_user(self, user_id):
        # As a password login: an account made inactive loses its session at once.
        return LeerwerkBackend().get_user(user_id)

    def create_user(self, claims):  # never: accounts are made by the beheerder (OIDC_CREATE_USER too)
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            user.sso_amr = payload.get("amr") or []
        return user


def _aan():
    if not settings.LEERWERK_SSO:
        raise Http404


class SsoStart(OIDCAuthenticationRequestView):
    """To the provider's login (404 when single sign-on is not configured)."""

    def get(self, request):
        _aan()
        return super().get(request)


class SsoTerug(OIDCAuthenticationCallbackView):
    """Back from the provider: logged in, with the second factor passed when `amr` says so."""

    def get(self, request):
        _aan()
        try:
            return super().get(request)
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, ValueError) as exc:
            # The provider did not answer, or answered what we cannot trust: no login, and the
            # reason in the server log (never the token).
            logger.warning("Inloggen via de identiteitsprovider mislukt: %s", type(exc).__name__)
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        if amr_bewijst_tweede_factor(getattr(self.user, "sso_amr", [])):
            markeer_geverifieerd(self.request, via="sso")
        return response

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Inloggen met %(naam)s is niet gelukt. Hebt u nog geen account in leerwerk met het "
                "e-mailadres van dat account? Vraag dan de beheerder van uw organisatie om een uitnodiging."
            )
            % {"naam": settings.LEERWERK_SSO_NAAM},
        )
        return HttpResponseRedirect(reverse("login"))
