"""Choices of the regie's own tools (issue 15): meetings, the script and the covenant."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


# Minutes are due this many days after a meeting (issue 15: "minutes missing a week after").
NOTULEN_DAGEN = 7
# The feedback series: every this many weeks, by default.
FEEDBACK_INTERVAL_WEKEN = 4
