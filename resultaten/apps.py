from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultatenConfig(AppConfig):
    name = "resultaten"
    verbose_name = _("Resultaten")
