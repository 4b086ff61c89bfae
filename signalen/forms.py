"""Forms of the signal pages: the filters of the list and snoozing one signal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.forms import DatumInput
from signalen import constants as c

# The status filter: "actueel" is what is still to be acted on (an expired snooze included).
STATUS_FILTER = [
    ("actueel", _("Actueel")),
    ("uitgesteld", _("Uitgesteld")),
    ("afgehandeld", _("Afgehandeld")),
    ("vervallen", _("Vervallen")),
    ("alle", _("Alle")),
]


class SignaalFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    regel = forms.ChoiceField(
        label=_("Soort signaal"), required=False, choices=[("", _("Alle soorten")), *c.Regel.choices]
    )
    ernst = forms.ChoiceField(label=_("Ernst"), required=False, choices=[("", _("Alle")), *c.Ernst.choices])
    traject = forms.TypedChoiceField(label=_("Traject"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, trajecten=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["traject"].choices = [("", _("Alle trajecten")), *trajecten]

    def criteria(self) -> dict:
        """The valid filters; an invalid value is ignored, so the page always answers."""
        if not self.is_bound:
            return {"status": "actueel"}
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        data["status"] = data.get("status") or "actueel"
        return {k: v for k, v in data.items() if v not in (None, "")}


class UitstelForm(forms.Form):
    """Snooze one signal until a date; the service checks the date (after today, within a year)."""

    tot = forms.DateField(
        label=_("Uitstellen tot"),
        required=False,  # the service says what is missing, in the words of the other checks
        widget=DatumInput,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, signaal_pk: int, **kwargs):
        kwargs.setdefault("auto_id", f"signaal-{signaal_pk}-%s")
        super().__init__(*args, **kwargs)
