"""leerwerk.sql.prepared_cursor: our own statements on the hot paths are prepared once per
connection and still counted as queries; the ORM's are not prepared."""

import pytest
from django.db import connection, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from leerwerk.audit import AUDIT_DB, AccessLogMiddleware, log_access
from leerwerk.models import AccessLog, Rol
from leerwerk.sql import prepared_cursor

pytestmark = pytest.mark.django_db(databases=["default", AUDIT_DB])


def _prepared(alias="default") -> list[str]:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_is_prepared_once_and_counted_every_time():
    with CaptureQueriesContext(connection) as queries:
        for n in range(3):
            with prepared_cursor() as cursor:
                cursor.execute("SELECT %(n)s::int + 4242", {"n": n})
                assert cursor.fetchone() == (n + 4242,)
    assert [q["sql"] for q in queries] == ["SELECT %(n)s::int + 4242"] * 3
    assert [s for s in _prepared() if "4242" in s] == ["SELECT $1::int + 4242"]


def test_the_orm_binds_in_the_client_and_prepares_nothing():
    for _ in range(3):
        list(AccessLog.objects.using(AUDIT_DB).filter(object_id="orm-4243"))
    assert not [s for s in _prepared(AUDIT_DB) if "orm-4243" in s or "object_id" in s]


def test_the_access_log_insert_is_prepared_on_the_audit_connection(make_user):
    user = make_user(Rol.REGISSEUR)

    def view(request):
        log_access(request, action="view", object_type="tests.Iets", object_id=request.GET["n"])
        return HttpResponse("ok")

    with CaptureQueriesContext(connections[AUDIT_DB]) as queries:
        for n in range(2):
            request = RequestFactory().get("/iets/", {"n": n})
            request.user = user
            AccessLogMiddleware(view)(request)
    assert len(queries) == 2
    assert any(s.startswith('INSERT INTO "leerwerk_accesslog"') for s in _prepared(AUDIT_DB))
    geschreven = AccessLog.objects.filter(object_type="tests.Iets").order_by("id")
    assert list(geschreven.values_list("object_id", "user_id")) == [("0", user.pk), ("1", user.pk)]


@pytest.mark.django_db(databases=["default", AUDIT_DB], transaction=True)
def test_a_connection_the_server_dropped_is_replaced_as_django_does(settings):
    """CONN_HEALTH_CHECKS: at a request's start the connection is checked once; one the server
    ended (a restart, a failover) is replaced instead of failing the access log's INSERT."""
    for alias in ("default", AUDIT_DB):
        verbinding = connections[alias]
        verbinding.ensure_connection()
        assert verbinding.health_check_enabled
        pid = verbinding.connection.info.backend_pid
        with connections["default" if alias == AUDIT_DB else AUDIT_DB].cursor() as andere:
            andere.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])  # waits until it has ended
            assert andere.fetchone() == (True,)
        verbinding.health_check_done = False  # as close_if_unusable_or_obsolete at a request's start
        with prepared_cursor(alias) as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != pid
