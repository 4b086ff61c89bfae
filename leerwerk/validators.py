"""Validators shared by every app: passwords, and Dutch postcodes (candidates, employer locations)."""

import re

from django.contrib.auth.password_validation import MinimumLengthValidator as BaseMinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
POSTCODE_FOUT = _("Vul een Nederlandse postcode in, bijvoorbeeld 5211 AB.")


def normalize_postcode(value: str) -> str:
    """'1234ab' and '1234 AB' become '1234 AB'; anything else is returned trimmed, for the validator."""
    match = _POSTCODE.match((value or "").strip())
    if not match:
        return (value or "").strip()
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value: str) -> None:
    """The one postcode check of the product: four digits (not starting with 0), a space, two
    letters (not SA, SD or SS). Normalise first (normalize_postcode); an empty optional field
    is not checked (Django skips validators for empty values)."""
    match = _POSTCODE.match(value or "")
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(POSTCODE_FOUT, code="postcode")


class MinimumLengthValidator(BaseMinimumLengthValidator):
    """Django 5.2's own message changed its msgid and lost its Dutch translation; ours is Dutch."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}
