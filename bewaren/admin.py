from django.contrib import admin

from bewaren.models import Anonimisering, Bewaarrun, Bewaartermijnen


@admin.register(Bewaartermijnen)
class BewaartermijnenAdmin(admin.ModelAdmin):
    """One row: the retention terms (bewaren.services). Without it the defaults hold."""

    list_display = ["__str__", "kandidaat_jaren_na_deelname", "kandidaat_jaren_na_registratie",
                    "toegangslog_maanden", "financieel_jaren", "gewijzigd_op"]  # fmt: skip

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Bewaartermijnen.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenLezen(admin.ModelAdmin):
    """A record of what the retention did: read, never written by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bewaarrun)
class BewaarrunAdmin(AlleenLezen):
    list_display = ["gestart_op", "peildatum", "droog", "kandidaten", "toegangslog", "financieel", "heeft_fout"]
    list_filter = ["droog"]
    date_hierarchy = "gestart_op"
    readonly_fields = ["gestart_op", "klaar_op", "peildatum", "droog", "kandidaten", "toegangslog_grens",
                       "toegangslog", "financieel_grens", "financieel", "details", "fout"]  # fmt: skip

    @admin.display(boolean=True, description="fout")
    def heeft_fout(self, obj):
        return bool(obj.fout)


@admin.register(Anonimisering)
class AnonimiseringAdmin(AlleenLezen):
    list_display = ["deelnemer_id", "reden", "op", "run"]
    list_filter = ["reden"]
    readonly_fields = ["deelnemer_id", "reden", "toelichting", "op", "run"]
    fields = ["deelnemer_id", "reden", "toelichting", "op", "run"]
