"""The klantmanager's page of a candidate's rights under the AVG: the access report (PDF and
JSON) and the requests for access, correction and deletion. Thin: avg.selectors reads,
avg.services writes. Every page and download is logged as a read of the person."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from avg import selectors, services
from avg.constants import VerzoekSoort, VerzoekStatus
from avg.forms import AfhandelForm, VerzoekForm
from leerwerk.audit import log_access
from leerwerk.forms import add_service_errors, lege_velden
from leerwerk.models import Rol
from leerwerk.pdf import pdf_response, render_pdf
from leerwerk.permissions import role_required

klantmanager_required = role_required(Rol.KLANTMANAGER)


def _pagina(request, deelnemer, *, verzoek_form=None, afhandel_forms=None, status=200):
    log_access(request, action="view", obj=deelnemer, detail="AVG: inzage en verzoeken")
    verzoeken = list(selectors.verzoeken(deelnemer))
    for v in verzoeken:  # the candidate is known: no query per row for the checks below
        v.deelnemer = deelnemer
    afhandel_forms = afhandel_forms or {}
    redenen = services.bewaarplicht(deelnemer) if any(
        v.soort == VerzoekSoort.VERWIJDERING and v.status == VerzoekStatus.INGEDIEND for v in verzoeken
    ) else []  # fmt: skip
    # No Django form per row (architecture.md, "Speed"): templates/avg/_besluit_veld.html writes each
    # open request's field as HTML; only the row whose POST was refused carries its bound form,
    # for the value and the errors.
    rijen = [
        {
            "verzoek": v,
            "mag_afhandelen": services.mag_afhandelen(request.user, v),
            "form": afhandel_forms.get(v.pk),
        }
        for v in verzoeken
    ]
    return render(
        request,
        "avg/kandidaat.html",
        {
            "nav_actief": "kandidaten",
            "deelnemer": deelnemer,
            "rijen": rijen,
            "verzoek_form": verzoek_form or VerzoekForm(),
            "verzoek_velden": None if verzoek_form else lege_velden(VerzoekForm),
            "besluit_veld": AfhandelForm.base_fields["besluit"],  # its label, help and length, once
            "bewaarplicht": redenen,
            "verwijdering": VerzoekSoort.VERWIJDERING,
        },
        status=status,
    )


@klantmanager_required
@require_GET
def kandidaat(request, pk):
    return _pagina(request, selectors.kandidaat_kop_voor_avg(request.user, pk))


@klantmanager_required
@require_POST
def verzoek_vastleggen(request, pk):
    deelnemer = selectors.kandidaat_voor_avg(request.user, pk)
    form = VerzoekForm(request.POST)
    if form.is_valid():
        try:
            services.verzoek_vastleggen(acting_user=request.user, deelnemer=deelnemer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het verzoek is vastgelegd."))
            return redirect(reverse("avg:kandidaat", args=[pk]) + "#verzoeken")
    return _pagina(request, deelnemer, verzoek_form=form, status=400)


@klantmanager_required
@require_POST
def verzoek_afhandelen(request, pk, verzoek_pk):
    deelnemer = selectors.kandidaat_voor_avg(request.user, pk)
    verzoek = get_object_or_404(selectors.verzoeken(deelnemer), pk=verzoek_pk)
    if verzoek.status != VerzoekStatus.INGEDIEND:  # handled meanwhile (another tab, a colleague)
        messages.error(request, _("Dit verzoek is al afgehandeld."))
        return _pagina(request, deelnemer, status=400)
    form = AfhandelForm(request.POST, verzoek_id=verzoek.pk)
    if form.is_valid():
        try:
            services.verzoek_afhandelen(
                acting_user=request.user,
                verzoek=verzoek,
                uitvoeren=request.POST.get("besluit_soort") == "uitvoeren",
                besluit=form.cleaned_data["besluit"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het verzoek is afgehandeld."))
            return redirect(reverse("avg:kandidaat", args=[pk]) + "#verzoeken")
    return _pagina(request, deelnemer, afhandel_forms={verzoek.pk: form}, status=400)


@klantmanager_required
@require_http_methods(["GET"])
def inzage_pdf(request, pk):
    deelnemer = selectors.kandidaat_voor_avg(request.user, pk)
    log_access(request, action="pdf", obj=deelnemer, detail="AVG-inzage (PDF)")
    inzage = selectors.inzage(deelnemer)
    pdf = render_pdf("avg/inzage_pdf.html", {"inzage": inzage}, request=request)
    return pdf_response(pdf, f"inzage-kandidaat-{deelnemer.pk}.pdf", inline=False)


@klantmanager_required
@require_GET
def inzage_json(request, pk):
    deelnemer = selectors.kandidaat_voor_avg(request.user, pk)
    log_access(request, action="export", obj=deelnemer, detail="AVG-inzage (JSON)")
    inhoud = json.dumps(selectors.inzage(deelnemer).als_json(), ensure_ascii=False, indent=2)
    response = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-kandidaat-{deelnemer.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
