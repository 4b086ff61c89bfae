"""The documented backup and restore (scripts/backup.sh, scripts/herstel.sh; issue 17) run for
real: a dump of the test database with a candidate in it and an archive of the media folder are
restored into a fresh database and an empty folder, where the candidate and the file are found.
The scripts' docker commands are replaced by the same PostgreSQL tools run against the embedded
server (the environment variables the scripts document)."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from leerwerk import embedded
from tests.factories import DeelnemerFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "audit"])
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _pg_tool(name: str) -> str:
    """The embedded server's own tool (same version), else the one on PATH."""
    eigen = Path(embedded._pg_bin(name))
    return str(eigen) if eigen.exists() else shutil.which(name) or pytest.fail(f"{name} ontbreekt")


def _verbinding(database: str) -> str:
    d = connection.settings_dict
    delen = [f"--dbname={database}", f"--username={d['USER']}"]
    if d.get("HOST"):
        delen.append(f"--host={d['HOST']}")
    if d.get("PORT"):
        delen.append(f"--port={d['PORT']}")
    return " ".join(delen)


def _run(script: str, *args: str, env: dict) -> str:
    omgeving = {**os.environ, "PGPASSWORD": connection.settings_dict.get("PASSWORD") or "", **env}
    result = subprocess.run(  # noqa: S603  (our own script, our own arguments)
        ["bash", str(SCRIPTS / script), *args], env=omgeving, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_backup_restores_into_a_fresh_database(tmp_path):
    merk = f"Hersteltest{uuid.uuid4().hex[:8]}"
    deelnemer = DeelnemerFactory(achternaam=merk)
    media = tmp_path / "media"
    (media / "intentieverklaringen").mkdir(parents=True)
    (media / "intentieverklaringen" / "brief.pdf").write_bytes(b"%PDF-1.4 " + merk.encode())

    bron = connection.settings_dict["NAME"]
    _run(
        "backup.sh", str(tmp_path / "backups"),
        env={"PG_DUMP": f"{_pg_tool('pg_dump')} {_verbinding(bron)}", "MEDIA_TAR": f"tar -C {media} -czf - ."},
    )  # fmt: skip
    (dump,) = (tmp_path / "backups").glob("leerwerk-*.dump")
    (archief,) = (tmp_path / "backups").glob("media-*.tar.gz")
    assert not list((tmp_path / "backups").glob("*.deel"))

    vers = f"herstel_{uuid.uuid4().hex[:8]}"
    hersteld = tmp_path / "hersteld"
    hersteld.mkdir()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{vers}"')
    try:
        _run(
            "herstel.sh", str(dump), str(archief),
            env={
                "PG_RESTORE": f"{_pg_tool('pg_restore')} {_verbinding(vers)}",
                "MEDIA_UNTAR": f"tar -C {hersteld} -xzf -",
                "APP_STOP": "true", "APP_START": "true",
            },
        )  # fmt: skip
        d = connection.settings_dict
        with psycopg.connect(
            dbname=vers, user=d["USER"], password=d.get("PASSWORD") or None, host=d.get("HOST") or None,
            port=d.get("PORT") or None,
        ) as verbinding:  # fmt: skip
            rij = verbinding.execute(
                "SELECT bsn, voornaam FROM deelnemers_deelnemer WHERE achternaam = %s", [merk]
            ).fetchone()
            migraties = verbinding.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        assert rij == (deelnemer.bsn, deelnemer.voornaam)
        assert migraties > 0
        assert (hersteld / "intentieverklaringen" / "brief.pdf").read_bytes() == b"%PDF-1.4 " + merk.encode()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{vers}" WITH (FORCE)')


def test_restore_refuses_missing_files(tmp_path):
    result = subprocess.run(  # noqa: S603
        ["bash", str(SCRIPTS / "herstel.sh"), str(tmp_path / "geen.dump"), str(tmp_path / "geen.tar.gz")],
        capture_output=True, text=True, env={**os.environ, "APP_STOP": "false"},
    )  # fmt: skip
    assert result.returncode == 2
    assert "beide bestanden moeten bestaan" in result.stderr
