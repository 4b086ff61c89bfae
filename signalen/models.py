"""Deadline rules per gemeente, extensions of a trial placement, signals, digests and user settings."""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.datums import termijn_einde
from leerwerk.history import track
from leerwerk.models import Rol
from signalen import constants as c

# The national defaults; a gemeente's own row overrides them (see Termijnregels).
STANDAARD = {
    "proefplaatsing_maanden": 2,
    "proefplaatsing_max_maanden": 3,
    "traject_maanden": 3,
    "wachttijd_weken": 4,
    "nazorg_maanden": [1, 3, 6],
    "herinnering_dagen": [14, 3],
}


def _standaard(veld):
    return STANDAARD[veld]


def standaard_nazorg_maanden():
    return list(STANDAARD["nazorg_maanden"])


def standaard_herinnering_dagen():
    return list(STANDAARD["herinnering_dagen"])


@track()
class Termijnregels(models.Model):
    """The time limits one gemeente applies; the row without gemeente is the national default."""

    gemeente = models.OneToOneField(
        "leerwerk.Organisatie",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="termijnregels",
        limit_choices_to={"type": "gemeente"},
        help_text=_("Leeg: de landelijke standaard, voor gemeenten zonder eigen regels."),
    )
    proefplaatsing_maanden = models.PositiveSmallIntegerField(
        _("proefplaatsing met behoud van uitkering (maanden)"),
        default=_standaard("proefplaatsing_maanden"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    proefplaatsing_max_maanden = models.PositiveSmallIntegerField(
        _("proefplaatsing met verlenging, hoogstens (maanden)"),
        default=_standaard("proefplaatsing_max_maanden"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Tot hoever een klantmanager de proefplaatsing van één deelnemer mag verlengen."),
    )
    traject_maanden = models.PositiveSmallIntegerField(
        _("trajectduur met uitkering, hoogstens (maanden)"),
        default=_standaard("traject_maanden"),
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    wachttijd_weken = models.PositiveSmallIntegerField(
        _("wachttijd van selectie tot start, hoogstens (weken)"),
        default=_standaard("wachttijd_weken"),
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    nazorg_maanden = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(36)]),
        verbose_name=_("nazorgcontacten (maanden na uitstroom)"),
        default=standaard_nazorg_maanden,
        help_text=_("Bijvoorbeeld 1,3,6"),
    )
    herinnering_dagen = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(90)]),
        verbose_name=_("herinneringen (dagen vóór de termijn)"),
        default=standaard_herinnering_dagen,
        help_text=_("Eén of twee getallen, bijv. 14,3: vanaf 14 dagen vóór de termijn 'let op', vanaf 3 'urgent'."),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("termijnregels")
        verbose_name_plural = _("termijnregels")
        ordering = [F("gemeente__naam").asc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(
                Coalesce("gemeente", Value(0)),
                name="termijnregels_een_landelijke_standaard",
                violation_error_message=_("Er zijn al termijnregels voor deze gemeente (of landelijk)."),
            ),
            models.CheckConstraint(
                condition=Q(proefplaatsing_max_maanden__gte=F("proefplaatsing_maanden")),
                name="termijnregels_verlenging_niet_korter",
                violation_error_message=_("De verlenging is niet korter dan de gewone termijn."),
            ),
        ]

    def __str__(self):
        return str(self.gemeente) if self.gemeente_id else str(_("Landelijke standaard"))

    def clean(self):
        errors = {}
        maanden, max_maanden = self.proefplaatsing_maanden, self.proefplaatsing_max_maanden
        if maanden is not None and max_maanden is not None and max_maanden < maanden:
            errors["proefplaatsing_max_maanden"] = _("De verlenging is niet korter dan de gewone termijn.")
        if not self.nazorg_maanden:
            errors["nazorg_maanden"] = _("Geef minstens één nazorgcontact op.")
        if not self.herinnering_dagen or len(self.herinnering_dagen) > 2:
            errors["herinnering_dagen"] = _(
                "Geef één of twee herinneringen op: de langste geeft 'let op', de kortste 'urgent'."
            )
        if self.gemeente_id and self.gemeente.type != "gemeente":
            errors["gemeente"] = _("Kies een gemeente.")
        if errors:
            raise ValidationError(errors)

    def proefplaatsing_termijn(self, start: dt.date, verlengd_maanden: int | None = None) -> tuple[int, dt.date]:
        """The months a trial placement from `start` keeps the benefit (an extension's, else
        this gemeente's) and the last day of them."""
        maanden = verlengd_maanden or self.proefplaatsing_maanden
        return maanden, termijn_einde(start, maanden)


