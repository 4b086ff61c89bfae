"""django-otp-webauthn's four JSON calls, with our lockout and our session bookkeeping.

A passkey is a second factor after the password here (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is
off): the password login and its lockout stay the one way in. A failed passkey check counts
as a failed login for django-axes, like a wrong code; a locked-out user gets no challenge.
"""

from django.contrib.auth import logout
from django.utils.translation import gettext_lazy as _
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as otp_views

from tweefactor import services


class Geblokkeerd(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_detail = _("Inloggen is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het later opnieuw.")
    default_code = "geblokkeerd"


class NietToegestaan(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = _("Bevestig eerst uw inlog met uw bestaande tweede factor.")
    default_code = "user_not_verified"


class _Blokkade:
    def _controleer_blokkade(self, request):
        if request.user.is_authenticated and services.is_geblokkeerd(request, request.user):
            logout(request)
            raise Geblokkeerd()


class BeginRegistratie(_Blokkade, otp_views.BeginCredentialRegistrationView):
    def check_can_register(self):
        if services.heeft_factor(self.request.user) and not services.is_geverifieerd(self.request):
            raise NietToegestaan()


class VoltooiRegistratie(_Blokkade, otp_views.CompleteCredentialRegistrationView):
    def check_can_register(self):
        if services.heeft_factor(self.request.user) and not services.is_geverifieerd(self.request):
            raise NietToegestaan()

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        device = services.WebAuthnCredential.objects.filter(user=self.request.user).latest("id")
        services.na_inschrijving(self.request, device, via="webauthn")
        return response


class BeginAuthenticatie(_Blokkade, otp_views.BeginCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        self._controleer_blokkade(self.request)
        return super().post(*args, **kwargs)


class VoltooiAuthenticatie(_Blokkade, otp_views.CompleteCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        self._controleer_blokkade(self.request)
        try:
            return super().post(*args, **kwargs)
        except exceptions.OTPWebAuthnApiError:
            user = self.request.user
            if user.is_authenticated and services.poging_mislukt(self.request, user):
                logout(self.request)
                # The script of the page reads JSON: our Dutch answer, not django-axes' HTML page
                # (AxesMiddleware swaps that in for a request it marked locked out).
                self.request.axes_locked_out = False
                raise Geblokkeerd() from None
            raise

    def complete_auth(self, device):
        services.markeer_geverifieerd(self.request, via="webauthn", device=device)
