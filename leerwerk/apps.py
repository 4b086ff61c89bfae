from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerkConfig(AppConfig):
    name = "leerwerk"
    verbose_name = _("Organisaties, gebruikers en audit")
