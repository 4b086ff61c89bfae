"""Funding sources, trajectory budgets and the financing plan (issue 13).

Money is `Decimal` euros with two decimals, never a float; amounts that may not be negative have a
check constraint in the database as well as a validator. Every model keeps its history.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from financiering import constants as c
from leerwerk.history import track

EURO = {"max_digits": 12, "decimal_places": 2}


@track()
class Financieringsbron(models.Model):
    """Money an organisation holds for trajectories: a budget with a period, the cost categories
    it may pay and, optionally, who it is for. Its balance is derived (selectors.saldo)."""

    organisatie = models.ForeignKey(
        "leerwerk.Organisatie",
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="financieringsbronnen",
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=25, choices=c.BronSoort.choices)
    bedrag = models.DecimalField(_("budget (€)"), **EURO, validators=[MinValueValidator(Decimal("0"))])
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(_("geldig tot en met"))
    looptijd = models.CharField(_("eenmalig of structureel"), max_length=12, choices=c.Looptijd.choices)
    categorieen = ArrayField(
        models.CharField(max_length=25, choices=c.Kostencategorie.choices),
        verbose_name=_("mag betalen"),
        help_text=_("De kostencategorieën die deze bron mag betalen."),
    )
    alleen_gemeenten = models.ManyToManyField(
        "leerwerk.Organisatie",
        verbose_name=_("alleen voor inwoners van"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: voor iedereen."),
    )
    alleen_bijstand = models.BooleanField(_("alleen voor deelnemers met bijstand"), default=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("financieringsbron")
        verbose_name_plural = _("financieringsbronnen")
        ordering = ["organisatie__naam", "naam", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="bron_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=Q(geldig_tot__gte=F("geldig_van")),
                name="bron_periode_oplopend",
                violation_error_message=_("De einddatum ligt niet vóór de begindatum."),
            ),
            models.CheckConstraint(condition=~Q(categorieen=[]), name="bron_minstens_een_categorie"),
        ]

    def __str__(self):
        return f"{self.naam} ({self.organisatie})"

    def betaalt_voor(self, gemeente_id: int | None, uitkering_type: str) -> bool:
        """Whether the source may pay for a participant from this gemeente with this benefit (its
        eligibility; `alleen_gemeenten` read through a prefetch when there are many)."""
        from deelnemers.constants import UitkeringType

        if self.alleen_bijstand and uitkering_type != UitkeringType.BIJSTAND:
            return False
        gemeenten = {g.pk for g in self.alleen_gemeenten.all()}
        return not gemeenten or gemeente_id in gemeenten


@track()
class Begrotingsregel(models.Model):
    """One cost line of a trajectory's budget. A line derived from a training module has no
    amount of its own: it reads the module's price and basis, so a changed price changes the
    budget (selectors.begroting)."""

    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.CASCADE, related_name="begrotingsregels"
    )
    categorie = models.CharField(_("kostencategorie"), max_length=25, choices=c.Kostencategorie.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    grondslag = models.CharField(_("bedrag geldt"), max_length=10, choices=c.Grondslag.choices, blank=True)
    bedrag = models.DecimalField(
        _("bedrag (€)"), **EURO, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    module = models.OneToOneField(
        "opleiders.Module",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="begrotingsregel",
    )

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["categorie", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gte=0) | Q(bedrag__isnull=True), name="regel_bedrag_niet_negatief"
            ),
            # Either a line of its own (description, basis, amount) or one derived from a module.
            models.CheckConstraint(
                condition=(Q(module__isnull=True) & Q(bedrag__isnull=False) & ~Q(grondslag="") & ~Q(omschrijving=""))
                | (Q(module__isnull=False) & Q(bedrag__isnull=True)),
                name="regel_eigen_of_van_module",
            ),
        ]

    def __str__(self):
        return self.omschrijving or str(self.module)


@track()
class Dekking(models.Model):
    """Part of a budget line paid by a source: an amount, or a share of the line. The source's
    owner approves it (four eyes); the approved amount is fixed at approval."""

    regel = models.ForeignKey(
        Begrotingsregel, verbose_name=_("begrotingsregel"), on_delete=models.CASCADE, related_name="dekkingen"
    )
    bron = models.ForeignKey(
        Financieringsbron, verbose_name=_("financieringsbron"), on_delete=models.PROTECT, related_name="dekkingen"
    )
    bedrag = models.DecimalField(
        _("bedrag (€)"), **EURO, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    aandeel = models.DecimalField(
        _("aandeel (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=c.DekkingStatus.choices, default=c.DekkingStatus.VOORGESTELD
    )
    toegezegd_bedrag = models.DecimalField(_("toegezegd bedrag (€)"), **EURO, null=True, blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorgesteld door"), on_delete=models.PROTECT, related_name="+"
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reden = models.CharField(_("reden van afwijzing"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dekking")
        verbose_name_plural = _("dekkingen")
        ordering = ["regel_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(bedrag__isnull=False) & Q(aandeel__isnull=True))
                | (Q(bedrag__isnull=True) & Q(aandeel__isnull=False)),
                name="dekking_bedrag_of_aandeel",
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0) | Q(bedrag__isnull=True), name="dekking_bedrag_positief"),
            models.CheckConstraint(
                condition=(Q(aandeel__gt=0) & Q(aandeel__lte=100)) | Q(aandeel__isnull=True),
                name="dekking_aandeel_tussen_0_en_100",
            ),
            models.CheckConstraint(
                condition=Q(toegezegd_bedrag__gte=0) | Q(toegezegd_bedrag__isnull=True),
                name="dekking_toegezegd_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(status=c.DekkingStatus.TOEGEZEGD, toegezegd_bedrag__isnull=False)
                | ~Q(status=c.DekkingStatus.TOEGEZEGD),
                name="dekking_toegezegd_met_bedrag",
            ),
            models.UniqueConstraint(
                fields=["regel", "bron"],
                condition=Q(status__in=c.LOPENDE_DEKKING),
                name="dekking_een_lopende_per_bron_per_regel",
                violation_error_message=_("Deze bron dekt deze regel al."),
            ),
        ]

    def __str__(self):
        return f"{self.bron} → {self.regel}"


@track()
class Resultaatafspraak(models.Model):
    """Pay on results (resultaatfinanciering): for each participant of the trajectory who reaches
    the result, `bedrag` from the payer to the payee, up to a cap per payer, until the claim
    deadline. Detected from what the product records (financiering.resultaten)."""

    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.CASCADE, related_name="resultaatafspraken"
    )
    resultaat = models.CharField(_("resultaat"), max_length=20, choices=c.ResultaatSoort.choices)
    min_maanden = models.PositiveSmallIntegerField(
        _("contract van minstens (maanden)"), null=True, blank=True, help_text=_("Alleen bij een contract.")
    )
    certificaat = models.CharField(
        _("certificaat"), max_length=20, blank=True, help_text=_("Alleen bij een certificaat.")
    )
    bedrag = models.DecimalField(_("bedrag per resultaat (€)"), **EURO, validators=[MinValueValidator(Decimal("0.01"))])
    betaler_soort = models.CharField(_("wie betaalt"), max_length=12, choices=c.BetalerSoort.choices)
    betaler_bron = models.ForeignKey(
        Financieringsbron,
        verbose_name=_("betalende bron"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resultaatafspraken",
    )
    ontvanger = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("ontvanger"), on_delete=models.PROTECT, related_name="+"
    )
    plafond_aantal = models.PositiveIntegerField(_("hoogstens zoveel resultaten per betaler"), null=True, blank=True)
    plafond_bedrag = models.DecimalField(_("hoogstens dit bedrag per betaler (€)"), **EURO, null=True, blank=True)
    declareren_tot = models.DateField(_("declareren tot en met"))
    status = models.CharField(
        _("status"), max_length=12, choices=c.AfspraakStatus.choices, default=c.AfspraakStatus.VOORGESTELD
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reden = models.CharField(_("reden van afwijzing"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("resultaatafspraak")
        verbose_name_plural = _("resultaatafspraken")
        ordering = ["traject_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="afspraak_bedrag_positief"),
            models.CheckConstraint(
                condition=Q(plafond_bedrag__gt=0) | Q(plafond_bedrag__isnull=True), name="afspraak_plafond_positief"
            ),
            models.CheckConstraint(
                condition=(Q(betaler_soort=c.BetalerSoort.BRON) & Q(betaler_bron__isnull=False))
                | (Q(betaler_soort=c.BetalerSoort.WOONGEMEENTE) & Q(betaler_bron__isnull=True)),
                name="afspraak_betaler_bron_of_woongemeente",
            ),
            models.CheckConstraint(
                condition=~Q(status=c.AfspraakStatus.AFGEWEZEN) | ~Q(reden=""), name="afspraak_afgewezen_met_reden"
            ),
        ]

    def __str__(self):
        return f"{self.get_resultaat_display()}: {self.bedrag}"

    @property
    def certificaat_naam(self) -> str:
        from opleiders.constants import CertificaatSoort

        return CertificaatSoort(self.certificaat).label if self.certificaat in CertificaatSoort.values else ""


@track()
class Claimregel(models.Model):
    """One result of one participant under one agreement: what the payer owes the payee. Made by
    the detection only, never twice (a unique key); never deleted: a reversed result lapses
    (unpaid) or gets a credit line (paid). Names the participant by a dossier reference only."""

    afspraak = models.ForeignKey(
        Resultaatafspraak, verbose_name=_("resultaatafspraak"), on_delete=models.PROTECT, related_name="claimregels"
    )
    deelname = models.ForeignKey(
        "trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.PROTECT, related_name="claimregels"
    )
    soort = models.CharField(_("soort"), max_length=10, choices=c.ClaimSoort.choices, default=c.ClaimSoort.RESULTAAT)
    resultaat_op = models.DateField(_("resultaat op"))
    oorzaak = models.CharField(
        _("oorzaak"), max_length=40, help_text=_("Wat het resultaat aantoont, bijvoorbeeld plaatsing:12.")
    )
    bedrag = models.DecimalField(_("bedrag (€)"), **EURO)
    betaler = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("betaler"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=c.ClaimStatus.choices, default=c.ClaimStatus.OPEN)
    declaratie = models.ForeignKey(
        "Declaratie",
        verbose_name=_("declaratie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regels",
    )
    credit_voor = models.OneToOneField(
        "self",
        verbose_name=_("creditering van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("claimregel")
        verbose_name_plural = _("claimregels")
        ordering = ["resultaat_op", "id"]
        constraints = [
            # One standing claim per agreement and participant; a lapsed or credited one makes room.
            models.UniqueConstraint(
                fields=["afspraak", "deelname"],
                condition=Q(soort=c.ClaimSoort.RESULTAAT) & Q(status__in=c.GELDENDE_CLAIM),
                name="claim_een_per_afspraak_en_deelnemer",
            ),
            models.CheckConstraint(
                condition=(Q(soort=c.ClaimSoort.RESULTAAT) & Q(bedrag__gt=0) & Q(credit_voor__isnull=True))
                | (Q(soort=c.ClaimSoort.CREDIT) & Q(bedrag__lt=0) & Q(credit_voor__isnull=False)),
                name="claim_resultaat_positief_credit_negatief",
            ),
        ]

    def __str__(self):
        return f"{self.dossier}: {self.get_soort_display()} {self.bedrag}"

    @property
    def dossier(self) -> str:
        """The participant's reference on a claim: no name, no BSN."""
        return f"D-{self.deelname_id:06d}"


