"""The demo's signals: what each demo login sees right after loading, on any day; the bouwvak
periods and provinces the demo enters; loading and scanning again changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from leerwerk.datums import BouwvakKalender, termijn_einde
from leerwerk.demo import demo_email
from leerwerk.models import BouwvakPeriode, Organisatie, OrganisatieType, Rol, User
from leerwerk.regios import BouwvakRegio
from signalen import demo as signalen_demo
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from signalen.scan import scan
from signalen.selectors import signalen_actueel_for
from trajecten.constants import DeelnameStatus
from trajecten.models import DeelnameStap
from werkgevers.constants import PlaatsingSoort, PlaatsingStatus
from werkgevers.models import Plaatsing

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(weeks=1)


def _laden(dag: dt.date):
    """Load the demo with the clock at 10:00 on `dag`."""
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(dag, dt.time(10, 0))), tick=False):
        call_command("demo_data")


def _van(user, regel) -> list[Signaal]:
    return [s for s in signalen_actueel_for(user) if s.regel == regel]


def _login(rol) -> User:
    return User.objects.get(email=demo_email(rol))


@pytest.mark.parametrize(
    "dag",
    [
        dt.date(2026, 11, 23),  # autumn: the next bouwvak is next summer
        dt.date(2027, 6, 9),  # early summer: the training ends after this year's bouwvak
        dt.date(2027, 7, 28),  # in the bouwvak
        dt.date(2028, 2, 29),  # leap day
    ],
)
def test_the_demo_logins_see_their_signals_at_once(dag):
    _laden(dag)
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(dag, dt.time(12, 0))), tick=False):
        klantmanager, regisseur = _login(Rol.KLANTMANAGER), _login(Rol.REGISSEUR)

        # The klantmanager: a trial placement with benefit, a week from the end of its term.
        [proef] = _van(klantmanager, Regel.PROEFPLAATSING_TERMIJN)
        assert proef.deadline == dag + WEEK
        assert proef.deelname.deelnemer.naam == "Rami Darwish"
        assert proef.ernst == Ernst.WAARSCHUWING and proef.status == SignaalStatus.OPEN
        plaatsing = Plaatsing.objects.get(pk=proef.object_id)
        assert plaatsing.status == PlaatsingStatus.GESTART and plaatsing.soort == PlaatsingSoort.PROEFPLAATSING
        assert termijn_einde(plaatsing.start, 2) == dag + WEEK == plaatsing.gepland_einde
        assert proef.link == f"/kandidaten/{plaatsing.deelname.deelnemer_id}/"

        # The regisseur: a placement planned to start in its employer's bouwvak, with a better date.
        [bouwvak_signaal] = _van(regisseur, Regel.BOUWVAK_START)
        plaatsing = Plaatsing.objects.select_related("leerwerkplek__locatie", "deelname__deelnemer").get(
            pk=bouwvak_signaal.object_id
        )
        assert plaatsing.deelname.deelnemer.naam == "Kevin van den Akker"
        assert plaatsing.status == PlaatsingStatus.VOORGESTELD and plaatsing.start > dag
        assert plaatsing.leerwerkplek.locatie.bouwvak_regio == BouwvakRegio.ZUID
        bouwvak = BouwvakKalender().op(BouwvakRegio.ZUID, plaatsing.start)
        assert bouwvak is not None and plaatsing.start == bouwvak.start
        assert bouwvak_signaal.suggestie == bouwvak.eerste_werkdag_na
        assert bouwvak_signaal.suggestie.weekday() == 0  # the Monday after the bouwvak
        assert bouwvak_signaal.deadline == plaatsing.start

        # The regisseur: a participant selected five weeks ago and not started.
        [wacht] = _van(regisseur, Regel.WACHTTIJD)
        assert wacht.deelname.deelnemer.naam == "Omar Nuur"
        assert wacht.deelname.status == DeelnameStatus.GESELECTEERD
        geselecteerd = DeelnameStap.objects.get(deelname=wacht.deelname, naar_status=DeelnameStatus.GESELECTEERD)
        assert 35 <= (dag - geselecteerd.ingangsdatum).days <= 38  # five weeks (a working day)
        assert wacht.deadline == geselecteerd.ingangsdatum + 4 * WEEK < dag
        assert wacht.ernst == Ernst.URGENT

        # The regisseur: the first aftercare contact after a placement a month ago minus a few days
        # (and Mustafa's, at work for about six months: begeleiding.demo).
        [nazorg] = [s for s in _van(regisseur, Regel.NAZORG) if s.deelname.deelnemer.voornaam != "Mustafa"]
        assert nazorg.deelname.deelnemer.naam == "Yonas Tesfay"
        assert nazorg.deelname.status == DeelnameStatus.GEPLAATST
        geplaatst = DeelnameStap.objects.get(deelname=nazorg.deelname, naar_status=DeelnameStatus.GEPLAATST)
        assert 21 <= (dag - geplaatst.ingangsdatum).days < 31
        assert dag < nazorg.deadline <= dag + 14 * dt.timedelta(days=1)  # due, not overdue

        # Messages go into e-mail and the calendar feed: no names of people.
        for signaal in Signaal.objects.select_related("deelname__deelnemer").exclude(deelname=None):
            deelnemer = signaal.deelname.deelnemer
            assert deelnemer.voornaam not in signaal.bericht and deelnemer.achternaam not in signaal.bericht
        # Every bouwvak year a rule or the calendar needs is there: the beheerder has nothing to enter.
        assert not Signaal.objects.filter(regel=Regel.BOUWVAK_ONTBREEKT).exists()


def test_a_day_that_ends_no_two_month_term_gets_the_nearest_one():
    assert signalen_demo.start_voor_termijneinde(dt.date(2026, 12, 1), 2) == dt.date(2026, 10, 2)
    assert signalen_demo.start_voor_termijneinde(dt.date(2024, 2, 28), 2) == dt.date(2023, 12, 29)  # leap year
    # 29 April ends no period of two months in a common year (it would start on 30 February): 30 April instead.
    start = signalen_demo.start_voor_termijneinde(dt.date(2027, 4, 29), 2)
    assert abs((termijn_einde(start, 2) - dt.date(2027, 4, 29)).days) == 1


def test_bouwvak_periods_as_demo_data_next_to_the_real_ones_and_provinces_where_empty():
    regio = Organisatie.objects.create(naam="Noordoost-Brabant", type=OrganisatieType.ARBEIDSMARKTREGIO)
    oss = Organisatie.objects.create(naam="Oss", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=regio,
                                     provincie="gelderland")  # fmt: skip
    entered = BouwvakPeriode.objects.create(
        regio="midden", jaar=2027, start=dt.date(2027, 7, 19), eind=dt.date(2027, 8, 6), bron="Bouwend Nederland"
    )
    _laden(dt.date(2027, 3, 15))
    perioden = {(p.regio, p.jaar): p for p in BouwvakPeriode.objects.all()}
    assert {j for _, j in perioden} >= {2023, 2024, 2026, 2027, 2028}
    for jaar in (2026, 2027, 2028):
        for regio_naam in ("zuid", "midden", "noord"):
            assert (regio_naam, jaar) in perioden
    zuid = perioden[("zuid", 2027)]
    assert (zuid.start, zuid.eind, zuid.is_demo) == (dt.date(2027, 7, 26), dt.date(2027, 8, 13), True)
    assert zuid.bron == signalen_demo.BRON and "geen officiële data" in zuid.bron
    assert perioden[("noord", 2027)].start == dt.date(2027, 8, 9)  # week 32
    assert perioden[("midden", 2027)] == entered and not perioden[("midden", 2027)].is_demo  # left alone
    entered.refresh_from_db()
    assert (entered.start, entered.eind) == (dt.date(2027, 7, 19), dt.date(2027, 8, 6))
    assert not perioden[("zuid", 2024)].is_demo  # seeded from the domain reference
    assert perioden[("zuid", 2024)].start == dt.date(2024, 7, 22)

    gemeenten = {g.naam: g for g in Organisatie.objects.filter(type=OrganisatieType.GEMEENTE)}
    assert gemeenten["'s-Hertogenbosch"].provincie == "noord_brabant"
    assert gemeenten["'s-Hertogenbosch"].bouwvak_regio == BouwvakRegio.ZUID
    assert gemeenten["Meierijstad"].provincie == "noord_brabant"
    assert gemeenten["Oss"] == oss and gemeenten["Oss"].provincie == "gelderland"  # not overwritten


def test_loading_and_scanning_again_adds_no_signals_and_changes_none():
    dag = dt.date(2026, 11, 23)
    _laden(dag)
    velden = ("regel", "object_type", "object_id", "deadline", "ernst", "status", "bericht", "suggestie")
    voor = sorted(Signaal.objects.values_list(*velden))
    assert len(voor) >= 4 and BouwvakPeriode.objects.filter(is_demo=True).count() == 9
    _laden(dag)
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(dag, dt.time(23, 0))), tick=False):
        resultaat = scan(vandaag=dag)
        scan(vandaag=dag)
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.gesloten) == (0, 0, 0)
    assert sorted(Signaal.objects.values_list(*velden)) == voor
    assert BouwvakPeriode.objects.filter(is_demo=True).count() == 9
