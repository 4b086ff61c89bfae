"""Signals are recomputed after every write that moves a deadline: the service enqueues
signalen.tasks.herbereken_trajecten for its trajectory once the transaction commits.

Celery runs here in eager mode (its own setting, no mock): the task runs in this process when
the on-commit callback fires, and Celery's task_prerun signal tells which trajectories it was
given. tests/signalen/test_worker.py does the same through a real worker and Redis.
"""

import datetime as dt

import pytest
from celery.signals import task_prerun
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deelnemers import services as deelnemer_services
from deelnemers.constants import UitkeringType
from leerwerk.celery import app
from opleiders import constants as oc
from opleiders import services as opleider_services
from signalen import constants as c
from signalen.models import Signaal
from tests.factories import DeelnameFactory, TrajectFactory
from tests.opleiders.conftest import opleiding  # noqa: F401 - fixture
from tests.werkgevers.conftest import world  # noqa: F401 - fixture
from tests.werkgevers.plaatsingen import klaar
from trajecten import constants as tc
from trajecten import services as traject_services
from werkgevers import services as werkgever_services

HERBEREKEN = "signalen.tasks.herbereken_trajecten"


@pytest.fixture
def na_commit(django_capture_on_commit_callbacks):
    """na_commit(fn) runs fn, then its on-commit callbacks; returns the trajectories recomputed."""
    taken = []

    def ontvang(sender=None, args=None, **kwargs):
        taken.append((sender.name, list(args or [])))

    task_prerun.connect(ontvang, weak=False)
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True

    def run(fn) -> set[int]:
        taken.clear()
        # fn stands for a transaction of its own; the test's own transaction never commits, so a
        # recompute that earlier setup left waiting (signalen.services.status) is not this one's.
        transaction.get_connection()._leerwerk_per_transactie = {}
        with django_capture_on_commit_callbacks(execute=True):
            fn()
        return {pk for naam, args in taken if naam == HERBEREKEN for pk in args[0]}

    run.taken = taken

    yield run
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates
    task_prerun.disconnect(ontvang)


def test_placement_writes_recompute_their_trajectory(world, na_commit):  # noqa: F811
    vandaag = timezone.localdate()
    deelname = world.deelname(uitkering_type=UitkeringType.BIJSTAND)
    world.accepted(deelname)
    traject = {world.traject.pk}
    plaatsing = None

    def propose():
        nonlocal plaatsing
        plaatsing = world.proposed_placement(deelname, start=vandaag, einde=vandaag + dt.timedelta(days=90))

    assert na_commit(propose) == traject
    # The trial placement is planned past its two months on benefit: the recompute found it.
    [signaal] = Signaal.objects.filter(regel=c.Regel.PROEFPLAATSING_TERMIJN, object_id=str(plaatsing.pk))
    assert signaal.status == c.SignaalStatus.OPEN
    werkgever, regisseur = world.werkgever_user, world.regisseur
    assert (
        na_commit(lambda: werkgever_services.plaatsing_confirm(acting_user=werkgever, plaatsing=plaatsing)) == traject
    )
    assert na_commit(
        lambda: werkgever_services.plaatsing_change(acting_user=regisseur, plaatsing=plaatsing, uren_per_week=24)
    ) == traject  # fmt: skip
    assert na_commit(lambda: werkgever_services.plaatsing_start(acting_user=regisseur, plaatsing=plaatsing)) == traject
    assert na_commit(
        lambda: werkgever_services.plaatsing_end(
            acting_user=regisseur, plaatsing=plaatsing, einde=vandaag, reden="afgerond", toelichting=""
        )
    ) == traject  # fmt: skip
    # The placement ended: the recompute closed its signal.
    signaal.refresh_from_db()
    assert signaal.status == c.SignaalStatus.VERVALLEN


def test_a_declined_proposal_and_a_work_place_change_recompute(world, na_commit):  # noqa: F811
    deelname = klaar(world)
    plaatsing = world.proposed_placement(deelname)
    assert na_commit(
        lambda: werkgever_services.plaatsing_decline(
            acting_user=world.werkgever_user, plaatsing=plaatsing, reden="geen_plek", toelichting=""
        )
    ) == {world.traject.pk}  # fmt: skip
    assert na_commit(
        lambda: werkgever_services.leerwerkplek_save(
            acting_user=world.werkgever_user, werkgever=world.werkgever, plek=world.plek, uren_per_week=20
        )
    ) == {world.traject.pk}  # fmt: skip


