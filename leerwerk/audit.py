"""The access log: one helper that views and the API call for every read of personal data.

Rows are written through the separate ``audit`` database connection in autocommit, so a row
survives when the request's own transaction rolls back afterwards.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable

from django.db import connections, models, transaction

from leerwerk.models import (
    TOEGANGSLOG_GRENS_SETTING,
    TOEGANGSLOG_MINIMUM_MAANDEN,
    AccessLog,
    AccessLogAction,
    AccessLogResult,
)
from leerwerk.security import client_ip
from leerwerk.sql import prepared_cursor

AUDIT_DB = "audit"


class AuditRouter:
    """The access log is read and written through the audit connection; all else on default."""

    def db_for_write(self, model, **hints):
        return AUDIT_DB if model is AccessLog else None

    def db_for_read(self, model, **hints):
        return AUDIT_DB if model is AccessLog else None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != AUDIT_DB


def log_access(
    request,
    *,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    allowed: bool = True,
    rol: str = "",
    detail: str = "",
) -> AccessLog:
    """Record that the user of `request` read (or was refused) one object or a list.

    Pass `obj`, or `object_type` (and `object_id`) for lists and exports.
    """
    if action not in AccessLogAction.values:
        raise ValueError(f"Unknown access-log action: {action}")
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or obj.pk
    row = AccessLog(**_row(request, action, object_type, object_id, allowed, rol, detail))
    _write(request, [row])
    return row


def log_access_many(
    request,
    *,
    action: str,
    objects,
    rol: str = "",
    rol_for: Callable[[models.Model], str] | None = None,
    detail: str = "",
) -> int:
    """One row per person shown in a list or export, written in a single query.

    The role logged is `rol_for(obj)` when given (a list may show persons the user reads in
    different roles), else `rol`, else the request's active role, else the user's main role.
    """
    if action not in AccessLogAction.values:
        raise ValueError(f"Unknown access-log action: {action}")
    # What every row shares (user, organisation, IP address, path) is worked out once, not per
    # person: a page of 50 persons parsed the IP address 50 times (issue 12).
    common = _row(request, action, "", "", True, rol, detail)
    rows = []
    for obj in objects:
        row = {**common, "object_type": obj._meta.label, "object_id": str(obj.pk or "")}
        if rol_for is not None:
            row["rol"] = rol_for(obj) or common["rol"]
        rows.append(AccessLog(**row))
    _write(request, rows)
    return len(rows)


_BUFFER = "_leerwerk_toegangslog"


def _write(request, rows: list[AccessLog]) -> None:
    """Within a request that AccessLogMiddleware watches, the rows wait for the end of the
    request and are written in one INSERT (one commit instead of one per call: issue 12);
    elsewhere (a task, a command, a test without middleware) they are written at once."""
    buffer = getattr(request, _BUFFER, None) if request is not None else None
    if buffer is None:
        AccessLog.objects.bulk_create(rows)
    else:
        buffer.extend(rows)


def _insert(rows: list[AccessLog]) -> None:
    """Write `rows` in one INSERT of one array per column (as bulk_create does on PostgreSQL),
    without bulk_create's preparation of every value of every row and its BEGIN and COMMIT
    around the one statement: for a list of 50 persons that cost more than the rest of the
    page (issue 12). The audit connection is in autocommit: the row is written at once. A
    prepared statement: it runs on nearly every request."""
    sql, attnames = _insert_sql()
    with prepared_cursor(AUDIT_DB) as cursor:
        cursor.execute(sql, [[getattr(row, attname) for row in rows] for attname in attnames])


@functools.cache
def _insert_sql() -> tuple[str, list[str]]:
    connection = connections[AUDIT_DB]
    fields = [f for f in AccessLog._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(AccessLog._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    # No user input in the statement: the table, its columns and their types.
    return f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays})", [f.attname for f in fields]  # noqa: S608


def _row(request, action, object_type, object_id, allowed, rol, detail) -> dict:
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    organisatie = user.organisatie if authenticated else None
    return {
        "user_id": user.pk if authenticated else None,
        "user_email": user.email if authenticated else "",
        "rol": rol or (getattr(request, "active_rol", None) or (user.hoofdrol if authenticated else "") or ""),
        "organisatie_id": organisatie.pk if organisatie else None,
        "organisatie_naam": organisatie.naam if organisatie else "",
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id or ""),
        "result": AccessLogResult.ALLOWED if allowed else AccessLogResult.DENIED,
        "ip": client_ip(request),
        "path": (request.path[:500] if request is not None else ""),  # no query string: it may hold a BSN
        "detail": detail[:500],
    }


# Routes that reach one person's data: (view name or its start, object type, URL argument).
# A refused request on one of these (403 or 404) writes a "geweigerd" row (BIO: failed access is
# logged too). The row names the id that was asked for, whether or not it exists, and the
# response is the same 404 either way, so existence does not leak.
PERSOONSROUTES = (
    ("deelnemers:", "deelnemers.Deelnemer", "pk"),
    ("trajecten:deelname", "trajecten.Deelname", "pk"),
    ("trajecten:contactmoment_toevoegen", "trajecten.Deelname", "pk"),
    ("werkgever:profiel", "werkgevers.Profiel", "pk"),
    ("werkgever:interesse", "werkgevers.Profiel", "pk"),
    ("werkgever:match", "werkgevers.Match", "pk"),
    ("werkgever:plaatsing", "werkgevers.Plaatsing", "pk"),
    ("matching:profiel", "trajecten.Deelname", "deelname_pk"),
    ("matching:plaatsing_", "werkgevers.Plaatsing", "pk"),
    ("opleiders:rij", "opleiders.ModuleDeelname", "pk"),
    ("signalen:verlengen", "werkgevers.Plaatsing", "pk"),
    ("begeleiding:vraag", "begeleiding.Werkgeversvraag", "pk"),
    ("begeleiding:deelnemer", "trajecten.Deelname", "pk"),
    ("begeleiding:contact", "trajecten.Deelname", "pk"),
    ("begeleiding:behoudcheck", "trajecten.Deelname", "pk"),
    ("begeleiding:afsluiten", "trajecten.Deelname", "pk"),
    # the API (router names: <basename>-<action>)
    ("deelnemer-", "deelnemers.Deelnemer", "pk"),
    ("deelname-", "trajecten.Deelname", "pk"),
    ("profiel-", "werkgevers.Profiel", "pk"),
    ("match-", "werkgevers.Match", "pk"),
    ("plaatsing-", "werkgevers.Plaatsing", "pk"),
)


def persoonsroute(resolver_match) -> tuple[str, str] | None:
    """(object type, requested id) when the resolved route reaches one person's data."""
    if resolver_match is None:
        return None
    for start, object_type, kwarg in PERSOONSROUTES:
        if resolver_match.view_name.startswith(start) and kwarg in resolver_match.kwargs:
            return object_type, str(resolver_match.kwargs[kwarg])
    return None


