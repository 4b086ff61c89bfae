"""The opleider's page: trajectories, modules, attendance, progress, results, certificates.

Thin: selectors read (scoped), services write. Out of scope answers 404, also when a service
refuses with PermissionDenied. Every render that shows participants writes access-log rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk.audit import log_access, log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from opleiders import constants as c
from opleiders import selectors, services
from opleiders.forms import (
    CertificaatForm,
    InschrijfForm,
    ModuleDeelnameForm,
    ModuleForm,
    attach_forms,
)
from opleiders.selectors import ModuleRij, TrajectBlok

PAGE = "opleiders:deelnemers"


opleider_required = role_required(Rol.OPLEIDER)


def _submit(form, service, **kwargs):
    """Validate the form, then call the service with its cleaned data: the service's
    ValidationError goes onto the form (its PermissionDenied reaches role_required: 404). Returns the
    service's result, or None when the input was refused."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs, **form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


# Where a form that failed sits on the page, by its key in attach_forms().
_ANCHORS = {
    "module": "module-toevoegen-{}",
    "inschrijven": "module-{}",
    "rij": "rij-{}",
    "certificaat": "certificaat-toevoegen-{}",
}


# The persons the last visit of the page in this session showed (and logged). An htmx row answer
# on that page shows one of them again as part of the same visit: it writes no second row (issue
# 11, item 8). A person not shown on that page, or a plain POST, is logged as before. The page
# itself shows no person (issue 12): it starts the set afresh, and each section that shows
# persons adds them. (Sections load side by side; when two save the session at the same moment
# one's persons may be lost from the set, which costs at most an extra log row, never a missing one.)
_GETOOND = "opleiders_getoond"


def _getoond(request, personen) -> None:
    request.session[_GETOOND] = sorted(set(request.session.get(_GETOOND, ())) | {d.pk for d in personen})


@dataclass
class Sectie:
    """A lazy section of a trajectory on the page: its URL, its root element's id, its title."""

    url: str
    id: str
    titel: str
    template: str


def _secties(trajecten) -> list[dict]:
    """Each trajectory of the page with its lazy sections (titles translated once)."""
    soorten = [
        ("opleiders:sectie_modules", "modules-{}", _("Modules"), MODULES),
        ("opleiders:sectie_module_toevoegen", "module-toevoegen-{}", _("Module toevoegen"), MODULE_TOEVOEGEN),
        ("opleiders:sectie_deelnemers", "deelnemers-{}", _("Deelnemers en certificaten"), DEELNEMERS),
    ]
    return [
        {
            "traject": traject,
            "secties": [
                Sectie(reverse(naam, args=[traject.pk]), anker.format(traject.pk), titel, template)
                for naam, anker, titel, template in soorten
            ],
        }
        for traject in trajecten
    ]


MODULES = "opleiders/_modules.html"
MODULE_TOEVOEGEN = "opleiders/_module_toevoegen.html"
DEELNEMERS = "opleiders/_deelnemers.html"


def _opties(keuzes) -> dict:
    """The <option> lines of a row's select for each value it can hold, written once per answer
    (the same HTML _rij_velden.html wrote per row with a loop; test_rij_licht compares)."""
    keuzes = [(waarde, str(label)) for waarde, label in keuzes]
    return {
        gekozen: mark_safe(  # noqa: S308 - every value and label is escaped by format_html
            "".join(
                format_html('  <option value="{}"{}>{}</option>\n', w, " selected" if w == gekozen else "", label)
                for w, label in keuzes
            )
        )
        for gekozen in [None, *(w for w, _label in keuzes)]
    }


def _schrijf_rijen_uit(blokken) -> None:
    """Give each editable row without a (refused) form its select options, written out."""
    voortgang = _opties(c.Voortgang.choices)
    resultaat = _opties(ModuleDeelnameForm.base_fields["resultaat"].choices)
    for blok in blokken:
        for mb in blok.modules:
            for rij in mb.rijen:
                if rij.bewerkbaar and rij.form is None:
                    md = rij.moduledeelname
                    rij.voortgang_opties = voortgang.get(md.voortgang, voortgang[None])
                    rij.resultaat_opties = resultaat.get(md.resultaat, resultaat[None])


def _page(request, bound: dict | None = None, traject_pk: int | None = None):
    """The page's light part (heading, the trajectories and their navigation) with a lazy
    section per part of each trajectory (leerwerk.secties). `bound` holds a submitted form of
    trajectory `traject_pk` that failed: that trajectory's sections are rendered in place, with
    the form and its errors, and their persons logged."""
    trajecten = selectors.trajecten_op_pagina(request.user)
    inline = None
    if bound:
        inline = selectors.traject_blok(request.user, traject_pk)
        attach_forms([inline], bound)
        _schrijf_rijen_uit([inline])
        getoond = selectors.deelnemers_getoond([inline])
        log_access_many(request, action="list", objects=getoond)
        request.session[_GETOOND] = sorted(d.pk for d in getoond)
    else:
        request.session[_GETOOND] = []
    context = {
        "trajecten": _secties(trajecten),
        "inline": inline,
        "nav_actief": "opleiding",
    }
    if bound:
        (kind, pk), *_rest = bound
        context["fout_anker"] = _ANCHORS[kind].format(pk)
    return render(request, "opleiders/deelnemers.html", context, status=200)


def _sectie(request, blok, template, titel):
    return sectie_antwoord(
        request,
        template,
        {"blok": blok, "nav_actief": "opleiding"},
        titel=f"{titel}: {blok.traject.naam}",
        terug=(_("Opleiding en voortgang"), f"{reverse(PAGE)}#traject-{blok.traject.pk}"),
    )


