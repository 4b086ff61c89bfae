"""The financing pages (issue 13): the financier's sources and decisions, the regisseur's budget
and financing plan of a trajectory. No page here shows a person (nothing to access-log)."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deelnemers.forms import error_summary
from financiering import buig, exports, selectors, services
from financiering import constants as c
from financiering.forms import (
    AfwijzenForm,
    BronForm,
    DekkingForm,
    FactuurForm,
    KostenverdelingForm,
    RegelForm,
    ResultaatafspraakForm,
    VoorfinancieringForm,
    regel_en_module,
)
from financiering.models import Dekking
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from leerwerk.templatetags.geld import euro
from trajecten.selectors import traject_for_regie

financier_required = role_required(Rol.FINANCIER)
regisseur_required = role_required(Rol.REGISSEUR)

# Decided cover shown on the financier's page: the latest, not the whole history.
BESLOTEN_MAX = 25


def _page(request, template: str, context: dict, *forms, nav: str = "financiering"):
    """A financing page; with form errors it answers 400 and shows the error summary on top."""
    fouten = error_summary(*forms)
    return render(request, template, {"nav_actief": nav, "fouten": fouten, **context}, status=400 if fouten else 200)


def _fouten(exc: ValidationError) -> str:
    return " ".join(m for berichten in exc.message_dict.values() for m in berichten)


# --- The financier --------------------------------------------------------------------------------------


def start_context(request) -> dict:
    """The financier's section on the start page: their sources' totals and what waits for them."""
    bronnen = list(selectors.bronnen_of_financier(request.user))
    saldi = selectors.saldi(bronnen).values()
    return {
        "bronnen": len(bronnen),
        "budget": sum((s.budget for s in saldi), selectors.NUL),
        "beschikbaar": sum((s.beschikbaar for s in saldi), selectors.NUL),
        "wachtend": selectors.dekkingen_for_financier(request.user).filter(status=c.DekkingStatus.VOORGESTELD).count()
        + selectors.afspraken_wachtend_for_financier(request.user).count(),
    }


@financier_required
@require_GET
def overzicht(request):
    """The financier's page: its heading at once; the sources with their balance, the cover
    waiting for a decision, the pre-financing, the statements and the latest decisions load
    lazily (leerwerk.secties)."""
    return _page(request, "financiering/overzicht.html", {})


def _bronnen_context(request) -> dict:
    bronnen = list(selectors.bronnen_of_financier(request.user).order_by("naam", "id"))
    saldi = selectors.saldi(bronnen)
    return {"bronnen": [{"bron": b, "saldo": saldi[b.pk]} for b in bronnen]}


@financier_required
@require_GET
def bronnen(request):
    """Section: the organisation's sources with their balance."""
    return sectie_antwoord(
        request, "financiering/_bronnen.html", _bronnen_context(request), titel=_("Bronnen en saldo"),
        terug=(_("Financiering"), reverse("financiering:overzicht")),
    )  # fmt: skip


def _dekkingen(request):
    return selectors.dekkingen_for_financier(request.user).select_related(
        "regel__traject", "regel__module", "bron", "voorgesteld_door", "beoordeeld_door"
    )


def _met_bedrag(dekkingen) -> list[dict]:
    bedrag = selectors.bedragen(dekkingen)
    return [{"dekking": d, "bedrag": bedrag[d.pk]} for d in dekkingen]


@financier_required
@require_GET
def wachtend(request):
    """Section: the cover asked of the organisation's sources, and the result agreements that name
    one as payer, oldest first."""
    rijen = list(_dekkingen(request).filter(status=c.DekkingStatus.VOORGESTELD).order_by("voorgesteld_op", "id"))
    context = {
        "wachtend": _met_bedrag(rijen),
        "afspraken": list(selectors.afspraken_wachtend_for_financier(request.user)),
    }
    terug = (_("Financiering"), reverse("financiering:overzicht"))
    return sectie_antwoord(request, "financiering/_wachtend.html", context, titel=_("Wacht op uw besluit"), terug=terug)


