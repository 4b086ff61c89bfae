"""The employer's pages read a fixed number of queries, however many profiles and placements."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import BegeleiderFactory
from tests.secties import met_secties
from werkgevers import services

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _add(world, n):
    """n candidates of each kind: a proposed match, a placement to confirm, one at work."""
    mentor = BegeleiderFactory(werkgever=world.werkgever)
    for i in range(n):
        services.match_propose(acting_user=world.regisseur, deelname=world.deelname(), leerwerkplek=world.plek)
        te_bevestigen = world.deelname()
        world.accepted(te_bevestigen)
        world.proposed_placement(te_bevestigen)
        werkt = world.deelname()
        world.accepted(werkt)
        plaatsing = world.proposed_placement(werkt, start=datetime.date(2026, 6, 1) + datetime.timedelta(days=i),
                                             mentor=mentor)  # fmt: skip
        services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)


def _count(client, url):
    """Queries of the page with its lazy sections (leerwerk.secties) swapped in."""
    with CaptureQueriesContext(connection) as ctx:
        html = met_secties(client, url)
    return len(ctx.captured_queries), html


@pytest.mark.parametrize("page", ["werkgever:start", "werkgever:profielen", "werkgever:plek"])
def test_query_count_does_not_grow_with_the_number_of_profiles(client, world, page):
    client.force_login(world.werkgever_user)
    url = reverse(page, args=[world.plek.pk]) if page == "werkgever:plek" else reverse(page)
    _add(world, 1)
    one, html_one = _count(client, url)
    _add(world, 9)
    ten, html_ten = _count(client, url)
    assert html_ten.count("Kandidaat K-") > html_one.count("Kandidaat K-")  # the page did grow
    assert ten == one


def test_start_page_sections_query_counts_are_fixed(client, world):
    client.force_login(world.werkgever_user)
    urls = [reverse(n) for n in ("werkgever:start_voorstellen", "werkgever:start_bevestigen",
                                 "werkgever:start_plekken", "werkgever:start_aan_het_werk")]  # fmt: skip
    _add(world, 1)
    een = [_count(client, url)[0] for url in urls]
    _add(world, 4)
    assert [_count(client, url)[0] for url in urls] == een
    assert max(een) <= 10
