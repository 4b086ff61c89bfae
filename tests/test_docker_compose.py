"""docker-compose.yml describes the production shape and holds no secret values."""

import re
from pathlib import Path

import yaml
from django.conf import settings

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"
SECRET_NAMES = re.compile(r"(SECRET|PASSWORD|PASSWD|TOKEN|_KEY|DATABASE_URL|EMAIL_URL|REDIS_URL)", re.I)
REFERENCE = re.compile(r"\$\{[A-Z0-9_]+(:?[?-][^}]*)?\}")


def _compose():
    return yaml.safe_load(COMPOSE.read_text())


def _environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def test_production_services_exist_with_health_checks():
    services = _compose()["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], f"{name} has no health check"
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    assert "migrate" not in " ".join(services["web"]["command"])  # web starts, it does not migrate
    env = _environment(services["web"])
    assert env["REDIS_URL"] != env["REDIS_CACHE_URL"]  # the cache apart from the queue


def test_no_secret_value_is_written_in_the_compose_file():
    """Secrets come from the environment: `${VAR}` references only, never literal values."""
    found = []
    for name, service in _compose()["services"].items():
        for key, value in _environment(service).items():
            if not SECRET_NAMES.search(key) or value is None:
                continue
            literal = REFERENCE.sub("", str(value))
            if key.endswith("_URL"):
                # A URL may name user and host, but its password must be a reference.
                if re.search(r"://[^/@]*:[^/@]+@", literal):
                    found.append(f"{name}.{key}")
            elif literal:
                found.append(f"{name}.{key}")
    assert found == []


def test_the_secret_check_catches_a_literal_password(tmp_path):
    # The rule above must be able to fail.
    literal = "postgres://leerwerk:hunter22@postgres/leerwerk"
    assert re.search(r"://[^/@]*:[^/@]+@", REFERENCE.sub("", literal))
    referenced = "postgres://leerwerk:${POSTGRES_PASSWORD:?zet POSTGRES_PASSWORD}@postgres/leerwerk"
    assert not re.search(r"://[^/@]*:[^/@]+@", REFERENCE.sub("", referenced))


def test_production_runs_without_debug():
    for name in ("web", "worker", "beat"):
        assert str(_environment(_compose()["services"][name])["DEBUG"]).lower() == "false"


def test_gunicorn_access_log_leaves_out_query_strings_and_referrers():
    """A search can carry a BSN in the query string; server logs must not keep it."""
    import runpy

    from gunicorn.config import Config

    settings = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    config = Config()
    for name in ("accesslog", "access_log_format"):
        config.set(name, settings[name])
    fmt = config.access_log_format
    assert "%(U)s" in fmt
    assert not any(field in fmt for field in ("%(r)s", "%(q)s", "%(f)s"))
