"""Training modules in the beheer. Module results and certificates are personal data and are not
registered here (see deelnemers/admin.py)."""

from django.contrib import admin

from opleiders.models import Lesdag, Module


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "traject", "aanbieder", "start", "eind", "prijs", "prijs_per"]
    list_filter = ["soort", "prijs_per", "aanbieder"]
    search_fields = ["naam", "traject__naam", "aanbieder__naam"]
    autocomplete_fields = ["traject", "aanbieder"]
    date_hierarchy = "start"
    list_select_related = ["traject", "aanbieder"]


@admin.register(Lesdag)
class LesdagAdmin(admin.ModelAdmin):
    """Lesson days hold no person data. Their register (Presentie) is personal data and is not
    registered here, like module results (see deelnemers/admin.py)."""

    list_display = ["datum", "module"]
    list_filter = ["module__aanbieder"]
    search_fields = ["module__naam"]
    autocomplete_fields = ["module"]
    date_hierarchy = "datum"
    list_select_related = ["module"]
