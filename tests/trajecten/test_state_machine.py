"""The Deelname state machine: every allowed step, a sample of refused ones, and the guards."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from leerwerk.models import Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    LeerwerkplekFactory,
    ToestemmingFactory,
    TrajectFactory,
    UserFactory,
)
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap
from trajecten.services import deelname_transition, transition_refusal
from werkgevers import constants as wc
from werkgevers.models import Plaatsing

S = c.DeelnameStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def traject():
    return TrajectFactory()


@pytest.fixture
def regisseur(traject):
    return UserFactory(organisatie=traject.regie_organisatie, rollen=[Rol.REGISSEUR])


def _move(user, deelname, naar, **kwargs):
    kwargs.setdefault("ingangsdatum", datetime.date(2026, 2, 1))
    if naar in c.NEEDS_PLACEMENT:
        kwargs.setdefault("toelichting", "Proefplaatsing bij Installatiebedrijf Van Dijk")
    if naar == S.UITGEVALLEN:
        kwargs.setdefault("uitval_reden", c.UitvalReden.VERVOER)
    return deelname_transition(acting_user=user, deelname=deelname, naar=naar, **kwargs)


def _confirmed_placement(deelname, naar, status=wc.PlaatsingStatus.BEVESTIGD):
    """A placement the employer confirmed, of a kind that leads to `naar` (the werkgevers app's
    placement guard looks for one); written directly, the werkgevers tests cover the services."""
    soort = wc.PlaatsingSoort.PROEFPLAATSING if naar == S.PROEFPLAATSING else wc.PlaatsingSoort.BEPAALDE_TIJD
    bevestigd = status in wc.ACTIEVE_PLAATSING
    return Plaatsing.objects.create(
        deelname=deelname,
        leerwerkplek=LeerwerkplekFactory(traject=deelname.traject),
        soort=soort,
        start=datetime.date(2026, 2, 1),
        gepland_einde=datetime.date(2026, 7, 31),
        uren_per_week=32,
        status=status,
        voorgesteld_door=deelname.aangemeld_door,
        bevestigde_versie=1 if bevestigd else None,
        bevestigd_op=datetime.datetime(2026, 1, 30, 10, 0, tzinfo=datetime.UTC) if bevestigd else None,
    )


ALLOWED = [(van, naar) for van in c.ACTIVE_STATES for naar in c.allowed_targets(van)]


def test_the_main_line_and_side_exits_are_all_listed():
    assert (S.AANGEMELD, S.INTAKE) in ALLOWED
    assert (S.INTAKE, S.AFGEWEZEN) in ALLOWED
    assert (S.NAZORG, S.AFGEROND) in ALLOWED
    for state in c.ACTIVE_STATES:
        for side in (S.GEPARKEERD, S.UITGEVALLEN, S.VERVOLGOPLEIDING):
            assert (state, side) in ALLOWED
    assert (S.OPLEIDING, S.GEPLAATST) in ALLOWED  # a contract may follow the training directly
    # 10 forward steps + 3 side exits from each of the 8 active states
    assert len(ALLOWED) == 10 + 3 * 8


@pytest.mark.parametrize(("van", "naar"), ALLOWED)
def test_every_allowed_step_is_applied_and_recorded(regisseur, traject, van, naar):
    deelname = DeelnameFactory(traject=traject, status=van)
    note = {} if naar in c.NEEDS_PLACEMENT else {"toelichting": "Afgesproken in het driegesprek"}
    if naar in c.NEEDS_PLACEMENT:
        _confirmed_placement(deelname, naar)
    _move(regisseur, deelname, naar, **note)
    deelname.refresh_from_db()
    assert deelname.status == naar
    assert deelname.status_sinds == datetime.date(2026, 2, 1)
    step = deelname.stappen.order_by("-id").first()
    assert (step.van_status, step.naar_status, step.door, step.ingangsdatum) == (
        van,
        naar,
        regisseur,
        datetime.date(2026, 2, 1),
    )
    assert deelname.vorige_status == (van if naar == S.GEPARKEERD else "")


REFUSED = [
    (S.AANGEMELD, S.OPLEIDING),
    (S.AANGEMELD, S.GESELECTEERD),
    (S.INTAKE, S.VOORTRAJECT),
    (S.GESELECTEERD, S.AFGEWEZEN),
    (S.VOORTRAJECT, S.GEPLAATST),
    (S.GEPLAATST, S.OPLEIDING),
    (S.NAZORG, S.AANGEMELD),
    (S.AFGEWEZEN, S.INTAKE),
    (S.AFGEROND, S.NAZORG),
    (S.UITGEVALLEN, S.AANGEMELD),
    (S.VERVOLGOPLEIDING, S.OPLEIDING),
]


@pytest.mark.parametrize(("van", "naar"), REFUSED)
def test_invalid_steps_are_refused_in_dutch_and_change_nothing(regisseur, traject, van, naar):
    deelname = DeelnameFactory(traject=traject, status=van)
    steps = deelname.stappen.count()
    with pytest.raises(ValidationError) as exc:
        _move(regisseur, deelname, naar)
    message = exc.value.message_dict["naar"][0]
    assert "geen geldige stap" in message or "afgesloten" in message
    deelname.refresh_from_db()
    assert deelname.status == van
    assert deelname.stappen.count() == steps


def test_parking_returns_only_to_where_it_was(regisseur, traject):
    deelname = DeelnameFactory(traject=traject, status=S.OPLEIDING)
    _move(regisseur, deelname, S.GEPARKEERD, toelichting="Zorg voor familielid")
    deelname.refresh_from_db()
    assert deelname.allowed_targets() == (S.OPLEIDING, S.UITGEVALLEN, S.VERVOLGOPLEIDING)
    with pytest.raises(ValidationError) as exc:
        _move(regisseur, deelname, S.VOORTRAJECT)
    assert "terug naar Opleiding" in exc.value.message_dict["naar"][0]
    _move(regisseur, deelname, S.OPLEIDING)
    deelname.refresh_from_db()
    assert (deelname.status, deelname.vorige_status) == (S.OPLEIDING, "")


def test_dropping_out_needs_a_reason_from_the_list(regisseur, traject):
    deelname = DeelnameFactory(traject=traject, status=S.OPLEIDING)
    with pytest.raises(ValidationError) as exc:
        deelname_transition(acting_user=regisseur, deelname=deelname, naar=S.UITGEVALLEN)
    assert exc.value.message_dict["uitval_reden"] == ["Kies een reden van uitval."]
    with pytest.raises(ValidationError) as exc:
        deelname_transition(acting_user=regisseur, deelname=deelname, naar=S.UITGEVALLEN, uitval_reden="verveeld")
    assert "uitval_reden" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        deelname_transition(acting_user=regisseur, deelname=deelname, naar=S.UITGEVALLEN, uitval_reden="overig")
    assert exc.value.message_dict["toelichting"] == ["Licht de reden 'overig' toe."]
    deelname_transition(
        acting_user=regisseur,
        deelname=deelname,
        naar=S.UITGEVALLEN,
        uitval_reden="overig",
        toelichting="Terug naar land",
    )
    deelname.refresh_from_db()
    assert (deelname.status, deelname.uitval_reden) == (S.UITGEVALLEN, "overig")
    assert deelname.stappen.last().uitval_reden == "overig"


def test_a_reason_of_drop_out_belongs_only_to_dropping_out(regisseur, traject):
    deelname = DeelnameFactory(traject=traject, status=S.AANGEMELD)
    with pytest.raises(ValidationError) as exc:
        _move(regisseur, deelname, S.INTAKE, uitval_reden=c.UitvalReden.TAAL)
    assert "uitval_reden" in exc.value.message_dict


@pytest.mark.parametrize("naar", c.NEEDS_PLACEMENT)
def test_steps_into_a_placement_pass_the_placement_guard(regisseur, traject, naar):
    """Naming the employer in the note is no longer enough (the guard of the werkgevers app):
    the step needs a placement the employer confirmed; a proposed or declined one does not count."""
    van = S.OPLEIDING if naar == S.PROEFPLAATSING else S.PROEFPLAATSING
    deelname = DeelnameFactory(traject=traject, status=van)
    _confirmed_placement(deelname, naar, status=wc.PlaatsingStatus.VOORGESTELD)
    for note in ("  ", "Proefplaatsing bij Installatiebedrijf Van Dijk"):
        with pytest.raises(ValidationError) as exc:
            deelname_transition(acting_user=regisseur, deelname=deelname, naar=naar, toelichting=note)
        assert "plaatsing die de werkgever heeft bevestigd" in exc.value.message_dict["toelichting"][0]
    deelname.refresh_from_db()
    assert deelname.status == van
    assert not deelname.stappen.filter(naar_status=naar).exists()


def test_effective_date_may_not_precede_the_previous_step(regisseur, traject):
    deelname = DeelnameFactory(traject=traject, status=S.AANGEMELD, status_sinds=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError) as exc:
        _move(regisseur, deelname, S.INTAKE, ingangsdatum=datetime.date(2026, 2, 28))
    assert exc.value.message_dict["ingangsdatum"] == ["De ingangsdatum ligt vóór die van de vorige stap (01-03-2026)."]


def test_a_stale_board_column_is_refused(regisseur, traject):
    deelname = DeelnameFactory(traject=traject, status=S.INTAKE)
    with pytest.raises(ValidationError) as exc:
        _move(regisseur, deelname, S.GESELECTEERD, verwacht_van=S.AANGEMELD)
    assert "intussen naar Intake" in exc.value.message_dict["naar"][0]


def test_only_the_regisseur_of_the_regie_organisation_may_move(traject):
    deelname = DeelnameFactory(traject=traject, status=S.AANGEMELD)
    other_regisseur = UserFactory(rollen=[Rol.REGISSEUR])
    klantmanager = UserFactory(organisatie=traject.regie_organisatie, rollen=[Rol.KLANTMANAGER])
    for user in (other_regisseur, klantmanager):
        with pytest.raises(PermissionDenied):
            _move(user, deelname, S.INTAKE)
    assert Deelname.objects.get(pk=deelname.pk).status == S.AANGEMELD


def test_regisseur_needs_partner_consent_for_a_candidate_of_another_gemeente(regisseur, traject):
    deelname = DeelnameFactory(traject=traject, status=S.AANGEMELD, deelnemer=DeelnemerFactory())
    with pytest.raises(PermissionDenied):
        _move(regisseur, deelname, S.INTAKE)
    ToestemmingFactory(deelnemer=deelname.deelnemer)
    _move(regisseur, deelname, S.INTAKE)
    assert Deelname.objects.get(pk=deelname.pk).status == S.INTAKE


def test_refusal_text_for_a_closed_participation():
    deelname = Deelname(status=S.AFGEROND)
    assert transition_refusal(deelname, S.NAZORG) == (
        "Deze deelname is afgesloten (Afgerond); de status kan niet meer veranderen."
    )


def test_steps_cannot_be_rewritten(regisseur, traject):
    from django.db import DatabaseError, transaction

    deelname = DeelnameFactory(traject=traject)
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        DeelnameStap.objects.filter(deelname=deelname).update(toelichting="achteraf gewijzigd")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_transitions_leave_one_consistent_result():
    """Two regisseurs press at the same moment: one step to geselecteerd, one to afgewezen.
    The row lock serialises them; the second is judged against the first's result."""
    traject = TrajectFactory()
    users = [UserFactory(organisatie=traject.regie_organisatie, rollen=[Rol.REGISSEUR]) for _ in range(2)]
    deelname = DeelnameFactory(traject=traject, status=S.INTAKE)
    barrier = threading.Barrier(2)
    outcomes = []

    def press(user, naar):
        try:
            fresh = Deelname.objects.get(pk=deelname.pk)
            barrier.wait()
            _move(user, fresh, naar, verwacht_van=S.INTAKE)
            outcomes.append(("ok", naar))
        except ValidationError as exc:
            outcomes.append(("refused", exc.message_dict["naar"][0]))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=press, args=(users[0], S.GESELECTEERD)),
        threading.Thread(target=press, args=(users[1], S.AFGEWEZEN)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    winner = next(value for kind, value in outcomes if kind == "ok")
    loser_message = next(value for kind, value in outcomes if kind == "refused")
    assert "intussen naar" in loser_message
    deelname.refresh_from_db()
    assert deelname.status == winner
    steps = list(deelname.stappen.order_by("id").values_list("van_status", "naar_status"))
    assert steps == [("", S.AANGEMELD), (S.AANGEMELD, S.INTAKE), (S.INTAKE, winner)]
