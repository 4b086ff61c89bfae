"""Supervisor behind `make run` and `make test`.

    python -m leerwerk.devstack run            services + migrate + demo data + web, worker, beat
    python -m leerwerk.devstack services       only the embedded PostgreSQL and Redis
    python -m leerwerk.devstack exec -- CMD    run CMD with the services up (reused if running)

PostgreSQL and Redis are started only when DATABASE_URL / REDIS_URL are absent. Everything
this process starts runs in its own session with a parent-death signal, and is stopped in
order (web, worker, beat, then Redis, then PostgreSQL) on Ctrl-C or SIGTERM. Services that
were already running (another `make run`) are reused and left running.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time

from leerwerk import embedded
from leerwerk.demo import DEMO_PASSWORD, DEMO_ROLES, EXTRA_DEMO_LOGINS, demo_email


class Stop(Exception):
    pass


def _raise_stop(signum, frame):
    raise Stop(signum)


def _say(message: str) -> None:
    print(f"[leerwerk] {message}", flush=True)


class Stack:
    def __init__(self) -> None:
        self.services: list[embedded.Service] = []
        self.children: list[tuple[str, subprocess.Popen]] = []
        self.log_dir = embedded.local_dir() / "log"

    def start_services(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if not os.environ.get("DATABASE_URL"):
            service = embedded.start_postgres(self.log_dir)
            self.services.append(service)
            embedded.ensure_database()
            _say(f"PostgreSQL {'gestart' if service.owned else 'hergebruikt'} (socket in {embedded.socket_dir()})")
        if not os.environ.get("REDIS_URL"):
            service = embedded.start_redis(self.log_dir)
            self.services.append(service)
            _say(f"Redis {'gestart' if service.owned else 'hergebruikt'} ({embedded.redis_socket()})")

    def spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(
            args,
            cwd=embedded.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            preexec_fn=embedded._set_parent_death_signal(signal.SIGTERM),
        )
        self.children.append((name, process))
        return process

    def stop(self) -> None:
        # Children run in their own session: signal the whole group (runserver's reloader,
        # Celery's pool processes) and wait, then the services in reverse order.
        for _name, process in reversed(self.children):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, process in reversed(self.children):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # leftovers in the group, if any
            if process.poll() is None:
                process.wait()
        for service in reversed(self.services):
            service.stop()


def _manage(*args: str) -> list[str]:
    return [sys.executable, str(embedded.BASE_DIR / "manage.py"), *args]


def run(stack: Stack) -> int:
    stack.start_services()
    for step in (_manage("migrate", "--noinput"), _manage("demo_data", "--if-empty")):
        result = stack.spawn(step[2], step).wait()
        if result != 0:
            _say(f"'{' '.join(step[2:])}' is mislukt (exitcode {result}).")
            return result
    port = os.environ.get("PORT", "8000")
    stack.spawn("web", _manage("runserver", "--noreload", f"127.0.0.1:{port}"))
    celery = [sys.executable, "-m", "celery", "-A", "leerwerk"]
    stack.spawn("worker", [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"])
    stack.spawn(
        "beat",
        [
            *celery,
            "beat",
            "--loglevel",
            "INFO",
            "--scheduler",
            "django_celery_beat.schedulers:DatabaseScheduler",
        ],
    )
    logins = "\n".join(f"    {email}" for email in [*map(demo_email, DEMO_ROLES), *EXTRA_DEMO_LOGINS.values()])
    _say(
        f"leerwerk draait op http://127.0.0.1:{port}/  (stoppen: Ctrl-C)\n"
        f"  Demo-logins, wachtwoord '{DEMO_PASSWORD}':\n{logins}"
    )
    while True:
        for name, process in stack.children[-3:]:
            if process.poll() is not None:
                _say(f"{name} is gestopt (exitcode {process.returncode}); alles wordt afgesloten.")
                return process.returncode or 1
        time.sleep(0.5)


def services(stack: Stack) -> int:
    stack.start_services()
    _say("PostgreSQL en Redis draaien (stoppen: Ctrl-C)")
    while all(s.process is None or s.process.poll() is None for s in stack.services):
        time.sleep(0.5)
    return 1


def exec_command(stack: Stack, command: list[str]) -> int:
    stack.start_services()
    return stack.spawn(command[0], command).wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leerwerk.devstack")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("run")
    sub.add_parser("services")
    exec_parser = sub.add_parser("exec")
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    os.chdir(embedded.BASE_DIR)
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGHUP, _raise_stop)
    stack = Stack()
    code = 1
    try:
        if args.action == "run":
            code = run(stack)
        elif args.action == "services":
            code = services(stack)
        else:
            command = args.command[1:] if args.command[:1] == ["--"] else args.command
            if not command:
                parser.error("exec needs a command")
            code = exec_command(stack, command)
    except Stop as stop:
        _say("Afsluiten...")
        code = 128 + stop.args[0] if stop.args[0] != signal.SIGINT else 0
    except embedded.EmbeddedError as error:
        _say(str(error))
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
