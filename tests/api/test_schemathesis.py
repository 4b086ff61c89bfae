"""The schemathesis run: every operation of the OpenAPI schema, with generated input (valid and
invalid), as each demo login that uses the API, against the demo data; and without a login.

Checked for every answer: no server error (5xx), the status code is one the schema documents,
the body and its content type match the schema, and no error body (4xx) names a demo person
(name, BSN, e-mail address, telephone number) or a user (name, e-mail address).

The application runs in-process (schemathesis' WSGI transport, the same thread and so the same
database connection as the test): everything the run writes is rolled back with the demo world.
Bounded and deterministic: a fixed number of examples per operation, derandomized.
"""

import re
import secrets
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks
from schemathesis.core.failures import Failure

from deelnemers.models import Deelnemer
from leerwerk.api_urls import router
from leerwerk.demo import EXTRA_DEMO_LOGINS, demo_email
from leerwerk.models import Rol, User
from tests.leerwerk.test_demo_data import _demo_world, demo  # noqa: F401 - the shared demo world
from trajecten.models import Deelname, Traject, TrajectFase, TrajectPartner

pytestmark = [pytest.mark.django_db(databases=["default", "audit"]), pytest.mark.slow]

# The logins that use the API, each with the part of it their work needs.
LOGINS = [
    demo_email(Rol.KLANTMANAGER),
    demo_email(Rol.REGISSEUR),
    demo_email(Rol.WERKGEVER),
    demo_email(Rol.OPLEIDER),
    demo_email(Rol.JOBCOACH),
    demo_email(Rol.FINANCIER),
    demo_email(Rol.WETHOUDER),
    EXTRA_DEMO_LOGINS["regisseur_wsp"],
]
MAX_EXAMPLES = 20  # per operation and per mode (valid / invalid input)
ANONYMOUS_EXAMPLES = 2  # per operation, without a login: the Dutch 403 in the documented shape
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@contextmanager
def _same_connection():
    """Django's WSGI handler closes "obsolete" connections at the start and end of a request;
    inside the test's transaction that would close it. The test client disconnects the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _session(email: str) -> dict:
    """What a browser logged in as `email` sends: its session and CSRF cookies, and the CSRF
    token in the header that unsafe methods need."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    token = secrets.token_hex(16)  # a CSRF secret of 32 characters, in the cookie and the header
    return {
        "cookies": {
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            settings.CSRF_COOKIE_NAME: token,
        },
        "headers": {"X-CSRFToken": token},
    }


