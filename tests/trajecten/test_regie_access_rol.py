"""The regisseur's start-page section (trajecten.views.start_context) logs the persons it shows as read in the regisseur
role, whichever role the page around it acts in."""

import datetime

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnemerFactory
from tests.secties import met_secties
from tests.trajecten.regie import S, both_dbs, deelname_in
from trajecten.services import contactmoment_create
from trajecten.views import start_context


def _open_actie(user, traject):
    deelname = deelname_in(traject, S.INTAKE, deelnemer=DeelnemerFactory(gemeente=traject.regie_organisatie))
    contactmoment_create(
        acting_user=user,
        deelname=deelname,
        soort="intake",
        datum=timezone.localdate(),
        acties=[{"omschrijving": "Taaltoets plannen", "eigenaar": user, "deadline": datetime.date(2027, 1, 1)}],
    )
    return deelname.deelnemer


@both_dbs
def test_the_section_logs_its_persons_as_regisseur(make_user, traject):
    user = make_user([Rol.KLANTMANAGER, Rol.REGISSEUR])
    deelnemer = _open_actie(user, traject)
    request = RequestFactory().get("/")
    request.user = user
    request.active_rol = Rol.KLANTMANAGER  # a page acting in another role renders the section
    start_context(request)
    rows = AccessLog.objects.filter(action="list", object_id=str(deelnemer.pk))
    assert list(rows.values_list("rol", flat=True)) == [Rol.REGISSEUR]


@both_dbs
def test_the_start_page_of_a_two_role_user_logs_regisseur(client, make_user, traject):
    user = make_user([Rol.KLANTMANAGER, Rol.REGISSEUR])
    deelnemer = _open_actie(user, traject)
    client.force_login(user)
    met_secties(client, reverse("mijn_werk_rol", kwargs={"rol": "regisseur"}))  # the section names the person
    rows = AccessLog.objects.filter(action="list", object_id=str(deelnemer.pk))
    assert list(rows.values_list("rol", flat=True)) == [Rol.REGISSEUR]
