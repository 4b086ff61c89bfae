"""Forms of the regisseur's employer and matching pages. They parse input only: every write
goes through werkgevers.services, which validates and answers in Dutch per field."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.forms import DatumInput
from leerwerk.models import Organisatie, OrganisatieType
from opleiders.constants import CertificaatSoort
from trajecten.forms import UserChoiceField
from werkgevers import constants as c
from werkgevers.models import Begeleider, Leerwerkplek, Locatie, Werkgever
from werkgevers.services.werkgevers_en_plekken import BEGELEIDER_FIELDS, LOCATIE_FIELDS, WERKGEVER_FIELDS


class _ServiceModelForm(forms.ModelForm):
    """A ModelForm that only parses: the service validates the model and saves."""

    def _post_clean(self):
        pass

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


def _required(form, messages: dict) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


def _with_empty(field, empty) -> None:
    field.choices = [("", empty), *((k, v) for k, v in field.choices if k != "")]


# --- Employers, locations, mentors -------------------------------------------------------------


class WerkgeverForm(_ServiceModelForm):
    # Plain text: the service removes spaces and dots before checking the 8 digits.
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        max_length=12,
        help_text=_("8 cijfers, bijvoorbeeld 12345678."),
        error_messages={"required": _("Vul het KvK-nummer in.")},
    )

    class Meta:
        model = Werkgever
        fields = list(WERKGEVER_FIELDS)

    def __init__(self, *args, organisaties=None, **kwargs):
        """`organisaties`: for a new employer, the partner organisations to choose from."""
        super().__init__(*args, **kwargs)
        _required(self, {"sector": _("Kies een sector.")})
        _with_empty(self.fields["sector"], _("Kies een sector"))
        if organisaties is not None:
            self.fields = {
                "organisatie": forms.ModelChoiceField(
                    label=_("Organisatie"),
                    queryset=organisaties,
                    empty_label=_("Kies een organisatie"),
                    error_messages={"required": _("Kies een organisatie.")},
                ),
                **self.fields,
            }


class LocatieForm(_ServiceModelForm):
    class Meta:
        model = Locatie
        fields = list(LOCATIE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].validators = []  # the service normalises '5349ab' first
        self.fields["postcode"].max_length = 10
        self.fields["postcode"].widget.attrs.update(maxlength=10, autocomplete="off")
        self.fields["arbeidsmarktregio"].queryset = Organisatie.objects.filter(
            type=OrganisatieType.ARBEIDSMARKTREGIO, actief=True
        ).order_by("naam")
        self.fields["arbeidsmarktregio"].empty_label = _("Onbekend")
        _with_empty(self.fields["provincie"], _("Kies een provincie"))
        _with_empty(self.fields["bouwvak_regio_afwijkend"], _("Volgt de provincie"))
        _required(
            self,
            {
                "naam": _("Geef de locatie een naam."),
                "adres": _("Vul het adres in."),
                "postcode": _("Vul de postcode in."),
                "plaats": _("Vul de plaats in."),
                "gemeente": _("Vul de gemeente in."),
                "provincie": _("Kies een provincie."),
            },
        )


class BegeleiderForm(_ServiceModelForm):
    class Meta:
        model = Begeleider
        fields = list(BEGELEIDER_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_empty(self.fields["soort"], _("Kies mentor of buddy"))
        _required(self, {"soort": _("Kies mentor of buddy."), "naam": _("Vul de naam in.")})


# --- Work places ------------------------------------------------------------------------------


class LeerwerkplekForm(_ServiceModelForm):
    taken = forms.CharField(
        label=_("Taken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Jobcarving: de taken waaruit deze plek bestaat, één per regel."),
    )
    vereiste_certificaten = forms.MultipleChoiceField(
        label=_("Vereiste certificaten"),
        required=False,
        choices=CertificaatSoort.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    toezegging_document = forms.FileField(
        label=_("Document van de toezegging (pdf)"),
        required=False,
        validators=[FileExtensionValidator(["pdf"], message=_("Upload een pdf-bestand."))],
        # A plain file input: Django's ClearableFileInput would link the file by its media URL,
        # and the document is served only through the plek_document view.
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
        help_text=_("De intentieverklaring of baangarantie, hoogstens 5 MB."),
    )
    document_verwijderen = forms.BooleanField(label=_("Huidig document verwijderen"), required=False)

    class Meta:
        model = Leerwerkplek
        fields = [
            "traject", "functietitel", "beroep", "taken", "deel_van_functie", "uren_per_week", "min_taalniveau",
            "vereiste_certificaten", "locatie", "aantal_plaatsen", "startdatum", "status", "toezegging",
            "toezegging_datum", "toezegging_geldig_tot", "toezegging_voorwaarden", "toezegging_document",
        ]  # fmt: skip
        widgets = {
            "startdatum": DatumInput, "toezegging_datum": DatumInput, "toezegging_geldig_tot": DatumInput,
            "toezegging_voorwaarden": forms.Textarea(attrs={"rows": 2}),
        }  # fmt: skip

    GROEPEN = (
        (_("De plek"), ("traject", "functietitel", "beroep", "taken", "deel_van_functie", "locatie", "status")),
        (_("Eisen en omvang"), ("uren_per_week", "min_taalniveau", "vereiste_certificaten", "aantal_plaatsen",
                                "startdatum")),
        (_("Toezegging"), ("toezegging", "toezegging_datum", "toezegging_geldig_tot", "toezegging_voorwaarden",
                           "toezegging_document", "document_verwijderen")),
    )  # fmt: skip

    def __init__(self, *args, werkgever, trajecten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = trajecten
        self.fields["traject"].empty_label = _("Kies een traject")
        self.fields["locatie"].queryset = werkgever.locaties.all()
        self.fields["locatie"].empty_label = _("Kies een locatie")
        if not self.instance.toezegging_document:
            del self.fields["document_verwijderen"]
        _with_empty(self.fields["min_taalniveau"], _("Geen eis"))
        if self.instance.pk:
            self.initial["taken"] = "\n".join(self.instance.taken)
        _required(
            self,
            {
                "traject": _("Kies een traject."),
                "functietitel": _("Vul de functietitel in."),
                "beroep": _("Vul het beroep in."),
                "uren_per_week": _("Vul het aantal uren per week in."),
                "locatie": _("Kies een locatie. Geen locatie in de lijst? Voeg er eerst een toe."),
                "aantal_plaatsen": _("Vul het aantal plaatsen in."),
                "startdatum": _("Vul de startdatum in."),
                "status": _("Kies de status."),
                "toezegging": _("Kies de toezegging."),
            },
        )

    def groepen(self):
        return [(titel, [self[name] for name in names if name in self.fields]) for titel, names in self.GROEPEN]

    def clean_taken(self):
        return [regel.strip() for regel in self.cleaned_data["taken"].splitlines() if regel.strip()]

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        document = data.pop("toezegging_document", None)
        if isinstance(document, UploadedFile):  # a new upload replaces the old one
            data["toezegging_document"] = document
        elif self.cleaned_data.get("document_verwijderen"):
            data["toezegging_document"] = ""
        return data


# --- Matching and placements -------------------------------------------------------------------


class DeelnameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        profiel = getattr(obj, "profiel", None)
        return f"{obj.deelnemer.naam} ({profiel.pseudoniem})" if profiel else obj.deelnemer.naam


class PlekChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.functietitel} – {obj.werkgever.organisatie.naam}, {obj.locatie.plaats}"


class BegeleiderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.get_soort_display().lower()}, {obj.werkgever.organisatie.naam})"


class VoorstelForm(forms.Form):
    """The 'Voorstellen' button of a row in the match overview."""

    profiel = forms.IntegerField(widget=forms.HiddenInput)
    plek = forms.IntegerField(widget=forms.HiddenInput)


class PlaatsingForm(forms.Form):
    """Propose a placement (new, or converting a running one), or change one (`nieuw=False`)."""

    deelname = DeelnameChoiceField(
        label=_("Deelnemer"), queryset=None, empty_label=_("Kies een deelnemer"),
        error_messages={"required": _("Kies een deelnemer.")},
    )  # fmt: skip
    leerwerkplek = PlekChoiceField(
        label=_("Leerwerkplek"), queryset=None, empty_label=_("Kies een plek"),
        error_messages={"required": _("Kies een plek.")},
    )  # fmt: skip
    soort = forms.ChoiceField(
        label=_("Soort plaatsing"),
        choices=[("", _("Kies de soort")), *c.PlaatsingSoort.choices],
        error_messages={"required": _("Kies de soort plaatsing.")},
    )
    start = forms.DateField(label=_("Start"), widget=DatumInput, error_messages={"required": _("Vul de start in.")})
    gepland_einde = forms.DateField(
        label=_("Gepland einde"),
        widget=DatumInput,
        required=False,
        help_text=_("Leeg alleen bij een arbeidsovereenkomst voor onbepaalde tijd."),
    )
    uren_per_week = forms.IntegerField(
        label=_("Uren per week"),
        min_value=1,
        max_value=60,
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "min_value": _("Het aantal uren per week ligt tussen 1 en 60."),
            "max_value": _("Het aantal uren per week ligt tussen 1 en 60."),
            "invalid": _("Vul een heel getal in."),
        },
    )
    mentor = BegeleiderChoiceField(label=_("Mentor of buddy"), queryset=None, required=False,
                                   empty_label=_("(nog niemand)"))  # fmt: skip
    jobcoach = UserChoiceField(label=_("Jobcoach"), queryset=None, required=False, empty_label=_("(nog niemand)"))
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=500,
                                  widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, deelnames=None, plekken=None, begeleiders, jobcoaches, **kwargs):
        super().__init__(*args, **kwargs)
        if deelnames is None:  # a change: the participant and the place stay
            del self.fields["deelname"], self.fields["leerwerkplek"]
        else:
            self.fields["deelname"].queryset = deelnames
            self.fields["leerwerkplek"].queryset = plekken
        self.fields["mentor"].queryset = begeleiders
        self.fields["jobcoach"].queryset = jobcoaches
        self.fields["start"].error_messages["invalid"] = _("Vul een geldige datum in.")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("gepland_einde") and data["gepland_einde"] < data["start"]:
            self.add_error("gepland_einde", _("Het geplande einde ligt niet vóór de start."))
        return data


class PlaatsingEindeForm(forms.Form):
    einde = forms.DateField(
        label=_("Laatste dag"), widget=DatumInput, error_messages={"required": _("Vul de laatste dag in.")}
    )
    reden = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een reden")), *c.EindeReden.choices],
        error_messages={"required": _("Kies een reden.")},
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=500,
                                  widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"einde": timezone.localdate()})
        super().__init__(*args, **kwargs)


class WerkgeverChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organisatie.naam


class DeelnamesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return DeelnameChoiceField.label_from_instance(self, obj)


class BijeenkomstForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort bijeenkomst"),
        choices=[("", _("Kies de soort")), *c.BijeenkomstSoort.choices],
        error_messages={"required": _("Kies de soort bijeenkomst.")},
    )
    datum = forms.DateField(label=_("Datum"), widget=DatumInput, error_messages={"required": _("Vul de datum in.")})
    plaats = forms.CharField(label=_("Plaats"), max_length=200, error_messages={"required": _("Vul de plaats in.")})
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=300)
    werkgevers = WerkgeverChoiceField(
        label=_("Werkgevers"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Een meeloopdag is bij één werkgever."),
    )  # fmt: skip
    deelnames = DeelnamesChoiceField(label=_("Deelnemers"), queryset=None, required=False,
                                     widget=forms.CheckboxSelectMultiple)  # fmt: skip
    overige_aanwezigen = forms.CharField(
        label=_("Overige aanwezigen"), required=False, max_length=300,
        help_text=_("Bijvoorbeeld de jobcoach, een docent of een tolk."),
    )  # fmt: skip

    def __init__(self, *args, werkgevers, deelnames, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["werkgevers"].queryset = werkgevers
        self.fields["deelnames"].queryset = deelnames

    @classmethod
    def initial_van(cls, bijeenkomst) -> dict:
        return {
            "soort": bijeenkomst.soort,
            "datum": bijeenkomst.datum,
            "plaats": bijeenkomst.plaats,
            "omschrijving": bijeenkomst.omschrijving,
            "werkgevers": list(bijeenkomst.werkgevers.all()),
            "deelnames": list(bijeenkomst.deelnames.all()),
            "overige_aanwezigen": bijeenkomst.overige_aanwezigen,
        }


# --- The profile text ----------------------------------------------------------------------------


class ProfielConceptForm(forms.Form):
    motivatie = forms.CharField(
        label=_("Motivatie voor werkgevers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=1200,
        help_text=_(
            "Schrijf in algemene termen wat de kandidaat kan en wil, zonder naam, leeftijd, herkomst, "
            "gezondheid of andere persoonsgegevens. Hoogstens 1200 tekens. Een ander keurt de tekst goed."
        ),
        error_messages={
            "required": _("Schrijf een korte motivatie voor werkgevers."),
            "max_length": _("Houd de motivatie kort: hoogstens %(limit_value)d tekens."),
        },
    )
