"""Requests of a person under the AVG (issue 17): access, correction and deletion.

A request is recorded by the klantmanager of the person's gemeente when it comes in, and
handled once: carried out or refused, with what was done or why not. A deletion needs a second
person: another klantmanager of the same gemeente (or a beheerder) approves and carries it out;
the one who recorded it cannot. The history of every request is kept (track()).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from avg.constants import VerzoekSoort, VerzoekStatus
from leerwerk.history import track


@track()
class Verzoek(models.Model):
    deelnemer = models.ForeignKey(
        "deelnemers.Deelnemer", verbose_name=_("kandidaat"), on_delete=models.PROTECT, related_name="avg_verzoeken"
    )
    soort = models.CharField(_("soort verzoek"), max_length=12, choices=VerzoekSoort.choices)
    ontvangen_op = models.DateField(_("ontvangen op"))
    toelichting = models.TextField(_("wat de persoon vraagt"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=VerzoekStatus.choices, default=VerzoekStatus.INGEDIEND
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    besluit = models.TextField(_("besluit"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("AVG-verzoek")
        verbose_name_plural = _("AVG-verzoeken")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=VerzoekStatus.INGEDIEND, afgehandeld_op__isnull=True)
                | (
                    ~models.Q(status=VerzoekStatus.INGEDIEND)
                    & models.Q(afgehandeld_op__isnull=False)
                    & ~models.Q(besluit="")
                ),
                name="avg_verzoek_afgehandeld_met_besluit",
                violation_error_message=_("Een afgehandeld verzoek heeft een datum en een besluit."),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.ontvangen_op:%d-%m-%Y})"
