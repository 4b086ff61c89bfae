"""The demo after issue 11 item 21: candidates with languages, some with an interpreter, permit
dates and consents with a text version and end date; one consent ends soon, so the klantmanager
of 's-Hertogenbosch has a signal for it."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from deelnemers.constants import InburgeringRegime
from deelnemers.models import Deelnemer, Toestemming
from leerwerk.demo import demo_email
from leerwerk.models import Rol, User
from signalen.constants import Ernst, Regel
from signalen.selectors import signalen_actueel_for

pytestmark = pytest.mark.django_db
DAG = dt.date(2026, 11, 23)


def test_the_demo_has_intake_fields_and_a_consent_ending_soon():
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(DAG, dt.time(10, 0))), tick=False):
        call_command("demo_data")
        klantmanager = User.objects.get(email=demo_email(Rol.KLANTMANAGER))
        [signaal] = [s for s in signalen_actueel_for(klantmanager) if s.regel == Regel.TOESTEMMING]

    toestemming = Toestemming.objects.select_related("deelnemer").get(pk=signaal.object_id)
    assert toestemming.deelnemer.naam == "Faisal Osman"
    assert signaal.deadline == toestemming.einddatum == DAG + dt.timedelta(days=10)
    assert signaal.ernst == Ernst.WAARSCHUWING and "Faisal" not in signaal.bericht
    # Every other consent runs well past the load day, with the text version it was given under.
    assert not Toestemming.objects.filter(einddatum__lte=DAG).exists()
    assert set(Toestemming.objects.values_list("tekstversie", flat=True)) == {"2026-1"}

    kandidaten = {d.voornaam: d for d in Deelnemer.objects.prefetch_related("talen")}
    assert [(t.taal, t.niveau) for t in kandidaten["Yonas"].talen.all()][0] == ("ti", "moedertaal")
    assert {n for n, d in kandidaten.items() if d.tolk_nodig} == {"Omar", "Mohammed", "Oleksandr", "Nour", "Jamal"}
    assert kandidaten["Rami"].inburgering_regime_afgeleid == InburgeringRegime.WI2013
    assert kandidaten["Samira"].inburgering_regime_afgeleid == InburgeringRegime.WI2021
    assert kandidaten["Piotr"].verblijfsvergunning_datum is None
    # The derived regime agrees with the one recorded for every demo candidate with a permit date.
    for d in kandidaten.values():
        if d.verblijfsvergunning_datum:
            assert d.inburgering_regime in (d.inburgering_regime_afgeleid, InburgeringRegime.GEEN), d.naam
