import functools

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from leerwerk.validators import normalize_postcode, validate_postcode


class LoginForm(AuthenticationForm):
    """Login with e-mail address; the field keeps Django's name `username`."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),  # no autofocus: the skip link comes first
        error_messages={"required": _("Vul uw e-mailadres in."), "invalid": _("Vul een geldig e-mailadres in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )
    error_messages = {
        "invalid_login": _("Het e-mailadres of het wachtwoord is onjuist. Controleer beide en probeer het opnieuw."),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }


class DatumInput(forms.DateInput):
    """The native date picker of every form: the browser shows the date in the user's (Dutch)
    format; the value goes back and forth as ISO 8601, as the HTML standard requires."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PostcodeField(forms.CharField):
    """A Dutch postcode as people type it: '1234ab' becomes '1234 AB'; anything else gets the
    one postcode message of leerwerk.validators on the field."""

    default_validators = [validate_postcode]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "postal-code"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_postcode(super().to_python(value))


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has it, else on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@functools.lru_cache(maxsize=128)
def _lege_velden(form_class: type[forms.BaseForm], taal: str, dag) -> str:
    return render_to_string("includes/form_fields.html", {"form": form_class()})


def lege_velden(form_class: type[forms.BaseForm]) -> str:
    """The fields of an empty `form_class` as includes/form_fields.html renders them, rendered
    once per process, language and day: for a form that is the same for everyone when empty
    (no choices, initial values or ids from the database or the request; today's date as an
    initial value is fine). Rendering a Django form costs a page a third of a millisecond or
    more; a bound form (with the user's input and errors) is rendered as usual."""
    return mark_safe(_lege_velden(form_class, translation.get_language(), timezone.localdate()))  # noqa: S308 (our own template's output)
