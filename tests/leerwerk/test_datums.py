"""The dates module: months, working days with Dutch public holidays, and the bouwvak calendar."""

import datetime as dt

import pytest

from leerwerk.datums import (
    Bouwvak,
    BouwvakKalender,
    BouwvakOntbreekt,
    feestdagen,
    is_werkdag,
    plus_maanden,
    plus_werkdagen,
    termijn_einde,
    werkdag_tot,
    werkdag_vanaf,
    werkdagen_tussen,
)

D = dt.date

# --- Months -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "maanden", "verwacht"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year: the month's last day
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 1, 15), 2, D(2026, 3, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # over the year boundary
        (D(2026, 3, 31), -1, D(2026, 2, 28)),  # negative months
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2026, 1, 15), -2, D(2025, 11, 15)),
        (D(2026, 1, 31), -13, D(2024, 12, 31)),
        (D(2026, 5, 20), 0, D(2026, 5, 20)),
    ],
)
def test_plus_maanden_keeps_the_day_or_takes_the_months_last_day(dag, maanden, verwacht):
    assert plus_maanden(dag, maanden) == verwacht


@pytest.mark.parametrize(
    ("start", "maanden", "laatste_dag"),
    [
        (D(2026, 1, 15), 2, D(2026, 3, 14)),
        (D(2026, 1, 1), 3, D(2026, 3, 31)),
        (D(2024, 2, 1), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 2, 1), 1, D(2023, 2, 28)),
        (D(2024, 1, 29), 1, D(2024, 2, 28)),
        (D(2023, 3, 1), 12, D(2024, 2, 29)),
        (D(2026, 12, 10), 2, D(2027, 2, 9)),
        # No such date in the last month: the period ends on that month's last day.
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 30), 1, D(2024, 2, 29)),
        (D(2023, 12, 30), 2, D(2024, 2, 29)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
    ],
)
def test_termijn_einde_is_the_last_day_of_the_period(start, maanden, laatste_dag):
    assert termijn_einde(start, maanden) == laatste_dag


# --- Public holidays and working days ----------------------------------------------------------


def test_feestdagen_have_dutch_names():
    assert feestdagen(D(2026, 4, 1), D(2026, 4, 30)) == [
        (D(2026, 4, 3), "Goede vrijdag"),
        (D(2026, 4, 5), "Eerste paasdag"),
        (D(2026, 4, 6), "Tweede paasdag"),
        (D(2026, 4, 27), "Koningsdag"),
    ]
    assert feestdagen(D(2026, 12, 20), D(2027, 1, 5)) == [
        (D(2026, 12, 25), "Eerste kerstdag"),
        (D(2026, 12, 26), "Tweede kerstdag"),
        (D(2027, 1, 1), "Nieuwjaarsdag"),
    ]
    # King's Day on a Sunday moves to the Saturday before.
    assert feestdagen(D(2025, 4, 25), D(2025, 4, 28)) == [(D(2025, 4, 26), "Koningsdag")]
    assert feestdagen(D(2026, 6, 1), D(2026, 6, 30)) == []


@pytest.mark.parametrize(
    ("dag", "werkdag"),
    [
        (D(2026, 4, 2), True),  # Thursday before Easter
        (D(2026, 4, 6), False),  # Tweede paasdag
        (D(2026, 4, 7), True),
        (D(2026, 4, 27), False),  # Koningsdag (a Monday)
        (D(2026, 4, 28), True),
        (D(2026, 12, 24), True),
        (D(2026, 12, 25), False),  # Eerste kerstdag (a Friday)
        (D(2026, 12, 28), True),
        (D(2026, 3, 7), False),  # Saturday
        (D(2026, 3, 8), False),  # Sunday
    ],
)
def test_is_werkdag(dag, werkdag):
    assert is_werkdag(dag) is werkdag


