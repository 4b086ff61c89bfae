"""The results pages (issue 14): the wethouder's dashboard of the trajectories the gemeente takes
part in, and the regisseur's results of the trajectories they direct. Each page is its heading
at once; the figures load as a section (leerwerk.secties). No page lists a person."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from leerwerk.models import Rol
from leerwerk.onthulling import voetnoot
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from resultaten import selectors
from resultaten.definities import Uitkomst

PAGINA = {Rol.WETHOUDER: "resultaten:wethouder", Rol.REGISSEUR: "resultaten:regie"}
SECTIE = {Rol.WETHOUDER: "resultaten:wethouder_overzicht", Rol.REGISSEUR: "resultaten:regie_overzicht"}


def _pagina(request, rol):
    return render(
        request,
        "resultaten/pagina.html",
        {"rol": rol, "sectie_url": reverse(SECTIE[rol]), "nav_actief": "resultaten"},
    )


def _sectie(request, rol):
    rijen, k = selectors.overzicht(request.user, rol)
    context = {"rol": rol, "rijen": rijen, "k": k, "voetnoot": voetnoot(k), "uitkomsten": Uitkomst}
    return sectie_antwoord(
        request,
        "resultaten/_overzicht.html",
        context,
        titel=_("Resultaten"),
        terug=(_("Resultaten"), reverse(PAGINA[rol])),
    )


@role_required(Rol.WETHOUDER)
@require_GET
def wethouder(request):
    return _pagina(request, Rol.WETHOUDER)


@role_required(Rol.WETHOUDER)
@require_GET
def wethouder_overzicht(request):
    return _sectie(request, Rol.WETHOUDER)


@role_required(Rol.REGISSEUR)
@require_GET
def regie(request):
    return _pagina(request, Rol.REGISSEUR)


@role_required(Rol.REGISSEUR)
@require_GET
def regie_overzicht(request):
    return _sectie(request, Rol.REGISSEUR)
