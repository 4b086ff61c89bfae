from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TweefactorConfig(AppConfig):
    name = "tweefactor"
    verbose_name = _("Tweestapsverificatie")

    def ready(self):
        from tweefactor import signals  # noqa: F401  (the login receiver)
