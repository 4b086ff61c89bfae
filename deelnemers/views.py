"""The klantmanager's screens: candidates, registration, the candidate page, aanmelden.

Thin: parse input with a form, call a selector or a service, render. Every page that shows a
person writes access-log rows; an object out of scope (or a service's PermissionDenied) is a 404.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deelnemers import kandidatenlijst, services, toestemmingsteksten
from deelnemers.constants import (
    INTAKE_ONDERWERPEN,
    INTAKE_STRUCTUUR,
    GezondheidsBeperking,
    InburgeringRegime,
    PartnerSoort,
    ToestemmingSoort,
    week_rooster,
)
from deelnemers.forms import (
    AanmeldenForm,
    DeelnemerForm,
    IntakeForm,
    KandidatenFilterForm,
    RandvoorwaardeToevoegenForm,
    ToestemmingForm,
    error_summary,
    randvoorwaarde_forms,
    talen_formset,
    werkervaring_formset,
)
from deelnemers.selectors import deelnemer_detail, deelnemer_pagina, kandidaten_overzicht, kandidaten_tellingen
from leerwerk.audit import log_access, log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from signalen.selectors import proefplaatsingen_van_kandidaat
from trajecten.selectors import (
    bezetting,
    deelnames_visible_to,
    delen_bij_aanmelden,
    instroom_check,
    timeline_for_deelnemer,
    with_komende_plaatsing,
)
from trajecten.services import deelname_create

PAGE_SIZE = 25


klantmanager_required = role_required(Rol.KLANTMANAGER)


def _kandidaat(request, pk: int):
    return deelnemer_detail(request.user, pk, rol=Rol.KLANTMANAGER)


def _page(request, template: str, context: dict, **kwargs):
    return render(request, template, {"nav_actief": "kandidaten", **context}, **kwargs)


def _form_page(request, template: str, context: dict, *forms):
    """A form page; with errors it answers 400 (htmx and tests see the failure) and a summary."""
    fouten = error_summary(*forms)
    return _page(request, template, {**context, "fouten": fouten}, status=400 if fouten else 200)


# --- Mijn kandidaten ----------------------------------------------------------------------


FILTERS_IN_URL = ("doelgroep", "status")  # never "zoek": it may hold a name or a BSN


def _filter_query(criteria: dict, pagina=None) -> str:
    """The filter choices and the page as a query string ("" when none), never the search."""
    params = {k: criteria[k] for k in FILTERS_IN_URL if criteria.get(k)}
    if pagina and str(pagina) != "1":
        params["pagina"] = pagina
    return f"?{urlencode(params)}" if params else ""


def _filter_url(criteria: dict, pagina=None) -> str:
    """The list's address with the filter choices (bookmarkable, shareable), never the search."""
    return reverse("deelnemers:kandidaten") + _filter_query(criteria, pagina)


@klantmanager_required
@require_http_methods(["GET", "POST"])
def kandidaten(request):
    """The candidate list. Filter choices travel in the query string (issue 11); the search term
    travels only in a POST body, so it never reaches an address bar, the browser history, a
    bookmark or a server log. A GET ignores a search term in its query string.

    The page itself shows the heading and the filters; the table loads lazily from
    `kandidaten_resultaat` with the same filters (issue 12). A search without JavaScript (a
    POST) answers with the table in the page, as its term may not travel in an address."""
    if request.method == "POST":
        filters = KandidatenFilterForm(request.POST)
        pagina = request.POST.get("pagina")
    else:
        filters = _url_filters(request)
        pagina = request.GET.get("pagina")
    criteria = filters.criteria()
    if request.method == "POST" and not request.htmx and not criteria.get("zoek"):
        return redirect(_filter_url(criteria, pagina), permanent=False)
    if request.method == "GET" and not request.htmx:
        resultaat = reverse("deelnemers:kandidaten_resultaat") + _filter_query(criteria, pagina)
        context = {"filters": kandidatenlijst.filter_velden(filters), "resultaat_url": resultaat}
        return _page(request, "deelnemers/kandidaten.html", context)
    context = _resultaat_context(request, filters, criteria, pagina)
    if request.htmx.target == "kandidaten-resultaat":
        response = _page(request, "deelnemers/_kandidaten_resultaat.html", {**context, "oob": True})
        response["HX-Replace-Url"] = _filter_url(criteria, context["page"].number)
        return response
    return _page(request, "deelnemers/kandidaten.html", context)


