"""A council report (raadsrapportage) of the results, asked for on the page and rendered by
Celery (resultaten.tasks). It keeps the choice it was asked with and its reference date: a
report rendered again counts the contracts up to that date, with the participations as they are
then. Its figures are aggregates only."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Raadsrapportage(models.Model):
    class Status(models.TextChoices):
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    organisatie = models.ForeignKey("leerwerk.Organisatie", on_delete=models.CASCADE, related_name="+")
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rol = models.CharField(_("rol"), max_length=20)
    keuze = models.JSONField(_("keuze"), default=dict, blank=True)
    peildatum = models.DateField(_("peildatum"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.BEZIG)
    pdf = models.FileField(_("pdf"), upload_to="raadsrapportages/", blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    # Asked for longer ago than this and still not made: the worker did not get to it.
    TE_LANG = dt.timedelta(minutes=10)

    class Meta:
        verbose_name = _("raadsrapportage")
        verbose_name_plural = _("raadsrapportages")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.organisatie} {self.peildatum:%d-%m-%Y}"

    @property
    def vastgelopen(self) -> bool:
        return self.status == self.Status.MISLUKT or (
            self.status == self.Status.BEZIG and timezone.now() - self.aangemaakt_op > self.TE_LANG
        )