def test_a_write_that_fails_enqueues_nothing(world, na_commit):  # noqa: F811
    deelname = klaar(world)

    def proposal_ending_before_its_start():
        with pytest.raises(ValidationError):
            world.proposed_placement(deelname, start=dt.date(2026, 9, 7), einde=dt.date(2026, 9, 1))

    assert na_commit(proposal_ending_before_its_start) == set()


def test_trajectory_writes_recompute(world, na_commit):  # noqa: F811
    regisseur, traject = world.regisseur, world.traject
    deelname = world.deelname(tc.DeelnameStatus.AANGEMELD)
    assert na_commit(
        lambda: traject_services.deelname_transition(acting_user=regisseur, deelname=deelname, naar="intake")
    ) == {traject.pk}  # fmt: skip
    moment = None

    def contact():
        nonlocal moment
        moment = traject_services.contactmoment_create(
            acting_user=regisseur, deelname=deelname, soort="voortgang", datum=timezone.localdate(),
            acties=[{"omschrijving": "Rooster opvragen", "eigenaar": regisseur, "deadline": dt.date(2026, 12, 1)}],
        )  # fmt: skip

    assert na_commit(contact) == {traject.pk}
    actie = moment.acties.get()
    assert na_commit(lambda: traject_services.vervolgactie_complete(acting_user=regisseur, actie=actie)) == {traject.pk}
    fase = None

    def fase_create():
        nonlocal fase
        fase = traject_services.traject_fase_create(
            acting_user=regisseur, traject=traject, soort="nazorg", start=dt.date(2027, 1, 4), eind=dt.date(2027, 6, 30)
        )

    assert na_commit(fase_create) == {traject.pk}
    assert na_commit(
        lambda: traject_services.traject_fase_update(
            acting_user=regisseur, fase=fase, soort="nazorg", start=dt.date(2027, 1, 11), eind=dt.date(2027, 6, 30)
        )
    ) == {traject.pk}  # fmt: skip
    assert na_commit(lambda: traject_services.traject_fase_delete(acting_user=regisseur, fase=fase)) == {traject.pk}


def test_a_benefit_change_recomputes_every_trajectory_of_the_participant(world, na_commit):  # noqa: F811
    deelname = world.deelname()
    tweede = DeelnameFactory(deelnemer=deelname.deelnemer, traject=TrajectFactory(), status=tc.DeelnameStatus.AFGEROND)
    assert na_commit(
        lambda: deelnemer_services.deelnemer_update(
            acting_user=world.klantmanager, deelnemer=deelname.deelnemer, uitkering_type=UitkeringType.GEEN
        )
    ) == {world.traject.pk, tweede.traject_id}  # fmt: skip


def test_a_certificate_recomputes_the_participants_trajectories(opleiding, na_commit):  # noqa: F811
    assert na_commit(
        lambda: opleider_services.certificaat_create(
            acting_user=opleiding.opleider, deelnemer=opleiding.deelnemer, soort=oc.CertificaatSoort.VCA_BASIS,
            behaald_op=dt.date(2026, 4, 30), geldig_tot=dt.date(2036, 4, 30), module=opleiding.module,
        )
    ) == {opleiding.traject.pk}  # fmt: skip


def test_one_transaction_queues_one_recompute_for_all_its_trajectories(world, na_commit):  # noqa: F811
    ander = TrajectFactory()
    deelname = klaar(world)

    def veel_wijzigingen():
        with transaction.atomic():
            for uren in (20, 24, 28):
                werkgever_services.leerwerkplek_save(
                    acting_user=world.werkgever_user, werkgever=world.werkgever, plek=world.plek, uren_per_week=uren
                )
            world.proposed_placement(deelname)
            from signalen.services import herbereken_na_commit

            herbereken_na_commit(ander.pk)

    assert na_commit(veel_wijzigingen) == {world.traject.pk, ander.pk}
    assert [naam for naam, _args in na_commit.taken if naam == HERBEREKEN] == [HERBEREKEN]  # one task, not five


def test_loading_the_demo_queues_one_recompute(db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    transaction.get_connection()._leerwerk_per_transactie = {}
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("demo_data")
    wachtend = [f for f in callbacks if f.__qualname__.startswith("per_transactie.")]
    # one for the signals' recompute and one for financing's result detection: not one per change
    assert len(wachtend) == 2


def test_a_consent_change_queues_the_consent_recompute_through_the_domain_event(world, na_commit):  # noqa: F811
    deelname = world.deelname()
    toestemming = deelname.deelnemer.toestemmingen.get(soort="werkgevers")
    na_commit(lambda: deelnemer_services.toestemming_withdraw(acting_user=world.klantmanager, toestemming=toestemming))
    assert na_commit.taken == [(HERBEREKEN, [[]])]  # a scan of no trajectory: the consent rule
