"""Issue 11 item 11: a new candidate's preconditions start as "nog niet besproken"; "Actie
nodig" shows only once someone set it. Existing rows that nobody ever set follow (migration)."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from deelnemers.constants import RandvoorwaardeStatus
from deelnemers.models import Randvoorwaarde
from deelnemers.services import deelnemer_create, randvoorwaarde_update
from leerwerk.models import Rol
from tests.factories import DeelnemerFactory, UserFactory, bsn_for
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def klantmanager():
    return UserFactory(rollen=[Rol.KLANTMANAGER])


def _nieuw(klantmanager):
    return deelnemer_create(
        acting_user=klantmanager,
        voornaam="Amina",
        achternaam="Haddad",
        geboortedatum=datetime.date(1994, 2, 3),
        bsn=bsn_for(9201),
        doelgroep="statushouder",
    )


def test_a_new_candidates_six_preconditions_are_not_yet_discussed(klantmanager):
    deelnemer = _nieuw(klantmanager)
    statussen = list(deelnemer.randvoorwaarden.values_list("status", flat=True))
    assert statussen == [RandvoorwaardeStatus.NIET_BESPROKEN] * 6


def test_the_candidate_page_says_actie_nodig_only_where_it_was_set(client, klantmanager):
    deelnemer = _nieuw(klantmanager)
    client.force_login(klantmanager)
    url = reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk})
    html = met_secties(client, url)
    assert html.count("Nog niet besproken") == 6
    assert "Actie nodig" not in html

    rv = deelnemer.randvoorwaarden.get(soort="kinderopvang")
    randvoorwaarde_update(acting_user=klantmanager, randvoorwaarde=rv, status=RandvoorwaardeStatus.ACTIE_NODIG)
    html = met_secties(client, url)
    assert html.count("Nog niet besproken") == 5
    assert html.count("Actie nodig") == 1


def test_the_checklist_form_offers_nog_niet_besproken_and_keeps_it(client, klantmanager):
    deelnemer = _nieuw(klantmanager)
    client.force_login(klantmanager)
    url = reverse("deelnemers:randvoorwaarden", kwargs={"pk": deelnemer.pk})
    html = client.get(url).content.decode()
    assert "Nog niet besproken" in html
    data = {}
    for rv in deelnemer.randvoorwaarden.all():
        data |= {f"rv{rv.pk}-status": rv.status, f"rv{rv.pk}-toelichting": "", f"rv{rv.pk}-actiehouder": ""}
    fiets = deelnemer.randvoorwaarden.get(soort="fiets")
    data[f"rv{fiets.pk}-status"] = RandvoorwaardeStatus.IN_ORDE
    assert client.post(url, data).status_code == 302
    assert dict(deelnemer.randvoorwaarden.values_list("soort", "status")) == {
        "rijbewijs": "onbesproken",
        "fiets": "in_orde",
        "vervoer": "onbesproken",
        "kinderopvang": "onbesproken",
        "digitaal": "onbesproken",
        "reiskosten": "onbesproken",
    }


def test_the_migration_moves_only_rows_nobody_ever_set(klantmanager):
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    # As registration made them before: Actie nodig, no note, no actiehouder, never changed.
    onaangeroerd = Randvoorwaarde.objects.create(deelnemer=deelnemer, soort="rijbewijs", status="actie_nodig")
    met_toelichting = Randvoorwaarde.objects.create(
        deelnemer=deelnemer, soort="fiets", status="actie_nodig", toelichting="Fiets kopen"
    )
    met_actiehouder = Randvoorwaarde.objects.create(
        deelnemer=deelnemer, soort="vervoer", status="actie_nodig", actiehouder=klantmanager
    )
    # Set to Actie nodig by someone after registration (an update in its history).
    gezet = Randvoorwaarde.objects.create(deelnemer=deelnemer, soort="digitaal", status="in_orde")
    Randvoorwaarde.objects.filter(pk=gezet.pk).update(status="actie_nodig")
    overig = Randvoorwaarde.objects.create(deelnemer=deelnemer, soort="overig", status="actie_nodig", toelichting="")
    in_orde = Randvoorwaarde.objects.create(deelnemer=deelnemer, soort="reiskosten", status="in_orde")

    migratie = importlib.import_module("deelnemers.migrations.0003_issue11_b")
    migratie.checklist_nog_niet_besproken(apps, None)

    status = dict(Randvoorwaarde.objects.values_list("pk", "status"))
    assert status[onaangeroerd.pk] == "onbesproken"
    for rv in (met_toelichting, met_actiehouder, gezet, overig):
        assert status[rv.pk] == "actie_nodig"
    assert status[in_orde.pk] == "in_orde"
