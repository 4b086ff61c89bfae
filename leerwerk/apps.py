from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerkConfig(AppConfig):
    name = "leerwerk"
    verbose_name = _("Organisaties, gebruikers en audit")


class AxesConfig(AxesAppConfig):
    """django-axes under a Dutch name in the beheer; its model names are translated in
    locale/nl (the package ships no Dutch)."""

    verbose_name = _("Inloggen en blokkeringen")
