"""Forms of the regie's tools (issue 15). They parse input only: every write goes through a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from deelnemers.constants import Taalniveau
from leerwerk.forms import DatumInput
from leerwerk.models import Organisatie
from opleiders.constants import CertificaatSoort
from regie import constants as c
from regie.models import Convenant
from trajecten.constants import FaseSoort
from trajecten.forms import UserMultipleChoiceField
from trajecten.selectors import betrokkenen_van

GEEN_NAMEN = _("Over het traject, niet over een deelnemer: noem hier geen deelnemers bij naam.")


class TijdInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _tijd(label, melding):
    return forms.TimeField(label=label, widget=TijdInput, error_messages={"required": melding, "invalid": melding})


class _Tijden(forms.Form):
    begintijd = _tijd(_("Begintijd"), _("Vul een begintijd in, bijvoorbeeld 10:00."))
    eindtijd = _tijd(_("Eindtijd"), _("Vul een eindtijd in, bijvoorbeeld 11:30."))
    locatie = forms.CharField(
        label=_("Locatie"),
        required=False,
        max_length=200,
        help_text=_("Een adres, of bijvoorbeeld ‘online (videobellen)’."),
    )

    def clean(self):
        data = super().clean()
        if data.get("begintijd") and data.get("eindtijd") and data["eindtijd"] <= data["begintijd"]:
            self.add_error("eindtijd", _("De eindtijd ligt na de begintijd."))
        return data


class OverlegForm(_Tijden):
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Kies een soort")), *c.OverlegSoort.choices],
        error_messages={
            "required": _("Kies de soort overleg."), "invalid_choice": _("Kies een soort uit de lijst."),
        },
    )  # fmt: skip
    datum = forms.DateField(
        label=_("Datum"), widget=DatumInput,
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )  # fmt: skip
    aanwezigen = UserMultipleChoiceField(
        label=_("Aanwezigen"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Medewerkers van de regie en de trajectpartners. Zij zien het overleg in hun agenda."),
    )  # fmt: skip
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=GEEN_NAMEN
    )

    field_order = ["soort", "datum", "begintijd", "eindtijd", "locatie", "aanwezigen", "agenda"]

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].queryset = betrokkenen_van(traject)


class NotulenForm(forms.Form):
    notulen = forms.CharField(
        label=_("Notulen"), widget=forms.Textarea(attrs={"rows": 6}), help_text=GEEN_NAMEN,
        error_messages={"required": _("Vul de notulen in.")},
    )  # fmt: skip
    besluiten = forms.CharField(
        label=_("Besluiten"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén besluit per regel."),
    )  # fmt: skip
    aanwezigen = UserMultipleChoiceField(
        label=_("Aanwezig waren"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].queryset = betrokkenen_van(traject)


class FeedbackReeksForm(_Tijden):
    interval_weken = forms.IntegerField(
        label=_("Elke zoveel weken"), min_value=1, max_value=26,
        error_messages={
            "required": _("Vul in om de hoeveel weken."), "invalid": _("Vul een heel aantal weken in."),
            "min_value": _("Kies minstens 1 week."), "max_value": _("Kies hoogstens 26 weken."),
        },
    )  # fmt: skip
    vanaf = forms.DateField(
        label=_("Eerste feedbackmoment"), widget=DatumInput,
        error_messages={
            "required": _("Vul de datum van het eerste feedbackmoment in."), "invalid": _("Vul een geldige datum in."),
        },
    )  # fmt: skip
    tot = forms.DateField(
        label=_("Tot en met"), widget=DatumInput, help_text=_("Meestal het einde van de laatste fase."),
        error_messages={"required": _("Vul in tot wanneer de reeks loopt."), "invalid": _("Vul een geldige datum in.")},
    )  # fmt: skip

    field_order = ["interval_weken", "vanaf", "tot", "begintijd", "eindtijd", "locatie"]

    def clean(self):
        data = super().clean()
        if data.get("vanaf") and data.get("tot") and data["tot"] < data["vanaf"]:
            self.add_error("tot", _("Deze datum ligt vóór het eerste feedbackmoment."))
        return data


class TaakForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Taak"), max_length=300, help_text=GEEN_NAMEN, error_messages={"required": _("Beschrijf de taak.")}
    )
    fase_soort = forms.ChoiceField(
        label=_("Fase"),
        error_messages={"required": _("Kies een fase."), "invalid_choice": _("Kies een fase uit de planning.")},
    )
    eigenaarrol = forms.ChoiceField(
        label=_("Rol"), choices=[("", _("Kies een rol")), *c.Eigenaarrol.choices],
        error_messages={
            "required": _("Kies de rol die de taak uitvoert."), "invalid_choice": _("Kies een rol uit de lijst."),
        },
    )  # fmt: skip
    eigenaar = forms.ModelChoiceField(
        label=_("Eigenaar (organisatie)"), queryset=None, required=False, empty_label=_("(nog niemand)"),
        error_messages={"invalid_choice": _("Kies een partij van het traject.")},
    )  # fmt: skip
    ankerpunt = forms.ChoiceField(label=_("Ten opzichte van"), choices=c.Ankerpunt.choices)
    dagen = forms.IntegerField(
        label=_("Dagen ervoor (−) of erna (+)"), min_value=-365, max_value=365, initial=0,
        help_text=_("Bijvoorbeeld −14: twee weken vóór de start van de fase."),
        error_messages={
            "required": _("Vul een aantal dagen in (0 is op de dag zelf)."),
            "invalid": _("Vul een heel aantal dagen in."),
            "min_value": _("Kies hoogstens 365 dagen ervoor."), "max_value": _("Kies hoogstens 365 dagen erna."),
        },
    )  # fmt: skip

    def __init__(self, *args, traject, eigenaren: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        gepland = set(traject.fases.values_list("soort", flat=True))
        self.fields["fase_soort"].choices = [("", _("Kies een fase"))] + [
            (w, label) for w, label in FaseSoort.choices if w in gepland
        ]
        self.fields["eigenaar"].queryset = Organisatie.objects.filter(pk__in=eigenaren).order_by("naam")


class AfsprakenForm(forms.ModelForm):
    """The covenant's agreements the trajectory's data do not hold."""

    uitstroom_certificaten = forms.MultipleChoiceField(
        label=_("Certificaten bij uitstroom"), required=False, choices=CertificaatSoort.choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("Wat de deelnemers aan het eind hebben behaald."),
    )  # fmt: skip

    class Meta:
        model = Convenant
        fields = [
            "min_deelnemers", "uitstroom_taalniveau", "uitstroom_certificaten", "uitval_aanpak", "tekort_geaccepteerd",
            "tekort_toelichting", "looptijd_tot", "volgorde_verplicht",
        ]  # fmt: skip
        widgets = {
            "uitstroom_certificaten": forms.CheckboxSelectMultiple,
            "uitval_aanpak": forms.Textarea(attrs={"rows": 4}),
            "tekort_toelichting": forms.Textarea(attrs={"rows": 2}),
            "looptijd_tot": DatumInput,
        }
        error_messages = {
            "min_deelnemers": {"invalid": _("Vul een heel getal in."), "min_value": _("Kies minstens 1.")},
            "looptijd_tot": {"invalid": _("Vul een geldige datum in.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitstroom_taalniveau"].choices = [("", _("Nog niet vastgelegd"))] + list(Taalniveau.choices)


class InbrengForm(forms.Form):
    inbreng_expertise = forms.CharField(
        label=_("Expertise"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat de partner in deze rol kan en doet."),
    )  # fmt: skip
    inbreng_tijd = forms.CharField(label=_("Tijd"), required=False, max_length=200)
    inbreng_budget = forms.DecimalField(
        label=_("Budget (€)"), required=False, min_value=0, max_digits=12, decimal_places=2,
        error_messages={
            "invalid": _("Vul een bedrag in, bijvoorbeeld 2500."), "min_value": _("Een bedrag is niet negatief."),
        },
    )  # fmt: skip


class ClausuleForm(forms.Form):
    sectie = forms.ChoiceField(
        label=_("Bij sectie"), choices=[("", _("Kies een sectie")), *c.ConvenantSectie.choices],
        error_messages={"required": _("Kies bij welke sectie de tekst hoort.")},
    )  # fmt: skip
    tekst = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 3}), help_text=GEEN_NAMEN,
        error_messages={"required": _("Vul de tekst in.")},
    )  # fmt: skip


class TekenForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    akkoord = forms.BooleanField(
        label=_("Ik heb deze versie gelezen en teken namens mijn organisatie."),
        error_messages={"required": _("Vink aan dat u deze versie hebt gelezen en namens uw organisatie tekent.")},
    )


class WeigerForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De regisseur leest de reden en past het convenant aan."),
        error_messages={"required": _("Geef de reden waarom u niet tekent.")},
    )  # fmt: skip


class ControleForm(forms.Form):
    bestand = forms.FileField(
        label=_("Pdf-bestand van het convenant"),
        error_messages={
            "required": _("Kies het pdf-bestand dat u wilt controleren."),
            "empty": _("Dit bestand is leeg."),
        },
    )
