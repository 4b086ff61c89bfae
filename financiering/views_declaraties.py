"""The claim statements' pages (issue 13, item 8): a financier of the payee makes and submits
them, a financier of the payer approves, refuses or marks them paid. Lines name a dossier
reference; a name only for a user who may read that person anyway (access-logged)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from deelnemers.models import Deelnemer
from financiering import constants as c
from financiering import exports, selectors, services
from financiering.forms import AfwijzenForm, BetaaldForm, DeclaratieForm
from financiering.views import _fouten, _page, financier_required
from leerwerk.audit import log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.pdf import pdf_response
from leerwerk.secties import sectie_antwoord


def _declaraties_context(request, form=None) -> dict:
    org = request.user.organisatie_id
    rijen = list(
        selectors.declaraties_visible_to(request.user)
        .select_related("ontvanger", "betaler")
        .annotate(totaal=Sum("regels__bedrag"), aantal=Count("regels"))
        .order_by("-gemaakt_op", "-id")[:50]
    )
    return {
        "declaraties": rijen,
        "org": org,
        "form": form or DeclaratieForm(betalers=selectors.betalers_met_open_claims(request.user)),
    }


@financier_required
@require_GET
def declaraties(request):
    """Section of the financier's page: the statements sent and received, and a new one."""
    return sectie_antwoord(
        request, "financiering/_declaraties.html", _declaraties_context(request), titel=_("Declaraties"),
        terug=(_("Financiering"), reverse("financiering:overzicht")),
    )  # fmt: skip


@financier_required
@require_POST
def declaratie_nieuw(request):
    form = DeclaratieForm(request.POST, betalers=selectors.betalers_met_open_claims(request.user))
    if form.is_valid():
        try:
            declaratie = services.declaratie_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Declaratie %(nummer)s is gemaakt. Controleer haar en dien haar in.") % {
                "nummer": declaratie.nummer})  # fmt: skip
            return redirect("financiering:declaratie", pk=declaratie.pk)
    return _page(request, "financiering/declaratie_nieuw.html", _declaraties_context(request, form), form)


def _declaratie(request, pk):
    return get_object_or_404(
        selectors.declaraties_visible_to(request.user).select_related("ontvanger", "betaler"), pk=pk
    )


def _detail_context(request, declaratie, **extra) -> dict:
    regels = selectors.declaratie_regels(declaratie)
    namen = selectors.namen_voor(request.user, regels)
    if namen:
        log_access_many(request, action="list", objects=[Deelnemer(pk=pk) for pk in namen], rol=Rol.KLANTMANAGER,
                        detail=f"declaratie {declaratie.nummer}")  # fmt: skip
    org = request.user.organisatie_id
    return {
        "declaratie": declaratie,
        "regels": [{"regel": r, "naam": namen.get(r.deelname.deelnemer_id, "")} for r in regels],
        "totaal": sum((r.bedrag for r in regels), selectors.NUL),
        "als_ontvanger": declaratie.ontvanger_id == org,
        "als_betaler": declaratie.betaler_id == org,
        "betaald_form": extra.pop("betaald_form", None) or BetaaldForm(),
        "afwijzen_form": extra.pop("afwijzen_form", None) or AfwijzenForm(),
        **extra,
    }


@financier_required
@require_GET
def declaratie(request, pk):
    return _page(request, "financiering/declaratie.html", _detail_context(request, _declaratie(request, pk)))


def _actie(request, pk, service, melding, **kwargs):
    declaratie = _declaratie(request, pk)
    try:
        service(acting_user=request.user, declaratie=declaratie, **kwargs)
    except ValidationError as exc:
        messages.error(request, _fouten(exc))
    else:
        messages.success(request, melding % {"nummer": declaratie.nummer})
    return redirect("financiering:declaratie", pk=pk)


@financier_required
@require_POST
def declaratie_indienen(request, pk):
    return _actie(
        request, pk, services.declaratie_submit, _("Declaratie %(nummer)s is ingediend; de pdf wordt gemaakt.")
    )


@financier_required
@require_POST
def declaratie_goedkeuren(request, pk):
    return _actie(request, pk, services.declaratie_approve, _("Declaratie %(nummer)s is goedgekeurd."))


@financier_required
@require_POST
def declaratie_afwijzen(request, pk):
    declaratie = _declaratie(request, pk)
    form = AfwijzenForm(request.POST)
    if form.is_valid():
        return _actie(request, pk, services.declaratie_refuse, _("Declaratie %(nummer)s is afgewezen."),
                      reden=form.cleaned_data["reden"])  # fmt: skip
    return _page(
        request, "financiering/declaratie.html", _detail_context(request, declaratie, afwijzen_form=form), form
    )


@financier_required
@require_POST
def declaratie_betaald(request, pk):
    declaratie = _declaratie(request, pk)
    form = BetaaldForm(request.POST)
    if form.is_valid():
        return _actie(request, pk, services.declaratie_mark_paid, _("Declaratie %(nummer)s is betaald."),
                      op=form.cleaned_data["betaald_op"])  # fmt: skip
    return _page(request, "financiering/declaratie.html", _detail_context(request, declaratie, betaald_form=form), form)


@financier_required
@require_GET
def declaratie_pdf(request, pk):
    declaratie = _declaratie(request, pk)
    if declaratie.pdf_status != c.PdfStatus.KLAAR or not declaratie.pdf:
        raise Http404
    with declaratie.pdf.open("rb") as bestand:
        return pdf_response(bestand.read(), f"{declaratie.nummer}.pdf")


@financier_required
@require_GET
def declaratie_xlsx(request, pk):
    declaratie = _declaratie(request, pk)
    inhoud = exports.xlsx_declaratie(declaratie, selectors.declaratie_regels(declaratie))
    response = HttpResponse(inhoud, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{declaratie.nummer}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
