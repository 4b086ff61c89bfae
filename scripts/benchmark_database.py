"""A benchmark's own database on the PostgreSQL server the project uses (the embedded one
under .local/, or the server of DATABASE_URL): made empty before a run, dropped after it.

Shared by scripts/benchmark_signalen.py and scripts/benchmark_paginas.py. Only names that
start with `leerwerk_benchmark` are accepted: the database is dropped without asking.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

PREFIX = "leerwerk_benchmark"


def controleer_naam(naam: str) -> str | None:
    """A Dutch complaint when `naam` may not be used (it would be dropped), else None."""
    if not naam.startswith(PREFIX) or not naam.replace("_", "").isalnum():
        return (
            f"--database moet beginnen met {PREFIX} en alleen letters, cijfers en _ bevatten "
            "(de database wordt verwijderd)"
        )
    return None


def server_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from leerwerk import embedded

    return embedded.database_url()


def met_database(url: str, naam: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{naam}"))


def beheer(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(met_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def maak_database(naam: str, server: str | None = None) -> str:
    """Drop `naam` when it exists, create it empty, and return its URL."""
    if fout := controleer_naam(naam):
        raise ValueError(fout)
    url = server or server_url()
    beheer(url, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    beheer(url, f'CREATE DATABASE "{naam}"')
    return met_database(url, naam)


def verwijder_database(naam: str, server: str) -> None:
    """Close Django's connections (when Django runs) and drop `naam`, whoever is connected."""
    if fout := controleer_naam(naam):
        raise ValueError(fout)
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: BLE001, S110 - Django not set up: no connections to close
        pass
    beheer(server, f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
