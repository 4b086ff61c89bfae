"""The access log in the beheer: read-only, and every row says in Dutch whose data was read.

A row names its object by label and id (no foreign key: the log outlives what it names). The
list shows a candidate as "Kandidaat #<id>" (candidates have no dossier number; the admin
shows no names, as it writes no access-log rows of its own) with a link to every read of that
candidate in the log,
and a profile, placement or participation with the candidate it is about. The objects of one
page are fetched in one query per kind, so the list renders with a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leerwerk.models import AccessLog, Rol

DEELNEMER = "deelnemers.Deelnemer"
# How to reach the candidate from an object the log names (a lookup for values_list).
KANDIDAAT_VIA = {
    DEELNEMER: "pk",
    "trajecten.Deelname": "deelnemer_id",
    "werkgevers.Profiel": "deelname__deelnemer_id",
    "werkgevers.Plaatsing": "deelname__deelnemer_id",
    "werkgevers.Match": "deelname__deelnemer_id",
    "trajecten.Contactmoment": "deelname__deelnemer_id",
    "begeleiding.Werkgeversvraag": "plaatsing__deelname__deelnemer_id",
    "begeleiding.Behoudcheck": "deelname__deelnemer_id",
}


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _kandidaat_url(deelnemer_id: int) -> str:
    """Every read of this candidate in the log. Not the candidate page of the product: the
    beheerder may not read candidates there (a 404, logged as a refused attempt), and
    deelnemers deliberately registers nothing in the admin (see deelnemers/admin.py)."""
    return reverse("admin:leerwerk_accesslog_changelist") + f"?object_type={DEELNEMER}&object_id={deelnemer_id}"


def _kandidaat(deelnemer_id: int):
    return format_html(
        '<a href="{}">{}</a>', _kandidaat_url(deelnemer_id), gettext("Kandidaat #%(id)s") % {"id": deelnemer_id}
    )


def verwijzingen_zetten(rows) -> None:
    """Set `row.verwijzing` (safe HTML) on every row: one query per kind of object on the page."""
    ids = defaultdict(set)
    for row in rows:
        if row.object_type in KANDIDAAT_VIA and row.object_id.isdigit():
            ids[row.object_type].add(int(row.object_id))
    kandidaat_van = {}  # (label, id) -> the candidate's id
    for label, pks in ids.items():
        model = _model(label)
        if model is not None:
            for pk, deelnemer_id in model.objects.filter(pk__in=pks).values_list("pk", KANDIDAAT_VIA[label]):
                kandidaat_van[(label, pk)] = deelnemer_id
    for row in rows:
        row.verwijzing = _verwijzing(row, kandidaat_van)


def _verwijzing(row, kandidaat_van):
    model = _model(row.object_type)
    if model is None:
        return f"{row.object_type} {row.object_id}".strip()
    if not row.object_id:
        return str(model._meta.verbose_name_plural).capitalize()
    if row.object_type == DEELNEMER:
        naam = gettext("Kandidaat #%(id)s") % {"id": row.object_id}
    else:
        naam = f"{str(model._meta.verbose_name).capitalize()} #{row.object_id}"
    if row.object_type not in KANDIDAAT_VIA or not row.object_id.isdigit():
        return naam
    deelnemer_id = kandidaat_van.get((row.object_type, int(row.object_id)))
    if deelnemer_id is None:
        return gettext("%(naam)s (bestaat niet meer)") % {"naam": naam}
    if row.object_type == DEELNEMER:
        return _kandidaat(deelnemer_id)
    return format_html("{} ({})", naam, _kandidaat(deelnemer_id))


class ToegangslogChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        verwijzingen_zetten(self.result_list)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (a database trigger refuses changes as well)."""

    list_display = ["tijdstip", "user_email", "rol_naam", "organisatie_naam", "action", "object_verwijzing", "result"]
    list_filter = ["action", "result", "rol"]
    search_fields = ["user_email", "object_type", "object_id", "organisatie_naam"]
    date_hierarchy = "tijdstip"
    readonly_fields = ["object_verwijzing"]

    def get_changelist(self, request, **kwargs):
        return ToegangslogChangeList

    @admin.display(description=_("gegevens van"))
    def object_verwijzing(self, obj):
        if not hasattr(obj, "verwijzing"):  # the page of one row
            verwijzingen_zetten([obj])
        return obj.verwijzing

    @admin.display(description=_("rol"), ordering="rol")
    def rol_naam(self, obj):
        return Rol(obj.rol).label if obj.rol in Rol.values else obj.rol

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
