"""The profile text page (/matching/profielen/<deelname>/): the klantmanager of the candidate or
the regisseur writes, another of them approves; the preview is the employers' anonymised profile."""

import datetime

import pytest
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from opleiders.models import Certificaat
from tests.factories import GemeenteFactory
from trajecten import constants as tc
from werkgevers.models import Profiel

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _url(deelname, naam="profiel"):
    return reverse(f"matching:{naam}", args=[deelname.pk])


def _voorbeeld(html: str) -> str:
    return html[html.index('id="voorbeeld-titel"') : html.index('id="concept"')]


def test_klantmanager_writes_the_same_person_may_not_approve_another_does(client, world):
    deelname = world.deelname(approved=False, voornaam="Dana", achternaam="Markeer")
    client.force_login(world.klantmanager)
    html = client.get(_url(deelname)).content.decode()
    assert "Er is nog geen goedgekeurde motivatie." in html and "Dana Markeer" in html
    tekst = "Leert snel, werkt graag buiten en met de handen."
    response = client.post(_url(deelname, "profiel_concept"), {"motivatie": tekst})
    assert response.status_code == 302
    html = client.get(_url(deelname)).content.decode()
    assert "wacht op goedkeuring" in html and "Karim Klantmanager" in html
    assert "U schreef deze tekst." in html and _url(deelname, "profiel_goedkeuren") not in html

    response = client.post(_url(deelname, "profiel_goedkeuren"))
    assert response.status_code == 400
    assert "Een ander dan de schrijver keurt de tekst goed" in response.content.decode()
    profiel = Profiel.objects.get(deelname=deelname)
    assert profiel.motivatie == ""

    client.force_login(world.regisseur)
    assert _url(deelname, "profiel_goedkeuren") in client.get(_url(deelname)).content.decode()
    assert client.post(_url(deelname, "profiel_goedkeuren")).status_code == 302
    profiel.refresh_from_db()
    assert profiel.motivatie == tekst and profiel.goedgekeurd_door == world.regisseur
    html = client.get(_url(deelname)).content.decode()
    voorbeeld = _voorbeeld(html)
    assert tekst in voorbeeld and profiel.pseudoniem in voorbeeld
    assert "Werkgevers zien dit profiel nu niet" not in html and world.werkgever.organisatie.naam in html


def test_the_preview_is_the_anonymised_profile_without_personal_data(client, world):
    deelname = world.deelname(voornaam="Elif", achternaam="Geheimnaam", uren_per_week=32)
    Certificaat.objects.create(
        deelnemer=deelname.deelnemer, soort="vca_basis", behaald_op=datetime.date(2010, 1, 1),
        geldig_tot=datetime.date(2020, 1, 1),
    )  # fmt: skip
    Certificaat.objects.create(
        deelnemer=deelname.deelnemer, soort="praktijkverklaring", behaald_op=datetime.date(2026, 1, 5)
    )
    client.force_login(world.regisseur)
    voorbeeld = _voorbeeld(client.get(_url(deelname)).content.decode())
    assert deelname.profiel.pseudoniem in voorbeeld and "32 uur per week" in voorbeeld
    assert world.regio.naam in voorbeeld  # the labour-market region, not the gemeente
    for persoonlijk in ("Elif", "Geheimnaam", world.gemeente.naam, deelname.deelnemer.bsn):
        assert persoonlijk not in voorbeeld
    assert "Praktijkverklaring" in voorbeeld
    assert "VCA" not in voorbeeld  # expired: employers do not see it either


def test_a_draft_error_is_shown_on_the_field(client, world):
    deelname = world.deelname(approved=False)
    client.force_login(world.regisseur)
    response = client.post(_url(deelname, "profiel_concept"), {"motivatie": "x" * 1300})
    html = response.content.decode()
    assert response.status_code == 400 and "hoogstens 1200 tekens" in html and 'href="#id_motivatie"' in html
    assert Profiel.objects.get(deelname=deelname).concept == ""


def test_why_employers_do_not_see_the_profile(client, world):
    deelname = world.deelname(tc.DeelnameStatus.GEPLAATST, consent=False)
    client.force_login(world.klantmanager)
    html = client.get(_url(deelname)).content.decode()
    assert "geen toestemming gegeven om een profiel met werkgevers te delen" in html
    assert "deze deelnemer is geplaatst" in html


def test_scope_roles_and_access_log(client, world, make_user):
    deelname = world.deelname()
    andere_gemeente = GemeenteFactory()
    for user in (
        make_user(Rol.KLANTMANAGER, organisatie=andere_gemeente),
        make_user(Rol.REGISSEUR, organisatie=andere_gemeente),
        world.werkgever_user,
        make_user(Rol.JOBCOACH),
    ):
        client.force_login(user)
        assert client.get(_url(deelname)).status_code == 404, user.rollen
        assert client.post(_url(deelname, "profiel_concept"), {"motivatie": "Tekst"}).status_code == 404
        assert client.post(_url(deelname, "profiel_goedkeuren")).status_code == 404
    assert Profiel.objects.get(deelname=deelname).concept_door == world.klantmanager  # untouched

    client.force_login(world.klantmanager)
    assert client.get(_url(deelname)).status_code == 200
    row = AccessLog.objects.get(user_id=world.klantmanager.pk, object_id=str(deelname.deelnemer_id))
    assert (row.action, row.rol, row.object_type) == ("view", Rol.KLANTMANAGER, "deelnemers.Deelnemer")
    client.force_login(world.regisseur)
    client.get(_url(deelname))
    assert AccessLog.objects.get(user_id=world.regisseur.pk).rol == Rol.REGISSEUR
