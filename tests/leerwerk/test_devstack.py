"""`make run`'s supervisor, for real: a throw-away stack in its own .local folder.

Starts PostgreSQL, Redis, migrations, demo data, web, worker and beat; checks that the page
answers and that worker and beat work; stops with Ctrl-C and with SIGTERM and finds no
process left behind; starts again on the same data without duplicates; survives stale lock
files from a crash.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from leerwerk import embedded
from leerwerk.demo import DEMO_PASSWORD, DEMO_ROLES, demo_email
from leerwerk.management.commands.demo_data import EXTRA_USERS

BASE_DIR = Path(settings.BASE_DIR)
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(local_dir: Path, port: int | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env["LEERWERK_LOCAL_DIR"] = str(local_dir)
    if port:
        env["PORT"] = str(port)
    return env


def _processes_of(local_dir: Path) -> list[str]:
    """Every process still carrying our throw-away folder in its environment or command line."""
    marker = str(local_dir).encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if marker in (proc / "environ").read_bytes() or marker in (proc / "cmdline").read_bytes():
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _get(url: str, opener=None):
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def _login(base: str, email: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _status, html = _get(f"{base}/accounts/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password}).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    with opener.open(request, timeout=10) as response:
        return response.geturl()


def _count_users(local_dir: Path) -> int:
    with psycopg.connect(host=str(embedded.socket_dir(local_dir)), user="postgres", dbname="leerwerk") as conn:
        return conn.execute("SELECT count(*) FROM leerwerk_user").fetchone()[0]


def _start(local_dir: Path, port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "leerwerk.devstack", "run"],
        cwd=BASE_DIR,
        env=_env(local_dir, port),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _stop(process: subprocess.Popen, sig: int, local_dir: Path) -> None:
    process.send_signal(sig)
    process.wait(60)
    _wait(lambda: not _processes_of(local_dir), 15, "all processes to stop")


def test_run_serves_the_app_keeps_data_and_leaves_nothing_behind(tmp_path):
    local_dir = tmp_path / "local"
    log = tmp_path / "devstack.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"

    first = _start(local_dir, port, log)
    try:
        _wait(lambda: _get(f"{base}/accounts/login/")[0] == 200, 240, f"the login page\n{log.read_text()}")
        assert "leerwerk draait op" in log.read_text()
        assert _login(base, demo_email("klantmanager"), DEMO_PASSWORD).endswith("/mijn-werk/klantmanager/")
        # Beat schedules the heartbeat, the worker runs it: the health check sees both.
        _wait(lambda: _get(f"{base}/gezondheid/?celery=1")[0] == 200, 120, f"worker and beat\n{log.read_text()}")
        users = _count_users(local_dir)
        assert users == len(DEMO_ROLES) + len(EXTRA_USERS)  # the demo logins, created once
    finally:
        _stop(first, signal.SIGINT, local_dir)  # Ctrl-C
    assert first.returncode == 0
    assert _get(f"{base}/accounts/login/")[0] is None

    second = _start(local_dir, port, log)
    try:
        _wait(lambda: _get(f"{base}/accounts/login/")[0] == 200, 240, f"the second start\n{log.read_text()}")
        assert "demodata overgeslagen" in log.read_text()
        assert _count_users(local_dir) == users
    finally:
        _stop(second, signal.SIGTERM, local_dir)


def test_stale_lock_files_from_a_crash_do_not_block_the_next_start(tmp_path):
    local_dir = tmp_path / "local"
    run = [sys.executable, "-m", "leerwerk.devstack", "exec", "--", sys.executable, "-c", "print('ok')"]
    assert subprocess.run(run, cwd=BASE_DIR, env=_env(local_dir), timeout=120, check=False).returncode == 0

    # What a SIGKILL leaves: postmaster.pid naming a live process that is not PostgreSQL,
    # Redis's pid file and a socket file nobody listens on.
    sockets = embedded.socket_dir(local_dir)
    decoy = subprocess.Popen(["sleep", "60"])
    try:
        (local_dir / "pgdata" / "postmaster.pid").write_text(f"{decoy.pid}\n{local_dir / 'pgdata'}\n")
        (sockets / "redis.pid").write_text(str(decoy.pid))
        with socket.socket(socket.AF_UNIX) as stale:
            stale.bind(str(sockets / "redis.sock"))
        result = subprocess.run(run, cwd=BASE_DIR, env=_env(local_dir), timeout=120, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok" in result.stdout
    finally:
        decoy.kill()
        decoy.wait()
    _wait(lambda: not _processes_of(local_dir), 15, "all processes to stop")
