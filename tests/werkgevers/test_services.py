"""Anonymised profiles: the pseudonym, draft and approval, and which profiles an employer may
read. Matches: test_matches.py."""

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
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from werkgevers import selectors, services
from werkgevers.models import Profiel

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
