"""Rule 8: a follow-up action from a contactmoment overdue."""

from signalen.regels import ScanContext


def vervolgactie(ctx: ScanContext):
    return []
