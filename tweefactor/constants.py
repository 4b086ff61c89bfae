from django.db import models
from django.utils.translation import gettext_lazy as _


class MfaModus(models.TextChoices):
    """settings.LEERWERK_MFA."""

    VERPLICHT = "verplicht", _("verplicht")
    AANGEBODEN = "aangeboden", _("aangeboden")


# Session keys. The device-based factors (app, passkey, recovery code) are kept by django-otp
# itself (django_otp.DEVICE_ID_SESSION_KEY); these are ours.
SESSIE_VIA = "tweefactor_via"  # how the second factor was passed ("sso" has no device)
SESSIE_HEEFT_FACTOR = "tweefactor_heeft_factor"  # bool, worked out at login: no query per page
SESSIE_NIEUWE_CODES = "tweefactor_nieuwe_codes"  # recovery codes to show once

AANTAL_HERSTELCODES = 10
