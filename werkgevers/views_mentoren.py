"""The employer portal's mentors and buddies (issue 16): how each was prepared for guiding a
newcomer (an intercultural communication training, a "Harrie" training or similar), and one
form to record a preparation. Scoped to the user's own employer: another employer's mentor or
preparation answers 404. No participant is shown here (nothing to access-log).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerwerk.forms import add_service_errors
from werkgevers import selectors, services
from werkgevers.constants import VoorbereidingSoort
from werkgevers.forms_mentoren import MentorvoorbereidingForm
from werkgevers.views_portal import _render, werkgever_required


def _keuze(begeleiders, waarde) -> int | None:
    """The mentor id in a request; 404 for an id that is not one of the employer's own."""
    if not waarde:
        return None
    if not str(waarde).isdigit() or not begeleiders.filter(pk=int(waarde)).exists():
        raise Http404
    return int(waarde)


def _rijen(begeleiders) -> list[dict]:
    """Each mentor with its preparations (prefetched) and the placements it guides now."""
    lijst = list(begeleiders)
    actief = selectors.actieve_plaatsingen_per_mentor(b.pk for b in lijst)
    rijen = []
    for b in lijst:
        voorbereidingen = list(b.voorbereidingen.all())
        rijen.append({"begeleider": b, "voorbereidingen": voorbereidingen, "actief": actief.get(b.pk, 0)})
    return rijen


@werkgever_required
@require_http_methods(["GET", "POST"])
def mentoren(request):
    begeleiders = selectors.begeleiders_for_werkgever(request.user)
    keuzes = begeleiders.prefetch_related(None)
    if request.method == "POST":
        _keuze(keuzes, request.POST.get("begeleider"))
        form = MentorvoorbereidingForm(request.POST, begeleiders=keuzes)
        if form.is_valid():
            try:
                services.mentorvoorbereiding_vastleggen(acting_user=request.user, **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                begeleider = form.cleaned_data["begeleider"]
                messages.success(
                    request,
                    _("De voorbereiding van %(naam)s is vastgelegd: %(soort)s op %(datum)s.")
                    % {
                        "naam": begeleider.naam,
                        "soort": VoorbereidingSoort(form.cleaned_data["soort"]).label,
                        "datum": f"{form.cleaned_data['datum']:%d-%m-%Y}",
                    },
                )
                return redirect(reverse("werkgever:mentoren") + f"#mentor-{begeleider.pk}")
        status = 400
    else:
        form = MentorvoorbereidingForm(
            begeleiders=keuzes, initial={"begeleider": _keuze(keuzes, request.GET.get("mentor"))}
        )
        status = 200
    return _render(
        request,
        "mentoren.html",
        {"rijen": _rijen(begeleiders), "form": form},
        status=status,
        portal_actief="mentoren",
    )


@werkgever_required
@require_POST
def voorbereiding_verwijderen(request, pk: int):
    voorbereiding = selectors.mentorvoorbereiding_for_werkgever(request.user, pk)
    begeleider = voorbereiding.begeleider
    services.mentorvoorbereiding_verwijderen(acting_user=request.user, voorbereiding=voorbereiding)
    messages.success(
        request,
        _("De voorbereiding van %(naam)s (%(soort)s, %(datum)s) is verwijderd.")
        % {
            "naam": begeleider.naam,
            "soort": voorbereiding.get_soort_display(),
            "datum": f"{voorbereiding.datum:%d-%m-%Y}",
        },
    )
    return redirect(reverse("werkgever:mentoren") + f"#mentor-{begeleider.pk}")
