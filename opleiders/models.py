"""Training modules per trajectory, attendance and results per participant, certificates."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from leerwerk.history import track
from opleiders import constants as c


@track()
class Module(models.Model):
    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.CASCADE, related_name="modules"
    )
    soort = models.CharField(_("soort"), max_length=25, choices=c.ModuleSoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    aanbieder = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="modules"
    )
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"))
    prijs = models.DecimalField(
        _("prijs (€)"), max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    prijs_per = models.CharField(
        _("prijs geldt"), max_length=10, choices=c.PrijsPer.choices, default=c.PrijsPer.DEELNEMER
    )

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gte=F("start")),
                name="module_eind_na_start",
                violation_error_message=_("Het einde van een module ligt niet vóór de start."),
            ),
            models.CheckConstraint(condition=Q(prijs__gte=0), name="module_prijs_niet_negatief"),
        ]

    def __str__(self):
        return self.naam


@track()
class ModuleDeelname(models.Model):
    """Attendance, progress and result of one participant in one module."""

    module = models.ForeignKey(Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="deelnames")
    deelname = models.ForeignKey(
        "trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.CASCADE, related_name="modules"
    )
    aanwezigheid = models.PositiveSmallIntegerField(
        _("aanwezigheid (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    voortgang = models.CharField(
        _("voortgang"), max_length=12, choices=c.Voortgang.choices, default=c.Voortgang.NIET_GESTART
    )
    resultaat = models.CharField(_("resultaat"), max_length=12, choices=c.Resultaat.choices, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("moduledeelname")
        verbose_name_plural = _("moduledeelnames")
        ordering = ["module__start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "deelname"],
                name="moduledeelname_uniek",
                violation_error_message=_("Deze deelnemer volgt deze module al."),
            ),
            models.CheckConstraint(
                condition=Q(aanwezigheid__isnull=True) | Q(aanwezigheid__lte=100),
                name="moduledeelname_aanwezigheid_max_100",
                violation_error_message=_("Aanwezigheid is hoogstens 100%."),
            ),
        ]

    def __str__(self):
        return f"{self.module} – {self.get_voortgang_display()}"


@track()
class Certificaat(models.Model):
    deelnemer = models.ForeignKey(
        "deelnemers.Deelnemer", verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="certificaten"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=c.CertificaatSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    behaald_op = models.DateField(_("behaald op"))
    geldig_tot = models.DateField(_("geldig tot"), null=True, blank=True)
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.SET_NULL, null=True, blank=True, related_name="certificaten"
    )

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        ordering = ["-behaald_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort__in=c.CERTIFICATEN_MET_VERVALDATUM) | Q(geldig_tot__isnull=False),
                name="certificaat_vca_heeft_vervaldatum",
                violation_error_message=_("Een VCA-certificaat heeft een vervaldatum."),
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=F("behaald_op")),
                name="certificaat_geldig_na_behalen",
                violation_error_message=_("De vervaldatum ligt na de datum van behalen."),
            ),
        ]

    def __str__(self):
        return self.omschrijving or self.get_soort_display()

    def clean(self):
        if self.soort in c.CERTIFICATEN_MET_VERVALDATUM and not self.geldig_tot:
            raise ValidationError({"geldig_tot": _("Een VCA-certificaat heeft een vervaldatum.")})
