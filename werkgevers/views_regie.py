"""The regisseur's employer and matching pages."""

from django.shortcuts import render

from leerwerk.models import Rol
from leerwerk.permissions import role_required


@role_required(Rol.REGISSEUR)
def overzicht(request):
    return render(request, "werkgevers/regie/overzicht.html", {"nav_actief": "matching"})
