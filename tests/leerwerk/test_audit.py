"""The access log (append-only, survives a failed request) and change history."""

import pytest
from django.db import DatabaseError, transaction
from django.test import RequestFactory

from leerwerk.audit import log_access
from leerwerk.history import events_for
from leerwerk.models import AccessLog, Organisatie, OrganisatieType, Rol


def _request(user, path="/deelnemers/1/"):
    request = RequestFactory().get(path, REMOTE_ADDR="192.0.2.10")
    request.user = user
    return request


@pytest.mark.django_db(databases=["default", "audit"])
def test_log_access_records_who_what_and_where(make_user):
    user = make_user(Rol.KLANTMANAGER)
    row = log_access(_request(user), action="view", object_type="deelnemers.Deelnemer", object_id=1)
    stored = AccessLog.objects.get(pk=row.pk)
    assert (stored.user_id, stored.user_email, stored.rol) == (user.pk, user.email, Rol.KLANTMANAGER)
    assert (stored.organisatie_id, stored.organisatie_naam) == (user.organisatie_id, user.organisatie.naam)
    assert (stored.action, stored.object_type, stored.object_id, stored.result) == (
        "view",
        "deelnemers.Deelnemer",
        "1",
        "allowed",
    )
    assert stored.ip == "192.0.2.10"
    assert stored.path == "/deelnemers/1/"


@pytest.mark.django_db(databases=["default", "audit"])
def test_log_access_takes_an_object_and_records_denials(make_user, gemeente):
    user = make_user(Rol.WERKGEVER)
    row = log_access(_request(user), action="api", obj=gemeente, allowed=False)
    assert (row.object_type, row.object_id, row.result) == ("leerwerk.Organisatie", str(gemeente.pk), "denied")


@pytest.mark.django_db(databases=["default", "audit"])
def test_unknown_action_is_refused(make_user):
    with pytest.raises(ValueError):
        log_access(_request(make_user()), action="lezen", object_type="x")


@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_access_log_row_survives_a_request_that_fails_afterwards(make_user):
    user = make_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisatie.objects.create(naam="Wordt teruggedraaid", type=OrganisatieType.WERKGEVER)
        log_access(_request(user), action="view", object_type="deelnemers.Deelnemer", object_id=42)
        raise RuntimeError("de rest van het verzoek mislukt")
    assert not Organisatie.objects.filter(naam="Wordt teruggedraaid").exists()
    assert AccessLog.objects.filter(user_id=user.pk, object_id="42").count() == 1


@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_access_log_is_append_only_in_the_database(make_user):
    row = log_access(_request(make_user()), action="list", object_type="deelnemers.Deelnemer")
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        AccessLog.objects.filter(pk=row.pk).update(detail="aangepast")
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        AccessLog.objects.filter(pk=row.pk).delete()
    assert AccessLog.objects.get(pk=row.pk).detail == ""


@pytest.mark.django_db(databases=["default", "audit"])
def test_access_log_is_read_only_in_the_admin(client, make_user):
    client.force_login(make_user(Rol.BEHEERDER))
    row = log_access(_request(make_user()), action="view", object_type="deelnemers.Deelnemer", object_id=7)
    assert client.get("/beheer/leerwerk/accesslog/").status_code == 200
    assert client.get("/beheer/leerwerk/accesslog/add/").status_code == 403
    assert client.post(f"/beheer/leerwerk/accesslog/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessLog.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_change_history_records_who_changed_what_through_a_request(client, make_user, gemeente):
    beheerder = make_user(Rol.BEHEERDER)
    client.force_login(beheerder)
    response = client.post(
        f"/beheer/leerwerk/organisatie/{gemeente.pk}/change/",
        {
            "naam": "Nieuwe naam",
            "type": OrganisatieType.GEMEENTE,
            "arbeidsmarktregio": gemeente.arbeidsmarktregio_id,
            "actief": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    events = list(events_for(gemeente))
    assert [e.pgh_label for e in events] == ["insert", "update"]
    assert events[-1].pgh_data["naam"] == "Nieuwe naam"
    assert events[-1].pgh_diff["naam"] == ["Testgemeente", "Nieuwe naam"]
    assert events[-1].pgh_context["user"] == beheerder.pk


@pytest.mark.django_db
def test_change_history_catches_bulk_updates_and_never_stores_password_hashes(make_user):
    user = make_user()
    type(user).objects.filter(pk=user.pk).update(naam="Via bulk-update")
    user.set_password("een-ander-wachtwoord-123")
    user.save()
    events = list(events_for(user))
    assert events[1].pgh_data["naam"] == "Via bulk-update"
    assert all("password" not in e.pgh_data for e in events)
