"""Django's flush, which can empty the access log in a test database, and only there.

The access log refuses TRUNCATE (a statement-level trigger, see leerwerk.models.AccessLog), and
Django's flush empties every table with one TRUNCATE. pytest-django's transactional tests run a
flush after every test, so without this the flush would fail. This command sets
`leerwerk.toegangslog_testflush` for the flush's own transaction; the trigger lets the TRUNCATE
through only when that setting is on AND the database's name starts with "test_" (Django's test
databases). Elsewhere the trigger refuses the whole statement, so `manage.py flush` of a
development or production database stops with an error and empties nothing. Why that is safe in
production: the exception needs both a session setting and a database name a production
database does not have (the README says so under TEST_DATABASE_NAME).
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

from leerwerk.models import TOEGANGSLOG_TESTFLUSH_SETTING


class Command(DjangoFlush):
    def handle(self, **options):
        database = options["database"]
        with transaction.atomic(using=database):
            with connections[database].cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'aan', true)", [TOEGANGSLOG_TESTFLUSH_SETTING])
            super().handle(**options)
            with connections[database].cursor() as cursor:
                cursor.execute("SELECT set_config(%s, '', true)", [TOEGANGSLOG_TESTFLUSH_SETTING])
