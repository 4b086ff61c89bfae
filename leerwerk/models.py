"""Organisations, users with roles, the access log and worker heartbeats."""

import pgtrigger
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.history import track
from leerwerk.regios import BouwvakRegio, Provincie, bouwvak_regio


class OrganisatieType(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    ARBEIDSMARKTREGIO = "arbeidsmarktregio", _("Arbeidsmarktregio")
    WERKGEVER = "werkgever", _("Werkgever")
    OPLEIDER = "opleider", _("Opleider")
    FINANCIER = "financier", _("O&O-fonds / financier")
    EXPERTISEPARTNER = "expertisepartner", _("Expertisepartner")
    UWV_WSP = "uwv_wsp", _("UWV / Werkgeversservicepunt")
    LANDELIJK_PROGRAMMA = "landelijk_programma", _("Landelijk programma")


class Rol(models.TextChoices):
    REGISSEUR = "regisseur", _("Regisseur")
    KLANTMANAGER = "klantmanager", _("Klantmanager")
    WERKGEVER = "werkgever", _("Werkgever")
    OPLEIDER = "opleider", _("Opleider")
    JOBCOACH = "jobcoach", _("Jobcoach")
    WETHOUDER = "wethouder", _("Wethouder")
    FINANCIER = "financier", _("Financier")
    BEHEERDER = "beheerder", _("Beheerder")


@track()
class Organisatie(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=OrganisatieType.choices)
    arbeidsmarktregio = models.ForeignKey(
        "self",
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        limit_choices_to={"type": OrganisatieType.ARBEIDSMARKTREGIO},
        help_text=_("Verplicht voor een gemeente."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    provincie = models.CharField(
        _("provincie"), max_length=15, choices=Provincie.choices, blank=True, help_text=_("Voor een gemeente.")
    )
    bouwvak_regio_afwijkend = models.CharField(
        _("bouwvakregio (afwijkend)"),
        max_length=6,
        choices=BouwvakRegio.choices,
        blank=True,
        help_text=_("Alleen invullen als de gemeente een andere bouwvakregio volgt dan haar provincie."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(Lower("naam"), "type", name="organisatie_naam_type_uniek"),
            models.CheckConstraint(
                condition=~models.Q(type=OrganisatieType.GEMEENTE) | models.Q(arbeidsmarktregio__isnull=False),
                name="gemeente_heeft_arbeidsmarktregio",
                violation_error_message=_("Een gemeente hoort bij een arbeidsmarktregio."),
            ),
            models.CheckConstraint(
                condition=models.Q(type=OrganisatieType.GEMEENTE) | models.Q(arbeidsmarktregio__isnull=True),
                name="alleen_gemeente_heeft_arbeidsmarktregio",
                violation_error_message=_("Alleen een gemeente hoort bij een arbeidsmarktregio."),
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        if self.arbeidsmarktregio_id and self.arbeidsmarktregio.type != OrganisatieType.ARBEIDSMARKTREGIO:
            raise ValidationError({"arbeidsmarktregio": _("Kies een organisatie van het type arbeidsmarktregio.")})

    @property
    def bouwvak_regio(self) -> str:
        """The bouwvak region of a gemeente: its override, else its province's; "" when unknown."""
        if self.bouwvak_regio_afwijkend or self.provincie:
            return bouwvak_regio(self.provincie, self.bouwvak_regio_afwijkend)
        return ""


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("rollen", [Rol.BEHEERDER])
        fields["is_superuser"] = True
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


@track(exclude=["password", "last_login"])
class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. E-mail is the login; roles say what they do."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
    )
    rollen = ArrayField(
        models.CharField(max_length=20, choices=Rol.choices),
        verbose_name=_("rollen"),
        default=list,
        blank=True,
    )
    is_active = models.BooleanField(_("actief"), default=True)
    tekenbevoegd = models.BooleanField(
        _("tekenbevoegd"),
        default=False,
        help_text=_("Mag namens de organisatie een convenant ondertekenen."),
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="gebruiker_email_uniek")]

    def __str__(self):
        return self.naam or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        if self.rollen and not self.organisatie_id and not self.is_superuser:
            raise ValidationError({"organisatie": _("Een gebruiker met een rol hoort bij een organisatie.")})

    def has_rol(self, rol: str) -> bool:
        return self.is_active and rol in self.rollen

    @property
    def hoofdrol(self) -> str | None:
        """The role whose start page the user lands on: the first one, in Rol's order."""
        return next((r for r in Rol.values if r in self.rollen), None)

    @property
    def is_staff(self) -> bool:
        """Only the beheerder (and a superuser) uses the Django admin."""
        return self.is_active and (self.is_superuser or Rol.BEHEERDER in self.rollen)

    def has_perm(self, perm, obj=None):
        if self.is_active and Rol.BEHEERDER in self.rollen:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and Rol.BEHEERDER in self.rollen:
            return True
        return super().has_module_perms(app_label)

    def get_full_name(self):
        return self.naam

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email


class AccessLogAction(models.TextChoices):
    VIEW = "view", _("bekijken")
    LIST = "list", _("lijst")
    EXPORT = "export", _("export")
    PDF = "pdf", _("pdf")
    API = "api", _("api")
    REVEAL = "reveal", _("onthullen")


class AccessLogResult(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    DENIED = "denied", _("geweigerd")


# The access log is never emptied before this many months, whatever is configured: the trigger
# below enforces it in the database itself (changing it takes a migration, on purpose).
TOEGANGSLOG_MINIMUM_MAANDEN = 6

# The one way past the DELETE protection: leerwerk.audit.verwijder_toegangslog_voor sets this for
# its own transaction; the trigger lets a row go only when it is older than this bound AND older
# than the minimum above.
TOEGANGSLOG_GRENS_SETTING = "leerwerk.toegangslog_grens"
# Django's flush (leerwerk/management/commands/flush.py) sets this for its own transaction; the
# TRUNCATE trigger lets it through only in a database whose name starts with "test_".
TOEGANGSLOG_TESTFLUSH_SETTING = "leerwerk.toegangslog_testflush"


class AccessLog(models.Model):
    """Append-only record of who read whose data. No foreign keys: it outlives what it names.

    Written through its own database connection (see leerwerk.audit), and protected by database
    triggers: UPDATE is always refused; DELETE is refused except for the rows the guarded
    retention deletion (leerwerk.audit.verwijder_toegangslog_voor) removes; TRUNCATE is refused
    except for the test database's flush between transactional tests.
    """

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), null=True)
    user_email = models.CharField(_("gebruiker"), max_length=254, blank=True)
    rol = models.CharField(_("rol"), max_length=20, blank=True)
    organisatie_id = models.BigIntegerField(_("organisatie-id"), null=True)
    organisatie_naam = models.CharField(_("organisatie"), max_length=200, blank=True)
    action = models.CharField(_("actie"), max_length=10, choices=AccessLogAction.choices)
    object_type = models.CharField(_("objecttype"), max_length=100)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=AccessLogResult.choices)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    path = models.CharField(_("pad"), max_length=500, blank=True)
    detail = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["user_id", "tijdstip"]),
            # the beheerder's search by organisation (leerwerk.admin_toegangslog)
            models.Index(fields=["organisatie_id", "tijdstip"], name="toegangslog_organisatie_idx"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="toegangslog_alleen_toevoegen",
                when=pgtrigger.Before,
                operation=pgtrigger.Update | pgtrigger.Delete,
                # NULLIF: an unset or reset bound is NULL, and a comparison with NULL lets nothing go.
                func=f"""
                    IF TG_OP = 'DELETE'
                       AND OLD.tijdstip < NULLIF(current_setting('{TOEGANGSLOG_GRENS_SETTING}', true), '')::timestamptz
                       AND OLD.tijdstip < now() - interval '{TOEGANGSLOG_MINIMUM_MAANDEN} months'
                    THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;
                """,
            ),
            pgtrigger.Trigger(
                name="toegangslog_niet_legen",
                level=pgtrigger.Statement,
                when=pgtrigger.Before,
                operation=pgtrigger.Truncate,
                func=f"""
                    IF current_database() LIKE 'test\\_%'
                       AND current_setting('{TOEGANGSLOG_TESTFLUSH_SETTING}', true) = 'aan'
                    THEN
                        RETURN NULL;
                    END IF;
                    RAISE EXCEPTION 'pgtrigger: Cannot truncate rows from % table', TG_TABLE_NAME;
                """,
            ),
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.user_email} {self.action} {self.object_type} {self.object_id}"


