"""Placements from the regisseur's side: propose (after an accepted match), convert, change,
start and end. The employer confirms in its portal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerwerk.audit import log_access
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol, User
from trajecten import constants as tc
from trajecten.selectors import traject_for_regie
from werkgevers import selectors, services
from werkgevers.forms import PlaatsingEindeForm, PlaatsingForm
from werkgevers.models import Begeleider
from werkgevers.views_regie.common import post_data, regisseur_required, render_page
from werkgevers.views_regie.matching import log_deelnemers, traject_deelnames


def _jobcoaches(traject):
    """Users with the jobcoach role of the organisations that are jobcoach partner in the trajectory."""
    organisaties = traject.partners.filter(rol=tc.PartnerRol.JOBCOACH).values("organisatie_id")
    return (
        User.objects.filter(organisatie__in=organisaties, rollen__contains=[Rol.JOBCOACH], is_active=True)
        .select_related("organisatie")
        .order_by("naam", "email")
    )


def _begeleiders(user, traject):
    """Mentors and buddies of the employers with a place in the trajectory."""
    werkgevers = selectors.plekken_visible_to(user).filter(traject=traject).values("werkgever_id")
    return Begeleider.objects.filter(werkgever__in=werkgevers).select_related("werkgever__organisatie")


def _terug(traject_pk) -> str:
    return reverse("matching:traject", kwargs={"traject_pk": traject_pk}) + "#plaatsingen"


def _int(value):
    return int(value) if (value or "").isdigit() else None


def _voorstel(request, traject, *, deelnames, initial, omgezet_uit=None):
    user = request.user
    form = PlaatsingForm(
        post_data(request),
        deelnames=deelnames,
        plekken=selectors.plekken_visible_to(user).filter(traject=traject),
        begeleiders=_begeleiders(user, traject),
        jobcoaches=_jobcoaches(traject),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plaatsing = services.plaatsing_propose(acting_user=user, omgezet_uit=omgezet_uit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De plaatsing van %(naam)s is voorgesteld. Hij wacht op bevestiging door %(werkgever)s.")
                % {
                    "naam": plaatsing.deelname.deelnemer.naam,
                    "werkgever": plaatsing.leerwerkplek.werkgever.organisatie.naam,
                },
            )
            return redirect(_terug(traject.pk))
    log_deelnemers(request, deelnames)
    context = {"form": form, "traject": traject, "omgezet_uit": omgezet_uit, "terug": _terug(traject.pk)}
    return render_page(request, "werkgevers/regie/plaatsing_form.html", context, form)


@require_http_methods(["GET", "POST"])
@regisseur_required
def plaatsing_nieuw(request, traject_pk):
    """Propose a placement; the match overview links here with ?deelname=..&leerwerkplek=.."""
    traject = traject_for_regie(request.user, traject_pk)
    deelnames = traject_deelnames(request.user, traject).exclude(status__in=tc.END_STATES)
    initial = {"deelname": _int(request.GET.get("deelname")), "leerwerkplek": _int(request.GET.get("leerwerkplek"))}
    return _voorstel(request, traject, deelnames=deelnames, initial=initial)


@require_http_methods(["GET", "POST"])
@regisseur_required
def plaatsing_omzetten(request, pk):
    """Convert a running placement (e.g. a trial placement into a contract): a new proposal that,
    once confirmed, ends the old one the day before it starts."""
    oud = selectors.plaatsing_for_regie(request.user, pk)
    traject = traject_for_regie(request.user, oud.leerwerkplek.traject_id)
    deelnames = traject_deelnames(request.user, traject).filter(pk=oud.deelname_id)
    initial = {
        "deelname": oud.deelname_id,
        "leerwerkplek": oud.leerwerkplek_id,
        "uren_per_week": oud.uren_per_week,
        "mentor": oud.mentor_id,
        "jobcoach": oud.jobcoach_id,
    }
    return _voorstel(request, traject, deelnames=deelnames, initial=initial, omgezet_uit=oud)


@require_http_methods(["GET", "POST"])
@regisseur_required
def plaatsing_wijzigen(request, pk):
    plaatsing = selectors.plaatsing_for_regie(request.user, pk)
    traject_pk = plaatsing.leerwerkplek.traject_id
    initial = {
        "soort": plaatsing.soort,
        "start": plaatsing.start,
        "gepland_einde": plaatsing.gepland_einde,
        "uren_per_week": plaatsing.uren_per_week,
        "mentor": plaatsing.mentor_id,
        "jobcoach": plaatsing.jobcoach_id,
        "toelichting": plaatsing.toelichting,
    }
    form = PlaatsingForm(
        post_data(request),
        begeleiders=selectors.begeleiders_van(plaatsing.leerwerkplek.werkgever).select_related(
            "werkgever__organisatie"
        ),
        jobcoaches=_jobcoaches(plaatsing.leerwerkplek.traject),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plaatsing = services.plaatsing_change(acting_user=request.user, plaatsing=plaatsing, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if plaatsing.wacht_op_bevestiging and plaatsing.bevestigde_versie:
                melding = _("De plaatsing is gewijzigd en wacht op een nieuwe bevestiging van de werkgever.")
            else:
                melding = _("De plaatsing is gewijzigd.")
            messages.success(request, melding)
            return redirect(_terug(traject_pk))
    log_access(request, action="view", obj=plaatsing.deelname.deelnemer, rol=Rol.REGISSEUR)
    context = {
        "form": form,
        "plaatsing": plaatsing,
        "traject": plaatsing.leerwerkplek.traject,
        "versies": plaatsing.versies.select_related("bevestigd_door", "vervangen_door"),
        "terug": _terug(traject_pk),
        # the mentor's preparation (issue 16): without one, the signals give a hint
        "mentor_voorbereidingen": selectors.voorbereidingen_per_mentor([plaatsing.mentor_id]).get(
            plaatsing.mentor_id, []
        ),
    }
    return render_page(request, "werkgevers/regie/plaatsing_form.html", context, form)


@require_POST
@regisseur_required
def plaatsing_starten(request, pk):
    plaatsing = selectors.plaatsing_for_regie(request.user, pk)
    try:
        services.plaatsing_start(acting_user=request.user, plaatsing=plaatsing)
    except ValidationError as exc:
        messages.error(request, _("De plaatsing is niet gestart: %(fouten)s") % {"fouten": " ".join(exc.messages)})
    else:
        messages.success(
            request, _("De plaatsing van %(naam)s is gestart.") % {"naam": plaatsing.deelname.deelnemer.naam}
        )
    return redirect(_terug(plaatsing.leerwerkplek.traject_id))


@require_http_methods(["GET", "POST"])
@regisseur_required
def plaatsing_beeindigen(request, pk):
    plaatsing = selectors.plaatsing_for_regie(request.user, pk)
    form = PlaatsingEindeForm(post_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.plaatsing_end(acting_user=request.user, plaatsing=plaatsing, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De plaatsing is beëindigd."))
            return redirect(_terug(plaatsing.leerwerkplek.traject_id))
    log_access(request, action="view", obj=plaatsing.deelname.deelnemer, rol=Rol.REGISSEUR)
    context = {"form": form, "plaatsing": plaatsing, "terug": _terug(plaatsing.leerwerkplek.traject_id)}
    return render_page(request, "werkgevers/regie/plaatsing_einde.html", context, form)
