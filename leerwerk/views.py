from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from leerwerk.forms import LoginForm
from leerwerk.models import Rol
from leerwerk.permissions import any_role_required
from leerwerk.roles import PARTIJ_ROLLEN, START_PAGE_CONTEXT, START_PAGE_INTRO
from leerwerk.secties import sectie_antwoord
from leerwerk.selectors import system_health
from leerwerk.uitnodiging import uitnodiging_tokens

SIGNALEN_START = "signalen.views.lijst.startpagina_signalen"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # The single sign-on button, when it is configured (tweefactor.sso).
        return super().get_context_data(**kwargs, sso_naam=settings.LEERWERK_SSO_NAAM if settings.LEERWERK_SSO else "")


class UitnodigingView(auth_views.PasswordResetConfirmView):
    """The link in an invitation: the new user sets a password (with the project's password
    validators) and then logs in. Django's reset view, with the invitation's own tokens."""

    token_generator = uitnodiging_tokens
    template_name = "registration/uitnodiging_wachtwoord.html"
    post_reset_login = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None


def _start_section(rol) -> str | None:
    """A role's own section on its start page, where it has one (no placeholder tiles)."""
    naam = f"leerwerk/mijn_werk/{rol}.html"
    try:
        get_template(naam)
    except TemplateDoesNotExist:
        return None
    return naam


@login_required
def mijn_werk(request):
    if request.user.hoofdrol is None:
        return render(request, "leerwerk/geen_rol.html")
    return redirect("mijn_werk_rol", rol=request.user.hoofdrol)


def _start_rol(request, rol):
    if rol not in Rol.values or not request.user.has_rol(rol):
        raise Http404
    request.active_rol = rol
    return Rol(rol)


@login_required
def mijn_werk_rol(request, rol):
    """The start page: its heading at once; the signals and the role's own section load
    lazily (leerwerk.secties), each from a URL of its own."""
    rol = _start_rol(request, rol)
    return render(
        request,
        "leerwerk/mijn_werk.html",
        {
            "rol": rol,
            "nav_actief": "mijn_werk",
            "intro": START_PAGE_INTRO[rol],
            "heeft_overzicht": _start_section(rol) is not None,
            # The tasks of the organisation's scripts (regie.views.mijn_taken), for a party's roles.
            "heeft_taken": rol in PARTIJ_ROLLEN,
        },
    )


@any_role_required
def mijn_werk_signalen(request, rol):
    """The start page's section with the role's most urgent signals."""
    rol = _start_rol(request, rol)
    return sectie_antwoord(
        request,
        "signalen/_startpagina.html",
        import_string(SIGNALEN_START)(request),
        titel=_("Signalen"),
        terug=(_("Mijn werk"), reverse("mijn_werk_rol", kwargs={"rol": rol})),
    )


@any_role_required
def mijn_werk_overzicht(request, rol):
    """The start page's section of the role itself (its app gives the data)."""
    rol = _start_rol(request, rol)
    template = _start_section(rol)
    if template is None:
        raise Http404
    provider = START_PAGE_CONTEXT.get(rol)
    return sectie_antwoord(
        request,
        template,
        {"rol": rol, "nav_actief": "mijn_werk", **(import_string(provider)(request) if provider else {})},
        titel=f"{_('Mijn werk')}: {rol.label}",
        terug=(_("Mijn werk"), reverse("mijn_werk_rol", kwargs={"rol": rol})),
    )


@never_cache
@require_GET
def gezondheid(request):
    """Liveness for load balancers and compose health checks: database and Redis answer."""
    checks = system_health(include_celery=bool(request.GET.get("celery")))
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fout", **checks}, status=200 if healthy else 503)


@never_cache
@require_GET
@login_required
def gezondheid_ingelogd(request):
    """The page benchmark's baseline (scripts/benchmark_paginas.py): the cost of a logged-in
    request (session, user, middleware) and nothing else. Reads no person's data."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """/favicon.ico: the icon in static/ (base.html links it; other pages get it here)."""
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
