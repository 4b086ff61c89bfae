"""Employers, their locations, mentors and work places; anonymised profiles, matches, placements."""

import datetime

import pgtrigger
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.constants import Taalniveau
from leerwerk.history import track
from leerwerk.regios import BouwvakRegio, Provincie, bouwvak_regio
from leerwerk.validators import validate_postcode
from opleiders.constants import CertificaatSoort
from trajecten.constants import Sector
from werkgevers import constants as c
from werkgevers.validators import validate_kvk


@track()
class Werkgever(models.Model):
    """The employer details of an organisation of type werkgever."""

    organisatie = models.OneToOneField(
        "leerwerk.Organisatie",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="werkgever",
        limit_choices_to={"type": "werkgever"},
    )
    kvk_nummer = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        validators=[validate_kvk],
        error_messages={"unique": _("Er is al een werkgever met dit KvK-nummer.")},
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    sbb_erkend = models.BooleanField(_("erkend leerbedrijf (SBB)"), default=False)

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["organisatie__naam", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_nummer__regex=r"^[0-9]{8}$"),
                name="werkgever_kvk_acht_cijfers",
                violation_error_message=_("Een KvK-nummer bestaat uit 8 cijfers."),
            )
        ]

    def __str__(self):
        return self.organisatie.naam


@track()
class Locatie(models.Model):
    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="locaties")
    naam = models.CharField(_("naam"), max_length=150, help_text=_("Bijvoorbeeld Hoofdvestiging of Werkplaats Oss"))
    adres = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    plaats = models.CharField(_("plaats"), max_length=100)
    gemeente = models.CharField(_("gemeente"), max_length=100)
    provincie = models.CharField(_("provincie"), max_length=15, choices=Provincie.choices)
    arbeidsmarktregio = models.ForeignKey(
        "leerwerk.Organisatie",
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": "arbeidsmarktregio"},
    )
    bouwvak_regio_afwijkend = models.CharField(
        _("bouwvakregio (afwijkend)"),
        max_length=6,
        choices=BouwvakRegio.choices,
        blank=True,
        help_text=_("Alleen invullen als de gemeente een andere bouwvakregio volgt dan haar provincie."),
    )
    bouwvak_regio = models.CharField(_("bouwvakregio"), max_length=6, choices=BouwvakRegio.choices, editable=False)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["naam", "id"]

    def __str__(self):
        return f"{self.naam}, {self.plaats}"

    def save(self, *args, **kwargs):
        self.bouwvak_regio = bouwvak_regio(self.provincie, self.bouwvak_regio_afwijkend)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "bouwvak_regio"}
        super().save(*args, **kwargs)


@track()
class Begeleider(models.Model):
    """A mentor or buddy: a colleague at the employer who guides a participant at work."""

    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="begeleiders")
    soort = models.CharField(_("soort"), max_length=6, choices=c.BegeleiderSoort.choices)
    naam = models.CharField(_("naam"), max_length=150)
    functie = models.CharField(_("functie"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    class Meta:
        verbose_name = _("mentor of buddy")
        verbose_name_plural = _("mentoren en buddy's")
        ordering = ["naam", "id"]

    def __str__(self):
        return f"{self.naam} ({self.get_soort_display()})"


@track()
class Mentorvoorbereiding(models.Model):
    """How a mentor or buddy was prepared for guiding a newcomer (issue 16): an intercultural
    communication training, a "Harrie" training (the ideal colleague of someone who needs
    support) or similar, on a date."""

    begeleider = models.ForeignKey(
        Begeleider, verbose_name=_("mentor of buddy"), on_delete=models.CASCADE, related_name="voorbereidingen"
    )
    soort = models.CharField(_("voorbereiding"), max_length=16, choices=c.VoorbereidingSoort.choices)
    omschrijving = models.CharField(
        _("omschrijving"), max_length=200, blank=True, help_text=_("Bijvoorbeeld de naam van de training.")
    )
    datum = models.DateField(_("datum"))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("voorbereiding van een mentor")
        verbose_name_plural = _("voorbereidingen van mentoren")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="anders") | ~Q(omschrijving=""),
                name="mentorvoorbereiding_anders_omschreven",
                violation_error_message=_("Beschrijf de andere voorbereiding."),
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.datum:%d-%m-%Y})"


