"""Placements: the regisseur proposes after an accepted match, the employer confirms (which
moves the participation), changes need a new confirmation, no two active placements of one
participant overlap (service and database), conversion and ending; the placement guard."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from leerwerk.models import Rol
from tests.factories import BegeleiderFactory
from tests.trajecten.regie import verplaats
from trajecten import constants as tc
from trajecten.models import Deelname
from trajecten.services import deelname_transition
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Plaatsing, PlaatsingVersie

S = tc.DeelnameStatus
P = c.PlaatsingStatus
pytestmark = pytest.mark.django_db

OVERLAP = "Deze deelnemer heeft in deze periode al een plaatsing."
GUARD = (
    "Een stap naar {} volgt uit een plaatsing die de werkgever heeft bevestigd. "
    "Stel eerst een plaatsing voor; na de bevestiging verplaatst de deelnemer vanzelf."
)
D = datetime.date


def _klaar(world, status=S.OPLEIDING):
    """A participant with a match the first employer accepted."""
    deelname = world.deelname(status)
    world.accepted(deelname)
    return deelname


def _bevestigd(world, deelname, **kw):
    plaatsing = world.proposed_placement(deelname, **kw)
    return services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=plaatsing.versie)


def _propose(world, deelname, **kw):
    fields = {"soort": "proefplaatsing", "start": D(2026, 9, 7), "gepland_einde": D(2026, 11, 1), "uren_per_week": 32}
    return services.plaatsing_propose(
        acting_user=world.regisseur, deelname=deelname, leerwerkplek=kw.pop("plek", world.plek), **{**fields, **kw}
    )


def _status(deelname):
    return Deelname.objects.get(pk=deelname.pk).status


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
    assert _status(deelname) == S.OPLEIDING  # a proposal moves nothing


def test_only_the_regisseur_proposes(world):
    deelname = _klaar(world)
    for user in (world.werkgever_user, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.plaatsing_propose(
                acting_user=user, deelname=deelname, leerwerkplek=world.plek, soort="proefplaatsing",
                start=D(2026, 9, 7), gepland_einde=D(2026, 11, 1), uren_per_week=32,
            )  # fmt: skip
    assert not Plaatsing.objects.exists()


def test_a_proposal_of_a_kind_the_participant_cannot_step_into_is_refused(world):
    deelname = _klaar(world, S.GESELECTEERD)
    with pytest.raises(ValidationError) as exc:
        world.proposed_placement(deelname)
    assert exc.value.message_dict["soort"] == ["Vanuit Geselecteerd kan de deelnemer niet naar Proefplaatsing."]


def test_only_a_permanent_contract_may_have_no_planned_end(world):
    deelname = _klaar(world)
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, soort="bepaalde_tijd", gepland_einde=None)
    assert "Vul het geplande einde in" in exc.value.message_dict["gepland_einde"][0]
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, start=D(2026, 9, 7), gepland_einde=D(2026, 9, 6))
    assert exc.value.message_dict["gepland_einde"] == ["Het geplande einde ligt niet vóór de start."]
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, mentor=BegeleiderFactory(werkgever=world.ander))
    assert exc.value.message_dict["mentor"] == ["Kies een mentor van deze werkgever."]
    assert _propose(world, deelname, soort="onbepaalde_tijd", gepland_einde=None).gepland_einde is None


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
    deelname = _klaar(world, S.OPLEIDING)
    einde = None if soort == "onbepaalde_tijd" else D(2027, 3, 1)
    plaatsing = _propose(world, deelname, soort=soort, gepland_einde=einde)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.bevestigde_versie) == (P.BEVESTIGD, 1)
    assert plaatsing.bevestigd_door == world.werkgever_user and plaatsing.bevestigd_op is not None
    assert not plaatsing.wacht_op_bevestiging
    assert _status(deelname) == doel
    stap = deelname.stappen.order_by("-id").first()
    assert (stap.van_status, stap.naar_status, stap.door) == (S.OPLEIDING, doel, world.werkgever_user)
    assert world.werkgever.organisatie.naam in stap.toelichting


def test_a_contract_after_a_trial_placement_moves_the_participant_to_geplaatst(world):
    deelname = _klaar(world)
    _bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    assert _status(deelname) == S.PROEFPLAATSING
    contract = _propose(world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 11, 1))
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=contract, versie=1)
    assert _status(deelname) == S.GEPLAATST


def test_only_the_own_employer_confirms(world, make_user):
    deelname = _klaar(world)
    plaatsing = world.proposed_placement(deelname)
    for user in (world.ander_user, world.regisseur, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.plaatsing_confirm(acting_user=user, plaatsing=plaatsing, versie=1)
    collega = make_user(Rol.WERKGEVER, organisatie=world.werkgever.organisatie)
    services.plaatsing_confirm(acting_user=collega, plaatsing=plaatsing, versie=1)
    assert Plaatsing.objects.get(pk=plaatsing.pk).bevestigd_door == collega


def test_confirming_twice_is_refused(world):
    deelname = _klaar(world)
    plaatsing = _bevestigd(world, deelname)
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    assert exc.value.message_dict["status"] == ["Deze plaatsing wacht niet (meer) op uw bevestiging."]
    assert deelname.stappen.filter(naar_status=S.PROEFPLAATSING).count() == 1


def test_the_employer_declines_with_a_reason(world):
    deelname = _klaar(world)
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
    assert _status(deelname) == S.OPLEIDING


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_give_one_confirmation(world, make_user):
    """Two contact persons of the employer press "bevestigen" at the same moment. The row lock
    serialises them: one confirms, the other is told the placement no longer waits."""
    deelname = _klaar(world)
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
    assert _status(deelname) == S.PROEFPLAATSING


# --- Overlap ------------------------------------------------------------------------------------------------


def test_an_overlapping_proposal_is_refused_as_a_field_error(world):
    deelname = _klaar(world)
    _bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    for start, einde in [
        (D(2026, 10, 1), D(2026, 12, 1)),
        (D(2026, 8, 1), D(2026, 9, 7)),
        (D(2026, 11, 1), D(2027, 1, 1)),
    ]:
        with pytest.raises(ValidationError) as exc:
            _propose(world, deelname, soort="stage", start=start, gepland_einde=einde)
        assert exc.value.message_dict == {"start": [OVERLAP]}
    assert Plaatsing.objects.filter(deelname=deelname).count() == 1
    # The day after the planned end is free.
    _propose(world, deelname, soort="stage", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1))


def test_a_proposal_waiting_for_confirmation_also_blocks_its_period(world):
    deelname = _klaar(world)
    world.proposed_placement(deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, start=D(2026, 10, 1), gepland_einde=D(2026, 10, 31))
    assert exc.value.message_dict == {"start": [OVERLAP]}


def test_an_open_ended_contract_overlaps_everything_after_it(world):
    deelname = _klaar(world)
    _propose(world, deelname, soort="onbepaalde_tijd", start=D(2026, 9, 7), gepland_einde=None)
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, soort="bepaalde_tijd", start=D(2031, 1, 1), gepland_einde=D(2031, 6, 1))
    assert exc.value.message_dict == {"start": [OVERLAP]}
    _propose(world, deelname, soort="stage", start=D(2026, 6, 1), gepland_einde=D(2026, 9, 6))


def test_a_change_into_an_overlap_is_refused(world):
    deelname = _klaar(world)
    _bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    later = _propose(world, deelname, soort="stage", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_change(acting_user=world.regisseur, plaatsing=later, start=D(2026, 11, 1))
    assert exc.value.message_dict == {"start": [OVERLAP]}
    assert Plaatsing.objects.get(pk=later.pk).start == D(2026, 11, 2)


def _rij(world, deelname, start, einde, status=P.BEVESTIGD):
    """A placement written directly, past the services, as a bug or a script might."""
    bevestigd = status in c.ACTIEVE_PLAATSING
    return Plaatsing.objects.create(
        deelname=deelname, leerwerkplek=world.plek, soort="stage", start=start, gepland_einde=einde,
        uren_per_week=24, status=status, voorgesteld_door=world.regisseur, bevestigde_versie=1 if bevestigd else None,
        bevestigd_op=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC) if bevestigd else None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("eerste", "tweede"),
    [
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 10, 1), D(2026, 12, 31))),  # partly
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 10, 31), D(2026, 12, 31))),  # the same day
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 9, 15), D(2026, 9, 16))),  # inside
        ((D(2026, 9, 1), None), (D(2035, 1, 1), D(2035, 2, 1))),  # open end: everything after
        ((D(2026, 9, 1), D(2026, 10, 31)), (D(2026, 1, 1), None)),  # open end from before
    ],
)
@pytest.mark.parametrize("status", [P.BEVESTIGD, P.GESTART])
def test_the_database_refuses_overlapping_active_placements(world, eerste, tweede, status):
    deelname = world.deelname()
    _rij(world, deelname, *eerste)
    with pytest.raises(IntegrityError, match="plaatsing_geen_overlap"), transaction.atomic():
        _rij(world, deelname, *tweede, status=status)
    assert Plaatsing.objects.filter(deelname=deelname).count() == 1


def test_the_database_allows_adjacent_periods_other_participants_and_ended_placements(world):
    deelname = world.deelname()
    _rij(world, deelname, D(2026, 9, 1), D(2026, 10, 31))
    with transaction.atomic():
        _rij(world, deelname, D(2026, 11, 1), D(2026, 12, 31))  # one day apart: fine
        _rij(world, deelname, D(2026, 6, 1), D(2026, 8, 31))
        _rij(world, world.deelname(), D(2026, 9, 1), D(2026, 10, 31))  # another participant
        for status in (P.VOORGESTELD, P.AFGEWEZEN, P.OMGEZET):
            _rij(world, deelname, D(2026, 9, 15), D(2026, 9, 30), status=status)
    assert Plaatsing.objects.filter(deelname=deelname).count() == 6


def test_the_database_rule_also_holds_on_update(world):
    deelname = world.deelname()
    _rij(world, deelname, D(2026, 9, 1), D(2026, 10, 31))
    voorstel = _rij(world, deelname, D(2026, 10, 1), D(2026, 12, 31), status=P.VOORGESTELD)
    with pytest.raises(IntegrityError, match="plaatsing_geen_overlap"), transaction.atomic():
        Plaatsing.objects.filter(pk=voorstel.pk).update(
            status=P.BEVESTIGD, bevestigde_versie=1, bevestigd_op=datetime.datetime(2026, 8, 2, tzinfo=datetime.UTC)
        )


# --- Changes after confirmation -------------------------------------------------------------------------------


def test_a_change_after_confirmation_keeps_the_old_version_and_waits_for_a_new_confirmation(world):
    deelname = _klaar(world)
    plaatsing = _bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
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
    deelname = _klaar(world)
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
    plaatsing = _bevestigd(world, _klaar(world))
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, soort="bepaalde_tijd")
    assert exc.value.message_dict["soort"] == ["Zet een bevestigde plaatsing om met een nieuwe plaatsing."]


def test_only_the_regisseur_changes(world):
    plaatsing = _bevestigd(world, _klaar(world))
    for user in (world.werkgever_user, world.klantmanager):
        with pytest.raises(PermissionDenied):
            services.plaatsing_change(acting_user=user, plaatsing=plaatsing, uren_per_week=20)


def test_earlier_versions_cannot_be_rewritten(world):
    plaatsing = _bevestigd(world, _klaar(world))
    services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, uren_per_week=20)
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        PlaatsingVersie.objects.filter(plaatsing=plaatsing).update(uren_per_week=40)
    assert PlaatsingVersie.objects.get(plaatsing=plaatsing).uren_per_week == 32


# --- Conversion and end -----------------------------------------------------------------------------------------


def test_a_trial_converted_into_a_contract_ends_the_day_before_the_contract(world):
    deelname = _klaar(world)
    proef = _bevestigd(world, deelname, start=D(2026, 9, 7), einde=D(2026, 11, 29))
    contract = _propose(
        world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 11, 1), omgezet_uit=proef
    )
    assert Plaatsing.objects.get(pk=proef.pk).status == P.BEVESTIGD  # until the employer confirms
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=contract, versie=1)
    proef.refresh_from_db()
    contract.refresh_from_db()
    assert (proef.status, proef.einde, proef.gepland_einde) == (P.OMGEZET, D(2026, 11, 1), D(2026, 11, 1))
    assert (contract.status, contract.omgezet_uit) == (P.BEVESTIGD, proef)
    assert proef.omgezet_naar == contract
    assert _status(deelname) == S.GEPLAATST
    assert list(deelname.stappen.order_by("id").values_list("naar_status", flat=True))[-2:] == [
        S.PROEFPLAATSING,
        S.GEPLAATST,
    ]


def test_only_a_running_placement_of_the_same_participant_is_converted(world):
    deelname = _klaar(world)
    voorstel = world.proposed_placement(deelname, start=D(2026, 9, 7), einde=D(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1),
                 omgezet_uit=voorstel)  # fmt: skip
    assert exc.value.message_dict["omgezet_uit"] == [
        "Alleen een lopende plaatsing van deze deelnemer kan worden omgezet."
    ]
    ander = _klaar(world)
    ander_proef = _bevestigd(world, ander)
    with pytest.raises(ValidationError) as exc:
        _propose(world, deelname, soort="bepaalde_tijd", start=D(2026, 11, 2), gepland_einde=D(2027, 1, 1),
                 omgezet_uit=ander_proef)  # fmt: skip
    assert "omgezet_uit" in exc.value.message_dict


def test_a_placement_ends_with_a_date_and_a_reason(world):
    plaatsing = _bevestigd(world, _klaar(world), start=D(2026, 9, 7), einde=D(2026, 11, 1))
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
    deelname = _klaar(world)
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

    toekomst = _propose(world, deelname, soort="stage", start=D(2099, 1, 1), gepland_einde=D(2099, 2, 1))
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=toekomst, versie=1)
    with pytest.raises(ValidationError) as exc:
        services.plaatsing_start(acting_user=world.regisseur, plaatsing=toekomst)
    assert exc.value.message_dict["start"] == ["De plaatsing begint pas op 01-01-2099."]


# --- The placement guard on the board --------------------------------------------------------------------------


@pytest.mark.parametrize("naar", [S.PROEFPLAATSING, S.GEPLAATST])
def test_the_regisseur_cannot_step_into_a_placement_without_a_confirmed_one(world, naar):
    deelname = _klaar(world)
    world.proposed_placement(deelname)  # proposed, not confirmed
    with pytest.raises(ValidationError) as exc:
        deelname_transition(
            acting_user=world.regisseur, deelname=deelname, naar=naar, toelichting=f"Bij {world.werkgever}"
        )
    assert exc.value.message_dict["toelichting"] == [GUARD.format(tc.DeelnameStatus(naar).label)]
    assert _status(deelname) == S.OPLEIDING


def test_a_confirmed_placement_of_the_other_kind_does_not_open_the_step(world):
    """A confirmed trial placement lets the participant into proefplaatsing, not into geplaatst."""
    deelname = _klaar(world)
    _bevestigd(world, deelname)
    assert _status(deelname) == S.PROEFPLAATSING
    with pytest.raises(ValidationError) as exc:
        deelname_transition(acting_user=world.regisseur, deelname=deelname, naar=S.GEPLAATST, toelichting="Contract")
    assert exc.value.message_dict["toelichting"] == [GUARD.format("Geplaatst")]


def test_a_participant_parked_during_a_confirmed_trial_may_return_to_it(world):
    deelname = _klaar(world)
    _bevestigd(world, deelname)
    deelname_transition(acting_user=world.regisseur, deelname=deelname, naar=S.GEPARKEERD, toelichting="Ziek")
    deelname_transition(acting_user=world.regisseur, deelname=Deelname.objects.get(pk=deelname.pk),
                        naar=S.PROEFPLAATSING)  # fmt: skip
    assert _status(deelname) == S.PROEFPLAATSING


@pytest.mark.django_db(databases=["default", "audit"])
def test_the_board_shows_the_guard_message_on_the_card(world, client):
    deelname = _klaar(world)
    client.force_login(world.regisseur)
    response = verplaats(client, deelname, htmx=True, naar=S.PROEFPLAATSING, toelichting="Bij Van Dijk")
    assert response.status_code == 200
    assert GUARD.format("Proefplaatsing") in response.content.decode()
    assert _status(deelname) == S.OPLEIDING
