"""Anonymised profiles (pseudonym, draft and approval), which profiles an employer may read,
and matches: interest, the regisseur's proposal and the employer's answer."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from deelnemers.constants import ToestemmingSoort
from deelnemers.services import toestemming_withdraw
from leerwerk.models import Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    LeerwerkplekFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import selectors, services
from werkgevers.models import Match, Profiel

S = tc.DeelnameStatus
pytestmark = pytest.mark.django_db

# Letters and digits that cannot be confused when read aloud: no 0/O, 1/I/L.
PSEUDONIEM = re.compile(r"^K-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{5}$")


def _zichtbaar(user):
    return set(selectors.profielen_for_werkgever(user).values_list("pk", flat=True))


# --- Pseudonym --------------------------------------------------------------------------------------


def test_the_pseudonym_is_a_random_code_in_the_readable_alphabet(world):
    codes = [services.profiel_ensure(world.deelname(approved=False)).pseudoniem for _ in range(8)]
    assert all(PSEUDONIEM.match(code) for code in codes), codes
    assert len(set(codes)) == len(codes)


def test_the_pseudonym_is_derived_from_nothing_personal(world):
    """The same person in two trajectories gets two unrelated codes, and no code contains a part
    of the name, BSN or birth date."""
    deelname = world.deelname(approved=False, voornaam="Zaid", achternaam="Qureshi")
    ander_traject = TrajectFactory(regie_organisatie=world.gemeente)
    tweede = DeelnameFactory(traject=ander_traject, deelnemer=deelname.deelnemer, status=S.OPLEIDING)
    eerste_code = services.profiel_ensure(deelname).pseudoniem
    tweede_code = services.profiel_ensure(tweede).pseudoniem
    assert eerste_code != tweede_code
    persoon = deelname.deelnemer
    for code in (eerste_code, tweede_code):
        assert persoon.bsn[-5:] not in code and f"{persoon.geboortedatum:%d%m}" not in code
        assert not code.removeprefix("K-").startswith(("ZQ", "QZ"))


def test_the_pseudonym_is_stable(world):
    deelname = world.deelname(approved=False)
    code = services.profiel_ensure(deelname).pseudoniem
    assert services.profiel_ensure(deelname).pseudoniem == code
    services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="Nieuwe tekst.")
    services.profiel_approve(acting_user=world.regisseur, profiel=deelname.profiel)
    assert Profiel.objects.get(deelname=deelname).pseudoniem == code
    assert Profiel.objects.filter(deelname=deelname).count() == 1


def test_a_pseudonym_is_unique_within_a_trajectory_but_may_recur_elsewhere(world):
    eerste = services.profiel_ensure(world.deelname(approved=False))
    tweede = DeelnameFactory(traject=world.traject, status=S.OPLEIDING)
    with pytest.raises(IntegrityError, match="profiel_pseudoniem_uniek_in_traject"), transaction.atomic():
        Profiel.objects.create(deelname=tweede, traject=world.traject, pseudoniem=eerste.pseudoniem)
    elders = DeelnameFactory(status=S.OPLEIDING)
    Profiel.objects.create(deelname=elders, traject=elders.traject, pseudoniem=eerste.pseudoniem)


def test_a_drawn_code_already_taken_in_the_trajectory_is_drawn_again(world, monkeypatch):
    """The random draw is replaced by a fixed sequence: first the code already taken, then a free one."""
    bezet = services.profiel_ensure(world.deelname(approved=False))
    nieuwe_deelname = DeelnameFactory(traject=world.traject, status=S.OPLEIDING)
    letters = iter(bezet.pseudoniem.removeprefix("K-") + "WWWWW")
    monkeypatch.setattr("werkgevers.services.matching.secrets", SimpleNamespace(choice=lambda alfabet: next(letters)))
    assert services.profiel_ensure(nieuwe_deelname).pseudoniem == "K-WWWWW"


# --- Draft and approval ---------------------------------------------------------------------------------


def test_the_klantmanager_writes_a_draft_and_the_regisseur_approves_it(world):
    deelname = world.deelname(approved=False)
    profiel = services.profiel_concept_save(
        acting_user=world.klantmanager, deelname=deelname, motivatie="  Wil graag de techniek in.  "
    )
    assert (profiel.concept, profiel.concept_door, profiel.motivatie) == (
        "Wil graag de techniek in.",
        world.klantmanager,
        "",
    )
    assert profiel.concept_wacht and not profiel.gepubliceerd

    profiel = services.profiel_approve(acting_user=world.regisseur, profiel=profiel)
    profiel.refresh_from_db()
    assert profiel.motivatie == "Wil graag de techniek in."
    assert profiel.goedgekeurd_door == world.regisseur and profiel.goedgekeurd_op is not None
    assert profiel.gepubliceerd and not profiel.concept_wacht


def test_the_writer_cannot_approve_their_own_text(world):
    deelname = world.deelname(approved=False)
    profiel = services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="Tekst.")
    with pytest.raises(ValidationError) as exc:
        services.profiel_approve(acting_user=world.klantmanager, profiel=profiel)
    assert exc.value.message_dict["motivatie"] == [
        "Een ander dan de schrijver keurt de tekst goed (de klantmanager of de regisseur)."
    ]
    profiel.refresh_from_db()
    assert profiel.motivatie == "" and profiel.goedgekeurd_door is None


def test_a_text_by_the_regisseur_is_approved_by_the_klantmanager(world):
    deelname = world.deelname(approved=False)
    profiel = services.profiel_concept_save(acting_user=world.regisseur, deelname=deelname, motivatie="Tekst.")
    with pytest.raises(ValidationError):
        services.profiel_approve(acting_user=world.regisseur, profiel=profiel)
    services.profiel_approve(acting_user=world.klantmanager, profiel=profiel)
    assert Profiel.objects.get(pk=profiel.pk).motivatie == "Tekst."


def test_an_empty_or_too_long_text_and_nothing_to_approve_are_refused_in_dutch(world):
    deelname = world.deelname(approved=False)
    with pytest.raises(ValidationError) as exc:
        services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="   ")
    assert exc.value.message_dict["motivatie"] == ["Schrijf een korte motivatie voor werkgevers."]
    with pytest.raises(ValidationError) as exc:
        services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="x" * 1201)
    assert "hoogstens 1200 tekens" in exc.value.message_dict["motivatie"][0]
    services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="x" * 1200)
    with pytest.raises(ValidationError) as exc:
        services.profiel_approve(acting_user=world.regisseur, profiel=world.deelname().profiel)
    assert exc.value.message_dict["motivatie"] == ["Er is geen nieuwe tekst om goed te keuren."]


def test_employers_see_only_the_approved_text_and_a_new_draft_waits_for_approval(world):
    deelname = world.deelname(approved=False)
    profiel = services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="Eerste.")
    assert profiel.pk not in _zichtbaar(world.werkgever_user)  # a draft alone is not shown

    services.profiel_approve(acting_user=world.regisseur, profiel=profiel)
    assert selectors.profiel_for_werkgever(world.werkgever_user, profiel.pk).motivatie == "Eerste."

    services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="Tweede.")
    profiel.refresh_from_db()
    assert profiel.concept_wacht
    weergave = selectors.profiel_for_werkgever(world.werkgever_user, profiel.pk)
    assert weergave.motivatie == "Eerste."
    assert "Tweede." not in repr(weergave)

    services.profiel_approve(acting_user=world.regisseur, profiel=profiel)
    assert selectors.profiel_for_werkgever(world.werkgever_user, profiel.pk).motivatie == "Tweede."


@pytest.mark.parametrize("wie", ["klantmanager_elders", "regisseur_elders", "werkgever", "opleider"])
def test_users_outside_the_participants_scope_may_not_write_or_approve(world, wie):
    deelname = world.deelname(approved=False)
    profiel = services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie="Tekst.")
    user = {
        "klantmanager_elders": lambda: UserFactory(rollen=[Rol.KLANTMANAGER]),
        "regisseur_elders": lambda: UserFactory(rollen=[Rol.REGISSEUR]),
        "werkgever": lambda: world.werkgever_user,
        "opleider": lambda: UserFactory(organisatie=world.gemeente, rollen=[Rol.OPLEIDER]),
    }[wie]()
    with pytest.raises(PermissionDenied):
        services.profiel_concept_save(acting_user=user, deelname=deelname, motivatie="Andere tekst.")
    with pytest.raises(PermissionDenied):
        services.profiel_approve(acting_user=user, profiel=profiel)
    profiel.refresh_from_db()
    assert (profiel.concept, profiel.motivatie) == ("Tekst.", "")


# --- Which profiles an employer reads ----------------------------------------------------------------------


def test_an_employer_partner_reads_approved_profiles_of_consenting_participants(world):
    zichtbaar = world.deelname()
    zonder_toestemming = world.deelname(consent=False)
    niet_goedgekeurd = world.deelname(approved=False)
    assert _zichtbaar(world.werkgever_user) == {zichtbaar.profiel.pk}
    assert _zichtbaar(world.ander_user) == {zichtbaar.profiel.pk}
    for deelname in (zonder_toestemming, niet_goedgekeurd):
        with pytest.raises(Http404):
            selectors.profiel_for_werkgever(world.werkgever_user, deelname.profiel.pk)


def test_a_profile_disappears_when_the_consent_is_withdrawn(world):
    deelname = world.deelname()
    assert deelname.profiel.pk in _zichtbaar(world.werkgever_user)
    toestemming = deelname.deelnemer.toestemmingen.get(soort=ToestemmingSoort.WERKGEVERS)
    toestemming_withdraw(acting_user=world.klantmanager, toestemming=toestemming, op=datetime.date(2026, 2, 1))
    assert _zichtbaar(world.werkgever_user) == set()
    with pytest.raises(Http404):
        selectors.profiel_for_werkgever(world.werkgever_user, deelname.profiel.pk)
    with pytest.raises(PermissionDenied):
        services.match_interest(
            acting_user=world.werkgever_user, profiel_id=deelname.profiel.pk, leerwerkplek=world.plek
        )


def test_partner_consent_alone_is_not_consent_for_employers(world):
    deelname = world.deelname(consent=False)
    assert deelname.deelnemer.toestemming_actief(ToestemmingSoort.PARTNERS)
    assert _zichtbaar(world.werkgever_user) == set()


def test_an_employer_that_is_not_an_employer_partner_reads_no_profiles(world, make_user):
    world.deelname()
    buiten = WerkgeverFactory()
    buiten_user = make_user(Rol.WERKGEVER, organisatie=buiten.organisatie)
    assert _zichtbaar(buiten_user) == set()
    # A partner in another role (here: as trainer) is not an employer partner.
    TrajectPartnerFactory(traject=world.traject, organisatie=buiten.organisatie, rol=tc.PartnerRol.OPLEIDER)
    assert _zichtbaar(buiten_user) == set()
    TrajectPartnerFactory(traject=world.traject, organisatie=buiten.organisatie, rol=tc.PartnerRol.WERKGEVER)
    assert len(_zichtbaar(buiten_user)) == 1


def test_a_user_without_the_werkgever_role_reads_no_employer_profiles(world, make_user):
    world.deelname()
    collega = make_user(Rol.KLANTMANAGER, organisatie=world.werkgever.organisatie)
    assert _zichtbaar(collega) == set()
    assert _zichtbaar(world.regisseur) == set()


@pytest.mark.parametrize(
    ("status", "zichtbaar"),
    [
        (S.AANGEMELD, False),
        (S.INTAKE, False),
        (S.AFGEWEZEN, False),
        (S.GESELECTEERD, True),
        (S.VOORTRAJECT, True),
        (S.OPLEIDING, True),
        (S.PROEFPLAATSING, True),
        (S.GEPLAATST, False),
        (S.GEPARKEERD, False),
        (S.UITGEVALLEN, False),
    ],
)
def test_profiles_are_shown_from_selection_until_placed(world, status, zichtbaar):
    deelname = world.deelname(status)
    assert (deelname.profiel.pk in _zichtbaar(world.werkgever_user)) is zichtbaar


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