def _schema(app, email: str):
    """The schema as /api/v1/schema/ serves it to a logged-in user, run against `app`."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = schemathesis.openapi.from_dict(response.json())
    schema.app = app  # what schemathesis.openapi.from_wsgi does: in-process WSGI transport
    return schema


def _personal_data() -> re.Pattern:
    """Every demo person's name, BSN, e-mail address and telephone number, and every user's
    name and e-mail address, as whole words."""
    words: set[str] = set()
    for voornaam, achternaam, bsn, email, telefoon in Deelnemer.objects.values_list(
        "voornaam", "achternaam", "bsn", "email", "telefoon"
    ):
        words |= {f"{voornaam} {achternaam}", achternaam, bsn, email, telefoon}
    for naam, email in User.objects.values_list("naam", "email"):
        words |= {naam, email}
    words = {w for w in words if w and len(w) >= 4}
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True)))


def _existing_ids() -> dict[str, list[int]]:
    """The ids of the demo's objects, per resource of the router (and for the path's second id)."""
    models = {
        prefix: vs.queryset.model for prefix, vs, _ in router.registry if getattr(vs, "queryset", None) is not None
    }
    models |= {"deelnemers": Deelnemer, "trajecten": Traject, "deelnames": Deelname}
    models |= {"fase": TrajectFase, "partner": TrajectPartner}
    return {
        name: list(model.objects.order_by("pk").values_list("pk", flat=True)[:60]) for name, model in models.items()
    }


def _resource(path: str) -> str:
    """'/api/v1/begeleiding/vragen/{id}/antwoorden/' -> 'begeleiding/vragen'."""
    rest = path.removeprefix("/api/v1/")
    return max((prefix for prefix, _, _ in router.registry if rest.startswith(prefix + "/")), key=len, default="")


@dataclass
class Run:
    """One run over the schema: who logs in, what exists, what to look for, and what it found."""

    sessions: dict
    ids: dict[str, list[int]]
    personal: re.Pattern
    failures: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)  # status code -> answers (logged in)
    anonymous: Counter = field(default_factory=Counter)  # status code -> answers (anonymous)
    answered_2xx: set[str] = field(default_factory=set)  # operations that succeeded at least once

    def no_personal_data(self, ctx, response, case):
        """A check: no 4xx body names a demo person or user."""
        if 400 <= response.status_code < 500:
            found = self.personal.search(response.text or "")
            if found:
                raise Failure(
                    operation=case.operation.label,
                    title="Persoonsgegevens in een foutmelding",
                    message=f"{response.status_code}: {found.group(0)!r} in {response.text[:200]}",
                )
        return None

    def fuzz(self, operation, mode: GenerationMode, logins: list, examples: int = MAX_EXAMPLES) -> None:
        @given(case=operation.as_strategy(generation_mode=mode), login=st.sampled_from(logins), data=st.data())
        @hypothesis_settings(
            max_examples=examples,
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is reported
            suppress_health_check=list(HealthCheck),
        )
        def run(case, login, data):
            if case.path_parameters and mode is GenerationMode.POSITIVE and data.draw(st.booleans()):
                # Half the valid cases name objects that exist: the run reaches the API's work,
                # not only its 404s.
                for name in case.path_parameters:
                    pool = self.ids.get(name) or self.ids.get(_resource(case.operation.path), [])
                    if pool:
                        case.path_parameters[name] = data.draw(st.sampled_from(pool))
            # A savepoint per request: a request that breaks the transaction cannot take the rest
            # of the run down with it (its writes are kept otherwise, and rolled back at the end).
            with transaction.atomic():
                response = case.call(**self.sessions[login])
            (self.statuses if login else self.anonymous)[response.status_code] += 1
            if response.status_code < 300:
                self.answered_2xx.add(case.operation.label)
            case.validate_response(
                response,
                checks=CHECKS,
                additional_checks=[self.no_personal_data],
                headers=self.sessions[login]["headers"],
            )

        try:
            with _same_connection():
                run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected, reported at the end
            self.failures.append(f"{operation.label} [{mode.value}]: {exc}")


@pytest.mark.usefixtures("demo")
def test_every_operation_survives_generated_input():
    app = get_wsgi_application()
    with _same_connection():
        sessions = {email: _session(email) for email in LOGINS}
    sessions[None] = {"cookies": {}, "headers": {}}
    schema = _schema(app, LOGINS[0])
    run = Run(sessions=sessions, ids=_existing_ids(), personal=_personal_data())

    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            run.fuzz(operation, mode, LOGINS)
        run.fuzz(operation, GenerationMode.POSITIVE, [None], ANONYMOUS_EXAMPLES)
    took = time.monotonic() - started

    print(
        f"schemathesis: {len(operations)} operations, {run.statuses.total()} requests logged in and "
        f"{run.anonymous.total()} anonymous in {took:.0f} s; answers {dict(sorted(run.statuses.items()))} "
        f"and {dict(run.anonymous)}; {len(run.answered_2xx)} operations answered 2xx"
    )
    assert len(operations) >= 100  # the whole schema was read, not an empty or refused one
    # The logins work (nothing was refused as "niet ingelogd" or for CSRF) and the run reached
    # the API's work, not only its refusals: most operations answered with success at least once.
    assert run.statuses[403] == 0, run.statuses
    assert run.anonymous.keys() == {403}, run.anonymous  # every anonymous request: the login refusal
    assert len(run.answered_2xx) >= 40, sorted(run.answered_2xx)
    assert not run.failures, (
        f"{len(run.failures)} of {len(operations) * 3} runs failed (valid, invalid, anonymous per operation):"
        + "".join(f"\n\n{failure}" for failure in run.failures)
    )
