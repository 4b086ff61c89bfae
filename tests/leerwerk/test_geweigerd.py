"""Refused access to a person's data is logged (issue 11, BIO): a jobcoach or wethouder who
gets 404 on a participant page, a klantmanager of another gemeente, an API caller out of scope.
The row names the id asked for, and the answer is the same 404 whether the person exists or not."""

import re

import pytest
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, TrajectFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _zonder_tokens(response):
    """The page without its per-request values (CSP nonce, CSRF token)."""
    return re.sub(r'nonce="[^"]*"|value="[^"]*"|"X-CSRFToken": "\w+"', "", response.content.decode())


def _geweigerd(user):
    return list(AccessLog.objects.filter(user_id=user.pk, result="denied").order_by("id"))


@pytest.mark.parametrize("rol", [Rol.JOBCOACH, Rol.WETHOUDER])
def test_a_404_on_a_participant_page_writes_a_denied_row(client, make_user, gemeente, rol):
    user = make_user(rol)
    deelname = DeelnameFactory(traject=TrajectFactory(regie_organisatie=gemeente))
    client.force_login(user)
    assert client.get(reverse("trajecten:deelname", args=[deelname.pk])).status_code == 404
    assert client.get(reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id])).status_code == 404
    rows = _geweigerd(user)
    assert [(r.object_type, r.object_id, r.action) for r in rows] == [
        ("trajecten.Deelname", str(deelname.pk), "view"),
        ("deelnemers.Deelnemer", str(deelname.deelnemer_id), "view"),
    ]
    assert rows[0].rol == rol and rows[0].detail == "GET 404" and rows[0].path.startswith("/deelnames/")


def test_the_row_does_not_reveal_whether_the_person_exists(client, make_user):
    user = make_user(Rol.KLANTMANAGER)
    ander = DeelnemerFactory(gemeente=GemeenteFactory())
    client.force_login(user)
    bestaat = client.get(reverse("deelnemers:kandidaat", args=[ander.pk]))
    bestaat_niet = client.get(reverse("deelnemers:kandidaat", args=[ander.pk + 1000]))
    assert bestaat.status_code == bestaat_niet.status_code == 404
    assert _zonder_tokens(bestaat) == _zonder_tokens(bestaat_niet)
    a, b = _geweigerd(user)
    assert {k: v for k, v in vars(a).items() if k not in ("id", "tijdstip", "object_id", "path", "_state")} == {
        k: v for k, v in vars(b).items() if k not in ("id", "tijdstip", "object_id", "path", "_state")
    }


def test_a_refused_api_call_and_post_are_logged_too(client, make_user):
    user = make_user(Rol.KLANTMANAGER)
    ander = DeelnemerFactory(gemeente=GemeenteFactory())
    client.force_login(user)
    assert client.get(f"/api/v1/deelnemers/{ander.pk}/").status_code == 404
    assert client.post(reverse("deelnemers:bsn", args=[ander.pk])).status_code == 404
    rows = _geweigerd(user)
    assert [(r.action, r.object_id, r.detail) for r in rows] == [
        ("api", str(ander.pk), "GET 404"),
        ("view", str(ander.pk), "POST 404"),
    ]


def test_an_allowed_read_and_a_404_elsewhere_write_no_denied_row(client, make_user, gemeente):
    user = make_user(Rol.KLANTMANAGER)
    eigen = DeelnemerFactory(gemeente=gemeente)
    client.force_login(user)
    assert client.get(reverse("deelnemers:kandidaat", args=[eigen.pk])).status_code == 200
    assert client.get("/bestaat-niet/").status_code == 404
    assert client.get(reverse("trajecten:detail", args=[999999])).status_code == 404  # not a person
    assert _geweigerd(user) == []


def test_the_rows_of_one_request_are_written_in_one_insert(make_user, gemeente):
    from django.db import connections
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from leerwerk.audit import AccessLogMiddleware, log_access, log_access_many

    user = make_user(Rol.KLANTMANAGER)
    personen = DeelnemerFactory.create_batch(3, gemeente=gemeente)

    def view(request):  # a page with a list and a detail, like the trajectory page
        log_access_many(request, action="list", objects=personen[:2])
        log_access(request, action="view", obj=personen[2])
        assert not AccessLog.objects.filter(user_id=user.pk).exists()  # not yet: at the end
        return HttpResponse("ok")

    request = RequestFactory().get("/kandidaten/")
    request.user = user
    with CaptureQueriesContext(connections["audit"]) as audit:
        AccessLogMiddleware(view)(request)
    assert len([q for q in audit.captured_queries if q["sql"].startswith("INSERT")]) == 1
    assert sorted(AccessLog.objects.filter(user_id=user.pk).values_list("action", flat=True)) == [
        "list",
        "list",
        "view",
    ]


def test_the_rows_are_written_when_the_view_fails(make_user, gemeente):
    from django.test import RequestFactory

    from leerwerk.audit import AccessLogMiddleware, log_access

    user = make_user(Rol.KLANTMANAGER)
    persoon = DeelnemerFactory(gemeente=gemeente)

    def view(request):
        log_access(request, action="view", obj=persoon)
        raise RuntimeError("de rest van het verzoek mislukt")

    request = RequestFactory().get("/kandidaten/")
    request.user = user
    with pytest.raises(RuntimeError):
        AccessLogMiddleware(view)(request)
    assert AccessLog.objects.filter(user_id=user.pk, object_id=str(persoon.pk)).count() == 1
