"""Forms of the regisseur's screens. They parse input only: every write goes through a service."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.forms import DatumInput
from leerwerk.models import Organisatie, OrganisatieType
from trajecten import constants as c
from trajecten.models import Traject
from trajecten.selectors import betrokkenen_van, regisseurs_van
from trajecten.services import TRAJECT_FIELDS

S = c.DeelnameStatus


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisatie})" if obj.organisatie_id else str(obj)


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisatie})" if obj.organisatie_id else str(obj)


class TrajectForm(forms.ModelForm):
    """New trajectory and its edit page: data, instroomprofiel and SMART goal."""

    class Meta:
        model = Traject
        fields = [*TRAJECT_FIELDS[:4], "gemeenten", *TRAJECT_FIELDS[4:]]
        widgets = {
            "gemeenten": forms.CheckboxSelectMultiple,
            "overige_criteria": forms.Textarea(attrs={"rows": 3}),
            "doel_datum": DatumInput,
        }
        help_texts = {
            "doel_aantal_deelnemers": _("Hoeveel deelnemers het traject wil laten starten."),
            "doel_aandeel_werk": _("Welk deel van hen (in procenten) aan het eind werk heeft."),
            "overige_criteria": _("Bijvoorbeeld motivatie, arbeidsfit, rijbewijs."),
        }

    # The groups the form template shows as fieldsets, in order.
    GROEPEN = (
        (_("Traject"), ("naam", "sector", "beroep", "status", "instroomvorm", "capaciteit")),
        (_("Regio en regie"), ("arbeidsmarktregio", "gemeenten", "regisseur")),
        (_("Instroomprofiel"), ("min_taalniveau", "max_opleidingsniveau", "min_uren_per_week", "overige_criteria")),
        (_("SMART-doel"), ("doel_aantal_deelnemers", "doel_aandeel_werk", "doel_datum")),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisaties = Organisatie.objects.filter(actief=True).order_by("naam")
        self.fields["arbeidsmarktregio"].queryset = organisaties.filter(type=OrganisatieType.ARBEIDSMARKTREGIO)
        self.fields["gemeenten"].queryset = organisaties.filter(type=OrganisatieType.GEMEENTE)
        self.fields["regisseur"].queryset = regisseurs_van(user.organisatie_id).order_by("naam", "email")
        self.fields["regisseur"].empty_label = _("(nog niemand)")
        required = {
            "naam": _("Geef het traject een naam."),
            "sector": _("Kies een sector."),
            "beroep": _("Vul het beroep in."),
            "capaciteit": _("Vul de capaciteit in."),
            "instroomvorm": _("Kies hoe deelnemers instromen."),
            "arbeidsmarktregio": _("Kies een arbeidsmarktregio."),
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message
        self.fields["arbeidsmarktregio"].empty_label = _("Kies een arbeidsmarktregio")
        for name, empty in (
            ("sector", _("Kies een sector")),
            ("instroomvorm", _("Kies de instroom")),
            ("min_taalniveau", _("Geen eis")),
            ("max_opleidingsniveau", _("Geen eis")),
        ):
            field = self.fields[name]
            field.choices = [("", empty), *((k, v) for k, v in field.choices if k != "")]

    def groepen(self):
        return [(titel, [self[name] for name in names]) for titel, names in self.GROEPEN]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["gemeenten"] = list(data["gemeenten"])
        return data

    def _post_clean(self):
        # The service validates the model (with the instroomprofiel and SMART checks) and
        # saves; the form only parses. Leave the instance untouched.
        pass


class PartnerForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies een organisatie.")},
    )
    rol = forms.ChoiceField(
        label=_("Rol in dit traject"),
        choices=[("", _("Kies een rol")), *c.PartnerRol.choices],
        error_messages={"required": _("Kies een rol.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = (
            Organisatie.objects.filter(actief=True).exclude(type=OrganisatieType.ARBEIDSMARKTREGIO).order_by("naam")
        )


class FaseForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Fase"),
        choices=[("", _("Kies een fase")), *c.FaseSoort.choices],
        error_messages={"required": _("Kies een fase.")},
    )
    start = forms.DateField(
        label=_("Start"), widget=DatumInput, error_messages={"required": _("Vul de startdatum in.")}
    )
    eind = forms.DateField(label=_("Einde"), widget=DatumInput, error_messages={"required": _("Vul de einddatum in.")})

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("Het einde ligt vóór de start."))
        return data


class DeelnameStapForm(forms.Form):
    """Move a participant one step. The select offers the allowed steps only; any status is
    accepted as input, so that the service (not the form) judges a step and explains a refusal."""

    naar = forms.ChoiceField(
        label=_("Verplaats naar"),
        choices=S.choices,
        error_messages={"required": _("Kies waar de deelnemer naartoe gaat.")},
    )
    ingangsdatum = forms.DateField(
        label=_("Ingangsdatum"), widget=DatumInput, error_messages={"required": _("Vul de ingangsdatum in.")}
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    uitval_reden = forms.ChoiceField(
        label=_("Reden van uitval"),
        required=False,
        choices=[("", _("Alleen bij uitval")), *c.UitvalReden.choices],
    )
    # The state the card showed (rendered by the template from the card itself), and where to
    # go back to without JavaScript.
    verwacht_van = forms.ChoiceField(choices=[("", ""), *S.choices], required=False, widget=forms.HiddenInput)
    terug = forms.ChoiceField(
        choices=[("traject", "traject"), ("deelname", "deelname")], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, deelname, terug="traject", **kwargs):
        kwargs.setdefault("prefix", f"d{deelname.pk}")
        kwargs.setdefault(
            "initial", {"ingangsdatum": timezone.localdate(), "verwacht_van": deelname.status, "terug": terug}
        )
        super().__init__(*args, **kwargs)
        self.deelname = deelname
        opties = self.opties_voor(deelname)
        self.fields["naar"].widget.choices = [("", _("Kies…")), *opties]
        self.heeft_opties = bool(opties)

    @staticmethod
    def opties_voor(deelname) -> list[tuple[str, str]]:
        """The steps the select offers: the allowed ones only (the board writes them out itself)."""
        return [(t, S(t).label) for t in deelname.allowed_targets()]

    @property
    def details_open(self) -> bool:
        """Open the extra fields when one of them holds an error or typed text."""
        return bool(
            self.is_bound
            and (
                self["ingangsdatum"].errors
                or self["toelichting"].errors
                or self["uitval_reden"].errors
                or self.data.get(self["toelichting"].html_name)
                or self.data.get(self["uitval_reden"].html_name)
            )
        )


class ContactmomentForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort gesprek"),
        choices=[("", _("Kies de soort")), *c.ContactmomentSoort.choices],
        error_messages={"required": _("Kies de soort gesprek.")},
    )
    datum = forms.DateField(label=_("Datum"), widget=DatumInput, error_messages={"required": _("Vul de datum in.")})
    aanwezigen = UserMultipleChoiceField(
        label=_("Aanwezigen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Medewerkers van de regie, de trajectpartners en de gemeente van de deelnemer."),
    )
    overige_aanwezigen = forms.CharField(
        label=_("Overige aanwezigen"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld de deelnemer, een tolk"),
    )
    samenvatting = forms.CharField(label=_("Samenvatting"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, deelname, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].queryset = betrokkenen_van(deelname.traject, deelname.deelnemer)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Een contactmoment in de toekomst kunt u nog niet vastleggen."))
        return datum


class VervolgactieForm(forms.Form):
    omschrijving = forms.CharField(label=_("Actie"), required=False, max_length=300)
    eigenaar = UserChoiceField(label=_("Eigenaar"), queryset=None, required=False, empty_label=_("Kies wie"))
    deadline = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DatumInput)

    def __init__(self, *args, deelname=None, personen=None, **kwargs):
        """The owners to choose from: `personen`, or those involved with `deelname`."""
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = (
            personen if personen is not None else betrokkenen_van(deelname.traject, deelname.deelnemer)
        )

    def clean(self):
        data = super().clean()
        if not self.has_changed():
            return data
        if not data.get("omschrijving"):
            self.add_error("omschrijving", _("Beschrijf de actie, of maak de velden van deze actie leeg."))
        if not data.get("eigenaar") and "eigenaar" not in self.errors:
            self.add_error("eigenaar", _("Kies wie de actie uitvoert."))
        if not data.get("deadline") and "deadline" not in self.errors:
            self.add_error("deadline", _("Vul in wanneer de actie klaar moet zijn."))
        return data

    def as_actie(self) -> dict | None:
        if not self.has_changed() or not self.cleaned_data.get("omschrijving"):
            return None
        return {k: self.cleaned_data[k] for k in ("omschrijving", "eigenaar", "deadline")}


VervolgactieFormSet = forms.formset_factory(VervolgactieForm, extra=3, max_num=3, validate_max=True)
