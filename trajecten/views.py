"""The regisseur's screens: trajectories, partners, phase planning, the board and participations.

Thin views: selectors read (scoped to the user), services write, forms parse. Out of scope,
another role, or a service's PermissionDenied: 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deelnemers.constants import week_rooster
from leerwerk.audit import log_access, log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from regie.selectors import overleggen_voor_start
from signalen.views.lijst import traject_signalen
from trajecten import constants as c
from trajecten import selectors, services
from trajecten.forms import (
    ContactmomentForm,
    DeelnameStapForm,
    FaseForm,
    PartnerForm,
    TrajectForm,
    VervolgactieFormSet,
)

S = c.DeelnameStatus


regisseur_required = role_required(Rol.REGISSEUR)


def _post(request):
    """The POST data for a form on a page that is also shown by GET (an empty POST is a POST too)."""
    return request.POST if request.method == "POST" else None


def _render(request, template, context, status=200):
    return render(request, template, {"nav_actief": "trajecten", **context}, status=status)


# --- Trajectories -------------------------------------------------------------------------


@regisseur_required
def lijst(request):
    return _render(request, "trajecten/lijst.html", {"rijen": selectors.trajecten_overzicht(request.user)})


@require_http_methods(["GET", "POST"])
@regisseur_required
def nieuw(request):
    form = TrajectForm(_post(request), user=request.user, initial={"regisseur": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            traject = services.traject_create(acting_user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Traject %(naam)s is aangemaakt.") % {"naam": traject.naam})
            return redirect("trajecten:detail", pk=traject.pk)
    return _render(request, "trajecten/traject_form.html", {"form": form, "traject": None})


@require_http_methods(["GET", "POST"])
@regisseur_required
def wijzigen(request, pk):
    traject = get_object_or_404(selectors.trajecten_directed_by(request.user).prefetch_related("gemeenten"), pk=pk)
    form = TrajectForm(_post(request), instance=traject, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.traject_update(acting_user=request.user, traject=traject, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van het traject zijn opgeslagen."))
            return redirect("trajecten:detail", pk=traject.pk)
    return _render(request, "trajecten/traject_form.html", {"form": form, "traject": traject})


def _bord_context(request, traject, kolommen, stap_forms=None, melding="", focus=""):
    """The board: a column per active state plus geparkeerd, a compact list of closed ones.
    Every person on it is written to the access log."""
    stap_forms = stap_forms or {}
    getoond = [d for deelnames in kolommen.values() for d in deelnames]
    log_access_many(request, action="list", objects=[d.deelnemer for d in getoond])
    counts = selectors.traject_counts(traject)

    def kaart(d):
        # A refused step keeps its bound form (errors, typed values); every other card gets its
        # allowed steps only, written out by _stap_kaart.html without a form per card (issue 12).
        if d.pk in stap_forms:
            return {"deelname": d, "form": stap_forms[d.pk]}
        return {"deelname": d, "opties": DeelnameStapForm.opties_voor(d)}

    # A refused card whose participant is no longer in a column (closed meanwhile): its
    # refusal is shown above the board instead.
    in_kolom = {d.pk for s in selectors.BORD_KOLOMMEN for d in kolommen[s]}
    los = [form for pk, form in stap_forms.items() if pk not in in_kolom]
    if los:
        focus = "bord-fout"

    return {
        "losse_fouten": los,
        "traject": traject,
        "kolommen": [(s, S(s).label, [kaart(d) for d in kolommen[s]]) for s in selectors.BORD_KOLOMMEN],
        "afgesloten": [(s, S(s).label, kolommen[s]) for s in c.END_STATES if kolommen[s]],
        "verborgen": sum(counts.values()) - len(getoond),
        "voortgang": selectors.doel_voortgang(traject, counts),
        "melding": melding,
        "focus": focus,
        "bord_vandaag": timezone.localdate().isoformat(),
        # The same options on every card: written once per board, not once per card.
        "bord_uitval_opties": format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (w, " selected" if not w else "", label)
                for w, label in DeelnameStapForm.base_fields["uitval_reden"].choices
            ),
        ),
    }


SECTIE_PADEN = ("signalen", "voortgang", "bord", "acties", "partnerlijst", "planningshulp", "planning", "financiering")


def _traject_pagina(request, pk, *, partner_form=None, fase_form=None, status=200):
    """The trajectory page (issue 12): its light part at once (heading, data, instroomprofiel);
    each section loads from a URL of its own (leerwerk.secties), the goal's progress too (it
    counts participations; the board's steps update it out of band).
    A refused form comes back with the page: its section is then rendered inline, with the errors."""
    traject = selectors.traject_detail(request.user, pk)  # 404 unless the user's organisation directs it
    # The sections' URLs sit under the page's own (trajecten/urls.py): one reverse() for all of
    # them (tests/trajecten/test_traject_secties.py checks each against its name).
    basis = reverse("trajecten:detail", kwargs={"pk": pk})
    context = {"traject": traject, "secties": {naam: f"{basis}{naam}/" for naam in SECTIE_PADEN}}
    if partner_form is not None:
        context.update(_partners_context(traject, partner_form))
    if fase_form is not None:
        context.update(_planning_context(traject, fase_form))
    return _render(request, "trajecten/detail.html", context, status=status)


@regisseur_required
def detail(request, pk):
    return _traject_pagina(request, pk)


def _sectie(request, traject, template, context, titel, anker):
    terug = (traject.naam, reverse("trajecten:detail", kwargs={"pk": traject.pk}) + f"#{anker}")
    return sectie_antwoord(
        request, template, {"nav_actief": "trajecten", "traject": traject, **context}, titel=titel, terug=terug
    )


@require_GET
@regisseur_required
def traject_bord(request, pk):
    """The trajectory page's board (its step answers re-render it: _bord_response)."""
    traject = selectors.traject_for_regie(request.user, pk)
    context = _bord_context(request, traject, selectors.board_for(request.user, traject))
    return _sectie(request, traject, "trajecten/_bord.html", context, _("Deelnemers"), "bord")


