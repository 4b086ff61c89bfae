"""KvK numbers and Dutch postcodes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")


def normalize_kvk(value: str) -> str:
    return re.sub(r"[\s.]", "", value or "")


def validate_kvk(value: str) -> None:
    if not re.fullmatch(r"[0-9]{8}", value or ""):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="kvk")


def normalize_postcode(value: str) -> str:
    """'1234ab' and '1234 AB' become '1234 AB'; anything else is returned trimmed, for the validator."""
    match = _POSTCODE.match((value or "").strip())
    if not match:
        return (value or "").strip()
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value: str) -> None:
    match = _POSTCODE.match(value or "")
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(_("Vul een Nederlandse postcode in, bijvoorbeeld 5211 AB."), code="postcode")
