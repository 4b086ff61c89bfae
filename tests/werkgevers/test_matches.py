"""Matches: the employer's interest, the regisseur's proposal (consent and an approved profile
needed) and the employer's answer (a reason when declining, once, only by that employer)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, LeerwerkplekFactory, UserFactory
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Match

S = tc.DeelnameStatus
pytestmark = pytest.mark.django_db


# --- Matches -------------------------------------------------------------------------------------------------


def test_an_employer_marks_interest_once_per_place(world):
    deelname = world.deelname()
    match = services.match_interest(
        acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek
    )
    assert (match.deelname_id, match.status, match.interesse_door) == (
        deelname.pk,
        c.MatchStatus.INTERESSE,
        world.werkgever_user,
    )
    again = services.match_interest(
        acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek
    )
    assert again.pk == match.pk
    assert Match.objects.filter(deelname=deelname).count() == 1


def test_interest_only_for_an_own_open_place_in_the_profiles_trajectory(world):
    deelname = world.deelname()
    profiel_id = deelname.profiel.pk
    with pytest.raises(PermissionDenied):  # the other employer's place
        services.match_interest(acting_user=world.werkgever_user, profiel_id=profiel_id, leerwerkplek=world.ander_plek)
    elders = LeerwerkplekFactory(werkgever=world.werkgever)
    with pytest.raises(ValidationError) as exc:
        services.match_interest(acting_user=world.werkgever_user, profiel_id=profiel_id, leerwerkplek=elders)
    assert exc.value.message_dict["leerwerkplek"] == ["Kies een plek in het traject van deze kandidaat."]
    world.plek.status = c.PlekStatus.GESLOTEN
    world.plek.save()
    with pytest.raises(ValidationError) as exc:
        services.match_interest(acting_user=world.werkgever_user, profiel_id=profiel_id, leerwerkplek=world.plek)
    assert exc.value.message_dict["leerwerkplek"] == ["Deze plek is niet meer open."]
    assert not Match.objects.exists()


def test_interest_in_a_profile_the_employer_cannot_read_is_refused(world):
    deelname = world.deelname(consent=False)
    with pytest.raises(PermissionDenied):
        services.match_interest(
            acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek
        )
    with pytest.raises(PermissionDenied):  # the regisseur has no employer profile view
        services.match_interest(
            acting_user=world.regisseur, profiel_id=world.deelname().profiel.pk, leerwerkplek=world.plek
        )


def test_the_regisseur_proposes_after_interest_on_the_same_match(world):
    deelname = world.deelname()
    interesse = services.match_interest(
        acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek
    )
    match = services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek, score=80)
    assert match.pk == interesse.pk
    match.refresh_from_db()
    assert (match.status, match.voorgesteld_door, match.score) == (c.MatchStatus.VOORGESTELD, world.regisseur, 80)
    assert match.interesse_door == world.werkgever_user
    with pytest.raises(ValidationError) as exc:
        services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    assert exc.value.message_dict["leerwerkplek"] == ["Deze deelnemer is al voorgesteld voor deze plek."]


def test_no_proposal_without_employer_consent(world):
    deelname = world.deelname(consent=False)
    with pytest.raises(ValidationError) as exc:
        services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    assert exc.value.message_dict["deelname"] == [
        "De deelnemer heeft geen toestemming gegeven om een profiel met werkgevers te delen."
    ]
    assert not Match.objects.exists()


def test_no_proposal_without_an_approved_profile(world):
    deelname = world.deelname(approved=False)
    services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="Nog niet goedgekeurd.")
    with pytest.raises(ValidationError) as exc:
        services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    assert exc.value.message_dict["deelname"] == ["Het profiel heeft nog geen goedgekeurde motivatie voor werkgevers."]
    assert not Match.objects.exists()


@pytest.mark.parametrize("status", [S.INTAKE, S.GEPLAATST])
def test_no_proposal_before_selection_or_after_placement(world, status):
    deelname = world.deelname(status)
    with pytest.raises(ValidationError) as exc:
        services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    assert "Alleen geselecteerde deelnemers" in exc.value.message_dict["deelname"][0]


def test_only_the_regisseur_of_the_trajectory_proposes(world):
    deelname = world.deelname()
    for user in (world.klantmanager, world.werkgever_user, UserFactory(rollen=[Rol.REGISSEUR])):
        with pytest.raises(PermissionDenied):
            services.match_propose(acting_user=user, deelname=deelname, leerwerkplek=world.plek)
    assert not Match.objects.exists()


def test_a_proposal_from_another_gemeente_needs_partner_consent(world):
    """A candidate of another gemeente without partner consent is outside the regisseur's scope."""
    deelname = DeelnameFactory(traject=world.traject, status=S.OPLEIDING, deelnemer=DeelnemerFactory())
    with pytest.raises(PermissionDenied):
        services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)