@klantmanager_required
@require_GET
def kandidaten_resultaat(request):
    """The table of the candidate list with its count, for the page's filters in the query
    string (never a search term): loaded lazily by the page, a page of its own without JavaScript."""
    filters = _url_filters(request)
    criteria = filters.criteria()
    context = _resultaat_context(request, filters, criteria, request.GET.get("pagina"))
    return sectie_antwoord(
        request,
        "deelnemers/_kandidaten_resultaat.html",
        {**context, "oob": True},
        titel=_("Mijn kandidaten"),
        terug=(_("Mijn kandidaten"), _filter_url(criteria)),
    )


def _url_filters(request) -> KandidatenFilterForm:
    return KandidatenFilterForm({k: v for k, v in request.GET.items() if k in FILTERS_IN_URL} or None)


def _resultaat_context(request, filters, criteria: dict, pagina) -> dict:
    """One page of the list (25 rows), its page links, and the persons on it access-logged."""
    page = Paginator(kandidaten_overzicht(request.user, **criteria), PAGE_SIZE).get_page(pagina)
    rijen = list(page.object_list)
    log_access_many(request, action="list", objects=rijen)
    # the first and last pages and two on either side of this one, not all 200 (issue 12)
    paginanummers = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return {
        "filters": kandidatenlijst.filter_velden(filters),
        "page": page,
        "kandidaten": rijen,
        "rijen": kandidatenlijst.rijen(rijen),
        "gefilterd": any(criteria.values()),
        "met_zoekterm": bool(criteria.get("zoek")),
        "paginalinks": kandidatenlijst.paginalinks(page, paginanummers, _filter_url(criteria)),
    }


# --- Registreren en wijzigen --------------------------------------------------------------


