"""The beheer (Django admin) speaks Dutch, hides what leerwerk does not use, and its access
log names whose data was read."""

import re

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule

from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnameFactory, DeelnemerFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

ENGELS = [
    "Access attempt", "Access log", "Access failure", "Axes", "Periodic task", "Periodic Task", "Clocked",
    "Solar", "Crontabs", "Intervals", "Groepen", "Groups", "Authentication", "Model name", "Add link",
    "Change or view list link",
]  # fmt: skip


def _tekst(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def beheerder(client, make_user):
    user = make_user(Rol.BEHEERDER)
    client.force_login(user)
    return user


def test_the_admin_index_names_everything_in_dutch(client, beheerder):
    tekst = _tekst(client.get(reverse("admin:index")))
    for woord in ENGELS:
        assert woord not in tekst, woord
    for woord in ["Inloggen en blokkeringen", "Inlogpogingen", "Periodieke taken", "Intervallen", "Tijdschema"]:
        assert woord in tekst, woord


@pytest.mark.parametrize("pad", ["auth/group/", "django_celery_beat/solarschedule/",
                                 "django_celery_beat/clockedschedule/", "axes/accessfailurelog/"])  # fmt: skip
def test_what_leerwerk_does_not_use_is_not_in_the_admin(client, beheerder, pad):
    assert client.get(f"/beheer/{pad}").status_code == 404


def test_the_task_form_has_no_unused_schedules_and_describes_a_crontab_in_dutch(client, beheerder):
    CrontabSchedule.objects.create(minute="30", hour="2", timezone="Europe/Amsterdam")
    html = client.get(reverse("admin:django_celery_beat_periodictask_add")).content.decode()
    assert 'name="solar"' not in html and 'name="clocked"' not in html
    assert "Om 02:30 (Europe/Amsterdam)" in html  # the choice of crontab
    tekst = _tekst(client.get(reverse("admin:django_celery_beat_crontabschedule_changelist")))
    assert "Om 02:30" in tekst and "At 02:30" not in tekst


def test_the_beheerder_lifts_a_lockout_under_inlogpogingen(client, beheerder, make_user):
    user = make_user(Rol.KLANTMANAGER)
    anders = client.__class__()
    for _n in range(settings.AXES_FAILURE_LIMIT):
        anders.post(reverse("login"), {"username": user.email, "password": "fout-wachtwoord"})
    goed = {"username": user.email, "password": "leerwerk-demo"}
    assert anders.post(reverse("login"), goed).status_code == 429
    changelist = reverse("admin:axes_accessattempt_changelist")
    tekst = _tekst(client.get(changelist))
    assert "Geblokkeerd" in tekst and user.email in tekst
    from axes.models import AccessAttempt

    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    client.post(changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert anders.post(reverse("login"), goed).status_code == 302


def _changelist(client):
    with CaptureQueriesContext(connections["default"]) as default, CaptureQueriesContext(connections["audit"]) as audit:
        response = client.get(reverse("admin:leerwerk_accesslog_changelist"))
    return response, len(default) + len(audit)


def _rijen(n):
    for _i in range(n):
        deelname = DeelnameFactory()
        AccessLog.objects.create(action="view", object_type="deelnemers.Deelnemer",
                                 object_id=str(deelname.deelnemer_id), result="allowed")  # fmt: skip
        AccessLog.objects.create(action="api", object_type="trajecten.Deelname",
                                 object_id=str(deelname.pk), result="allowed")  # fmt: skip


def test_the_access_log_names_the_candidate_with_a_link_in_a_fixed_number_of_queries(client, beheerder):
    deelnemer = DeelnemerFactory(voornaam="Zeldzaam", achternaam="Merkteken")
    deelname = DeelnameFactory(deelnemer=deelnemer)
    AccessLog.objects.create(action="view", object_type="deelnemers.Deelnemer", object_id=str(deelnemer.pk),
                             result="allowed", user_email="km@test.example", rol=Rol.KLANTMANAGER)  # fmt: skip
    AccessLog.objects.create(action="api", object_type="trajecten.Deelname", object_id=str(deelname.pk),
                             result="denied")  # fmt: skip
    AccessLog.objects.create(action="view", object_type="deelnemers.Deelnemer", object_id="987654", result="allowed")
    AccessLog.objects.create(action="list", object_type="deelnemers.Deelnemer", result="allowed")

    response, queries = _changelist(client)
    html = response.content.decode()
    log = reverse("admin:leerwerk_accesslog_changelist")
    link = f'<a href="{log}?kandidaat={deelnemer.pk}">Kandidaat #{deelnemer.pk}</a>'
    assert html.count(link) == 2  # the candidate, and the participation it belongs to: every read of them
    gefilterd = client.get(f"{log}?kandidaat={deelnemer.pk}")  # the person search (issue 17): both reads
    assert gefilterd.status_code == 200 and "2 toegangslog" in gefilterd.content.decode()
    html = re.sub(r'href="[^"]*"', "", html)  # what the beheerder reads
    assert f"Deelname #{deelname.pk} (" in html
    assert "Kandidaat #987654 (bestaat niet meer)" in html
    assert "Deelnemers</td>" in html  # a row about a list, without id
    assert "Klantmanager" in html
    assert "deelnemers.Deelnemer" not in html and "trajecten.Deelname" not in html
    assert "Merkteken" not in html and "Zeldzaam" not in html  # no names: the admin logs no reads

    _rijen(5)
    response, more_queries = _changelist(client)
    assert response.content.decode().count("Kandidaat #") == 3 + 10
    assert more_queries == queries

    row = AccessLog.objects.filter(object_type="trajecten.Deelname").order_by("pk").first()
    detail = client.get(reverse("admin:leerwerk_accesslog_change", args=[row.pk])).content.decode()
    assert link in detail and 'type="submit"' not in detail.split('id="content-main"')[1].split("</form>")[0]
