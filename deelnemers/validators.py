"""The BSN (burgerservicenummer) check: nine digits that pass the elfproef."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


def mask_bsn(value: str) -> str:
    """Shown by default: only the last three digits, e.g. '******782'."""
    return "******" + value[-3:] if value else ""
