"""Rule 7: a certificate (e.g. VCA) or an employer's letter of intent expiring."""

from signalen.regels import ScanContext


def certificaat(ctx: ScanContext):
    return []


def toezegging(ctx: ScanContext):
    return []
