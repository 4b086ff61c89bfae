"""Forms of the signal settings page and of the extension of a trial placement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from signalen import constants as c


class GeenEmailForm(forms.Form):
    geen_email = forms.MultipleChoiceField(
        label=_("Niet in de dagmail"),
        choices=c.Regel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Aangevinkte soorten komen niet in uw dagelijkse e-mail. U ziet ze wel op uw lijst met signalen "
            "en in uw agenda."
        ),
    )


class VerlengingForm(forms.Form):
    maanden = forms.IntegerField(
        label=_("Termijn met behoud van uitkering, met verlenging (maanden)"),
        min_value=1,
        max_value=24,
        error_messages={
            "required": _("Vul het aantal maanden in."),
            "invalid": _("Vul een heel aantal maanden in."),
            "min_value": _("Vul minstens 1 maand in."),
            "max_value": _("Vul hoogstens 24 maanden in."),
        },
    )
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Geef de reden voor de verlenging.")},
        help_text=_("Waarom deze deelnemer langer met behoud van uitkering op proef werkt. Geen medische details."),
    )

    def __init__(self, *args, termijn=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.termijn = termijn
        if termijn is not None:
            self.fields["maanden"].help_text = _(
                "De gewone termijn is %(gewoon)s maanden; in deze gemeente kunt u verlengen tot hoogstens "
                "%(max)s maanden."
            ) % {"gewoon": termijn.standaard_maanden, "max": termijn.max_maanden}
            self.fields["maanden"].widget.attrs.update({"inputmode": "numeric"})

    def clean_maanden(self):
        """The gemeente's limits checked here too (the service checks them again), so that a
        page with a missing reason also says what is wrong with the months."""
        from signalen.services.verlenging import maanden_fout

        maanden = self.cleaned_data["maanden"]
        if self.termijn is not None:
            fout = maanden_fout(maanden, gewoon=self.termijn.standaard_maanden, hoogstens=self.termijn.max_maanden)
            if fout:
                raise forms.ValidationError(fout)
        return maanden