@klantmanager_required
@require_http_methods(["GET", "POST"])
def kandidaat_nieuw(request):
    data = request.POST if request.method == "POST" else None
    form = DeelnemerForm(data, user=request.user)
    werk = werkervaring_formset(data)
    talen = talen_formset(data)
    if data is not None and all([form.is_valid(), werk.is_valid(), talen.is_valid()]):
        try:
            deelnemer = services.deelnemer_create(
                acting_user=request.user,
                werkervaringen=werk.rows(),
                talen=talen.rows(),
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(naam)s is geregistreerd.") % {"naam": deelnemer.naam})
            return redirect("deelnemers:kandidaat", pk=deelnemer.pk)
    context = {"form": form, "werkervaring": werk, "talen": talen, "titel": _("Kandidaat registreren")}
    return _form_page(request, "deelnemers/kandidaat_form.html", context, form, werk, talen)


@klantmanager_required
@require_http_methods(["GET", "POST"])
def kandidaat_wijzigen(request, pk):
    deelnemer = _kandidaat(request, pk)
    data = request.POST if request.method == "POST" else None
    form = DeelnemerForm(data, instance=deelnemer, user=request.user)
    werk = werkervaring_formset(data, deelnemer=deelnemer)
    talen = talen_formset(data, deelnemer=deelnemer)
    if data is not None and all([form.is_valid(), werk.is_valid(), talen.is_valid()]):
        try:
            with transaction.atomic():  # the candidate, their languages and work experience, or none
                services.deelnemer_update(
                    acting_user=request.user, deelnemer=deelnemer, talen=talen.rows(), **form.service_fields()
                )
                rows = werk.rows()
                services.werkervaringen_set(acting_user=request.user, deelnemer=deelnemer, werkervaringen=rows)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van %(naam)s zijn opgeslagen.") % {"naam": deelnemer.naam})
            return redirect("deelnemers:kandidaat", pk=deelnemer.pk)
    log_access(request, action="view", obj=deelnemer)
    context = {
        "form": form,
        "werkervaring": werk,
        "talen": talen,
        "deelnemer": deelnemer,
        "titel": _("Gegevens wijzigen"),
    }
    return _form_page(request, "deelnemers/kandidaat_form.html", context, form, werk, talen)


# --- De kandidaatpagina -------------------------------------------------------------------


def _toestemming_blokken(deelnemer, forms: dict | None = None) -> list[dict]:
    """Per kind of consent: the valid one (to renew or withdraw), or the lapsed one and a form to
    record it anew, or only the form; and the history (withdrawn and replaced ones)."""
    forms = forms or {}
    vandaag = timezone.localdate()
    alle = list(deelnemer.toestemmingen.all())
    blokken = []
    for soort in ToestemmingSoort:
        huidig = next((t for t in alle if t.soort == soort and t.huidig), None)
        actief = huidig if huidig is not None and huidig.is_geldig(vandaag) else None
        tekst = toestemmingsteksten.tekst(soort, huidig.tekstversie) if huidig and huidig.tekstversie else None
        blokken.append(
            {
                "soort": soort,
                "actief": actief,
                "verlopen": huidig if actief is None else None,
                "huidig": huidig,
                "tekst": tekst,
                "partners": [PartnerSoort(p).label for p in huidig.partners if p in PartnerSoort.values]
                if huidig
                else [],
                "form": None if actief else forms.get(soort) or ToestemmingForm(soort=soort),
                "verlengen": (
                    forms.get(f"verlengen-{soort}") or ToestemmingForm(soort=soort, prefix=f"verlengen-{soort}")
                )
                if actief
                else None,
                "historie": [t for t in alle if t.soort == soort and t is not huidig],
            }
        )
    return blokken


KANDIDAAT_SECTIES = {
    # name: (title, template); each loads lazily from kandidaten/<pk>/sectie/<name>/ (issue 12)
    "voorwaarden": (_lazy("Randvoorwaarden en intake"), "deelnemers/_kandidaat_voorwaarden.html"),
    "toestemmingen": (_lazy("Toestemmingen"), "deelnemers/_kandidaat_toestemmingen.html"),
    "trajecten": (_lazy("Certificaten, trajecten en tijdlijn"), "deelnemers/_kandidaat_trajecten.html"),
}


def _sectie_context(request, deelnemer, sectie: str, toestemming_forms=None) -> dict:
    """What one section of the candidate page shows (the candidate loaded for that section)."""
    if sectie == "voorwaarden":
        intake = getattr(deelnemer, "intake", None)
        return {
            "intake": intake,
            "intake_onderwerpen": [
                {"label": label, "tekst": getattr(intake, name)}
                for name, label in (*INTAKE_ONDERWERPEN, *INTAKE_STRUCTUUR)
            ]
            if intake
            else [],
        }
    if sectie == "toestemmingen":
        return {"toestemmingen": _toestemming_blokken(deelnemer, toestemming_forms)}
    deelnames = (
        with_komende_plaatsing(deelnames_visible_to(request.user, Rol.KLANTMANAGER))
        .filter(deelnemer=deelnemer)
        .select_related("traject", "traject__regie_organisatie")
        .order_by("-aangemeld_op", "-id")
    )
    return {
        "deelnames": deelnames,
        "proefplaatsingen": proefplaatsingen_van_kandidaat(request.user, deelnemer),
        "tijdlijn": timeline_for_deelnemer(request.user, deelnemer, rol=Rol.KLANTMANAGER),
    }


def _render_detail(request, deelnemer, *, bsn_zichtbaar=False, toestemming_forms=None):
    """The candidate page: heading, in-page navigation and the person's own data at once; the
    conditions and intake, the consents, and the trajectories with the timeline load lazily
    (leerwerk.secties). After a failed consent form the consents are rendered in the page, with
    the bound forms and their errors (the candidate then comes from deelnemer_detail)."""
    log_access(request, action="view", obj=deelnemer)
    regime_afgeleid = deelnemer.inburgering_regime_afgeleid
    context = {
        "deelnemer": deelnemer,
        "regime_afgeleid": InburgeringRegime(regime_afgeleid).label if regime_afgeleid else "",
        "regime_wijkt_af": bool(regime_afgeleid)
        and deelnemer.inburgering_regime not in (regime_afgeleid, InburgeringRegime.GEEN),
        "bsn_zichtbaar": bsn_zichtbaar,
        "rooster": week_rooster(deelnemer.dagdelen),
        "beperkingen": [
            GezondheidsBeperking(v).label for v in deelnemer.gezondheid_beperkingen if v in GezondheidsBeperking.values
        ],
        "toestemmingen_inline": bool(toestemming_forms),
        "fouten": error_summary(*(toestemming_forms or {}).values()),
    }
    if toestemming_forms:
        context.update(_sectie_context(request, deelnemer, "toestemmingen", toestemming_forms))
    status = 400 if context["fouten"] else 200
    return _page(request, "deelnemers/kandidaat.html", context, status=status)


@klantmanager_required
@require_GET
def kandidaat(request, pk):
    return _render_detail(request, deelnemer_pagina(request.user, pk, rol=Rol.KLANTMANAGER))


@klantmanager_required
@require_GET
def kandidaat_sectie(request, pk, sectie):
    """One section of the candidate page (an htmx fragment, or a page of its own without
    JavaScript); guarded and scoped like the page, and logged as a read of the person."""
    if sectie not in KANDIDAAT_SECTIES:
        raise Http404
    deelnemer = deelnemer_pagina(request.user, pk, rol=Rol.KLANTMANAGER, sectie=sectie)
    log_access(request, action="view", obj=deelnemer)
    titel, template = KANDIDAAT_SECTIES[sectie]
    return sectie_antwoord(
        request,
        template,
        {"nav_actief": "kandidaten", "deelnemer": deelnemer, **_sectie_context(request, deelnemer, sectie)},
        titel=f"{deelnemer.naam}: {titel}",
        terug=(deelnemer.naam, reverse("deelnemers:kandidaat", kwargs={"pk": pk})),
    )


@klantmanager_required
@require_POST
def bsn_tonen(request, pk):
    """Show the full BSN: a deliberate act, logged as 'reveal'."""
    deelnemer = _kandidaat(request, pk)
    log_access(request, action="reveal", obj=deelnemer, detail="BSN getoond")
    if request.htmx:
        return render(request, "deelnemers/_bsn.html", {"deelnemer": deelnemer, "bsn_zichtbaar": True})
    return _render_detail(request, deelnemer, bsn_zichtbaar=True)


@klantmanager_required
@require_http_methods(["GET", "POST"])
def intake(request, pk):
    deelnemer = _kandidaat(request, pk)
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data, instance=getattr(deelnemer, "intake", None))
    if data is not None and form.is_valid():
        try:
            services.intake_save(acting_user=request.user, deelnemer=deelnemer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De intake is opgeslagen."))
            return redirect(reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk}) + "#intake")
    log_access(request, action="view", obj=deelnemer)
    return _form_page(request, "deelnemers/intake_form.html", {"deelnemer": deelnemer, "form": form}, form)


