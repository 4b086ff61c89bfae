"""Trajectories with partners and phases, participations (deelnames) and contact moments."""

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.constants import Opleidingsniveau, Taalniveau
from leerwerk.history import track
from trajecten import constants as c


@track()
class Traject(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=c.Sector.choices)
    beroep = models.CharField(_("beroep"), max_length=150, help_text=_("Bijvoorbeeld monteur installatietechniek"))
    arbeidsmarktregio = models.ForeignKey(
        "leerwerk.Organisatie",
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        related_name="trajecten_in_regio",
        limit_choices_to={"type": "arbeidsmarktregio"},
    )
    gemeenten = models.ManyToManyField(
        "leerwerk.Organisatie",
        verbose_name=_("deelnemende gemeenten"),
        related_name="trajecten_als_gemeente",
        limit_choices_to={"type": "gemeente"},
        blank=True,
    )
    regie_organisatie = models.ForeignKey(
        "leerwerk.Organisatie",
        verbose_name=_("regie bij (organisatie)"),
        on_delete=models.PROTECT,
        related_name="trajecten_in_regie",
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regisseur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajecten_als_regisseur",
    )
    capaciteit = models.PositiveSmallIntegerField(_("capaciteit (deelnemers)"), validators=[MinValueValidator(1)])
    instroomvorm = models.CharField(_("instroom"), max_length=12, choices=c.Instroomvorm.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=c.TrajectStatus.choices, default=c.TrajectStatus.CONCEPT
    )

    # Instroomprofiel: what the partners agreed a candidate should bring.
    min_taalniveau = models.CharField(_("minimaal taalniveau"), max_length=2, choices=Taalniveau.choices, blank=True)
    max_opleidingsniveau = models.CharField(
        _("maximaal opleidingsniveau"), max_length=5, choices=Opleidingsniveau.choices, blank=True
    )
    min_uren_per_week = models.PositiveSmallIntegerField(
        _("minimaal uren per week"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    overige_criteria = models.TextField(_("overige criteria"), blank=True)

    # SMART goal.
    doel_aantal_deelnemers = models.PositiveSmallIntegerField(_("doel: aantal deelnemers"), null=True, blank=True)
    doel_aandeel_werk = models.PositiveSmallIntegerField(
        _("doel: aandeel naar werk (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    doel_datum = models.DateField(_("doel: uiterlijk op"), null=True, blank=True)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["naam", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(doel_aandeel_werk__isnull=True) | Q(doel_aandeel_werk__lte=100),
                name="traject_doel_aandeel_max_100",
                violation_error_message=_("Het aandeel naar werk is hoogstens 100%."),
            ),
            models.CheckConstraint(
                condition=Q(capaciteit__gte=1),
                name="traject_capaciteit_positief",
                violation_error_message=_("De capaciteit is minstens 1."),
            ),
        ]

    def __str__(self):
        return self.naam


@track()
class TrajectPartner(models.Model):
    """An organisation's role in one trajectory; one organisation may hold several roles."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="partners")
    organisatie = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="partnerschappen"
    )
    rol = models.CharField(_("rol in dit traject"), max_length=20, choices=c.PartnerRol.choices)
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("contactpersoon"), on_delete=models.SET_NULL, null=True, blank=True
    )
    # What the partner brings in this role (the covenant's division of roles, issue 15).
    inbreng_expertise = models.TextField(_("expertise"), blank=True)
    inbreng_tijd = models.CharField(
        _("tijd"), max_length=200, blank=True, help_text=_("Bijvoorbeeld ‘4 uur per week tijdens de opleiding’.")
    )
    inbreng_budget = models.DecimalField(
        _("budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip

    class Meta:
        verbose_name = _("trajectpartner")
        verbose_name_plural = _("trajectpartners")
        ordering = ["rol", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "organisatie", "rol"],
                name="trajectpartner_uniek",
                violation_error_message=_("Deze organisatie heeft deze rol al in dit traject."),
            )
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.get_rol_display()})"


@track()
class TrajectFase(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="fases")
    soort = models.CharField(_("fase"), max_length=20, choices=c.FaseSoort.choices)
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"))

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fases")
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "soort"],
                name="trajectfase_uniek",
                violation_error_message=_("Deze fase staat al in de planning."),
            ),
            models.CheckConstraint(
                condition=Q(eind__gte=F("start")),
                name="trajectfase_eind_na_start",
                violation_error_message=_("Het einde van een fase ligt niet vóór de start."),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.start:%d-%m-%Y} t/m {self.eind:%d-%m-%Y}"

    @property
    def weken(self) -> int:
        return ((self.eind - self.start).days + 1 + 6) // 7


@track()
class Deelname(models.Model):
    """One participant in one trajectory. Its status changes only through services.deelname_transition."""

    traject = models.ForeignKey(Traject, verbose_name=_("traject"), on_delete=models.PROTECT, related_name="deelnames")
    deelnemer = models.ForeignKey(
        "deelnemers.Deelnemer", verbose_name=_("deelnemer"), on_delete=models.PROTECT, related_name="deelnames"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=c.DeelnameStatus.choices, default=c.DeelnameStatus.AANGEMELD
    )
    vorige_status = models.CharField(
        _("geparkeerd vanuit"), max_length=16, choices=c.DeelnameStatus.choices, blank=True
    )
    uitval_reden = models.CharField(_("reden van uitval"), max_length=20, choices=c.UitvalReden.choices, blank=True)
    aangemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemeld_op = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    motivatie_aanmelding = models.TextField(_("toelichting bij aanmelding"), blank=True)
    status_sinds = models.DateField(_("status sinds"), default=timezone.localdate)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["traject", "deelnemer__achternaam", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "deelnemer"],
                name="deelname_uniek",
                violation_error_message=_("Deze kandidaat is al aangemeld voor dit traject."),
            ),
            models.CheckConstraint(
                condition=Q(status=c.DeelnameStatus.GEPARKEERD) | Q(vorige_status=""),
                name="deelname_vorige_status_alleen_geparkeerd",
            ),
            models.CheckConstraint(
                condition=~Q(status=c.DeelnameStatus.UITGEVALLEN) | ~Q(uitval_reden=""),
                name="deelname_uitval_heeft_reden",
                violation_error_message=_("Kies een reden van uitval."),
            ),
        ]
        indexes = [models.Index(fields=["traject", "status"])]

    def __str__(self):
        return f"{self.deelnemer} in {self.traject}"

    @property
    def is_actief(self) -> bool:
        return self.status in c.BEZETTE_STATES

    @property
    def komende_plaatsing(self) -> str:
        """ "Bevestigd: proefplaatsing, start op 15-02-2027" when the queryset was annotated by
        selectors.with_komende_plaatsing and a confirmed placement has not started yet; else ""."""
        start = getattr(self, "komende_start", None)
        if not start:
            return ""
        from werkgevers.constants import PlaatsingSoort

        soort = PlaatsingSoort(self.komende_soort).label if self.komende_soort in PlaatsingSoort.values else ""
        return _("Bevestigd: %(soort)s, start op %(datum)s") % {"soort": soort.lower(), "datum": f"{start:%d-%m-%Y}"}

    def allowed_targets(self) -> tuple[str, ...]:
        return c.allowed_targets(self.status, self.vorige_status)


class DeelnameStap(models.Model):
    """One step on a deelname's timeline: from, to, who, when, effective date, note. Append-only."""

    deelname = models.ForeignKey(Deelname, on_delete=models.CASCADE, related_name="stappen")
    van_status = models.CharField(_("van"), max_length=16, choices=c.DeelnameStatus.choices, blank=True)
    naar_status = models.CharField(_("naar"), max_length=16, choices=c.DeelnameStatus.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    uitval_reden = models.CharField(_("reden van uitval"), max_length=20, choices=c.UitvalReden.choices, blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["op", "id"]
        triggers = [pgtrigger.Protect(name="stap_niet_wijzigen", operation=pgtrigger.Update)]

    def __str__(self):
        return f"{self.van_status or '-'} → {self.naar_status} ({self.ingangsdatum:%d-%m-%Y})"


@track()
class Contactmoment(models.Model):
    deelname = models.ForeignKey(Deelname, on_delete=models.CASCADE, related_name="contactmomenten")
    soort = models.CharField(_("soort"), max_length=16, choices=c.ContactmomentSoort.choices)
    datum = models.DateField(_("datum"))
    aanwezigen = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezigen"), blank=True, related_name="contactmomenten"
    )
    overige_aanwezigen = models.CharField(
        _("overige aanwezigen"), max_length=300, blank=True, help_text=_("Bijvoorbeeld de deelnemer, een tolk")
    )
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-datum", "-id"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"


@track()
class Vervolgactie(models.Model):
    """A follow-up action from a talk about a participation (contactmoment) or from a meeting of
    the trajectory's partners (regie.Overleg): exactly one of the two."""

    contactmoment = models.ForeignKey(
        Contactmoment, on_delete=models.CASCADE, related_name="acties", null=True, blank=True
    )
    overleg = models.ForeignKey("regie.Overleg", on_delete=models.CASCADE, related_name="acties", null=True, blank=True)
    omschrijving = models.CharField(_("actie"), max_length=300)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="vervolgacties"
    )
    deadline = models.DateField(_("uiterlijk op"))
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["deadline"], condition=Q(afgerond_op__isnull=True), name="vervolgactie_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(contactmoment__isnull=False, overleg__isnull=True)
                | Q(contactmoment__isnull=True, overleg__isnull=False),
                name="vervolgactie_uit_gesprek_of_overleg",
                violation_error_message=_("Een vervolgactie hoort bij één gesprek of één overleg."),
            )
        ]

    def __str__(self):
        return self.omschrijving

    def clean(self):
        if self.afgerond_op and self.afgerond_op > timezone.localdate():
            raise ValidationError({"afgerond_op": _("Afgerond op ligt in de toekomst.")})
