"""Coaching and aftercare (issue 16).

- Coachtoewijzing: the regisseur assigns a jobcoach to a participant (besides the jobcoach named
  on a placement); together they make the jobcoach's caseload (begeleiding.selectors).
- Behoudcheck: at 6 and 12 months after the start of paid work, whether the participant still
  works; the results use it for "duurzaam".
- Werkgeversvraag: a question from an employer about a placement, answered by the jobcoach or
  the regisseur in the product.
- Nazorgafsluiting: how aftercare ended, recorded once when the participation is closed.

The coaching and aftercare contacts themselves are trajecten.Contactmoment rows of the kinds in
trajecten.constants.BEGELEIDING_SOORTEN, so the aftercare signal counts them as before.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleiding import constants as c
from leerwerk.history import track


@track()
class Coachtoewijzing(models.Model):
    deelname = models.ForeignKey(
        "trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.CASCADE, related_name="coachtoewijzingen"
    )
    jobcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("jobcoach"), on_delete=models.PROTECT, related_name="coachtoewijzingen"
    )
    toegewezen_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegewezen_op = models.DateTimeField(_("toegewezen op"), default=timezone.now)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toewijzing van een jobcoach")
        verbose_name_plural = _("toewijzingen van jobcoaches")
        ordering = ["-toegewezen_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelname", "jobcoach"],
                condition=Q(beeindigd_op__isnull=True),
                name="coachtoewijzing_een_lopende",
                violation_error_message=_("Deze jobcoach begeleidt deze deelnemer al."),
            )
        ]

    def __str__(self):
        return f"{self.jobcoach} → {self.deelname_id}"


@track()
class Behoudcheck(models.Model):
    deelname = models.ForeignKey(
        "trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.CASCADE, related_name="behoudchecks"
    )
    maanden = models.PositiveSmallIntegerField(_("check"), choices=c.Behoudmoment.choices)
    peildatum = models.DateField(_("peildatum"), help_text=_("De dag 6 of 12 maanden na de start van betaald werk."))
    datum = models.DateField(_("gecheckt op"))
    in_werk = models.BooleanField(_("nog aan het werk"))
    werkgever = models.ForeignKey(
        "werkgevers.Werkgever",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    werkgever_naam = models.CharField(
        _("andere werkgever"), max_length=150, blank=True, help_text=_("Als de werkgever niet in leerwerk staat.")
    )
    werkvorm = models.CharField(_("soort contract"), max_length=16, choices=c.Werkvorm.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("check: nog aan het werk")
        verbose_name_plural = _("checks: nog aan het werk")
        ordering = ["deelname", "maanden"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelname", "maanden"],
                name="behoudcheck_een_per_moment",
                violation_error_message=_("Deze check is al vastgelegd."),
            ),
            models.CheckConstraint(
                condition=Q(in_werk=False, werkgever__isnull=True, werkgever_naam="", werkvorm="")
                | Q(in_werk=True) & ~Q(werkvorm="") & (Q(werkgever__isnull=False) | ~Q(werkgever_naam="")),
                name="behoudcheck_werk_compleet",
                violation_error_message=_("Wie nog werkt, heeft een werkgever en een soort contract."),
            ),
        ]

    def __str__(self):
        return f"{self.get_maanden_display()}: {'aan het werk' if self.in_werk else 'niet aan het werk'}"


@track()
class Werkgeversvraag(models.Model):
    plaatsing = models.ForeignKey(
        "werkgevers.Plaatsing", verbose_name=_("plaatsing"), on_delete=models.CASCADE, related_name="vragen"
    )
    vraag = models.TextField(_("vraag"), max_length=c.VRAAG_MAX_LENGTE)
    gesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gesteld_op = models.DateTimeField(_("gesteld op"), default=timezone.now)
    uiterlijk_op = models.DateField(
        _("beantwoorden uiterlijk op"), help_text=_("Het einde van de volgende werkdag na de vraag.")
    )
    antwoord = models.TextField(_("antwoord"), max_length=c.VRAAG_MAX_LENGTE, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vraag van een werkgever")
        verbose_name_plural = _("vragen van werkgevers")
        ordering = ["-gesteld_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(antwoord="", beantwoord_door__isnull=True, beantwoord_op__isnull=True)
                | ~Q(antwoord="") & Q(beantwoord_door__isnull=False, beantwoord_op__isnull=False),
                name="werkgeversvraag_antwoord_compleet",
            ),
        ]
        indexes = [models.Index(fields=["uiterlijk_op"], condition=Q(beantwoord_op__isnull=True), name="vraag_open")]

    def __str__(self):
        return f"Vraag {self.pk} over plaatsing {self.plaatsing_id}"

    @property
    def is_beantwoord(self) -> bool:
        return self.beantwoord_op is not None


@track()
class Nazorgafsluiting(models.Model):
    deelname = models.OneToOneField(
        "trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.CASCADE, related_name="nazorgafsluiting"
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=12, choices=c.Afsluituitkomst.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    datum = models.DateField(_("afgesloten op"))
    afgesloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("afsluiting van de nazorg")
        verbose_name_plural = _("afsluitingen van de nazorg")

    def __str__(self):
        return f"{self.get_uitkomst_display()} ({self.datum:%d-%m-%Y})"
