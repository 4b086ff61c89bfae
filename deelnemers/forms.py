"""Forms of the klantmanager's screens. They parse and check input; services do the writes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.forms.formsets import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers import constants as c
from deelnemers import toestemmingsteksten
from deelnemers.models import Deelnemer, Intake, Randvoorwaarde
from deelnemers.selectors import medewerkers_van_organisatie
from deelnemers.validators import _SEPARATORS, normalize_bsn, validate_bsn
from leerwerk.datums import plus_maanden
from leerwerk.forms import DatumInput, PostcodeField
from leerwerk.models import Rol, User
from trajecten.constants import DeelnameStatus
from trajecten.selectors import actiehouders_voor, trajecten_open_for_aanmelding


class KandidatenFilterForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoek op naam of BSN"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"), required=False, choices=[("", _("Alle doelgroepen")), *c.Doelgroep.choices]
    )
    status = forms.ChoiceField(
        label=_("Status deelname"),
        required=False,
        choices=[("", _("Alle")), ("zonder_traject", _("Zonder traject")), *DeelnameStatus.choices],
    )

    def criteria(self) -> dict[str, str]:
        """The valid filters (an invalid one is ignored, so the page always answers)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class BSNField(forms.CharField):
    """Accepts what people type (spaces, dots, an eight-digit number) and checks the elfproef."""

    def to_python(self, value):
        return normalize_bsn(super().to_python(value))

    def clean(self, value):
        typed = _SEPARATORS.sub("", value or "")
        try:
            return super().clean(value)
        except ValidationError as exc:
            if len(typed) == 8 and typed.isdigit() and getattr(exc, "code", "") == "bsn_elfproef":
                raise ValidationError(
                    _(
                        "Een BSN bestaat uit 9 cijfers. U typte er 8; met een 0 ervoor voldoet het nummer niet "
                        "aan de elfproef. Controleer het nummer."
                    ),
                    code="bsn_format",
                ) from exc
            raise

    def validate(self, value):
        super().validate(value)
        if value:
            validate_bsn(value)


# The registration and edit form, in the order and groups the klantmanager fills it in.
DEELNEMER_FIELDSETS = [
    (_("Persoon"), ["voornaam", "achternaam", "geboortedatum", "bsn", "doelgroep"]),
    (_("Contact"), ["email", "telefoon", "adres", "postcode", "woonplaats"]),
    (_("Inburgering"), ["verblijfsvergunning_datum", "inburgering_regime", "inburgering_route", "inburgering_status"]),
    (
        _("Taal"),
        [
            "taal_luisteren",
            "taal_lezen",
            "taal_spreken",
            "taal_schrijven",
            "taal_gemeten_op",
            "tolk_nodig",
            "tolk_taal",
        ],
    ),
    (_("Opleiding en werk"), ["opleidingsniveau", "opleiding_erkend"]),
    (_("Uitkering"), ["uitkering_type", "uitkering_start", "uitkering_maandbedrag", "klantmanager"]),
    (_("Beschikbaarheid"), ["uren_per_week", "dagdelen", "rijbewijs"]),
    (_("Gezondheid"), ["gezondheid_beperkingen"]),
]


