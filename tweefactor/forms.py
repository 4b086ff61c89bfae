from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.models import User


class CodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zescijferige code uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
        error_messages={"required": _("Vul de code in.")},
    )


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("De zes cijfers die de app nu toont."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Vul de code uit de app in.")},
    )


class FactorResetForm(forms.Form):
    """The beheerder's reset: whose factors, and why."""

    gebruiker = forms.ModelChoiceField(
        label=_("Gebruiker"),
        queryset=User.objects.order_by("email"),
        error_messages={"required": _("Kies de gebruiker."), "invalid_choice": _("Kies een bestaande gebruiker.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Bijvoorbeeld: telefoon kwijt, bevestigd door teamleider. De reden wordt vastgelegd."),
        error_messages={"required": _("Vul de reden in waarom de tweestapsverificatie wordt hersteld.")},
    )
