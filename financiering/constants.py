"""Choices of funding sources, budgets and the financing plan (issue 13)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from opleiders.constants import ModuleSoort, PrijsPer


class BronSoort(models.TextChoices):
    PARTICIPATIEBUDGET = "participatiebudget", _("Participatiebudget")
    BUIG = "buig_reservering", _("BUIG-reservering")
    FYSIEK_DOMEIN = "fysiek_domein", _("Budget fysiek domein / duurzaamheid")
    REGIONAAL = "regionaal", _("Regionaal budget")
    OO_FONDS = "oo_fonds", _("O&O-fonds")
    ESF = "esf_plus", _("ESF+")
    AMIF = "amif", _("AMIF")
    SUBSIDIE = "subsidie", _("Subsidie")
    WERKGEVERSBIJDRAGE = "werkgeversbijdrage", _("Werkgeversbijdrage")
    OVERIG = "overig", _("Overig")


class Looptijd(models.TextChoices):
    EENMALIG = "eenmalig", _("Eenmalig (startgeld)")
    STRUCTUREEL = "structureel", _("Structureel")


class Kostencategorie(models.TextChoices):
    TAAL = "taal", _("Taal")
    VAKTAAL = "vaktaal", _("Vaktaal")
    VAKOPLEIDING = "vakopleiding", _("Vakopleiding")
    PRAKTIJKASSESSMENT = "praktijkassessment", _("Praktijkassessment")
    VCA = "vca", _("VCA")
    JOBCOACHING = "jobcoaching", _("Jobcoaching")
    INTERCULTUREEL = "intercultureel", _("Interculturele training werkgevers")
    REGIE = "regie", _("Projectleiding / regie")
    BIJEENKOMSTEN = "bijeenkomsten", _("Bijeenkomsten")
    OVERIG = "overig", _("Overig")


# A budget line counts per participant or once for the group: the same choice as a module's price.
Grondslag = PrijsPer

# The cost category of a budget line derived from a training module, by the module's kind.
CATEGORIE_VAN_MODULE = {
    ModuleSoort.VCA: Kostencategorie.VCA,
    ModuleSoort.VAKTAAL: Kostencategorie.VAKTAAL,
    ModuleSoort.BASISVAK: Kostencategorie.VAKOPLEIDING,
    ModuleSoort.WERKNEMERSVAARDIGHEDEN: Kostencategorie.VAKOPLEIDING,
    ModuleSoort.PRAKTIJKASSESSMENT: Kostencategorie.PRAKTIJKASSESSMENT,
    ModuleSoort.INTERCULTUREEL: Kostencategorie.INTERCULTUREEL,
    ModuleSoort.OVERIG: Kostencategorie.OVERIG,
}


class DekkingStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    TOEGEZEGD = "toegezegd", _("Toegezegd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class AfspraakStatus(models.TextChoices):
    """A result agreement that names a source as payer waits for the source owner's consent; one
    paid by the participants' home gemeenten holds at once (they agree in the covenant)."""

    VOORGESTELD = "voorgesteld", _("Wacht op akkoord van de betaler")
    AKKOORD = "akkoord", _("Akkoord")
    AFGEWEZEN = "afgewezen", _("Afgewezen door de betaler")


class Verdeelsleutel(models.TextChoices):
    """How a regional trajectory's costs are split between its gemeenten (kostenverdeling)."""

    GESTART = "gestart", _("Naar de woongemeente van de gestarte deelnemers")
    PERCENTAGES = "percentages", _("Naar afgesproken percentages")
    REGIONAAL = "regionaal", _("Volledig regionaal: de arbeidsmarktregio draagt de kosten")


# Cover that counts against a line's amount (and so against double funding).
LOPENDE_DEKKING = (DekkingStatus.VOORGESTELD, DekkingStatus.TOEGEZEGD)


class ResultaatSoort(models.TextChoices):
    CONTRACT = "contract", _("Start met een arbeidscontract of BBL")
    DUURZAAM_6 = "duurzaam_6", _("Nog aan het werk 6 maanden na de start")
    CERTIFICAAT = "certificaat", _("Certificaat behaald")
    VERVOLGOPLEIDING = "vervolgopleiding", _("Start van een vervolgopleiding")


class BetalerSoort(models.TextChoices):
    WOONGEMEENTE = "woongemeente", _("De woongemeente van de deelnemer")
    BRON = "bron", _("Een financieringsbron")


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Te declareren")
    BETAALD = "betaald", _("Betaald")
    VERVALLEN = "vervallen", _("Vervallen")
    GECREDITEERD = "gecrediteerd", _("Gecrediteerd")


class ClaimSoort(models.TextChoices):
    RESULTAAT = "resultaat", _("Resultaat")
    CREDIT = "credit", _("Creditering")


# A claim line that counts: the result stands (paid or not yet).
GELDENDE_CLAIM = (ClaimStatus.OPEN, ClaimStatus.BETAALD)


class DeclaratieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BETAALD = "betaald", _("Betaald")


class PdfStatus(models.TextChoices):
    GEEN = "", _("Nog niet gemaakt")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")


class Verrekening(models.TextChoices):
    VOORFINANCIER = "voorfinancier", _("De voorfinancier draagt het restant")
    GEMEENTEN = "gemeenten", _("De woongemeenten delen het restant naar hun gestarte deelnemers")