@opleider_required
@require_GET
def sectie_modules(request, traject_pk: int):
    """A trajectory's modules with their participants' rows and enrolment forms."""
    blok = selectors.traject_blok(request.user, traject_pk, certificaten=False)
    attach_forms([blok], onderdelen=("modules",))
    _schrijf_rijen_uit([blok])
    getoond = selectors.deelnemers_in_modules(blok)
    log_access_many(request, action="list", objects=getoond)
    _getoond(request, getoond)
    return _sectie(request, blok, MODULES, _("Modules"))


@opleider_required
@require_GET
def sectie_module_toevoegen(request, traject_pk: int):
    """The form that adds a module to a trajectory (no person data)."""
    traject = selectors.traject_trained(request.user, traject_pk)
    blok = TrajectBlok(traject=traject, module_form=ModuleForm(traject_pk=traject.pk))
    return _sectie(request, blok, MODULE_TOEVOEGEN, _("Module toevoegen"))


@opleider_required
@require_GET
def sectie_deelnemers(request, traject_pk: int):
    """A trajectory's participants with their certificates, and the form that records one."""
    blok = selectors.traject_blok(request.user, traject_pk, rijen=False)
    attach_forms([blok], onderdelen=("certificaat",))
    getoond = selectors.deelnemers_getoond([blok])
    log_access_many(request, action="list", objects=getoond)
    _getoond(request, getoond)
    return _sectie(request, blok, DEELNEMERS, _("Deelnemers en certificaten"))


def _back(anchor: str):
    return redirect(f"{reverse(PAGE)}#{anchor}")


@opleider_required
@require_GET
def deelnemers(request):
    return _page(request)


@opleider_required
@require_POST
def module_nieuw(request, traject_pk: int):
    traject = selectors.traject_trained(request.user, traject_pk)
    form = ModuleForm(request.POST, traject_pk=traject.pk)
    module = _submit(form, services.module_create, acting_user=request.user, traject=traject)
    if module is not None:
        messages.success(request, _("Module '%(naam)s' is toegevoegd.") % {"naam": module.naam})
        return _back(f"module-{module.pk}")
    return _page(request, {("module", traject.pk): form}, traject.pk)


@opleider_required
@require_http_methods(["GET", "POST"])
def module_wijzigen(request, pk: int):
    module = selectors.module_for_update(request.user, pk)
    form = ModuleForm(
        request.POST if request.method == "POST" else None,
        traject_pk=module.traject_id,
        initial={name: getattr(module, name) for name in services.MODULE_FIELDS},
        auto_id="id_%s",
    )
    if request.method == "POST" and _submit(form, services.module_update, acting_user=request.user, module=module):
        messages.success(request, _("Module '%(naam)s' is gewijzigd.") % {"naam": form.cleaned_data["naam"]})
        return _back(f"module-{module.pk}")
    return render(request, "opleiders/module_form.html", {"module": module, "form": form, "nav_actief": "opleiding"})


@opleider_required
@require_POST
def inschrijven(request, pk: int):
    module = selectors.module_for_update(request.user, pk)
    deelnames = selectors.deelnames_in_traject(request.user, module.traject)
    form = InschrijfForm(request.POST, module_pk=module.pk, deelnames=deelnames)
    if _submit(form, services.moduledeelname_add, acting_user=request.user, module=module):
        messages.success(
            request,
            _("%(naam)s is ingeschreven voor '%(module)s'.")
            % {"naam": form.cleaned_data["deelname"].deelnemer.naam, "module": module.naam},
        )
        return _back(f"module-{module.pk}")
    return _page(request, {("inschrijven", module.pk): form}, module.traject_id)


@opleider_required
@require_POST
def rij(request, pk: int):
    """Save one participant's attendance, progress and result. With htmx: answer the row."""
    item = selectors.moduledeelname_for_update(request.user, pk)
    form = ModuleDeelnameForm(request.POST, moduledeelname=item)
    saved = _submit(form, services.moduledeelname_update, acting_user=request.user, moduledeelname=item) is not None
    naam = item.deelname.deelnemer.naam
    if request.htmx:
        if saved:
            item = selectors.moduledeelname_for_update(request.user, pk)
            form = ModuleDeelnameForm(moduledeelname=item)
        if item.deelname.deelnemer_id not in request.session.get(_GETOOND, ()):
            log_access(request, action="view", obj=item.deelname.deelnemer)
        return render(
            request,
            "opleiders/_rij_antwoord.html",
            {"rij": ModuleRij(item, item.deelname, bewerkbaar=True, form=form), "saved": saved, "naam": naam},
        )
    if saved:
        messages.success(
            request, _("Opgeslagen: %(module)s van %(naam)s.") % {"module": item.module.naam, "naam": naam}
        )
        return _back(f"rij-{item.pk}")
    return _page(request, {("rij", item.pk): form}, item.module.traject_id)


@opleider_required
@require_POST
def certificaat_nieuw(request, traject_pk: int):
    traject = selectors.traject_trained(request.user, traject_pk)
    form = CertificaatForm(
        request.POST,
        traject_pk=traject.pk,
        deelnames=selectors.deelnames_in_traject(request.user, traject),
        modules=selectors.modules_provided_by(request.user).filter(traject_id=traject.pk),
    )
    certificaat = _submit(form, services.certificaat_create, acting_user=request.user)
    if certificaat is not None:
        messages.success(
            request,
            _("Certificaat %(soort)s vastgelegd voor %(naam)s.")
            % {"soort": certificaat.get_soort_display(), "naam": form.cleaned_data["deelnemer"].naam},
        )
        return _back(f"deelnemers-{traject.pk}")
    return _page(request, {("certificaat", traject.pk): form}, traject.pk)


def start_context(request) -> dict:
    """The opleider's section on the start page: counts only, no person data."""
    return {"samenvatting": selectors.samenvatting_for_opleider(request.user)}
