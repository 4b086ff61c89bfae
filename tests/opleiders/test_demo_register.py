"""The demo's lesson days and registers in the installation trajectory (issue 11, item 20)."""

import pytest
from django.urls import reverse

from leerwerk.datums import is_feestdag
from leerwerk.demo import EXTRA_DEMO_LOGINS
from leerwerk.models import User
from opleiders import constants as oc
from opleiders.models import Lesdag, ModuleDeelname, Presentie
from opleiders.services import percentage
from tests.leerwerk.test_demo_data import _demo_world, demo  # noqa: F401
from tests.secties import met_secties
from trajecten.demo import INSTALLATIE_NAAM


@pytest.mark.django_db(databases=["default", "audit"])
class TestDemoRegister:
    def test_running_modules_have_lesson_days_without_holidays_and_a_register(self, demo):  # noqa: F811
        lesdagen = Lesdag.objects.filter(module__traject__naam=INSTALLATIE_NAAM)
        assert set(lesdagen.values_list("module__naam", flat=True)) == {
            "Vaktaal installatietechniek – groep 2",
            "Basisvakopleiding monteur installatietechniek – groep 2",
        }
        assert not any(is_feestdag(d) for d in lesdagen.values_list("datum", flat=True))
        assert Presentie.objects.filter(reden=oc.AfwezigReden.ZONDER_BERICHT).count() == 1  # Ahmad, once
        assert Presentie.objects.filter(status=oc.PresentieStatus.TE_LAAT).exists()

    def test_each_derived_percentage_adds_up_from_the_register(self, demo):  # noqa: F811
        items = ModuleDeelname.objects.filter(aanwezigheid_uit_register=True)
        assert items.count() == 7  # three in each running module, and Piotr in vaktaal
        for item in items:
            entries = list(item.presenties.values_list("status", "reden"))
            attended = sum(status in oc.AANWEZIG_GETELD for status, _ in entries)
            assert item.aanwezigheid == percentage(attended, len(entries))
            assert item.zonder_bericht == sum(reden == oc.AfwezigReden.ZONDER_BERICHT for _, reden in entries)
        kevin = items.get(deelname__deelnemer__voornaam="Kevin", module__naam__startswith="Basis")
        assert kevin.aanwezigheid == 100

    def test_the_language_trainer_sees_the_register(self, demo, client):  # noqa: F811
        client.force_login(User.objects.get(email=EXTRA_DEMO_LOGINS["opleider_taal"]))
        html = met_secties(client, reverse("opleiders:deelnemers"))
        assert "uit presentielijst" in html
        dag = Lesdag.objects.filter(module__naam="Vaktaal installatietechniek – groep 2", presenties__isnull=False)
        response = client.get(reverse("opleiders:presentielijst", kwargs={"pk": dag.first().pk}))
        assert response.status_code == 200 and "Kevin" in response.content.decode()
