"""Lesson days and the attendance register per lesson day (issue 11, item 20), and one access-log
row per person per visit of /opleiding/ (item 8)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog
from opleiders import constants as oc
from opleiders.models import Lesdag, ModuleDeelname, Presentie
from opleiders.services import (
    lesdag_add,
    lesdagen_generate,
    moduledeelname_update,
    presentielijst_save,
)
from tests.opleiders.conftest import HTMX, PAGE, deelname_met_toestemming, get_page, row_data
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

MA, WO = 0, 2
A, L, X = oc.PresentieStatus.AANWEZIG, oc.PresentieStatus.TE_LAAT, oc.PresentieStatus.AFWEZIG


def register_url(lesdag):
    return reverse("opleiders:presentielijst", kwargs={"pk": lesdag.pk})


def dagen(opleiding, *data):
    return [Lesdag.objects.create(module=opleiding.module, datum=d) for d in data]


# --- Lesson days ----------------------------------------------------------------------------------


def test_weekly_pattern_leaves_out_public_holidays_and_is_idempotent(opleiding):
    # The module runs 1-30 April 2026: Easter Monday is 6 April, Koningsdag Monday 27 April.
    added = lesdagen_generate(acting_user=opleiding.opleider, module=opleiding.module, weekdagen=[MA, WO])
    datums = list(Lesdag.objects.filter(module=opleiding.module).values_list("datum", flat=True))
    assert datums == [
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 8),
        dt.date(2026, 4, 13),
        dt.date(2026, 4, 15),
        dt.date(2026, 4, 20),
        dt.date(2026, 4, 22),
        dt.date(2026, 4, 29),
    ]
    assert added == 7
    assert lesdagen_generate(acting_user=opleiding.opleider, module=opleiding.module, weekdagen=[MA, WO]) == 0
    assert Lesdag.objects.filter(module=opleiding.module).count() == 7


def test_generating_from_the_page_reports_what_was_added(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:lesdagen_genereren", kwargs={"pk": opleiding.module.pk})
    response = client.post(url, {"weekdagen": ["0"]}, follow=True)
    assert "2 lesdagen toegevoegd" in response.content.decode()  # 13 and 20 April
    response = client.post(url, {}, follow=True)
    assert "Kies de dagen van de week waarop les is." in response.content.decode()


def test_a_lesson_day_is_added_once_and_within_the_module(opleiding):
    lesdag_add(acting_user=opleiding.opleider, module=opleiding.module, datum=dt.date(2026, 4, 27))
    with pytest.raises(ValidationError) as exc:
        lesdag_add(acting_user=opleiding.opleider, module=opleiding.module, datum=dt.date(2026, 4, 27))
    assert exc.value.message_dict == {"datum": ["Deze module heeft op deze datum al een lesdag."]}
    with pytest.raises(ValidationError) as exc:
        lesdag_add(acting_user=opleiding.opleider, module=opleiding.module, datum=dt.date(2026, 5, 4))
    assert exc.value.message_dict == {
        "datum": ["Een lesdag ligt in de periode van de module: 01-04-2026 t/m 30-04-2026."]
    }


# --- The register and the percentage --------------------------------------------------------------


def test_the_register_adds_up_to_the_modules_percentage(opleiding):
    tweede = ModuleDeelname.objects.create(
        module=opleiding.module, deelname=deelname_met_toestemming(opleiding.traject)
    )
    eerste = opleiding.moduledeelname
    lesdagen_generate(
        acting_user=opleiding.opleider,
        module=opleiding.module,
        weekdagen=[0, 1, 2, 3, 4],
        van=dt.date(2026, 4, 13),
        tot=dt.date(2026, 4, 24),
    )
    days = list(Lesdag.objects.filter(module=opleiding.module))
    assert len(days) == 10
    # First: 8 present, 1 late, 1 ill = 90%. Second: 6 present, 1 late, 2 absent without notice,
    # one day not filled in = 7 of 9 = 78%.
    eerste_dagen = [A] * 8 + [L, X]
    tweede_dagen = [A] * 6 + [L, X, X, ""]
    for lesdag, s1, s2 in zip(days, eerste_dagen, tweede_dagen, strict=True):
        presentielijst_save(
            acting_user=opleiding.opleider,
            lesdag=lesdag,
            regels={
                eerste.pk: {"status": s1, "reden": "ziek" if s1 == X else ""},
                tweede.pk: {"status": s2, "reden": "zonder_bericht" if s2 == X else ""},
            },
        )
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.aanwezigheid, eerste.zonder_bericht, eerste.onder_drempel) == (90, 0, False)
    assert (tweede.aanwezigheid, tweede.zonder_bericht, tweede.onder_drempel) == (78, 2, True)
    assert eerste.aanwezigheid_uit_register and tweede.aanwezigheid_uit_register
    # From now on the percentage is derived, not typed.
    with pytest.raises(ValidationError) as exc:
        moduledeelname_update(
            acting_user=opleiding.opleider, moduledeelname=eerste, aanwezigheid=100, voortgang="bezig"
        )
    assert exc.value.message_dict == {"aanwezigheid": ["De aanwezigheid volgt uit de presentielijst van de lesdagen."]}
    # Correcting one day's entry changes the percentage at once.
    presentielijst_save(
        acting_user=opleiding.opleider, lesdag=days[-1], regels={eerste.pk: {"status": A}, tweede.pk: {"status": ""}}
    )
    eerste.refresh_from_db()
    assert eerste.aanwezigheid == 100


def test_a_module_without_lesson_days_keeps_the_typed_percentage(opleiding):
    item = moduledeelname_update(
        acting_user=opleiding.opleider, moduledeelname=opleiding.moduledeelname, aanwezigheid=85, voortgang="bezig"
    )
    assert (item.aanwezigheid, item.aanwezigheid_uit_register) == (85, False)


def test_the_page_shows_the_derived_percentage_and_the_flag(client, opleiding):
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    presentielijst_save(
        acting_user=opleiding.opleider,
        lesdag=dag,
        regels={opleiding.moduledeelname.pk: {"status": X, "reden": "zonder_bericht"}},
    )
    html = get_page(client, opleiding.opleider)
    assert "0%" in html and "1 dag afwezig zonder bericht" in html and "Onder de norm" in html
    assert f'id="rij{opleiding.moduledeelname.pk}_aanwezigheid"' not in html  # no input to type in
    # The row still saves progress: the derived percentage stays.
    client.post(reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk}), row_data(aanwezigheid="99"))
    assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid == 0


def test_absent_needs_a_reason_and_nothing_is_saved_then(client, opleiding):
    tweede = ModuleDeelname.objects.create(
        module=opleiding.module, deelname=deelname_met_toestemming(opleiding.traject)
    )
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    client.force_login(opleiding.opleider)
    data = {f"status_{opleiding.moduledeelname.pk}": X, f"status_{tweede.pk}": A}
    response = client.post(register_url(dag), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies de reden van afwezigheid." in html
    assert f'id="reden_{opleiding.moduledeelname.pk}" aria-invalid="true"' in html
    assert not Presentie.objects.exists()
    data[f"reden_{opleiding.moduledeelname.pk}"] = "inburgering"
    response = client.post(register_url(dag), data)
    assert response.status_code == 302
    assert set(Presentie.objects.values_list("moduledeelname_id", "status", "reden")) == {
        (opleiding.moduledeelname.pk, X, "inburgering"),
        (tweede.pk, A, ""),
    }


def test_a_register_is_not_filled_in_before_the_day(opleiding):
    module = opleiding.module
    module.eind = dt.date(2027, 6, 30)
    module.save()
    (dag,) = dagen(opleiding, dt.date(2027, 6, 1))
    with pytest.raises(ValidationError) as exc:
        presentielijst_save(
            acting_user=opleiding.opleider, lesdag=dag, regels={opleiding.moduledeelname.pk: {"status": A}}
        )
    assert "niet vooraf" in exc.value.messages[0]


# --- Scope, queries, access log --------------------------------------------------------------------


def test_another_organisations_trainer_gets_404_on_the_register(client, opleiding, andere_opleider):
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    client.force_login(andere_opleider)
    assert client.get(register_url(dag)).status_code == 404
    assert client.post(register_url(dag), {f"status_{opleiding.moduledeelname.pk}": A}).status_code == 404
    assert client.get(reverse("opleiders:lesdagen", kwargs={"pk": opleiding.module.pk})).status_code == 404
    assert not Presentie.objects.exists()
    assert not AccessLog.objects.filter(object_id=str(opleiding.deelnemer.pk)).exists()


def test_the_register_lists_only_participants_the_trainer_sees(client, opleiding):
    ModuleDeelname.objects.create(module=opleiding.module, deelname=opleiding.zonder_toestemming)
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    client.force_login(opleiding.opleider)
    html = client.get(register_url(dag)).content.decode()
    assert "Amira Haddad" in html and "Tesfay" not in html


def _register_queries(client, opleiding, extra: int) -> int:
    for _i in range(extra):
        ModuleDeelname.objects.create(module=opleiding.module, deelname=deelname_met_toestemming(opleiding.traject))
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    Presentie.objects.bulk_create(
        Presentie(lesdag=dag, moduledeelname=md, status=A) for md in ModuleDeelname.objects.all()
    )
    client.force_login(opleiding.opleider)
    client.get(register_url(dag))  # the session settles
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(register_url(dag))
    assert response.content.decode().count('class="utrecht-table__row" id="presentie-') == 1 + extra
    return len(ctx)


@pytest.mark.parametrize("extra", [0, 9])
def test_register_page_query_count_is_fixed(client, opleiding, extra):
    assert _register_queries(client, opleiding, extra) == REGISTER_PAGE_QUERIES


# Session and user (with its organisation, for the access log); the lesson day with its module;
# the participants with the day's entries in one join (selectors.PRESENTIELIJST_QUERIES); the
# session saved (savepoint, update, release).
REGISTER_PAGE_QUERIES = 7


def test_register_page_logs_each_person_shown_once(client, opleiding):
    tweede = deelname_met_toestemming(opleiding.traject)
    ModuleDeelname.objects.create(module=opleiding.module, deelname=tweede)
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    client.force_login(opleiding.opleider)
    client.get(register_url(dag))
    rows = AccessLog.objects.filter(user_id=opleiding.opleider.pk)
    assert sorted((r.action, r.object_id, r.rol) for r in rows) == sorted(
        [("list", str(opleiding.deelnemer.pk), "opleider"), ("list", str(tweede.deelnemer.pk), "opleider")]
    )


def test_one_visit_of_the_page_writes_one_row_per_person(client, opleiding):
    """Item 8: the page, then saving a participant's row inline on it, is one visit."""
    tweede = deelname_met_toestemming(opleiding.traject)
    md2 = ModuleDeelname.objects.create(module=opleiding.module, deelname=tweede)
    get_page(client, opleiding.opleider)
    for md in (opleiding.moduledeelname, md2):
        response = client.post(reverse("opleiders:rij", kwargs={"pk": md.pk}), row_data(), **HTMX)
        assert response.status_code == 200
    rows = AccessLog.objects.filter(user_id=opleiding.opleider.pk)
    t = opleiding.traject.pk
    sections = (f"{PAGE}trajecten/{t}/modulelijst/", f"{PAGE}trajecten/{t}/deelnemers/")
    assert sorted((r.object_id, r.path) for r in rows) == sorted(
        (str(d.pk), path) for d in (opleiding.deelnemer, tweede.deelnemer) for path in sections
    )