@track()
class Verlenging(models.Model):
    """The klantmanager's exception: one participant's trial placement keeps the benefit longer."""

    plaatsing = models.OneToOneField(
        "werkgevers.Plaatsing", verbose_name=_("plaatsing"), on_delete=models.CASCADE, related_name="verlenging"
    )
    maanden = models.PositiveSmallIntegerField(
        _("termijn met verlenging (maanden)"), validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    reden = models.TextField(_("reden"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verlenging proefplaatsing")
        verbose_name_plural = _("verlengingen proefplaatsing")
        ordering = ["-op"]

    def __str__(self):
        return f"{self.plaatsing_id}: {self.maanden} maanden"


class Signaal(models.Model):
    """A deadline that needs somebody's attention, found by a rule in signalen.regels.

    Unique per rule, object and deadline: the scan updates a signal instead of adding a
    second one, and closes it (vervallen) when its cause is gone. `bericht` holds no personal
    names: it also goes into e-mail and the calendar feed; pages show the person from
    `deelname`, through the access-logged selectors.
    """

    regel = models.CharField(_("regel"), max_length=24, choices=c.Regel.choices)
    object_type = models.CharField(_("objecttype"), max_length=30)
    object_id = models.CharField(_("object"), max_length=40)
    deadline = models.DateField(_("uiterlijk op"))
    ernst = models.CharField(_("ernst"), max_length=12, choices=c.Ernst.choices)
    bericht = models.CharField(_("bericht"), max_length=500)
    traject = models.ForeignKey(
        "trajecten.Traject", verbose_name=_("traject"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="signalen",
    )  # fmt: skip
    deelname = models.ForeignKey(
        "trajecten.Deelname", verbose_name=_("deelname"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="signalen",
    )  # fmt: skip
    verantwoordelijke = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verantwoordelijke"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="signalen",
    )  # fmt: skip
    rol = models.CharField(_("verantwoordelijke rol"), max_length=20, choices=Rol.choices)
    organisatie = models.ForeignKey(
        "leerwerk.Organisatie", verbose_name=_("organisatie"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", help_text=_("Zonder verantwoordelijke: wie deze rol heeft in deze organisatie."),
    )  # fmt: skip
    link = models.CharField(_("waar te handelen"), max_length=300, blank=True)
    suggestie = models.DateField(_("voorgestelde datum"), null=True, blank=True)
    suggestie_toelichting = models.CharField(_("toelichting bij het voorstel"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=c.SignaalStatus.choices, default=c.SignaalStatus.OPEN)
    uitgesteld_tot = models.DateField(_("uitgesteld tot"), null=True, blank=True)
    status_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_op = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("gesignaleerd op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(
        _("inhoud gewijzigd op"), default=timezone.now, help_text=_("Nieuw of gewijzigd: komt in de dagmail.")
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regel", "object_type", "object_id", "deadline"], name="signaal_uniek_per_regel_object_deadline"
            ),
            models.CheckConstraint(
                condition=~Q(status=c.SignaalStatus.UITGESTELD) | Q(uitgesteld_tot__isnull=False),
                name="signaal_uitgesteld_heeft_datum",
            ),
        ]
        indexes = [
            models.Index(fields=["verantwoordelijke", "status"]),
            models.Index(fields=["traject", "status"]),
            models.Index(fields=["gewijzigd_op"]),
        ]

    def __str__(self):
        return f"{self.get_regel_display()}: {self.bericht}"

    @property
    def sleutel(self) -> tuple:
        return (self.regel, self.object_type, self.object_id, self.deadline)

    @property
    def uitstel_voorbij(self) -> bool:
        """Snoozed until a day that has come: current again."""
        return self.status == c.SignaalStatus.UITGESTELD and self.uitgesteld_tot <= timezone.localdate()


class SignaalInstelling(models.Model):
    """A user's choices: which kinds of signal stay out of the daily e-mail, and the calendar feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signaalinstelling")
    geen_email = ArrayField(
        models.CharField(max_length=24, choices=c.Regel.choices),
        verbose_name=_("niet in de dagmail"),
        default=list,
        blank=True,
    )
    agenda_token_hash = models.CharField(
        _("agenda-link (vingerafdruk)"), max_length=64, blank=True, db_index=True,
        help_text=_("Alleen een vingerafdruk van de geheime link wordt bewaard."),
    )  # fmt: skip
    agenda_aangemaakt_op = models.DateTimeField(_("agenda-link gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaalinstelling")
        verbose_name_plural = _("signaalinstellingen")

    def __str__(self):
        return str(self.user)


class Digest(models.Model):
    """The outbox row of one daily e-mail to one user: created once per user and day, sent at most once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests")
    datum = models.DateField(_("datum"))
    status = models.CharField(_("status"), max_length=10, choices=c.DigestStatus.choices, default=c.DigestStatus.WACHT)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    signalen = models.ManyToManyField(Signaal, related_name="digests", blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    bezig_sinds = models.DateTimeField(_("verzending begonnen op"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("dagmail")
        verbose_name_plural = _("dagmails")
        ordering = ["-datum", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "datum"], name="digest_een_per_gebruiker_per_dag")]
        indexes = [models.Index(fields=["status"], condition=Q(status="wacht"), name="digest_wacht")]

    def __str__(self):
        return f"{self.user} {self.datum:%d-%m-%Y}"