@track()
class Declaratie(models.Model):
    """A claim statement: the open claim lines one payee claims from one payer for a period.
    Concept -> ingediend -> goedgekeurd or afgewezen (with a reason) -> betaald. Its PDF is
    rendered by a Celery task."""

    ontvanger = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("ontvanger"), on_delete=models.PROTECT, related_name="+"
    )
    betaler = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("betaler"), on_delete=models.PROTECT, related_name="+"
    )
    periode_van = models.DateField(_("periode van"))
    periode_tot = models.DateField(_("periode tot en met"))
    status = models.CharField(
        _("status"), max_length=12, choices=c.DeclaratieStatus.choices, default=c.DeclaratieStatus.CONCEPT
    )
    reden = models.CharField(_("reden van afwijzing"), max_length=500, blank=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True)
    pdf = models.FileField(_("pdf"), upload_to="declaraties/", blank=True)
    pdf_status = models.CharField(_("pdf"), max_length=6, choices=c.PdfStatus.choices, blank=True, default="")

    class Meta:
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        ordering = ["-gemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(periode_tot__gte=F("periode_van")),
                name="declaratie_periode_oplopend",
                violation_error_message=_("De periode eindigt niet vóór haar begin."),
            ),
            models.CheckConstraint(
                condition=~Q(status=c.DeclaratieStatus.AFGEWEZEN) | ~Q(reden=""), name="declaratie_afgewezen_met_reden"
            ),
        ]

    def __str__(self):
        return self.nummer

    @property
    def nummer(self) -> str:
        return f"DEC-{self.pk:05d}" if self.pk else ""


