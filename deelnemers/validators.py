"""The BSN (burgerservicenummer) of a candidate. The check itself (nine digits that pass the
elfproef) is shared: leerwerk.validators, where the access log's search in the beheer uses it
too; the names stay importable from here (migrations refer to deelnemers.validators.validate_bsn)."""

from leerwerk.validators import _SEPARATORS, is_valid_bsn, normalize_bsn, validate_bsn

__all__ = ["_SEPARATORS", "is_valid_bsn", "mask_bsn", "normalize_bsn", "validate_bsn"]


def mask_bsn(value: str) -> str:
    """Shown by default: only the last three digits, e.g. '******782'."""
    return "******" + value[-3:] if value else ""
