"""Trajectories in the beheer (Django admin): the trajectory with its partners and phases.

Only what holds no personal data is here. Deelnames, their steps and contact moments are about
persons and are read through the regisseur's and klantmanager's screens, which write the access
log (see deelnemers/admin.py).
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from leerwerk.admin import CountsOnDeleteMixin
from trajecten.models import Traject, TrajectFase, TrajectPartner


class TrajectPartnerInline(admin.TabularInline):
    model = TrajectPartner
    extra = 0
    autocomplete_fields = ["organisatie", "contactpersoon"]


class TrajectFaseInline(admin.TabularInline):
    model = TrajectFase
    extra = 0
    ordering = ["start", "id"]


@admin.register(Traject)
class TrajectAdmin(CountsOnDeleteMixin, admin.ModelAdmin):
    list_display = ["naam", "sector", "regie_organisatie", "status", "instroomvorm", "capaciteit", "aantal_deelnames"]
    list_filter = ["status", "sector", "instroomvorm", "arbeidsmarktregio"]
    search_fields = ["naam", "beroep", "regie_organisatie__naam"]
    autocomplete_fields = ["arbeidsmarktregio", "gemeenten", "regie_organisatie", "regisseur"]
    readonly_fields = ["aangemaakt_op"]
    inlines = [TrajectPartnerInline, TrajectFaseInline]
    fieldsets = [
        (None, {"fields": ["naam", "sector", "beroep", "status", "instroomvorm", "capaciteit"]}),
        (_("Regie en gemeenten"), {"fields": ["arbeidsmarktregio", "gemeenten", "regie_organisatie", "regisseur"]}),
        (
            _("Instroomprofiel"),
            {"fields": ["min_taalniveau", "max_opleidingsniveau", "min_uren_per_week", "overige_criteria"]},
        ),
        (_("SMART-doel"), {"fields": ["doel_aantal_deelnemers", "doel_aandeel_werk", "doel_datum"]}),
        (_("Data"), {"fields": ["aangemaakt_op"]}),
    ]

    def get_actions(self, request):
        # Bulk delete would list the protected deelnames by name on its confirmation page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        """A trajectory with deelnames is not deleted here: Django's confirmation page would show
        its participants by name, outside the access log (and the deelnames are protected anyway)."""
        if obj is not None and obj.deelnames.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("regie_organisatie").annotate(_deelnames=Count("deelnames"))

    @admin.display(description=_("deelnames"), ordering="_deelnames")
    def aantal_deelnames(self, obj):
        return obj._deelnames  # a count only: no person is shown here
