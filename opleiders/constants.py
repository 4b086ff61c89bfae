from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleSoort(models.TextChoices):
    VCA = "vca", _("VCA")
    VAKTAAL = "vaktaal", _("Vaktaal")
    BASISVAK = "basisvakopleiding", _("Basisvakopleiding")
    WERKNEMERSVAARDIGHEDEN = "werknemersvaardigheden", _("Werknemersvaardigheden")
    PRAKTIJKASSESSMENT = "praktijkassessment", _("Praktijkassessment")
    INTERCULTUREEL = "intercultureel", _("Interculturele training voor werkgevers")
    OVERIG = "overig", _("Overig")


class PrijsPer(models.TextChoices):
    DEELNEMER = "deelnemer", _("per deelnemer")
    GROEP = "groep", _("per groep")


class Voortgang(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Niet gestart")
    BEZIG = "bezig", _("Bezig")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class Resultaat(models.TextChoices):
    GEEN = "", _("Nog geen resultaat")
    BEHAALD = "behaald", _("Behaald")
    NIET_BEHAALD = "niet_behaald", _("Niet behaald")
    DEELS = "deels", _("Deels behaald")


class CertificaatSoort(models.TextChoices):
    VCA_BASIS = "vca_basis", _("VCA basis")
    VCA_VOL = "vca_vol", _("VCA VOL")
    PRAKTIJKVERKLARING = "praktijkverklaring", _("Praktijkverklaring")
    MBO_CERTIFICAAT = "mbo_certificaat", _("mbo-certificaat")
    MBO_DIPLOMA = "mbo_diploma", _("mbo-diploma")
    OVERIG = "overig", _("Overig")


CERTIFICATEN_MET_VERVALDATUM = (CertificaatSoort.VCA_BASIS, CertificaatSoort.VCA_VOL)
