"""Domain events between apps (shared/architecture.md, "Reactions between apps").

An arrow between apps points down: signalen and financiering read the lower apps, which never
import them. When a write in a lower app must make a higher app react, the lower app publishes
a small event here, and the higher app subscribes in its AppConfig.ready(). Handlers run once
the transaction has committed (robust: a failing handler does not undo the committed write).

Today's events:
- TOESTEMMING_GEWIJZIGD: a consent was recorded, renewed or withdrawn (deelnemers); signalen
  recomputes the consent signals.
The recompute after other deadline changes still calls signalen.services.herbereken_na_commit
directly from trajecten, werkgevers, deelnemers and opleiders (it predates this module); it
moves here when financiering adds a second subscriber.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

TOESTEMMING_GEWIJZIGD = "toestemming_gewijzigd"

_abonnees: dict[str, list[Callable[..., None]]] = defaultdict(list)


def abonneer(naam: str, handler: Callable[..., None]) -> None:
    """Let `handler(**gegevens)` react to event `naam` (once, however often ready() runs)."""
    if handler not in _abonnees[naam]:
        _abonnees[naam].append(handler)


def publiceer(naam: str, **gegevens) -> None:
    """After the current transaction commits (at once outside one), call every subscriber."""
    for handler in list(_abonnees[naam]):
        transaction.on_commit(lambda handler=handler: handler(**gegevens), robust=True)
