"""Lazy sections (leerwerk.secties, issue 12) of the regisseur's match overview and the employer
portal's start page: each page is a light shell with a fixed, small number of queries; each
section is guarded like its page (404 out of scope and for other roles) and is a page of its
own without JavaScript."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from tests.factories import GemeenteFactory, LeerwerkplekFactory
from tests.secties import met_secties
from werkgevers import constants as c
from werkgevers import services

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

# Tables only the sections read; the shells never touch them.
ZWAAR = (
    "werkgevers_profiel",
    "werkgevers_match",
    "werkgevers_plaatsing",
    "werkgevers_bijeenkomst",
    "trajecten_deelname",
)


def _queries(client, url, **extra):
    with CaptureQueriesContext(connections["default"]) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return [q["sql"] for q in queries.captured_queries], response.content.decode()


def _regie_secties(world):
    t = world.traject.pk
    return [
        reverse("matching:traject_plek", args=[t, world.plek.pk]),
        reverse("matching:traject_open_plekken", args=[t]),
        reverse("matching:traject_matches", args=[t]),
        reverse("matching:traject_plaatsingen", args=[t]),
        reverse("matching:traject_bijeenkomsten", args=[t]),
    ]


PORTAAL = ["werkgever:start_voorstellen", "werkgever:start_bevestigen", "werkgever:start_plekken",
           "werkgever:start_aan_het_werk"]  # fmt: skip


# --- The regisseur's match overview ------------------------------------------------------------------


def test_the_overview_is_a_light_shell_with_a_placeholder_per_section(client, world):
    client.force_login(world.regisseur)
    url = reverse("matching:traject", args=[world.traject.pk])
    world.deelname()
    een, html = _queries(client, url)
    for _ in range(5):
        world.accepted(world.deelname())
    LeerwerkplekFactory(werkgever=world.werkgever, traject=world.traject, locatie__arbeidsmarktregio=world.regio)
    zes, _html = _queries(client, url)
    # session, user, trajectory, session saved: not even the places
    assert len(een) == len(zes) <= 6
    assert not [q for q in zes if any(f'"{tabel}"' in q for tabel in (*ZWAAR, "werkgevers_leerwerkplek"))]
    for sectie in _regie_secties(world)[1:]:
        assert f'hx-get="{sectie}" hx-trigger="load"' in html and f'href="{sectie}"' in html
    for anker in ("suggesties", "matches", "plaatsingen", "bijeenkomsten"):
        assert f'id="{anker}"' in html  # in-page links keep working before a section has loaded


def test_the_open_places_section_holds_a_lazy_section_per_place(client, world):
    client.force_login(world.regisseur)
    world.deelname()
    url = reverse("matching:traject_open_plekken", args=[world.traject.pk])
    een, html = _queries(client, url, HTTP_HX_REQUEST="true")
    LeerwerkplekFactory(werkgever=world.werkgever, traject=world.traject, locatie__arbeidsmarktregio=world.regio)
    twee, _html = _queries(client, url, HTTP_HX_REQUEST="true")
    assert len(een) == len(twee) <= 7  # session, user, trajectory, its open places, session saved
    assert not [q for q in twee if any(f'"{tabel}"' in q for tabel in ZWAAR)]
    assert f'id="plek-{world.plek.pk}"' in html and world.plek.functietitel in html
    plek = _regie_secties(world)[0]
    assert f'hx-get="{plek}" hx-trigger="load"' in html and f'id="plek-{world.plek.pk}-kandidaten"' in html
    volledig = met_secties(client, reverse("matching:traject", args=[world.traject.pk]))
    assert world.plek.functietitel in volledig and "leerwerk-lui" not in volledig


def test_a_place_that_is_not_open_has_no_section(client, world):
    client.force_login(world.regisseur)
    world.deelname()
    world.plek.status = c.PlekStatus.VERVULD
    world.plek.save(update_fields=["status"])
    html = met_secties(client, reverse("matching:traject", args=[world.traject.pk]))
    assert f'id="plek-{world.plek.pk}"' not in html and f'id="plek-{world.ander_plek.pk}"' in html
    assert client.get(_regie_secties(world)[0]).status_code == 404


def test_each_overview_section_is_guarded_like_the_page(client, world, make_user):
    world.deelname()
    secties = _regie_secties(world)
    for user in (make_user(Rol.REGISSEUR, organisatie=GemeenteFactory()), world.werkgever_user, world.klantmanager):
        client.force_login(user)
        for url in secties:
            assert client.get(url).status_code == 404, (user, url)
            assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404, (user, url)
    client.force_login(world.regisseur)
    ander_traject = LeerwerkplekFactory(werkgever=world.werkgever)  # a place of another trajectory
    assert client.get(reverse("matching:traject_plek", args=[world.traject.pk, ander_traject.pk])).status_code == 404
    assert client.get(reverse("matching:traject_matches", args=[987654])).status_code == 404
    client.logout()
    assert client.get(secties[1]).status_code == 302  # to the login page
    assert client.get(secties[1], HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(reverse("login"))


def test_without_javascript_an_overview_section_is_a_page_of_its_own(client, world):
    deelname = world.deelname(voornaam="Noor", achternaam="Zonderjs")
    client.force_login(world.regisseur)
    url = reverse("matching:traject_plek", args=[world.traject.pk, world.plek.pk])
    pagina = client.get(url).content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in pagina and "<html" not in fragment
    assert f"Kandidaten voor {world.plek.functietitel}" in pagina
    assert f'href="{reverse("matching:traject", args=[world.traject.pk])}">Matching in' in pagina
    for html in (pagina, fragment):
        assert deelname.profiel.pseudoniem in html and "Noor Zonderjs" in html and "Voorstellen" in html
    for sectie in _regie_secties(world)[1:]:
        assert "<h1" in client.get(sectie).content.decode()


def test_each_overview_section_logs_the_persons_it_shows(client, world):
    deelname = world.deelname()
    client.force_login(world.regisseur)
    client.get(reverse("matching:traject", args=[world.traject.pk]))
    assert not AccessLog.objects.filter(object_id=str(deelname.deelnemer_id)).exists()  # the shell shows nobody
    client.get(_regie_secties(world)[0], HTTP_HX_REQUEST="true")
    assert AccessLog.objects.filter(
        user_id=world.regisseur.pk, action="list", object_id=str(deelname.deelnemer_id)
    ).exists()


# --- The employer portal's start page ----------------------------------------------------------------


def test_the_portal_start_page_is_a_light_shell(client, world):
    client.force_login(world.werkgever_user)
    queries, html = _queries(client, reverse("werkgever:start"))
    assert len(queries) <= 5  # session, user with organisation, session saved
    assert not [q for q in queries if "werkgevers_" in q]
    for naam in PORTAAL:
        url = reverse(naam)
        assert f'hx-get="{url}" hx-trigger="load"' in html and f'href="{url}"' in html
    for anker in ("antwoord", "bevestigen", "plekken", "aan-het-werk"):
        assert f'id="{anker}"' in html


def test_each_portal_section_is_guarded_like_the_page(client, world, make_user):
    for user in (world.regisseur, make_user(Rol.KLANTMANAGER)):
        client.force_login(user)
        for naam in PORTAAL:
            assert client.get(reverse(naam)).status_code == 404, (user, naam)
    client.logout()
    for naam in PORTAAL:
        assert client.get(reverse(naam)).status_code == 302


def test_the_portal_sections_show_only_the_employers_own(client, world):
    deelname = world.deelname(voornaam="Rana", achternaam="Eigen")
    services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    world.accepted(world.deelname(), plek=world.plek)
    client.force_login(world.ander_user)  # the other employer in the same trajectory
    html = met_secties(client, reverse("werkgever:start"))
    assert (
        world.ander_plek.functietitel in html
        and f'href="{reverse("werkgever:plek", args=[world.plek.pk])}"' not in html
    )
    assert deelname.profiel.pseudoniem not in html and "Rana" not in html
    assert "Er wachten geen voorstellen op uw antwoord." in html


def test_without_javascript_a_portal_section_is_a_page_of_its_own(client, world):
    deelname = world.deelname()
    services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    client.force_login(world.werkgever_user)
    url = reverse("werkgever:start_voorstellen")
    pagina = client.get(url).content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in pagina and "<html" not in fragment
    assert '<h1 class="utrecht-heading-1">Voorstellen die wachten op uw antwoord</h1>' in pagina
    assert f'href="{reverse("werkgever:start")}">Mijn plekken en kandidaten</a>' in pagina
    assert "css/werkgevers" in pagina and "css/werkgevers" not in fragment
    for html in (pagina, fragment):
        assert f"Kandidaat {deelname.profiel.pseudoniem} voor {world.plek.functietitel}" in html


def test_the_mijn_werk_section_counts_in_one_query(client, world):
    for _ in range(3):
        services.match_propose(acting_user=world.regisseur, deelname=world.deelname(), leerwerkplek=world.plek)
    client.force_login(world.werkgever_user)
    queries, html = _queries(client, reverse("mijn_werk_overzicht", args=["werkgever"]), HTTP_HX_REQUEST="true")
    assert len([q for q in queries if "werkgevers_" in q]) == 1
    assert "3 voorgestelde kandidaten wachten op uw antwoord." in html


def test_an_overview_without_open_places_still_names_its_trajectory_and_stays_in_scope(client, world, make_user):
    for plek in (world.plek, world.ander_plek):
        plek.status = c.PlekStatus.GESLOTEN
        plek.save(update_fields=["status"])
    url = reverse("matching:traject", args=[world.traject.pk])
    client.force_login(world.regisseur)
    html = met_secties(client, url)
    assert f"Matching in {world.traject.naam}" in html and "er zijn geen open plekken in dit traject" in html
    client.force_login(make_user(Rol.REGISSEUR, organisatie=GemeenteFactory()))
    assert client.get(url).status_code == 404
