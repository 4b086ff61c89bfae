"""The signal list page and the actions on one signal (acknowledge, snooze, done, apply a suggestion).

Every user with a role has a list: the signals they are responsible for (signalen.selectors).
The actions are small POST forms. With htmx they swap the signal's row (or its item in the
trajectory page's section); without JavaScript they redirect back to `next`. A person's name
is shown only when the user may read that participation, and every name shown is written to
the access log.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from leerwerk.audit import log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.permissions import any_role_required
from leerwerk.secties import sectie_antwoord
from signalen import selectors, services
from signalen.forms import SignaalFilterForm, UitstelForm
from signalen.services.toepassen import kan_toepassen

PAGE_SIZE = 25  # long lists show 25 per page (issue 12)
WEERGAVEN = {"rij": "signalen/_rij.html", "kaart": "signalen/_kaart.html"}


def _filter(qs, criteria: dict, vandaag):
    qs = selectors.met_status(qs, criteria.get("status"), vandaag)
    for veld in ("regel", "ernst"):
        if criteria.get(veld):
            qs = qs.filter(**{veld: criteria[veld]})
    if criteria.get("traject"):
        qs = qs.filter(traject_id=criteria["traject"])
    return qs


def _zichtbare_deelnames(user, signalen) -> set[int]:
    """The participations among `signalen` whose person the user may read (one query; a second
    for a jobcoach, who reads the names of the participants they coach)."""
    from begeleiding.selectors import caseload
    from trajecten.selectors import deelnames_visible_to

    ids = {s.deelname_id for s in signalen if s.deelname_id}
    if not ids:
        return set()
    zichtbaar = set(deelnames_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return zichtbaar | set(caseload(user).filter(pk__in=ids).values_list("pk", flat=True))


def voorbereid(request, signalen, formulieren=None):
    """Give each signal what its row shows: the person's name when the user may read it (and
    log it), the snooze form, and whether its suggestion can be applied. Two queries."""
    signalen = list(signalen)
    formulieren = formulieren or {}
    zichtbaar = _zichtbare_deelnames(request.user, signalen)
    getoond = {}
    for s in signalen:
        s.toon_deelnemer = s.deelname_id in zichtbaar
        if s.toon_deelnemer:
            getoond[s.deelname.deelnemer_id] = s.deelname.deelnemer
        s.uitstel_form = formulieren.get(s.pk)  # only a refused snooze: _acties.html writes the rest out
        s.toepasbaar = kan_toepassen(s)
        # In the trajectory page's own signal section, a link to that very section leads nowhere.
        detail = reverse("trajecten:detail", args=[s.traject_id]) if s.traject_id else None
        s.naar_eigen_traject = detail is not None and s.link in (detail, f"{detail}#signalen")
    if getoond:
        log_access_many(request, action="list", objects=list(getoond.values()))
    return signalen


TRAJECT_SIGNALEN = 5


def traject_signalen(request, traject) -> dict:
    """The trajectory page's signal section: its most urgent current signals (at most five, so
    the page does not grow with them: issue 12) and how many there are in all; the rest are one
    click away in the signal list filtered on the trajectory."""
    actueel = selectors.signalen_voor_traject(request.user, traject)
    top = voorbereid(request, selectors.urgentste_eerst(actueel)[:TRAJECT_SIGNALEN])
    return {"signalen": top, "signalen_aantal": len(top) if len(top) < TRAJECT_SIGNALEN else actueel.count()}


def startpagina_signalen(request, aantal: int = 5) -> dict:
    """The start page's section: the most urgent current signals and how many there are, in
    one query (the count is a window over the same rows, taken before the limit)."""
    top = list(
        selectors.urgentste_eerst(selectors.signalen_actueel_for(request.user)).annotate(alle=Window(Count("id")))[
            :aantal
        ]
    )
    return {"signalen_top": top, "signalen_aantal": top[0].alle if top else 0}


@require_GET
@any_role_required
def lijst(request):
    return _lijst_pagina(request, request.GET or None)


@require_GET
@any_role_required
def lijst_sectie(request):
    """The filters and the table of the signal list, loaded lazily by the page (issue 12)."""
    return sectie_antwoord(
        request,
        "signalen/_lijst_sectie.html",
        _lijst_context(request, request.GET or None),
        titel=_("Signalen"),
        terug=(_("Signalen"), reverse("signalen:lijst")),
    )


def _lijst_pagina(request, params, formulieren=None, status=200):
    """The page: its heading at once and the list from `lijst_sectie`, with the same filters;
    a refused snooze without JavaScript shows the list inline, with the error at the field."""
    zoek = f"?{params.urlencode()}" if params else ""
    context = {"sectie_url": reverse("signalen:lijst_sectie") + zoek, "nav_actief": "signalen"}
    if formulieren:
        context.update(_lijst_context(request, params, formulieren), direct=True)
    return render(request, "signalen/lijst.html", context, status=status)


def _lijst_context(request, params, formulieren=None) -> dict:
    vandaag = timezone.localdate()
    alle = selectors.signalen_for(request.user)
    trajecten = (
        alle.filter(traject__isnull=False)
        .order_by("traject__naam", "traject_id")
        .values_list("traject_id", "traject__naam")
        .distinct()
    )
    filters = SignaalFilterForm(params, trajecten=list(trajecten))
    criteria = filters.criteria()
    pagina = Paginator(selectors.urgentste_eerst(_filter(alle, criteria, vandaag)), PAGE_SIZE).get_page(
        params.get("pagina") if params else None
    )
    zoek = urlencode(criteria)
    return {
        "filters": filters,
        "criteria": criteria,
        "pagina": pagina,
        "signalen": voorbereid(request, pagina.object_list, formulieren),
        "zoek": zoek,
        # Back to the list as filtered (the page, also when this came from the section's URL).
        "terug": reverse("signalen:lijst") + (f"?{params.urlencode()}" if params else ""),
        "vandaag": vandaag,
        "nav_actief": "signalen",
    }


# --- Actions on one signal ---------------------------------------------------------------------


def _volgende(request) -> str:
    """Where to go back to after an action without JavaScript (only a URL of this site)."""
    volgende = request.POST.get("next") or ""
    if volgende and url_has_allowed_host_and_scheme(volgende, {request.get_host()}, request.is_secure()):
        return volgende
    return reverse("signalen:lijst")


def _antwoord(request, signaal, *, melding="", fout=None, form=None):
    """After an action: the swapped row (htmx), else a redirect back (or the list with the error)."""
    if request.htmx:
        signaal = selectors.signaal_for(request.user, signaal.pk)
        [signaal] = voorbereid(request, [signaal], {signaal.pk: form} if form is not None else None)
        weergave = request.POST.get("weergave")
        context = {
            "signaal": signaal,
            "melding": melding,
            "fout": fout,
            "terug": request.POST.get("next", ""),
            "vandaag": timezone.localdate(),
        }
        return render(request, WEERGAVEN.get(weergave, WEERGAVEN["rij"]), context)
    volgende = _volgende(request)
    if fout is None and form is None:
        messages.success(request, melding)
        return redirect(volgende)
    tekst = fout or " ".join(e for errors in form.errors.values() for e in errors)
    messages.error(request, _("Het signaal is niet gewijzigd. %(fout)s") % {"fout": tekst})
    onderdelen = urlsplit(volgende)
    if onderdelen.path != reverse("signalen:lijst"):
        return redirect(volgende)
    # Without JavaScript on the list itself: the list (as it was filtered) with the error at the field.
    params = QueryDict(onderdelen.query) or None
    return _lijst_pagina(request, params, {signaal.pk: form} if form is not None else None, status=400)


def _fouttekst(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_POST
@any_role_required
def gezien(request, pk):
    signaal = selectors.signaal_for(request.user, pk)
    try:
        services.signaal_acknowledge(acting_user=request.user, signaal=signaal)
    except ValidationError as exc:
        return _antwoord(request, signaal, fout=_fouttekst(exc))
    return _antwoord(request, signaal, melding=_("Signaal gemarkeerd als gezien."))


@require_POST
@any_role_required
def uitstellen(request, pk):
    signaal = selectors.signaal_for(request.user, pk)
    form = UitstelForm(request.POST, signaal_pk=signaal.pk)
    if form.is_valid():
        try:
            signaal = services.signaal_snooze(acting_user=request.user, signaal=signaal, tot=form.cleaned_data["tot"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            melding = _("Signaal uitgesteld tot %(datum)s.") % {"datum": f"{signaal.uitgesteld_tot:%d-%m-%Y}"}
            return _antwoord(request, signaal, melding=melding)
    return _antwoord(request, signaal, form=form)


@require_POST
@any_role_required
def afgehandeld(request, pk):
    signaal = selectors.signaal_for(request.user, pk)
    try:
        services.signaal_done(acting_user=request.user, signaal=signaal)
    except ValidationError as exc:
        return _antwoord(request, signaal, fout=_fouttekst(exc))
    return _antwoord(request, signaal, melding=_("Signaal afgehandeld."))


@require_POST
@any_role_required
def toepassen(request, pk):
    signaal = selectors.signaal_for(request.user, pk)
    try:
        melding = services.signaal_apply_suggestion(acting_user=request.user, signaal=signaal)
    except ValidationError as exc:
        return _antwoord(request, signaal, fout=_fouttekst(exc))
    return _antwoord(request, signaal, melding=_("Voorstel toegepast. %(melding)s") % {"melding": melding})
