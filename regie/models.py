"""The regie's own tools (issue 15): the trajectory's meetings with their feedback series, and
the script (draaiboek) of tasks per phase and partner role. No participant's personal data is
kept here: the minutes are about the trajectory, not about a person (the forms say so)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from leerwerk.history import track
from regie import constants as c
from trajecten.constants import FaseSoort


@track()
class FeedbackReeks(models.Model):
    """The fixed feedback moments of a trajectory: every `interval_weken` weeks from `vanaf` up
    to `tot`. The series is part of the covenant; its meetings are Overleg rows."""

    traject = models.OneToOneField("trajecten.Traject", on_delete=models.CASCADE, related_name="feedbackreeks")
    interval_weken = models.PositiveSmallIntegerField(
        _("elke zoveel weken"),
        default=c.FEEDBACK_INTERVAL_WEKEN,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    vanaf = models.DateField(_("eerste feedbackmoment"))
    tot = models.DateField(_("laatste mogelijke datum"))
    begintijd = models.TimeField(_("begintijd"), default=dt.time(10, 0))
    eindtijd = models.TimeField(_("eindtijd"), default=dt.time(11, 30))
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reeks feedbackmomenten")
        verbose_name_plural = _("reeksen feedbackmomenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=F("vanaf")),
                name="feedbackreeks_tot_na_vanaf",
                violation_error_message=_("De laatste datum ligt niet vóór het eerste feedbackmoment."),
            ),
            models.CheckConstraint(
                condition=Q(interval_weken__gte=1, interval_weken__lte=26),
                name="feedbackreeks_interval_1_26",
                violation_error_message=_("Kies een interval van 1 tot 26 weken."),
            ),
        ]

    def __str__(self):
        return f"Elke {self.interval_weken} weken, {self.vanaf:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"

    def data(self) -> list[dt.date]:
        """The dates of the series."""
        stap = dt.timedelta(weeks=self.interval_weken)
        uit, dag = [], self.vanaf
        while dag <= self.tot:
            uit.append(dag)
            dag += stap
        return uit


@track()
class Overleg(models.Model):
    """A meeting (overleg) of the partners about the trajectory: kick-off, feedback moment, interim or
    final evaluation. Follow-up actions are trajecten.Vervolgactie rows (with `overleg`)."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="overleggen")
    soort = models.CharField(_("soort"), max_length=16, choices=c.OverlegSoort.choices)
    datum = models.DateField(_("datum"))
    begintijd = models.TimeField(_("begintijd"), default=dt.time(10, 0))
    eindtijd = models.TimeField(_("eindtijd"), default=dt.time(11, 30))
    locatie = models.CharField(
        _("locatie"), max_length=200, blank=True, help_text=_("Een adres, of bijvoorbeeld ‘online (videobellen)’.")
    )
    aanwezigen = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezigen"), blank=True, related_name="overleggen"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    notulen = models.TextField(_("notulen"), blank=True)
    besluiten = models.TextField(_("besluiten"), blank=True)
    notulen_op = models.DateTimeField(_("notulen vastgelegd op"), null=True, blank=True)
    notulen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("notulen door"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reeks = models.ForeignKey(
        FeedbackReeks, verbose_name=_("reeks"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="overleggen",
    )  # fmt: skip
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["datum", "begintijd", "id"]
        indexes = [models.Index(fields=["traject", "datum"], name="overleg_traject_datum")]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindtijd__gt=F("begintijd")),
                name="overleg_eind_na_begin",
                violation_error_message=_("De eindtijd ligt na de begintijd."),
            ),
            models.UniqueConstraint(
                fields=["reeks", "datum"],
                name="overleg_reeks_datum_uniek",
                violation_error_message=_("Op deze datum staat al een feedbackmoment van de reeks."),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"

    @property
    def notulen_uiterlijk(self) -> dt.date:
        return self.datum + dt.timedelta(days=c.NOTULEN_DAGEN)

    @property
    def heeft_notulen(self) -> bool:
        return bool(self.notulen.strip())


@track()
class Draaiboektaak(models.Model):
    """A task of the trajectory's script: what is done when and by whom. Its due date follows
    the phase's dates (`dagen` before or after the phase's start or end), so a moved phase moves
    its tasks. Seeded from the national default (regie.draaiboek); each trajectory adapts it."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="draaiboektaken")
    fase_soort = models.CharField(_("fase"), max_length=20, choices=FaseSoort.choices)
    eigenaarrol = models.CharField(_("rol van de eigenaar"), max_length=20, choices=c.Eigenaarrol.choices)
    eigenaar = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("eigenaar (organisatie)"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="draaiboektaken",
    )  # fmt: skip
    omschrijving = models.CharField(_("taak"), max_length=300)
    ankerpunt = models.CharField(_("ten opzichte van"), max_length=5, choices=c.Ankerpunt.choices, default="start")
    dagen = models.SmallIntegerField(
        _("dagen ervoor (−) of erna (+)"), default=0, validators=[MinValueValidator(-365), MaxValueValidator(365)]
    )
    sjabloon = models.CharField(_("uit het landelijke sjabloon"), max_length=40, blank=True)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("afgerond door"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("taak uit het draaiboek")
        verbose_name_plural = _("draaiboek")
        ordering = ["traject", "id"]
        indexes = [models.Index(fields=["eigenaar"], condition=Q(afgerond_op__isnull=True), name="draaiboektaak_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "sjabloon"],
                condition=~Q(sjabloon=""),
                name="draaiboektaak_sjabloon_eenmaal",
                violation_error_message=_("Deze taak uit het sjabloon staat al in het draaiboek."),
            ),
            models.CheckConstraint(
                condition=Q(dagen__gte=-365, dagen__lte=365),
                name="draaiboektaak_dagen_binnen_jaar",
                violation_error_message=_("Kies hoogstens 365 dagen ervoor of erna."),
            ),
        ]

    def __str__(self):
        return self.omschrijving

    def deadline(self, fases: dict) -> dt.date | None:
        """The due date from the trajectory's phases ({soort: TrajectFase}); None while the
        phase is not planned."""
        fase = fases.get(self.fase_soort)
        if fase is None:
            return None
        return (fase.start if self.ankerpunt == c.Ankerpunt.START else fase.eind) + dt.timedelta(days=self.dagen)
