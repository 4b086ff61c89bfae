from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerkConfig(AppConfig):
    name = "leerwerk"
    verbose_name = _("Organisaties, gebruikers en audit")

    def ready(self):
        from leerwerk import keuzes

        keuzes.installeer()  # get_FOO_display without rebuilding the choices on every call


class AxesConfig(AxesAppConfig):
    """django-axes under a Dutch name in the beheer; its model names are translated in
    locale/nl (the package ships no Dutch)."""

    verbose_name = _("Inloggen en blokkeringen")
