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


class PresentieStatus(models.TextChoices):
    AANWEZIG = "aanwezig", _("Aanwezig")
    TE_LAAT = "te_laat", _("Te laat")
    AFWEZIG = "afwezig", _("Afwezig")


class AfwezigReden(models.TextChoices):
    ZIEK = "ziek", _("Ziek gemeld")
    INBURGERING = "inburgering", _("Inburgeringsexamen of -les")
    AFSPRAAK = "afspraak", _("Afspraak (gemeente, UWV, arts)")
    MET_BERICHT = "met_bericht", _("Anders, met bericht")
    ZONDER_BERICHT = "zonder_bericht", _("Zonder bericht")


# Present and late count as attended.
AANWEZIG_GETELD = (PresentieStatus.AANWEZIG, PresentieStatus.TE_LAAT)

# Below this attendance (%) from the register, the page flags the participant: the inburgering
# duty and the benefit's obligations (participatiewet) expect regular attendance; 80% is the
# common norm in training agreements. A signal for the trainer and the regisseur, not a rule.
AANWEZIGHEID_DREMPEL = 80