@klantmanager_required
@require_http_methods(["GET", "POST"])
def randvoorwaarden(request, pk):
    deelnemer = _kandidaat(request, pk)
    data = request.POST if request.method == "POST" else None
    forms = randvoorwaarde_forms(data, deelnemer, request.user)
    valid = [f.is_valid() for f in forms]  # every form, so every error shows
    if data is not None and all(valid):
        try:
            with transaction.atomic():  # the whole checklist, or nothing
                for form in forms:
                    if form.has_changed():
                        services.randvoorwaarde_update(
                            acting_user=request.user,
                            randvoorwaarde=form.instance,
                            **form.cleaned_data,
                        )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De randvoorwaarden zijn opgeslagen."))
            return redirect(reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk}) + "#randvoorwaarden")
    nieuw = RandvoorwaardeToevoegenForm(user=request.user, deelnemer=deelnemer)
    return _randvoorwaarden_page(request, deelnemer, forms, nieuw)


def _randvoorwaarden_page(request, deelnemer, forms, nieuw):
    log_access(request, action="view", obj=deelnemer)
    context = {"deelnemer": deelnemer, "forms": forms, "nieuw": nieuw}
    return _form_page(request, "deelnemers/randvoorwaarden_form.html", context, forms, nieuw)


@klantmanager_required
@require_POST
def randvoorwaarde_toevoegen(request, pk):
    """The "Randvoorwaarde toevoegen" form below the checklist; with errors the page again."""
    deelnemer = _kandidaat(request, pk)
    form = RandvoorwaardeToevoegenForm(request.POST, user=request.user, deelnemer=deelnemer)
    if form.is_valid():
        try:
            rv = services.randvoorwaarde_add(acting_user=request.user, deelnemer=deelnemer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De randvoorwaarde %(soort)s is toegevoegd.") % {"soort": rv.get_soort_display()}
            )
            return redirect(reverse("deelnemers:randvoorwaarden", kwargs={"pk": deelnemer.pk}))
    return _randvoorwaarden_page(request, deelnemer, randvoorwaarde_forms(None, deelnemer, request.user), form)


def _toestemming_velden(form: ToestemmingForm) -> dict:
    return {name: form.cleaned_data[name] for name in ("gegeven_op", "einddatum", "tekstversie", "partners")}