def test_the_regisseur_sees_the_flag_and_the_unexcused_absences(client, opleiding):
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    regels = {opleiding.moduledeelname.pk: {"status": X, "reden": "zonder_bericht"}}
    presentielijst_save(acting_user=opleiding.opleider, lesdag=dag, regels=regels)
    client.force_login(opleiding.regisseur)
    html = met_secties(client, reverse("trajecten:deelname", args=[opleiding.deelname.pk]))
    modules = html[html.index('id="modules-titel"') :]
    assert "0%" in modules and "1 dag afwezig zonder bericht" in modules and "Onder de norm" in modules


def test_lesson_days_page_adds_one_and_removes_one_without_register(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:lesdagen", kwargs={"pk": opleiding.module.pk})
    nieuw = reverse("opleiders:lesdag_nieuw", kwargs={"pk": opleiding.module.pk})
    response = client.post(nieuw, {"datum": "2026-04-14"}, follow=True)
    assert "Lesdag 14-04-2026 toegevoegd." in response.content.decode()
    response = client.post(nieuw, {"datum": "2026-04-14"})
    assert "Deze module heeft op deze datum al een lesdag." in response.content.decode()
    dag = Lesdag.objects.get()
    assert "dinsdag 14-04-2026" in client.get(url).content.decode()
    Presentie.objects.create(lesdag=dag, moduledeelname=opleiding.moduledeelname, status=A)
    response = client.post(reverse("opleiders:lesdag_verwijderen", kwargs={"pk": dag.pk}))
    assert "Deze lesdag heeft een presentielijst en blijft daarom staan." in response.content.decode()
    Presentie.objects.all().delete()
    client.post(reverse("opleiders:lesdag_verwijderen", kwargs={"pk": dag.pk}))
    assert not Lesdag.objects.exists()


def test_emptying_the_register_gives_the_typed_percentage_back(opleiding):
    (dag,) = dagen(opleiding, dt.date(2026, 4, 14))
    md = opleiding.moduledeelname
    presentielijst_save(acting_user=opleiding.opleider, lesdag=dag, regels={md.pk: {"status": A}})
    presentielijst_save(acting_user=opleiding.opleider, lesdag=dag, regels={md.pk: {"status": ""}})
    md.refresh_from_db()
    assert (md.aanwezigheid, md.aanwezigheid_uit_register) == (None, False)
    item = moduledeelname_update(acting_user=opleiding.opleider, moduledeelname=md, aanwezigheid=70, voortgang="bezig")
    assert item.aanwezigheid == 70


def test_a_pattern_outside_the_module_is_refused_on_the_date_that_lies_outside(opleiding):
    module = opleiding.module
    with pytest.raises(ValidationError) as exc:
        lesdagen_generate(acting_user=opleiding.opleider, module=module, weekdagen=[MA],
                          van=module.start, tot=module.eind + dt.timedelta(days=7))  # fmt: skip
    assert list(exc.value.message_dict) == ["tot"]
    with pytest.raises(ValidationError) as exc:
        lesdagen_generate(acting_user=opleiding.opleider, module=module, weekdagen=[MA],
                          van=module.start - dt.timedelta(days=7), tot=module.eind)  # fmt: skip
    assert list(exc.value.message_dict) == ["van"]
