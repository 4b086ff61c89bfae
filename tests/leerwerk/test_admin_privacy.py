"""The beheerder's delete pages never name candidates: they show counts."""

import re

import pytest
from django.urls import reverse

from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_organisation_or_user_shows_counts_not_candidates(client):
    deelnemer = DeelnemerFactory(voornaam="Zeldzaam", achternaam="Merkteken")
    klantmanager = DeelnameFactory(deelnemer=deelnemer).aangemeld_door
    client.force_login(UserFactory(rollen=[Rol.BEHEERDER]))
    for url, data in [
        (reverse("admin:leerwerk_organisatie_delete", args=[deelnemer.gemeente_id]), None),
        (reverse("admin:leerwerk_user_delete", args=[klantmanager.pk]), None),
        (
            reverse("admin:leerwerk_organisatie_changelist"),
            {"action": "delete_selected", "_selected_action": [deelnemer.gemeente_id]},
        ),
    ]:
        response = client.post(url, data) if data else client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert re.search(r"\d+ gekoppelde gegevens \(zoals kandidaten of deelnames\)", html), url
        assert "Merkteken" not in html and "Zeldzaam" not in html
