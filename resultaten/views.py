"""The results pages (issue 14): the wethouder's dashboard of the trajectories the gemeente takes
part in, and the regisseur's results of the trajectories they direct. Each page is its heading
and its filter at once; the figures load as a section (leerwerk.secties). The same figures go
out as XLSX, ODS and CSV, and as a council report (PDF, rendered by Celery). No output lists a
person; every one of them is built by resultaten.selectors.rapport."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from leerwerk.audit import log_access_many
from leerwerk.models import Rol
from leerwerk.pdf import pdf_response
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from resultaten import exports, selectors, services
from resultaten.definities import UITLEG

PAGINA = {Rol.WETHOUDER: "resultaten:wethouder", Rol.REGISSEUR: "resultaten:regie"}
SECTIE = {Rol.WETHOUDER: "resultaten:wethouder_overzicht", Rol.REGISSEUR: "resultaten:regie_overzicht"}
EXPORT = {Rol.WETHOUDER: "resultaten:wethouder_export", Rol.REGISSEUR: "resultaten:regie_export"}
RAPPORT = {Rol.WETHOUDER: "resultaten:wethouder_rapportage", Rol.REGISSEUR: "resultaten:regie_rapportage"}


def _met_keuze(url: str, request) -> str:
    """`url` with the filter choice of this request."""
    keuze = request.GET.urlencode()
    return f"{url}?{keuze}" if keuze else url


def _pagina(request, rol):
    """The page: its heading, definitions, downloads and council reports. The filter comes with
    the section, which works out the trajectories in scope anyway (once, not twice)."""
    return render(
        request,
        "resultaten/pagina.html",
        {
            "rol": rol,
            "uitleg": UITLEG,
            "sectie_url": _met_keuze(reverse(SECTIE[rol]), request),
            "exports": [(f.upper(), _met_keuze(reverse(EXPORT[rol], args=[f]), request)) for f in exports.FORMATEN],
            "rapportage_url": _met_keuze(reverse(RAPPORT[rol]), request),
            "rapportages": selectors.rapportages_van(request.user, rol)[:5],
            "nav_actief": "resultaten",
        },
    )


def _sectie(request, rol):
    return sectie_antwoord(
        request,
        "resultaten/_overzicht.html",
        {**selectors.rapport(request.user, rol, request.GET), "met_keuze": True},
        titel=_("Resultaten"),
        terug=(_("Resultaten"), reverse(PAGINA[rol])),
    )


def _export(request, rol, formaat):
    if formaat not in exports.FORMATEN:
        raise Http404
    r = selectors.rapport(request.user, rol, request.GET)
    if r["keuze"].errors:
        messages.error(request, _("Deze keuze kan niet: pas de filters aan."))
        return redirect(_met_keuze(reverse(PAGINA[rol]), request))
    inhoud, soort, naam = exports.bestand(r, formaat)
    response = HttpResponse(inhoud, content_type=soort)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "no-store"
    return response


def _rapportage(request, rol):
    """Ask for a council report of the chosen trajectories; Celery renders it after the commit."""
    try:
        services.rapportage_aanvragen(acting_user=request.user, rol=rol, keuze=request.GET)
    except ValidationError as fout:
        messages.error(request, fout.messages[0])
        return redirect(_met_keuze(reverse(PAGINA[rol]), request))
    messages.success(request, _("De raadsrapportage wordt gemaakt. Vernieuw de pagina over een ogenblik."))
    return redirect(_met_keuze(reverse(PAGINA[rol]), request) + "#rapportages")


def _rapportage_pdf(request, rol, pk):
    """A council report of one's own (404 for anyone else's, or before it is ready)."""
    r = selectors.rapportage_pdf(request.user, rol, pk)
    with r.pdf.open("rb") as bestand:
        return pdf_response(bestand.read(), f"raadsrapportage-{r.peildatum:%Y-%m-%d}.pdf", inline=False)


@role_required(Rol.REGISSEUR)
@require_GET
def uitsplitsing(request, traject, klasse):
    """The regisseur's drill-down from a figure to the participants behind it: the page is its
    heading; the participants load as a section, which logs each one it shows."""
    t, label = selectors.uitsplitsing_kop(request.user, traject, klasse)
    return render(
        request,
        "resultaten/uitsplitsing.html",
        {
            "traject": t,
            "label": label,
            "sectie_url": reverse("resultaten:uitsplitsing_sectie", args=[traject, klasse]),
            "nav_actief": "resultaten",
            "terug": reverse("resultaten:regie"),
        },
    )


@role_required(Rol.REGISSEUR)
@require_GET
def uitsplitsing_sectie(request, traject, klasse):
    u = selectors.uitsplitsing(request.user, traject, klasse)
    log_access_many(request, action="list", objects=[d.deelnemer for d, _v in u.regels], rol=Rol.REGISSEUR)
    return sectie_antwoord(
        request,
        "resultaten/_uitsplitsing.html",
        {"u": u},
        titel=f"{u.label} · {u.traject.naam}",
        terug=(u.label, reverse("resultaten:uitsplitsing", args=[traject, klasse])),
    )


def _views(rol):
    """The results' views for one role, guarded alike."""
    bewaakt = role_required(rol)
    return {
        "pagina": bewaakt(require_GET(lambda request: _pagina(request, rol))),
        "sectie": bewaakt(require_GET(lambda request: _sectie(request, rol))),
        "export": bewaakt(require_GET(lambda request, formaat: _export(request, rol, formaat))),
        "rapportage": bewaakt(require_POST(lambda request: _rapportage(request, rol))),
        "rapportage_pdf": bewaakt(require_GET(lambda request, pk: _rapportage_pdf(request, rol, pk))),
    }


WETHOUDER = _views(Rol.WETHOUDER)
REGIE = _views(Rol.REGISSEUR)
