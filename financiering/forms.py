"""Forms of the financing pages: they parse and label; the services decide (issue 13)."""

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from financiering import constants as c
from financiering.models import Financieringsbron
from leerwerk.forms import DatumInput
from leerwerk.models import Organisatie, OrganisatieType
from opleiders.constants import CertificaatSoort

DUIZENDTALLEN = re.compile(r"-?\d{1,3}(\.\d{3})+")

BEDRAG = {
    "max_digits": 12,
    "decimal_places": 2,
    "error_messages": {
        "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 1250,00."),
        "max_decimal_places": _("Een bedrag heeft hoogstens twee cijfers achter de komma."),
        "max_digits": _("Dit bedrag is te groot."),
        "max_whole_digits": _("Dit bedrag is te groot."),
    },
}


class KommaDecimalField(forms.DecimalField):
    """A number as Dutch people type it: '1.250,50', '1.250', '33,33', or with a decimal point
    as in '1250.50'. Dots between groups of three digits (and no comma) separate thousands."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("€", "").replace("%", "").replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif DUIZENDTALLEN.fullmatch(value):
                value = value.replace(".", "")
        return super().to_python(value)


class EuroField(KommaDecimalField):
    """An amount in euros, two decimals at most."""

    def __init__(self, **kwargs):
        kwargs = {**BEDRAG, **kwargs}
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)


class BronForm(forms.ModelForm):
    bedrag = EuroField(
        label=_("Budget (€)"), error_messages={**BEDRAG["error_messages"], "required": _("Vul het budget in.")}
    )
    categorieen = forms.MultipleChoiceField(
        label=_("Mag betalen"),
        choices=c.Kostencategorie.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één kostencategorie die deze bron mag betalen.")},
    )
    alleen_gemeenten = forms.ModelMultipleChoiceField(
        label=_("Alleen voor inwoners van"),
        queryset=Organisatie.objects.filter(type=OrganisatieType.GEMEENTE).order_by("naam"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Niets aangevinkt: voor deelnemers uit elke gemeente."),
        error_messages={"invalid_choice": _("Kies alleen gemeenten uit de lijst.")},
    )

    class Meta:
        model = Financieringsbron
        fields = [
            "naam", "soort", "bedrag", "geldig_van", "geldig_tot", "looptijd", "categorieen", "alleen_gemeenten",
            "alleen_bijstand",
        ]  # fmt: skip
        widgets = {"geldig_van": DatumInput(), "geldig_tot": DatumInput()}
        error_messages = {
            "naam": {"required": _("Geef de bron een naam.")},
            "soort": {"required": _("Kies de soort bron.")},
            "geldig_van": {"required": _("Vul de begindatum in."), "invalid": _("Vul een geldige datum in.")},
            "geldig_tot": {"required": _("Vul de einddatum in."), "invalid": _("Vul een geldige datum in.")},
            "looptijd": {"required": _("Kies eenmalig of structureel.")},
        }

    def _post_clean(self):
        """The service validates the source (and its balance): the form only parses."""


class RegelForm(forms.Form):
    """Ids of its own (regel_...): the budget page holds three forms with an amount."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "regel_%s")
        super().__init__(*args, **kwargs)

    categorie = forms.ChoiceField(
        label=_("Kostencategorie"),
        choices=[("", _("Kies een categorie")), *c.Kostencategorie.choices],
        error_messages={"required": _("Kies een kostencategorie.")},
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), max_length=200, error_messages={"required": _("Geef een omschrijving.")}
    )
    grondslag = forms.ChoiceField(
        label=_("Bedrag geldt"),
        choices=c.Grondslag.choices,
        widget=forms.RadioSelect,
        initial=c.Grondslag.DEELNEMER,
        error_messages={"required": _("Kies of het bedrag per deelnemer of voor de groep geldt.")},
    )
    bedrag = EuroField(
        label=_("Bedrag (€)"), error_messages={**BEDRAG["error_messages"], "required": _("Vul het bedrag in.")}
    )


class DekkingForm(forms.Form):
    """Propose cover: the line ("r<pk>" for a line of the budget, "m<pk>" for a module not yet
    covered), the source, and an amount or a share."""

    regel = forms.ChoiceField(label=_("Begrotingsregel"), error_messages={"required": _("Kies de regel.")})
    bron = forms.ModelChoiceField(
        label=_("Financieringsbron"),
        queryset=Financieringsbron.objects.none(),
        empty_label=_("Kies een bron"),
        error_messages={"required": _("Kies een bron."), "invalid_choice": _("Kies een bron uit de lijst.")},
    )
    bedrag = EuroField(label=_("Bedrag (€)"), required=False, help_text=_("Een bedrag, of anders een aandeel."))
    aandeel = KommaDecimalField(
        label=_("Aandeel (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Vul een percentage in, bijvoorbeeld 45 of 33,33."),
            "min_value": _("Het aandeel ligt tussen 0% en 100%."),
            "max_value": _("Het aandeel ligt tussen 0% en 100%."),
            "max_decimal_places": _("Een aandeel heeft hoogstens twee cijfers achter de komma."),
        },
    )

    def __init__(self, *args, begroting, bronnen, **kwargs):
        kwargs.setdefault("auto_id", "dekking_%s")
        super().__init__(*args, **kwargs)
        self.fields["regel"].choices = regel_keuzes(begroting)
        self.fields["bron"].queryset = bronnen
        self.fields["bron"].label_from_instance = lambda b: f"{b.naam} ({b.organisatie.naam})"

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("bedrag") is None) == (data.get("aandeel") is None):
            self.add_error("bedrag", _("Geef een bedrag of een aandeel, niet allebei."))
        return data


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van afwijzing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de reden van de afwijzing.")},
    )


