"""Domain events (leerwerk.events) with real commits: a transaction that publishes the same event
several times delivers it once; an event from a rolled-back savepoint is published anew.

The subscriber here is signalen's consent recompute, which queues a Celery task (eager, its own
setting) once it is called after the commit; Celery's task_prerun signal counts the tasks."""

import pytest
from celery.signals import task_prerun
from django.db import transaction

from deelnemers import services
from deelnemers.constants import ToestemmingSoort
from leerwerk.celery import app
from leerwerk.models import Rol
from tests.factories import DeelnemerFactory, GemeenteFactory, ToestemmingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "audit"])

HERBEREKEN = "signalen.tasks.herbereken_trajecten"


@pytest.fixture
def taken():
    gezien = []

    def ontvang(sender=None, **kwargs):
        gezien.append(sender.name)

    task_prerun.connect(ontvang, weak=False)
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield gezien
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates
    task_prerun.disconnect(ontvang)


@pytest.fixture
def toestemmingen():
    gemeente = GemeenteFactory()
    klantmanager = UserFactory(organisatie=gemeente, rollen=[Rol.KLANTMANAGER])
    rijen = [
        ToestemmingFactory(deelnemer=DeelnemerFactory(gemeente=gemeente), soort=ToestemmingSoort.PARTNERS)
        for _ in range(3)
    ]
    return klantmanager, rijen


def test_three_consent_changes_in_one_transaction_queue_one_recompute(taken, toestemmingen):
    klantmanager, rijen = toestemmingen
    with transaction.atomic():
        for toestemming in rijen:
            services.toestemming_withdraw(acting_user=klantmanager, toestemming=toestemming)
    assert taken.count(HERBEREKEN) == 1  # was one per change


def test_each_transaction_delivers_its_own_event(taken, toestemmingen):
    klantmanager, rijen = toestemmingen
    for toestemming in rijen[:2]:
        services.toestemming_withdraw(acting_user=klantmanager, toestemming=toestemming)
    assert taken.count(HERBEREKEN) == 2


def test_an_event_from_a_rolled_back_savepoint_is_published_anew(taken, toestemmingen):
    klantmanager, (eerste, tweede, _derde) = toestemmingen
    with transaction.atomic():
        try:
            with transaction.atomic():
                services.toestemming_withdraw(acting_user=klantmanager, toestemming=eerste)
                raise RuntimeError("teruggedraaid")
        except RuntimeError:
            pass
        services.toestemming_withdraw(acting_user=klantmanager, toestemming=tweede)
    assert taken.count(HERBEREKEN) == 1  # the second withdrawal's event was not swallowed
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.ingetrokken_op is None and tweede.ingetrokken_op is not None
