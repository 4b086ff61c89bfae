"""Rule 4: a placement in construction or installation planned to start in December-February (a hint)."""

import datetime as dt

import pytest
from django.urls import reverse

from signalen.constants import Ernst, Regel
from tests.signalen.conftest import scan_op, van_regel
from trajecten import constants as tc
from werkgevers import constants as wc

D = dt.date


def _plaatsing(wereld, start, status=wc.PlaatsingStatus.VOORGESTELD):
    return wereld.plaatsing(wereld.deelname(tc.DeelnameStatus.OPLEIDING), start=start, status=status)


@pytest.mark.parametrize(
    ("start", "winter"),
    [
        (D(2026, 11, 30), False),
        (D(2026, 12, 1), True),
        (D(2027, 1, 15), True),
        (D(2028, 2, 29), True),  # leap day: still winter
        (D(2028, 3, 1), False),
    ],
)
def test_winter_start_at_its_edges(wereld, start, winter):
    plaatsing = _plaatsing(wereld, start)
    signalen = van_regel(scan_op(D(2026, 10, 1)), Regel.WINTERSTART)
    if not winter:
        assert signalen == []
        return
    [signaal] = signalen
    assert (signaal.object_type, signaal.object_id, signaal.deadline) == ("plaatsing", str(plaatsing.pk), start)
    assert signaal.ernst == Ernst.HINT
    assert "maart" in signaal.bericht and wereld.werkgever.organisatie.naam in signaal.bericht
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (
        wereld.regisseur, "regisseur", wereld.gemeente,
    )  # fmt: skip
    assert (signaal.traject, signaal.deelname) == (wereld.traject, plaatsing.deelname)
    assert signaal.link == reverse("trajecten:detail", args=[wereld.traject.pk]) + "#signalen"


@pytest.mark.parametrize(
    ("sector", "hint"),
    [
        (tc.Sector.BOUW, True),
        (tc.Sector.INSTALLATIE, True),
        (tc.Sector.ENERGIE, True),
        (tc.Sector.GLAS, False),
        (tc.Sector.OVERIG, False),
    ],
)
def test_only_construction_installation_and_energy(wereld, sector, hint):
    wereld.traject.sector = sector
    wereld.traject.save()
    _plaatsing(wereld, D(2026, 12, 7))
    assert len(van_regel(scan_op(D(2026, 10, 1)), Regel.WINTERSTART)) == int(hint)


def test_only_planned_placements_that_have_not_started(wereld):
    _plaatsing(wereld, D(2026, 12, 7), status=wc.PlaatsingStatus.BEVESTIGD)
    _plaatsing(wereld, D(2026, 12, 8), status=wc.PlaatsingStatus.GESTART)
    _plaatsing(wereld, D(2026, 12, 9), status=wc.PlaatsingStatus.AFGEWEZEN)
    assert [s.deadline for s in van_regel(scan_op(D(2026, 10, 1)), Regel.WINTERSTART)] == [D(2026, 12, 7)]
    assert [s.deadline for s in van_regel(scan_op(D(2026, 12, 7)), Regel.WINTERSTART)] == [D(2026, 12, 7)]
    assert van_regel(scan_op(D(2026, 12, 8)), Regel.WINTERSTART) == []  # the start has passed