def test_werkdag_vanaf_and_tot_step_over_weekend_and_holidays():
    assert werkdag_vanaf(D(2026, 4, 25)) == D(2026, 4, 28)  # Saturday, Sunday, Koningsdag
    assert werkdag_tot(D(2026, 4, 27)) == D(2026, 4, 24)
    assert werkdag_vanaf(D(2026, 12, 25)) == D(2026, 12, 28)
    assert werkdag_tot(D(2026, 12, 27)) == D(2026, 12, 24)
    assert werkdag_vanaf(D(2026, 3, 9)) == werkdag_tot(D(2026, 3, 9)) == D(2026, 3, 9)  # a working day itself


@pytest.mark.parametrize(
    ("dag", "aantal", "verwacht"),
    [
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday + 1: Monday
        (D(2026, 3, 9), -1, D(2026, 3, 6)),  # Monday - 1: Friday
        (D(2026, 3, 2), 10, D(2026, 3, 16)),  # two weeks
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # over Goede vrijdag, Easter and Tweede paasdag
        (D(2026, 4, 2), 2, D(2026, 4, 8)),
        (D(2026, 4, 7), -1, D(2026, 4, 2)),
        (D(2026, 12, 24), 1, D(2026, 12, 28)),  # over Christmas and a weekend
        (D(2026, 12, 28), -1, D(2026, 12, 24)),
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # over Nieuwjaarsdag and a weekend
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # from a Saturday
        (D(2026, 3, 7), -1, D(2026, 3, 6)),
        (D(2026, 3, 7), 0, D(2026, 3, 7)),
    ],
)
def test_plus_werkdagen(dag, aantal, verwacht):
    assert plus_werkdagen(dag, aantal) == verwacht


@pytest.mark.parametrize(
    ("start", "eind", "aantal"),
    [
        (D(2026, 3, 2), D(2026, 3, 13), 10),
        (D(2026, 3, 30), D(2026, 4, 10), 8),  # Goede vrijdag and Tweede paasdag
        (D(2026, 12, 21), D(2027, 1, 3), 8),  # Christmas and New Year
        (D(2026, 3, 9), D(2026, 3, 9), 1),
        (D(2026, 3, 7), D(2026, 3, 8), 0),  # a weekend
        (D(2026, 3, 13), D(2026, 3, 9), 0),  # end before start
    ],
)
def test_werkdagen_tussen_counts_both_ends(start, eind, aantal):
    assert werkdagen_tussen(start, eind) == aantal


# --- Bouwvak ------------------------------------------------------------------------------------

ZUID_2024 = Bouwvak("zuid", 2024, D(2024, 7, 22), D(2024, 8, 9))


def test_bouwvak_contains_and_overlaps_at_its_edges():
    assert not ZUID_2024.bevat(D(2024, 7, 21))
    assert ZUID_2024.bevat(D(2024, 7, 22)) and ZUID_2024.bevat(D(2024, 8, 9))
    assert not ZUID_2024.bevat(D(2024, 8, 10))
    assert ZUID_2024.overlapt(D(2024, 6, 1), D(2024, 7, 22))
    assert not ZUID_2024.overlapt(D(2024, 6, 1), D(2024, 7, 21))
    assert ZUID_2024.overlapt(D(2024, 8, 9), D(2024, 9, 1))
    assert not ZUID_2024.overlapt(D(2024, 8, 10), D(2024, 9, 1))


def test_first_working_day_after_and_last_before_the_bouwvak():
    assert ZUID_2024.eerste_werkdag_na == D(2024, 8, 12)  # Monday after a Friday end
    assert ZUID_2024.laatste_werkdag_voor == D(2024, 7, 19)  # Friday before a Monday start
    # Ending on a Thursday: the Friday after; starting on a Tuesday: the Monday before.
    anders = Bouwvak("noord", 2030, D(2030, 7, 23), D(2030, 8, 8))
    assert anders.eerste_werkdag_na == D(2030, 8, 9)
    assert anders.laatste_werkdag_voor == D(2030, 7, 22)


