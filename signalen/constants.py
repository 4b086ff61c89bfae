"""The rules that produce signals, their severities and the states of a signal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regel(models.TextChoices):
    PROEFPLAATSING_TERMIJN = "proefplaatsing_termijn", _("Proefplaatsing: termijn met behoud van uitkering")
    TRAJECTDUUR = "trajectduur", _("Trajectduur met uitkering")
    BOUWVAK_START = "bouwvak_start", _("Plaatsing start in de bouwvak")
    BOUWVAK_FASE = "bouwvak_fase", _("Opleiding en bouwvak")
    WINTERSTART = "winterstart", _("Start in de winter")
    WACHTTIJD = "wachttijd", _("Wachttijd na selectie")
    NAZORG = "nazorg", _("Nazorgcontact")
    CERTIFICAAT = "certificaat", _("Certificaat verloopt")
    TOEZEGGING = "toezegging", _("Toezegging van werkgever verloopt")
    VERVOLGACTIE = "vervolgactie", _("Vervolgactie")
    TOESTEMMING = "toestemming", _("Toestemming loopt af")
    BOUWVAK_ONTBREEKT = "bouwvak_ontbreekt", _("Bouwvakdata ontbreken")
    KICKOFF = "kickoff", _("Kick-off ontbreekt")
    NOTULEN = "notulen", _("Notulen ontbreken")
    DRAAIBOEKTAAK = "draaiboektaak", _("Taak uit het draaiboek")
    ONDERTEKENING = "ondertekening", _("Convenant wacht op ondertekening")
    BEHOUDCHECK = "behoudcheck", _("Check: nog aan het werk?")
    WERKGEVERSVRAAG = "werkgeversvraag", _("Vraag van werkgever wacht op antwoord")
    MENTOR_VOORBEREIDING = "mentor_voorbereiding", _("Mentor zonder voorbereiding")


class Ernst(models.TextChoices):
    HINT = "hint", _("Tip")
    WAARSCHUWING = "waarschuwing", _("Let op")
    URGENT = "urgent", _("Urgent")


ERNST_RANG = {Ernst.HINT: 1, Ernst.WAARSCHUWING: 2, Ernst.URGENT: 3}


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEZIEN = "gezien", _("Gezien")
    UITGESTELD = "uitgesteld", _("Uitgesteld")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    VERVALLEN = "vervallen", _("Vervallen")


# A signal in one of these states is still to be acted on (an expired snooze counts as open).
ACTUELE_STATUS = (SignaalStatus.OPEN, SignaalStatus.GEZIEN, SignaalStatus.UITGESTELD)


class DigestStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verzending")
    BEZIG = "bezig", _("Wordt verzonden")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    ONZEKER = "onzeker", _("Onderbroken tijdens verzenden")


# How often sending a digest is tried before it is marked failed.
DIGEST_MAX_POGINGEN = 5
