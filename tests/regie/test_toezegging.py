"""An employer's job guarantee or letter of intent as structured data (issue 15): places,
period and conditions, confirmed by the employer in the portal; a change asks for it again."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leerwerk.models import Rol
from regie import convenant
from tests.factories import LeerwerkplekFactory, WerkgeverFactory
from werkgevers import services


@pytest.fixture
def plek(rw):
    werkgever = WerkgeverFactory(organisatie=rw.werkgever.organisatie)
    return LeerwerkplekFactory(
        werkgever=werkgever, traject=rw.traject, toezegging="baangarantie", toezegging_datum=dt.date(2026, 3, 1),
        toezegging_geldig_tot=dt.date(2027, 3, 1), aantal_plaatsen=2, toezegging_voorwaarden="Na het vakdiploma",
    )  # fmt: skip


def test_the_employer_confirms_in_the_portal_and_the_covenant_says_so(client, rw, plek, make_user):
    ander = make_user(Rol.WERKGEVER, organisatie=WerkgeverFactory().organisatie)
    url = reverse("werkgever:toezegging_bevestigen", args=[plek.pk])
    client.force_login(ander)
    assert client.post(url).status_code == 404
    client.force_login(rw.werkgever)
    pagina = client.get(reverse("werkgever:plek", args=[plek.pk])).content.decode()
    assert "Deze baangarantie bevestigen" in pagina and "Na het vakdiploma" in pagina
    assert client.post(url).status_code == 302
    plek.refresh_from_db()
    assert plek.toezegging_bevestigd_door == rw.werkgever
    [t] = convenant.toezeggingen(rw.traject)
    assert (t["plaatsen"], t["voorwaarden"], t["tot"]) == (2, "Na het vakdiploma", "2027-03-01")
    assert t["bevestigd"] is not None
    with pytest.raises(ValidationError):
        services.toezegging_bevestigen(acting_user=rw.werkgever, plek=plek)
    with pytest.raises(PermissionDenied):
        services.toezegging_bevestigen(acting_user=rw.regisseur, plek=plek)


def test_a_changed_commitment_must_be_confirmed_again(rw, plek):
    services.toezegging_bevestigen(acting_user=rw.werkgever, plek=plek)
    plek.refresh_from_db()  # as a page loads it
    services.leerwerkplek_save(acting_user=rw.regisseur, werkgever=plek.werkgever, plek=plek, uren_per_week=32)
    plek.refresh_from_db()
    assert plek.toezegging_bevestigd_op is not None  # the hours are not part of the commitment
    services.leerwerkplek_save(acting_user=rw.regisseur, werkgever=plek.werkgever, plek=plek, aantal_plaatsen=3)
    plek.refresh_from_db()
    assert plek.toezegging_bevestigd_op is None and plek.toezegging_bevestigd_door is None


def test_a_place_without_commitment_has_nothing_to_confirm(rw, plek):
    plek.toezegging, plek.toezegging_datum, plek.toezegging_geldig_tot = "geen", None, None
    plek.save()
    with pytest.raises(ValidationError) as fout:
        services.toezegging_bevestigen(acting_user=rw.werkgever, plek=plek)
    assert "geen toezegging" in str(fout.value)