@require_GET
@regisseur_required
def traject_voortgang(request, pk):
    """The trajectory page's SMART goal and progress: counts only, naming nobody."""
    traject = selectors.traject_for_regie(request.user, pk)
    context = {"voortgang": selectors.doel_voortgang(traject, selectors.traject_counts(traject))}
    return _sectie(request, traject, "trajecten/_voortgang.html", context, _("SMART-doel en voortgang"), "voortgang")


@require_GET
@regisseur_required
def traject_signalen_sectie(request, pk):
    """The trajectory page's signal section; the names shown are access-logged there."""
    traject = selectors.traject_for_regie(request.user, pk)
    # Where a signal's form without htmx leads back to: the trajectory page, or without
    # JavaScript this section's page of its own.
    terug = request.get_full_path() if not request.htmx else reverse("trajecten:detail", kwargs={"pk": pk})
    context = {"vandaag": timezone.localdate(), "signalen_terug": f"{terug}#signalen"}
    context.update(traject_signalen(request, traject))
    return _sectie(request, traject, "signalen/_traject_signalen.html", context, _("Signalen"), "signalen")


@require_GET
@regisseur_required
def traject_acties(request, pk):
    """The trajectory page's open follow-up actions; the persons named are access-logged."""
    traject = selectors.traject_for_regie(request.user, pk)
    acties = list(selectors.open_acties_for_traject(request.user, traject))
    personen = {a.contactmoment.deelname.deelnemer_id: a.contactmoment.deelname.deelnemer for a in acties}
    log_access_many(request, action="list", objects=list(personen.values()))
    context = {"acties": acties, "vandaag": timezone.localdate()}
    return _sectie(request, traject, "trajecten/_acties.html", context, _("Open acties"), "acties")


