"""The planning helper on the trajectory page: backwards from a target start at employers,
forwards from a start, with the bouwvak, public holidays and benefit limits.

The trajectory page includes the section without computing anything (its query count stays
as it was): the section loads its content here with htmx (hx-trigger="load"); without
JavaScript it links to the full page this view also renders. The forms ask with hx-get and
get only the result region back (plus the two fields, out of band, with their errors).
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from leerwerk.datums import BouwvakKalender
from leerwerk.models import Rol
from leerwerk.permissions import role_required
from signalen.selectors import termijnregels_voor
from trajecten import planning
from trajecten.forms_planning import PlanningshulpForm
from trajecten.selectors import bouwvak_regio_per_traject, trajecten_directed_by

RESULTAAT_ID = "planningshulp-resultaat"


def _bereken(traject, form, vandaag):
    """Both computations, each from the date asked for or its default."""
    fases = list(traject.fases.all())
    regio = bouwvak_regio_per_traject([traject.pk]).get(traject.pk, "")
    kalender = BouwvakKalender()
    regels = termijnregels_voor(traject.regie_organisatie_id)  # trajectory level: the regie's rules

    doelstart = form.cleaned_data.get("doelstart")
    doel_standaard = None if doelstart else planning.standaard_doelstart(kalender, regio, vandaag)
    if doel_standaard is not None:
        doelstart = doel_standaard.datum
    terug = None
    if doelstart is not None:
        terug = planning.terugrekenen(fases, doelstart, kalender, regio, termijnregels=regels, vandaag=vandaag)

    start = form.cleaned_data.get("start")
    start_standaard = None if start else planning.standaard_start(fases, vandaag)
    if start_standaard is not None:
        start = start_standaard.datum
    vooruit = planning.projecteren(fases, start, kalender, regio, regels, vandaag=vandaag)
    return {
        "regio": planning.regio_naam(regio) if regio else "",
        "regels": regels,
        "heeft_fases": bool(fases),
        "doelstart": doelstart,
        "doel_standaard": doel_standaard,
        "terug": terug,
        "start": start,
        "start_standaard": start_standaard,
        "vooruit": vooruit,
    }


@role_required(Rol.REGISSEUR)
def planningshulp(request, pk):
    traject = get_object_or_404(trajecten_directed_by(request.user).prefetch_related("fases"), pk=pk)
    form = PlanningshulpForm(request.GET)
    context = {"traject": traject, "planning_form": form, "nav_actief": "trajecten"}
    if form.is_valid():
        context.update(_bereken(traject, form, timezone.localdate()))
    if request.htmx and request.htmx.target == RESULTAAT_ID:
        return render(request, "trajecten/_planningshulp_resultaat.html", {**context, "oob": True})
    if request.htmx:
        return render(request, "trajecten/_planningshulp_inhoud.html", context)
    return render(request, "trajecten/planningshulp.html", context)
