"""The access-log rows of a request are written in one INSERT of column arrays (issue 12): every
value arrives as it was, empty ones (no user, no IP address, no organisation) as NULL."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from leerwerk.audit import AccessLogMiddleware, log_access, log_access_many
from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnemerFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

_VELDEN = ["user_id", "user_email", "rol", "organisatie_id", "organisatie_naam", "action", "object_type"]
_VELDEN += ["object_id", "result", "ip", "path", "detail"]


def test_every_value_is_written_as_it_was_and_empty_ones_as_null(make_user, gemeente):
    user = make_user(Rol.KLANTMANAGER)
    personen = DeelnemerFactory.create_batch(2, gemeente=gemeente)
    verwacht = []

    def view(request):
        log_access_many(request, action="list", objects=personen, rol_for=lambda p: "regisseur", detail="lijst")
        verwacht.extend(request._leerwerk_toegangslog)
        return HttpResponse("ok")

    def anoniem(request):
        log_access(request, action="view", object_type="deelnemers.Deelnemer", object_id=7, allowed=False)
        verwacht.extend(request._leerwerk_toegangslog)
        return HttpResponse("nee", status=404)

    request = RequestFactory().get("/kandidaten/", REMOTE_ADDR="2001:db8::1")
    request.user = user
    AccessLogMiddleware(view)(request)
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/kandidaten/7/", REMOTE_ADDR="")
    request.user = AnonymousUser()
    AccessLogMiddleware(anoniem)(request)

    rijen = list(AccessLog.objects.order_by("id").values("tijdstip", *_VELDEN))
    assert rijen == [{"tijdstip": r.tijdstip, **{v: getattr(r, v) for v in _VELDEN}} for r in verwacht]
    assert rijen[0]["ip"] == "2001:db8::1" and rijen[0]["rol"] == "regisseur"
    assert rijen[-1]["user_id"] is None and rijen[-1]["ip"] is None and rijen[-1]["organisatie_id"] is None
