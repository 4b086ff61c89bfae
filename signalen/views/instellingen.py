"""The user's signal settings (e-mail opt-out per kind, calendar link), the .ics feed, and the
klantmanager's extension of a trial placement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from deelnemers.forms import error_summary
from leerwerk.audit import log_access
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.permissions import any_role_required, role_required
from regie.selectors import overleggen_voor_agenda
from signalen import agenda as ics
from signalen import selectors, services
from signalen.forms_instellingen import GeenEmailForm, VerlengingForm

AGENDA_CACHE = "private, max-age=900"


# --- Instellingen ------------------------------------------------------------------------------


def _instellingen_page(request, *, email_form=None, agenda_url="", status=200):
    instelling = selectors.signaalinstelling_van(request.user)
    email_form = email_form or GeenEmailForm(initial={"geen_email": instelling.geen_email})
    context = {
        "email_form": email_form,
        "instelling": instelling,
        "agenda_url": agenda_url,
        "fouten": error_summary(email_form),
    }
    # never_cache on the view: the page with the secret link is stored by no browser or proxy.
    return render(request, "signalen/instellingen.html", context, status=status)


@any_role_required
@never_cache
@require_http_methods(["GET", "POST"])
def instellingen(request):
    if request.method == "GET":
        return _instellingen_page(request)
    actie = request.POST.get("actie")
    if actie == "dagmail":
        form = GeenEmailForm(request.POST)
        if form.is_valid():
            try:
                services.instelling_email_set(acting_user=request.user, geen_email=form.cleaned_data["geen_email"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Uw keuzes voor de dagmail zijn opgeslagen."))
                return redirect("signalen:instellingen")
        return _instellingen_page(request, email_form=form, status=400)
    if actie == "agenda_maken":
        token = services.agenda_link_create(acting_user=request.user)
        url = request.build_absolute_uri(reverse("signalen:agenda", args=[token]))
        return _instellingen_page(request, agenda_url=url)
    if actie == "agenda_intrekken":
        services.agenda_link_revoke(acting_user=request.user)
        messages.success(request, _("Uw agenda-link is ingetrokken: hij werkt niet meer."))
        return redirect("signalen:instellingen")
    return _instellingen_page(request, status=400)


# --- Agenda (.ics) -----------------------------------------------------------------------------


@require_GET
def agenda(request, token):
    """The calendar feed behind the secret link; no login (calendar programs cannot log in).

    Not access-logged: it holds no person's data, and the log keeps the request path, which
    here is the secret itself."""
    user = selectors.agenda_gebruiker(ics.token_hash(token))
    if user is None:
        raise Http404
    inhoud = ics.render_feed(
        selectors.signalen_voor_agenda(user),
        absolute_url=request.build_absolute_uri,
        standaard_link=reverse("signalen:lijst"),
        nu=timezone.now(),
        overleggen=overleggen_voor_agenda(user),
    )
    response = HttpResponse(inhoud.encode(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = AGENDA_CACHE
    response["Content-Disposition"] = 'inline; filename="leerwerk-signalen.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Verlengen (regelruimte van de klantmanager) ------------------------------------------------


@role_required(Rol.KLANTMANAGER)
@require_http_methods(["GET", "POST"])
def verlengen(request, pk):
    termijn = selectors.proefplaatsing_voor_klantmanager(request.user, pk)
    plaatsing = termijn.plaatsing
    deelnemer = plaatsing.deelname.deelnemer
    if request.method == "POST":
        form = VerlengingForm(request.POST, termijn=termijn)
        if form.is_valid():
            try:
                services.verlenging_record(acting_user=request.user, plaatsing=plaatsing, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De verlenging is vastgelegd. De signalen worden bijgewerkt."))
                return redirect(reverse("deelnemers:kandidaat", args=[deelnemer.pk]) + "#proefplaatsingen")
    else:
        initial = (
            {"maanden": termijn.verlenging.maanden, "reden": termijn.verlenging.reden} if termijn.verlenging else {}
        )
        form = VerlengingForm(initial=initial, termijn=termijn)
    log_access(request, action="view", obj=deelnemer)  # the page names the person and the reason
    log_access(request, action="view", obj=plaatsing)
    fouten = error_summary(form)
    context = {"termijn": termijn, "plaatsing": plaatsing, "deelnemer": deelnemer, "form": form, "fouten": fouten,
               "nav_actief": "kandidaten"}  # fmt: skip
    return render(request, "signalen/verlengen.html", context, status=400 if fouten else 200)
