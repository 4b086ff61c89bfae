"""The retention task in a real Celery worker (the worker fixture of tests/signalen/test_worker.py):
delivered twice, it anonymises the expired candidate once and mails the beheerder once."""

import datetime as dt

import pytest

from bewaren import tasks
from bewaren.models import Anonimisering, Bewaarrun
from deelnemers.models import Deelnemer
from leerwerk.models import Rol
from tests.factories import DeelnameFactory
from tests.signalen.test_worker import klaar, mails, worker  # noqa: F401 - fixture

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, databases=["default", "audit"])]


def test_the_task_delivered_twice_to_a_worker_has_one_effect(worker, make_user):  # noqa: F811
    queue, maildir = worker
    beheerder = make_user(Rol.BEHEERDER)
    verlopen = DeelnameFactory(status="afgerond", status_sinds=dt.date(2000, 1, 3)).deelnemer
    lopend = DeelnameFactory(status="opleiding").deelnemer

    tasks.bewaartermijnen_toepassen.apply_async(queue=queue, task_id="bewaren-dubbel")
    tasks.bewaartermijnen_toepassen.apply_async(queue=queue, task_id="bewaren-dubbel")
    klaar(queue, "na-bewaren")

    verlopen.refresh_from_db()
    assert verlopen.naam == f"Geanonimiseerd #{verlopen.pk}"
    assert Deelnemer.objects.get(pk=lopend.pk).naam == lopend.naam
    assert list(Anonimisering.objects.values_list("deelnemer_id", flat=True)) == [verlopen.pk]
    assert sorted(Bewaarrun.objects.values_list("kandidaten", flat=True)) == [0, 1]
    berichten = mails(maildir)
    assert len(berichten) == 1 and f"To: {beheerder.email}" in berichten[0]
