from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BegeleidingConfig(AppConfig):
    name = "begeleiding"
    verbose_name = _("Begeleiding en nazorg")