def _toezegging_pad(instance, filename):
    return f"toezeggingen/{instance.werkgever_id}/{timezone.now():%Y%m%d%H%M%S}.pdf"


@track()
class Leerwerkplek(models.Model):
    """A work place or vacancy an employer offers in a trajectory, possibly a subset of a job's tasks."""

    werkgever = models.ForeignKey(
        Werkgever, verbose_name=_("werkgever"), on_delete=models.PROTECT, related_name="plekken"
    )
    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.PROTECT, related_name="leerwerkplekken"
    )
    functietitel = models.CharField(_("functietitel"), max_length=150, help_text=_("Bijvoorbeeld assistent-monteur"))
    beroep = models.CharField(_("beroep"), max_length=150, help_text=_("Bijvoorbeeld monteur installatietechniek"))
    taken = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("taken"),
        default=list,
        blank=True,
        help_text=_("Jobcarving: de taken waaruit deze plek bestaat, één per regel."),
    )
    deel_van_functie = models.BooleanField(
        _("deel van een functie (jobcarving)"),
        default=False,
        help_text=_("Aan als de plek een deel van de taken van een volledige functie omvat."),
    )
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    min_taalniveau = models.CharField(_("minimaal taalniveau"), max_length=2, choices=Taalniveau.choices, blank=True)
    vereiste_certificaten = ArrayField(
        models.CharField(max_length=20, choices=CertificaatSoort.choices),
        verbose_name=_("vereiste certificaten"),
        default=list,
        blank=True,
    )
    locatie = models.ForeignKey(Locatie, verbose_name=_("locatie"), on_delete=models.PROTECT, related_name="plekken")
    aantal_plaatsen = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, validators=[MinValueValidator(1)]
    )
    startdatum = models.DateField(_("startdatum"))
    status = models.CharField(_("status"), max_length=8, choices=c.PlekStatus.choices, default=c.PlekStatus.OPEN)

    toezegging = models.CharField(
        _("toezegging van de werkgever"), max_length=18, choices=c.Toezegging.choices, default=c.Toezegging.GEEN
    )
    toezegging_datum = models.DateField(_("toezegging gedaan op"), null=True, blank=True)
    toezegging_geldig_tot = models.DateField(_("toezegging geldig tot"), null=True, blank=True)
    toezegging_voorwaarden = models.TextField(
        _("voorwaarden van de toezegging"), blank=True,
        help_text=_("Bijvoorbeeld: na het behalen van het vakdiploma, bij een positieve proefplaatsing."),
    )  # fmt: skip
    toezegging_bevestigd_op = models.DateTimeField(_("toezegging bevestigd op"), null=True, blank=True)
    toezegging_bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("toezegging bevestigd door"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    toezegging_document = models.FileField(
        _("document (pdf)"),
        upload_to=_toezegging_pad,
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )

    class Meta:
        verbose_name = _("leerwerkplek")
        verbose_name_plural = _("leerwerkplekken")
        ordering = ["startdatum", "functietitel", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uren_per_week__gte=1, uren_per_week__lte=60),
                name="leerwerkplek_uren_1_60",
                violation_error_message=_("Het aantal uren per week ligt tussen 1 en 60."),
            ),
            models.CheckConstraint(
                condition=Q(toezegging=c.Toezegging.GEEN) | Q(toezegging_datum__isnull=False),
                name="leerwerkplek_toezegging_heeft_datum",
                violation_error_message=_("Vul de datum van de toezegging in."),
            ),
            models.CheckConstraint(
                condition=Q(toezegging_geldig_tot__isnull=True)
                | Q(toezegging_datum__isnull=False, toezegging_geldig_tot__gte=F("toezegging_datum")),
                name="leerwerkplek_toezegging_geldig_na_datum",
                violation_error_message=_("De toezegging is geldig tot een datum na die van de toezegging."),
            ),
        ]

    def __str__(self):
        return f"{self.functietitel} ({self.werkgever})"


