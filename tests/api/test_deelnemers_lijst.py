"""/api/v1/deelnemers/ writes its rows out without DRF's per-field machinery (issue 12): every
row must be exactly what the declared serializer fields render, for the klantmanager's rows
(masked BSN) and the regisseur's (the regie view), in name order."""

import datetime

import pytest
from rest_framework import serializers

from deelnemers.models import Deelnemer
from deelnemers.serializers import DeelnemerRegieSerializer, DeelnemerSamenvattingSerializer
from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, ToestemmingFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _generiek(serializer_class, deelnemer) -> dict:
    """What DRF itself renders from the serializer's declared fields (its own to_representation)."""
    return dict(serializers.Serializer.to_representation(serializer_class(), deelnemer))


@pytest.fixture
def gevarieerd(world):
    """Candidates with what a row can hold: no klantmanager, a measured date, no levels, day parts."""
    klantmanager = world.users[Rol.KLANTMANAGER]
    DeelnemerFactory(
        gemeente=world.gemeente,
        klantmanager=None,
        voornaam="Zeno",
        achternaam="Aalders",
        taal_luisteren="",
        taal_lezen="",
        taal_spreken="",
        taal_schrijven="",
        uren_per_week=0,
    )
    gemeten = DeelnemerFactory(
        gemeente=world.gemeente,
        klantmanager=klantmanager,
        voornaam="Ali",
        achternaam="Haddad",
        taal_gemeten_op=datetime.date(2026, 3, 1),
        dagdelen=["ma_ochtend", "di_middag"],
        doelgroep="anderstalig",
    )
    ToestemmingFactory(deelnemer=gemeten, vastgelegd_door=klantmanager)
    DeelnameFactory(traject=world.traject, deelnemer=gemeten, aangemeld_door=klantmanager)
    return world


@pytest.mark.parametrize(
    "rol, serializer_class",
    [(Rol.KLANTMANAGER, DeelnemerSamenvattingSerializer), (Rol.REGISSEUR, DeelnemerRegieSerializer)],
)
def test_every_row_is_what_the_declared_fields_render(gevarieerd, api_as, rol, serializer_class):
    response = api_as(gevarieerd.users[rol]).get("/api/v1/deelnemers/")
    rijen = response.json()["results"]

    assert len(rijen) >= 2
    verwacht = Deelnemer.objects.filter(pk__in=[r["id"] for r in rijen]).select_related("gemeente", "klantmanager")
    verwacht = sorted(verwacht, key=lambda d: (d.achternaam, d.voornaam, d.id))
    assert [r["id"] for r in rijen] == [d.id for d in verwacht]  # name order
    for rij, deelnemer in zip(rijen, verwacht, strict=True):
        assert rij == _generiek(serializer_class, deelnemer)
        assert list(rij) == list(serializer_class().fields)  # the same keys in the same order
    if rol == Rol.KLANTMANAGER:
        assert all(r["bsn_masked"].startswith("******") and "bsn" not in r for r in rijen)
        assert any(r["klantmanager"] is None for r in rijen)
        assert any(r["taalniveau"]["gemeten_op"] == "2026-03-01" for r in rijen)
    else:
        assert all("bsn_masked" not in r for r in rijen)
        assert any(r["dagdelen"] == ["ma_ochtend", "di_middag"] for r in rijen)


def test_the_search_and_the_target_group_filter_still_narrow_the_list(gevarieerd, api_as):
    client = api_as(gevarieerd.users[Rol.KLANTMANAGER])
    assert [r["achternaam"] for r in client.get("/api/v1/deelnemers/", {"zoek": "aald"}).json()["results"]] == [
        "Aalders"
    ]
    groep = client.get("/api/v1/deelnemers/", {"doelgroep": "anderstalig"}).json()["results"]
    assert [r["voornaam"] for r in groep] == ["Ali"]


def test_a_list_without_filters_skips_the_filter_form_but_a_wrong_filter_still_answers_400(gevarieerd, api_as):
    client = api_as(gevarieerd.users[Rol.KLANTMANAGER])
    assert client.get("/api/v1/deelnemers/", {"doelgroep": "bestaat-niet"}).status_code == 400
    alles = client.get("/api/v1/deelnemers/", {"page": 1}).json()
    assert alles["count"] == Deelnemer.objects.filter(gemeente=gevarieerd.gemeente).count()