class DeelnemerForm(forms.ModelForm):
    bsn = BSNField(
        label=_("BSN"),
        max_length=20,
        help_text=_("9 cijfers, het burgerservicenummer."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = PostcodeField(label=_("Postcode"), required=False, help_text=_("Bijvoorbeeld 5211 AB."))
    dagdelen = forms.MultipleChoiceField(
        label=_("Beschikbare dagdelen"),
        choices=c.Dagdeel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gezondheid_beperkingen = forms.MultipleChoiceField(
        label=_("Beperkingen (gecodeerd)"),
        choices=c.GezondheidsBeperking.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen categorieën; leg nooit medische details vast."),
    )

    class Meta:
        model = Deelnemer
        fields = [name for _legend, names in DEELNEMER_FIELDSETS for name in names]
        widgets = {
            "geboortedatum": DatumInput(attrs={"autocomplete": "bday"}),
            "taal_gemeten_op": DatumInput(),
            "verblijfsvergunning_datum": DatumInput(),
            "uitkering_start": DatumInput(),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telefoon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "adres": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "woonplaats": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "voornaam": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "achternaam": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
        error_messages = {"bsn": {"unique": _("Er is al een kandidaat met dit BSN.")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klantmanager"].queryset = medewerkers_van_organisatie(user, Rol.KLANTMANAGER)
        self.fields["klantmanager"].empty_label = _("Geen")
        if not self.instance.pk:
            self.fields["klantmanager"].initial = user.pk
        for name in ("taal_luisteren", "taal_lezen", "taal_spreken", "taal_schrijven"):
            self.fields[name].choices = [("", _("Niet gemeten")), *c.Taalniveau.choices]
        self.fields["tolk_taal"].choices = [("", _("Geen tolk nodig")), *c.Taal.choices]
        self.fields["tolk_taal"].label = _("Tolk nodig voor de taal")

    def clean_verblijfsvergunning_datum(self):
        value = self.cleaned_data.get("verblijfsvergunning_datum")
        if value and value > timezone.localdate():
            raise ValidationError(_("De datum van de verblijfsvergunning ligt in de toekomst."))
        return value

    def fieldsets(self) -> list[dict]:
        return [
            {
                "legend": legend,
                "velden": [self[name] for name in names],
                "werkervaring": "opleiding_erkend" in names,
                "talen": "tolk_nodig" in names,
            }
            for legend, names in DEELNEMER_FIELDSETS
        ]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class WerkervaringForm(forms.Form):
    sector = forms.CharField(label=_("Sector"), max_length=100, required=False)
    jaren = forms.DecimalField(label=_("Jaren"), max_digits=4, decimal_places=1, min_value=0, required=False)
    waar = forms.CharField(label=_("Waar"), max_length=200, required=False, help_text=_("Land of soort bedrijf"))

    def clean(self):
        data = super().clean()
        if any(data.get(name) not in (None, "") for name in self.fields):
            if not data.get("sector"):
                self.add_error("sector", _("Vul de sector in, of maak deze regel helemaal leeg."))
            if data.get("jaren") is None and "jaren" not in self.errors:
                self.add_error("jaren", _("Vul het aantal jaren in, of maak deze regel helemaal leeg."))
        return data

    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("sector"))


class BaseWerkervaringFormSet(BaseFormSet):
    def rows(self) -> list[dict]:
        return [
            {"sector": f.cleaned_data["sector"], "jaren": f.cleaned_data["jaren"], "waar": f.cleaned_data["waar"]}
            for f in self.forms
            if f.is_filled()
        ]


WerkervaringFormSet = formset_factory(
    WerkervaringForm, formset=BaseWerkervaringFormSet, extra=3, max_num=3, validate_max=True
)


def werkervaring_formset(data=None, deelnemer: Deelnemer | None = None):
    initial = None
    if deelnemer is not None:
        initial = [{"sector": w.sector, "jaren": w.jaren, "waar": w.waar} for w in deelnemer.werkervaringen.all()]
    formset = WerkervaringFormSet(data, initial=initial, prefix="werkervaring")
    formset.extra = max(0, 3 - len(initial or []))
    for number, form in enumerate(formset.forms, start=1):
        form.summary_prefix = _("Werkervaring %(nummer)s") % {"nummer": number}
    return formset


class TaalForm(forms.Form):
    """One language other than Dutch the candidate speaks, with how well."""

    taal = forms.ChoiceField(label=_("Taal"), choices=[("", _("Kies een taal")), *c.Taal.choices], required=False)
    niveau = forms.ChoiceField(
        label=_("Niveau"),
        choices=[("", _("Kies een niveau")), *reversed(c.Taalbeheersing.choices)],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("taal") and not data.get("niveau"):
            self.add_error("niveau", _("Kies hoe goed de kandidaat deze taal spreekt, of maak de regel leeg."))
        elif data.get("niveau") and not data.get("taal"):
            self.add_error("taal", _("Kies de taal, of maak de regel leeg."))
        return data

    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("taal"))


class BaseTaalFormSet(BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        talen = [f.cleaned_data["taal"] for f in self.forms if f.is_filled()]
        if len(talen) != len(set(talen)):
            raise ValidationError(_("Noem elke taal één keer."))

    def rows(self) -> list[dict]:
        return [
            {"taal": f.cleaned_data["taal"], "niveau": f.cleaned_data["niveau"]} for f in self.forms if f.is_filled()
        ]


TAAL_RIJEN = 4
TaalFormSet = formset_factory(
    TaalForm, formset=BaseTaalFormSet, extra=TAAL_RIJEN, max_num=TAAL_RIJEN, validate_max=True
)


def talen_formset(data=None, deelnemer: Deelnemer | None = None):
    """The languages the candidate speaks (besides Dutch): the mother tongue and others."""
    initial = None
    if deelnemer is not None:
        initial = [{"taal": t.taal, "niveau": t.niveau} for t in deelnemer.talen.all()]
    formset = TaalFormSet(data, initial=initial, prefix="taal")
    formset.extra = max(0, TAAL_RIJEN - len(initial or []))
    for number, form in enumerate(formset.forms, start=1):
        form.summary_prefix = _("Taal %(nummer)s") % {"nummer": number}
    return formset


class IntakeForm(forms.ModelForm):
    class Meta:
        model = Intake
        fields = [name for name, _label in (*c.INTAKE_ONDERWERPEN, *c.INTAKE_STRUCTUUR)]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        help_texts = {
            name: _("Leg geen medische details vast; beperkingen alleen als categorie bij de kandidaat.")
            for name in ("belemmeringen", "thuissituatie", "capaciteiten")
        }

    def fieldsets(self) -> list[dict]:
        return [
            {"legend": _("Onderwerpen van het gesprek"), "velden": [self[n] for n, _label in c.INTAKE_ONDERWERPEN]},
            {"legend": _("Situatie"), "velden": [self[n] for n, _label in c.INTAKE_STRUCTUUR]},
        ]


class RandvoorwaardeForm(forms.ModelForm):
    class Meta:
        model = Randvoorwaarde
        fields = ["status", "toelichting", "actiehouder"]

    def __init__(self, *args, user, deelnemer: Deelnemer, actiehouders: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["actiehouder"]
        field.queryset = actiehouders_voor(user, deelnemer)  # randvoorwaarde_update checks the same set
        # The options are read once for all rows of the page (`actiehouders`), not once per select.
        users = actiehouders if actiehouders is not None else list(field.queryset)
        huidige = self.instance.actiehouder_id
        if huidige and huidige not in {u.pk for u in users}:
            # Chosen before only involved people were offered: it may stay (the service agrees),
            # so saving the checklist does not drop it unseen.
            field.queryset = User.objects.filter(Q(pk__in=field.queryset.values("pk")) | Q(pk=huidige))
            users = [*users, self.instance.actiehouder]
        eigen = user.organisatie_id
        field.choices = [("", _("Niemand"))] + [
            (u.pk, str(u) if u.organisatie_id == eigen else f"{u} ({u.organisatie})") for u in users
        ]


def randvoorwaarde_forms(data, deelnemer: Deelnemer, user) -> list[RandvoorwaardeForm]:
    """One form per precondition of this (already scoped) candidate; no ids travel in the form."""
    forms = []
    actiehouders = list(actiehouders_voor(user, deelnemer))
    for rv in deelnemer.randvoorwaarden.all():
        form = RandvoorwaardeForm(
            data, instance=rv, prefix=f"rv{rv.pk}", user=user, deelnemer=deelnemer, actiehouders=actiehouders
        )
        form.summary_prefix = rv.get_soort_display()
        forms.append(form)
    return forms


class RandvoorwaardeToevoegenForm(RandvoorwaardeForm):
    """One more precondition: "Overig" (as often as needed), or a standard one not on the list.

    Status, toelichting and actiehouder as in the checklist's rows (RandvoorwaardeForm).
    """

    class Meta(RandvoorwaardeForm.Meta):
        fields = ["soort", "status", "toelichting", "actiehouder"]
        help_texts = {"toelichting": _("Bij Overig: beschrijf om welke randvoorwaarde het gaat.")}

    def __init__(self, *args, deelnemer: Deelnemer, **kwargs):
        kwargs.setdefault("prefix", "nieuw")
        super().__init__(*args, deelnemer=deelnemer, **kwargs)
        soort = self.fields["soort"]
        soort.initial = c.RandvoorwaardeSoort.OVERIG
        # Offered: the standard ones not on the list yet, and Overig. Any soort is accepted, so a
        # stale page gets the service's "al op de lijst" on this field.
        op_de_lijst = {rv.soort for rv in deelnemer.randvoorwaarden.all()} - {c.RandvoorwaardeSoort.OVERIG}
        soort.widget.choices = [(v, label) for v, label in c.RandvoorwaardeSoort.choices if v not in op_de_lijst]


# The end date the form proposes: a year after today.
TOESTEMMING_STANDAARD_MAANDEN = 12


class ToestemmingForm(forms.Form):
    """Record (or renew) a consent: when given, until when, to which text version, with which partners."""

    gegeven_op = forms.DateField(label=_("Toestemming gegeven op"), widget=DatumInput())
    einddatum = forms.DateField(
        label=_("Geldig tot en met"),
        widget=DatumInput(),
        help_text=_("Daarna telt de toestemming als niet gegeven; u krijgt vooraf een signaal."),
    )
    tekstversie = forms.ChoiceField(label=_("Versie van de toestemmingstekst"))
    partners = forms.MultipleChoiceField(
        label=_("Delen met"),
        choices=c.PartnerSoort.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niet meer dan de tekst noemt."),
    )

    def __init__(self, *args, soort: str, prefix: str | None = None, **kwargs):
        tekst = toestemmingsteksten.huidige(soort)
        vandaag = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "gegeven_op": vandaag,
                "einddatum": plus_maanden(vandaag, TOESTEMMING_STANDAARD_MAANDEN),
                "tekstversie": tekst.versie,
                "partners": list(tekst.partners),
            },
        )
        super().__init__(*args, prefix=prefix or soort, **kwargs)
        self.soort = soort
        self.fields["tekstversie"].choices = [
            (t.versie, _("%(versie)s (vanaf %(datum)s)") % {"versie": t.versie, "datum": f"{t.vanaf:%d-%m-%Y}"})
            for t in toestemmingsteksten.versies(soort)
        ]
        genoemd = {p for t in toestemmingsteksten.versies(soort) for p in t.partners}
        self.fields["partners"].choices = [(p, label) for p, label in c.PartnerSoort.choices if p in genoemd]

    def clean_gegeven_op(self):
        value = self.cleaned_data["gegeven_op"]
        if value > timezone.localdate():
            raise ValidationError(_("De datum van toestemming ligt in de toekomst."))
        return value

    def clean(self):
        data = super().clean()
        gegeven_op, einddatum = data.get("gegeven_op"), data.get("einddatum")
        if gegeven_op and einddatum and einddatum <= gegeven_op:
            self.add_error("einddatum", _("De einddatum moet na de datum van toestemming liggen."))
        return data


class TrajectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(naam)s (regie: %(regie)s, %(status)s)") % {
            "naam": obj.naam,
            "regie": obj.regie_organisatie,
            "status": obj.get_status_display().lower(),
        }


class AanmeldenForm(forms.Form):
    traject = TrajectChoiceField(
        label=_("Traject"),
        queryset=None,
        empty_label=_("Kies een traject"),
        help_text=_("Trajecten in werving of lopend"),
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de regisseur (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = trajecten_open_for_aanmelding(user).select_related("regie_organisatie")

    def gekozen_traject(self):
        """The chosen trajectory when it is a valid choice, also while other fields have errors."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get("traject")


# --- Errors ---------------------------------------------------------------------------------


def error_summary(*forms_or_formsets) -> list[dict]:
    """Every error on the page, each with the id of its field (for the summary's links)."""
    items = []
    for item in forms_or_formsets:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            items += [{"anker": "", "label": "", "fout": e} for e in item.non_form_errors()]
            for sub in item.forms:
                items += error_summary(sub)
            continue
        if isinstance(item, list | tuple):
            items += error_summary(*item)
            continue
        prefix = getattr(item, "summary_prefix", "")
        for name, errors in item.errors.items():
            if name == NON_FIELD_ERRORS:
                items += [{"anker": "", "label": prefix, "fout": e} for e in errors]
                continue
            field = item[name]
            anker = field.auto_id + "_0" if field.field.widget.use_fieldset else field.id_for_label
            label = f"{prefix}, {field.label}" if prefix else field.label
            items += [{"anker": anker, "label": label, "fout": e} for e in errors]
    return items
