"""Forms of the opleider's page. They parse input; the services judge it.

Many forms share one page, so each form gets its own id prefix (auto_id) from the object it
belongs to, while the field names stay plain. Choice fields that point at objects take their
choices from lists the selectors already loaded, and give the object back in cleaned_data.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.forms import DatumInput
from opleiders import constants as c
from opleiders.selectors import TrajectBlok


def _required(message):
    return {"required": message}


class _ObjectChoiceField(forms.TypedChoiceField):
    """A choice among already loaded objects; cleans to the object itself."""

    def __init__(self, *, objects, label_of, empty_label=None, **kwargs):
        self.objects = {obj.pk: obj for obj in objects}
        choices = [(pk, label_of(obj)) for pk, obj in self.objects.items()]
        if empty_label is not None:
            choices.insert(0, ("", empty_label))
        super().__init__(choices=choices, coerce=self._to_object, empty_value=None, **kwargs)

    def _to_object(self, value):
        return self.objects[int(value)]

    def valid_value(self, value):
        return str(value).isdigit() and int(value) in self.objects


class ModuleForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort module"), choices=c.ModuleSoort.choices, error_messages=_required(_("Kies de soort module."))
    )
    naam = forms.CharField(
        label=_("Naam"), max_length=200, error_messages=_required(_("Vul de naam van de module in."))
    )
    start = forms.DateField(label=_("Start"), widget=DatumInput, error_messages=_required(_("Vul de startdatum in.")))
    eind = forms.DateField(label=_("Einde"), widget=DatumInput, error_messages=_required(_("Vul de einddatum in.")))
    prijs = forms.DecimalField(
        label=_("Prijs (€)"),
        max_digits=10,
        decimal_places=2,
        initial=0,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
        error_messages=_required(_("Vul de prijs in (0 als de module niets kost).")),
    )
    prijs_per = forms.ChoiceField(label=_("Prijs geldt"), choices=c.PrijsPer.choices, initial=c.PrijsPer.DEELNEMER)

    def __init__(self, *args, traject_pk: int, **kwargs):
        kwargs.setdefault("auto_id", f"module{traject_pk}_%s")
        super().__init__(*args, **kwargs)


class ModuleDeelnameForm(forms.Form):
    """One row of a module's table. Its inputs sit in the row's cells and point at the row's
    <form> element (the `form` attribute), so one table row is one form."""

    aanwezigheid = forms.IntegerField(
        label=_("Aanwezigheid (%)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": "0", "max": "100", "inputmode": "numeric", "size": "4"}),
        error_messages={"invalid": _("Vul een heel getal in van 0 tot en met 100.")},
    )
    voortgang = forms.ChoiceField(
        label=_("Voortgang"), choices=c.Voortgang.choices, error_messages=_required(_("Kies de voortgang."))
    )
    resultaat = forms.ChoiceField(label=_("Resultaat"), choices=c.Resultaat.choices, required=False)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, data=None, *, moduledeelname, **kwargs):
        self.row_id = f"rij-{moduledeelname.pk}"
        initial = {
            "aanwezigheid": moduledeelname.aanwezigheid,
            "voortgang": moduledeelname.voortgang,
            "resultaat": moduledeelname.resultaat,
            "toelichting": moduledeelname.toelichting,
        }
        super().__init__(data, initial=initial, auto_id=f"rij{moduledeelname.pk}_%s", **kwargs)
        if moduledeelname.aanwezigheid_uit_register:  # derived from the register: not typed
            self.fields["aanwezigheid"].disabled = True
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id

    @property
    def form_id(self) -> str:
        return f"{self.row_id}-form"


class InschrijfForm(forms.Form):
    def __init__(self, *args, module_pk: int, deelnames, **kwargs):
        kwargs.setdefault("auto_id", f"inschrijven{module_pk}_%s")
        super().__init__(*args, **kwargs)
        self.fields["deelname"] = _ObjectChoiceField(
            label=_("Deelnemer inschrijven"),
            objects=deelnames,
            label_of=lambda d: d.deelnemer.naam,
            empty_label=_("Kies een deelnemer"),
            error_messages={
                "required": _("Kies een deelnemer."),
                "invalid_choice": _("Kies een deelnemer van dit traject."),
            },
        )


class CertificaatForm(forms.Form):
    def __init__(self, *args, traject_pk: int, deelnames, modules, **kwargs):
        kwargs.setdefault("auto_id", f"certificaat{traject_pk}_%s")
        super().__init__(*args, **kwargs)
        deelnemers = [d.deelnemer for d in deelnames]
        self.fields["deelnemer"] = _ObjectChoiceField(
            label=_("Deelnemer"),
            objects=deelnemers,
            label_of=lambda d: d.naam,
            empty_label=_("Kies een deelnemer"),
            error_messages={
                "required": _("Kies een deelnemer."),
                "invalid_choice": _("Kies een deelnemer van dit traject."),
            },
        )
        self.fields["soort"] = forms.ChoiceField(
            label=_("Soort certificaat"),
            choices=[("", _("Kies de soort")), *c.CertificaatSoort.choices],
            error_messages=_required(_("Kies de soort certificaat.")),
        )
        self.fields["omschrijving"] = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)
        self.fields["behaald_op"] = forms.DateField(
            label=_("Behaald op"), widget=DatumInput, error_messages=_required(_("Vul de datum van behalen in."))
        )
        self.fields["geldig_tot"] = forms.DateField(
            label=_("Geldig tot"),
            widget=DatumInput,
            required=False,
            help_text=_("Verplicht bij een VCA-certificaat."),
        )
        self.fields["module"] = _ObjectChoiceField(
            label=_("Behaald in module"),
            objects=modules,
            label_of=lambda m: m.naam,
            empty_label=_("Kies een module"),
            error_messages={
                "required": _("Kies de module waarin het certificaat is behaald."),
                "invalid_choice": _("Kies een module die uw organisatie geeft."),
            },
        )


ALLE_ONDERDELEN = ("module", "certificaat", "modules")


def attach_forms(blokken: list[TrajectBlok], bound: dict | None = None, *, onderdelen=ALLE_ONDERDELEN) -> None:
    """Give every block of the page its forms; `bound` holds the submitted form that failed,
    keyed ("module", traject pk), ("inschrijven", module pk), ("rij", moduledeelname pk) or
    ("certificaat", traject pk), so it is shown in place with its errors. `onderdelen` names the
    parts a section shows: "module" (add a module), "certificaat", "modules" (enrolment forms
    and refused rows)."""
    bound = bound or {}
    for blok in blokken:
        t = blok.traject.pk
        if "module" in onderdelen:
            blok.module_form = bound.get(("module", t)) or ModuleForm(traject_pk=t)
        if blok.deelnemers and "certificaat" in onderdelen:
            blok.certificaat_form = bound.get(("certificaat", t)) or CertificaatForm(
                traject_pk=t, deelnames=[r.deelname for r in blok.deelnemers], modules=blok.eigen_modules
            )
        if "modules" not in onderdelen:
            continue
        for module_blok in blok.modules:
            m = module_blok.module.pk
            if ("inschrijven", m) in bound:
                module_blok.inschrijf_form = bound[("inschrijven", m)]
            elif module_blok.inschrijfbaar:
                module_blok.inschrijf_form = InschrijfForm(module_pk=m, deelnames=module_blok.inschrijfbaar)
            for rij in module_blok.rijen:
                # Only a refused row gets its (bound) form; the others are written out from their
                # values by _rij_velden.html, without a form per row (issue 12).
                if rij.bewerkbaar:
                    rij.form = bound.get(("rij", rij.moduledeelname.pk))


class LesdagForm(forms.Form):
    datum = forms.DateField(
        label=_("Datum van de lesdag"), widget=DatumInput, error_messages=_required(_("Vul de datum van de lesdag in."))
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "lesdag_%s")
        super().__init__(*args, **kwargs)


class LesdagenGenererenForm(forms.Form):
    weekdagen = forms.TypedMultipleChoiceField(
        label=_("Lesdagen in de week"),
        choices=[(0, _("maandag")), (1, _("dinsdag")), (2, _("woensdag")), (3, _("donderdag")), (4, _("vrijdag"))],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(_("Kies de dagen van de week waarop les is.")),
    )
    van = forms.DateField(
        label=_("Vanaf"), widget=DatumInput, required=False, help_text=_("Leeg: de start van de module.")
    )
    tot = forms.DateField(
        label=_("Tot en met"), widget=DatumInput, required=False, help_text=_("Leeg: het einde van de module.")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "genereren_%s")
        super().__init__(*args, **kwargs)
