"""Choices of trajectories and the Deelname state machine's states and transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    INSTALLATIE = "installatietechniek", _("Installatietechniek")
    BOUW = "bouw", _("Bouw")
    GLAS = "glas", _("Glas")
    ENERGIE = "energietransitie", _("Energietransitie")
    OVERIG = "overig", _("Overig")


class TrajectStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    WERVING = "werving", _("Werving")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class Instroomvorm(models.TextChoices):
    DOORLOPEND = "doorlopend", _("Doorlopend aanmelden")
    COHORT = "cohort", _("Cohort (klas)")


class PartnerRol(models.TextChoices):
    OPLEIDER = "opleider", _("Opleider")
    TAALOPLEIDER = "taalopleider", _("Taalopleider")
    WERKGEVER = "werkgever", _("Werkgever")
    EXPERTISEPARTNER = "expertisepartner", _("Expertisepartner")
    INTERMEDIAIR = "intermediair", _("Intermediair")
    VERBINDER = "verbinder", _("Verbinder")
    JOBCOACH = "jobcoach", _("Jobcoach")
    FINANCIER = "financier", _("Financier")


TRAINING_ROLLEN = (PartnerRol.OPLEIDER, PartnerRol.TAALOPLEIDER)


class FaseSoort(models.TextChoices):
    WERVING = "werving_selectie", _("Werving en selectie")
    VOORTRAJECT = "voortraject", _("Voortraject")
    OPLEIDING = "opleiding", _("Opleiding")
    PROEFPLAATSING = "proefplaatsing", _("Proefplaatsing")
    MATCHING = "matching_plaatsing", _("Matching en plaatsing")
    NAZORG = "nazorg", _("Nazorg")


# The time on benefit of a trajectory, one definition for the planning helper (trajecten.planning)
# and the signal rule (signalen.regels.trajectduur): it starts with the first of the
# UITKERING_START_FASES and lasts until the latest end of the UITKERING_FASES (after the
# proefplaatsing a contract follows). Recruitment does not count: candidates are not in a
# trajectory yet. It holds for participants with a benefit (deelnemer.uitkering_type not "geen").
UITKERING_START_FASES = (FaseSoort.VOORTRAJECT, FaseSoort.OPLEIDING)
UITKERING_FASES = (*UITKERING_START_FASES, FaseSoort.PROEFPLAATSING)


class DeelnameStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Intake")
    GESELECTEERD = "geselecteerd", _("Geselecteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    VOORTRAJECT = "voortraject", _("Voortraject")
    OPLEIDING = "opleiding", _("Opleiding")
    PROEFPLAATSING = "proefplaatsing", _("Proefplaatsing")
    GEPLAATST = "geplaatst", _("Geplaatst")
    NAZORG = "nazorg", _("Nazorg")
    AFGEROND = "afgerond", _("Afgerond")
    GEPARKEERD = "geparkeerd", _("Geparkeerd")
    UITGEVALLEN = "uitgevallen", _("Uitgevallen")
    VERVOLGOPLEIDING = "vervolgopleiding", _("Vervolgopleiding")


S = DeelnameStatus

# The main line a participant walks, in order: the board shows a column for each.
ACTIVE_STATES = (
    S.AANGEMELD,
    S.INTAKE,
    S.GESELECTEERD,
    S.VOORTRAJECT,
    S.OPLEIDING,
    S.PROEFPLAATSING,
    S.GEPLAATST,
    S.NAZORG,
)
END_STATES = (S.AFGEWEZEN, S.AFGEROND, S.UITGEVALLEN, S.VERVOLGOPLEIDING)
# Started: in the trajectory proper (the voortraject or further). A participant who was parked,
# dropped out or moved on counts as started when a step reached one of these before.
GESTARTE_STATES = (S.VOORTRAJECT, S.OPLEIDING, S.PROEFPLAATSING, S.GEPLAATST, S.NAZORG, S.AFGEROND)
# Still in the trajectory (active or parked): what takes up a place.
BEZETTE_STATES = (*ACTIVE_STATES, S.GEPARKEERD)

# Forward steps. Besides these: every active state may go to geparkeerd, uitgevallen or
# vervolgopleiding, and geparkeerd goes back to the state it was parked from (see services).
FORWARD = {
    S.AANGEMELD: (S.INTAKE,),
    S.INTAKE: (S.GESELECTEERD, S.AFGEWEZEN),
    S.GESELECTEERD: (S.VOORTRAJECT,),
    S.VOORTRAJECT: (S.OPLEIDING,),
    S.OPLEIDING: (S.PROEFPLAATSING, S.GEPLAATST),  # a contract may follow the training directly
    S.PROEFPLAATSING: (S.GEPLAATST,),
    S.GEPLAATST: (S.NAZORG,),
    S.NAZORG: (S.AFGEROND,),
}
SIDE_EXITS = (S.GEPARKEERD, S.UITGEVALLEN, S.VERVOLGOPLEIDING)
# Transitions that need a placement at an employer (the werkgevers app registers the check).
NEEDS_PLACEMENT = (S.PROEFPLAATSING, S.GEPLAATST)


def allowed_targets(status: str, vorige_status: str = "") -> tuple[str, ...]:
    """Where a deelname in `status` may go next (geparkeerd: back to `vorige_status`)."""
    if status == S.GEPARKEERD:
        back = (vorige_status,) if vorige_status else ()
        return (*back, S.UITGEVALLEN, S.VERVOLGOPLEIDING)
    if status in ACTIVE_STATES:
        return (*FORWARD.get(status, ()), *SIDE_EXITS)
    return ()


class UitvalReden(models.TextChoices):
    NIET_ARBEIDSFIT = "niet_arbeidsfit", _("Niet arbeidsfit")
    TAAL = "taal", _("Taal")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    VERVOER = "vervoer", _("Vervoer")
    ZORGTAKEN = "zorgtaken", _("Zorgtaken")
    ANDER_WERK = "ander_werk", _("Ander werk gevonden")
    VACATURE_VERVALLEN = "vacature_vervallen", _("Vacature vervallen")
    VERHUISD = "verhuisd", _("Verhuisd")
    MOTIVATIE = "motivatie", _("Motivatie")
    OVERIG = "overig", _("Overig")


class ContactmomentSoort(models.TextChoices):
    INTAKE = "intake", _("Intakegesprek")
    DRIEGESPREK = "driegesprek", _("Driegesprek")
    VOORTGANG = "voortgang", _("Voortgangsgesprek")
    EVALUATIE = "evaluatie", _("Evaluatie")
    NAZORG = "nazorg", _("Nazorg")
    # The jobcoach's kinds (issue 16), besides nazorg.
    COACHING = "coaching", _("Coachingsgesprek")
    WERKPLEKBEZOEK = "werkplekbezoek", _("Werkplekbezoek")
    WERKGEVERCONTACT = "werkgever", _("Contact met werkgever of mentor")


# Where aftercare runs: placed in paid work, or in the aftercare phase (the aftercare signal, the
# jobcoach's aftercare list).
NAZORG_STATUS = (DeelnameStatus.GEPLAATST, DeelnameStatus.NAZORG)

# The contacts of coaching and aftercare: what a jobcoach records and reads of a participation.
BEGELEIDING_SOORTEN = (
    ContactmomentSoort.COACHING,
    ContactmomentSoort.WERKPLEKBEZOEK,
    ContactmomentSoort.NAZORG,
    ContactmomentSoort.WERKGEVERCONTACT,
)
