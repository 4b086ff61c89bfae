"""The scan: run every rule, then make the Signaal table say what the rules found.

Idempotent: a signal is unique per rule, object and deadline, so a second run finds every
signal it wants already there and changes nothing. Writes happen under a PostgreSQL
advisory lock, so the nightly scan and a recompute after a change never race each other.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from signalen import constants as c
from signalen.models import Signaal
from signalen.regels import Bevinding, ScanContext, alle_regels

logger = logging.getLogger(__name__)

# Rules without a trajectory that read every object in every scan (one cheap query), so that
# even a scan of some (or no) trajectories may close their signals: a consent renewed or
# withdrawn closes its signal at once (herbereken_toestemmingen_na_commit, subscribed to the
# event leerwerk.events.TOESTEMMING_GEWIJZIGD).
VOLLEDIGE_REGELS = frozenset({c.Regel.TOESTEMMING})

_LOCK_KEY = 0x5167_4E41  # "SigNA": one key for every write of the scan

# Fields a rule decides; a change in the first group makes the signal "changed" for the digest.
# A new responsible person, role or organisation counts too: the new one must hear of it.
_INHOUD = ("ernst", "bericht", "suggestie", "suggestie_toelichting", "verantwoordelijke_id", "rol", "organisatie_id")
_OVERIG = ("link", "traject_id", "deelname_id")
_GELADEN = ("id", "regel", "object_type", "object_id", "deadline", "status", "uitgesteld_tot", *_INHOUD, *_OVERIG)


@dataclass
class ScanResultaat:
    gevonden: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    gesloten: int = 0

    def __str__(self):
        return (
            f"{self.gevonden} signalen gevonden: {self.nieuw} nieuw, {self.gewijzigd} gewijzigd, "
            f"{self.gesloten} gesloten"
        )


def bevindingen(ctx: ScanContext) -> dict[tuple, Bevinding]:
    found: dict[tuple, Bevinding] = {}
    for regel in alle_regels():
        for bevinding in regel(ctx):
            found[bevinding.sleutel] = bevinding
    return found


def vergrendel() -> None:
    """Take the lock every write of signals shares (scan, a user's status change, applying a
    suggestion) until the end of the current transaction. Always take it before locking a
    signal row, so that two writers never wait for each other crosswise."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def scan(*, vandaag: dt.date | None = None, traject_ids: Iterable[int] | None = None) -> ScanResultaat:
    """Recompute the signals of every trajectory (traject_ids None) or of the given ones.

    The rules read inside the lock: findings read before a user's change and written after it
    would undo that change."""
    with transaction.atomic():
        vergrendel()
        ctx = ScanContext(vandaag=vandaag or timezone.localdate(), traject_ids=traject_ids)
        return _synchronise(ctx, bevindingen(ctx))


def _synchronise(ctx: ScanContext, found: dict[tuple, Bevinding]) -> ScanResultaat:
    now = timezone.now()
    result = ScanResultaat(gevonden=len(found))
    # The current signals in scope (to update or close) ...
    scope = Q() if ctx.volledig else Q(traject_id__in=ctx.traject_ids) | Q(traject__isnull=True)
    existing = {s.sleutel: s for s in Signaal.objects.filter(scope, status__in=c.ACTUELE_STATUS).only(*_GELADEN)}
    # ... and, for the findings not among them, any signal with their key: one closed earlier
    # (it reopens, or stays done), or one in another trajectory (a certificate follows its
    # participant's latest participation). Old closed signals are never loaded otherwise, so
    # the scan does not slow down as history grows.
    rest = [key for key in found if key not in existing]
    if rest:
        for s in Signaal.objects.filter(
            regel__in={key[0] for key in rest}, object_id__in={key[2] for key in rest}
        ).only(*_GELADEN):
            if s.sleutel in found:
                existing.setdefault(s.sleutel, s)
    new, changed = [], []
    for key, b in found.items():
        signaal = existing.get(key)
        if signaal is None:
            new.append(Signaal(**_velden(b), aangemaakt_op=now, gewijzigd_op=now))
            continue
        if _update(signaal, b, now):
            changed.append(signaal)
    in_scope_ids = None if ctx.volledig else ctx.traject_ids
    for key, signaal in existing.items():
        if key in found or signaal.status not in c.ACTUELE_STATUS:
            continue
        if signaal.regel in VOLLEDIGE_REGELS:
            pass  # its rule read everything: what it did not find is gone
        elif signaal.traject_id is None and not ctx.volledig:
            continue  # only the full scan knows every region-year that is needed
        elif in_scope_ids is not None and signaal.traject_id not in in_scope_ids:
            continue
        signaal.status, signaal.status_op, signaal.status_door = c.SignaalStatus.VERVALLEN, now, None
        changed.append(signaal)
        result.gesloten += 1
    Signaal.objects.bulk_create(new, batch_size=2000)
    fields = ["status", "status_op", "status_door", "uitgesteld_tot", "gewijzigd_op", *_INHOUD, *_OVERIG]
    Signaal.objects.bulk_update(changed, fields, batch_size=2000)
    result.nieuw = len(new)
    result.gewijzigd = len(changed) - result.gesloten
    logger.info("Signalen gescand: %s", result)
    return result


def _velden(b: Bevinding) -> dict:
    return {
        "regel": b.regel,
        "object_type": b.object_type,
        "object_id": str(b.object_id),
        "deadline": b.deadline,
        "ernst": b.ernst,
        "bericht": b.bericht[:500],
        "rol": b.rol,
        "link": b.link,
        "traject_id": b.traject_id,
        "deelname_id": b.deelname_id,
        "verantwoordelijke_id": b.verantwoordelijke_id,
        "organisatie_id": b.organisatie_id,
        "suggestie": b.suggestie,
        "suggestie_toelichting": b.suggestie_toelichting[:300],
    }


def _update(signaal: Signaal, b: Bevinding, now) -> bool:
    """Bring an existing signal in line with what the rule found; True when anything changed.

    A closed (vervallen) signal whose cause is back opens again. A severity that rises opens
    a signal the user had only acknowledged. A signal marked done stays done.
    """
    velden = _velden(b)
    dirty = False
    escalated = c.ERNST_RANG[b.ernst] > c.ERNST_RANG.get(signaal.ernst, 0)
    if any(getattr(signaal, f) != velden[f] for f in _INHOUD):
        signaal.gewijzigd_op = now
        dirty = True
    for field in (*_INHOUD, *_OVERIG):
        if getattr(signaal, field) != velden[field]:
            setattr(signaal, field, velden[field])
            dirty = True
    reopen = signaal.status == c.SignaalStatus.VERVALLEN or (escalated and signaal.status == c.SignaalStatus.GEZIEN)
    if reopen:
        signaal.status, signaal.status_op, signaal.status_door, signaal.uitgesteld_tot = (
            c.SignaalStatus.OPEN, now, None, None,
        )  # fmt: skip
        signaal.gewijzigd_op = now
        dirty = True
    return dirty
