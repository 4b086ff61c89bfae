"""Provinces and bouwvak regions (Noord, Midden, Zuid), shared by every app.

Bouwend Nederland advises bouwvak dates per region; the regions follow provinces with
exceptions per municipality. The province default below is the starting point; an
employer location (and, later, a gemeente) can override it. Dates are data, not code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Provincie(models.TextChoices):
    GRONINGEN = "groningen", "Groningen"
    FRIESLAND = "friesland", "Friesland"
    DRENTHE = "drenthe", "Drenthe"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GELDERLAND = "gelderland", "Gelderland"
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord_holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid_holland", "Zuid-Holland"
    ZEELAND = "zeeland", "Zeeland"
    NOORD_BRABANT = "noord_brabant", "Noord-Brabant"
    LIMBURG = "limburg", "Limburg"


class BouwvakRegio(models.TextChoices):
    NOORD = "noord", _("Noord")
    MIDDEN = "midden", _("Midden")
    ZUID = "zuid", _("Zuid")


# Default region per province. Flevoland, Gelderland and Utrecht are split between Noord and
# Midden; their default is the region most of the province follows, the rest is an override.
PROVINCIE_BOUWVAK_REGIO = {
    Provincie.GRONINGEN: BouwvakRegio.NOORD,
    Provincie.FRIESLAND: BouwvakRegio.NOORD,
    Provincie.DRENTHE: BouwvakRegio.NOORD,
    Provincie.OVERIJSSEL: BouwvakRegio.NOORD,
    Provincie.FLEVOLAND: BouwvakRegio.MIDDEN,
    Provincie.GELDERLAND: BouwvakRegio.MIDDEN,
    Provincie.UTRECHT: BouwvakRegio.MIDDEN,
    Provincie.NOORD_HOLLAND: BouwvakRegio.NOORD,  # not in the domain reference; Noord as advised lately
    Provincie.ZUID_HOLLAND: BouwvakRegio.MIDDEN,
    Provincie.ZEELAND: BouwvakRegio.ZUID,
    Provincie.NOORD_BRABANT: BouwvakRegio.ZUID,
    Provincie.LIMBURG: BouwvakRegio.ZUID,
}


def bouwvak_regio(provincie: str, override: str = "") -> str:
    """The bouwvak region of a place: the override when given, else the province's default."""
    return override or PROVINCIE_BOUWVAK_REGIO[provincie]