@track()
class Profiel(models.Model):
    """The anonymised profile of one participation, for employers.

    The pseudonym is random (derived from nothing personal) and stable within the trajectory.
    The motivation text employers read is the last approved one; a new draft waits for approval.
    """

    deelname = models.OneToOneField("trajecten.Deelname", on_delete=models.CASCADE, related_name="profiel")
    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="profielen")
    pseudoniem = models.CharField(_("code"), max_length=12)
    concept = models.TextField(_("motivatie voor werkgevers (concept)"), blank=True)
    concept_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    concept_op = models.DateTimeField(null=True, blank=True)
    motivatie = models.TextField(_("motivatie voor werkgevers (goedgekeurd)"), blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        ordering = ["pseudoniem"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "pseudoniem"], name="profiel_pseudoniem_uniek_in_traject"),
        ]

    def __str__(self):
        return self.pseudoniem

    @property
    def gepubliceerd(self) -> bool:
        return bool(self.motivatie)

    @property
    def concept_wacht(self) -> bool:
        return bool(self.concept) and self.concept != self.motivatie


@track()
class Match(models.Model):
    """A participation against a work place: interest, a proposal and the employer's answer."""

    deelname = models.ForeignKey("trajecten.Deelname", on_delete=models.CASCADE, related_name="matches")
    leerwerkplek = models.ForeignKey(Leerwerkplek, verbose_name=_("leerwerkplek"), on_delete=models.CASCADE,
                                     related_name="matches")  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=c.MatchStatus.choices)
    interesse_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    interesse_op = models.DateTimeField(_("interesse getoond op"), null=True, blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score bij voorstel"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    afwijs_reden = models.CharField(_("reden"), max_length=12, choices=c.AfwijsReden.choices, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-voorgesteld_op", "-interesse_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelname", "leerwerkplek"],
                name="match_uniek",
                violation_error_message=_("Deze kandidaat staat al bij deze plek."),
            ),
            models.CheckConstraint(
                condition=~Q(status=c.MatchStatus.AFGEWEZEN) | ~Q(afwijs_reden=""),
                name="match_afwijzing_heeft_reden",
                violation_error_message=_("Kies een reden."),
            ),
        ]

    def __str__(self):
        return f"{self.deelname_id} – {self.leerwerkplek}"