@track()
class Voorfinanciering(models.Model):
    """A source pre-finances a trajectory: it advances `bedrag` and earns it back from the result
    payments made to its organisation; what is left at the end is settled under `verrekening`.
    The ledger is derived (selectors.grootboek)."""

    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.CASCADE, related_name="voorfinancieringen"
    )
    bron = models.ForeignKey(
        Financieringsbron, verbose_name=_("bron"), on_delete=models.PROTECT, related_name="voorfinancieringen"
    )
    bedrag = models.DecimalField(_("voorgeschoten (€)"), **EURO, validators=[MinValueValidator(Decimal("0.01"))])
    verrekening = models.CharField(_("verrekening van het restant"), max_length=14, choices=c.Verrekening.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voorfinanciering")
        verbose_name_plural = _("voorfinancieringen")
        ordering = ["traject_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="voorfinanciering_bedrag_positief"),
            models.UniqueConstraint(fields=["traject", "bron"], name="voorfinanciering_een_per_bron_per_traject"),
        ]

    def __str__(self):
        return f"{self.bron} → {self.traject}"


@track()
class Factuur(models.Model):
    """An invoice of a trainer or another supplier against a budget line: the realised costs."""

    regel = models.ForeignKey(
        Begrotingsregel, verbose_name=_("begrotingsregel"), on_delete=models.PROTECT, related_name="facturen"
    )
    leverancier = models.CharField(_("leverancier"), max_length=200)
    nummer = models.CharField(_("factuurnummer"), max_length=50)
    datum = models.DateField(_("factuurdatum"))
    bedrag = models.DecimalField(_("bedrag (€)"), **EURO, validators=[MinValueValidator(Decimal("0.01"))])
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        ordering = ["datum", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="factuur_bedrag_positief"),
            models.UniqueConstraint(
                fields=["leverancier", "nummer"],
                name="factuur_een_nummer_per_leverancier",
                violation_error_message=_("Deze factuur van deze leverancier is al vastgelegd."),
            ),
        ]

    def __str__(self):
        return f"{self.leverancier} {self.nummer}"