def _partners_context(traject, form=None):
    return {"partners": list(selectors.partners_van(traject)), "partner_form": form or PartnerForm()}


@require_GET
@regisseur_required
def traject_partners(request, pk):
    """The trajectory page's partners, with the form to add one."""
    traject = selectors.traject_for_regie(request.user, pk)
    context = _partners_context(traject)
    return _sectie(request, traject, "trajecten/_partners.html", context, _("Partners en rollen"), "partners")


def _planning_context(traject, form=None):
    return {
        "fase_form": form or FaseForm(),
        "planning": selectors.fase_planning(traject.fases.all(), timezone.localdate()),
    }


@require_GET
@regisseur_required
def traject_planning(request, pk):
    """The trajectory page's phase planning, with the form to plan a phase."""
    traject = selectors.traject_for_regie(request.user, pk)
    context = _planning_context(traject)
    return _sectie(request, traject, "trajecten/_planning.html", context, _("Planning van de fasen"), "planning")


@require_POST
@regisseur_required
def partner_toevoegen(request, pk):
    traject = get_object_or_404(selectors.trajecten_directed_by(request.user), pk=pk)
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            partner = services.traject_partner_add(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(partner)s is toegevoegd als partner.") % {"partner": partner})
            return redirect(reverse("trajecten:detail", kwargs={"pk": pk}) + "#partners")
    return _traject_pagina(request, pk, partner_form=form)


@require_POST
@regisseur_required
def partner_verwijderen(request, pk, partner_pk):
    partner = selectors.traject_partner_for_regie(request.user, pk, partner_pk)
    services.traject_partner_remove(acting_user=request.user, partner=partner)
    messages.success(request, _("%(partner)s is geen partner meer in dit traject.") % {"partner": partner})
    return redirect(reverse("trajecten:detail", kwargs={"pk": pk}) + "#partners")


@require_POST
@regisseur_required
def fase_toevoegen(request, pk):
    traject = get_object_or_404(selectors.trajecten_directed_by(request.user), pk=pk)
    form = FaseForm(request.POST)
    if form.is_valid():
        try:
            fase = services.traject_fase_create(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Fase %(fase)s is ingepland.") % {"fase": fase.get_soort_display()})
            return redirect(reverse("trajecten:detail", kwargs={"pk": pk}) + "#planning")
    return _traject_pagina(request, pk, fase_form=form)


@require_http_methods(["GET", "POST"])
@regisseur_required
def fase_wijzigen(request, pk, fase_pk):
    fase = selectors.traject_fase_for_regie(request.user, pk, fase_pk)
    initial = {"soort": fase.soort, "start": fase.start, "eind": fase.eind}
    form = FaseForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.traject_fase_update(acting_user=request.user, fase=fase, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De planning is bijgewerkt."))
            return redirect(reverse("trajecten:detail", kwargs={"pk": pk}) + "#planning")
    return _render(request, "trajecten/fase_form.html", {"form": form, "fase": fase, "traject": fase.traject})


@require_POST
@regisseur_required
def fase_verwijderen(request, pk, fase_pk):
    fase = selectors.traject_fase_for_regie(request.user, pk, fase_pk)
    services.traject_fase_delete(acting_user=request.user, fase=fase)
    messages.success(request, _("Fase %(fase)s is uit de planning gehaald.") % {"fase": fase.get_soort_display()})
    return redirect(reverse("trajecten:detail", kwargs={"pk": pk}) + "#planning")


# --- Participations -----------------------------------------------------------------------


DEELNAME_SECTIES = {
    # name: (title, template); each loads lazily from deelnames/<pk>/sectie/<name>/ (issue 12)
    "stap": (_lazy("Volgende stap"), "trajecten/_deelname_stap.html"),
    "tijdlijn": (_lazy("Tijdlijn"), "trajecten/_deelname_tijdlijn.html"),
    "contactmomenten": (_lazy("Contactmomenten"), "trajecten/_deelname_contact.html"),
    "modules": (_lazy("Modules"), "trajecten/_deelname_modules.html"),
}


def _deelname_sectie_context(deelname, naam, *, contact_form=None, acties_formset=None) -> dict:
    if naam == "stap":
        return {"stap_form": DeelnameStapForm(deelname=deelname, terug="deelname")}
    if naam == "contactmomenten":
        return {
            "contact_form": contact_form or ContactmomentForm(deelname=deelname),
            "acties_formset": acties_formset
            or VervolgactieFormSet(prefix="acties", form_kwargs={"deelname": deelname}),
            "vandaag": timezone.localdate(),
        }
    return {}


def _deelname_pagina(request, pk, *, contact_form=None, acties_formset=None, status=200):
    """The participant page: the heading and the data for the regie at once; the next step, the
    timeline, the contact moments and the modules load lazily (leerwerk.secties). After a failed
    contact form the contact section is rendered in the page, with the bound forms and errors."""
    deelname = selectors.deelname_detail(request.user, pk, rol=Rol.REGISSEUR)
    log_access(request, action="view", obj=deelname.deelnemer)
    context = {
        "deelname": deelname,
        "deelnemer": deelname.deelnemer,
        "traject": deelname.traject,
        "criteria": selectors.instroom_check(deelname.deelnemer, deelname.traject),
        "rooster": week_rooster(deelname.deelnemer.dagdelen),
        "contact_inline": contact_form is not None,
    }
    if contact_form is not None:
        contact = selectors.deelname_sectie(request.user, pk, "contactmomenten", rol=Rol.REGISSEUR)
        context.update(
            _deelname_sectie_context(
                contact, "contactmomenten", contact_form=contact_form, acties_formset=acties_formset
            )
        )
        context["contact_deelname"] = contact
    return _render(request, "trajecten/deelname.html", context, status=status)


@regisseur_required
def deelname_detail(request, pk):
    return _deelname_pagina(request, pk)


@regisseur_required
def deelname_sectie(request, pk, sectie):
    """One section of the participant page (an htmx fragment, or a page of its own without
    JavaScript); guarded and scoped like the page, and logged as a read of the person."""
    if sectie not in DEELNAME_SECTIES:
        raise Http404
    deelname = selectors.deelname_sectie(request.user, pk, sectie, rol=Rol.REGISSEUR)
    log_access(request, action="view", obj=deelname.deelnemer)
    titel, template = DEELNAME_SECTIES[sectie]
    return sectie_antwoord(
        request,
        template,
        {"nav_actief": "trajecten", "deelname": deelname, **_deelname_sectie_context(deelname, sectie)},
        titel=f"{deelname.deelnemer.naam}: {titel}",
        terug=(deelname.deelnemer.naam, reverse("trajecten:deelname", kwargs={"pk": pk})),
    )


@require_POST
@regisseur_required
def deelname_stap(request, pk):
    """One step on the state machine, from a board card (htmx or not) or the participant page."""
    deelname = selectors.deelname_for_regie(request.user, pk)
    form = DeelnameStapForm(request.POST, deelname=deelname)
    naam = deelname.deelnemer.naam
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.deelname_transition(
                acting_user=request.user,
                deelname=deelname,
                naar=data["naar"],
                ingangsdatum=data["ingangsdatum"],
                toelichting=data["toelichting"],
                uitval_reden=data["uitval_reden"],
                verwacht_van=data["verwacht_van"] or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            melding = _("%(naam)s staat nu op %(status)s.") % {"naam": naam, "status": S(data["naar"]).label}
            waarschuwing = None
            if data["naar"] == S.GESELECTEERD:
                waarschuwing = selectors.bezetting(deelname.traject).waarschuwing_selectie()
            if request.htmx:
                melding = f"{melding} {waarschuwing}" if waarschuwing else melding
                return _bord_response(request, deelname.traject_id, melding=melding, focus=f"kaart-{deelname.pk}")
            messages.success(request, melding)
            if waarschuwing:
                messages.warning(request, waarschuwing)
            return _terug(deelname, form.data.get(form["terug"].html_name))
    if request.htmx:
        return _bord_response(request, deelname.traject_id, stap_forms={deelname.pk: form}, focus=f"kaart-{pk}")
    fouten = " ".join(e for errors in form.errors.values() for e in errors)
    messages.error(request, _("%(naam)s is niet verplaatst. %(fouten)s") % {"naam": naam, "fouten": fouten})
    return _terug(deelname, form.data.get(form["terug"].html_name))


def _bord_response(request, traject_pk, **kwargs):
    traject = selectors.traject_for_regie(request.user, traject_pk)
    kolommen = selectors.board_for(request.user, traject)
    context = _bord_context(request, traject, kolommen, **kwargs)
    return _render(request, "trajecten/_bord_response.html", context)


def _terug(deelname, terug):
    if terug == "deelname":
        return redirect("trajecten:deelname", pk=deelname.pk)
    # A board step without htmx comes from the board as a page of its own (no JavaScript: the
    # trajectory page only links to its lazy sections): back there, at the card.
    return redirect(reverse("trajecten:traject_bord", kwargs={"pk": deelname.traject_id}) + f"#kaart-{deelname.pk}")


@require_POST
@regisseur_required
def contactmoment_toevoegen(request, pk):
    deelname = selectors.deelname_for_regie(request.user, pk)
    form = ContactmomentForm(request.POST, deelname=deelname)
    formset = VervolgactieFormSet(request.POST, prefix="acties", form_kwargs={"deelname": deelname})
    if form.is_valid() and formset.is_valid():
        acties = [a for a in (f.as_actie() for f in formset.forms) if a]
        try:
            services.contactmoment_create(
                acting_user=request.user, deelname=deelname, acties=acties, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect(reverse("trajecten:deelname", kwargs={"pk": pk}) + "#contactmomenten")
    return _deelname_pagina(request, pk, contact_form=form, acties_formset=formset)


@require_POST
@regisseur_required
def actie_afgerond(request, pk):
    actie = selectors.vervolgactie_for_regie(request.user, pk)
    try:
        services.vervolgactie_complete(acting_user=request.user, actie=actie)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Actie afgerond: %(actie)s") % {"actie": actie.omschrijving})
    deelname = actie.contactmoment.deelname
    terug = request.POST.get("terug")
    if terug == "mijn_werk":
        return redirect("mijn_werk_rol", rol=Rol.REGISSEUR)
    if terug == "deelname":
        return redirect(reverse("trajecten:deelname", kwargs={"pk": deelname.pk}) + "#contactmomenten")
    return redirect(reverse("trajecten:detail", kwargs={"pk": deelname.traject_id}) + "#acties")


MAX_START_ACTIES = 10


def start_context(request) -> dict:
    """The regisseur's section on the start page: its trajectories and the first open actions.
    The persons named in the actions are logged as read in the regisseur role."""
    acties = list(selectors.open_acties_for_regisseur(request.user)[: MAX_START_ACTIES + 1])
    meer_acties, acties = len(acties) > MAX_START_ACTIES, acties[:MAX_START_ACTIES]
    personen = {a.contactmoment.deelname.deelnemer.pk: a.contactmoment.deelname.deelnemer for a in acties}
    log_access_many(request, action="list", objects=list(personen.values()), rol=Rol.REGISSEUR)
    return {
        "overzicht": {
            "rijen": selectors.trajecten_overzicht(request.user),
            "acties": acties,
            "meer_acties": meer_acties,
            "vandaag": timezone.localdate(),
            "overleg": overleggen_voor_start(request.user),
        }
    }
