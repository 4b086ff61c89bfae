"""The planning helper's two questions: a target start at employers, and a start of the first phase."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.forms import DatumInput

EERSTE = dt.date(2000, 1, 1)
LAATSTE = dt.date(2100, 12, 31)
ONGELDIG = _("Vul een geldige datum in, bijvoorbeeld 17-08-2026.")


def _binnen_bereik(dag):
    if dag is not None and not EERSTE <= dag <= LAATSTE:
        raise forms.ValidationError(_("Kies een datum tussen 2000 en 2100."))
    return dag


class PlanningshulpForm(forms.Form):
    """Both fields are optional: empty means the default (see trajecten.planning)."""

    doelstart = forms.DateField(
        label=_("Gewenste start bij werkgevers"),
        required=False,
        widget=DatumInput,
        help_text=_("Leeg: de eerste werkdag na de eerstvolgende bouwvak van de regio."),
        error_messages={"invalid": ONGELDIG},
    )
    start = forms.DateField(
        label=_("Start van de eerste fase"),
        required=False,
        widget=DatumInput,
        help_text=_("Leeg: de geplande start van de eerste fase."),
        error_messages={"invalid": ONGELDIG},
    )

    def __init__(self, *args, **kwargs):
        # Own ids: the trajectory page has another form with a field "start".
        kwargs.setdefault("auto_id", "planning_%s")
        super().__init__(*args, **kwargs)

    def clean_doelstart(self):
        return _binnen_bereik(self.cleaned_data.get("doelstart"))

    def clean_start(self):
        return _binnen_bereik(self.cleaned_data.get("start"))