@track()
class Kostenverdeling(models.Model):
    """How a regional trajectory's costs, funding and gap are split between its gemeenten (the
    split itself is derived: selectors.kostenverdeling). Without a row: by started participants."""

    traject = models.OneToOneField(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.CASCADE, related_name="kostenverdeling"
    )
    sleutel = models.CharField(_("verdeelsleutel"), max_length=12, choices=c.Verdeelsleutel.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now=True)

    class Meta:
        verbose_name = _("kostenverdeling")
        verbose_name_plural = _("kostenverdelingen")

    def __str__(self):
        return f"{self.traject}: {self.get_sleutel_display()}"


@track()
class Kostenaandeel(models.Model):
    """A gemeente's agreed percentage under the key `percentages`; together exactly 100."""

    verdeling = models.ForeignKey(
        Kostenverdeling, verbose_name=_("kostenverdeling"), on_delete=models.CASCADE, related_name="aandelen"
    )
    gemeente = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    percentage = models.DecimalField(
        _("aandeel (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("kostenaandeel")
        verbose_name_plural = _("kostenaandelen")
        ordering = ["gemeente__naam", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage__gt=0) & Q(percentage__lte=100), name="kostenaandeel_tussen_0_en_100"
            ),
            models.UniqueConstraint(fields=["verdeling", "gemeente"], name="kostenaandeel_een_per_gemeente"),
        ]

    def __str__(self):
        return f"{self.gemeente}: {self.percentage}%"


@track()
class Uitkeringsnorm(models.Model):
    """The monthly benefit a gemeente counts for a participant on bijstand whose amount was not
    recorded (the BUIG business case, financiering.buig). Maintained by the beheerder."""

    gemeente = models.OneToOneField(
        "leerwerk.Organisatie",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="uitkeringsnorm",
        limit_choices_to={"type": "gemeente"},
    )
    maandbedrag = models.DecimalField(
        _("bijstand per maand (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("uitkeringsnorm")
        verbose_name_plural = _("uitkeringsnormen")
        ordering = ["gemeente__naam"]
        constraints = [models.CheckConstraint(condition=Q(maandbedrag__gt=0), name="uitkeringsnorm_positief")]

    def __str__(self):
        return f"{self.gemeente}: {self.maandbedrag}"