@klantmanager_required
@require_POST
def toestemming_vastleggen(request, pk, soort):
    deelnemer = _kandidaat(request, pk)
    if soort not in ToestemmingSoort.values:
        raise Http404
    form = ToestemmingForm(request.POST, soort=soort)
    if form.is_valid():
        try:
            services.toestemming_record(
                acting_user=request.user, deelnemer=deelnemer, soort=soort, **_toestemming_velden(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Toestemming vastgelegd: %(soort)s.") % {"soort": ToestemmingSoort(soort).label.lower()}
            )
            return redirect(reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk}) + "#toestemmingen")
    return _render_detail(request, deelnemer, toestemming_forms={soort: form})


def _toestemming_van(deelnemer, toestemming_pk: int):
    """One of this candidate's consents (already prefetched with the candidate); else 404."""
    toestemming = next((t for t in deelnemer.toestemmingen.all() if t.pk == toestemming_pk), None)
    if toestemming is None:
        raise Http404
    return toestemming


@klantmanager_required
@require_POST
def toestemming_verlengen(request, pk, toestemming_pk):
    """The candidate consents again: a new consent replaces this one (which stays on record)."""
    deelnemer = _kandidaat(request, pk)
    toestemming = _toestemming_van(deelnemer, toestemming_pk)
    prefix = f"verlengen-{toestemming.soort}"
    form = ToestemmingForm(request.POST, soort=toestemming.soort, prefix=prefix)
    if form.is_valid():
        try:
            services.toestemming_renew(acting_user=request.user, toestemming=toestemming, **_toestemming_velden(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Toestemming verlengd tot en met %(datum)s: %(soort)s.")
                % {
                    "datum": f"{form.cleaned_data['einddatum']:%d-%m-%Y}",
                    "soort": toestemming.get_soort_display().lower(),
                },
            )
            return redirect(reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk}) + "#toestemmingen")
    return _render_detail(request, deelnemer, toestemming_forms={prefix: form})


@klantmanager_required
@require_POST
def toestemming_intrekken(request, pk, toestemming_pk):
    deelnemer = _kandidaat(request, pk)
    toestemming = _toestemming_van(deelnemer, toestemming_pk)
    try:
        services.toestemming_withdraw(acting_user=request.user, toestemming=toestemming)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De toestemming is ingetrokken: %(soort)s.") % {"soort": toestemming})
    return redirect(reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk}) + "#toestemmingen")


# --- Aanmelden voor een traject -----------------------------------------------------------


def _check_context(deelnemer, traject) -> dict:
    if traject is None:
        return {"traject": None}
    buiten_gemeente = traject.regie_organisatie_id != deelnemer.gemeente_id
    return {
        "traject": traject,
        "criteria": instroom_check(deelnemer, traject),
        "capaciteit_waarschuwing": bezetting(traject).waarschuwing_aanmelden(),
        "delen": delen_bij_aanmelden(deelnemer, traject),
        "toestemming_nodig": buiten_gemeente and not deelnemer.toestemming_actief(ToestemmingSoort.PARTNERS),
    }


@klantmanager_required
@require_http_methods(["GET", "POST"])
def aanmelden(request, pk):
    deelnemer = _kandidaat(request, pk)
    data = request.POST if request.method == "POST" else None
    form = AanmeldenForm(data, user=request.user)
    if data is not None and "controleer" not in data and form.is_valid():
        try:
            deelname = deelname_create(
                acting_user=request.user,
                traject=form.cleaned_data["traject"],
                deelnemer=deelnemer,
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(naam)s is aangemeld voor %(traject)s. De regisseur beslist over de deelname.")
                % {"naam": deelnemer.naam, "traject": deelname.traject},
            )
            return redirect("deelnemers:kandidaat", pk=deelnemer.pk)
    log_access(request, action="view", obj=deelnemer)
    context = {"deelnemer": deelnemer, "form": form, **_check_context(deelnemer, form.gekozen_traject())}
    return _form_page(request, "deelnemers/aanmelden.html", context, form)


@klantmanager_required
@require_GET
def aanmelden_check(request, pk):
    """The htmx partial: the chosen trajectory's criteria next to this candidate."""
    deelnemer = _kandidaat(request, pk)
    form = AanmeldenForm(request.GET, user=request.user)
    log_access(request, action="view", obj=deelnemer)
    context = {"deelnemer": deelnemer, **_check_context(deelnemer, form.gekozen_traject())}
    return _page(request, "deelnemers/_instroomcheck.html", context)


def start_context(request) -> dict:
    """The klantmanager's section on the start page: counts only (no access-log row)."""
    return {"telling": kandidaten_tellingen(request.user)}
