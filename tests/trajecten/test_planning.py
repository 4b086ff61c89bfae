"""The planning helper: backwards from a start at employers, forwards from a start, and its page.

Dates in the comments were counted by hand on a calendar. Bouwvak Zuid 2024 (seeded):
Monday 22 July to Friday 9 August; the first working day after it is Monday 12 August.
"""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from leerwerk.datums import BouwvakKalender
from leerwerk.models import Rol
from signalen.models import Termijnregels
from tests.factories import GemeenteFactory, TrajectFaseFactory
from trajecten import constants as c
from trajecten.planning import projecteren, standaard_doelstart, terugrekenen

D = dt.date
F = c.FaseSoort
ZUID_2024 = ("zuid", 2024, D(2024, 7, 22), D(2024, 8, 9))


def fase(soort, start, eind):
    return SimpleNamespace(soort=soort, start=start, eind=eind)


# A plan of 2024 in FaseSoort order; lengths (end minus start) 11, 25, 74, 60 and 109 days.
PLAN_2024 = [
    fase(F.MATCHING, D(2024, 9, 2), D(2024, 12, 20)),
    fase(F.WERVING, D(2024, 3, 4), D(2024, 3, 15)),
    fase(F.VOORTRAJECT, D(2024, 3, 18), D(2024, 4, 12)),
    fase(F.OPLEIDING, D(2024, 4, 15), D(2024, 6, 28)),
    fase(F.PROEFPLAATSING, D(2024, 7, 1), D(2024, 8, 30)),
]


def rijen(planning):
    return [(r.soort, r.start, r.eind) for r in planning.rijen]


def soorten(planning, soort):
    return [conflict.tekst for conflict in planning.conflicten if conflict.soort == soort]


# --- Backwards ----------------------------------------------------------------------------------


def test_backwards_from_right_after_the_bouwvak():
    kalender = BouwvakKalender([ZUID_2024, ("zuid", 2025, D(2025, 7, 21), D(2025, 8, 8))])
    planning = terugrekenen(PLAN_2024, D(2024, 8, 12), kalender, "zuid")
    assert rijen(planning) == [
        # ends Friday 26 April (28 April is a Sunday); 26 April - 11 days = Monday 15 April
        (F.WERVING, D(2024, 4, 15), D(2024, 4, 26)),
        # ends Friday 24 May (26 May is a Sunday); 24 May - 25 days = Monday 29 April
        (F.VOORTRAJECT, D(2024, 4, 29), D(2024, 5, 24)),
        # ends Friday 9 August, the last working day before 12 August; - 74 days = Monday 27 May
        (F.OPLEIDING, D(2024, 5, 27), D(2024, 8, 9)),
        (F.PROEFPLAATSING, D(2024, 8, 12), D(2024, 10, 11)),  # the target, + 60 days
        # after the proefplaatsing: Saturday 12 October -> Monday 14 October, + 109 days
        (F.MATCHING, D(2024, 10, 14), D(2025, 1, 31)),
    ]
    assert [r.is_doel for r in planning.rijen] == [False, False, False, True, False]
    # The training computed backwards lies in the bouwvak: flagged, with the latest start that
    # still ends before it (Friday 19 July - 74 days = Monday 6 May).
    assert [r.soort for r in planning.rijen if r.bouwvak] == [F.OPLEIDING]
    [bouwvak] = soorten(planning, "bouwvak")
    assert "Opleiding (27-05-2024 t/m 09-08-2024) valt in de bouwvak van regio Zuid" in bouwvak
    assert "(22-07-2024 t/m 09-08-2024)" in bouwvak and "uiterlijk op 06-05-2024" in bouwvak
    assert planning.meldingen == []


