"""Disclosure control (leerwerk.onthulling): small counts about a group hidden as "< k", a second
figure hidden wherever a sum would give a hidden one away, percentages of hidden counts hidden,
figures agreed to be exact never hidden, k set by the beheerder."""

import random
from decimal import Decimal

import pytest

from leerwerk import onthulling
from leerwerk.models import Privacyinstelling
from leerwerk.onthulling import AANVULLEND, KLEIN, Getal, Tabel


def _kruistabel(waarden: dict[str, dict[str, int]], k: int, *, kolommen_vast=False) -> tuple[Tabel, list]:
    """Rows (gemeenten) by columns (outcome classes), with row, column and grand totals."""
    tabel = Tabel(k=k)
    rijen, kolommen = list(waarden), list(next(iter(waarden.values())))
    for r in rijen:
        for kol in kolommen:
            tabel.cel((r, kol), waarden[r][kol])
        tabel.cel((r, "totaal"), sum(waarden[r].values()))
        tabel.som((r, "totaal"), [(r, kol) for kol in kolommen])
    for kol in kolommen:
        tabel.cel(("totaal", kol), sum(waarden[r][kol] for r in rijen), vast=kolommen_vast)
        tabel.som(("totaal", kol), [(r, kol) for r in rijen])
    tabel.cel(("totaal", "totaal"), sum(sum(v.values()) for v in waarden.values()), vast=True)
    tabel.som(("totaal", "totaal"), [("totaal", kol) for kol in kolommen])
    tabel.som(("totaal", "totaal"), [(r, "totaal") for r in rijen])
    return tabel, tabel._sommen


def _niets_te_berekenen(uit: dict, sommen: list) -> None:
    for totaal, delen in sommen:
        verborgen = [s for s in (totaal, *delen) if not uit[s].getoond]
        assert len(verborgen) != 1, f"{verborgen[0]} is te berekenen uit de som {totaal}"


def test_a_small_count_is_hidden_and_so_is_a_second_one_in_every_sum_it_is_in():
    tabel, sommen = _kruistabel(
        {"Oss": {"werk": 3, "uitgevallen": 6, "actief": 7}, "Uden": {"werk": 8, "uitgevallen": 5, "actief": 9}}, k=5
    )
    uit = tabel.beveilig()
    assert (str(uit[("Oss", "werk")]), uit[("Oss", "werk")].verborgen) == ("< 5", KLEIN)
    assert {s for s, g in uit.items() if g.verborgen == AANVULLEND} == {
        ("Oss", "uitgevallen"), ("Uden", "werk"), ("Uden", "uitgevallen")
    }  # fmt: skip
    assert str(uit[("Uden", "werk")]) == "×" and uit[("Uden", "actief")].waarde == 9
    assert uit[("totaal", "totaal")].waarde == 38
    _niets_te_berekenen(uit, sommen)


def test_figures_agreed_to_be_exact_are_never_hidden_and_zero_is_shown():
    tabel, sommen = _kruistabel({"Oss": {"werk": 3, "uitgevallen": 0}, "Uden": {"werk": 4, "uitgevallen": 2}}, k=5,
                                kolommen_vast=True)  # fmt: skip
    uit = tabel.beveilig()
    assert uit[("totaal", "werk")].waarde == 7 and uit[("totaal", "uitgevallen")].waarde == 2  # the classes: exact
    # the column's exact 2 and Uden's hidden 2: Oss's 0 is hidden too, or it would give Uden's away
    assert uit[("Oss", "uitgevallen")].verborgen == AANVULLEND
    assert all(not uit[(r, "werk")].getoond for r in ("Oss", "Uden"))
    _niets_te_berekenen(uit, sommen)


def test_no_small_count_and_nothing_that_gives_one_away_in_many_random_tables():
    kans = random.Random(20261206)  # noqa: S311 (test data, not a secret)
    for _ in range(300):
        k = kans.choice([3, 5, 10])
        waarden = {f"g{r}": {f"c{c}": kans.choice([0, 1, 2, 3, 4, 5, 8, 13, 40]) for c in range(kans.randint(2, 5))}
                   for r in range(kans.randint(2, 5))}  # fmt: skip
        kolommen = list(waarden["g0"])
        for rij in waarden.values():  # every row the same columns
            for kol in kolommen:
                rij.setdefault(kol, 0)
        tabel, sommen = _kruistabel(waarden, k=k)
        uit = tabel.beveilig()
        for sleutel, getal in uit.items():
            if getal.getoond and sleutel != ("totaal", "totaal"):
                assert getal.waarde == 0 or getal.waarde >= k
        _niets_te_berekenen(uit, sommen)


def test_a_percentage_of_a_hidden_count_is_hidden():
    getoond, klein = Getal(7), Getal(None, KLEIN)
    assert onthulling.procent(getoond, Getal(10)) == Decimal("70")
    assert onthulling.procent(klein, Getal(10)) is None
    assert onthulling.procent(getoond, Getal(None, AANVULLEND)) is None
    assert onthulling.procent(Getal(0), Getal(0)) is None


@pytest.mark.django_db
def test_the_beheerder_sets_k_and_the_footnote_names_it():
    assert onthulling.drempel() == 5
    Privacyinstelling.objects.create(k=3)
    tabel = Tabel()
    tabel.cel("Oss", 2)
    tabel.cel("Uden", 3)
    uit = tabel.beveilig()
    assert (str(uit["Oss"]), str(uit["Uden"])) == ("< 3", "3")
    assert "'< 3'" in onthulling.voetnoot(3)


def test_a_sum_that_would_give_a_figure_away_with_nothing_else_to_hide_is_refused():
    tabel = Tabel(k=5)
    tabel.cel("totaal", 10, vast=True)
    tabel.cel("Oss", 2)
    tabel.cel("rest", 8, vast=True)
    tabel.som("totaal", ["Oss", "rest"])
    with pytest.raises(ValueError):
        tabel.beveilig()


def test_a_part_of_a_small_exact_figure_is_hidden_whatever_it_is():
    """A class of one person shown exactly: whether that person lives here is not shown, not even
    as 0, and the rest of the residents' sum hides a second figure."""
    tabel = Tabel(k=5)
    tabel.cel("totaal", 12)
    tabel.cel("later", 0, verbergen=True)  # the trajectory's class 'later' has 1 person
    tabel.cel("actief", 12)
    tabel.som("totaal", ["later", "actief"])
    uit = tabel.beveilig()
    assert str(uit["later"]) == "×" and not uit["actief"].getoond
