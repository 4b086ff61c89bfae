"""Choices of the regie's own tools (issue 15): meetings, the script and the covenant."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerwerk.roles import PARTIJ_ROLLEN  # noqa: F401 - the core names them; regie reads them here


class OverlegSoort(models.TextChoices):
    KICKOFF = "kickoff", _("Kick-off")
    FEEDBACK = "feedback", _("Feedbackmoment")
    TUSSENEVALUATIE = "tussenevaluatie", _("Tussenevaluatie")
    EINDEVALUATIE = "eindevaluatie", _("Eindevaluatie")


class Eigenaarrol(models.TextChoices):
    """Who owns a task of the script: a partner role of the trajectory, or the regie, or the
    klantmanager of the gemeente (the guide's table names them too)."""

    REGISSEUR = "regisseur", _("Regisseur")
    KLANTMANAGER = "klantmanager", _("Klantmanager (gemeente)")
    OPLEIDER = "opleider", _("Opleider")
    TAALOPLEIDER = "taalopleider", _("Taalopleider")
    WERKGEVER = "werkgever", _("Werkgever")
    EXPERTISEPARTNER = "expertisepartner", _("Expertisepartner")
    INTERMEDIAIR = "intermediair", _("Intermediair")
    VERBINDER = "verbinder", _("Verbinder")
    JOBCOACH = "jobcoach", _("Jobcoach")
    FINANCIER = "financier", _("Financier")


class Ankerpunt(models.TextChoices):
    START = "start", _("start van de fase")
    EIND = "eind", _("einde van de fase")


class ConvenantSectie(models.TextChoices):
    """The covenant's sections, in order; the regisseur may add free-text clauses to each."""

    PARTIJEN = "partijen", _("Partijen en rollen")
    DOEL = "doel", _("Doel (SMART)")
    FASEN = "fasen", _("Duur en fasen")
    DRAAIBOEK = "draaiboek", _("Draaiboek")
    KOSTEN = "kosten", _("Kosten en wie betaalt")
    FEEDBACK = "feedback", _("Feedbackmomenten")
    UITVAL = "uitval", _("Uitval")
    PRIVACY = "privacy", _("Privacy")
    TOEZEGGINGEN = "toezeggingen", _("Baangaranties en intentieverklaringen")
    LOOPTIJD = "looptijd", _("Looptijd en beëindiging")
    BIJLAGEN = "bijlagen", _("Bijlagen")


class VersieStatus(models.TextChoices):
    RENDEREN = "renderen", _("Wordt opgemaakt")
    TER_ONDERTEKENING = "ter_ondertekening", _("Ter ondertekening")
    ONDERTEKEND = "ondertekend", _("Ondertekend, wordt verzegeld")
    VERZEGELD = "verzegeld", _("Ondertekend en verzegeld")
    GEWEIGERD = "geweigerd", _("Geweigerd: terug naar concept")
    VERVALLEN = "vervallen", _("Vervallen door een nieuwe versie")
    MISLUKT = "mislukt", _("Opmaken mislukt")


OPEN_VERSIE = (VersieStatus.RENDEREN, VersieStatus.TER_ONDERTEKENING)


class TekenStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op ondertekening")
    GETEKEND = "getekend", _("Getekend")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    VERVALLEN = "vervallen", _("Vervallen")


# The verification of a covenant file refuses a larger upload (a covenant is far smaller).
MAX_CONTROLE_BYTES = 20 * 1024 * 1024

# A sign-off pending this long gives the organisation's signatories a signal.
TEKEN_HERINNERING_DAGEN = 7

# Minutes are due this many days after a meeting (issue 15: "minutes missing a week after").
NOTULEN_DAGEN = 7
# The feedback series: every this many weeks, by default.
FEEDBACK_INTERVAL_WEKEN = 4
