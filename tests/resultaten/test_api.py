"""/api/v1/resultaten/ (issue 14): the same figures as the page, scoped and protected alike; a
small group of residents (1 to 4) appears in no output, page or API."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, TrajectFactory, UserFactory
from tests.resultaten.test_pagina import MERKTEKEN, regio  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _api(user) -> APIClient:
    api = APIClient()
    api.force_login(user)
    return api


def test_the_wethouder_reads_the_results_with_the_residents_protected(regio):  # noqa: F811
    antwoord = _api(regio["wethouder"]).get("/api/v1/resultaten/")
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert (data["rol"], data["k"], "Om niemand herkenbaar" in data["voetnoot"]) == ("wethouder", 5, True)
    [traject] = data["trajecten"]
    assert (traject["traject_naam"], traject["totaal"], traject["naar_werk"], traject["uitstroom_procent"]) == (
        "Installatie regio", 13, 8, "62"
    )  # fmt: skip
    assert sum(traject["klassen"].values()) == 13
    assert traject["eigen_inwoners"]["totaal"] == {"waarde": None, "tekst": "< 5", "verborgen": "klein"}
    assert traject["eigen_inwoners"]["klassen"] == {}
    assert MERKTEKEN not in json.dumps(data)


def test_the_regisseur_reads_exactly_and_others_get_nothing(regio):  # noqa: F811
    data = _api(regio["regisseur"]).get("/api/v1/resultaten/").json()
    assert (data["rol"], data["trajecten"][0]["totaal"], data["trajecten"][0]["eigen_inwoners"]) == (
        "regisseur", 13, None
    )  # fmt: skip
    assert _api(regio["wethouder"]).get("/api/v1/resultaten/?rol=regisseur").status_code == 404
    assert _api(UserFactory(rollen=[Rol.KLANTMANAGER])).get("/api/v1/resultaten/").status_code == 404


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_group_of_one_to_four_residents_is_in_no_output(client, n):
    """n residents of Uden among 12 from Oss, every resident in the same class."""
    uden, oss = GemeenteFactory(naam="Uden"), GemeenteFactory(naam="Oss")
    traject = TrajectFactory(naam="Regionaal", regie_organisatie=oss, gemeenten=[oss, uden])
    for gemeente in (oss,) * 12 + (uden,) * n:
        DeelnameFactory(traject=traject, status="opleiding", deelnemer=DeelnemerFactory(gemeente=gemeente))
    wethouder = UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER])
    data = _api(wethouder).get("/api/v1/resultaten/").json()
    eigen = data["trajecten"][0]["eigen_inwoners"]
    assert (eigen["totaal"]["waarde"], eigen["totaal"]["tekst"], eigen["klassen"]) == (None, "< 5", {})
    assert f'"waarde": {n}' not in json.dumps(eigen)
    client.force_login(wethouder)
    html = client.get(reverse("resultaten:wethouder_overzicht")).content.decode()
    assert f"Inwoners van uw gemeente: {n}" not in html and "Inwoners van uw gemeente: &lt; 5" in html
