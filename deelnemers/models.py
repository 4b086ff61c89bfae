"""Candidates (deelnemers): registration, inburgering, language, benefit, intake, consent."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from deelnemers import constants as c
from deelnemers.validators import mask_bsn, validate_bsn
from leerwerk.history import track
from leerwerk.validators import validate_postcode


def _taal_field(label):
    return models.CharField(label, max_length=2, choices=c.Taalniveau.choices, blank=True)


@track()
class Deelnemer(models.Model):
    """A candidate registered by a municipality. Personal data: read through selectors only."""

    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    geboortedatum = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        unique=True,
        validators=[validate_bsn],
        error_messages={"unique": _("Er is al een kandidaat met dit BSN.")},
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[validate_postcode])
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        "leerwerk.Organisatie",
        verbose_name=_("woongemeente"),
        on_delete=models.PROTECT,
        related_name="deelnemers",
        limit_choices_to={"type": "gemeente"},
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=c.Doelgroep.choices)

    inburgering_regime = models.CharField(
        _("inburgeringsregime"), max_length=10, choices=c.InburgeringRegime.choices, default=c.InburgeringRegime.GEEN
    )
    inburgering_route = models.CharField(
        _("inburgeringsroute"), max_length=10, choices=c.InburgeringRoute.choices, blank=True
    )
    inburgering_status = models.CharField(
        _("status inburgering"), max_length=15, choices=c.InburgeringStatus.choices, blank=True
    )

    taal_luisteren = _taal_field(_("taalniveau luisteren"))
    taal_lezen = _taal_field(_("taalniveau lezen"))
    taal_spreken = _taal_field(_("taalniveau spreken"))
    taal_schrijven = _taal_field(_("taalniveau schrijven"))
    taal_gemeten_op = models.DateField(_("taalniveau gemeten op"), null=True, blank=True)
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    tolk_taal = models.CharField(_("tolk nodig voor de taal"), max_length=3, choices=c.Taal.choices, blank=True)
    verblijfsvergunning_datum = models.DateField(
        _("datum verblijfsvergunning"),
        null=True,
        blank=True,
        help_text=_("De ingangsdatum van de verblijfsvergunning: bepaalt het inburgeringsregime."),
    )

    opleidingsniveau = models.CharField(
        _("opleidingsniveau"), max_length=5, choices=c.Opleidingsniveau.choices, default=c.Opleidingsniveau.GEEN
    )
    opleiding_erkend = models.BooleanField(_("opleiding erkend in Nederland"), default=False)

    uitkering_type = models.CharField(
        _("soort uitkering"), max_length=30, choices=c.UitkeringType.choices, default=c.UitkeringType.GEEN
    )
    uitkering_start = models.DateField(_("uitkering sinds"), null=True, blank=True)
    uitkering_maandbedrag = models.DecimalField(
        _("uitkering per maand (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("klantmanager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kandidaten",
    )

    uren_per_week = models.PositiveSmallIntegerField(
        _("beschikbaar (uren per week)"), default=0, validators=[MaxValueValidator(60)]
    )
    dagdelen = ArrayField(
        models.CharField(max_length=12, choices=c.Dagdeel.choices),
        verbose_name=_("beschikbare dagdelen"),
        default=list,
        blank=True,
    )
    rijbewijs = models.CharField(_("rijbewijs"), max_length=12, choices=c.Rijbewijs.choices, default=c.Rijbewijs.GEEN)
    gezondheid_beperkingen = ArrayField(
        models.CharField(max_length=12, choices=c.GezondheidsBeperking.choices),
        verbose_name=_("gezondheid: beperkingen (gecodeerd)"),
        default=list,
        blank=True,
        help_text=_("Alleen categorieën; leg nooit medische details vast."),
    )

    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Set by the retention (bewaren) when it removes the personal data: working lists leave
    # these candidates out; the figures keep them.
    geanonimiseerd = models.BooleanField(_("geanonimiseerd"), default=False, editable=False)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["achternaam", "voornaam", "id"]
        # "Mijn kandidaten" pages through one gemeente's candidates in name order: an index scan
        # with a limit instead of sorting all of them (5,000 in the page benchmark's scale world).
        indexes = [models.Index(fields=["gemeente", "achternaam", "voornaam", "id"], name="deelnemer_gemeente_naam")]
        constraints = [
            models.CheckConstraint(
                condition=Q(bsn__regex=r"^[0-9]{9}$"),
                name="deelnemer_bsn_negen_cijfers",
                violation_error_message=_("Een BSN bestaat uit 9 cijfers."),
            ),
            models.CheckConstraint(
                condition=Q(uren_per_week__lte=60),
                name="deelnemer_uren_max_60",
                violation_error_message=_("Meer dan 60 uur per week is niet mogelijk."),
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()

    @property
    def bsn_masked(self) -> str:
        return mask_bsn(self.bsn)

    @property
    def taalniveau_laagste(self) -> str:
        """The lowest of the four skills measured: what an entry criterion is compared to."""
        levels = [lvl for lvl in (self.taal_luisteren, self.taal_lezen, self.taal_spreken, self.taal_schrijven) if lvl]
        if not levels:
            return ""
        return min(levels, key=c.Taalniveau.rank)

    def clean(self):
        errors = {}
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            errors["geboortedatum"] = _("De geboortedatum ligt in de toekomst.")
        if self.uitkering_type == c.UitkeringType.GEEN and (self.uitkering_start or self.uitkering_maandbedrag):
            errors["uitkering_type"] = _("Kies de soort uitkering, of laat startdatum en bedrag leeg.")
        if self.inburgering_regime == c.InburgeringRegime.GEEN and self.inburgering_route:
            errors["inburgering_route"] = _("Zonder inburgeringsplicht is er geen route.")
        if self.gemeente_id and self.gemeente.type != "gemeente":
            errors["gemeente"] = _("Kies een gemeente.")
        if self.verblijfsvergunning_datum and self.verblijfsvergunning_datum > timezone.localdate():
            errors["verblijfsvergunning_datum"] = _("De datum van de verblijfsvergunning ligt in de toekomst.")
        if self.tolk_nodig and not self.tolk_taal:
            errors["tolk_taal"] = _("Kies de taal waarvoor een tolk nodig is.")
        elif self.tolk_taal and not self.tolk_nodig:
            errors["tolk_taal"] = _("Kies alleen een taal als er een tolk nodig is.")
        if errors:
            raise ValidationError(errors)

    @property
    def inburgering_regime_afgeleid(self) -> str | None:
        """The regime that follows from the date of the residence permit (deelnemers.inburgering)."""
        from deelnemers.inburgering import regime_volgens_verblijfsvergunning

        return regime_volgens_verblijfsvergunning(self.verblijfsvergunning_datum)

    def toestemming_actief(self, soort: str) -> bool:
        """Whether a consent of `soort` is valid today (Toestemming.is_geldig, over the prefetched rows)."""
        vandaag = timezone.localdate()
        return any(t.soort == soort and t.is_geldig(vandaag) for t in self.toestemmingen.all())


@track()
class GesprokenTaal(models.Model):
    """A language other than Dutch the candidate speaks, with how well: one row per language."""

    deelnemer = models.ForeignKey(
        Deelnemer, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="talen"
    )
    taal = models.CharField(_("taal"), max_length=3, choices=c.Taal.choices)
    niveau = models.CharField(_("niveau"), max_length=10, choices=c.Taalbeheersing.choices)

    class Meta:
        verbose_name = _("gesproken taal")
        verbose_name_plural = _("gesproken talen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelnemer", "taal"],
                name="gesproken_taal_een_per_taal",
                violation_error_message=_("Deze taal staat al bij de kandidaat."),
            )
        ]

    def __str__(self):
        return f"{self.get_taal_display()}: {self.get_niveau_display()}"


@track()
class Werkervaring(models.Model):
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="werkervaringen")
    sector = models.CharField(_("sector"), max_length=100)
    jaren = models.DecimalField(_("jaren"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)])
    waar = models.CharField(_("waar"), max_length=200, blank=True, help_text=_("Land of soort bedrijf"))

    class Meta:
        verbose_name = _("werkervaring")
        verbose_name_plural = _("werkervaring")
        ordering = ["id"]

    def __str__(self):
        return f"{self.sector} ({formats.localize(self.jaren_kort)} jaar)"

    @property
    def jaren_kort(self) -> Decimal:
        """The years without a trailing ',0': 8 rather than 8.0, 2.5 stays 2.5."""
        jaren = Decimal(self.jaren)
        return jaren.quantize(Decimal(1)) if jaren == jaren.to_integral_value() else jaren.normalize()


@track()
class Randvoorwaarde(models.Model):
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="randvoorwaarden")
    soort = models.CharField(_("randvoorwaarde"), max_length=15, choices=c.RandvoorwaardeSoort.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=c.RandvoorwaardeStatus.choices,
        default=c.RandvoorwaardeStatus.NIET_BESPROKEN,
    )
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    actiehouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actiehouder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="randvoorwaarde_acties",
    )

    class Meta:
        verbose_name = _("randvoorwaarde")
        verbose_name_plural = _("randvoorwaarden")
        ordering = ["soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelnemer", "soort"],
                condition=~Q(soort="overig"),
                name="randvoorwaarde_uniek_per_soort",
                violation_error_message=_("Deze randvoorwaarde staat al op de lijst."),
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.get_status_display()}"


@track()
class Intake(models.Model):
    """The life-stage-aware intake: open questions per topic, then the situation in four parts."""

    deelnemer = models.OneToOneField(Deelnemer, on_delete=models.CASCADE, related_name="intake")
    identiteit_achtergrond = models.TextField(_("Identiteit en achtergrond"), blank=True)
    motivatie = models.TextField(_("Motivatie: wat wil ik?"), blank=True)
    capaciteiten = models.TextField(_("Capaciteiten: wat kan ik?"), blank=True)
    werkervaring = models.TextField(_("Werkervaring"), blank=True)
    talenten = models.TextField(_("Talenten en competenties"), blank=True)
    diplomas = models.TextField(_("Diploma's"), blank=True)
    leerstijl = models.TextField(_("Leer- en werkstijl"), blank=True)
    sociaal_netwerk = models.TextField(_("Sociaal netwerk"), blank=True)
    thuissituatie = models.TextField(_("Thuissituatie"), blank=True)
    inkomensbehoefte = models.TextField(_("Inkomensbehoefte"), blank=True)
    huidige_situatie = models.TextField(_("Huidige situatie"), blank=True)
    gewenste_situatie = models.TextField(_("Gewenste situatie"), blank=True)
    belemmeringen = models.TextField(_("Belemmeringen"), blank=True)
    hulpbronnen = models.TextField(_("Hulpbronnen"), blank=True)
    afgenomen_op = models.DateField(_("afgenomen op"), null=True, blank=True)
    afgenomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("afgenomen door"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self):
        return f"Intake {self.deelnemer_id}"


@track()
class Toestemming(models.Model):
    """Consent to share. Without an active consent nothing leaves the municipality."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="toestemmingen")
    soort = models.CharField(_("soort toestemming"), max_length=12, choices=c.ToestemmingSoort.choices)
    gegeven_op = models.DateField(_("gegeven op"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)
    einddatum = models.DateField(
        _("einddatum"),
        null=True,
        blank=True,
        help_text=_("Tot en met deze dag geldt de toestemming. Leeg alleen bij toestemming van vóór de einddatum."),
    )
    tekstversie = models.CharField(
        _("versie toestemmingstekst"),
        max_length=20,
        blank=True,
        help_text=_("De versie van de tekst waarmee de kandidaat instemde (deelnemers.toestemmingsteksten)."),
    )
    partners = ArrayField(
        models.CharField(max_length=20, choices=c.PartnerSoort.choices),
        verbose_name=_("delen met (soorten partners)"),
        default=list,
        blank=True,
    )
    doel = models.CharField(_("doel"), max_length=20, choices=c.ToestemmingDoel.choices, blank=True)
    vervangen_op = models.DateField(
        _("vervangen op"), null=True, blank=True, help_text=_("De dag waarop een nieuwe toestemming deze verving.")
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-gegeven_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelnemer", "soort"],
                condition=Q(ingetrokken_op__isnull=True, vervangen_op__isnull=True),
                name="toestemming_een_actieve_per_soort",
                violation_error_message=_("Er is al een geldige toestemming van deze soort."),
            ),
            models.CheckConstraint(
                condition=Q(ingetrokken_op__isnull=True) | Q(ingetrokken_op__gte=models.F("gegeven_op")),
                name="toestemming_intrekken_na_geven",
                violation_error_message=_("Intrekken kan niet vóór de datum van toestemming."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gt=models.F("gegeven_op")),
                name="toestemming_einde_na_geven",
                violation_error_message=_("De einddatum moet na de datum van toestemming liggen."),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.gegeven_op:%d-%m-%Y})"

    # Whether a consent counts, in one place: as a filter (geldig_q) and on a loaded row
    # (is_geldig). Valid: not withdrawn, not replaced by a renewal, and its end date not passed.

    @staticmethod
    def geldig_q(dag: dt.date) -> Q:
        """The consents valid on `dag`."""
        return Q(ingetrokken_op__isnull=True, vervangen_op__isnull=True) & (
            Q(einddatum__isnull=True) | Q(einddatum__gte=dag)
        )

    def is_geldig(self, dag: dt.date) -> bool:
        return (
            self.ingetrokken_op is None
            and self.vervangen_op is None
            and (self.einddatum is None or self.einddatum >= dag)
        )

    @property
    def huidig(self) -> bool:
        """The current record of its kind (valid or lapsed): not withdrawn and not replaced."""
        return self.ingetrokken_op is None and self.vervangen_op is None

    def clean(self):
        errors = {}
        if self.einddatum and self.gegeven_op and self.einddatum <= self.gegeven_op:
            errors["einddatum"] = _("De einddatum moet na de datum van toestemming liggen.")
        if errors:
            raise ValidationError(errors)
