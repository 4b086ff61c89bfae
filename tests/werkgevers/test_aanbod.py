"""What employers are offered and what the regisseur is offered to do (issue 11): nobody placed
with another employer is offered while that placement runs; a filled place offers nobody new and
says so; the match overview offers "Voorstellen" and "Plaatsing voorstellen" only where the
service will accept them, and otherwise says why."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.secties import met_secties
from tests.werkgevers.plaatsingen import bevestigd, klaar
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import selectors, services

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
S = tc.DeelnameStatus


def _aangeboden(user, deelname):
    return selectors.profielen_for_werkgever(user).filter(deelname=deelname).exists()


# --- Item 4: placed elsewhere --------------------------------------------------------------------


def test_a_participant_placed_with_another_employer_is_not_offered_while_the_placement_runs(world):
    deelname = klaar(world)  # accepted by the first employer
    assert _aangeboden(world.ander_user, deelname)
    plaatsing = world.proposed_placement(deelname)
    assert _aangeboden(world.ander_user, deelname)  # only proposed: still free

    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=plaatsing.versie)
    assert not _aangeboden(world.ander_user, deelname)
    assert _aangeboden(world.werkgever_user, deelname)  # its own employer keeps seeing the profile
    html = _portal(world.ander_user, "werkgever:profielen")
    assert deelname.profiel.pseudoniem not in html

    services.plaatsing_end(
        acting_user=world.regisseur, plaatsing=plaatsing, einde=plaatsing.start, reden=c.EindeReden.NIET_PASSEND
    )
    assert _aangeboden(world.ander_user, deelname)  # the placement ended: offered again


def _portal(user, name, *args):
    client = Client()
    client.force_login(user)
    return met_secties(client, reverse(name, args=args))


# --- Item 6: a filled place --------------------------------------------------------------------------


def test_a_filled_place_offers_no_profiles_and_says_so(world):
    world.deelname()
    nieuw = world.deelname()
    services.match_interest(acting_user=world.werkgever_user, profiel_id=world.deelnames[0].profiel.pk,
                            leerwerkplek=world.plek)  # fmt: skip
    start = _portal(world.werkgever_user, "werkgever:start")
    assert "2 kandidaatprofielen voor deze plek" in start

    world.plek.status = c.PlekStatus.VERVULD
    world.plek.save(update_fields=["status"])
    start = _portal(world.werkgever_user, "werkgever:start")
    assert "kandidaatprofielen voor deze plek" not in start
    assert "Deze plek is vervuld: er worden geen kandidaten meer voor aangeboden." in start
    plek = _portal(world.werkgever_user, "werkgever:plek", world.plek.pk)
    assert world.deelnames[0].profiel.pseudoniem in plek  # the one it showed interest in
    assert nieuw.profiel.pseudoniem not in plek and "Ik sta open voor deze kandidaat" not in plek


# --- Item 5: only actions that will be accepted ------------------------------------------------------


def _overzicht(client, world):
    client.force_login(world.regisseur)
    return met_secties(client, reverse("matching:traject", args=[world.traject.pk]))


def _knop(deelname):
    return f'name="profiel" value="{deelname.profiel.pk}"'


def test_voorstellen_is_offered_only_for_a_profile_the_service_accepts(client, world):
    goed = world.deelname()
    zonder_tekst = world.deelname(approved=False)
    zonder_toestemming = world.deelname(consent=False)
    html = _overzicht(client, world)
    assert _knop(goed) in html
    assert _knop(zonder_tekst) not in html and _knop(zonder_toestemming) not in html
    assert "Het profiel heeft nog geen goedgekeurde motivatie voor werkgevers." in html
    assert "De deelnemer heeft geen toestemming gegeven om een profiel met werkgevers te delen." in html
    # what the page offers is exactly what the service accepts
    services.match_propose(acting_user=world.regisseur, deelname=goed, leerwerkplek=world.plek)
    for deelname in (zonder_tekst, zonder_toestemming):
        with pytest.raises(ValidationError):
            services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)


def _plaatsing_link(world, deelname):
    return f"{reverse('matching:plaatsing_nieuw', args=[world.traject.pk])}?deelname={deelname.pk}&amp;leerwerkplek="


def test_plaatsing_voorstellen_is_not_offered_for_a_participant_with_a_placement(client, world):
    vrij = klaar(world)
    geplaatst = klaar(world, status=S.OPLEIDING)
    plaatsing = bevestigd(world, geplaatst, soort=c.PlaatsingSoort.BBL, start=datetime.date(2020, 1, 6),
                          einde=datetime.date(2030, 1, 6))  # fmt: skip
    geplaatst.refresh_from_db()
    assert geplaatst.status == S.GEPLAATST and plaatsing.status in c.ACTIEVE_PLAATSING
    html = _overzicht(client, world)
    assert _plaatsing_link(world, vrij) in html
    assert _plaatsing_link(world, geplaatst) not in html
    assert "Heeft al een plaatsing: wijzig die of zet hem om onder Plaatsingen." in html


def test_the_refusal_rules_say_why():
    assert services.match_propose_refusal(toestemming=True, gepubliceerd=True, deelname_status=S.OPLEIDING) is None
    assert "toestemming" in services.match_propose_refusal(
        toestemming=False, gepubliceerd=True, deelname_status=S.OPLEIDING
    )
    assert "niet geplaatst" in services.match_propose_refusal(
        toestemming=True, gepubliceerd=True, deelname_status=S.GEPLAATST
    )
    refusal = services.plaatsing_propose_refusal
    assert refusal(deelname_status=S.PROEFPLAATSING, heeft_lopende_plaatsing=False) is None
    assert refusal(deelname_status=S.OPLEIDING, heeft_lopende_plaatsing=True)
    assert refusal(deelname_status=S.UITGEVALLEN, heeft_lopende_plaatsing=False).startswith("Doet niet meer mee")


# --- Item 16: the match page ------------------------------------------------------------------------


def test_the_match_page_shows_the_motivation_and_years_of_experience_without_decimals(world):
    from deelnemers.models import Werkervaring

    deelname = world.deelname()
    Werkervaring.objects.create(deelnemer=deelname.deelnemer, sector="Bouw", jaren="8.0")
    Werkervaring.objects.create(deelnemer=deelname.deelnemer, sector="Schoonmaak", jaren="2.5")
    match = services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    html = _portal(world.werkgever_user, "werkgever:match", match.pk)
    assert "Gemotiveerd, handig met gereedschap." in html  # the motivation, without a click-through
    assert html.index("Gemotiveerd, handig") < html.index("Uw antwoord")  # read before answering
    profiel = _portal(world.werkgever_user, "werkgever:profiel", deelname.profiel.pk)
    assert "Bouw: 8 jaar" in profiel and "Schoonmaak: 2,5 jaar" in profiel and "8.0" not in profiel


def test_a_participant_placed_with_another_employer_cannot_be_proposed_there(client, world):
    deelname = klaar(world)  # accepted by the first employer
    bevestigd(world, deelname)  # and placed there (start in the past: running)
    with pytest.raises(ValidationError) as exc:
        services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.ander_plek)
    assert exc.value.message_dict["deelname"] == ["Heeft een bevestigde plaatsing bij een andere werkgever."]
    html = _overzicht(client, world)
    ander = html[html.index(f'id="plek-{world.ander_plek.pk}"') :].split('id="matches"')[0]
    assert _knop(deelname) not in ander and "Heeft een bevestigde plaatsing bij een andere werkgever." in ander


# --- Issue 12: the profile list is paginated -------------------------------------------------------


def test_the_profile_list_shows_25_per_page(world):
    for _ in range(27):
        world.deelname()
    eerste = _portal(world.werkgever_user, "werkgever:profielen")
    assert eerste.count('class="werkgevers-kaart"') == 25 and "Pagina 1 van 2 (27 profielen)" in eerste
    client = Client()
    client.force_login(world.werkgever_user)
    tweede = client.get(reverse("werkgever:profielen"), {"pagina": 2}).content.decode()
    assert tweede.count('class="werkgevers-kaart"') == 2 and "Vorige pagina" in tweede
