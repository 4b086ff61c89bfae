"""A missing bouwvak year: no guessed dates, a signal for the beheerder instead. Also: the rules of
this group run twice give the same rows, and their queries do not grow with the number of objects."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opleiders.models import Certificaat
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from signalen.regels import ScanContext, bouwvak, certificaten, ontbrekend
from signalen.scan import scan
from signalen.selectors import signalen_actueel_for
from tests.factories import LeerwerkplekFactory, TrajectFactory, TrajectFaseFactory
from tests.signalen.conftest import scan_op, van_regel
from trajecten import constants as tc
from werkgevers import constants as wc

D = dt.date


def _alle_regios(wereld, jaar):
    wereld.bouwvak("noord", jaar, D(jaar, 8, 3), D(jaar, 8, 21))
    wereld.bouwvak("midden", jaar, D(jaar, 7, 27), D(jaar, 8, 14))
    wereld.bouwvak("zuid", jaar, D(jaar, 7, 20), D(jaar, 8, 7))


def _ontbrekend(signalen):
    return sorted(s.object_id for s in van_regel(signalen, Regel.BOUWVAK_ONTBREEKT))


def test_a_missing_year_gives_no_placement_signal_but_one_for_the_beheerder(wereld):
    _alle_regios(wereld, 2026)
    plaatsing = wereld.plaatsing(wereld.deelname(), start=D(2027, 7, 21), status=wc.PlaatsingStatus.VOORGESTELD)
    signalen = scan_op(D(2026, 6, 1))
    assert van_regel(signalen, Regel.BOUWVAK_START) == []
    assert _ontbrekend(signalen) == ["zuid-2027"]  # asked for by the rule; 2026 is there
    [signaal] = van_regel(signalen, Regel.BOUWVAK_ONTBREEKT)
    assert (signaal.deadline, signaal.ernst, signaal.rol) == (D(2027, 1, 1), Ernst.WAARSCHUWING, "beheerder")
    assert (signaal.verantwoordelijke, signaal.organisatie, signaal.traject, signaal.deelname) == (None,) * 4
    assert signaal.link == reverse("admin:leerwerk_bouwvakperiode_add")
    assert signaal.bericht == (
        "De bouwvak van regio Zuid in 2027 is nog niet ingevoerd; zonder deze data kan de planning niet tegen "
        "de bouwvak worden gecontroleerd."
    )
    assert list(signalen_actueel_for(wereld.beheerder, D(2026, 6, 1))) == [signaal]
    assert not signalen_actueel_for(wereld.regisseur, D(2026, 6, 1)).filter(regel=Regel.BOUWVAK_ONTBREEKT).exists()
    assert not signalen_actueel_for(wereld.klantmanager, D(2026, 6, 1)).filter(pk=signaal.pk).exists()

    # The beheerder enters the year: the next scan closes the request and finds the conflict.
    wereld.bouwvak("zuid", 2027, D(2027, 7, 19), D(2027, 8, 6))
    signalen = scan_op(D(2026, 6, 1))
    assert _ontbrekend(signalen) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN
    [conflict] = van_regel(signalen, Regel.BOUWVAK_START)
    assert (conflict.object_id, conflict.suggestie) == (str(plaatsing.pk), D(2027, 8, 9))


def test_this_years_bouwvak_is_always_needed_and_next_years_from_september(wereld):
    _alle_regios(wereld, 2026)
    assert _ontbrekend(scan_op(D(2026, 8, 31))) == []
    signalen = scan_op(D(2026, 9, 1))
    assert _ontbrekend(signalen) == ["midden-2027", "noord-2027", "zuid-2027"]
    assert {s.ernst for s in van_regel(signalen, Regel.BOUWVAK_ONTBREEKT)} == {Ernst.WAARSCHUWING}
    # In the new year the missing year is this year's: urgent.
    signalen = scan_op(D(2027, 1, 4))
    assert _ontbrekend(signalen) == ["midden-2027", "noord-2027", "zuid-2027"]
    assert {s.ernst for s in van_regel(signalen, Regel.BOUWVAK_ONTBREEKT)} == {Ernst.URGENT}


def test_a_phase_needing_a_missing_year_asks_for_it(wereld):
    _alle_regios(wereld, 2026)
    TrajectFaseFactory(traject=wereld.traject, soort=tc.FaseSoort.OPLEIDING, start=D(2026, 10, 1), eind=D(2028, 3, 1))
    # The phase runs through the summers of 2027 and 2028: both years are asked for (later
    # years: a warning), and nothing is guessed.
    signalen = scan_op(D(2026, 6, 1))
    assert _ontbrekend(signalen) == ["zuid-2027", "zuid-2028"]
    assert {s.ernst for s in van_regel(signalen, Regel.BOUWVAK_ONTBREEKT)} == {Ernst.WAARSCHUWING}
    assert van_regel(signalen, Regel.BOUWVAK_FASE) == []


def test_a_scan_of_some_trajectories_neither_reports_nor_closes_missing_years(wereld):
    assert _ontbrekend(scan_op(D(2026, 6, 1))) == ["midden-2026", "noord-2026", "zuid-2026"]
    _alle_regios(wereld, 2026)
    signalen = scan_op(D(2026, 6, 1), traject_ids=[wereld.traject.pk])
    assert _ontbrekend(signalen) == ["midden-2026", "noord-2026", "zuid-2026"]  # still open
    assert _ontbrekend(scan_op(D(2026, 6, 1))) == []
    assert list(ontbrekend.bouwvak_ontbreekt(ScanContext(vandaag=D(2030, 1, 1), traject_ids=[]))) == []


# --- The group's rules: twice the same, and set-based ------------------------------------------


def _elk_een(wereld, i):
    """One object for each rule of this group (bouwvak_start, winterstart, bouwvak_fase (a),
    certificaat, toezegging), all due in 2026 and seen on 1 June 2026."""
    wereld.plaatsing(wereld.deelname(), start=D(2026, 7, 20) + dt.timedelta(days=i % 5),
                     status=wc.PlaatsingStatus.VOORGESTELD)  # fmt: skip
    wereld.plaatsing(wereld.deelname(), start=D(2026, 12, 1), status=wc.PlaatsingStatus.VOORGESTELD)
    traject = TrajectFactory(
        regie_organisatie=wereld.gemeente, regisseur=wereld.regisseur, gemeenten=[wereld.gemeente],
        status=tc.TrajectStatus.LOPEND,
    )  # fmt: skip
    TrajectFaseFactory(traject=traject, soort=tc.FaseSoort.OPLEIDING, start=D(2026, 7, 1), eind=D(2026, 9, 1))
    Certificaat.objects.create(
        deelnemer=wereld.deelname().deelnemer, soort="vca_basis", behaald_op=D(2016, 6, 10), geldig_tot=D(2026, 6, 10)
    )
    LeerwerkplekFactory(
        werkgever=wereld.werkgever, traject=wereld.traject, locatie=wereld.plek.locatie,
        toezegging=wc.Toezegging.INTENTIEVERKLARING, toezegging_datum=D(2026, 1, 5),
        toezegging_geldig_tot=D(2026, 6, 5),
    )  # fmt: skip


REGELS = (
    bouwvak.bouwvak_start,
    bouwvak.bouwvak_fase,
    bouwvak.winterstart,
    certificaten.certificaat,
    certificaten.toezegging,
    ontbrekend.bouwvak_ontbreekt,
)


def _meet(vandaag):
    ctx = ScanContext(vandaag=vandaag)
    result = {}
    for regel in REGELS:
        with CaptureQueriesContext(connection) as queries:
            found = list(regel(ctx))
        result[regel.__name__] = (len(queries), len(found))
    return result


def _rijen():
    return sorted(
        Signaal.objects.values_list(
            "id", "regel", "object_type", "object_id", "deadline", "ernst", "bericht", "status", "suggestie",
            "gewijzigd_op", "traject_id",
        )
    )  # fmt: skip


def test_scanning_twice_gives_the_same_rows(wereld):
    wereld.bouwvak("zuid", 2026, D(2026, 7, 20), D(2026, 8, 7))
    _elk_een(wereld, 0)
    scan_op(D(2026, 6, 1))
    eerste = _rijen()
    assert {r[1] for r in eerste} >= {
        Regel.BOUWVAK_START, Regel.BOUWVAK_FASE, Regel.WINTERSTART, Regel.CERTIFICAAT, Regel.TOEZEGGING,
        Regel.BOUWVAK_ONTBREEKT,
    }  # fmt: skip
    resultaat = scan(vandaag=D(2026, 6, 1))
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.gesloten) == (0, 0, 0)
    assert _rijen() == eerste


@pytest.mark.parametrize("regel", [r.__name__ for r in REGELS])
def test_queries_do_not_grow_with_the_number_of_objects(wereld, regel):
    wereld.bouwvak("zuid", 2026, D(2026, 7, 20), D(2026, 8, 7))
    _elk_een(wereld, 0)
    queries_een, gevonden_een = _meet(D(2026, 6, 1))[regel]
    for i in range(1, 10):
        _elk_een(wereld, i)
    queries_tien, gevonden_tien = _meet(D(2026, 6, 1))[regel]
    assert queries_tien == queries_een <= 3
    if regel != "bouwvak_ontbreekt":
        assert (gevonden_een, gevonden_tien) == (1, 10)


def test_a_full_scan_makes_as_many_queries_for_ten_as_for_one(wereld):
    wereld.bouwvak("zuid", 2026, D(2026, 7, 20), D(2026, 8, 7))
    _elk_een(wereld, 0)
    with CaptureQueriesContext(connection) as een:
        scan(vandaag=D(2026, 6, 1))
    for i in range(1, 10):
        _elk_een(wereld, i)
    with CaptureQueriesContext(connection) as tien:
        resultaat = scan(vandaag=D(2026, 6, 1))
    assert resultaat.nieuw >= 5 * 9
    assert len(tien) == len(een)
