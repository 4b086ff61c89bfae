"""Placements from the regisseur's pages: proposing (refused in Dutch per field without an
accepted match or when overlapping), changing after confirmation (a kept version and a new
confirmation), starting, ending and converting."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import OrganisatieType, Rol
from tests.factories import BegeleiderFactory, GemeenteFactory, OrganisatieFactory, TrajectPartnerFactory
from tests.secties import met_secties
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Plaatsing, PlaatsingVersie

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
P = c.PlaatsingStatus


@pytest.fixture
def rclient(client, world):
    client.force_login(world.regisseur)
    return client


def _nieuw(world):
    return reverse("matching:plaatsing_nieuw", args=[world.traject.pk])


def _data(deelname, plek, **extra):
    return {"deelname": deelname.pk, "leerwerkplek": plek.pk, "soort": "proefplaatsing", "start": "2026-09-07",
            "gepland_einde": "2026-11-01", "uren_per_week": 32, **extra}  # fmt: skip


def _veldfout(html, veld) -> str:
    """The error text Django renders for a field (with the id its input points to)."""
    match = re.search(rf'<ul class="errorlist" id="id_{veld}_error">(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


def test_proposing_without_an_accepted_match_shows_a_dutch_error_on_the_place_field(rclient, world):
    deelname = world.deelname()
    response = rclient.post(_nieuw(world), _data(deelname, world.plek))
    html = response.content.decode()
    assert response.status_code == 400
    assert "De werkgever heeft deze deelnemer voor deze plek nog niet geaccepteerd." in _veldfout(html, "leerwerkplek")
    assert 'aria-invalid="true"' in html and 'href="#id_leerwerkplek"' in html  # the summary links to the field
    assert not Plaatsing.objects.exists()


def test_an_overlapping_proposal_is_refused_on_the_start_field(rclient, world):
    deelname = world.deelname()
    world.accepted(deelname)
    world.accepted(deelname, world.ander_plek)
    assert rclient.post(_nieuw(world), _data(deelname, world.plek)).status_code == 302
    response = rclient.post(_nieuw(world), _data(deelname, world.ander_plek, start="2026-10-01"))
    assert response.status_code == 400
    assert "Deze deelnemer heeft in deze periode al een plaatsing." in _veldfout(response.content.decode(), "start")
    assert Plaatsing.objects.count() == 1


def test_a_proposal_with_mentor_and_jobcoach_waits_for_confirmation(rclient, world, make_user):
    deelname = world.deelname()
    world.accepted(deelname)
    mentor = BegeleiderFactory(werkgever=world.werkgever, naam="Mees Mentor")
    coachorg = OrganisatieFactory(type=OrganisatieType.EXPERTISEPARTNER)
    TrajectPartnerFactory(traject=world.traject, organisatie=coachorg, rol=tc.PartnerRol.JOBCOACH)
    coach = make_user(Rol.JOBCOACH, organisatie=coachorg, naam="Joke Jobcoach")
    form = rclient.get(_nieuw(world), {"deelname": deelname.pk, "leerwerkplek": world.plek.pk}).content.decode()
    assert f'<option value="{deelname.pk}" selected>' in form and "Joke Jobcoach" in form and "Mees Mentor" in form
    response = rclient.post(_nieuw(world), _data(deelname, world.plek, mentor=mentor.pk, jobcoach=coach.pk))
    assert response.status_code == 302
    plaatsing = Plaatsing.objects.get()
    assert (plaatsing.mentor, plaatsing.jobcoach, plaatsing.status) == (mentor, coach, P.VOORGESTELD)
    html = met_secties(rclient, reverse("matching:traject", args=[world.traject.pk]))
    rij = html[html.index(f'id="plaatsing-{plaatsing.pk}"') :]
    assert "wacht op bevestiging" in rij[: rij.index("</tr>")]


def test_a_mentor_of_another_employer_is_refused(rclient, world):
    deelname = world.deelname()
    world.accepted(deelname)
    vreemde = BegeleiderFactory(werkgever=world.ander)
    response = rclient.post(_nieuw(world), _data(deelname, world.plek, mentor=vreemde.pk))
    assert response.status_code == 400
    assert "Kies een mentor van deze werkgever." in _veldfout(response.content.decode(), "mentor")


def test_a_change_after_confirmation_keeps_the_old_version_and_waits_again(rclient, world):
    deelname = world.deelname()
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    url = reverse("matching:plaatsing_wijzigen", args=[plaatsing.pk])
    assert "De werkgever heeft deze plaatsing bevestigd." in rclient.get(url).content.decode()
    data = {"soort": "proefplaatsing", "start": "2026-09-07", "gepland_einde": "2026-11-01", "uren_per_week": 24}
    response = rclient.post(url, data, follow=True)
    html = response.content.decode()
    assert "wacht op een nieuwe bevestiging van de werkgever" in html
    html = met_secties(rclient, response.redirect_chain[-1][0].split("#")[0])  # with the placements section
    rij = html[html.index(f'id="plaatsing-{plaatsing.pk}"') :]
    assert "gewijzigd, wacht op bevestiging" in rij[: rij.index("</tr>")]
    plaatsing.refresh_from_db()
    assert (plaatsing.versie, plaatsing.bevestigde_versie, plaatsing.uren_per_week) == (2, 1, 24)
    oud = PlaatsingVersie.objects.get(plaatsing=plaatsing)
    assert (oud.versie, oud.uren_per_week, oud.bevestigd_door, oud.vervangen_door) == (
        1, 32, world.werkgever_user, world.regisseur)  # fmt: skip
    assert "Eerdere versies" in rclient.get(url).content.decode()


def test_a_change_to_a_paid_kind_after_confirmation_is_refused(rclient, world):
    deelname = world.deelname()
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    url = reverse("matching:plaatsing_wijzigen", args=[plaatsing.pk])
    data = {"soort": "bepaalde_tijd", "start": "2026-09-07", "gepland_einde": "2027-09-06", "uren_per_week": 32}
    response = rclient.post(url, data)
    assert response.status_code == 400
    assert "Zet een bevestigde plaatsing om met een nieuwe plaatsing." in _veldfout(response.content.decode(), "soort")


def test_start_end_and_convert_a_placement(rclient, world):
    vandaag = timezone.localdate()
    deelname = world.deelname()
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname, start=vandaag - datetime.timedelta(days=10))
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    rclient.post(reverse("matching:plaatsing_starten", args=[plaatsing.pk]))
    plaatsing.refresh_from_db()
    assert plaatsing.status == P.GESTART

    omzetten = reverse("matching:plaatsing_omzetten", args=[plaatsing.pk])
    assert "eindigt de oude plaatsing de dag vóór de nieuwe start" in rclient.get(omzetten).content.decode()
    start = vandaag + datetime.timedelta(days=20)
    data = _data(deelname, world.plek, soort="bepaalde_tijd", start=start.isoformat(),
                 gepland_einde=(start + datetime.timedelta(days=365)).isoformat())  # fmt: skip
    assert rclient.post(omzetten, data).status_code == 302
    nieuw = Plaatsing.objects.get(omgezet_uit=plaatsing)
    assert nieuw.status == P.VOORGESTELD and nieuw.soort == "bepaalde_tijd"

    einde = reverse("matching:plaatsing_beeindigen", args=[plaatsing.pk])
    response = rclient.post(einde, {"einde": vandaag.isoformat(), "reden": "overig"})
    assert response.status_code == 400 and "Licht de reden &#x27;overig&#x27; toe." in response.content.decode()
    rclient.post(einde, {"einde": vandaag.isoformat(), "reden": "afgerond"})
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.einde, plaatsing.einde_reden) == (P.BEEINDIGD, vandaag, "afgerond")


def test_a_future_placement_cannot_start_yet(rclient, world):
    deelname = world.deelname()
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname, start=timezone.localdate() + datetime.timedelta(days=7))
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    response = rclient.post(reverse("matching:plaatsing_starten", args=[plaatsing.pk]), follow=True)
    assert "De plaatsing is niet gestart: De plaatsing begint pas op" in response.content.decode()
    plaatsing.refresh_from_db()
    assert plaatsing.status == P.BEVESTIGD


def test_placement_pages_are_404_for_another_gemeentes_regisseur(client, world, make_user):
    deelname = world.deelname()
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    client.force_login(make_user(Rol.REGISSEUR, organisatie=GemeenteFactory()))
    for name in ("plaatsing_wijzigen", "plaatsing_omzetten", "plaatsing_beeindigen"):
        assert client.get(reverse(f"matching:{name}", args=[plaatsing.pk])).status_code == 404
    assert client.post(reverse("matching:plaatsing_starten", args=[plaatsing.pk])).status_code == 404
    assert client.post(_nieuw(world), _data(deelname, world.plek)).status_code == 404
    assert Plaatsing.objects.count() == 1
