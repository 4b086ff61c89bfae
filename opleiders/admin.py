"""Training modules in the beheer. Module results and certificates are personal data and are not
registered here (see deelnemers/admin.py)."""

from django.contrib import admin

from opleiders.models import Module


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "traject", "aanbieder", "start", "eind", "prijs", "prijs_per"]
    list_filter = ["soort", "prijs_per", "aanbieder"]
    search_fields = ["naam", "traject__naam", "aanbieder__naam"]
    autocomplete_fields = ["traject", "aanbieder"]
    date_hierarchy = "start"
    list_select_related = ["traject", "aanbieder"]