class PlaatsingPeriode(Func):
    """The placement's days as one int8range in a band per participant: deelname id x 10^6 + day.

    PostgreSQL's GiST indexes handle range overlap natively, but comparing the deelname id with
    '=' in the same exclusion constraint needs the btree_gist extension, which the embedded
    PostgreSQL does not ship. Folding the id into the range gives the same rule without it:
    two ranges overlap only when they are in the same band (same deelname) and share a day.
    Days count from 1900-01-01; an open end (no planned end) runs to 3999-12-31.
    """

    output_field = models.BigIntegerField()  # only used inside the constraint

    def __init__(self, deelname, start, einde):
        super().__init__(deelname, start, einde)

    def as_sql(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, p = compiler.compile(expression)
            parts.append(sql)
            params.extend(p)
        deelname, start, einde = parts
        band = f"({deelname})::bigint * 1000000"
        return (
            f"int8range({band} + (({start}) - DATE '1900-01-01'), "
            f"{band} + (COALESCE(({einde}), DATE '3999-12-31') - DATE '1900-01-01'), '[]')",
            params,
        )


@track()
class Plaatsing(models.Model):
    """A placement of a participant at an employer. Changes go through werkgevers.services.

    `versie` counts changes to dates, hours or kind; `bevestigde_versie` is the one the
    employer confirmed. Earlier versions are kept in PlaatsingVersie.
    """

    deelname = models.ForeignKey("trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.PROTECT,
                                 related_name="plaatsingen")  # fmt: skip
    leerwerkplek = models.ForeignKey(Leerwerkplek, verbose_name=_("leerwerkplek"), on_delete=models.PROTECT,
                                     related_name="plaatsingen")  # fmt: skip
    soort = models.CharField(_("soort plaatsing"), max_length=16, choices=c.PlaatsingSoort.choices)
    start = models.DateField(_("start"))
    gepland_einde = models.DateField(_("gepland einde"), null=True, blank=True)
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    mentor = models.ForeignKey(
        Begeleider, verbose_name=_("mentor"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    jobcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jobcoach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plaatsingen_als_jobcoach",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=c.PlaatsingStatus.choices, default=c.PlaatsingStatus.VOORGESTELD
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    bevestigde_versie = models.PositiveSmallIntegerField(_("bevestigde versie"), null=True, blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorgesteld door")
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("bevestigd door"),
    )  # fmt: skip
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    einde = models.DateField(_("werkelijk einde"), null=True, blank=True)
    einde_reden = models.CharField(_("reden einde"), max_length=20, choices=c.EindeReden.choices, blank=True)
    afwijs_reden = models.CharField(_("reden afwijzing"), max_length=12, choices=c.AfwijsReden.choices, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    omgezet_uit = models.OneToOneField(
        "self",
        verbose_name=_("omgezet uit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="omgezet_naar",
    )

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gepland_einde__isnull=True) | Q(gepland_einde__gte=F("start")),
                name="plaatsing_einde_na_start",
                violation_error_message=_("Het geplande einde ligt niet vóór de start."),
            ),
            models.CheckConstraint(
                condition=Q(start__gte=datetime.date(1900, 1, 1), start__lte=datetime.date(3999, 12, 31))
                & (Q(gepland_einde__isnull=True) | Q(gepland_einde__lte=datetime.date(3999, 12, 31))),
                name="plaatsing_datums_realistisch",
                violation_error_message=_("Vul een realistische datum in."),
            ),
            models.CheckConstraint(
                condition=Q(uren_per_week__gte=1, uren_per_week__lte=60),
                name="plaatsing_uren_1_60",
                violation_error_message=_("Het aantal uren per week ligt tussen 1 en 60."),
            ),
            models.CheckConstraint(
                condition=~Q(status=c.PlaatsingStatus.BEEINDIGD) | (~Q(einde_reden="") & Q(einde__isnull=False)),
                name="plaatsing_einde_heeft_reden_en_datum",
                violation_error_message=_("Een beëindigde plaatsing heeft een einddatum en een reden."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[c.PlaatsingStatus.BEVESTIGD, c.PlaatsingStatus.GESTART])
                | Q(bevestigd_op__isnull=False, bevestigde_versie__isnull=False),
                name="plaatsing_bevestigd_heeft_bevestiging",
            ),
            # Two active placements of one participant never overlap in time.
            ExclusionConstraint(
                name="plaatsing_geen_overlap",
                expressions=[(PlaatsingPeriode("deelname", "start", "gepland_einde"), RangeOperators.OVERLAPS)],
                condition=Q(status__in=c.ACTIEVE_PLAATSING),
                violation_error_message=_("Deze deelnemer heeft in deze periode al een plaatsing."),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} vanaf {self.start:%d-%m-%Y}"

    @property
    def wacht_op_bevestiging(self) -> bool:
        return self.status in c.LOPENDE_PLAATSING and self.bevestigde_versie != self.versie


class PlaatsingVersie(models.Model):
    """An earlier version of a placement's terms, kept when they change. Append-only."""

    plaatsing = models.ForeignKey(Plaatsing, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveSmallIntegerField(_("versie"))
    soort = models.CharField(_("soort plaatsing"), max_length=16, choices=c.PlaatsingSoort.choices)
    start = models.DateField(_("start"))
    gepland_einde = models.DateField(_("gepland einde"), null=True, blank=True)
    uren_per_week = models.PositiveSmallIntegerField(_("uren per week"))
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    vervangen_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vervangen_op = models.DateTimeField(_("vervangen op"), default=timezone.now)

    class Meta:
        verbose_name = _("eerdere versie van een plaatsing")
        verbose_name_plural = _("eerdere versies van plaatsingen")
        ordering = ["plaatsing", "versie"]
        constraints = [models.UniqueConstraint(fields=["plaatsing", "versie"], name="plaatsingversie_uniek")]
        triggers = [pgtrigger.Protect(name="plaatsingversie_niet_wijzigen", operation=pgtrigger.Update)]

    def __str__(self):
        return f"{self.plaatsing_id} v{self.versie}"


@track()
class Bijeenkomst(models.Model):
    """A meet-and-match event or a shadowing day (meeloopdag), with who attended."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="bijeenkomsten")
    soort = models.CharField(_("soort"), max_length=15, choices=c.BijeenkomstSoort.choices)
    datum = models.DateField(_("datum"))
    plaats = models.CharField(_("plaats"), max_length=200)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    werkgevers = models.ManyToManyField(Werkgever, verbose_name=_("werkgevers"), blank=True,
                                        related_name="bijeenkomsten")  # fmt: skip
    deelnames = models.ManyToManyField("trajecten.Deelname", verbose_name=_("deelnemers"), blank=True,
                                       related_name="bijeenkomsten")  # fmt: skip
    overige_aanwezigen = models.CharField(_("overige aanwezigen"), max_length=300, blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-datum", "-id"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"
