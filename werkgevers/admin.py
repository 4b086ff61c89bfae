"""Employers, their locations, mentors and places in the beheer. Profiles, matches and
placements concern persons and are not registered here (see deelnemers/admin.py)."""

from django.contrib import admin

from werkgevers.models import Begeleider, Leerwerkplek, Locatie, Werkgever


class LocatieInline(admin.TabularInline):
    model = Locatie
    extra = 0
    fields = ["naam", "adres", "postcode", "plaats", "gemeente", "provincie", "arbeidsmarktregio",
              "bouwvak_regio_afwijkend", "bouwvak_regio"]  # fmt: skip
    readonly_fields = ["bouwvak_regio"]


class BegeleiderInline(admin.TabularInline):
    model = Begeleider
    extra = 0


@admin.register(Werkgever)
class WerkgeverAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "kvk_nummer", "sector", "sbb_erkend"]
    list_filter = ["sector", "sbb_erkend"]
    search_fields = ["organisatie__naam", "kvk_nummer"]
    list_select_related = ["organisatie"]
    autocomplete_fields = ["organisatie"]
    inlines = [LocatieInline, BegeleiderInline]


@admin.register(Leerwerkplek)
class LeerwerkplekAdmin(admin.ModelAdmin):
    list_display = ["functietitel", "werkgever", "traject", "uren_per_week", "startdatum", "status", "toezegging"]
    list_filter = ["status", "toezegging", "deel_van_functie"]
    search_fields = ["functietitel", "beroep", "werkgever__organisatie__naam", "traject__naam"]
    list_select_related = ["werkgever__organisatie", "traject"]
    autocomplete_fields = ["werkgever", "traject"]
    exclude = ["toezegging_document"]  # served only through the access-checked view
