"""The filters of the results (issue 14): trajectory, sector, cohort and period.

Every filter chooses whole trajectories: a trajectory is shown with all its participants or not
at all, never split into parts of its people. So the difference between two choices is always a
set of whole trajectories, each of which is shown on its own anyway, and no choice of filters
lets a hidden figure about a few people be worked out from two others (the differencing between
periods). The periods are fixed and disjoint: calendar years.
- cohort: the year the trajectory started (its first phase);
- periode: the years the trajectory ran (its first phase's start to its last phase's end).
One query: the trajectories in scope, with their start and end.
"""

from __future__ import annotations

from django import forms
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from trajecten.constants import Sector


def in_scope(trajecten):
    """The trajectories in scope with their first start and last end (`begin`, `einde`)."""
    return list(
        trajecten.select_related("regisseur", "regie_organisatie")
        .annotate(begin=Min("fases__start"), einde=Max("fases__eind"))
        .order_by("naam", "id")
    )


class ResultatenFilter(forms.Form):
    """The choice of trajectories, built on the trajectories in scope (no query of its own)."""

    traject = forms.TypedMultipleChoiceField(
        label=_("Trajecten"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen keuze: alle trajecten."),
        error_messages={"invalid_choice": _("Kies trajecten uit de lijst.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, error_messages={"invalid_choice": _("Kies een sector uit de lijst.")}
    )
    cohort = forms.TypedChoiceField(
        label=_("Cohort (jaar van de start)"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een jaar uit de lijst.")},
    )
    periode = forms.TypedChoiceField(
        label=_("Periode (liep in)"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een jaar uit de lijst.")},
    )

    def __init__(self, data, *, trajecten: list):
        super().__init__(data)
        self.trajecten = trajecten
        self.fields["traject"].choices = [(t.pk, t.naam) for t in trajecten]
        sectoren = {t.sector for t in trajecten}
        self.fields["sector"].choices = [("", _("Alle sectoren"))] + [
            (s.value, s.label) for s in Sector if s.value in sectoren
        ]
        starts = sorted({t.begin.year for t in trajecten if t.begin}, reverse=True)
        self.fields["cohort"].choices = [("", _("Alle jaren"))] + [(j, str(j)) for j in starts]
        jaren = set()
        for t in trajecten:
            if t.begin and t.einde:
                jaren.update(range(t.begin.year, t.einde.year + 1))
        self.fields["periode"].choices = [("", _("Alle jaren"))] + [(j, str(j)) for j in sorted(jaren, reverse=True)]

    def gekozen(self) -> list:
        """The trajectories that meet the choice; none while the choice is not valid (its errors
        say what to change)."""
        if not self.is_valid():
            return []
        d = self.cleaned_data
        uit = []
        for t in self.trajecten:
            if d["traject"] and t.pk not in d["traject"]:
                continue
            if d["sector"] and t.sector != d["sector"]:
                continue
            if d["cohort"] and not (t.begin and t.begin.year == d["cohort"]):
                continue
            if d["periode"] and not (t.begin and t.einde and t.begin.year <= d["periode"] <= t.einde.year):
                continue
            uit.append(t)
        return uit

    def trajectkeuze(self) -> list[tuple[object, str, bool]]:
        """(value, label, chosen) per trajectory: written out in the template, not by the widget
        (a widget's templates per option cost more than the rest of the page)."""
        gekozen = set(self.data.getlist("traject")) if hasattr(self.data, "getlist") else set()
        return [(w, label, str(w) in gekozen) for w, label in self.fields["traject"].choices]

    def keuzelijsten(self) -> list[dict]:
        """The selects (sector, cohort, period) as plain data for the template."""
        uit = []
        for naam in ("sector", "cohort", "periode"):
            waarde = str(self.data.get(naam, "") or "")
            uit.append({
                "naam": naam, "id": f"id_{naam}", "label": self.fields[naam].label,
                "opties": [(w, label, str(w) == waarde) for w, label in self.fields[naam].choices],
                "fout": " ".join(self.errors.get(naam, [])) if self.is_bound else "",
            })  # fmt: skip
        return uit

    @property
    def actief(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())
