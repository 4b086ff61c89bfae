from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from avg.constants import VerzoekSoort
from leerwerk.forms import DatumInput


class VerzoekForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort verzoek"),
        choices=[("", _("Kies het soort verzoek")), *VerzoekSoort.choices],
        error_messages={"required": _("Kies het soort verzoek."), "invalid_choice": _("Kies het soort verzoek.")},
    )
    ontvangen_op = forms.DateField(
        label=_("Ontvangen op"),
        widget=DatumInput(),
        error_messages={"required": _("Vul de datum van ontvangst in."), "invalid": _("Vul een geldige datum in.")},
    )
    toelichting = forms.CharField(
        label=_("Wat vraagt de persoon?"),
        help_text=_("Bijvoorbeeld: welk gegeven is onjuist en wat moet het zijn, of wat moet weg."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf op wat de persoon vraagt."),
            "max_length": _("Schrijf hoogstens %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "verzoek_%s")
        kwargs.setdefault("initial", {"ontvangen_op": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AfhandelForm(forms.Form):
    besluit = forms.CharField(
        label=_("Besluit"),
        help_text=_("Wat u hebt gedaan, of waarom het verzoek wordt geweigerd. De persoon krijgt dit te horen."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf op wat u hebt gedaan, of waarom het verzoek is geweigerd."),
            "max_length": _("Schrijf hoogstens %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args, verzoek_id=None, **kwargs):
        kwargs.setdefault("auto_id", f"afhandelen_{verzoek_id}_%s")
        super().__init__(*args, **kwargs)
