from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpleidersConfig(AppConfig):
    name = "opleiders"
    verbose_name = _("Opleiders en opleidingen")