class AccessLogMiddleware:
    """Writes the access-log rows of a request in one batch once its response is made, and logs
    every refused attempt to reach a person's data: a 403 or 404 on a person route.

    The rows are written through the audit connection whatever became of the request's own
    transaction, also when the view failed (Django has turned an exception into a response by
    then, and the `finally` covers the rest)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setattr(request, _BUFFER, [])
        try:
            response = self.get_response(request)
            self._weigering(request, response)
        finally:
            rows = getattr(request, _BUFFER)
            setattr(request, _BUFFER, None)
            if rows:
                _insert(rows)
        return response

    @staticmethod
    def _weigering(request, response) -> None:
        if response.status_code in (403, 404):
            route = persoonsroute(getattr(request, "resolver_match", None))
            if route is not None:
                object_type, object_id = route
                action = AccessLogAction.API if request.path.startswith("/api/") else AccessLogAction.VIEW
                log_access(
                    request,
                    action=action,
                    object_type=object_type,
                    object_id=object_id,
                    allowed=False,
                    detail=f"{request.method} {response.status_code}",
                )


class GrensTeRecent(ValueError):
    """The bound asks to delete access-log rows younger than the minimum retention."""


def verwijder_toegangslog_voor(grens: datetime.datetime, *, batch: int = 5000) -> int:
    """Delete the access-log rows with `tijdstip` before `grens` (strictly older), in batches of
    `batch` rows, one transaction each; return how many rows were deleted (0 when none).

    The one way past the log's protection, for the retention task (issue 17, item 3): the
    trigger on the table refuses every UPDATE and every DELETE, except a DELETE of a row older
    than the bound this function sets for its own transaction
    (``SET LOCAL leerwerk.toegangslog_grens``) AND older than TOEGANGSLOG_MINIMUM_MAANDEN (6)
    months by the database's clock, a floor the trigger enforces itself.

    `grens` must be timezone-aware and at least TOEGANGSLOG_MINIMUM_MAANDEN months ago (by the
    database's clock): a more recent bound raises GrensTeRecent (a ValueError) before anything
    is deleted. Idempotent: a second run with the same bound deletes nothing. Writes no
    access-log row itself; the caller reports what was deleted.
    """
    if grens.tzinfo is None:
        raise ValueError("grens moet een tijdzone hebben")
    if batch < 1:
        raise ValueError("batch moet minstens 1 zijn")
    connection = connections[AUDIT_DB]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s::timestamptz <= now() - interval '{TOEGANGSLOG_MINIMUM_MAANDEN} months'", [grens])
        if not cursor.fetchone()[0]:
            raise GrensTeRecent(
                f"Het toegangslog wordt minstens {TOEGANGSLOG_MINIMUM_MAANDEN} maanden bewaard; "
                f"{grens.isoformat()} is te recent."
            )
    table = connection.ops.quote_name(AccessLog._meta.db_table)
    # No user input in the statement: the table name; the bound and batch size are parameters.
    delete = (
        f"DELETE FROM {table} WHERE id IN "  # noqa: S608
        f"(SELECT id FROM {table} WHERE tijdstip < %s ORDER BY tijdstip LIMIT %s)"
    )
    totaal = 0
    while True:
        with transaction.atomic(using=AUDIT_DB), connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [TOEGANGSLOG_GRENS_SETTING, grens.isoformat()])
            cursor.execute(delete, [grens, batch])
            verwijderd = cursor.rowcount
            # SET LOCAL ends with the transaction (or its rollback); inside an outer transaction
            # (a test) it would outlive this block, so the bound is cleared here as well.
            cursor.execute("SELECT set_config(%s, '', true)", [TOEGANGSLOG_GRENS_SETTING])
        totaal += verwijderd
        if verwijderd < batch:
            return totaal
