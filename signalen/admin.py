from django.contrib import admin

from signalen.models import Digest, Signaal, Termijnregels, Verlenging


@admin.register(Termijnregels)
class TermijnregelsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__", "proefplaatsing_maanden", "proefplaatsing_max_maanden", "traject_maanden", "wachttijd_weken",
        "nazorg_maanden", "herinnering_dagen",
    ]  # fmt: skip
    autocomplete_fields = ["gemeente"]


@admin.register(Verlenging)
class VerlengingAdmin(admin.ModelAdmin):
    list_display = ["plaatsing", "maanden", "door", "op"]
    readonly_fields = ["plaatsing", "maanden", "reden", "door", "op"]

    def has_add_permission(self, request):
        return False  # recorded by the klantmanager through the application, with checks


@admin.register(Signaal)
class SignaalAdmin(admin.ModelAdmin):
    """Read-only: signals are made by the scan. The list names no persons."""

    list_display = ["regel", "ernst", "deadline", "status", "rol", "verantwoordelijke", "traject"]
    list_filter = ["regel", "ernst", "status", "rol"]
    fields = ["regel", "ernst", "deadline", "bericht", "status", "uitgesteld_tot", "rol", "verantwoordelijke",
              "organisatie", "traject", "link", "suggestie", "aangemaakt_op", "gewijzigd_op"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["user", "datum", "status", "pogingen", "verzonden_op"]
    list_filter = ["status"]
    fields = ["user", "datum", "status", "onderwerp", "pogingen", "laatste_fout", "aangemaakt_op", "verzonden_op"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
