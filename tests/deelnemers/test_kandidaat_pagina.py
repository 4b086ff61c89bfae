"""The candidate page is readable (issue 11): availability as a small week grid instead of a run
of words, long sections across the full width, and at 360 px nothing widens the page."""

import re

import pytest
from django.urls import reverse

from deelnemers.constants import week_rooster
from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, TrajectFactory
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_week_rooster_has_a_row_per_weekday_with_morning_and_afternoon():
    rooster = week_rooster(["ma_ochtend", "wo_middag", "vr_ochtend", "vr_middag"])
    assert rooster == [
        ("maandag", True, False),
        ("dinsdag", False, False),
        ("woensdag", False, True),
        ("donderdag", False, False),
        ("vrijdag", True, True),
    ]
    assert week_rooster([]) == [(dag, False, False) for dag, _o, _m in rooster]


def test_the_candidate_page_shows_the_week_grid_and_full_width_long_sections(client, make_user, gemeente):
    client.force_login(make_user(Rol.KLANTMANAGER))
    kandidaat = DeelnemerFactory(gemeente=gemeente, dagdelen=["ma_ochtend", "di_middag"])
    html = met_secties(client, reverse("deelnemers:kandidaat", args=[kandidaat.pk]))
    rooster = html[
        html.index('class="leerwerk-weekrooster"') : html.index("</table>", html.index("leerwerk-weekrooster"))
    ]
    assert "maandagochtend" not in html  # no run of glued words any more
    rijen = re.findall(r"<tr><th scope=\"row\">(\w+)</th>(.*?)</tr>", rooster)
    assert [dag for dag, _ in rijen] == ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
    maandag, dinsdag = rijen[0][1], rijen[1][1]
    assert maandag.index("✓") < maandag.index("–") and dinsdag.index("–") < dinsdag.index("✓")
    for sectie in ("randvoorwaarden", "intake", "toestemmingen", "trajecten", "tijdlijn"):
        assert f'leerwerk-sectie-blok--breed" aria-labelledby="{sectie}"' in html


def test_the_regisseur_sees_the_same_week_grid(client, make_user, gemeente):
    regisseur = make_user(Rol.REGISSEUR)
    deelname = DeelnameFactory(
        traject=TrajectFactory(regie_organisatie=gemeente),
        deelnemer=DeelnemerFactory(gemeente=gemeente, dagdelen=["do_ochtend"]),
    )
    client.force_login(regisseur)
    html = client.get(reverse("trajecten:deelname", args=[deelname.pk])).content.decode()
    assert 'class="leerwerk-weekrooster"' in html and "donderdagochtend" not in html
