"""The results use the retention checks (issue 16): a recorded check decides "duurzaam" and says
so; without one the figure is inferred from the placements and shown as such; a check recorded
early counts from its own day. And the employers' questions feed the results: the median time
to an answer, per trajectory."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from begeleiding import services
from begeleiding.constants import Werkvorm
from leerwerk.models import Rol
from resultaten import selectors
from resultaten.definities import tel, verlopen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
D = dt.date
START = D(2026, 1, 15)
ZES = D(2026, 7, 15)
PEIL = D(2026, 12, 1)


def _om(dag: dt.date, uur: int = 12, minuut: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut)))


def _check(coach, deelname, *, datum, in_werk):
    with time_machine.travel(_om(datum), tick=False):
        return services.behoudcheck_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, maanden=6, datum=datum, in_werk=in_werk,
            werkgever=coach.world.werkgever if in_werk else None, werkvorm=Werkvorm.BEPAALDE_TIJD if in_werk else "",
        )  # fmt: skip


@pytest.fixture
def twee(coach):
    """Two participants in work since START on a year's contract: the placements say both still
    worked on the day six months on. For the first, the jobcoach recorded that they did not."""
    gecheckt, _p = coach.aan_het_werk(start=START)
    afgeleid, _p = coach.aan_het_werk(start=START)
    _check(coach, gecheckt, datum=ZES, in_werk=False)
    return gecheckt, afgeleid


def test_a_recorded_check_decides_and_says_so(coach, twee):
    gecheckt, afgeleid = twee
    per = {v.deelname_id: v for v in verlopen([coach.world.traject.pk], peildatum=PEIL)}
    # The check says "not in work" where the placement says in work: not durable, and checked.
    assert (per[gecheckt.pk].duurzaam_6, per[gecheckt.pk].gecheckt_6) == (False, True)
    # No check: the placements, as before, and marked as inferred.
    assert (per[afgeleid.pk].duurzaam_6, per[afgeleid.pk].gecheckt_6) == (True, False)
    assert per[gecheckt.pk].duurzaam_12 is None and not per[gecheckt.pk].gecheckt_12  # not yet
    u = tel(per.values())[coach.world.traject.pk]
    assert (u.duurzaam_6, u.gemeten_6, u.gecheckt_6, u.gecheckt_12) == (1, 2, 1, 0)


def test_a_check_recorded_early_counts_from_its_day(coach):
    deelname, _p = coach.aan_het_werk(start=START)
    _check(coach, deelname, datum=ZES - dt.timedelta(days=30), in_werk=False)

    def op(dag):
        [v] = verlopen([coach.world.traject.pk], peildatum=dag)
        return v.duurzaam_6, v.gecheckt_6

    assert op(ZES - dt.timedelta(days=1)) == (None, False)  # the day has not come: unknown, as before
    assert op(ZES) == (False, True)
    assert op(PEIL) == (False, True)


def test_the_page_and_the_exports_show_what_was_checked_and_what_inferred(client, coach, twee):
    regisseur = coach.world.regisseur
    [rij], _k = selectors.overzicht(regisseur, Rol.REGISSEUR)
    d = rij.duurzaam_6
    assert (d.duurzaam.waarde, d.gemeten.waarde, d.gecheckt.waarde) == (1, 2, 1)
    assert d.herkomst == "1 van de 2 gemeten met een check; de rest afgeleid uit de plaatsingen"
    client.force_login(regisseur)
    sectie = client.get(reverse("resultaten:regie_overzicht")).content.decode()
    assert "1 van 2 die lang genoeg werken" in sectie
    assert "1 van de 2 gemeten met een check; de rest afgeleid uit de plaatsingen" in sectie
    pagina = client.get(reverse("resultaten:regie")).content.decode()
    assert "Is voor dat moment een check (nog aan het werk?) vastgelegd, dan telt die check" in pagina
    tekst = client.get(reverse("resultaten:regie_export", args=["csv"])).content.decode("utf-8-sig")
    regels = [r for r in csv.reader(io.StringIO(tekst), delimiter=";") if r]
    kop = next(r for r in regels if r[0] == "Traject")
    waarden = dict(zip(kop, next(r for r in regels if r[0] == coach.world.traject.naam), strict=True))
    assert (waarden["Duurzaam na 6 maanden"], waarden["Gemeten na 6 maanden"]) == ("1", "2")
    assert waarden["Waarvan gemeten met een check na 6 maanden (de rest afgeleid uit de plaatsingen)"] == "1"
    assert waarden["Waarvan gemeten met een check na 12 maanden (de rest afgeleid uit de plaatsingen)"] == "0"


def test_without_any_check_the_figure_is_inferred(coach):
    coach.aan_het_werk(start=START)
    [rij], _k = selectors.overzicht(coach.world.regisseur, Rol.REGISSEUR)
    assert rij.duurzaam_6.herkomst == "afgeleid uit de plaatsingen: geen check vastgelegd"
    assert rij.duurzaam_12.herkomst == ""  # nothing measured yet


def test_the_checked_count_is_suppressed_for_the_wethouder_like_the_others():
    klein = selectors._duurzaam(10, 10, 5, gecheckt=2)  # 2 checked, 8 inferred: "< 5" and its complement
    assert (klein.duurzaam.waarde, klein.gemeten.waarde, str(klein.gecheckt)) == (10, 10, "< 5")
    assert klein.herkomst.startswith("deels gemeten met een check, deels afgeleid uit de plaatsingen")
    aanvullend = selectors._duurzaam(10, 10, 5, gecheckt=7)  # 3 inferred would give the 7 away
    assert str(aanvullend.gecheckt) == "×" and aanvullend.gemeten.waarde == 10
    assert selectors._duurzaam(8, 10, 5, gecheckt=5).herkomst == (
        "5 van de 10 gemeten met een check; de rest afgeleid uit de plaatsingen"
    )
    assert selectors._duurzaam(10, 10, 5, gecheckt=10).herkomst == "allemaal gemeten met een check"
    geen = selectors._duurzaam(1, 3, 5, gecheckt=3)  # too few measured: nothing shown
    assert (str(geen.gemeten), str(geen.gecheckt), geen.herkomst) == ("< 5", "< 5", "")
    assert selectors._duurzaam(1, 3, None, gecheckt=2).gecheckt.waarde == 2  # the regisseur: exact


# --- The time to answer an employer's question -----------------------------------------------------


def _vraag_en_antwoord(coach, plaatsing, gesteld: dt.datetime, na: dt.timedelta | None):
    with time_machine.travel(gesteld, tick=False):
        vraag = services.vraag_stellen(acting_user=coach.world.werkgever_user, plaatsing=plaatsing, vraag="Vraag?")
    if na is not None:
        with time_machine.travel(gesteld + na, tick=False):
            services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vraag, antwoord="Antwoord.")
    return vraag


def test_the_median_time_to_answer_per_trajectory(client, coach):
    _d, plaatsing = coach.aan_het_werk()
    maandag = _om(D(2026, 11, 30), 9)
    for na in (dt.timedelta(hours=2), dt.timedelta(hours=5, minutes=15), dt.timedelta(hours=30), None):
        _vraag_en_antwoord(coach, plaatsing, maandag, na)  # the unanswered one does not count
    regisseur = coach.world.regisseur
    [rij], _k = selectors.overzicht(regisseur, Rol.REGISSEUR)
    assert (rij.vragen_beantwoord, rij.mediaan_antwoord_uren) == (3, Decimal("5.3"))
    client.force_login(regisseur)
    sectie = client.get(reverse("resultaten:regie_overzicht")).content.decode()
    assert "5,3 uur van vraag tot antwoord (mediaan van 3 beantwoorde vragen)" in sectie
    tekst = client.get(reverse("resultaten:regie_export", args=["csv"])).content.decode("utf-8-sig")
    regels = [r for r in csv.reader(io.StringIO(tekst), delimiter=";") if r]
    kop = next(r for r in regels if r[0] == "Traject")
    waarden = dict(zip(kop, next(r for r in regels if r[0] == coach.world.traject.naam), strict=True))
    assert (waarden["Vragen van werkgevers beantwoord"], waarden["Van vraag tot antwoord (mediaan, uren)"]) == (
        "3",
        "5,3",
    )
    # The wethouder: a median of fewer than k answers is not shown (as the other medians).
    wethouder = UserFactory(organisatie=coach.world.traject.regie_organisatie, rollen=[Rol.WETHOUDER])
    [rij], k = selectors.overzicht(wethouder, Rol.WETHOUDER)
    assert k == 5 and (rij.vragen_beantwoord, rij.mediaan_antwoord_uren) == (3, None)
    client.force_login(wethouder)
    sectie = client.get(reverse("resultaten:wethouder_overzicht")).content.decode()
    assert "3 vragen beantwoord; de mediaan van minder dan 5 antwoorden tonen we niet" in sectie


def test_no_answered_question(coach):
    _d, plaatsing = coach.aan_het_werk()
    _vraag_en_antwoord(coach, plaatsing, _om(D(2026, 11, 30), 9), None)
    [rij], _k = selectors.overzicht(coach.world.regisseur, Rol.REGISSEUR)
    assert (rij.vragen_beantwoord, rij.mediaan_antwoord_uren) == (0, None)
