"""Capacity and what an aanmelding shares (issue 11): the klantmanager is warned, with the
numbers, before registering a candidate into a full trajectory; the regisseur is warned when a
selection goes past the capacity; the aanmelden page says which partners will read what, and on
what basis."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from deelnemers.constants import ToestemmingSoort
from leerwerk.models import Rol
from tests.factories import (
    DeelnemerFactory,
    GemeenteFactory,
    ToestemmingFactory,
    TrajectPartnerFactory,
    WerkgeverFactory,
)
from tests.trajecten.regie import S, both_dbs, deelname_in, verplaats
from trajecten import constants as c
from trajecten import selectors


@pytest.fixture
def klein(traject):
    traject.capaciteit = 3
    traject.save(update_fields=["capaciteit"])
    return traject


def test_bezetting_counts_selected_and_registered_apart(db, klein):
    deelname_in(klein, S.AANGEMELD)
    deelname_in(klein, S.INTAKE)
    deelname_in(klein, S.OPLEIDING)
    deelname_in(klein, S.GEPARKEERD, vorige_status=S.OPLEIDING)
    deelname_in(klein, S.UITGEVALLEN)
    b = selectors.bezetting(klein)
    assert (b.capaciteit, b.geselecteerd, b.aangemeld, b.bezet) == (3, 2, 2, 4)


def test_no_warning_while_there_is_room(db, klein):
    deelname_in(klein, S.OPLEIDING)
    deelname_in(klein, S.AANGEMELD)
    b = selectors.bezetting(klein)
    assert b.waarschuwing_aanmelden() is None  # the third place is free
    assert b.waarschuwing_selectie() is None


@both_dbs
def test_aanmelden_into_a_full_trajectory_warns_with_the_numbers_and_still_registers(client, make_user, klein):
    km = make_user(Rol.KLANTMANAGER)
    client.force_login(km)
    for status in (S.OPLEIDING, S.GESELECTEERD, S.INTAKE):
        deelname_in(klein, status)
    kandidaat = DeelnemerFactory(gemeente=klein.regie_organisatie)
    check = client.get(
        reverse("deelnemers:aanmelden_check", kwargs={"pk": kandidaat.pk}), {"traject": klein.pk},
        headers={"HX-Request": "true"},
    ).content.decode()  # fmt: skip
    assert (
        "Dit traject heeft 3 plaatsen en er staan al 3 mensen in: 2 geselecteerd of verder, 1 aangemeld of in "
        "intake. Met deze aanmelding worden het er 4." in check
    )
    response = client.post(reverse("deelnemers:aanmelden", kwargs={"pk": kandidaat.pk}), {"traject": klein.pk})
    assert response.status_code == 302
    assert selectors.bezetting(klein).bezet == 4


@both_dbs
def test_a_selection_past_the_capacity_warns_the_regisseur_on_the_board_and_the_page(rclient, klein):
    for _ in range(3):
        deelname_in(klein, S.OPLEIDING)
    vierde = deelname_in(klein, S.INTAKE)
    response = verplaats(rclient, vierde, htmx=True, naar=S.GESELECTEERD)
    html = response.content.decode()
    assert "staat nu op Geselecteerd." in html
    assert "Let op: er zijn nu 4 deelnemers geselecteerd of verder, voor 3 plaatsen (1 boven de capaciteit)." in html

    vijfde = deelname_in(klein, S.INTAKE)
    response = verplaats(rclient, vijfde, naar=S.GESELECTEERD)
    teksten = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("5 deelnemers geselecteerd of verder, voor 3 plaatsen (2 boven" in t for t in teksten)


@both_dbs
def test_a_selection_within_the_capacity_gives_no_warning(rclient, klein):
    deelname = deelname_in(klein, S.INTAKE)
    html = verplaats(rclient, deelname, htmx=True, naar=S.GESELECTEERD).content.decode()
    assert "staat nu op Geselecteerd." in html and "boven de capaciteit" not in html


# --- What is shared ---------------------------------------------------------------------------------


def _delen(deelnemer, traject):
    return {regel.wie: regel for regel in selectors.delen_bij_aanmelden(deelnemer, traject)}


def test_sharing_within_the_own_gemeente_without_consent(db, traject):
    TrajectPartnerFactory(traject=traject, rol=c.PartnerRol.OPLEIDER, organisatie__naam="ROC Test")
    TrajectPartnerFactory(traject=traject, rol=c.PartnerRol.WERKGEVER, organisatie=WerkgeverFactory().organisatie)
    kandidaat = DeelnemerFactory(gemeente=traject.regie_organisatie)
    regels = _delen(kandidaat, traject)
    regie = regels[f"{traject.regie_organisatie.naam} (regie)"]
    assert regie.gedeeld and regie.grondslag == "De regie ligt bij uw eigen gemeente."
    assert not regels["ROC Test"].gedeeld and "geen toestemming" in regels["ROC Test"].grondslag
    werkgever = next(r for r in regels.values() if "anoniem profiel" in r.wat)
    assert not werkgever.gedeeld


def test_sharing_outside_the_gemeente_follows_the_consents(db, traject):
    TrajectPartnerFactory(traject=traject, rol=c.PartnerRol.TAALOPLEIDER, organisatie__naam="Taalcentrum Test")
    kandidaat = DeelnemerFactory(gemeente=GemeenteFactory())
    ToestemmingFactory(deelnemer=kandidaat, soort=ToestemmingSoort.PARTNERS)
    regels = _delen(kandidaat, traject)
    regie = regels[f"{traject.regie_organisatie.naam} (regie)"]
    assert regie.gedeeld and "Toestemming van de kandidaat" in regie.grondslag
    assert regels["Taalcentrum Test"].gedeeld
    assert not regels["Wethouder en financiers"].gedeeld


@both_dbs
def test_the_aanmelden_page_shows_what_is_shared_before_confirming(client, make_user, traject):
    TrajectPartnerFactory(traject=traject, rol=c.PartnerRol.OPLEIDER, organisatie__naam="ROC Test")
    client.force_login(make_user(Rol.KLANTMANAGER))
    kandidaat = DeelnemerFactory(gemeente=traject.regie_organisatie)
    url = reverse("deelnemers:aanmelden", kwargs={"pk": kandidaat.pk})
    html = client.post(url, {"traject": traject.pk, "controleer": "1"}).content.decode()
    assert "Wat wordt gedeeld, met wie" in html and "ROC Test" in html
    assert "Grondslag: De regie ligt bij uw eigen gemeente." in html


@both_dbs
def test_the_trajectory_list_says_when_a_trajectory_is_past_its_capacity(rclient, klein):
    for status in (S.OPLEIDING, S.GESELECTEERD, S.INTAKE):
        deelname_in(klein, status)
    html = rclient.get(reverse("trajecten:lijst")).content.decode()
    assert "3 van 3 plaatsen" in html and "boven de capaciteit" not in html
    deelname_in(klein, S.AANGEMELD)
    html = rclient.get(reverse("trajecten:lijst")).content.decode()
    assert "4 van 3 plaatsen" in html and "1 boven de capaciteit" in html
