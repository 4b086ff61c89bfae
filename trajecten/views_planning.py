"""The planning helper on the trajectory page: backwards from a target start at employers,
forwards from a start, with the bouwvak, public holidays and benefit limits.

The trajectory page shows a placeholder (leerwerk/_lui.html, issue 12): the section loads here
with htmx (hx-trigger="load"); without JavaScript it links to the full page this view also
renders. The forms ask with hx-get and
get only the result region back (plus the two fields, out of band, with their errors).
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from leerwerk.models import Rol
from leerwerk.permissions import role_required
from trajecten import planning
from trajecten.forms_planning import PlanningshulpForm
from trajecten.selectors import trajecten_directed_by

RESULTAAT_ID = "planningshulp-resultaat"


@role_required(Rol.REGISSEUR)
def planningshulp(request, pk):
    traject = get_object_or_404(trajecten_directed_by(request.user).prefetch_related("fases"), pk=pk)
    form = PlanningshulpForm(request.GET)
    context = {"traject": traject, "planning_form": form, "nav_actief": "trajecten"}
    if form.is_valid():
        context.update(
            planning.planningshulp(
                traject,
                doelstart=form.cleaned_data.get("doelstart"),
                start=form.cleaned_data.get("start"),
                vandaag=timezone.localdate(),
            )
        )
    if request.htmx and request.htmx.target == RESULTAAT_ID:
        return render(request, "trajecten/_planningshulp_resultaat.html", {**context, "oob": True})
    if request.htmx:  # the trajectory page's lazy section (leerwerk/_lui.html)
        return render(request, "trajecten/_planningshulp.html", context)
    return render(request, "trajecten/planningshulp.html", context)
