"""Rule 2: a participant on benefit whose trajectory (planned or actual) passes the maximum length."""

from signalen.regels import ScanContext


def trajectduur(ctx: ScanContext):
    return []
