"""The access log's protection in the database (issue 17): UPDATE, DELETE and TRUNCATE refused,
one guarded way to delete expired rows (for retention), and a test flush that still works."""

import datetime
import os

import psycopg
import pytest
from django.core.management import call_command
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from leerwerk.audit import GrensTeRecent, verwijder_toegangslog_voor
from leerwerk.models import (
    TOEGANGSLOG_GRENS_SETTING,
    TOEGANGSLOG_TESTFLUSH_SETTING,
    AccessLog,
    Organisatie,
    OrganisatieType,
)

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

DAG = datetime.timedelta(days=1)


def _rij(tijdstip, object_id="1"):
    return AccessLog.objects.create(
        tijdstip=tijdstip, action="view", object_type="deelnemers.Deelnemer", object_id=object_id, result="allowed"
    )


def _sql(sql, params=()):
    with transaction.atomic(using="audit"), connections["audit"].cursor() as cursor:
        cursor.execute(sql, params)


def test_an_ordinary_update_delete_or_truncate_is_refused_even_of_an_old_row():
    oud = _rij(timezone.now() - 3 * 365 * DAG)
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic(using="audit"):
        AccessLog.objects.filter(pk=oud.pk).update(detail="aangepast")
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic(using="audit"):
        AccessLog.objects.filter(pk=oud.pk).delete()
    with pytest.raises(DatabaseError, match="Cannot truncate"):
        _sql("TRUNCATE leerwerk_accesslog")
    with pytest.raises(DatabaseError, match="Cannot truncate"):  # Django's flush: only in the test flush
        _sql("TRUNCATE leerwerk_accesslog, leerwerk_heartbeat RESTART IDENTITY CASCADE")
    assert AccessLog.objects.get(pk=oud.pk).detail == ""


def test_setting_the_bound_by_hand_never_lets_an_update_or_a_young_row_go():
    oud, jong = _rij(timezone.now() - 3 * 365 * DAG), _rij(timezone.now() - 30 * DAG)
    toekomst = (timezone.now() + DAG).isoformat()
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        _sql(
            "SELECT set_config(%s, %s, true); UPDATE leerwerk_accesslog SET detail = 'x' WHERE id = %s",
            [TOEGANGSLOG_GRENS_SETTING, toekomst, oud.pk],
        )
    with pytest.raises(DatabaseError, match="Cannot update or delete"):  # younger than six months
        _sql(
            "SELECT set_config(%s, %s, true); DELETE FROM leerwerk_accesslog WHERE id = %s",
            [TOEGANGSLOG_GRENS_SETTING, toekomst, jong.pk],
        )
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {oud.pk, jong.pk}


def test_the_guarded_deletion_removes_exactly_the_rows_before_the_bound_in_batches():
    nu = timezone.now()
    grens = nu - 400 * DAG
    voor = [_rij(grens - n * DAG, object_id=str(n)) for n in range(1, 8)]
    voor.append(_rij(grens - datetime.timedelta(microseconds=1), object_id="net"))
    op_de_grens, na = _rij(grens, object_id="grens"), _rij(grens + datetime.timedelta(seconds=1), object_id="na")
    recent = _rij(nu, object_id="nu")

    assert verwijder_toegangslog_voor(grens, batch=3) == len(voor)  # 8 rows in batches of 3: 3 + 3 + 2
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {op_de_grens.pk, na.pk, recent.pk}
    assert verwijder_toegangslog_voor(grens, batch=3) == 0  # idempotent

    # afterwards the bound is gone: an ordinary DELETE of an old row is refused again
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic(using="audit"):
        AccessLog.objects.filter(pk=op_de_grens.pk).delete()


@pytest.mark.parametrize("dagen_geleden", [0, 30, 150, -10])
def test_the_guarded_deletion_refuses_a_bound_younger_than_six_months(dagen_geleden):
    rij = _rij(timezone.now() - 3 * 365 * DAG)
    with pytest.raises(GrensTeRecent, match="minstens 6 maanden"):
        verwijder_toegangslog_voor(timezone.now() - dagen_geleden * DAG)
    assert AccessLog.objects.filter(pk=rij.pk).exists()


def test_the_guarded_deletion_refuses_a_naive_bound():
    with pytest.raises(ValueError, match="tijdzone"):
        verwijder_toegangslog_voor(datetime.datetime(2020, 1, 1))  # noqa: DTZ001


def test_a_bound_just_past_six_months_is_accepted():
    seven_months = _rij(timezone.now() - 215 * DAG)
    assert verwijder_toegangslog_voor(timezone.now() - 200 * DAG) == 1
    assert not AccessLog.objects.filter(pk=seven_months.pk).exists()


@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_the_test_flush_empties_the_log_but_only_in_its_own_transaction():
    """pytest-django empties the tables after this test with the same flush: it must succeed."""
    _rij(timezone.now())
    Organisatie.objects.create(naam="Weg na de flush", type=OrganisatieType.WERKGEVER)
    call_command("flush", interactive=False, database="default", verbosity=0)
    assert not AccessLog.objects.exists() and not Organisatie.objects.exists()
    # The flush's permission ended with its transaction: a TRUNCATE now is refused again.
    _rij(timezone.now())
    with pytest.raises(DatabaseError, match="Cannot truncate"):
        _sql("TRUNCATE leerwerk_accesslog")
    assert AccessLog.objects.count() == 1


@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_the_flush_exception_holds_only_in_a_test_database():
    """The TRUNCATE trigger's own function, installed in a database not named test_*, refuses a
    TRUNCATE even with the flush's setting on: a production database cannot be emptied so."""
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_functiondef(t.tgfoid) FROM pg_trigger t"
            " WHERE t.tgrelid = 'leerwerk_accesslog'::regclass AND t.tgname LIKE 'pgtrigger_toegangslog_niet_legen%%'"
        )
        functie = cursor.fetchone()[0]
    params = connections["default"].get_connection_params()
    naam = f"leerwerk_proef_{os.getpid()}"
    with psycopg.connect(**params, autocommit=True) as beheer:
        beheer.execute(f"DROP DATABASE IF EXISTS {naam}")
        beheer.execute(f"CREATE DATABASE {naam}")
    try:
        with psycopg.connect(**{**params, "dbname": naam}) as proef:
            proef.execute("CREATE TABLE leerwerk_accesslog (id int)")
            proef.execute(  # pgtrigger's helper, as it installs it: nothing is ignored here
                "CREATE FUNCTION public._pgtrigger_should_ignore(trigger_name NAME) RETURNS BOOLEAN"
                " AS $$ SELECT false $$ LANGUAGE sql"
            )
            proef.execute(functie)
            proef.execute(
                "CREATE TRIGGER niet_legen BEFORE TRUNCATE ON leerwerk_accesslog FOR EACH STATEMENT"
                f" EXECUTE FUNCTION {functie.split('FUNCTION ')[1].split('(')[0]}()"
            )
            proef.execute("INSERT INTO leerwerk_accesslog VALUES (1)")
            proef.execute("SELECT set_config(%s, 'aan', true)", [TOEGANGSLOG_TESTFLUSH_SETTING])
            with pytest.raises(psycopg.errors.RaiseException, match="Cannot truncate"):
                proef.execute("TRUNCATE leerwerk_accesslog")
    finally:
        with psycopg.connect(**params, autocommit=True) as beheer:
            beheer.execute(f"DROP DATABASE IF EXISTS {naam}")
