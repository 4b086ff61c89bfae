"""Our own plain SQL on the hot paths, as prepared statements.

Django's ORM binds parameters in the client (psycopg's ClientCursor): every query is parsed and
planned anew. For the few statements of our own that run on nearly every request (the access
log's INSERT, a single page's scope check) that planning costs more than running them: a
jobcoach's scope check planned in 0.4 to 0.6 ms and ran in 0.1 ms. `prepared_cursor` binds on
the server, so psycopg prepares the statement once per connection (CONN_MAX_AGE keeps the
connection; psycopg forgets its prepared statements at a rollback on it and prepares them
again) and PostgreSQL settles on one generic plan after five runs.

Only cursors from here are prepared: the ORM's client-side cursors ignore the connection's
prepare_threshold (settings: DATABASE_PREPARED_STATEMENTS, on by default, and off by itself
with CONN_MAX_AGE=0, where a connection lives one request). Turn it off behind a connection
pooler in transaction mode unless it keeps prepared statements: PgBouncer 1.22 or later with
`max_prepared_statements` above 0 (its default since 1.24). After a migration that changes the
type of a column these statements return, the old processes' connections answer "cached plan
must not change result type" until they are replaced: restart the processes after migrating,
as a deploy does. The statements still go through Django's cursor wrapper, so query
logging (the statement with its placeholders), assertNumQueries and execute wrappers see them as
any other query.
"""

from __future__ import annotations

import contextlib

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


class _DebugWrapper(CursorDebugWrapper):
    """Logs a statement as written, with its placeholders: its values are bound on the server,
    so there is no text with the values in it (Django's wrapper would log nothing usable)."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return CursorWrapper.execute(self, sql, params)


@contextlib.contextmanager
def prepared_cursor(using: str = DEFAULT_DB_ALIAS):
    """A cursor on the `using` connection that binds its parameters on the server (write `%s` or
    `%(name)s` as usual). Its statements are prepared when the setting allows it; otherwise it is
    an ordinary server-binding cursor."""
    connection = connections[using]
    # As Django's own cursor(): the health check first (CONN_HEALTH_CHECKS: a connection the
    # server dropped is replaced, not used), then the connection, errors as Django's.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
    wrapped = _DebugWrapper(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    with wrapped as cursor:
        yield cursor
