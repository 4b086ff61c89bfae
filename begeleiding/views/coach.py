"""The jobcoach's pages (issue 16): the caseload ("Mijn deelnemers"), the aftercare due
("Nazorgcontacten"), one participant's coaching page with its forms (a contact, a retention
check, closing aftercare), and the regisseur's page that assigns jobcoaches in a trajectory.

Thin views: begeleiding.selectors read (scoped to the user: the caseload, the regisseur's
trajectories, the klantmanager's gemeente), begeleiding.services write. Out of scope: 404. A
jobcoach reads the minimum fields only (selectors.caseload_rijen): never the BSN, benefit,
health or intake. Every person shown is written to the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from begeleiding import selectors, services
from begeleiding.forms import AfsluitenForm, BegeleidingscontactForm, BehoudcheckForm, ToewijzenForm, actie_form
from begeleiding.models import Coachtoewijzing
from deelnemers.models import Deelnemer
from leerwerk.audit import log_access, log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.permissions import any_role_required, role_required
from leerwerk.secties import sectie_antwoord
from trajecten.constants import NAZORG_STATUS
from trajecten.selectors import traject_for_regie

PER_PAGINA = 25
jobcoach_required = role_required(Rol.JOBCOACH)
regisseur_required = role_required(Rol.REGISSEUR)

# The menu entry each role reaches the coaching page from.
NAV_PER_ROL = {Rol.JOBCOACH: "begeleiding", Rol.REGISSEUR: "trajecten", Rol.KLANTMANAGER: "kandidaten"}


def _personen(ids) -> list[Deelnemer]:
    """Stand-ins for the access log (only the id is written): no person's row is loaded."""
    return [Deelnemer(pk=pk) for pk in dict.fromkeys(ids)]


# --- Mijn deelnemers -----------------------------------------------------------------------------


def _met_pagina(url, request) -> str:
    """A section's URL with the page's ?pagina= passed on (the pagination links lead to the page)."""
    pagina = _int(request.GET.get("pagina"))
    return f"{url}?pagina={pagina}" if pagina else url


@jobcoach_required
@require_GET
def caseload(request):
    """The caseload's page: a shell; the list loads as a section (caseload_lijst)."""
    lijst_url = _met_pagina(reverse("begeleiding:caseload_lijst"), request)
    return render(request, "begeleiding/coach/caseload.html", {"nav_actief": "begeleiding", "lijst_url": lijst_url})