def test_laatste_start_voor_finishes_on_the_last_working_day_before():
    assert ZUID_2024.laatste_start_voor(dt.timedelta(days=0)) == D(2024, 7, 19)
    assert ZUID_2024.laatste_start_voor(dt.timedelta(days=28)) == D(2024, 6, 21)
    start = ZUID_2024.laatste_start_voor(dt.timedelta(days=60))  # 20 May, a Monday: Whit Monday
    assert start == D(2024, 5, 17) and is_werkdag(start)  # so the Friday before
    assert start + dt.timedelta(days=60) < ZUID_2024.laatste_werkdag_voor
    assert not ZUID_2024.overlapt(start, start + dt.timedelta(days=60))


@pytest.mark.django_db
def test_kalender_loads_every_period_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        kalender = BouwvakKalender()
        # The seeded years (migration leerwerk 0003), looked up without further queries.
        assert kalender.get("zuid", 2024) == ZUID_2024
        assert kalender.get("noord", 2023) == Bouwvak("noord", 2023, D(2023, 8, 7), D(2023, 8, 25))
        assert kalender.get("midden", 2024) == Bouwvak("midden", 2024, D(2024, 7, 29), D(2024, 8, 16))
        assert kalender.heeft("zuid", 2023)
    assert kalender.ontbrekend == set()


@pytest.mark.django_db
def test_a_missing_year_raises_and_is_recorded():
    kalender = BouwvakKalender()
    assert not kalender.heeft("zuid", 2031)
    assert kalender.ontbrekend == set()  # asking `heeft` is not a miss
    with pytest.raises(BouwvakOntbreekt) as exc:
        kalender.get("zuid", 2031)
    assert (exc.value.regio, exc.value.jaar) == ("zuid", 2031)
    with pytest.raises(BouwvakOntbreekt):
        kalender.op("midden", D(2032, 7, 30))
    assert kalender.ontbrekend == {("zuid", 2031), ("midden", 2032)}


def _kalender():
    return BouwvakKalender(
        perioden=[
            ("zuid", 2023, D(2023, 7, 31), D(2023, 8, 18)),
            ("zuid", 2024, D(2024, 7, 22), D(2024, 8, 9)),
        ]
    )


def test_op_gives_the_bouwvak_containing_a_day():
    kalender = _kalender()
    assert kalender.op("zuid", D(2024, 7, 22)) == ZUID_2024
    assert kalender.op("zuid", D(2024, 7, 21)) is None


def test_eerstvolgende_is_this_years_until_it_ends_then_next_years():
    kalender = _kalender()
    assert kalender.eerstvolgende("zuid", D(2023, 3, 1)).jaar == 2023
    assert kalender.eerstvolgende("zuid", D(2023, 8, 18)).jaar == 2023  # its last day
    assert kalender.eerstvolgende("zuid", D(2023, 8, 19)) == ZUID_2024
    with pytest.raises(BouwvakOntbreekt):
        kalender.eerstvolgende("zuid", D(2024, 8, 10))  # 2025 has not been entered
    assert kalender.ontbrekend == {("zuid", 2025)}


def test_overlappend_over_a_year_boundary():
    kalender = _kalender()
    assert [b.jaar for b in kalender.overlappend("zuid", D(2023, 8, 1), D(2024, 7, 22))] == [2023, 2024]
    assert [b.jaar for b in kalender.overlappend("zuid", D(2023, 8, 19), D(2024, 7, 21))] == []
    assert [b.jaar for b in kalender.overlappend("zuid", D(2023, 12, 1), D(2024, 8, 1))] == [2024]
    with pytest.raises(BouwvakOntbreekt):
        kalender.overlappend("zuid", D(2024, 12, 1), D(2025, 3, 1))
    assert kalender.ontbrekend == {("zuid", 2025)}
