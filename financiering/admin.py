from django.contrib import admin

from financiering.models import Uitkeringsnorm


@admin.register(Uitkeringsnorm)
class UitkeringsnormAdmin(admin.ModelAdmin):
    """The monthly bijstand per gemeente for the BUIG business case (financiering.buig), counted
    when a candidate's own benefit is not recorded: maintained here by the beheerder."""

    list_display = ["gemeente", "maandbedrag", "toelichting"]
    search_fields = ["gemeente__naam"]
    autocomplete_fields = ["gemeente"]
