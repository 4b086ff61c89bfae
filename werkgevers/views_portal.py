"""The employer portal: deliberately simple, usable on a phone on a building site."""

from django.shortcuts import render

from leerwerk.models import Rol
from leerwerk.permissions import role_required


@role_required(Rol.WERKGEVER)
def start(request):
    return render(request, "werkgevers/portal/start.html", {"nav_actief": "werkgever"})
