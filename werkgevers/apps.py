from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkgeversConfig(AppConfig):
    name = "werkgevers"
    verbose_name = _("Werkgevers")

    def ready(self):
        # A step into proefplaatsing or geplaatst needs a placement the employer confirmed.
        from trajecten.services import set_placement_guard
        from werkgevers.services import placement_guard

        set_placement_guard(placement_guard)
