from django.db import models
from django.utils.translation import gettext_lazy as _


class VerzoekSoort(models.TextChoices):
    INZAGE = "inzage", _("Inzage (art. 15 AVG)")
    CORRECTIE = "correctie", _("Correctie (art. 16 AVG)")
    VERWIJDERING = "verwijdering", _("Verwijdering (art. 17 AVG)")


class VerzoekStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
    GEWEIGERD = "geweigerd", _("Geweigerd")


# The apps whose models hold a candidate's data; the access report walks their relations.
PERSOONSAPPS = frozenset(
    {"deelnemers", "trajecten", "werkgevers", "begeleiding", "financiering", "signalen", "opleiders", "regie", "avg"}
)

# Financial records are kept seven years (art. 52 Algemene wet inzake rijksbelastingen).
FISCALE_BEWAARTERMIJN_JAREN = 7
