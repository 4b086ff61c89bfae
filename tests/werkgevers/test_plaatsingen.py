"""Placements: the regisseur proposes after an accepted match, the employer confirms (which
moves the participation; two simultaneous confirmations give one), changes need a new
confirmation and keep the old version, conversion and ending. Overlap and the placement
guard: test_plaatsingen_regels.py."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from leerwerk.models import Rol
from tests.factories import BegeleiderFactory
from tests.werkgevers.plaatsingen import bevestigd, klaar, propose, status_van
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Plaatsing, PlaatsingVersie

S = tc.DeelnameStatus
P = c.PlaatsingStatus
D = datetime.date
pytestmark = pytest.mark.django_db


# --- Proposal ---------------------------------------------------------------------------------------------


def test_a_proposal_needs_a_match_the_employer_accepted(world):
    deelname = world.deelname()
    melding = ["De werkgever heeft deze deelnemer voor deze plek nog niet geaccepteerd."]
    with pytest.raises(ValidationError) as exc:  # no match at all
        world.proposed_placement(deelname)
    assert exc.value.message_dict["leerwerkplek"] == melding

    match = services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=world.plek)
    with pytest.raises(ValidationError) as exc:  # proposed, not yet answered
        world.proposed_placement(deelname)
    assert exc.value.message_dict["leerwerkplek"] == melding

    services.match_answer(acting_user=world.werkgever_user, match=match, accept=False, reden="uren")
    with pytest.raises(ValidationError) as exc:  # declined
        world.proposed_placement(deelname)
    assert exc.value.message_dict["leerwerkplek"] == melding

    world.accepted(deelname, world.ander_plek)
    with pytest.raises(ValidationError):  # accepted, but at the other employer's place
        world.proposed_placement(deelname)
    assert not Plaatsing.objects.exists()
    plaatsing = world.proposed_placement(deelname, plek=world.ander_plek)
    assert (plaatsing.status, plaatsing.versie, plaatsing.bevestigde_versie) == (P.VOORGESTELD, 1, None)
    assert plaatsing.voorgesteld_door == world.regisseur
    assert plaatsing.wacht_op_bevestiging
    assert status_van(deelname) == S.OPLEIDING  # a proposal moves nothing


def test_only_the_regisseur_proposes(world):
    deelname = klaar(world)
    for user in (world.werkgever_user, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.plaatsing_propose(
                acting_user=user, deelname=deelname, leerwerkplek=world.plek, soort="proefplaatsing",
                start=D(2026, 9, 7), gepland_einde=D(2026, 11, 1), uren_per_week=32,
            )  # fmt: skip
    assert not Plaatsing.objects.exists()


def test_a_proposal_of_a_kind_the_participant_cannot_step_into_is_refused(world):
    deelname = klaar(world, S.GESELECTEERD)
    with pytest.raises(ValidationError) as exc:
        world.proposed_placement(deelname)
    assert exc.value.message_dict["soort"] == ["Vanuit Geselecteerd kan de deelnemer niet naar Proefplaatsing."]


def test_only_a_permanent_contract_may_have_no_planned_end(world):
    deelname = klaar(world)
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, soort="bepaalde_tijd", gepland_einde=None)
    assert "Vul het geplande einde in" in exc.value.message_dict["gepland_einde"][0]
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, start=D(2026, 9, 7), gepland_einde=D(2026, 9, 6))
    assert exc.value.message_dict["gepland_einde"] == ["Het geplande einde ligt niet vóór de start."]
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, mentor=BegeleiderFactory(werkgever=world.ander))
    assert exc.value.message_dict["mentor"] == ["Kies een mentor van deze werkgever."]
    assert propose(world, deelname, soort="onbepaalde_tijd", gepland_einde=None).gepland_einde is None


# --- Confirmation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("soort", "doel"),
    [
        ("proefplaatsing", S.PROEFPLAATSING),
        ("stage", S.PROEFPLAATSING),
        ("bbl", S.GEPLAATST),
        ("bepaalde_tijd", S.GEPLAATST),
        ("onbepaalde_tijd", S.GEPLAATST),
        ("uitzend", S.GEPLAATST),
    ],
)
def test_confirming_moves_the_participant_from_the_training(world, soort, doel):
    deelname = klaar(world, S.OPLEIDING)
    einde = None if soort == "onbepaalde_tijd" else D(2027, 3, 1)
    plaatsing = propose(world, deelname, soort=soort, gepland_einde=einde)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.bevestigde_versie) == (P.BEVESTIGD, 1)
    assert plaatsing.bevestigd_door == world.werkgever_user and plaatsing.bevestigd_op is not None
    assert not plaatsing.wacht_op_bevestiging
    assert status_van(deelname) == doel
    stap = deelname.stappen.order_by("-id").first()
    assert (stap.van_status, stap.naar_status, stap.door) == (S.OPLEIDING, doel, world.werkgever_user)
    assert world.werkgever.organisatie.naam in stap.toelichting


def test_a_contract_after_a_trial_placement_moves_the_participant_to_geplaatst(world):
    deelname = klaar(world)
    bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    assert status_van(deelname) == S.PROEFPLAATSING
    contract = propose(world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 11, 1))
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=contract, versie=1)
    assert status_van(deelname) == S.GEPLAATST


def test_only_the_own_employer_confirms(world, make_user):
    deelname = klaar(world)
    plaatsing = world.proposed_placement(deelname)
    for user in (world.ander_user, world.regisseur, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.plaatsing_confirm(acting_user=user, plaatsing=plaatsing, versie=1)
    collega = make_user(Rol.WERKGEVER, organisatie=world.werkgever.organisatie)
    services.plaatsing_confirm(acting_user=collega, plaatsing=plaatsing, versie=1)
    assert Plaatsing.objects.get(pk=plaatsing.pk).bevestigd_door == collega


def test_confirming_twice_is_refused(world):
    deelname = klaar(world)
    plaatsing = bevestigd(world, deelname)
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    assert exc.value.message_dict["status"] == ["Deze plaatsing wacht niet (meer) op uw bevestiging."]
    assert deelname.stappen.filter(naar_status=S.PROEFPLAATSING).count() == 1


def test_the_employer_declines_with_a_reason(world):
    deelname = klaar(world)
    plaatsing = world.proposed_placement(deelname)
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_decline(acting_user=world.werkgever_user, plaatsing=plaatsing, reden="")
    assert exc.value.message_dict["reden"] == ["Kies een reden."]
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_decline(acting_user=world.werkgever_user, plaatsing=plaatsing, reden="overig")
    assert exc.value.message_dict["toelichting"] == ["Licht de reden 'overig' toe."]
    services.plaatsing_decline(acting_user=world.werkgever_user, plaatsing=plaatsing, reden="startdatum")
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.afwijs_reden) == (P.AFGEWEZEN, "startdatum")
    with pytest.raises(ValidationError):
        services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    assert status_van(deelname) == S.OPLEIDING


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_give_one_confirmation(world, make_user):
    """Two contact persons of the employer press "bevestigen" at the same moment. The row lock
    serialises them: one confirms, the other is told the placement no longer waits."""
    deelname = klaar(world)
    plaatsing = world.proposed_placement(deelname)
    users = [world.werkgever_user, make_user(Rol.WERKGEVER, organisatie=world.werkgever.organisatie)]
    barrier = threading.Barrier(2)
    outcomes = []

    def press(user):
        try:
            fresh = Plaatsing.objects.get(pk=plaatsing.pk)
            barrier.wait()
            services.plaatsing_confirm(acting_user=user, plaatsing=fresh, versie=1)
            outcomes.append(("ok", user.pk))
        except ValidationError as exc:
            outcomes.append(("refused", exc.message_dict))
        except Exception as exc:  # noqa: BLE001 - any other outcome fails the assertions below
            outcomes.append(("error", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"], outcomes
    winner = next(value for kind, value in outcomes if kind == "ok")
    refused = next(value for kind, value in outcomes if kind == "refused")
    assert refused == {"status": ["Deze plaatsing wacht niet (meer) op uw bevestiging."]}
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.bevestigde_versie, plaatsing.bevestigd_door_id) == (P.BEVESTIGD, 1, winner)
    assert list(deelname.stappen.filter(naar_status=S.PROEFPLAATSING).values_list("door_id", flat=True)) == [winner]
    assert status_van(deelname) == S.PROEFPLAATSING


# --- Changes after confirmation -------------------------------------------------------------------------------


def test_a_change_after_confirmation_keeps_the_old_version_and_waits_for_a_new_confirmation(world):
    deelname = klaar(world)
    plaatsing = bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    services.plaatsing_change(
        acting_user=world.regisseur, plaatsing=plaatsing, uren_per_week=24, gepland_einde=D(2026, 12, 1)
    )
    plaatsing.refresh_from_db()
    assert (plaatsing.versie, plaatsing.bevestigde_versie, plaatsing.status) == (2, 1, P.BEVESTIGD)
    assert (plaatsing.uren_per_week, plaatsing.gepland_einde) == (24, D(2026, 12, 1))
    assert plaatsing.wacht_op_bevestiging
    oud = PlaatsingVersie.objects.get(plaatsing=plaatsing)
    assert (oud.versie, oud.soort, oud.start, oud.gepland_einde, oud.uren_per_week) == (
        1, "proefplaatsing", D(2026, 9, 7), D(2026, 11, 1), 32,
    )  # fmt: skip
    assert (oud.bevestigd_door, oud.vervangen_door) == (world.werkgever_user, world.regisseur)

    with pytest.raises(ValidationError) as exc:  # the employer still looks at version 1
        services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    assert exc.value.message_dict["versie"] == ["De plaatsing is intussen gewijzigd. Bekijk de nieuwe gegevens."]
    assert Plaatsing.objects.get(pk=plaatsing.pk).bevestigde_versie == 1

    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=2)
    plaatsing.refresh_from_db()
    assert (plaatsing.bevestigde_versie, plaatsing.wacht_op_bevestiging) == (2, False)
    assert deelname.stappen.filter(naar_status=S.PROEFPLAATSING).count() == 1  # no second step

    services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, start=D(2026, 9, 14))
    assert list(PlaatsingVersie.objects.filter(plaatsing=plaatsing).values_list("versie", "uren_per_week")) == [
        (1, 32), (2, 24),
    ]  # fmt: skip


def test_a_change_before_confirmation_or_of_the_mentor_only_keeps_no_version(world):
    deelname = klaar(world)
    plaatsing = world.proposed_placement(deelname)
    services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, uren_per_week=20)
    plaatsing.refresh_from_db()
    assert (plaatsing.versie, plaatsing.uren_per_week) == (1, 20)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    mentor = BegeleiderFactory(werkgever=world.werkgever)
    services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, mentor=mentor)
    plaatsing.refresh_from_db()
    assert (plaatsing.versie, plaatsing.mentor, plaatsing.wacht_op_bevestiging) == (1, mentor, False)
    assert not PlaatsingVersie.objects.exists()


def test_a_confirmed_trial_is_not_changed_into_a_contract(world):
    plaatsing = bevestigd(world, klaar(world))
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, soort="bepaalde_tijd")
    assert exc.value.message_dict["soort"] == ["Zet een bevestigde plaatsing om met een nieuwe plaatsing."]


def test_only_the_regisseur_changes(world):
    plaatsing = bevestigd(world, klaar(world))
    for user in (world.werkgever_user, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.plaatsing_change(acting_user=user, plaatsing=plaatsing, uren_per_week=20)


def test_earlier_versions_cannot_be_rewritten(world):
    plaatsing = bevestigd(world, klaar(world))
    services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, uren_per_week=20)
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        PlaatsingVersie.objects.filter(plaatsing=plaatsing).update(uren_per_week=40)
    assert PlaatsingVersie.objects.get(plaatsing=plaatsing).uren_per_week == 32


# --- Conversion and end -----------------------------------------------------------------------------------------


def test_a_trial_converted_into_a_contract_ends_the_day_before_the_contract(world):
    deelname = klaar(world)
    proef = bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 29))
    contract = propose(
        world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 11, 1), omgezet_uit=proef
    )
    assert Plaatsing.objects.get(pk=proef.pk).status == P.BEVESTIGD  # until the employer confirms
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=contract, versie=1)
    proef.refresh_from_db()
    contract.refresh_from_db()
    assert (proef.status, proef.einde, proef.gepland_einde) == (P.OMGEZET, D(2026, 11, 1), D(2026, 11, 1))
    assert (contract.status, contract.omgezet_uit) == (P.BEVESTIGD, proef)
    assert proef.omgezet_naar == contract
    assert status_van(deelname) == S.GEPLAATST
    assert list(deelname.stappen.order_by("id").values_list("naar_status", flat=True))[-2:] == [
        S.PROEFPLAATSING,
        S.GEPLAATST,
    ]


def test_only_a_running_placement_of_the_same_participant_is_converted(world):
    deelname = klaar(world)
    voorstel = world.proposed_placement(deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1),
                 omgezet_uit=voorstel)  # fmt: skip
    assert exc.value.message_dict["omgezet_uit"] == [
        "Alleen een lopende plaatsing van deze deelnemer kan worden omgezet."
    ]
    ander = klaar(world)
    ander_proef = bevestigd(world, ander)
    with pytest.raises(ValidationError) as exc:
        propose(world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1),
                 omgezet_uit=ander_proef)  # fmt: skip
    assert "omgezet_uit" in exc.value.message_dict


def test_a_placement_ends_with_a_date_and_a_reason(world):
    plaatsing = bevestigd(world, klaar(world), start=D(2026, 9, 7), einde=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_end(acting_user=world.regisseur, plaatsing=plaatsing, einde=D(2026, 9, 6), reden="")
    assert exc.value.message_dict == {
        "reden": ["Kies een reden."],
        "einde": ["Het einde ligt niet vóór de start (07-09-2026)."],
    }
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_end(acting_user=world.regisseur, plaatsing=plaatsing, einde=D(2026, 10, 1), reden="overig")
    assert exc.value.message_dict == {"toelichting": ["Licht de reden 'overig' toe."]}
    with pytest.raises(PermissionDenied):
        services.plaatsing_end(acting_user=world.werkgever_user, plaatsing=plaatsing, einde=D(2026, 10, 1),
                               reden="niet_passend")  # fmt: skip
    services.plaatsing_end(acting_user=world.regisseur, plaatsing=plaatsing, einde=D(2026, 10, 1), reden="niet_passend")
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.einde, plaatsing.einde_reden) == (P.BEEINDIGD, D(2026, 10, 1), "niet_passend")
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_end(acting_user=world.regisseur, plaatsing=plaatsing, einde=D(2026, 10, 2), reden="afgerond")
    assert "status" in exc.value.message_dict


def test_a_proposal_cannot_end_and_a_placement_starts_only_when_confirmed_and_due(world):
    deelname = klaar(world)
    voorstel = world.proposed_placement(deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_end(acting_user=world.regisseur, plaatsing=voorstel, einde=D(2026, 10, 1), reden="afgerond")
    assert "status" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_start(acting_user=world.regisseur, plaatsing=voorstel)
    assert exc.value.message_dict["status"] == ["Alleen een bevestigde plaatsing kan starten."]
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=voorstel, versie=1)
    services.plaatsing_start(acting_user=world.regisseur, plaatsing=voorstel)
    assert Plaatsing.objects.get(pk=voorstel.pk).status == P.GESTART

    toekomst = propose(world, deelname, soort="stage", start=D(2099, 1, 1), gepland_einde=D(2099, 2, 1))
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=toekomst, versie=1)
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_start(acting_user=world.regisseur, plaatsing=toekomst)
    assert exc.value.message_dict["start"] == ["De plaatsing begint pas op 01-01-2099."]
