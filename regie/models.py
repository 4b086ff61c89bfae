"""The regie's own tools (issue 15): the trajectory's meetings with their feedback series, the
script (draaiboek) of tasks per phase and partner role, and the covenant with its versions and
sign-offs. No participant's personal data is
kept here: the minutes are about the trajectory, not about a person (the forms say so)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from deelnemers.constants import Taalniveau
from leerwerk.history import track
from opleiders.constants import CertificaatSoort
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


@track()
class Convenant(models.Model):
    """The covenant of a trajectory: generated from what the trajectory records, plus the
    agreements below that the data do not hold yet and the regisseur's free-text clauses. What
    is signed is a ConvenantVersie: a frozen snapshot of it."""

    traject = models.OneToOneField("trajecten.Traject", on_delete=models.CASCADE, related_name="convenant")
    min_deelnemers = models.PositiveSmallIntegerField(
        _("minimum aantal deelnemers"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Onder dit aantal start het traject niet (of wordt het heroverwogen)."),
    )  # fmt: skip
    uitstroom_taalniveau = models.CharField(
        _("taalniveau bij uitstroom"), max_length=2, choices=Taalniveau.choices, blank=True,
        help_text=_("Het niveau dat de deelnemers aan het eind hebben; naast de eisen van de werkgevers gelegd."),
    )  # fmt: skip
    uitstroom_certificaten = ArrayField(
        models.CharField(max_length=20, choices=CertificaatSoort.choices),
        verbose_name=_("certificaten bij uitstroom"), default=list, blank=True,
    )  # fmt: skip
    uitval_aanpak = models.TextField(
        _("aanpak bij uitval"), blank=True,
        help_text=_("Wat de partners doen als een deelnemer dreigt uit te vallen of uitvalt, en wie wat betaalt."),
    )  # fmt: skip
    tekort_geaccepteerd = models.BooleanField(_("tekort in de financiering geaccepteerd"), default=False)
    tekort_toelichting = models.TextField(_("toelichting op het tekort"), blank=True)
    looptijd_tot = models.DateField(
        _("looptijd tot en met"), null=True, blank=True, help_text=_("Leeg: tot het einde van de laatste fase.")
    )
    volgorde_verplicht = models.BooleanField(
        _("in volgorde tekenen"), default=False,
        help_text=_("Aan: de partijen tekenen één voor één, in de volgorde van de lijst. Uit: tegelijk."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("convenant")
        verbose_name_plural = _("convenanten")

    def __str__(self):
        return f"Convenant {self.traject}"


@track()
class Clausule(models.Model):
    """A free-text clause the regisseur adds to a section of the covenant."""

    convenant = models.ForeignKey(Convenant, on_delete=models.CASCADE, related_name="clausules")
    sectie = models.CharField(_("sectie"), max_length=16, choices=c.ConvenantSectie.choices)
    tekst = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("clausule")
        verbose_name_plural = _("clausules")
        ordering = ["sectie", "id"]

    def __str__(self):
        return self.tekst[:60]


def _versie_pad(instance, filename):
    return f"convenanten/{instance.convenant_id}/{filename}"


class ConvenantVersie(models.Model):
    """A version of the covenant as it was sent for signature: immutable. `inhoud` is the data it
    was rendered from (attached to the PDF as JSON); `inhoud_hash` tells whether the trajectory
    changed since (the version is then out of date); `sha256` is the PDF every party signs."""

    convenant = models.ForeignKey(Convenant, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=20, choices=c.VersieStatus.choices, default="renderen")
    inhoud = models.JSONField(_("inhoud"))
    inhoud_hash = models.CharField(_("vingerafdruk van de inhoud"), max_length=64)
    volgorde_verplicht = models.BooleanField(_("in volgorde tekenen"), default=False)
    pdf = models.FileField(_("pdf"), upload_to=_versie_pad, blank=True)
    sha256 = models.CharField(_("SHA-256 van de pdf"), max_length=64, blank=True)
    verzegeld_pdf = models.FileField(_("verzegelde pdf"), upload_to=_versie_pad, blank=True)
    verzegeld_sha256 = models.CharField(_("SHA-256 van de verzegelde pdf"), max_length=64, blank=True)
    verzegeld_op = models.DateTimeField(_("verzegeld op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("convenantversie")
        verbose_name_plural = _("convenantversies")
        ordering = ["convenant", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["convenant", "nummer"], name="convenantversie_nummer_uniek"),
            models.UniqueConstraint(
                fields=["convenant"],
                condition=Q(status__in=c.OPEN_VERSIE),
                name="convenantversie_een_open",
                violation_error_message=_("Er staat al een versie open voor ondertekening."),
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"Versie {self.nummer}"


class Ondertekening(models.Model):
    """One party's sign-off of one version: by a signatory (tekenbevoegd) of that organisation,
    of the exact PDF (its SHA-256), or declined with a reason."""

    versie = models.ForeignKey(ConvenantVersie, on_delete=models.CASCADE, related_name="ondertekeningen")
    organisatie = models.ForeignKey("leerwerk.Organisatie", on_delete=models.PROTECT, related_name="+")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    status = models.CharField(_("status"), max_length=10, choices=c.TekenStatus.choices, default="wacht")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    op = models.DateTimeField(_("op"), null=True, blank=True)
    sha256 = models.CharField(_("getekende SHA-256"), max_length=64, blank=True)
    reden = models.TextField(_("reden van weigering"), blank=True)

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["versie", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "organisatie"], name="ondertekening_partij_eenmaal"),
            models.CheckConstraint(
                condition=~Q(status="getekend") | (Q(door__isnull=False, op__isnull=False) & ~Q(sha256="")),
                name="ondertekening_getekend_compleet",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.get_status_display()})"
