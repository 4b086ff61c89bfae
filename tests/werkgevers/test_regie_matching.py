"""The match overview of one trajectory: scores with their explanation, employer interest,
proposing a match, events, the access log and a query count independent of the profiles."""

import datetime

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from tests.factories import GemeenteFactory
from tests.secties import met_secties
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Bijeenkomst, Match

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def rclient(client, world):
    client.force_login(world.regisseur)
    return client


def _url(world):
    return reverse("matching:traject", args=[world.traject.pk])


def test_overview_shows_each_open_place_with_scored_profiles_interest_and_names(rclient, world):
    ali = world.deelname(voornaam="Ali", achternaam="Uit Test")
    world.deelname(voornaam="Bea", achternaam="Zonder Tekst", approved=False)
    services.match_interest(acting_user=world.werkgever_user, profiel_id=ali.profiel.pk, leerwerkplek=world.plek)
    html = met_secties(rclient, _url(world))
    plek = html[html.index(f'id="plek-{world.plek.pk}"') : html.index(f'id="plek-{world.ander_plek.pk}"')]
    assert ali.profiel.pseudoniem in plek and "Ali Uit Test" in plek
    assert "Werkgever heeft interesse" in plek and "matching-rij--interesse" in plek
    assert "<details" in plek and "Taalniveau" in plek and "Uren per week" in plek and "Reisregio" in plek
    assert "nog geen goedgekeurde motivatie voor werkgevers" in plek  # Bea: why she cannot be proposed,
    assert reverse("matching:profiel", args=[world.deelnames[1].pk]) in plek  # and the link to her text page
    anders = html[html.index(f'id="plek-{world.ander_plek.pk}"') :]
    assert "Werkgever heeft interesse" not in anders.split('id="matches"')[0]
    assert AccessLog.objects.filter(user_id=world.regisseur.pk, action="list", object_id=str(ali.deelnemer_id)).exists()


def test_voorstellen_proposes_a_match_with_its_score_and_the_page_shows_it(rclient, world):
    deelname = world.deelname()
    response = rclient.post(
        reverse("matching:voorstellen", args=[world.traject.pk]),
        {"profiel": deelname.profiel.pk, "plek": world.plek.pk},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#plek-{world.plek.pk}")
    match = Match.objects.get(deelname=deelname, leerwerkplek=world.plek)
    assert match.status == c.MatchStatus.VOORGESTELD and match.voorgesteld_door == world.regisseur
    assert match.score is not None and match.score > 0
    html = met_secties(rclient, _url(world))
    assert "is voorgesteld aan" in html
    assert f"score {match.score}" in html and "Voorgesteld op" in html


def test_a_refused_proposal_says_why_in_dutch(rclient, world):
    deelname = world.deelname(consent=False)
    url = reverse("matching:voorstellen", args=[world.traject.pk])
    response = rclient.post(url, {"profiel": deelname.profiel.pk, "plek": world.plek.pk}, follow=True)
    assert "geen toestemming gegeven om een profiel met werkgevers te delen" in response.content.decode()
    assert not Match.objects.exists()


def test_accepted_match_links_to_the_placement_form(rclient, world):
    deelname = world.deelname()
    world.accepted(deelname)
    html = met_secties(rclient, _url(world))
    link = f"{reverse('matching:plaatsing_nieuw', args=[world.traject.pk])}?deelname={deelname.pk}&amp;leerwerkplek="
    assert link + str(world.plek.pk) in html
    assert "Geaccepteerd" in html


def test_another_gemeentes_regisseur_cannot_propose_or_read(client, world, make_user):
    deelname = world.deelname()
    client.force_login(make_user(Rol.REGISSEUR, organisatie=GemeenteFactory()))
    assert client.get(_url(world)).status_code == 404
    url = reverse("matching:voorstellen", args=[world.traject.pk])
    assert client.post(url, {"profiel": deelname.profiel.pk, "plek": world.plek.pk}).status_code == 404
    assert not Match.objects.exists()


def test_query_count_of_the_overview_does_not_grow_with_the_profiles(rclient, world):
    def count():
        with (
            CaptureQueriesContext(connections["default"]) as default,
            CaptureQueriesContext(connections["audit"]) as audit,
        ):
            met_secties(rclient, _url(world))  # the page and each of its sections
        return len(default), len(audit)

    eerste = world.deelname()
    world.accepted(eerste)
    world.proposed_placement(eerste)
    Bijeenkomst.objects.create(
        traject=world.traject, soort="meet_and_match", datum=datetime.date(2026, 6, 1), plaats="Oss",
        vastgelegd_door=world.regisseur,
    ).deelnames.add(eerste)  # fmt: skip
    een = count()
    for _ in range(9):
        d = world.deelname()
        services.match_interest(acting_user=world.werkgever_user, profiel_id=d.profiel.pk, leerwerkplek=world.plek)
    assert count() == een


def test_an_event_is_recorded_with_who_attended(rclient, world):
    deelname = world.deelname(voornaam="Chris")
    url = reverse("matching:bijeenkomst_nieuw", args=[world.traject.pk])
    assert "Chris" in rclient.get(url).content.decode()
    data = {"soort": "meeloopdag", "datum": "2026-06-10", "plaats": "Werkplaats Oss",
            "werkgevers": [world.werkgever.pk, world.ander.pk], "deelnames": [deelname.pk]}  # fmt: skip
    response = rclient.post(url, data)
    assert response.status_code == 400 and "Een meeloopdag is bij één werkgever." in response.content.decode()
    response = rclient.post(url, data | {"werkgevers": [world.werkgever.pk], "overige_aanwezigen": "Jobcoach Jan"})
    assert response.status_code == 302
    bijeenkomst = Bijeenkomst.objects.get()
    assert list(bijeenkomst.werkgevers.all()) == [world.werkgever] and list(bijeenkomst.deelnames.all()) == [deelname]
    html = met_secties(rclient, _url(world))
    section = html[html.index('id="bijeenkomsten"') :]
    assert "Meeloopdag, 10-06-2026, Werkplaats Oss" in section and "Jobcoach Jan" in section
    assert deelname.deelnemer.naam in section
    wijzigen = reverse("matching:bijeenkomst_wijzigen", args=[bijeenkomst.pk])
    assert rclient.post(wijzigen, data | {"werkgevers": [world.ander.pk], "plaats": "Oss"}).status_code == 302
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.plaats == "Oss" and list(bijeenkomst.werkgevers.all()) == [world.ander]


def test_a_participant_outside_the_profile_states_is_not_suggested(rclient, world):
    aangemeld = world.deelname(tc.DeelnameStatus.AANGEMELD)
    html = met_secties(rclient, _url(world))
    assert aangemeld.profiel.pseudoniem not in html
