"""Rule 5: selected but not started within the maximum waiting time."""

from signalen.regels import ScanContext


def wachttijd(ctx: ScanContext):
    return []