def test_backwards_keeps_an_overlap_of_the_plan_and_counts_from_matching_without_proefplaatsing():
    plan = [
        fase(F.OPLEIDING, D(2024, 4, 1), D(2024, 6, 28)),
        fase(F.MATCHING, D(2024, 6, 3), D(2024, 12, 20)),  # starts four weeks before the training ends
    ]
    planning = terugrekenen(plan, D(2024, 8, 12), BouwvakKalender([ZUID_2024]), "")
    # 12 August - 63 days (3 June - 1 April) = Monday 10 June; + 88 days = Friday 6 September
    assert rijen(planning)[0] == (F.OPLEIDING, D(2024, 6, 10), D(2024, 9, 6))
    assert planning.rijen[1].is_doel and planning.rijen[1].start == D(2024, 8, 12)
    assert any("bouwvakregio van dit traject is onbekend" in m for m in planning.meldingen)


def test_backwards_says_when_the_first_phase_should_have_started_already():
    planning = terugrekenen(PLAN_2024, D(2024, 8, 12), BouwvakKalender([ZUID_2024]), "zuid", vandaag=D(2024, 4, 16))
    assert soorten(planning, "te_laat") == [
        "Werving en selectie had uiterlijk op 15-04-2024 moeten beginnen; die dag is al voorbij."
    ]
    on_time = terugrekenen(PLAN_2024, D(2024, 8, 12), BouwvakKalender([ZUID_2024]), "zuid", vandaag=D(2024, 4, 15))
    assert soorten(on_time, "te_laat") == []


def test_backwards_without_a_phase_at_employers_asks_to_plan_one():
    planning = terugrekenen(
        [fase(F.OPLEIDING, D(2024, 4, 1), D(2024, 6, 28))], D(2024, 8, 12), BouwvakKalender([]), "zuid"
    )
    assert planning.rijen == [] and "Plan eerst een proefplaatsing" in planning.meldingen[0]


# --- Forwards -----------------------------------------------------------------------------------


def test_projection_lays_phases_back_to_back_and_names_the_bouwvak_it_runs_into():
    kalender = BouwvakKalender([ZUID_2024, ("zuid", 2025, D(2025, 7, 21), D(2025, 8, 8))])
    planning = projecteren(PLAN_2024, D(2024, 6, 3), kalender, "zuid", Termijnregels())
    assert rijen(planning)[:3] == [
        (F.WERVING, D(2024, 6, 3), D(2024, 6, 14)),
        (F.VOORTRAJECT, D(2024, 6, 17), D(2024, 7, 12)),  # Saturday 15 June -> Monday 17 June
        (F.OPLEIDING, D(2024, 7, 15), D(2024, 9, 27)),
    ]
    [bouwvak] = soorten(planning, "bouwvak")
    assert bouwvak.startswith(
        "Opleiding (15-07-2024 t/m 27-09-2024) valt in de bouwvak van regio Zuid (22-07-2024 t/m 09-08-2024). "
        "Start op 12-08-2024, de eerste werkdag na de bouwvak"
    )
    # Training and proefplaatsing from 8 January end on Friday 24 May, well before the bouwvak.
    zonder = projecteren(PLAN_2024[3:], D(2024, 1, 8), kalender, "zuid", Termijnregels())
    assert rijen(zonder) == [
        (F.OPLEIDING, D(2024, 1, 8), D(2024, 3, 22)),
        (F.PROEFPLAATSING, D(2024, 3, 25), D(2024, 5, 24)),
    ]
    assert soorten(zonder, "bouwvak") == []


def test_projection_starting_on_a_weekend_moves_to_the_next_working_day():
    planning = projecteren(PLAN_2024, D(2024, 6, 1), BouwvakKalender([ZUID_2024]), "zuid", Termijnregels())
    assert planning.rijen[0].start == D(2024, 6, 3)
    assert "De start 01-06-2024 is geen werkdag; de planningshulp rekent met 03-06-2024." in planning.meldingen


