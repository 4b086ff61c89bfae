from django.apps import AppConfig


class SignalenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signalen"
    verbose_name = "Signalen en termijnen"

    def ready(self):
        from leerwerk.events import TOESTEMMING_GEWIJZIGD, TRAJECT_GEWIJZIGD, abonneer
        from signalen.services import herbereken_na_commit, herbereken_toestemmingen_na_commit

        abonneer(TOESTEMMING_GEWIJZIGD, herbereken_toestemmingen_na_commit)
        abonneer(TRAJECT_GEWIJZIGD, herbereken_na_commit, in_transactie=True)