class Heartbeat(models.Model):
    """Last sign of life of a Celery worker or beat, written by a periodic task."""

    name = models.CharField(_("naam"), max_length=50, unique=True)
    last_seen = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self):
        return f"{self.name}: {self.last_seen:%Y-%m-%d %H:%M:%S}"


class BouwvakPeriode(models.Model):
    """The advised bouwvak of one region in one year, as published by Bouwend Nederland.

    Maintained by the beheerder; the application never guesses a missing year (see
    leerwerk.datums and the signal asking the beheerder to enter it).
    """

    regio = models.CharField(_("regio"), max_length=6, choices=BouwvakRegio.choices)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    start = models.DateField(_("eerste dag"))
    eind = models.DateField(_("laatste dag"))
    is_demo = models.BooleanField(
        _("demogegevens"), default=False, help_text=_("Aangemaakt door de demo, niet door Bouwend Nederland.")
    )
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bouwvakperiode")
        verbose_name_plural = _("bouwvakperiodes")
        ordering = ["-jaar", "regio"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "jaar"],
                name="bouwvakperiode_uniek",
                violation_error_message=_("Voor deze regio en dit jaar staat de bouwvak al vast."),
            ),
            models.CheckConstraint(
                condition=models.Q(eind__gte=models.F("start")),
                name="bouwvakperiode_eind_na_start",
                violation_error_message=_("De laatste dag ligt niet vóór de eerste dag."),
            ),
        ]

    def __str__(self):
        return f"{self.get_regio_display()} {self.jaar}: {self.start:%d-%m} t/m {self.eind:%d-%m}"

    def clean(self):
        if self.start and self.jaar and self.start.year != self.jaar:
            raise ValidationError({"start": _("De eerste dag ligt in het gekozen jaar.")})
        if self.start and self.eind and self.eind < self.start:
            raise ValidationError({"eind": _("De laatste dag ligt niet vóór de eerste dag.")})


@track()
class Privacyinstelling(models.Model):
    """The settings of disclosure control (leerwerk.onthulling), one row, kept by the beheerder:
    the smallest count about a group of people that may be shown."""

    k = models.PositiveSmallIntegerField(
        _("kleinste telling die getoond wordt"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_(
            "Een aantal van 1 tot deze waarde (niet meegerekend) over een deel van de deelnemers verschijnt als "
            "'< deze waarde', bijvoorbeeld '< 5'."
        ),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("privacy-instelling")
        verbose_name_plural = _("privacy-instellingen")
        constraints = [models.CheckConstraint(condition=models.Q(k__gte=2), name="privacy_k_minstens_2")]

    def __str__(self):
        return _("Kleine tellingen: onder %(k)s verborgen") % {"k": self.k}
