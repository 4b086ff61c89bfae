"""Domain events between apps (shared/architecture.md, "Reactions between apps").

An arrow between apps points down: signalen and financiering read the lower apps, which never
import them. When a write in a lower app must make a higher app react, the lower app publishes
a small event here, and the higher app subscribes in its AppConfig.ready().

Two kinds of subscriber:
- after the commit (the default): called once the transaction has committed (robust: a failing
  handler does not undo the committed write); the same event with the same data is delivered
  once per transaction;
- in the transaction (`in_transactie=True`): called at once, inside the writer's transaction,
  for a subscriber that collects what it must do and does it once after the commit
  (`per_transactie`): one Celery task per transaction, however many changes it holds.

Today's events:
- TOESTEMMING_GEWIJZIGD: a consent was recorded, renewed or withdrawn (deelnemers); signalen
  recomputes the consent signals.
- TRAJECT_GEWIJZIGD (`traject_gewijzigd(ids)`): a write that may move a deadline or a result in
  these trajectories (a step, a placement, a certificate, the planning, a contact moment);
  signalen recomputes their signals, financiering detects their results (issue 13).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction

TOESTEMMING_GEWIJZIGD = "toestemming_gewijzigd"
TRAJECT_GEWIJZIGD = "traject_gewijzigd"

_abonnees: dict[str, list[Callable[..., None]]] = defaultdict(list)
_in_transactie: dict[str, list[Callable[..., None]]] = defaultdict(list)


def abonneer(naam: str, handler: Callable[..., None], *, in_transactie: bool = False) -> None:
    """Let `handler(**gegevens)` react to event `naam` (once, however often ready() runs):
    after the commit, or with `in_transactie` at once, inside the writer's transaction."""
    lijst = _in_transactie[naam] if in_transactie else _abonnees[naam]
    if handler not in lijst:
        lijst.append(handler)


def traject_gewijzigd(trajecten: int | Iterable[int] | None) -> None:
    """Publish TRAJECT_GEWIJZIGD for a trajectory id, or several (None and empty: none). The ids
    travel as a frozenset of ints: a queryset or generator is read once, here."""
    if isinstance(trajecten, int):
        ids = frozenset([trajecten])
    else:
        ids = frozenset(t for t in trajecten or () if t is not None)
    if ids:
        publiceer(TRAJECT_GEWIJZIGD, trajecten=ids)


def publiceer(naam: str, **gegevens) -> None:
    """Call the in-transaction subscribers at once; the others after the current transaction
    commits (at once outside one).

    The same event with the same data, published again in the same transaction, is delivered
    once (issue 12: recording ten consents in one transaction queued ten recomputes). What waits
    is looked up among the connection's on-commit callbacks, so an event published in a savepoint
    that was rolled back is published anew."""
    for handler in list(_in_transactie[naam]):
        handler(**gegevens)
    if not _abonnees[naam]:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        sleutel = (
            naam,
            tuple(
                sorted((k, v if isinstance(v, frozenset | int | str | None) else repr(v)) for k, v in gegevens.items())
            ),
        )
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


def per_transactie(sleutel: str, verstuur: Callable[[dict], None]) -> dict | None:
    """The work waiting under `sleutel` for the current transaction to commit: a dict the caller
    adds to, made on first use and handed once to `verstuur` after the commit. None outside a
    transaction: the caller then acts at once.

    The dict hangs on the connection next to the on-commit callback that sends it. A rolled-back
    transaction (or savepoint) drops that callback; the dict is then stale and a new one starts."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    wachtend = connection.__dict__.setdefault("_leerwerk_per_transactie", {})
    wacht = wachtend.get(sleutel)
    if wacht is not None and any(func is wacht["_verstuur"] for _sids, func, _robust in connection.run_on_commit):
        return wacht
    wacht = {}

    def na_commit():
        wachtend.pop(sleutel, None)
        verstuur({k: v for k, v in wacht.items() if k != "_verstuur"})

    wacht["_verstuur"] = na_commit
    wachtend[sleutel] = wacht
    transaction.on_commit(na_commit, robust=True)
    return wacht
