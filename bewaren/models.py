"""Retention (bewaartermijnen): the terms the beheerder sets, a record of every run, and a marker
per anonymised candidate. The work itself is in bewaren.services."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bewaartermijnen(models.Model):
    """One row, kept by the beheerder in the beheer. Without it the defaults hold (README,
    "Retention"): the field defaults below are the documented defaults."""

    kandidaat_jaren_na_deelname = models.PositiveSmallIntegerField(
        _("kandidaten: jaren na de laatste deelname"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "Zo lang na het einde van de laatste deelname (afgerond, uitgevallen, afgewezen, vervolgopleiding) "
            "worden de gegevens van een kandidaat bewaard; daarna worden ze geanonimiseerd."
        ),
    )
    kandidaat_jaren_na_registratie = models.PositiveSmallIntegerField(
        _("kandidaten zonder traject: jaren na registratie"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Voor een kandidaat die nooit aan een traject deelnam: zo lang na de registratie."),
    )
    toegangslog_maanden = models.PositiveSmallIntegerField(
        _("toegangslog: maanden"),
        default=36,
        validators=[MinValueValidator(6), MaxValueValidator(240)],
        help_text=_("Regels in het toegangslog ouder dan dit aantal maanden worden verwijderd."),
    )
    financieel_jaren = models.PositiveSmallIntegerField(
        _("financiële gegevens: jaren"),
        default=7,
        validators=[MinValueValidator(7), MaxValueValidator(30)],
        help_text=_(
            "Declaraties en claimregels blijven minstens zeven jaar bewaard (fiscale bewaarplicht, art. 52 AWR), "
            "zonder de identiteit van de deelnemer. Wat ouder is, staat in het verslag; vernietigen gaat volgens "
            "de selectielijst van de gemeente, niet automatisch."
        ),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bewaartermijnen")
        verbose_name_plural = _("bewaartermijnen")
        constraints = [
            models.CheckConstraint(condition=models.Q(financieel_jaren__gte=7), name="bewaren_financieel_minstens_7"),
            models.CheckConstraint(
                condition=models.Q(kandidaat_jaren_na_deelname__gte=1)
                & models.Q(kandidaat_jaren_na_registratie__gte=1),
                name="bewaren_kandidaat_minstens_1",
            ),
        ]

    def __str__(self):
        return str(_("Bewaartermijnen"))


class Bewaarrun(models.Model):
    """What one run did (or, in a dry run, would do): the report the beheerder reads."""

    gestart_op = models.DateTimeField(_("gestart op"), auto_now_add=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    peildatum = models.DateField(_("peildatum"))
    droog = models.BooleanField(_("proefrun (niets gewijzigd)"), default=False)
    kandidaten = models.PositiveIntegerField(_("kandidaten geanonimiseerd"), default=0)
    toegangslog_grens = models.DateTimeField(_("toegangslog: verwijderd van vóór"), null=True, blank=True)
    toegangslog = models.PositiveIntegerField(_("toegangslogregels verwijderd"), default=0)
    financieel_grens = models.DateField(_("financieel: bewaartermijn voorbij vóór"), null=True, blank=True)
    financieel = models.PositiveIntegerField(_("financiële gegevens voorbij de termijn (niet verwijderd)"), default=0)
    details = models.JSONField(_("details"), default=dict, blank=True)
    fout = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("bewaarrun")
        verbose_name_plural = _("bewaarruns")
        ordering = ["-gestart_op", "-id"]

    def __str__(self):
        soort = _("proefrun") if self.droog else _("run")
        return f"{soort} {self.peildatum:%d-%m-%Y}"


class Anonimisering(models.Model):
    """A candidate whose retention term passed and whose personal data were removed. One row per
    candidate (the key that makes a rerun do nothing); working lists leave these candidates out."""

    class Reden(models.TextChoices):
        NA_DEELNAME = "na_deelname", _("termijn na de laatste deelname")
        NA_REGISTRATIE = "na_registratie", _("termijn na registratie, zonder deelname")
        VERZOEK = "verzoek", _("verzoek tot verwijdering (AVG art. 17)")

    deelnemer = models.OneToOneField(
        "deelnemers.Deelnemer", verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="anonimisering"
    )
    reden = models.CharField(_("reden"), max_length=16, choices=Reden.choices)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)
    op = models.DateTimeField(_("geanonimiseerd op"), auto_now_add=True)
    run = models.ForeignKey(
        Bewaarrun, verbose_name=_("run"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("anonimisering")
        verbose_name_plural = _("anonimiseringen")
        ordering = ["-op", "-id"]

    def __str__(self):
        return f"#{self.deelnemer_id}: {self.get_reden_display()}"
