"""Forms of the employer portal: they parse input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkgevers import constants as c


class InteresseForm(forms.Form):
    """ "Ik sta open voor deze kandidaat" for one of the employer's open places in the trajectory."""

    leerwerkplek = forms.ModelChoiceField(
        label=_("Voor welke leerwerkplek?"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Kies een leerwerkplek."),
            "invalid_choice": _("Kies een van uw open leerwerkplekken in dit traject."),
        },
    )
    terug = forms.ChoiceField(
        choices=[("profiel", "profiel"), ("plek", "plek")], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, plekken, **kwargs):
        kwargs.setdefault("auto_id", "interesse_%s")
        super().__init__(*args, **kwargs)
        self.fields["leerwerkplek"].queryset = plekken
        self.fields["leerwerkplek"].label_from_instance = lambda plek: f"{plek.functietitel} ({plek.locatie.plaats})"


class AfwijsForm(forms.Form):
    """Declining a match or a placement: a reason, and an explanation (needed for 'overig')."""

    reden = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een reden")), *c.AfwijsReden.choices],
        error_messages={"required": _("Kies een reden."), "invalid_choice": _("Kies een reden uit de lijst.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nodig bij 'Overig'. Schrijf geen medische of andere gevoelige gegevens op."),
        error_messages={"max_length": _("Houd de toelichting kort: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "afwijzen_%s")
        super().__init__(*args, **kwargs)


class BevestigForm(forms.Form):
    """Confirming a placement: the version the employer saw travels along, so that a change
    made in between is not confirmed unseen."""

    versie = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": _("Vernieuw de pagina en probeer het opnieuw.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "bevestigen_%s")
        super().__init__(*args, **kwargs)
