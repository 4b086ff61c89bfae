"""Choices of employers, work places, matches and placements, and which states count as active."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from trajecten.constants import DeelnameStatus as S


class BegeleiderSoort(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    BUDDY = "buddy", _("Buddy")


class VoorbereidingSoort(models.TextChoices):
    INTERCULTUREEL = "intercultureel", _("Training interculturele communicatie")
    HARRIE = "harrie", _("Harrie-training")
    ANDERS = "anders", _("Andere voorbereiding")


class PlekStatus(models.TextChoices):
    OPEN = "open", _("Open")
    VERVULD = "vervuld", _("Vervuld")
    GESLOTEN = "gesloten", _("Gesloten")


class Toezegging(models.TextChoices):
    GEEN = "geen", _("Geen toezegging")
    INTENTIEVERKLARING = "intentieverklaring", _("Intentieverklaring")
    BAANGARANTIE = "baangarantie", _("Baangarantie")


class MatchStatus(models.TextChoices):
    INTERESSE = "interesse", _("Interesse van werkgever")
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class AfwijsReden(models.TextChoices):
    TAAL = "taal", _("Taalniveau past niet")
    UREN = "uren", _("Beschikbare uren passen niet")
    REISAFSTAND = "reisafstand", _("Reisafstand")
    ERVARING = "ervaring", _("Ervaring of vaardigheden passen niet")
    GEEN_PLEK = "geen_plek", _("Plek niet meer beschikbaar")
    STARTDATUM = "startdatum", _("Startdatum past niet")
    OVERIG = "overig", _("Overig")


class PlaatsingSoort(models.TextChoices):
    PROEFPLAATSING = "proefplaatsing", _("Proefplaatsing met behoud van uitkering")
    STAGE = "stage", _("Stage / werkervaringsplaats")
    BBL = "bbl", _("BBL-leerbaan")
    BEPAALDE_TIJD = "bepaalde_tijd", _("Arbeidsovereenkomst bepaalde tijd")
    ONBEPAALDE_TIJD = "onbepaalde_tijd", _("Arbeidsovereenkomst onbepaalde tijd")
    UITZEND = "uitzend", _("Uitzendbaan")


# Kinds of placement that keep the benefit: the participant is on a proefplaatsing; the others
# are paid work (the deelname goes to geplaatst).
PLAATSING_MET_UITKERING = (PlaatsingSoort.PROEFPLAATSING, PlaatsingSoort.STAGE)


def deelname_status_voor(soort: str) -> str:
    """The deelname state a confirmed placement of this kind puts the participant in."""
    return S.PROEFPLAATSING if soort in PLAATSING_MET_UITKERING else S.GEPLAATST


class PlaatsingStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    GESTART = "gestart", _("Gestart")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    OMGEZET = "omgezet", _("Omgezet")
    AFGEWEZEN = "afgewezen", _("Afgewezen door werkgever")


# Placements the employer confirmed and that have not ended: two of these may not overlap in
# time (a database exclusion constraint). A proposal may overlap the placement it converts
# (a trial placement turned into a contract); the services refuse any other overlap.
ACTIEVE_PLAATSING = (PlaatsingStatus.BEVESTIGD, PlaatsingStatus.GESTART)
LOPENDE_PLAATSING = (PlaatsingStatus.VOORGESTELD, *ACTIEVE_PLAATSING)


class EindeReden(models.TextChoices):
    AFGEROND = "afgerond", _("Afgerond volgens plan")
    CONTRACT_ELDERS = "contract_elders", _("Werk bij een andere werkgever")
    NIET_PASSEND = "niet_passend", _("Werk past niet")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    UITKERINGSTERMIJN = "uitkeringstermijn", _("Termijn met behoud van uitkering verstreken")
    WERKGEVER = "werkgever", _("Op initiatief van de werkgever")
    DEELNEMER = "deelnemer", _("Op initiatief van de deelnemer")
    OVERIG = "overig", _("Overig")


class BijeenkomstSoort(models.TextChoices):
    MEET_AND_MATCH = "meet_and_match", _("Meet & match")
    MEELOOPDAG = "meeloopdag", _("Meeloopdag")


# A participant's profile is shown to employers from selection until placed, while in the trajectory.
PROFIEL_STATES = (S.GESELECTEERD, S.VOORTRAJECT, S.OPLEIDING, S.PROEFPLAATSING)