def test_projection_lists_the_public_holidays_inside_each_phase():
    plan = [fase(F.OPLEIDING, D(2026, 4, 20), D(2026, 5, 29))]
    kalender = BouwvakKalender([("zuid", 2026, D(2026, 7, 20), D(2026, 8, 7))])
    planning = projecteren(plan, D(2026, 4, 20), kalender, "zuid", Termijnregels())
    # Whitsunday (24 May) is a Sunday: it costs no working day and is not listed.
    assert planning.rijen[0].feestdagen == [
        (D(2026, 4, 27), "Koningsdag"),
        (D(2026, 5, 14), "Hemelvaartsdag"),
        (D(2026, 5, 25), "Tweede pinksterdag"),
    ]
    assert soorten(planning, "feestdag") == [
        "Feestdagen tijdens Opleiding (20-04-2026 t/m 29-05-2026): Koningsdag (27-04-2026), "
        "Hemelvaartsdag (14-05-2026), Tweede pinksterdag (25-05-2026)."
    ]
    assert soorten(projecteren(plan, D(2026, 6, 1), kalender, "zuid", Termijnregels()), "feestdag") == []


def plan_uitkering(proef_eind):
    """Training 5 January to 27 February 2026, proefplaatsing from 2 March (a Monday)."""
    return [
        fase(F.OPLEIDING, D(2026, 1, 5), D(2026, 2, 27)),
        fase(F.PROEFPLAATSING, D(2026, 3, 2), proef_eind),
    ]


def test_projection_benefit_limits_at_their_boundaries():
    kalender = BouwvakKalender([("zuid", 2026, D(2026, 7, 20), D(2026, 8, 7))])
    regels = Termijnregels()  # national defaults: trajectory 3 months, proefplaatsing 2 (3 with extension)
    # Proefplaatsing 2 March + 2 months: the last day is 1 May. Trajectory 5 January + 3 months: 4 April.
    op_de_dag = projecteren(plan_uitkering(D(2026, 5, 1)), D(2026, 1, 5), kalender, "zuid", regels)
    assert soorten(op_de_dag, "proefplaatsing_uitkering") == []
    assert soorten(op_de_dag, "traject_uitkering") == [
        "Het traject duurt langer dan de 3 maanden die het met uitkering mag duren: vanaf de start van de "
        "opleiding op 05-01-2026 loopt die termijn tot en met 04-04-2026. Proefplaatsing loopt tot en met "
        "01-05-2026, 3 weken en 6 dagen na de grens van 04-04-2026. Deze termijn geldt voor deelnemers met een "
        "uitkering (Participatiewet (bijstand), WW, WIA / WGA, Anw of een andere uitkering), niet voor deelnemers "
        "zonder uitkering. Deze termijn is de landelijke standaard."
    ]
    dag_te_lang = projecteren(plan_uitkering(D(2026, 5, 2)), D(2026, 1, 5), kalender, "zuid", regels)
    assert soorten(dag_te_lang, "proefplaatsing_uitkering") == [
        "De proefplaatsing (02-03-2026 t/m 02-05-2026) duurt langer dan de 2 maanden met behoud van uitkering "
        "(tot en met 01-05-2026). De klantmanager kan per deelnemer verlengen tot hoogstens 3 maanden "
        "(tot en met 01-06-2026)."
    ]
    ook_met_verlenging = projecteren(plan_uitkering(D(2026, 6, 2)), D(2026, 1, 5), kalender, "zuid", regels)
    [tekst] = soorten(ook_met_verlenging, "proefplaatsing_uitkering")
    assert tekst.endswith("Ook met verlenging door de klantmanager (3 maanden, tot en met 01-06-2026) is dat te lang.")
    # A gemeente allowing a trajectory of 6 months: 5 January + 6 months ends 4 July.
    ruim = projecteren(plan_uitkering(D(2026, 5, 1)), D(2026, 1, 5), kalender, "zuid", Termijnregels(traject_maanden=6))
    assert soorten(ruim, "traject_uitkering") == []


