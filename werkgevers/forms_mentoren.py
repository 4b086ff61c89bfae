"""The form to record a mentor's or buddy's preparation, in the employer portal and on the
regisseur's employer page. It parses input; werkgevers.services.mentorvoorbereiding_vastleggen
validates (no date in the future, a description for another kind) and writes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.forms import DatumInput
from werkgevers import constants as c


class MentorvoorbereidingForm(forms.Form):
    begeleider = forms.ModelChoiceField(
        label=_("Mentor of buddy"),
        queryset=None,
        empty_label=_("Kies een mentor of buddy"),
        error_messages={
            "required": _("Kies de mentor of buddy."),
            "invalid_choice": _("Kies een mentor of buddy uit de lijst."),
        },
    )
    soort = forms.ChoiceField(
        label=_("Voorbereiding"),
        choices=[("", _("Kies de voorbereiding")), *c.VoorbereidingSoort.choices],
        error_messages={
            "required": _("Kies de voorbereiding."),
            "invalid_choice": _("Kies een voorbereiding uit de lijst."),
        },
    )
    datum = forms.DateField(
        label=_("Datum"),
        widget=DatumInput(),
        help_text=_("De dag van de training, of de laatste dag ervan."),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=200,
        help_text=_("Nodig bij een andere voorbereiding, bijvoorbeeld de naam van de training of de aanbieder."),
        error_messages={"max_length": _("Houd de omschrijving kort: hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, begeleiders, **kwargs):
        """`begeleiders`: the mentors and buddies to choose from, already scoped by the caller."""
        kwargs.setdefault("auto_id", "voorbereiding_%s")
        super().__init__(*args, **kwargs)
        self.fields["begeleider"].queryset = begeleiders
        self.fields["begeleider"].label_from_instance = lambda b: f"{b.naam} ({b.get_soort_display().lower()})"
        self.fields["datum"].widget.attrs["max"] = timezone.localdate().isoformat()

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("begeleider", "soort", "datum", "omschrijving")}