def _voorgesteld(world, deelname=None):
    deelname = deelname or world.deelname()
    return services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)


def test_the_employer_accepts(world):
    match = services.match_answer(acting_user=world.werkgever_user, match=_voorgesteld(world), accept=True)
    match.refresh_from_db()
    assert (match.status, match.beantwoord_door, match.afwijs_reden) == (
        c.MatchStatus.GEACCEPTEERD,
        world.werkgever_user,
        "",
    )
    assert match.beantwoord_op is not None


def test_declining_needs_a_reason_from_the_list(world):
    match = _voorgesteld(world)
    for reden in ("", "geen_zin"):
        with pytest.raises(ValidationError) as exc:
            services.match_answer(acting_user=world.werkgever_user, match=match, accept=False, reden=reden)
        assert exc.value.message_dict["reden"] == ["Kies een reden."]
    match.refresh_from_db()
    assert match.status == c.MatchStatus.VOORGESTELD
    services.match_answer(acting_user=world.werkgever_user, match=match, accept=False, reden=c.AfwijsReden.TAAL)
    match.refresh_from_db()
    assert (match.status, match.afwijs_reden) == (c.MatchStatus.AFGEWEZEN, "taal")


def test_declining_for_another_reason_needs_an_explanation(world):
    match = _voorgesteld(world)
    with pytest.raises(ValidationError) as exc:
        services.match_answer(
            acting_user=world.werkgever_user, match=match, accept=False, reden="overig", toelichting=" "
        )
    assert exc.value.message_dict["toelichting"] == ["Licht de reden 'overig' toe."]
    services.match_answer(
        acting_user=world.werkgever_user,
        match=match,
        accept=False,
        reden="overig",
        toelichting="Geen werk in de winter",
    )
    match.refresh_from_db()
    assert (match.status, match.afwijs_reden, match.toelichting) == ("afgewezen", "overig", "Geen werk in de winter")


@pytest.mark.parametrize("eerst", [True, False])
def test_answering_twice_is_refused(world, eerst):
    match = _voorgesteld(world)
    services.match_answer(acting_user=world.werkgever_user, match=match, accept=eerst, reden="uren")
    with pytest.raises(ValidationError) as exc:
        services.match_answer(acting_user=world.werkgever_user, match=match, accept=not eerst, reden="uren")
    assert exc.value.message_dict["status"] == ["Deze match wacht niet (meer) op uw antwoord."]
    match.refresh_from_db()
    assert match.status == (c.MatchStatus.GEACCEPTEERD if eerst else c.MatchStatus.AFGEWEZEN)


def test_mere_interest_is_no_proposal_to_answer(world):
    deelname = world.deelname()
    match = services.match_interest(
        acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek
    )
    with pytest.raises(ValidationError) as exc:
        services.match_answer(acting_user=world.werkgever_user, match=match, accept=True)
    assert "status" in exc.value.message_dict


def test_another_employer_or_the_regisseur_cannot_answer(world):
    match = _voorgesteld(world)
    for user in (world.ander_user, world.regisseur, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.match_answer(acting_user=user, match=match, accept=True)
    match.refresh_from_db()
    assert match.status == c.MatchStatus.VOORGESTELD and match.beantwoord_door is None


def test_a_declined_match_may_be_proposed_again(world):
    match = _voorgesteld(world)
    services.match_answer(acting_user=world.werkgever_user, match=match, accept=False, reden="startdatum")
    again = _voorgesteld(world, Match.objects.get(pk=match.pk).deelname)
    assert again.pk == match.pk
    again.refresh_from_db()
    assert (again.status, again.afwijs_reden, again.beantwoord_door) == (c.MatchStatus.VOORGESTELD, "", None)
