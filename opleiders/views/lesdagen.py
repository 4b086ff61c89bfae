"""The opleider's lesson days and the register of a lesson day (one compact row of plain inputs
per participant, saved in one transaction)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk.audit import log_access_many
from opleiders import constants as c
from opleiders import selectors, services
from opleiders.forms import LesdagenGenererenForm, LesdagForm
from opleiders.views.pagina import _submit, opleider_required


def _lesdagen_page(request, module, *, lesdag_form=None, genereren_form=None, fout=None):
    context = {
        "module": module,
        "lesdagen": selectors.lesdagen_of(module),
        "lesdag_form": lesdag_form or LesdagForm(),
        "genereren_form": genereren_form or LesdagenGenererenForm(),
        "fout": fout,
        "nav_actief": "opleiding",
    }
    return render(request, "opleiders/lesdagen.html", context)


@opleider_required
@require_GET
def lesdagen(request, pk: int):
    """A module's lesson days (no person data on this page)."""
    return _lesdagen_page(request, selectors.module_for_update(request.user, pk))


@opleider_required
@require_POST
def lesdag_nieuw(request, pk: int):
    module = selectors.module_for_update(request.user, pk)
    form = LesdagForm(request.POST)
    lesdag = _submit(form, services.lesdag_add, acting_user=request.user, module=module)
    if lesdag is None:
        return _lesdagen_page(request, module, lesdag_form=form)
    messages.success(request, _("Lesdag %(datum)s toegevoegd.") % {"datum": f"{lesdag.datum:%d-%m-%Y}"})
    return redirect("opleiders:lesdagen", pk=module.pk)


@opleider_required
@require_POST
def lesdagen_genereren(request, pk: int):
    module = selectors.module_for_update(request.user, pk)
    form = LesdagenGenererenForm(request.POST)
    aantal = _submit(form, services.lesdagen_generate, acting_user=request.user, module=module)
    if aantal is None:
        return _lesdagen_page(request, module, genereren_form=form)
    messages.success(
        request,
        _("%(aantal)s lesdagen toegevoegd; feestdagen en data die er al waren zijn overgeslagen.") % {"aantal": aantal},
    )
    return redirect("opleiders:lesdagen", pk=module.pk)


@opleider_required
@require_POST
def lesdag_verwijderen(request, pk: int):
    lesdag = selectors.lesdag_for_update(request.user, pk)
    try:
        services.lesdag_delete(acting_user=request.user, lesdag=lesdag)
    except ValidationError as exc:
        return _lesdagen_page(request, lesdag.module, fout=" ".join(exc.messages))
    messages.success(request, _("Lesdag %(datum)s verwijderd.") % {"datum": f"{lesdag.datum:%d-%m-%Y}"})
    return redirect("opleiders:lesdagen", pk=lesdag.module_id)


def _regels(rijen, data=None, errors=None) -> list[dict]:
    """What each row of the register shows: the stored entry, or what was submitted."""
    result = []
    for rij in rijen:
        pk, p = rij.moduledeelname.pk, rij.presentie
        if data is not None:
            status, reden, toelichting = (data.get(f"{k}_{pk}", "") for k in ("status", "reden", "toelichting"))
        else:
            status, reden, toelichting = (p.status, p.reden, p.toelichting) if p else ("", "", "")
        result.append(
            {
                "pk": pk,
                "naam": rij.moduledeelname.deelname.deelnemer.naam,
                "moduledeelname": rij.moduledeelname,
                "status": status,
                "reden": reden,
                "toelichting": toelichting,
                "status_fout": (errors or {}).get(f"status_{pk}"),
                "reden_fout": (errors or {}).get(f"reden_{pk}"),
            }
        )
    return result


@opleider_required
@require_http_methods(["GET", "POST"])
def presentielijst(request, pk: int):
    """The register of one lesson day: one compact row of plain inputs per participant, saved in
    one transaction. Every participant shown gets one access-log row."""
    lesdag = selectors.lesdag_for_update(request.user, pk)
    rijen = selectors.presentielijst(request.user, lesdag)
    data, errors, algemeen = None, None, []
    if request.method == "POST":
        regels = {
            rij.moduledeelname.pk: {
                k: request.POST.get(f"{k}_{rij.moduledeelname.pk}", "") for k in ("status", "reden", "toelichting")
            }
            for rij in rijen
        }
        try:
            aantal = services.presentielijst_save(acting_user=request.user, lesdag=lesdag, regels=regels)
        except ValidationError as exc:
            data, errors = request.POST, {k: " ".join(v) for k, v in exc.message_dict.items()}
            algemeen = exc.message_dict.get(NON_FIELD_ERRORS, [])
        else:
            messages.success(
                request,
                _("Presentielijst van %(datum)s opgeslagen (%(aantal)s deelnemers ingevuld).")
                % {"datum": f"{lesdag.datum:%d-%m-%Y}", "aantal": aantal},
            )
            return redirect("opleiders:lesdagen", pk=lesdag.module_id)
    log_access_many(request, action="list", objects=[r.moduledeelname.deelname.deelnemer for r in rijen])
    context = {
        "lesdag": lesdag,
        "module": lesdag.module,
        "regels": _regels(rijen, data, errors),
        "algemeen": algemeen,
        "heeft_fouten": bool(errors),
        # The labels translated once, not once per row.
        "statussen": [(waarde, str(label)) for waarde, label in c.PresentieStatus.choices],
        "redenen": [(waarde, str(label)) for waarde, label in c.AfwezigReden.choices],
        "vooraf": lesdag.datum > timezone.localdate(),
        "drempel": c.AANWEZIGHEID_DREMPEL,
        "nav_actief": "opleiding",
    }
    return render(request, "opleiders/presentielijst.html", context, status=400 if errors else 200)
