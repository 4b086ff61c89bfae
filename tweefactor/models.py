import pgtrigger
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FactorReset(models.Model):
    """A beheerder removed every second factor of a user (tweefactor.services.factoren_resetten).

    Append-only, like the access log: no foreign keys (it outlives the users it names) and a
    database trigger refuses UPDATE and DELETE. The factors themselves are django-otp's and
    django-otp-webauthn's models.
    """

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    gebruiker_id = models.BigIntegerField(_("gebruiker-id"), db_index=True)
    gebruiker_email = models.CharField(_("gebruiker"), max_length=254)
    door_id = models.BigIntegerField(_("door (id)"), null=True)
    door_email = models.CharField(_("uitgevoerd door"), max_length=254)
    reden = models.TextField(_("reden"))
    aantal_factoren = models.PositiveIntegerField(_("verwijderde factoren"), default=0)

    class Meta:
        verbose_name = _("herstel van tweestapsverificatie")
        verbose_name_plural = _("herstel van tweestapsverificatie")
        ordering = ["-tijdstip", "-id"]
        triggers = [
            pgtrigger.Protect(name="factorreset_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.gebruiker_email} ({self.door_email})"
