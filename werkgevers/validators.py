"""KvK numbers. The postcode check lives in leerwerk.validators (one for every postcode)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Migration 0001_initial refers to werkgevers.validators.validate_postcode: the same function.
from leerwerk.validators import normalize_postcode, validate_postcode  # noqa: F401


def normalize_kvk(value: str) -> str:
    return re.sub(r"[\s.]", "", value or "")


def validate_kvk(value: str) -> None:
    if not re.fullmatch(r"[0-9]{8}", value or ""):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="kvk")
