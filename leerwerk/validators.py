"""Validators shared by every app: passwords, Dutch postcodes (candidates, employer locations),
and the BSN check (the candidate's number in deelnemers, the access log's search in the beheer)."""

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


# --- The BSN: nine digits that pass the elfproef ----------------------------------------------

_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_bsn(value: str) -> str:
    """Strip spaces, dots and dashes people type; an eight-digit number gets its leading zero."""
    digits = _SEPARATORS.sub("", value or "")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid_bsn(value: str) -> bool:
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True))
    total -= int(value[8])
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_format")
    if not is_valid_bsn(value):
        raise ValidationError(
            _("Dit BSN klopt niet (het voldoet niet aan de elfproef). Controleer het nummer."), code="bsn_elfproef"
        )