def _datum(label, verplicht, **kwargs) -> forms.DateField:
    fouten = {"required": verplicht, "invalid": _("Vul een geldige datum in.")}
    return forms.DateField(label=label, widget=DatumInput(), error_messages=fouten, **kwargs)


class DeclaratieForm(forms.Form):
    betaler = forms.ModelChoiceField(
        label=_("Bij"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Kies de betaler"),
        error_messages={
            "required": _("Kies de betaler."),
            "invalid_choice": _("Kies een betaler uit de lijst."),
        },
    )
    periode_van = _datum(_("Periode van"), _("Vul de begindatum in."))
    periode_tot = _datum(_("Periode tot en met"), _("Vul de einddatum in."))

    def __init__(self, *args, betalers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["betaler"].queryset = betalers.order_by("naam")
        vandaag = timezone.localdate()
        self.fields["periode_van"].initial = dt.date(vandaag.year, 1, 1)
        self.fields["periode_tot"].initial = vandaag


class BetaaldForm(forms.Form):
    betaald_op = _datum(_("Betaald op"), _("Vul de datum van betaling in."), initial=timezone.localdate)


class ResultaatafspraakForm(forms.Form):
    resultaat = forms.ChoiceField(
        label=_("Resultaat"), choices=[("", _("Kies een resultaat")), *c.ResultaatSoort.choices],
        error_messages={"required": _("Kies het resultaat waarop betaald wordt.")},
    )  # fmt: skip
    min_maanden = forms.IntegerField(
        label=_("Contract van minstens (maanden)"), required=False, min_value=1, max_value=60,
        help_text=_("Alleen bij een contract; leeg: elke duur na de proeftijd."),
        error_messages={"invalid": _("Vul een aantal maanden in."), "min_value": _("Minstens 1 maand."),
                        "max_value": _("Hoogstens 60 maanden.")},
    )  # fmt: skip
    certificaat = forms.ChoiceField(
        label=_("Certificaat"), required=False, choices=[("", _("Elk certificaat")), *CertificaatSoort.choices],
        help_text=_("Alleen bij een certificaat."),
    )  # fmt: skip
    bedrag = EuroField(
        label=_("Bedrag per resultaat (€)"),
        min_value=Decimal("0.01"),
        error_messages={
            **BEDRAG["error_messages"],
            "required": _("Vul het bedrag per resultaat in."),
            "min_value": _("Het bedrag per resultaat is meer dan € 0,00."),
        },
    )
    betaler_soort = forms.ChoiceField(
        label=_("Wie betaalt"), choices=c.BetalerSoort.choices, widget=forms.RadioSelect,
        initial=c.BetalerSoort.WOONGEMEENTE, error_messages={"required": _("Kies wie betaalt.")},
    )  # fmt: skip
    betaler_bron = forms.ModelChoiceField(
        label=_("Betalende bron"), required=False, queryset=Financieringsbron.objects.none(),
        empty_label=_("Kies een bron"), help_text=_("Alleen als een bron betaalt."),
        error_messages={"invalid_choice": _("Kies een bron uit de lijst.")},
    )  # fmt: skip
    ontvanger = forms.ModelChoiceField(
        label=_("Ontvanger"), queryset=Organisatie.objects.none(), empty_label=_("Kies wie het geld ontvangt"),
        help_text=_("Bijvoorbeeld het O&O-fonds dat voorfinanciert, of de opleider."),
        error_messages={"required": _("Kies wie het geld ontvangt."), "invalid_choice": _("Kies uit de lijst.")},
    )  # fmt: skip
    declareren_tot = _datum(_("Declareren tot en met"), _("Vul in tot wanneer gedeclareerd kan worden."))
    plafond_aantal = forms.IntegerField(
        label=_("Hoogstens zoveel resultaten per betaler"), required=False, min_value=1,
        error_messages={"invalid": _("Vul een aantal in."), "min_value": _("Minstens 1.")},
    )  # fmt: skip
    plafond_bedrag = EuroField(label=_("Hoogstens dit bedrag per betaler (€)"), required=False)

    def __init__(self, *args, bronnen, partners, **kwargs):
        kwargs.setdefault("auto_id", "afspraak_%s")
        super().__init__(*args, **kwargs)
        self.fields["betaler_bron"].queryset = bronnen
        self.fields["betaler_bron"].label_from_instance = lambda b: f"{b.naam} ({b.organisatie.naam})"
        self.fields["ontvanger"].queryset = partners


class VoorfinancieringForm(forms.Form):
    traject = forms.ModelChoiceField(
        label=_("Traject"), queryset=None, empty_label=_("Kies het traject"),
        error_messages={"required": _("Kies het traject."), "invalid_choice": _("Kies een traject uit de lijst.")},
    )  # fmt: skip
    bron = forms.ModelChoiceField(
        label=_("Uit bron"), queryset=Financieringsbron.objects.none(), empty_label=_("Kies de bron"),
        error_messages={"required": _("Kies de bron."), "invalid_choice": _("Kies een bron uit de lijst.")},
    )  # fmt: skip
    bedrag = EuroField(
        label=_("Voorgeschoten (€)"),
        error_messages={**BEDRAG["error_messages"], "required": _("Vul het voorgeschoten bedrag in.")},
    )
    verrekening = forms.ChoiceField(
        label=_("Het restant aan het eind"), choices=c.Verrekening.choices, widget=forms.RadioSelect,
        initial=c.Verrekening.GEMEENTEN, error_messages={"required": _("Kies hoe het restant wordt verrekend.")},
    )  # fmt: skip

    def __init__(self, *args, trajecten, bronnen, **kwargs):
        kwargs.setdefault("auto_id", "voorfinanciering_%s")
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = trajecten
        self.fields["bron"].queryset = bronnen


def _sleutel(r) -> str:
    return f"r{r.regel.pk}" if r.regel is not None else f"m{r.module.pk}"


def regel_keuzes(begroting) -> list[tuple[str, str]]:
    """The budget's lines as choices: "r<pk>" for a line of its own, "m<pk>" for a module's."""
    return [
        ("", _("Kies een regel")),
        *((_sleutel(r), f"{r.get_categorie_display()}: {r.omschrijving}") for r in begroting.regels),
    ]


def regel_en_module(begroting, sleutel: str) -> tuple:
    """The (line, module) a choice of regel_keuzes names: one of them is None. The choice field
    accepted only the budget's own keys, so the budget always holds it."""
    r = next(r for r in begroting.regels if _sleutel(r) == sleutel)
    return (r.regel, None) if r.regel is not None else (None, r.module)


class FactuurForm(forms.Form):
    regel = forms.ChoiceField(label=_("Begrotingsregel"), error_messages={"required": _("Kies de regel.")})
    leverancier = forms.CharField(
        label=_("Leverancier"), max_length=200, error_messages={"required": _("Vul de leverancier in.")}
    )
    nummer = forms.CharField(
        label=_("Factuurnummer"), max_length=50, error_messages={"required": _("Vul het factuurnummer in.")}
    )
    datum = _datum(_("Factuurdatum"), _("Vul de factuurdatum in."))
    bedrag = EuroField(
        label=_("Bedrag (€)"), min_value=Decimal("0.01"),
        error_messages={**BEDRAG["error_messages"], "required": _("Vul het bedrag in."),
                        "min_value": _("Het bedrag is meer dan € 0,00.")},
    )  # fmt: skip
    betaald_op = forms.DateField(
        label=_("Betaald op"), required=False, widget=DatumInput(), help_text=_("Leeg als de factuur nog open staat."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )  # fmt: skip

    def __init__(self, *args, begroting, **kwargs):
        kwargs.setdefault("auto_id", "factuur_%s")
        super().__init__(*args, **kwargs)
        self.fields["regel"].choices = regel_keuzes(begroting)


class KostenverdelingForm(forms.Form):
    """The key of a trajectory's cost split, with a percentage per gemeente for agreed shares.
    Ids of its own (verdeling_...): it shares the budget page with other forms."""

    sleutel = forms.ChoiceField(
        label=_("Verdeelsleutel"),
        choices=c.Verdeelsleutel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een verdeelsleutel.")},
    )

    def __init__(self, *args, gemeenten, aandelen=None, **kwargs):
        kwargs.setdefault("auto_id", "verdeling_%s")
        super().__init__(*args, **kwargs)
        self.gemeenten = list(gemeenten)
        aandelen = aandelen or {}
        for g in self.gemeenten:
            self.fields[f"aandeel_{g.pk}"] = KommaDecimalField(
                label=_("%(gemeente)s (%%)") % {"gemeente": g.naam},
                required=False,
                max_digits=5,
                decimal_places=2,
                initial=aandelen.get(g.pk),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
                error_messages={
                    "invalid": _("Vul een percentage in, bijvoorbeeld 33,33."),
                    "max_decimal_places": _("Een percentage heeft hoogstens twee cijfers achter de komma."),
                    "max_digits": _("Een percentage ligt tussen 0 en 100."),
                    "max_whole_digits": _("Een percentage ligt tussen 0 en 100."),
                },
            )

    def aandeel_velden(self):
        return [self[f"aandeel_{g.pk}"] for g in self.gemeenten]

    def aandelen(self) -> list:
        return [(g, self.cleaned_data.get(f"aandeel_{g.pk}")) for g in self.gemeenten]
