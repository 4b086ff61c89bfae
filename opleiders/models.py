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
    # Kept by opleiders.services.register: once the module has a register, the attendance above is
    # derived from it (not typed), and the unexcused absences are counted here.
    aanwezigheid_uit_register = models.BooleanField(_("aanwezigheid volgt uit de presentielijst"), default=False)
    zonder_bericht = models.PositiveSmallIntegerField(_("afwezig zonder bericht (lesdagen)"), default=0)

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

    @property
    def onder_drempel(self) -> bool:
        """Attendance from the register below the threshold (c.AANWEZIGHEID_DREMPEL)."""
        return (
            self.aanwezigheid_uit_register
            and self.aanwezigheid is not None
            and self.aanwezigheid < c.AANWEZIGHEID_DREMPEL
        )


@track()
class Lesdag(models.Model):
    """A day on which a module holds a lesson: entered, or generated from a weekly pattern."""

    module = models.ForeignKey(Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="lesdagen")
    datum = models.DateField(_("datum"))

    class Meta:
        verbose_name = _("lesdag")
        verbose_name_plural = _("lesdagen")
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "datum"],
                name="lesdag_uniek_per_module",
                violation_error_message=_("Deze module heeft op deze datum al een lesdag."),
            )
        ]

    def __str__(self):
        return f"{self.module} – {self.datum:%d-%m-%Y}"


@track()
class Presentie(models.Model):
    """One participant on one lesson day: present, late, or absent with a reason."""

    lesdag = models.ForeignKey(Lesdag, verbose_name=_("lesdag"), on_delete=models.CASCADE, related_name="presenties")
    moduledeelname = models.ForeignKey(
        ModuleDeelname, verbose_name=_("moduledeelname"), on_delete=models.CASCADE, related_name="presenties"
    )
    status = models.CharField(_("presentie"), max_length=10, choices=c.PresentieStatus.choices)
    reden = models.CharField(_("reden van afwezigheid"), max_length=15, choices=c.AfwezigReden.choices, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("presentie")
        verbose_name_plural = _("presenties")
        ordering = ["lesdag__datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lesdag", "moduledeelname"],
                name="presentie_uniek_per_lesdag",
                violation_error_message=_("Voor deze deelnemer is deze lesdag al ingevuld."),
            ),
            models.CheckConstraint(
                condition=(Q(status=c.PresentieStatus.AFWEZIG) & ~Q(reden=""))
                | (~Q(status=c.PresentieStatus.AFWEZIG) & Q(reden="")),
                name="presentie_reden_alleen_bij_afwezig",
                violation_error_message=_("Een reden hoort bij afwezig, en alleen daarbij."),
            ),
        ]

    def __str__(self):
        return f"{self.lesdag} – {self.get_status_display()}"


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
                violation_error_message=_("De vervaldatum moet na de datum van behalen liggen."),
            ),
        ]

    def __str__(self):
        return self.omschrijving or self.get_soort_display()

    def clean(self):
        if self.soort in c.CERTIFICATEN_MET_VERVALDATUM and not self.geldig_tot:
            raise ValidationError({"geldig_tot": _("Een VCA-certificaat heeft een vervaldatum.")})