@financier_required
@require_GET
def besloten(request):
    """Section: the latest decisions on cover from the organisation's sources."""
    rijen = list(
        _dekkingen(request)
        .filter(status__in=[c.DekkingStatus.TOEGEZEGD, c.DekkingStatus.AFGEWEZEN])
        .order_by("-beoordeeld_op", "-id")[:BESLOTEN_MAX]
    )
    terug = (_("Financiering"), reverse("financiering:overzicht"))
    return sectie_antwoord(
        request, "financiering/_besloten.html", {"besloten": _met_bedrag(rijen)}, titel=_("Recent besloten"),
        terug=terug,
    )  # fmt: skip


def _bron_form(request, bron=None):
    form = BronForm(request.POST if request.method == "POST" else None, instance=bron)
    if request.method == "POST" and form.is_valid():
        velden = {k: form.cleaned_data[k] for k in services.BRON_FIELDS}
        try:
            services.bron_save(
                acting_user=request.user,
                bron=bron,
                alleen_gemeenten=list(form.cleaned_data["alleen_gemeenten"]),
                **velden,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De bron %(naam)s is opgeslagen.") % {"naam": velden["naam"]})
            return redirect("financiering:overzicht")
    titel = _("Bron wijzigen") if bron else _("Bron toevoegen")
    context = {"form": form, "titel": titel, "terug": reverse("financiering:overzicht"), "knop": _("Opslaan")}
    return _page(request, "financiering/form.html", context, form)


@financier_required
@require_http_methods(["GET", "POST"])
def bron_nieuw(request):
    return _bron_form(request)


@financier_required
@require_http_methods(["GET", "POST"])
def bron_wijzigen(request, pk):
    return _bron_form(request, get_object_or_404(selectors.bronnen_of_financier(request.user), pk=pk))


def _dekking_van_financier(request, pk):
    return get_object_or_404(
        selectors.dekkingen_for_financier(request.user).select_related("bron", "regel__traject", "regel__module"),
        pk=pk,
    )


@financier_required
@require_POST
def dekking_toezeggen(request, pk):
    dekking = _dekking_van_financier(request, pk)
    try:
        dekking = services.dekking_approve(acting_user=request.user, dekking=dekking)
    except ValidationError as exc:
        messages.error(request, _("Niet toegezegd. %(fouten)s") % {"fouten": _fouten(exc)})
    else:
        messages.success(
            request,
            _("Toegezegd: %(bedrag)s voor %(regel)s in %(traject)s.")
            % {"bedrag": euro(dekking.toegezegd_bedrag), "regel": dekking.regel, "traject": dekking.regel.traject},
        )
    return redirect("financiering:overzicht")


def _afwijzen(request, weiger, melding: str, context: dict):
    """A refusal with a reason (of cover, of a result agreement): the form, the service's errors
    on it, back to the financier's page when done."""
    form = AfwijzenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            weiger(acting_user=request.user, reden=form.cleaned_data["reden"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, melding)
            return redirect("financiering:overzicht")
    context = {"form": form, "terug": reverse("financiering:overzicht"), "knop": _("Afwijzen"), **context}
    return _page(request, "financiering/form.html", context, form)


@financier_required
@require_http_methods(["GET", "POST"])
def dekking_afwijzen(request, pk):
    dekking = _dekking_van_financier(request, pk)
    return _afwijzen(
        request,
        partial(services.dekking_refuse, dekking=dekking),
        _("Afgewezen: %(regel)s in %(traject)s.") % {"regel": dekking.regel, "traject": dekking.regel.traject},
        {"dekking": dekking, "bedrag": selectors.bedragen([dekking])[dekking.pk], "titel": _("Dekking afwijzen")},
    )


def _afspraak_van_financier(request, pk):
    return get_object_or_404(selectors.afspraken_wachtend_for_financier(request.user), pk=pk)


@financier_required
@require_POST
def afspraak_akkoord(request, pk):
    afspraak = _afspraak_van_financier(request, pk)
    try:
        services.resultaatafspraak_approve(acting_user=request.user, afspraak=afspraak)
    except ValidationError as exc:
        messages.error(request, _("Geen akkoord gegeven. %(fouten)s") % {"fouten": _fouten(exc)})
    else:
        messages.success(
            request,
            _("Akkoord: %(bron)s betaalt %(bedrag)s per resultaat (%(resultaat)s) in %(traject)s.")
            % {"bron": afspraak.betaler_bron.naam, "bedrag": euro(afspraak.bedrag),
               "resultaat": afspraak.get_resultaat_display().lower(), "traject": afspraak.traject},
        )  # fmt: skip
    return redirect("financiering:overzicht")


@financier_required
@require_http_methods(["GET", "POST"])
def afspraak_afwijzen(request, pk):
    afspraak = _afspraak_van_financier(request, pk)
    return _afwijzen(
        request,
        partial(services.resultaatafspraak_refuse, afspraak=afspraak),
        _("Afgewezen: de resultaatafspraak in %(traject)s.") % {"traject": afspraak.traject},
        # a soft hyphen: the word is long for a phone
        {"afspraak": afspraak, "titel": _("Resultaat\u00adafspraak afwijzen")},
    )


# --- The regisseur: the budget and the financing plan of a trajectory ---------------------------------------


def _formulieren_context(
    request, traject, *, regel_form=None, dekking_form=None, factuur_form=None, begroting_=None
) -> dict:
    begroting_ = begroting_ or selectors.begroting(traject)
    bronnen = selectors.bronnen_for_traject(request.user, traject).select_related("organisatie").order_by("naam")
    return {
        "traject": traject,
        "begroting": begroting_,
        "regel_form": regel_form or RegelForm(),
        "dekking_form": dekking_form or DekkingForm(begroting=begroting_, bronnen=bronnen),
        "factuur_form": factuur_form or FactuurForm(begroting=begroting_),
        "heeft_bronnen": bronnen.exists(),
    }


def _begroting_page(request, traject, *, regel_form=None, dekking_form=None, factuur_form=None, begroting_=None):
    """The budget page: its heading at once; the lines with their cover and the forms load
    lazily (leerwerk.secties). A refused form comes back with the page, its section inline."""
    forms_ = (regel_form, dekking_form, factuur_form)
    context = {"traject": traject, "formulieren_inline": any(f is not None for f in forms_)}
    if context["formulieren_inline"]:
        context.update(
            _formulieren_context(
                request,
                traject,
                regel_form=regel_form,
                dekking_form=dekking_form,
                factuur_form=factuur_form,
                begroting_=begroting_,
            )  # fmt: skip
        )
    return _page(request, "financiering/begroting.html", context, *forms_, nav="trajecten")


def _terug(traject):
    return (_("Begroting en financiering"), reverse("financiering:begroting", args=[traject.pk]))


@regisseur_required
@require_GET
def begroting(request, pk):
    return _begroting_page(request, traject_for_regie(request.user, pk))


@regisseur_required
@require_GET
def begroting_regels(request, pk):
    """Section of the budget page: the totals and the lines with their cover."""
    traject = traject_for_regie(request.user, pk)
    return sectie_antwoord(
        request,
        "financiering/_begroting_regels.html",
        {"traject": traject, "begroting": selectors.begroting(traject)},
        titel=_("Kostenregels en hun dekking"),
        terug=_terug(traject),
    )


@regisseur_required
@require_GET
def begroting_formulieren(request, pk):
    """Section of the budget page: propose cover, add a line."""
    traject = traject_for_regie(request.user, pk)
    return sectie_antwoord(
        request,
        "financiering/_begroting_formulieren.html",
        _formulieren_context(request, traject),
        titel=_("Dekking voorstellen en kostenregels toevoegen"),
        terug=_terug(traject),
    )


@regisseur_required
@require_GET
def traject_sectie(request, pk):
    """Section of the trajectory page: the budget's totals and its gap, and the business case."""
    traject = traject_for_regie(request.user, pk)
    begroting_ = selectors.begroting(traject)
    return sectie_antwoord(
        request,
        "financiering/_traject_sectie.html",
        {
            "traject": traject,
            "begroting": begroting_,
            "case": buig.besparingen({traject.pk: begroting_})[traject.pk],
        },
        titel=_("Financiering"),
        terug=(traject.naam, reverse("trajecten:detail", args=[traject.pk])),
    )


@regisseur_required
@require_POST
def regel_nieuw(request, pk):
    traject = traject_for_regie(request.user, pk)
    form = RegelForm(request.POST)
    if form.is_valid():
        try:
            services.begrotingsregel_save(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De regel %(naam)s is toegevoegd.") % {"naam": form.cleaned_data["omschrijving"]}
            )
            return redirect(reverse("financiering:begroting", args=[pk]) + "#regels")
    return _begroting_page(request, traject, regel_form=form)


@regisseur_required
@require_POST
def dekking_nieuw(request, pk):
    traject = traject_for_regie(request.user, pk)
    begroting_ = selectors.begroting(traject)
    bronnen = selectors.bronnen_for_traject(request.user, traject).select_related("organisatie").order_by("naam")
    form = DekkingForm(request.POST, begroting=begroting_, bronnen=bronnen)
    if form.is_valid():
        data = form.cleaned_data
        regel, module = regel_en_module(begroting_, data["regel"])
        try:
            services.dekking_propose(
                acting_user=request.user, traject=traject, bron=data["bron"], regel=regel, module=module,
                bedrag=data["bedrag"], aandeel=data["aandeel"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Voorgesteld aan %(bron)s. De eigenaar van de bron beslist.") % {"bron": data["bron"].naam},
            )
            return redirect(reverse("financiering:begroting", args=[pk]) + "#regels")
    return _begroting_page(request, traject, dekking_form=form, begroting_=begroting_)


@regisseur_required
@require_POST
def dekking_intrekken(request, pk, dekking_pk):
    traject = traject_for_regie(request.user, pk)
    dekking = get_object_or_404(Dekking.objects.select_related("bron"), pk=dekking_pk, regel__traject=traject)
    try:
        services.dekking_withdraw(acting_user=request.user, dekking=dekking)
    except ValidationError as exc:
        messages.error(request, _fouten(exc))
    else:
        messages.success(request, _("De dekking door %(bron)s is ingetrokken.") % {"bron": dekking.bron.naam})
    return redirect(reverse("financiering:begroting", args=[pk]) + "#regels")


# --- Result agreements (on the budget page) ------------------------------------------------------------


def _afspraken_context(request, traject, form=None) -> dict:
    bronnen = selectors.bronnen_for_traject(request.user, traject).select_related("organisatie").order_by("naam")
    return {
        "traject": traject,
        "afspraken": selectors.afspraken_van(traject),
        "afspraak_form": form
        or ResultaatafspraakForm(bronnen=bronnen, partners=selectors.partners_van_traject(traject)),
    }


@regisseur_required
@require_GET
def afspraken(request, pk):
    """Section of the budget page: the result agreements with their claims, and a new one."""
    traject = traject_for_regie(request.user, pk)
    return sectie_antwoord(
        request, "financiering/_afspraken.html", _afspraken_context(request, traject),
        titel=_("Resultaatfinanciering"), terug=_terug(traject),
    )  # fmt: skip


@regisseur_required
@require_POST
def afspraak_nieuw(request, pk):
    traject = traject_for_regie(request.user, pk)
    bronnen = selectors.bronnen_for_traject(request.user, traject).select_related("organisatie").order_by("naam")
    form = ResultaatafspraakForm(request.POST, bronnen=bronnen, partners=selectors.partners_van_traject(traject))
    if form.is_valid():
        try:
            afspraak = services.resultaatafspraak_create(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if afspraak.status == c.AfspraakStatus.AKKOORD:
                messages.success(
                    request, _("De resultaatafspraak is vastgelegd; bereikte resultaten tellen meteen mee.")
                )
            else:
                messages.success(
                    request,
                    _("De resultaatafspraak is vastgelegd en wacht op het akkoord van %(organisatie)s.")
                    % {"organisatie": afspraak.betaler_bron.organisatie.naam},
                )
            return redirect(reverse("financiering:begroting", args=[pk]) + "#afspraken")
    context = {"traject": traject, "afspraken_inline": True, **_afspraken_context(request, traject, form)}
    return _page(request, "financiering/begroting.html", context, form, nav="trajecten")


def _verdeling_context(traject, data=None) -> dict:
    """The split and its key's form, filled from the split (one read of it)."""
    verdeling = selectors.kostenverdeling(selectors.begroting(traject))
    form = KostenverdelingForm(
        data,
        gemeenten=selectors.gemeenten_voor_verdeling(traject),
        aandelen=verdeling.percentages,
        initial={"sleutel": verdeling.sleutel},
    )
    return {"traject": traject, "verdeling": verdeling, "verdeling_form": form}


@regisseur_required
@require_GET
def kostenverdeling(request, pk):
    """Section of the budget page: how the costs are split between the gemeenten, and the key."""
    traject = traject_for_regie(request.user, pk)
    return sectie_antwoord(
        request, "financiering/_kostenverdeling.html", _verdeling_context(traject), titel=_("Kostenverdeling"),
        terug=_terug(traject),
    )  # fmt: skip


@regisseur_required
@require_POST
def kostenverdeling_opslaan(request, pk):
    traject = traject_for_regie(request.user, pk)
    context = {"verdeling_inline": True, **_verdeling_context(traject, request.POST)}
    form = context["verdeling_form"]
    if form.is_valid():
        try:
            services.kostenverdeling_save(
                acting_user=request.user, traject=traject, sleutel=form.cleaned_data["sleutel"],
                aandelen=form.aandelen(),
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De kostenverdeling is vastgelegd."))
            return redirect(reverse("financiering:begroting", args=[pk]) + "#kostenverdeling")
    return _page(request, "financiering/begroting.html", context, form, nav="trajecten")


# --- Pre-financing (on the financier's page) -----------------------------------------------------------


def _voorfinanciering_form(request, data=None) -> VoorfinancieringForm:
    return VoorfinancieringForm(
        data,
        trajecten=selectors.trajecten_van_financier(request.user).order_by("naam"),
        bronnen=selectors.bronnen_of_financier(request.user).order_by("naam"),
    )


def _voorfinanciering_context(request, form=None) -> dict:
    rijen = selectors.voorfinancieringen_visible_to(request.user).filter(
        bron__organisatie_id=request.user.organisatie_id
    )
    return {
        "grootboeken": selectors.grootboeken(rijen),
        "voorfinanciering_form": form or _voorfinanciering_form(request),
    }


@financier_required
@require_GET
def voorfinanciering(request):
    """Section of the financier's page: what its sources pre-finance, earned back, outstanding."""
    return sectie_antwoord(
        request, "financiering/_voorfinanciering.html", _voorfinanciering_context(request),
        titel=_("Voorfinanciering"), terug=(_("Financiering"), reverse("financiering:overzicht")),
    )  # fmt: skip


@financier_required
@require_POST
def voorfinanciering_nieuw(request):
    form = _voorfinanciering_form(request, request.POST)
    if form.is_valid():
        try:
            services.voorfinanciering_save(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De voorfinanciering is vastgelegd."))
            return redirect(reverse("financiering:overzicht") + "#voorfinanciering")
    context = {"voorfinanciering_inline": True, **_voorfinanciering_context(request, form)}
    return _page(request, "financiering/overzicht.html", context, form)


@regisseur_required
@require_POST
def factuur_nieuw(request, pk):
    traject = traject_for_regie(request.user, pk)
    begroting_ = selectors.begroting(traject)
    form = FactuurForm(request.POST, begroting=begroting_)
    if form.is_valid():
        data = dict(form.cleaned_data)
        regel, module = regel_en_module(begroting_, data.pop("regel"))
        try:
            services.factuur_create(acting_user=request.user, traject=traject, regel=regel, module=module, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Factuur %(nummer)s is vastgelegd.") % {"nummer": data["nummer"]})
            return redirect(reverse("financiering:begroting", args=[pk]) + "#regels")
    return _begroting_page(request, traject, factuur_form=form, begroting_=begroting_)


@regisseur_required
@require_GET
def begroting_xlsx(request, pk):
    """The budget as a spreadsheet (no personal data)."""
    traject = traject_for_regie(request.user, pk)
    inhoud = exports.xlsx_begroting(selectors.begroting(traject))
    response = HttpResponse(inhoud, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="begroting-{traject.pk}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
