"""The writes of the werkgevers API: interest, the regisseur's proposals, the employer's answer
to a match and its confirmation of a placement; field errors in Dutch, out of scope 404."""

from __future__ import annotations

import datetime

import pytest

from leerwerk.models import AccessLog, Rol
from tests.api.conftest import NOT_FOUND
from tests.api.conftest_werkgevers import wg  # noqa: F401 (fixture)
from tests.factories import BegeleiderFactory
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Match, Plaatsing

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

WACHT_NIET = "Deze plaatsing wacht niet (meer) op uw bevestiging."


def _post(api, url, data=None):
    return api.post(url, data or {}, format="json")


# --- Confirming and declining a placement ---------------------------------------------------


@pytest.fixture
def voorstel(wg):  # noqa: F811
    deelname = wg.deelname(tc.DeelnameStatus.OPLEIDING)
    wg.accepted(deelname)
    return wg.proposed_placement(deelname)


def test_confirming_moves_the_deelname_to_proefplaatsing(wg, voorstel, api_as):  # noqa: F811
    response = _post(api_as(wg.werkgever_user), f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", {"versie": 1})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["status"], data["bevestigde_versie"], data["wacht_op_bevestiging"]) == ("bevestigd", 1, False)
    voorstel.refresh_from_db()
    assert voorstel.bevestigd_door == wg.werkgever_user and voorstel.bevestigd_op is not None
    voorstel.deelname.refresh_from_db()
    assert voorstel.deelname.status == tc.DeelnameStatus.PROEFPLAATSING
    # The regisseur's view of the participation says so too.
    deelname = api_as(wg.regisseur).get(f"/api/v1/deelnames/{voorstel.deelname_id}/").json()
    assert deelname["status"] == "proefplaatsing"


def test_a_second_confirmation_is_refused_in_dutch(wg, voorstel, api_as):  # noqa: F811
    api = api_as(wg.werkgever_user)
    assert _post(api, f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", {"versie": 1}).status_code == 200
    again = _post(api, f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", {"versie": 1})
    assert (again.status_code, again.json()) == (400, {"status": [WACHT_NIET]})
    assert voorstel.deelname.stappen.filter(naar_status=tc.DeelnameStatus.PROEFPLAATSING).count() == 1


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"versie": ["Dit veld is verplicht."]}),
        ({"versie": "twee"}, {"versie": ["Vul een heel getal in."]}),
        ({"versie": 2}, {"versie": ["De plaatsing is intussen gewijzigd. Bekijk de nieuwe gegevens."]}),
    ],
)
def test_confirmation_field_errors(wg, voorstel, api_as, body, errors):  # noqa: F811
    response = _post(api_as(wg.werkgever_user), f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", body)
    assert (response.status_code, response.json()) == (400, errors)
    voorstel.refresh_from_db()
    assert voorstel.status == c.PlaatsingStatus.VOORGESTELD


@pytest.mark.parametrize("who", ["ander_user", "regisseur", "klantmanager", "opleider", "wethouder", "jobcoach"])
def test_only_the_employer_confirms_or_declines(wg, voorstel, api_as, who):  # noqa: F811
    api = api_as(getattr(wg, who))
    for action, body in (("bevestigen", {"versie": 1}), ("afwijzen", {"reden": "uren"})):
        response = _post(api, f"/api/v1/plaatsingen/{voorstel.pk}/{action}/", body)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    voorstel.refresh_from_db()
    assert voorstel.status == c.PlaatsingStatus.VOORGESTELD


def test_declining_a_placement(wg, voorstel, api_as):  # noqa: F811
    api, url = api_as(wg.werkgever_user), f"/api/v1/plaatsingen/{voorstel.pk}/afwijzen/"
    assert _post(api, url).json() == {"reden": ["Dit veld is verplicht."]}
    assert _post(api, url, {"reden": "geen_zin"}).json() == {"reden": ['"geen_zin" is geen geldige keuze.']}
    assert _post(api, url, {"reden": "overig"}).json() == {"toelichting": ["Licht de reden 'overig' toe."]}
    response = _post(api, url, {"reden": "startdatum", "toelichting": "Pas na de bouwvak."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["afwijs_reden"]) == ("afgewezen", "startdatum")
    again = _post(api, url, {"reden": "startdatum"})
    assert again.json() == {"status": ["Alleen een voorgestelde plaatsing kunt u afwijzen."]}


# --- Answering a match ----------------------------------------------------------------------


@pytest.fixture
def voorgesteld(wg):  # noqa: F811
    deelname = wg.deelname()
    return services.match_propose(acting_user=wg.regisseur, deelname=deelname, leerwerkplek=wg.plek)


def test_accepting_twice_is_refused(wg, voorgesteld, api_as):  # noqa: F811
    api = api_as(wg.werkgever_user)
    assert _post(api, f"/api/v1/matches/{voorgesteld.pk}/accepteren/").status_code == 200
    again = _post(api, f"/api/v1/matches/{voorgesteld.pk}/accepteren/")
    assert (again.status_code, again.json()) == (400, {"status": ["Deze match wacht niet (meer) op uw antwoord."]})


@pytest.mark.parametrize("who", ["ander_user", "regisseur", "klantmanager", "wethouder"])
def test_only_the_employer_answers_a_match(wg, voorgesteld, api_as, who):  # noqa: F811
    api = api_as(getattr(wg, who))
    for action in ("accepteren", "afwijzen"):
        response = _post(api, f"/api/v1/matches/{voorgesteld.pk}/{action}/", {"reden": "taal"})
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    voorgesteld.refresh_from_db()
    assert voorgesteld.status == c.MatchStatus.VOORGESTELD
    assert not AccessLog.objects.filter(action="reveal").exists()


def test_declining_a_match(wg, voorgesteld, api_as):  # noqa: F811
    api, url = api_as(wg.werkgever_user), f"/api/v1/matches/{voorgesteld.pk}/afwijzen/"
    assert _post(api, url).json() == {"reden": ["Dit veld is verplicht."]}
    assert _post(api, url, {"reden": "overig", "toelichting": "  "}).json() == {
        "toelichting": ["Licht de reden 'overig' toe."]
    }
    assert _post(api, url, {"reden": "taal", "toelichting": "x" * 501}).json() == {
        "toelichting": ["Zorg ervoor dat dit veld niet meer dan 500 karakters bevat."]
    }
    response = _post(api, url, {"reden": "reisafstand"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["deelnemer"]) == ("afgewezen", None)
    assert not AccessLog.objects.filter(action="reveal").exists()


def test_a_body_that_is_not_json_is_refused_in_dutch(wg, voorgesteld, api_as):  # noqa: F811
    response = api_as(wg.werkgever_user).post(
        f"/api/v1/matches/{voorgesteld.pk}/afwijzen/", "{", content_type="application/json"
    )
    assert (response.status_code, response.json()) == (400, {"detail": "De gegevens zijn geen geldige JSON."})


# --- Interest --------------------------------------------------------------------------------


def test_employer_shows_interest_for_one_of_its_places(wg, api_as):  # noqa: F811
    deelname = wg.deelname()
    api, url = api_as(wg.werkgever_user), f"/api/v1/profielen/{deelname.profiel.pk}/interesse/"
    response = _post(api, url, {"leerwerkplek": wg.plek.pk})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["status"], data["pseudoniem"], data["deelnemer"]) == ("interesse", deelname.profiel.pseudoniem, None)
    assert data["leerwerkplek"]["id"] == wg.plek.pk
    match = Match.objects.get(pk=data["id"])
    assert (match.deelname_id, match.interesse_door) == (deelname.pk, wg.werkgever_user)
    assert _post(api, url, {"leerwerkplek": wg.plek.pk}).json()["id"] == match.pk  # once only
    # The regisseur now sees the interest in the match list.
    assert match.pk in {r["id"] for r in api_as(wg.regisseur).get("/api/v1/matches/").json()["results"]}


def test_interest_errors(wg, api_as):  # noqa: F811
    deelname = wg.deelname()
    api, url = api_as(wg.werkgever_user), f"/api/v1/profielen/{deelname.profiel.pk}/interesse/"
    assert _post(api, url).json() == {"leerwerkplek": ["Dit veld is verplicht."]}
    other = _post(api, url, {"leerwerkplek": wg.ander_plek.pk})  # another employer's place
    assert (other.status_code, other.json()) == (400, {"leerwerkplek": [f'Niet gevonden: "{wg.ander_plek.pk}".']})
    wg.plek.status = c.PlekStatus.GESLOTEN
    wg.plek.save()
    assert _post(api, url, {"leerwerkplek": wg.plek.pk}).json() == {"leerwerkplek": ["Deze plek is niet meer open."]}
    assert not Match.objects.exists()


def test_interest_in_a_profile_out_of_reach_is_404(wg, api_as):  # noqa: F811
    niet_goedgekeurd = wg.deelname(approved=False)
    zonder_toestemming = wg.deelname(consent=False)
    api = api_as(wg.werkgever_user)
    for deelname in (niet_goedgekeurd, zonder_toestemming):
        response = _post(api, f"/api/v1/profielen/{deelname.profiel.pk}/interesse/", {"leerwerkplek": wg.plek.pk})
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    zichtbaar = wg.deelname()
    regie = _post(api_as(wg.regisseur), f"/api/v1/profielen/{zichtbaar.profiel.pk}/interesse/", {"leerwerkplek": 1})
    assert (regie.status_code, regie.json()) == (404, NOT_FOUND)
    assert not Match.objects.exists()


# --- The regisseur proposes ------------------------------------------------------------------


def test_regisseur_proposes_a_match_with_its_score(wg, api_as):  # noqa: F811
    deelname = wg.deelname(voornaam="Dawit", achternaam="Tesfaye")
    response = _post(api_as(wg.regisseur), "/api/v1/matches/", {"deelname": deelname.pk, "leerwerkplek": wg.plek.pk})
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "voorgesteld"
    assert data["deelnemer"]["achternaam"] == "Tesfaye"
    assert isinstance(data["score"], int) and data["score"] > 0
    assert Match.objects.get(pk=data["id"]).voorgesteld_door == wg.regisseur
    again = _post(api_as(wg.regisseur), "/api/v1/matches/", {"deelname": deelname.pk, "leerwerkplek": wg.plek.pk})
    assert again.json() == {"leerwerkplek": ["Deze deelnemer is al voorgesteld voor deze plek."]}
    # The employer sees it waiting for its answer, by pseudonym.
    seen = api_as(wg.werkgever_user).get(f"/api/v1/matches/{data['id']}/").json()
    assert seen["wacht_op_uw_antwoord"] is True and "Tesfaye" not in str(seen)


def test_match_proposal_errors(wg, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    assert _post(api, "/api/v1/matches/").json() == {
        "deelname": ["Dit veld is verplicht."],
        "leerwerkplek": ["Dit veld is verplicht."],
    }
    concept = wg.deelname(approved=False)
    response = _post(api, "/api/v1/matches/", {"deelname": concept.pk, "leerwerkplek": wg.plek.pk})
    assert response.json() == {"deelname": ["Het profiel heeft nog geen goedgekeurde motivatie voor werkgevers."]}
    # A regisseur of another organisation names a participation it cannot see.
    elders = _post(api_as(wg.regio_regisseur), "/api/v1/matches/", {"deelname": concept.pk, "leerwerkplek": 1})
    assert elders.status_code == 400 and elders.json()["deelname"] == [f'Niet gevonden: "{concept.pk}".']
    assert not Match.objects.exists()


@pytest.mark.parametrize("who", ["werkgever_user", "klantmanager", "opleider"])
def test_only_the_regisseur_proposes(wg, api_as, who):  # noqa: F811
    deelname = wg.deelname()
    wg.accepted(deelname)
    api = api_as(getattr(wg, who))
    assert _post(api, "/api/v1/matches/", {"deelname": deelname.pk, "leerwerkplek": wg.plek.pk}).status_code == 404
    body = {"deelname": deelname.pk, "leerwerkplek": wg.plek.pk, "soort": "proefplaatsing", "start": "2026-09-07",
            "gepland_einde": "2026-11-01", "uren_per_week": 32}  # fmt: skip
    assert _post(api, "/api/v1/plaatsingen/", body).status_code == 404
    assert not Plaatsing.objects.exists()


@pytest.fixture
def geaccepteerd(wg):  # noqa: F811
    deelname = wg.deelname()
    wg.accepted(deelname)
    return deelname


def _plaatsing(deelname, wg, **changes):  # noqa: F811
    body = {"deelname": deelname.pk, "leerwerkplek": wg.plek.pk, "soort": "proefplaatsing", "start": "2026-09-07",
            "gepland_einde": "2026-11-01", "uren_per_week": 32}  # fmt: skip
    return {**body, **changes}


def test_regisseur_proposes_a_placement_and_the_employer_confirms_it(wg, geaccepteerd, api_as):  # noqa: F811
    mentor = BegeleiderFactory(werkgever=wg.werkgever, naam="Mees Mentor")
    body = _plaatsing(geaccepteerd, wg, mentor=mentor.pk, jobcoach=wg.jobcoach.pk, toelichting="Start na de zomer.")
    response = _post(api_as(wg.regisseur), "/api/v1/plaatsingen/", body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["status"], data["versie"], data["wacht_op_bevestiging"]) == ("voorgesteld", 1, True)
    assert (data["mentor"]["naam"], data["jobcoach"]["naam"]) == ("Mees Mentor", "Joke Jobcoach")

    werkgever = api_as(wg.werkgever_user)
    waiting = werkgever.get("/api/v1/plaatsingen/", {"status": "voorgesteld"}).json()["results"]
    assert [p["id"] for p in waiting] == [data["id"]]
    assert waiting[0]["jobcoach"]["email"] == wg.jobcoach.email
    confirmed = _post(werkgever, f"/api/v1/plaatsingen/{data['id']}/bevestigen/", {"versie": waiting[0]["versie"]})
    assert confirmed.json()["status"] == "bevestigd"
    geaccepteerd.refresh_from_db()
    assert geaccepteerd.status == tc.DeelnameStatus.PROEFPLAATSING


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"gepland_einde": None},
            {"gepland_einde": ["Vul het geplande einde in (alleen een vast contract heeft geen einde)."]},
        ),
        ({"start": "07-09-2026"}, {"start": ["Vul een datum in als JJJJ-MM-DD."]}),
        ({"uren_per_week": 61}, {"uren_per_week": ["Zorg ervoor dat deze waarde kleiner is dan of gelijk is aan 60."]}),
        ({"soort": "vrijwilliger"}, {"soort": ['"vrijwilliger" is geen geldige keuze.']}),
        ({"gepland_einde": "2026-09-01"}, {"gepland_einde": ["Het geplande einde ligt niet vóór de start."]}),
        ({"jobcoach": 987654}, {"jobcoach": ["Kies een jobcoach die bij dit traject betrokken is."]}),
    ],
)
def test_placement_proposal_field_errors(wg, geaccepteerd, api_as, changes, errors):  # noqa: F811
    response = _post(api_as(wg.regisseur), "/api/v1/plaatsingen/", _plaatsing(geaccepteerd, wg, **changes))
    assert (response.status_code, response.json()) == (400, errors)
    assert not Plaatsing.objects.exists()


