"""The pages of the second factor: enrol (passkey or app), verify at login, recovery codes."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from tweefactor import services
from tweefactor.constants import SESSIE_NIEUWE_CODES
from tweefactor.forms import AppCodeForm, CodeForm


def _volgende(request) -> str:
    """Where to go after the second factor: the page asked for, if it is ours."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _naar(naam: str, request) -> str:
    return f"{reverse(naam)}?{urlencode({'next': _volgende(request)})}"


def _geblokkeerd(request):
    """The lockout: the user is logged out and sees the page of a blocked login."""
    logout(request)
    return render(request, "registration/locked_out.html", status=429)


def _onderweg(request) -> bool:
    """Whether the user is still before the second factor (the page then shows no menu)."""
    return not services.is_geverifieerd(request) and (services.verplicht() or services.heeft_factor(request.user))


def _moet_eerst_verifieren(request, factoren: dict | None = None) -> bool:
    """A user with a factor passes it before changing their factors; `factoren` when read already
    (services.factoren)."""
    heeft = services.heeft_factor(request.user) if factoren is None else bool(factoren["apps"] or factoren["passkeys"])
    return heeft and not services.is_geverifieerd(request)


@never_cache
@login_required
@require_http_methods(["GET"])
def overzicht(request):
    """The user's own factors, from the account menu."""
    factoren = services.factoren(request.user)
    if _moet_eerst_verifieren(request, factoren):
        return redirect("tweefactor:verifieren")
    return render(request, "tweefactor/overzicht.html", {**factoren, "nav_actief": "tweefactor"})


@never_cache
@login_required
@require_http_methods(["GET"])
def instellen(request):
    """Choose a second factor: a passkey (registered in the browser) or an authenticator app."""
    if _moet_eerst_verifieren(request):
        return redirect(_naar("tweefactor:verifieren", request))
    return render(
        request,
        "tweefactor/instellen.html",
        {
            "verplicht_nu": services.verplicht() and not services.heeft_factor(request.user),
            "next": _volgende(request),
            # After a passkey: the recovery codes when this was the first factor, else onwards.
            "na_registratie": (
                _volgende(request)
                if StaticDevice.objects.filter(user=request.user, confirmed=True).exists()
                else _naar("tweefactor:herstelcodes", request)
            ),
            "tweefactor_onderweg": _onderweg(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def instellen_app(request):
    """An authenticator app: scan the QR code (or type the secret), then confirm with a code."""
    if _moet_eerst_verifieren(request):
        return redirect("tweefactor:verifieren")
    if services.is_geblokkeerd(request, request.user):
        return _geblokkeerd(request)
    device = services.totp_apparaat(request.user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_bevestigen(request=request, device=device, code=form.cleaned_data["code"]):
            if SESSIE_NIEUWE_CODES in request.session:
                return redirect(_naar("tweefactor:herstelcodes", request))
            messages.success(request, _("De authenticator-app is toegevoegd."))
            return redirect(_volgende(request))
        if services.poging_mislukt(request, request.user):
            return _geblokkeerd(request)
        form.add_error(
            "code",
            _("Deze code klopt niet. Controleer of de tijd op uw telefoon juist staat en probeer de nieuwste code."),
        )
    return render(
        request,
        "tweefactor/instellen_app.html",
        {
            "form": form,
            "geheim": services.totp_geheim(device),
            "qr": services.totp_qr_svg(device),
            "next": _volgende(request),
            "tweefactor_onderweg": _onderweg(request),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verifieren(request):
    """The second step of the login: a passkey, a code from the app, or a recovery code."""
    if services.is_geverifieerd(request):
        return redirect(_volgende(request))
    if services.is_geblokkeerd(request, request.user):
        return _geblokkeerd(request)
    factoren = services.factoren(request.user)
    if not factoren["apps"] and not factoren["passkeys"]:
        return redirect(_naar("tweefactor:instellen", request))
    form = CodeForm(request.POST or None)
    if not factoren["apps"]:
        form.fields["code"].help_text = _("Een van de herstelcodes die u bij het instellen kreeg.")
    if request.method == "POST" and form.is_valid():
        device = services.code_controleren(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            via = "herstelcode" if isinstance(device, StaticDevice) else "totp"
            services.markeer_geverifieerd(request, via=via, device=device)
            return redirect(_volgende(request))
        if services.poging_mislukt(request, request.user):
            return _geblokkeerd(request)
        form.add_error("code", _("Deze code klopt niet. Probeer de nieuwste code uit de app, of een herstelcode."))
    return render(
        request,
        "tweefactor/verifieren.html",
        {**factoren, "form": form, "next": _volgende(request), "tweefactor_onderweg": True},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def herstelcodes(request):
    """New recovery codes are shown here once: after the first factor, or when asked for."""
    if request.method == "POST":
        if not services.is_geverifieerd(request) or not services.heeft_factor(request.user):
            return redirect("tweefactor:overzicht")
        request.session[SESSIE_NIEUWE_CODES] = services.herstelcodes_maken(request.user)
        return redirect("tweefactor:herstelcodes")
    codes = request.session.pop(SESSIE_NIEUWE_CODES, None)
    return render(request, "tweefactor/herstelcodes.html", {"codes": codes, "next": _volgende(request)})