def test_trajectory_benefit_limit_the_day_before_of_and_after_in_a_leap_year():
    # 1 December 2027 + 3 months: the last day is 29 February 2028.
    def conflicten(eind):
        plan = [fase(F.OPLEIDING, D(2027, 12, 1), eind)]
        planning = projecteren(plan, D(2027, 12, 1), BouwvakKalender([]), "", Termijnregels())
        return soorten(planning, "traject_uitkering")

    assert conflicten(D(2028, 2, 28)) == [] and conflicten(D(2028, 2, 29)) == []
    [tekst] = conflicten(D(2028, 3, 1))
    assert "loopt die termijn tot en met 29-02-2028." in tekst
    assert "Opleiding loopt tot en met 01-03-2028, 1 dag na de grens van 29-02-2028." in tekst


def test_a_missing_bouwvak_year_is_said_never_guessed():
    kalender = BouwvakKalender([ZUID_2024])
    plan = [fase(F.OPLEIDING, D(2027, 6, 1), D(2027, 9, 30))]
    planning = projecteren(plan, D(2027, 6, 1), kalender, "zuid", Termijnregels())
    assert soorten(planning, "bouwvak") == [] and planning.rijen[0].bouwvak == []
    assert planning.meldingen == [
        "De bouwvak van regio Zuid in 2027 is nog niet ingevoerd: de planningshulp controleert die periode niet. "
        "Vraag de beheerder de data van Bouwend Nederland in te voeren."
    ]
    standaard = standaard_doelstart(kalender, "zuid", D(2027, 3, 1))
    assert standaard.datum is None and standaard.uitleg.startswith("De bouwvak van regio Zuid in 2027 is nog niet")
    # After this year's bouwvak the next one is next year's.
    assert standaard_doelstart(kalender, "zuid", D(2024, 8, 9)).datum == D(2024, 8, 12)
    assert standaard_doelstart(kalender, "zuid", D(2024, 8, 10)).datum is None


# --- The page -----------------------------------------------------------------------------------

URL = "trajecten:planningshulp"
HTMX_RESULTAAT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "planningshulp-resultaat"}


@pytest.fixture
def zuid_traject(traject, gemeente):
    gemeente.provincie = "noord_brabant"  # bouwvak region Zuid
    gemeente.save()
    for f in PLAN_2024:
        TrajectFaseFactory(traject=traject, soort=f.soort, start=f.start, eind=f.eind)
    return traject


@pytest.fixture
def op_1_mei_2024():
    with time_machine.travel(timezone.make_aware(dt.datetime(2024, 5, 1, 9, 0)), tick=False):
        yield


