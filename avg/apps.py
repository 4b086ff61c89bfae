from django.apps import AppConfig


class AvgConfig(AppConfig):
    name = "avg"
    verbose_name = "Rechten van betrokkenen (AVG)"
    default_auto_field = "django.db.models.BigAutoField"
