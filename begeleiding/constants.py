"""Coaching and aftercare (issue 16): retention checks, employers' questions, closing aftercare."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The retention checks, in months after the start of paid work.
BEHOUD_MAANDEN = (6, 12)
# A retention check may be recorded this many days before it is due (a contact just before).
BEHOUDCHECK_VOORAF_DAGEN = 30


class Behoudmoment(models.IntegerChoices):
    ZES = 6, _("na 6 maanden")
    TWAALF = 12, _("na 12 maanden")


class Werkvorm(models.TextChoices):
    """The kind of contract a participant works on at a retention check (the contract kinds of a
    placement, plus what a placement cannot be)."""

    BBL = "bbl", _("BBL-leerbaan")
    BEPAALDE_TIJD = "bepaalde_tijd", _("Arbeidsovereenkomst bepaalde tijd")
    ONBEPAALDE_TIJD = "onbepaalde_tijd", _("Arbeidsovereenkomst onbepaalde tijd")
    UITZEND = "uitzend", _("Uitzendbaan")
    ZELFSTANDIG = "zelfstandig", _("Eigen bedrijf")
    ANDERS = "anders", _("Anders")


class Afsluituitkomst(models.TextChoices):
    """How aftercare ended, recorded once when the participation is closed."""

    WERK_ZELFDE = "werk_zelfde", _("Aan het werk bij de werkgever van de plaatsing")
    WERK_ANDERS = "werk_anders", _("Aan het werk bij een andere werkgever")
    OPLEIDING = "opleiding", _("Met een vervolgopleiding begonnen")
    GEEN_WERK = "geen_werk", _("Niet meer aan het werk")
    ONBEKEND = "onbekend", _("Niet meer bereikt")


# The outcomes that mean work (for the results).
UITKOMST_WERK = (Afsluituitkomst.WERK_ZELFDE, Afsluituitkomst.WERK_ANDERS)

VRAAG_MAX_LENGTE = 2000
