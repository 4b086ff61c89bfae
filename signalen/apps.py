from django.apps import AppConfig


class SignalenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signalen"
    verbose_name = "Signalen en termijnen"
