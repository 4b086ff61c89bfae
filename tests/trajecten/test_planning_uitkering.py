"""The planning helper's warning about the time on benefit: measured as the signal rule measures it
(trajecten.constants), naming each phase past the limit and by how much, for whom it holds, whose
rules; and the demo's plans fit the national default.

Dates in the comments were counted by hand on a calendar.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from deelnemers.constants import UitkeringType
from leerwerk.datums import BouwvakKalender, termijn_einde
from signalen.models import Termijnregels
from signalen.regels import ScanContext
from signalen.regels.trajectduur import trajectduur
from tests.factories import DeelnameFactory, GemeenteFactory, TrajectFaseFactory
from trajecten import constants as c
from trajecten.demo import INSTALLATIE_NAAM
from trajecten.demo_glas import GLAS_NAAM
from trajecten.models import Traject
from trajecten.planning import duur_tekst, planningshulp, projecteren

D = dt.date
F = c.FaseSoort
S = c.DeelnameStatus
GEEN_BOUWVAK = BouwvakKalender([])


def fase(soort, start, eind):
    return SimpleNamespace(soort=soort, start=start, eind=eind)


def uitkering_conflicten(planning):
    return [conflict.tekst for conflict in planning.conflicten if conflict.soort == "traject_uitkering"]


def plan_2026(proef_eind):
    """Recruitment from 5 January (eight weeks), voortraject from Monday 2 March, then training
    and a proefplaatsing ending on `proef_eind`. Three months from 2 March: the last day is 1 June."""
    return [
        fase(F.WERVING, D(2026, 1, 5), D(2026, 2, 27)),
        fase(F.VOORTRAJECT, D(2026, 3, 2), D(2026, 3, 13)),
        fase(F.OPLEIDING, D(2026, 3, 16), D(2026, 4, 17)),
        fase(F.PROEFPLAATSING, D(2026, 4, 20), proef_eind),
    ]


def test_weeks_and_days_in_dutch_singular_and_plural():
    assert [duur_tekst(n) for n in (1, 2, 7, 9, 14, 23)] == [
        "1 dag", "2 dagen", "1 week", "1 week en 2 dagen", "2 weken", "3 weken en 2 dagen",
    ]  # fmt: skip


def test_recruitment_does_not_count_as_time_on_benefit():
    # From the recruitment's start (5 January) the limit would end on 4 April; from the voortraject it is 1 June.
    planning = projecteren(plan_2026(D(2026, 5, 29)), D(2026, 1, 5), GEEN_BOUWVAK, "", Termijnregels())
    assert uitkering_conflicten(planning) == []


@pytest.mark.django_db
def test_the_warning_names_each_phase_past_the_limit_by_how_much_for_whom_and_whose_rules():
    plan = [
        fase(F.VOORTRAJECT, D(2026, 1, 5), D(2026, 3, 6)),
        fase(F.OPLEIDING, D(2026, 3, 9), D(2026, 4, 17)),
        fase(F.PROEFPLAATSING, D(2026, 4, 20), D(2026, 5, 1)),
        fase(F.MATCHING, D(2026, 4, 20), D(2026, 9, 25)),  # after the contract: not on benefit
    ]
    # 5 January + 3 months: the last day is 4 April. Opleiding 13 days later, proefplaatsing 27.
    [tekst] = uitkering_conflicten(projecteren(plan, D(2026, 1, 5), GEEN_BOUWVAK, "", Termijnregels()))
    assert tekst == (
        "Het traject duurt langer dan de 3 maanden die het met uitkering mag duren: vanaf de start van het "
        "voortraject op 05-01-2026 loopt die termijn tot en met 04-04-2026. "
        "Opleiding loopt tot en met 17-04-2026, 1 week en 6 dagen na de grens van 04-04-2026. "
        "Proefplaatsing loopt tot en met 01-05-2026, 3 weken en 6 dagen na de grens van 04-04-2026. "
        "Deze termijn geldt voor deelnemers met een uitkering (Participatiewet (bijstand), WW, WIA / WGA, Anw "
        "of een andere uitkering), niet voor deelnemers zonder uitkering. Deze termijn is de landelijke standaard."
    )
    assert "Voortraject loopt" not in tekst and "Matching" not in tekst
    # A gemeente's own rules of two months (the last day 4 March): the voortraject too, 2 days past it.
    eigen = Termijnregels(gemeente=GemeenteFactory(naam="Oss"), traject_maanden=2)
    [tekst] = uitkering_conflicten(projecteren(plan, D(2026, 1, 5), GEEN_BOUWVAK, "", eigen))
    assert "de 2 maanden" in tekst
    assert "Voortraject loopt tot en met 06-03-2026, 2 dagen na de grens van 04-03-2026." in tekst
    assert tekst.endswith("Deze termijn is een eigen regel van Oss, niet de landelijke standaard.")


@pytest.mark.django_db
def test_the_helper_and_the_signal_rule_agree_on_the_time_on_benefit(traject):
    for f in plan_2026(D(2026, 5, 29)):
        TrajectFaseFactory(traject=traject, soort=f.soort, start=f.start, eind=f.eind)
    DeelnameFactory(traject=traject, status=S.GESELECTEERD, deelnemer__uitkering_type=UitkeringType.BIJSTAND)
    vandaag = D(2026, 2, 2)

    def beide():
        hulp = planningshulp(traject, doelstart=None, start=None, vandaag=vandaag)
        return uitkering_conflicten(hulp["vooruit"]), list(trajectduur(ScanContext(vandaag=vandaag)))

    assert beide() == ([], [])  # fits: neither warns
    traject.fases.filter(soort=F.PROEFPLAATSING).update(eind=D(2026, 6, 12))
    [tekst], [signaal] = beide()
    assert signaal.deadline == D(2026, 6, 1) and "loopt die termijn tot en met 01-06-2026" in tekst
    assert "Proefplaatsing loopt tot en met 12-06-2026, 1 week en 4 dagen na de grens van 01-06-2026." in tekst


@pytest.mark.django_db
def test_the_page_names_the_benefit_situation_and_no_participant(rclient, traject, gemeente):
    for f in plan_2026(D(2026, 6, 12)):
        TrajectFaseFactory(traject=traject, soort=f.soort, start=f.start, eind=f.eind)
    mensen = [
        DeelnameFactory(traject=traject, status=S.OPLEIDING, deelnemer__uitkering_type=UitkeringType.BIJSTAND),
        DeelnameFactory(traject=traject, status=S.GEPARKEERD, deelnemer__uitkering_type=UitkeringType.WW),
        DeelnameFactory(traject=traject, status=S.GESELECTEERD),  # no benefit
        DeelnameFactory(traject=traject, status=S.AFGEWEZEN, deelnemer__uitkering_type=UitkeringType.BIJSTAND),
    ]
    url = reverse("trajecten:planningshulp", args=[traject.pk])
    html = rclient.get(url, {"start": "2026-01-05"}).content.decode()
    # No count of who has a benefit: the regisseur does not read benefits, and a small count
    # would tell them of people they know by name.
    assert "Deze termijn geldt voor deelnemers met een uitkering" in html and "Nu in dit traject" not in html
    assert "Deze termijn is de landelijke standaard." in html
    assert not any(d.deelnemer.achternaam in html for d in mensen)
    Termijnregels.objects.create(gemeente=gemeente, traject_maanden=4)  # the regie's own rules: it fits
    html = rclient.get(url, {"start": "2026-01-05"}).content.decode()
    assert "Nu in dit traject" not in html and "een traject hoogstens 4 maanden" in html
    Termijnregels.objects.filter(gemeente=gemeente).update(traject_maanden=2)
    html = rclient.get(url, {"start": "2026-01-05"}).content.decode()
    assert "Deze termijn is een eigen regel van Testgemeente, niet de landelijke standaard." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dag",
    [
        dt.datetime(2027, 1, 4, 10, 0),  # winter
        dt.datetime(2027, 6, 9, 10, 0),  # early summer: the glass training runs into this year's bouwvak
        dt.datetime(2027, 7, 28, 10, 0),  # in the bouwvak
        dt.datetime(2027, 9, 2, 10, 0),  # just after the bouwvak: the plan looks back a year
    ],
)
def test_the_demo_plans_fit_the_national_time_on_benefit(dag):
    with time_machine.travel(timezone.make_aware(dag), tick=False):
        call_command("demo_data")
        vandaag = timezone.localdate()
        for naam in (INSTALLATIE_NAAM, GLAS_NAAM):
            traject = Traject.objects.get(naam=naam)
            fases = {f.soort: f for f in traject.fases.all()}
            assert fases[F.PROEFPLAATSING].eind <= termijn_einde(fases[F.VOORTRAJECT].start, 3), naam
            hulp = planningshulp(traject, doelstart=None, start=None, vandaag=vandaag)
            assert hulp["regels"].gemeente_id is None and hulp["regels"].traject_maanden == 3
            assert uitkering_conflicten(hulp["terug"]) == [] and uitkering_conflicten(hulp["vooruit"]) == [], naam