@jobcoach_required
@require_GET
def caseload_lijst(request):
    """The jobcoach's caseload, 25 a page: the minimum fields, open actions, open questions of
    employers and the user's current signals. A fixed number of queries whatever its size."""
    pagina = Paginator(selectors.caseload_rijen(request.user), PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = [selectors.als_rij(v) for v in pagina.object_list]
    signalen = selectors.signalen_per_deelname(request.user, [r.deelname_id for r in rijen]) if rijen else {}
    log_access_many(request, action="list", objects=_personen(r.deelnemer_id for r in rijen), rol=Rol.JOBCOACH)
    return sectie_antwoord(
        request,
        "begeleiding/coach/_caseload_lijst.html",
        {
            "nav_actief": "begeleiding",
            "pagina": pagina,
            "rijen": [(rij, signalen.get(rij.deelname_id, [])) for rij in rijen],
        },
        titel=_("Mijn deelnemers"),
        terug=(_("Mijn werk"), reverse("mijn_werk_rol", kwargs={"rol": Rol.JOBCOACH})),
    )


# --- Nazorgcontacten -------------------------------------------------------------------------------


@jobcoach_required
@require_GET
def nazorg(request):
    """The aftercare page: a shell; the aftercare due loads as a section (nazorg_lijst)."""
    lijst_url = _met_pagina(reverse("begeleiding:nazorg_lijst"), request)
    return render(request, "begeleiding/coach/nazorg.html", {"nav_actief": "begeleiding", "lijst_url": lijst_url})


@jobcoach_required
@require_GET
def nazorg_lijst(request):
    """The aftercare of the caseload: the next aftercare contact of each participant in aftercare
    (as the aftercare signal counts them) and the retention checks to record, due first; and the
    coaching contacts recorded lately."""
    vandaag = timezone.localdate()
    rijen = selectors.nazorg_rijen(request.user, vandaag=vandaag)
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    recent = selectors.recente_begeleidingscontacten(request.user)
    getoond = [r.deelnemer_id for r in pagina.object_list] + [c["deelname__deelnemer_id"] for c in recent]
    log_access_many(request, action="list", objects=_personen(getoond), rol=Rol.JOBCOACH)
    return sectie_antwoord(
        request,
        "begeleiding/coach/_nazorg_lijst.html",
        {
            "nav_actief": "begeleiding",
            "pagina": pagina,
            "aan_de_beurt": sum(r.aan_de_beurt for r in rijen),
            "checks": sum(len(r.checks) for r in rijen),
            "recent": recent,
            "vandaag": vandaag,
        },
        titel=_("Nazorgcontacten"),
        terug=(_("Mijn deelnemers"), reverse("begeleiding:caseload")),
    )


# --- One participant ---------------------------------------------------------------------------------


def _lees(request, pk):
    """The participation's row and the role the user reads it in (404 out of scope), logged."""
    rij, rol = selectors.begeleiding_rij(request.user, pk)
    request.active_rol = rol
    log_access(request, action="view", object_type="deelnemers.Deelnemer", object_id=rij.deelnemer_id, rol=rol)
    return rij, rol


def _terug(rij, rol) -> tuple[str, str]:
    """Where the participant page leads back to, per role."""
    if rol == Rol.JOBCOACH:
        return _("Mijn deelnemers"), reverse("begeleiding:caseload")
    if rol == Rol.REGISSEUR:
        return rij.naam, reverse("trajecten:deelname", args=[rij.deelname_id])
    return rij.naam, reverse("deelnemers:kandidaat", args=[rij.deelnemer_id])


def _deelnemer_url(pk, anker="") -> str:
    return reverse("begeleiding:deelnemer", args=[pk]) + (f"#{anker}" if anker else "")


def _lees_kop(request, pk):
    """The heading's fields and the role (one query; 404 out of scope), logged: the page shell
    and the contacts section show the person but not the caseload row."""
    kop, rol = selectors.begeleiding_kop(request.user, pk)
    request.active_rol = rol
    log_access(request, action="view", object_type="deelnemers.Deelnemer", object_id=kop.deelnemer_id, rol=rol)
    return kop, rol


@any_role_required
@require_GET
def deelnemer(request, pk):
    return _deelnemer_pagina(request, pk)


def _deelnemer_pagina(request, pk, *, gelezen=None, inline: dict | None = None):
    """A participant's coaching page: a shell with the name and phase; the participant and work,
    the aftercare, signals and open actions load as one section (deelnemer_gegevens), the
    contacts as another, the forms as sections too. After a refused POST (`inline`: the form
    section's context; `gelezen`: the row and role the POST already read) the form comes inline
    with its errors, and so does the section it belongs in."""
    kop, rol = gelezen or _lees_kop(request, pk)
    context = {"nav_actief": NAV_PER_ROL[rol], "rij": kop, "lees_rol": rol, "terug": _terug(kop, rol)}
    if inline:
        context.update(_gegevens_context(request, pk), inline=inline)
    return render(request, "begeleiding/coach/deelnemer.html", context)


def _gegevens_context(request, pk) -> dict:
    vandaag = timezone.localdate()
    deelname = selectors.deelname_voor_begeleiding(pk)
    stand = selectors.nazorgstand(deelname, vandaag=vandaag)
    return {
        "stand": stand,
        "redenen": stand.redenen_niet_afsluiten(),
        "kan_checken": any(m.kan_vastleggen(vandaag) for m in stand.checks),
        "in_nazorg": deelname.status in NAZORG_STATUS,
        "acties": selectors.open_acties_van(request.user, pk),
        "signalen": selectors.signalen_per_deelname(request.user, [pk], vandaag).get(pk, []),
        "vandaag": vandaag,
    }


@any_role_required
@require_GET
def deelnemer_gegevens(request, pk):
    """Section: the participant and their work (the minimum fields), the aftercare state, the
    user's signals and the open actions; with the check and closing forms as sections of their own."""
    rij, rol = _lees(request, pk)
    context = {"lees_rol": rol, **_gegevens_context(request, pk)}
    return _sectie(request, rij, "begeleiding/coach/_gegevens.html", context, _("Deelnemer en werk"))


@any_role_required
@require_GET
def deelnemer_contacten(request, pk):
    """Section: the coaching and aftercare contacts with their follow-up actions."""
    kop, _rol = _lees_kop(request, pk)
    context = {"contacten": selectors.begeleidingscontacten(pk)}
    return _sectie(request, kop, "begeleiding/coach/_contacten.html", context, _("Contacten"))


def _sectie(request, rij, template, context, titel):
    return sectie_antwoord(
        request,
        template,
        {"nav_actief": NAV_PER_ROL[request.active_rol], "rij": rij, **context},
        titel=f"{rij.naam}: {titel}",
        terug=(rij.naam, _deelnemer_url(rij.deelname_id)),
    )


def _contact_context(deelname, form=None, actie=None) -> dict:
    return {
        "contact_form": form or BegeleidingscontactForm(),
        "actie_form": actie or actie_form(deelname=deelname),
        "sectie": "contact",
    }


@any_role_required
@require_http_methods(["GET", "POST"])
def contact(request, pk):
    """GET: the form that records a coaching or aftercare contact (a section of the page).
    POST: record it, with an optional follow-up action."""
    rij, rol = _lees(request, pk)
    deelname = selectors.deelname_voor_begeleiding(pk)
    if request.method == "GET":
        return _sectie(
            request, rij, "begeleiding/coach/_contact.html", _contact_context(deelname), _("Contact vastleggen")
        )
    form = BegeleidingscontactForm(request.POST)
    actie = actie_form(request.POST, deelname=deelname)
    if form.is_valid() and actie.is_valid():
        actie_data = actie.as_actie()
        try:
            services.begeleidingscontact_vastleggen(
                acting_user=request.user,
                deelname=deelname,
                soort=form.cleaned_data["soort"],
                datum=form.cleaned_data["datum"],
                samenvatting=form.cleaned_data["samenvatting"],
                acties=[actie_data] if actie_data else [],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "acties" in exc.error_dict:
                actie.add_error("eigenaar", exc.error_dict.pop("acties"))
            if not hasattr(exc, "error_dict") or exc.error_dict:
                add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contact met %(naam)s is vastgelegd.") % {"naam": rij.naam})
            return redirect(_deelnemer_url(pk, "contacten"))
    return _deelnemer_pagina(request, pk, gelezen=(rij, rol), inline=_contact_context(deelname, form, actie))


def _check_context(deelname, stand, vandaag, form=None) -> dict:
    momenten = [m for m in stand.checks if m.kan_vastleggen(vandaag)]
    if form is None and momenten:
        form = BehoudcheckForm(momenten=momenten, werkgevers=selectors.werkgevers_van_traject(deelname.traject_id))
    return {"check_form": form, "stand": stand, "sectie": "check"}


@any_role_required
@require_http_methods(["GET", "POST"])
def behoudcheck(request, pk):
    """GET: the form that records a retention check, when one may be recorded now (else what
    is due when). POST: record it."""
    rij, rol = _lees(request, pk)
    deelname = selectors.deelname_voor_begeleiding(pk)
    vandaag = timezone.localdate()
    stand = selectors.nazorgstand(deelname, vandaag=vandaag)
    if request.method == "GET":
        context = _check_context(deelname, stand, vandaag)
        return _sectie(request, rij, "begeleiding/coach/_check.html", context, _("Check: nog aan het werk?"))
    momenten = [m for m in stand.checks if m.kan_vastleggen(vandaag)]
    werkgevers = selectors.werkgevers_van_traject(deelname.traject_id)
    form = BehoudcheckForm(request.POST, momenten=momenten, werkgevers=werkgevers)
    if form.is_valid():
        try:
            check = services.behoudcheck_vastleggen(
                acting_user=request.user, deelname=deelname, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De check na %(n)s maanden van %(naam)s is vastgelegd.") % {"n": check.maanden, "naam": rij.naam},
            )
            return redirect(_deelnemer_url(pk, "nazorg"))
    return _deelnemer_pagina(request, pk, gelezen=(rij, rol), inline=_check_context(deelname, stand, vandaag, form))


@any_role_required
@require_http_methods(["GET", "POST"])
def afsluiten(request, pk):
    """GET: the form that closes aftercare, when it may be closed (else why not yet). POST:
    close it; the participation is then afgerond (and leaves the jobcoach's caseload)."""
    rij, rol = _lees(request, pk)
    deelname = selectors.deelname_voor_begeleiding(pk)
    stand = selectors.nazorgstand(deelname)
    redenen = stand.redenen_niet_afsluiten()
    if request.method == "GET":
        context = {"afsluiten_form": None if redenen else AfsluitenForm(), "redenen": redenen, "sectie": "afsluiten"}
        return _sectie(request, rij, "begeleiding/coach/_afsluiten.html", context, _("Nazorg afsluiten"))
    form = AfsluitenForm(request.POST)
    if form.is_valid():
        try:
            services.nazorg_afsluiten(acting_user=request.user, deelname=deelname, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De nazorg van %(naam)s is afgesloten.") % {"naam": rij.naam})
            if rol == Rol.JOBCOACH:  # afgerond: no longer in the caseload
                return redirect("begeleiding:caseload")
            return redirect(_deelnemer_url(pk, "nazorg"))
    inline = {"afsluiten_form": form, "redenen": redenen, "sectie": "afsluiten"}
    return _deelnemer_pagina(request, pk, gelezen=(rij, rol), inline=inline)


# --- The regisseur assigns jobcoaches ------------------------------------------------------------------


@regisseur_required
@require_http_methods(["GET", "POST"])
def toewijzen(request, pk):
    """The trajectory's jobcoaches: a shell whose list loads as a section (toewijzen_lijst). POST:
    assign a jobcoach of a partner organisation to a participant, or end an assignment; when
    refused, the page with the list and the error inline."""
    traject = traject_for_regie(request.user, pk)
    if request.method == "GET":
        lijst_url = _met_pagina(reverse("begeleiding:toewijzen_lijst", args=[traject.pk]), request)
        return render(
            request,
            "begeleiding/coach/toewijzen.html",
            {"nav_actief": "trajecten", "traject": traject, "lijst_url": lijst_url},
        )
    coaches = selectors.coaches_van_trajectpartners(traject.pk)
    if request.POST.get("beeindigen"):
        toewijzing = Coachtoewijzing.objects.filter(
            pk=_int(request.POST["beeindigen"]), deelname__traject=traject
        ).first()
        if toewijzing is None:
            raise Http404
        services.coach_toewijzing_beeindigen(acting_user=request.user, toewijzing=toewijzing)
        messages.success(request, _("De toewijzing is beëindigd."))
        return redirect(_toewijzen_url(traject.pk, request.POST.get("pagina")))
    form = ToewijzenForm(request.POST, coaches=coaches)
    deelname_id = form.data.get("deelname")
    if form.is_valid():
        deelname = selectors.toewijzing_deelnames(request.user, traject.pk).filter(pk=form.cleaned_data["deelname"])
        if not deelname.exists():
            raise Http404
        try:
            services.coach_toewijzen(
                acting_user=request.user, deelname=form.cleaned_data["deelname"], jobcoach=form.cleaned_data["jobcoach"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(coach)s is toegewezen als jobcoach.") % {"coach": form.cleaned_data["jobcoach"]}
            )
            return redirect(_toewijzen_url(traject.pk, request.POST.get("pagina")))
    fout = {"deelname_id": _int(deelname_id), "fouten": [e for errors in form.errors.values() for e in errors]}
    context = _toewijzen_context(request, traject, coaches, request.POST.get("pagina"), fout)
    return render(request, "begeleiding/coach/toewijzen.html", {**context, "direct": True})


@regisseur_required
@require_GET
def toewijzen_lijst(request, pk):
    """Section: the trajectory's participants (still in it) with their jobcoaches, 25 a page,
    each with the form to assign a jobcoach or end an assignment."""
    traject = traject_for_regie(request.user, pk)
    coaches = selectors.coaches_van_trajectpartners(traject.pk)
    context = _toewijzen_context(request, traject, coaches, request.GET.get("pagina"))
    return sectie_antwoord(
        request,
        "begeleiding/coach/_toewijzen_lijst.html",
        context,
        titel=f"{_('Jobcoaches van de deelnemers')} · {traject.naam}",
        terug=(traject.naam, reverse("trajecten:detail", args=[traject.pk])),
    )


def _toewijzen_context(request, traject, coaches, pagina_nr, fout=None) -> dict:
    pagina = Paginator(selectors.toewijzing_deelnames(request.user, traject.pk), PER_PAGINA).get_page(pagina_nr)
    ids = [d["id"] for d in pagina.object_list]
    op_plaatsing, toegewezen = selectors.jobcoaches_per_deelname(ids)
    # The same options in every row's select: written once for the page, not a form per row.
    coach_opties = format_html_join(
        "\n", '<option value="{}">{} ({})</option>', ((c.pk, c, c.organisatie) for c in coaches)
    )
    rijen = [
        {
            "deelname_id": d["id"],
            "naam": f"{d['deelnemer__voornaam']} {d['deelnemer__achternaam']}",
            "status": d["status"],
            "op_plaatsing": op_plaatsing.get(d["id"], []),
            "toegewezen": toegewezen.get(d["id"], []),
            "fout": fout["fouten"] if fout and fout["deelname_id"] == d["id"] else None,
        }
        for d in pagina.object_list
    ]
    log_access_many(request, action="list", objects=_personen(d["deelnemer_id"] for d in pagina.object_list))
    return {
        "nav_actief": "trajecten",
        "traject": traject,
        "pagina": pagina,
        "rijen": rijen,
        "coach_opties": coach_opties,
        "fout": fout,
    }


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _toewijzen_url(traject_pk, pagina) -> str:
    url = reverse("begeleiding:toewijzen", args=[traject_pk])
    return f"{url}?pagina={_int(pagina)}" if _int(pagina) else url


# --- The jobcoach's start page -------------------------------------------------------------------------


def start_context(request) -> dict:
    """The jobcoach's section on the start page: counts only (no person is shown)."""
    user = request.user
    rijen = selectors.nazorg_rijen(user)
    return {
        "begeleiding": {
            "deelnemers": selectors.caseload(user).count(),
            "nazorg": sum(r.aan_de_beurt for r in rijen),
            "checks": sum(len(r.checks) for r in rijen),
            "vragen": selectors.vragen_voor_beantwoorder(user).filter(beantwoord_op__isnull=True).count(),
        }
    }
