"""The regie's pages (issue 15): the trajectory's meetings and feedback series, one meeting
with its minutes, and the script. Every party to the trajectory reads them; the regisseur of
the organisation that directs it writes them; an owner marks its own tasks done."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk.forms import add_service_errors
from leerwerk.permissions import any_role_required
from leerwerk.secties import sectie_antwoord
from regie import selectors
from regie.forms import FeedbackReeksForm, NotulenForm, OverlegForm, TaakForm
from regie.models import FeedbackReeks
from regie.services import draaiboek as ds
from regie.services import overleg as ov
from trajecten.forms import VervolgactieFormSet
from trajecten.selectors import betrokkenen_van, traject_for_regie
from trajecten.services.contact import vervolgactie_complete

NAV = {"nav_actief": "trajecten"}


def _overleggen_url(traject_pk, anker=""):
    return reverse("regie:overleggen", args=[traject_pk]) + (f"#{anker}" if anker else "")


@any_role_required
@require_http_methods(["GET", "POST"])
def overleggen(request, pk):
    """GET: the overleg of a trajectory (the regisseur's forms load as a section). POST
    (regisseur): plan one; with errors the forms come inline, with the messages."""
    traject = selectors.traject_als_partij(request.user, pk)
    regie = selectors.is_regie_van(request.user, traject)
    if request.method == "GET":
        return _overleggen_pagina(request, traject, regie)
    if not regie:
        raise Http404
    form = OverlegForm(request.POST, traject=traject, prefix="b")
    if form.is_valid():
        try:
            b = ov.overleg_plannen(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het overleg is gepland: %(b)s.") % {"b": b})
            return redirect(reverse("regie:overleg", args=[b.pk]))
    return _overleggen_pagina(request, traject, regie, _plan_context(traject, form=form))


def _overleggen_pagina(request, traject, regie, formulieren=None):
    """The overleg page: its heading at once; what is planned and what took place, and the
    regisseur's forms, load as sections (the forms inline after errors)."""
    context = {**NAV, "traject": traject, "regie": regie}
    return render(request, "regie/overleggen.html", {**context, **(formulieren or {})})


@any_role_required
@require_GET
def overleg_lijsten(request, pk):
    traject = selectors.traject_als_partij(request.user, pk)
    return sectie_antwoord(
        request, "regie/_overleg_lijsten.html", {"traject": traject, "overzicht": selectors.overzicht(traject)},
        titel=_("Gepland en geweest"), terug=(_("Overleg met de partners"), _overleggen_url(traject.pk)),
    )  # fmt: skip


def _plan_context(traject, *, form=None, reeks_form=None) -> dict:
    """The regisseur's forms of the overleg page: plan one, and the feedback series."""
    if reeks_form is None:
        reeks = FeedbackReeks.objects.filter(traject=traject).first()
        if reeks is not None:
            begin = {
                k: getattr(reeks, k) for k in ("interval_weken", "vanaf", "tot", "begintijd", "eindtijd", "locatie")
            }
        else:
            begin = {**ov.standaard_reeks(traject), "begintijd": "10:00", "eindtijd": "11:30"}
        reeks_form = FeedbackReeksForm(initial=begin, prefix="r")
    return {
        "form": form or OverlegForm(traject=traject, prefix="b"),
        "reeks_form": reeks_form,
        "reeks": FeedbackReeks.objects.filter(traject=traject).first(),
    }


@any_role_required
@require_GET
def overleg_formulieren(request, pk):
    traject = traject_for_regie(request.user, pk)
    return sectie_antwoord(
        request, "regie/_overleg_formulieren.html", {"traject": traject, **_plan_context(traject)},
        titel=_("Overleg plannen"), terug=(_("Overleg met de partners"), _overleggen_url(traject.pk)),
    )  # fmt: skip


@any_role_required
@require_POST
def feedbackreeks(request, pk):
    traject = traject_for_regie(request.user, pk)
    reeks_form = FeedbackReeksForm(request.POST, prefix="r")
    if reeks_form.is_valid():
        try:
            reeks = ov.feedbackreeks_vastleggen(acting_user=request.user, traject=traject, **reeks_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(reeks_form, exc)
        else:
            n = len(reeks.data())
            messages.success(request, _("De feedbackmomenten staan vast: %(n)s in de reeks.") % {"n": n})
            return redirect(_overleggen_url(traject.pk, "reeks"))
    return _overleggen_pagina(request, traject, True, _plan_context(traject, reeks_form=reeks_form))


@any_role_required
@require_GET
def overleg(request, pk):
    b = selectors.overleg_voor(request.user, pk)
    return _overleg_pagina(request, b)


def _overleg_pagina(request, b, notulen_form=None, acties=None, wijzig_form=None):
    regie = selectors.is_regie_van(request.user, b.traject)
    if regie and notulen_form is None and b.datum <= timezone.localdate():
        notulen_form = NotulenForm(
            initial={"notulen": b.notulen, "besluiten": b.besluiten, "aanwezigen": list(b.aanwezigen.all())},
            traject=b.traject,
            prefix="n",
        )
    if regie and acties is None and notulen_form is not None:
        acties = VervolgactieFormSet(prefix="acties", form_kwargs={"personen": _personen(b.traject)})
    if regie and wijzig_form is None and not b.heeft_notulen:
        wijzig_form = OverlegForm(
            initial={
                **{k: getattr(b, k) for k in ("soort", "datum", "begintijd", "eindtijd", "locatie", "agenda")},
                "aanwezigen": list(b.aanwezigen.all()),
            },
            traject=b.traject,
            prefix="b",
        )
    return render(
        request,
        "regie/overleg.html",
        {
            **NAV, "b": b, "traject": b.traject, "regie": regie, "notulen_form": notulen_form,
            "acties_formset": acties, "wijzig_form": wijzig_form, "acties": selectors.acties_van(b),
            "vandaag": timezone.localdate(),
        },
    )  # fmt: skip


def _personen(traject):
    return betrokkenen_van(traject)


@any_role_required
@require_POST
def overleg_wijzigen(request, pk):
    b = selectors.overleg_voor_regie(request.user, pk)
    form = OverlegForm(request.POST, traject=b.traject, prefix="b")
    if form.is_valid():
        try:
            ov.overleg_wijzigen(acting_user=request.user, overleg=b, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het overleg is gewijzigd."))
            return redirect(reverse("regie:overleg", args=[b.pk]))
    return _overleg_pagina(request, selectors.overleg_voor(request.user, pk), wijzig_form=form)


@any_role_required
@require_POST
def notulen(request, pk):
    b = selectors.overleg_voor_regie(request.user, pk)
    form = NotulenForm(request.POST, traject=b.traject, prefix="n")
    formset = VervolgactieFormSet(request.POST, prefix="acties", form_kwargs={"personen": _personen(b.traject)})
    if form.is_valid() and formset.is_valid():
        acties = [a for a in (f.as_actie() for f in formset.forms) if a]
        try:
            ov.notulen_vastleggen(acting_user=request.user, overleg=b, acties=acties, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De notulen zijn vastgelegd."))
            return redirect(reverse("regie:overleg", args=[b.pk]) + "#notulen")
    return _overleg_pagina(request, selectors.overleg_voor(request.user, pk), notulen_form=form, acties=formset)


@any_role_required
@require_POST
def overleg_verwijderen(request, pk):
    b = selectors.overleg_voor_regie(request.user, pk)
    try:
        ov.overleg_verwijderen(acting_user=request.user, overleg=b)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("regie:overleg", args=[b.pk]))
    messages.success(request, _("Het overleg is geschrapt."))
    return redirect(_overleggen_url(b.traject_id))


@any_role_required
@require_POST
def actie_afgerond(request, pk):
    """A follow-up action from a meeting done: by its owner or the regisseur."""
    actie = selectors.actie_voor(request.user, pk)
    try:
        vervolgactie_complete(acting_user=request.user, actie=actie)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Actie afgerond: %(actie)s") % {"actie": actie.omschrijving})
    return redirect(reverse("regie:overleg", args=[actie.overleg_id]) + "#notulen")


# --- Draaiboek -----------------------------------------------------------------------------


@any_role_required
@require_GET
def draaiboek(request, pk):
    traject = selectors.traject_als_partij(request.user, pk)
    return _draaiboek_pagina(request, traject)


def _draaiboek_pagina(request, traject, form=None, status=200):
    """The script; the regisseur's form to add a task loads as a section (inline after errors)."""
    regie = selectors.is_regie_van(request.user, traject)
    return render(
        request,
        "regie/draaiboek.html",
        {**NAV, "traject": traject, "regie": regie, "form": form},
        status=status,
    )  # fmt: skip


@any_role_required
@require_GET
def draaiboek_taken(request, pk):
    """The script's tasks per phase (a section of the script page)."""
    traject = selectors.traject_als_partij(request.user, pk)
    context = {
        "traject": traject, "regie": selectors.is_regie_van(request.user, traject),
        "regels": selectors.draaiboek_van(traject), "vandaag": timezone.localdate(),
        "eigen_org": request.user.organisatie_id,
    }  # fmt: skip
    return sectie_antwoord(
        request, "regie/_draaiboek_taken.html", context, titel=_("Draaiboek"),
        terug=(_("Draaiboek"), reverse("regie:draaiboek", args=[traject.pk])),
    )  # fmt: skip


@any_role_required
@require_GET
def taak_formulier(request, pk):
    traject = traject_for_regie(request.user, pk)
    form = TaakForm(traject=traject, eigenaren=ds.toegestane_eigenaren(traject), prefix="t")
    return sectie_antwoord(
        request, "regie/_taak_toevoegen.html", {"traject": traject, "form": form},
        titel=_("Taak toevoegen"), terug=(_("Draaiboek"), reverse("regie:draaiboek", args=[traject.pk])),
    )  # fmt: skip


def _regie_traject(request, pk):
    return traject_for_regie(request.user, pk)


@any_role_required
@require_POST
def draaiboek_vullen(request, pk):
    traject = _regie_traject(request, pk)
    try:
        n = ds.draaiboek_vullen(acting_user=request.user, traject=traject)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if n:
            messages.success(request, _("%(n)s taken uit het landelijke draaiboek toegevoegd.") % {"n": n})
        else:
            messages.info(request, _("Alle taken uit het landelijke draaiboek staan er al in."))
    return redirect(reverse("regie:draaiboek", args=[traject.pk]))


@any_role_required
@require_POST
def taak_toevoegen(request, pk):
    traject = _regie_traject(request, pk)
    form = TaakForm(request.POST, traject=traject, eigenaren=ds.toegestane_eigenaren(traject), prefix="t")
    if form.is_valid():
        try:
            ds.taak_toevoegen(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De taak staat in het draaiboek."))
            return redirect(reverse("regie:draaiboek", args=[traject.pk]))
    return _draaiboek_pagina(request, traject, form)


@any_role_required
@require_http_methods(["GET", "POST"])
def taak_wijzigen(request, pk):
    taak = selectors.taak_voor(request.user, pk)
    traject = _regie_traject(request, taak.traject_id)
    eigenaren = ds.toegestane_eigenaren(traject)
    velden = ("omschrijving", "fase_soort", "eigenaarrol", "eigenaar", "ankerpunt", "dagen")
    form = TaakForm(
        request.POST if request.method == "POST" else None, traject=traject, eigenaren=eigenaren, prefix="t",
        initial={k: getattr(taak, k) for k in velden},
    )  # fmt: skip
    if request.method == "POST":
        if "verwijderen" in request.POST:
            ds.taak_verwijderen(acting_user=request.user, taak=taak)
            messages.success(request, _("De taak is uit het draaiboek gehaald."))
            return redirect(reverse("regie:draaiboek", args=[traject.pk]))
        if form.is_valid():
            try:
                ds.taak_wijzigen(acting_user=request.user, taak=taak, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De taak is gewijzigd."))
                return redirect(reverse("regie:draaiboek", args=[traject.pk]) + f"#taak-{taak.pk}")
    return render(request, "regie/taak_form.html", {**NAV, "traject": traject, "taak": taak, "form": form})


@any_role_required
@require_POST
def taak_afronden(request, pk):
    taak = selectors.taak_voor(request.user, pk)
    afgerond = request.POST.get("open") != "1"
    try:
        ds.taak_afronden(acting_user=request.user, taak=taak, afgerond=afgerond)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        if afgerond:
            messages.success(request, _("Taak afgerond: %(taak)s") % {"taak": taak.omschrijving})
        else:
            messages.success(request, _("Taak staat weer open: %(taak)s") % {"taak": taak.omschrijving})
    if request.POST.get("terug") == "mijn_werk":
        return redirect("mijn_werk")
    return redirect(reverse("regie:draaiboek", args=[taak.traject_id]) + f"#taak-{taak.pk}")


@any_role_required
@require_GET
def mijn_taken(request):
    """The start page's section with the open tasks of the user's organisation."""
    if not any(request.user.has_rol(r) for r in selectors.PARTIJ_ROLLEN):
        raise Http404
    return sectie_antwoord(
        request,
        "regie/_mijn_taken.html",
        {
            "taken": selectors.taken_van_organisatie(request.user),
            "vandaag": timezone.localdate(),
            "te_tekenen": selectors.te_tekenen_voor(request.user),
            "trajecten": selectors.trajecten_als_partij(request.user).order_by("naam").only("pk", "naam")[:20],
        },
        titel=_("Draaiboek en convenant"),
        terug=(_("Mijn werk"), reverse("mijn_werk")),
    )
