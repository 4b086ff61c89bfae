"""Rule 6: an aftercare contact due, and overdue."""

from signalen.regels import ScanContext


def nazorg(ctx: ScanContext):
    return []