def test_trajectory_page_loads_the_helper_lazily(rclient, zuid_traject):
    html = rclient.get(reverse("trajecten:detail", args=[zuid_traject.pk])).content.decode()
    url = reverse(URL, args=[zuid_traject.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in html and f'href="{url}"' in html
    assert html.count('id="planningshulp"') == 1


def test_lazy_load_computes_backwards_from_right_after_the_regions_bouwvak(rclient, zuid_traject, op_1_mei_2024):
    response = rclient.get(reverse(URL, args=[zuid_traject.pk]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="planningshulp")
    html = response.content.decode()
    assert "<html" not in html and 'id="planningshulp-inhoud"' in html and 'aria-live="polite"' in html
    assert html.lstrip().startswith('<section id="planningshulp"')  # the section, in place of its placeholder
    assert "Bouwvakregio van dit traject: Zuid." in html
    assert (
        "<strong>12-08-2024</strong> (de eerste werkdag na de bouwvak van regio Zuid (22-07-2024 t/m 09-08-2024))"
        in html
    )
    assert "Opleiding (27-05-2024 t/m 09-08-2024) valt in de bouwvak" in html
    assert "<strong>04-03-2024</strong> (de geplande start van de eerste fase)" in html  # the projection
    assert '<label class="utrecht-form-label" for="planning_doelstart">Gewenste start bij werkgevers</label>' in html
    assert not re.search(r'\sstyle="', html) and "<script" not in html


def test_form_question_answers_the_result_region_with_the_fields_out_of_band(rclient, zuid_traject, op_1_mei_2024):
    url = reverse(URL, args=[zuid_traject.pk])
    html = rclient.get(url, {"doelstart": "2024-09-02", "start": "2024-06-03"}, **HTMX_RESULTAAT).content.decode()
    assert 'id="planningshulp-inhoud"' not in html
    assert '<div id="planning-veld-doelstart" hx-swap-oob="true">' in html and 'value="2024-09-02"' in html
    assert "<strong>02-09-2024</strong>." in html  # asked for: no default explained
    # Forwards from 3 June the training runs into the bouwvak; the trajectory is longer than 3 months.
    assert "Opleiding (15-07-2024 t/m 27-09-2024) valt in de bouwvak van regio Zuid" in html
    assert "langer dan de 3 maanden die het met uitkering mag duren" in html


def test_uses_the_deadline_rules_of_the_trajectorys_gemeente(rclient, zuid_traject, gemeente, op_1_mei_2024):
    zuid_traject.gemeenten.add(gemeente)
    Termijnregels.objects.create(gemeente=gemeente, traject_maanden=12, proefplaatsing_maanden=3)
    html = rclient.get(reverse(URL, args=[zuid_traject.pk]), {"start": "2024-06-03"}, **HTMX_RESULTAAT).content.decode()
    assert "een traject hoogstens 12 maanden, een proefplaatsing 3 maanden" in html
    assert "langer dan de 12 maanden" not in html


def test_bad_date_gives_a_dutch_error_linked_to_its_field(rclient, zuid_traject):
    url = reverse(URL, args=[zuid_traject.pk])
    html = rclient.get(url, {"doelstart": "2024-13-45"}).content.decode()  # the full page, without htmx
    assert '<h1 class="utrecht-heading-1">Planningshulp</h1>' in html
    assert "Vul een geldige datum in, bijvoorbeeld 17-08-2026." in html
    assert (
        'aria-invalid="true"' in html
        and 'aria-describedby="planning_doelstart_helptext planning_doelstart_error"' in html
    )
    assert '<a class="utrecht-link" href="#planning_doelstart">Gewenste start bij werkgevers: Vul een geldige' in html
    assert "Uitkomst" not in html
    html = rclient.get(url, {"start": "1899-01-01"}, **HTMX_RESULTAAT).content.decode()
    assert "Kies een datum tussen 2000 en 2100." in html and 'hx-swap-oob="true"' in html


def test_missing_bouwvak_year_on_the_page(client, regisseur, zuid_traject):
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 3, 1, 9, 0)), tick=False):
        client.force_login(regisseur)  # a session from today would have expired in 2027
        html = client.get(reverse(URL, args=[zuid_traject.pk]), **HTMX_RESULTAAT).content.decode()
    assert "De bouwvak van regio Zuid in 2027 is nog niet ingevoerd" in html
    assert "Uitkomst: doorrekenen" in html  # the projection still answers


@pytest.mark.parametrize("wie", ["andere_regisseur", "klantmanager"])
def test_page_is_404_for_a_regisseur_of_another_organisation_and_for_a_klantmanager(
    client, zuid_traject, make_user, wie
):
    if wie == "andere_regisseur":
        user = make_user(Rol.REGISSEUR, organisatie=GemeenteFactory())
    else:
        user = make_user(Rol.KLANTMANAGER)  # of the trajectory's own gemeente
    client.force_login(user)
    assert client.get(reverse(URL, args=[zuid_traject.pk])).status_code == 404
    assert client.get(reverse(URL, args=[zuid_traject.pk]), **HTMX_RESULTAAT).status_code == 404


def test_page_needs_a_login(client, zuid_traject):
    response = client.get(reverse(URL, args=[zuid_traject.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]
