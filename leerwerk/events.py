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
    """After the current transaction commits (at once outside one), call every subscriber.

    The same event with the same data, published again in the same transaction, is delivered
    once (issue 12: recording ten consents in one transaction queued ten recomputes). What waits
    is looked up among the connection's on-commit callbacks, so an event published in a savepoint
    that was rolled back is published anew."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        sleutel = (naam, tuple(sorted(gegevens.items())))
        levend = {id(func) for _sids, func, _robust in connection.run_on_commit}
        # what an earlier transaction (or a rolled-back savepoint) left is no longer waiting
        wachtend = {k: f for k, f in getattr(connection, "_leerwerk_events", {}).items() if id(f) in levend}
        connection._leerwerk_events = wachtend
        if sleutel in wachtend:
            return
    callbacks = [lambda handler=handler: handler(**gegevens) for handler in list(_abonnees[naam])]
    if connection.in_atomic_block and callbacks:
        wachtend[sleutel] = callbacks[0]
    for callback in callbacks:
        transaction.on_commit(callback, robust=True)