def test_placement_proposal_refusals(wg, geaccepteerd, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    andermans_mentor = BegeleiderFactory(werkgever=wg.ander)
    assert _post(api, "/api/v1/plaatsingen/", _plaatsing(geaccepteerd, wg, mentor=andermans_mentor.pk)).json() == {
        "mentor": ["Kies een mentor van deze werkgever."]
    }
    assert _post(api, "/api/v1/plaatsingen/", _plaatsing(geaccepteerd, wg, leerwerkplek=wg.ander_plek.pk)).json() == {
        "leerwerkplek": ["De werkgever heeft deze deelnemer voor deze plek nog niet geaccepteerd."]
    }
    eerste = _post(api, "/api/v1/plaatsingen/", _plaatsing(geaccepteerd, wg))
    assert eerste.status_code == 201
    overlap = _post(api, "/api/v1/plaatsingen/", _plaatsing(geaccepteerd, wg, start="2026-10-01"))
    assert overlap.json() == {"start": ["Deze deelnemer heeft in deze periode al een plaatsing."]}
    assert Plaatsing.objects.count() == 1


def test_a_changed_placement_needs_the_new_version(wg, voorstel, api_as):  # noqa: F811
    api = api_as(wg.werkgever_user)
    assert _post(api, f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", {"versie": 1}).status_code == 200
    services.plaatsing_change(acting_user=wg.regisseur, plaatsing=voorstel, uren_per_week=24)
    data = api.get(f"/api/v1/plaatsingen/{voorstel.pk}/").json()
    assert (data["versie"], data["bevestigde_versie"], data["wacht_op_bevestiging"]) == (2, 1, True)
    stale = _post(api, f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", {"versie": 1})
    assert stale.json() == {"versie": ["De plaatsing is intussen gewijzigd. Bekijk de nieuwe gegevens."]}
    assert _post(api, f"/api/v1/plaatsingen/{voorstel.pk}/bevestigen/", {"versie": 2}).json()["bevestigde_versie"] == 2


def test_an_accepted_match_reveal_is_logged_for_the_answer_itself(wg, voorgesteld, api_as):  # noqa: F811
    _post(api_as(wg.werkgever_user), f"/api/v1/matches/{voorgesteld.pk}/accepteren/")
    row = AccessLog.objects.get(action="reveal")
    assert (row.user_id, row.object_id, row.rol) == (
        wg.werkgever_user.pk,
        str(voorgesteld.deelname.deelnemer_id),
        Rol.WERKGEVER,
    )
    assert row.path == f"/api/v1/matches/{voorgesteld.pk}/accepteren/"


def test_dates_in_the_answer_are_iso(wg, voorstel, api_as):  # noqa: F811
    data = api_as(wg.werkgever_user).get(f"/api/v1/plaatsingen/{voorstel.pk}/").json()
    assert data["start"] == datetime.date(2026, 9, 7).isoformat()
