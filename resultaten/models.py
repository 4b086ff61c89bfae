"""A council report (raadsrapportage) of the results, asked for on the page and rendered by
Celery (resultaten.tasks). It keeps the choice it was asked with and its reference date, so
that a report rendered again says the same; its figures are aggregates only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Raadsrapportage(models.Model):
    class Status(models.TextChoices):
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")

    organisatie = models.ForeignKey("leerwerk.Organisatie", on_delete=models.CASCADE, related_name="+")
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rol = models.CharField(_("rol"), max_length=20)
    keuze = models.JSONField(_("keuze"), default=dict, blank=True)
    peildatum = models.DateField(_("peildatum"))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.BEZIG)
    pdf = models.FileField(_("pdf"), upload_to="raadsrapportages/", blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("raadsrapportage")
        verbose_name_plural = _("raadsrapportages")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.organisatie} {self.peildatum:%d-%m-%Y}"
