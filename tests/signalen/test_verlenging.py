"""The klantmanager's extension of a trial placement keeping benefit (regelruimte): limits,
scope, the page, the kandidaat page, and the trial-placement rule using the new limit."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from signalen.constants import Ernst, Regel
from signalen.models import Termijnregels, Verlenging
from signalen.services import verlenging_record
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory
from tests.secties import met_secties
from tests.signalen.conftest import scan_op, van_regel
from werkgevers import constants as wc
from werkgevers.models import Plaatsing

START = dt.date(2026, 1, 15)  # two months: last day 14 March; three months: 14 April
REDEN = "Werkgever wil de VCA-cursus afwachten voor een contract."
TE_VEEL = "In deze gemeente kan een proefplaatsing tot hoogstens 3 maanden met behoud van uitkering."


@pytest.fixture
def plaatsing(wereld):
    return wereld.plaatsing(wereld.deelname(), start=START)


def _errors(exc_info) -> dict:
    return {field: [str(m) for m in messages] for field, messages in exc_info.value.message_dict.items()}


# --- The service --------------------------------------------------------------------------------


def test_two_to_three_months_is_recorded_and_recomputes_after_commit(wereld, plaatsing,
                                                                     django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        verlenging = verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=3, reden=REDEN)
    assert (verlenging.maanden, verlenging.reden, verlenging.door) == (3, REDEN, wereld.klantmanager)
    assert len(callbacks) == 1
    # A second recording changes the one extension.
    verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=3, reden=REDEN + " Akkoord.")
    assert Verlenging.objects.filter(plaatsing=plaatsing).count() == 1
    assert Verlenging.objects.get(plaatsing=plaatsing).reden.endswith("Akkoord.")


def test_four_months_is_refused_with_the_gemeentes_maximum(wereld, plaatsing):
    with pytest.raises(ValidationError) as exc_info:
        verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=4, reden=REDEN)
    assert _errors(exc_info) == {"maanden": [TE_VEEL]}
    assert not Verlenging.objects.exists()


def test_not_longer_than_the_usual_term_is_refused(wereld, plaatsing):
    with pytest.raises(ValidationError) as exc_info:
        verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=2, reden=REDEN)
    assert _errors(exc_info) == {
        "maanden": ["Een verlenging is langer dan de gewone termijn van 2 maanden: kies meer maanden."]
    }


def test_a_gemeentes_own_rules_set_the_maximum(wereld, plaatsing):
    Termijnregels.objects.create(gemeente=wereld.gemeente, proefplaatsing_maanden=2, proefplaatsing_max_maanden=4)
    verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=4, reden=REDEN)
    with pytest.raises(ValidationError) as exc_info:
        verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=5, reden=REDEN)
    assert _errors(exc_info)["maanden"] == [
        "In deze gemeente kan een proefplaatsing tot hoogstens 4 maanden met behoud van uitkering."
    ]


@pytest.mark.parametrize("reden", ["", "   ", "akkoord", "werkgever akkoord"])
def test_a_reason_of_a_few_words_is_required(wereld, plaatsing, reden):
    with pytest.raises(ValidationError) as exc_info:
        verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=3, reden=reden)
    assert list(_errors(exc_info)) == ["reden"]


def test_placement_of_another_gemeente_or_by_a_non_klantmanager_is_permission_denied(wereld, plaatsing, make_user):
    other = GemeenteFactory()
    other_km = make_user(Rol.KLANTMANAGER, organisatie=other)
    with pytest.raises(PermissionDenied):
        verlenging_record(acting_user=other_km, plaatsing=plaatsing, maanden=3, reden=REDEN)
    with pytest.raises(PermissionDenied):
        verlenging_record(acting_user=wereld.regisseur, plaatsing=plaatsing, maanden=3, reden=REDEN)
    assert not Verlenging.objects.exists()


def _beeindig(plaatsing):
    Plaatsing.objects.filter(pk=plaatsing.pk).update(
        status=wc.PlaatsingStatus.BEEINDIGD, einde=dt.date(2026, 2, 20), einde_reden=wc.EindeReden.AFGEROND
    )
    plaatsing.refresh_from_db()
    return plaatsing


@pytest.mark.parametrize(
    ("soort", "beeindigd", "fout"),
    [
        (wc.PlaatsingSoort.BBL, False, "Alleen een plaatsing met behoud van uitkering"),
        (wc.PlaatsingSoort.PROEFPLAATSING, True, "Deze plaatsing loopt niet meer"),
    ],
)
def test_only_a_running_placement_keeping_benefit(wereld, soort, beeindigd, fout):
    plaatsing = wereld.plaatsing(wereld.deelname(), start=START, soort=soort)
    if beeindigd:
        _beeindig(plaatsing)
    with pytest.raises(ValidationError) as exc_info:
        verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=3, reden=REDEN)
    [melding] = _errors(exc_info)[NON_FIELD_ERRORS]
    assert melding.startswith(fout)


def test_no_extension_without_benefit(wereld):
    plaatsing = wereld.plaatsing(wereld.deelname(uitkering_type="geen"), start=START)
    with pytest.raises(ValidationError) as exc_info:
        verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=3, reden=REDEN)
    assert "geen uitkering" in _errors(exc_info)[NON_FIELD_ERRORS][0]


# --- The rule uses the new limit ----------------------------------------------------------------


def test_after_the_extension_the_trial_placement_rule_uses_the_new_limit(wereld, plaatsing):
    [voor] = van_regel(scan_op(dt.date(2026, 2, 28)), Regel.PROEFPLAATSING_TERMIJN)
    assert voor.deadline == dt.date(2026, 3, 14)
    verlenging_record(acting_user=wereld.klantmanager, plaatsing=plaatsing, maanden=3, reden=REDEN)
    # The same day: 14 April is beyond the 14-day lead time, and the March signal is closed.
    assert van_regel(scan_op(dt.date(2026, 2, 28)), Regel.PROEFPLAATSING_TERMIJN) == []
    voor.refresh_from_db()
    assert voor.status == "vervallen"
    assert van_regel(scan_op(dt.date(2026, 3, 30)), Regel.PROEFPLAATSING_TERMIJN) == []
    [na] = van_regel(scan_op(dt.date(2026, 3, 31)), Regel.PROEFPLAATSING_TERMIJN)
    assert (na.deadline, na.ernst) == (dt.date(2026, 4, 14), Ernst.WAARSCHUWING)
    assert "3 maanden, verlengd" in na.bericht


# --- The pages ----------------------------------------------------------------------------------


def _url(plaatsing):
    return reverse("signalen:verlengen", args=[plaatsing.pk])


@pytest.mark.django_db(databases=["default", "audit"])
def test_page_shows_the_term_and_logs_the_read(client, wereld, plaatsing):
    client.force_login(wereld.klantmanager)
    response = client.get(_url(plaatsing))
    assert response.status_code == 200
    html = response.content.decode()
    assert "14-03-2026" in html and wereld.werkgever.organisatie.naam in html
    assert 'name="maanden"' in html and 'name="reden"' in html
    assert "verlengen tot hoogstens 3 maanden" in html
    assert AccessLog.objects.filter(
        action="view", object_type="werkgevers.Plaatsing", object_id=str(plaatsing.pk), user_id=wereld.klantmanager.pk
    ).exists()


@pytest.mark.django_db(databases=["default", "audit"])
def test_page_posts_the_extension_and_returns_to_the_candidate(client, wereld, plaatsing):
    client.force_login(wereld.klantmanager)
    response = client.post(_url(plaatsing), {"maanden": "3", "reden": REDEN})
    kandidaat = reverse("deelnemers:kandidaat", args=[plaatsing.deelname.deelnemer_id])
    assert response.status_code == 302 and response["Location"] == kandidaat + "#proefplaatsingen"
    assert Verlenging.objects.get(plaatsing=plaatsing).maanden == 3
    html = met_secties(client, kandidaat)
    assert "14-04-2026" in html and "tot 3 maanden" in html and REDEN in html


@pytest.mark.django_db(databases=["default", "audit"])
def test_page_shows_the_services_error_at_the_field(client, wereld, plaatsing):
    client.force_login(wereld.klantmanager)
    response = client.post(_url(plaatsing), {"maanden": "4", "reden": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef de reden voor de verlenging." in html
    assert 'aria-invalid="true"' in html and 'href="#id_reden"' in html
    response = client.post(_url(plaatsing), {"maanden": "4", "reden": REDEN})
    assert response.status_code == 400
    assert TE_VEEL in response.content.decode() and 'href="#id_maanden"' in response.content.decode()
    assert not Verlenging.objects.exists()


@pytest.mark.django_db(databases=["default", "audit"])
def test_page_is_404_for_another_gemeente_and_for_other_roles(client, wereld, plaatsing, make_user):
    other_km = make_user(Rol.KLANTMANAGER, organisatie=GemeenteFactory())
    for user in (other_km, wereld.regisseur, wereld.werkgever_user, wereld.beheerder):
        client.force_login(user)
        assert client.get(_url(plaatsing)).status_code == 404
        assert client.post(_url(plaatsing), {"maanden": "3", "reden": REDEN}).status_code == 404
    assert not Verlenging.objects.exists()
    client.logout()
    assert client.get(_url(plaatsing)).status_code == 302


@pytest.mark.django_db(databases=["default", "audit"])
def test_candidate_page_lists_trial_placements_with_their_last_day_and_the_link(client, wereld, plaatsing):
    client.force_login(wereld.klantmanager)
    html = met_secties(client, reverse("deelnemers:kandidaat", args=[plaatsing.deelname.deelnemer_id]))
    assert 'id="proefplaatsingen"' in html
    assert "15-01-2026" in html and "14-03-2026" in html and "(2 maanden)" in html
    assert f'href="{_url(plaatsing)}"' in html and "Termijn verlengen" in html


@pytest.mark.django_db(databases=["default", "audit"])
def test_candidate_page_offers_no_extension_for_an_ended_placement_or_paid_work(client, wereld):
    deelname = wereld.deelname()
    beeindigd = _beeindig(wereld.plaatsing(deelname, start=START))
    contract = wereld.plaatsing(deelname, start=dt.date(2026, 6, 1), soort=wc.PlaatsingSoort.BEPAALDE_TIJD)
    client.force_login(wereld.klantmanager)
    html = met_secties(client, reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id]))
    assert "14-03-2026" in html  # the ended trial placement is listed
    assert _url(beeindigd) not in html and _url(contract) not in html
    assert "01-06-2026" not in html


@pytest.mark.django_db(databases=["default", "audit"])
def test_candidate_page_query_count_does_not_grow_with_the_placements(client, wereld):
    deelnemer = DeelnemerFactory(gemeente=wereld.gemeente, klantmanager=wereld.klantmanager, uitkering_type="ww")
    client.force_login(wereld.klantmanager)
    url = reverse("deelnemers:kandidaat", args=[deelnemer.pk])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    deelname = DeelnameFactory(traject=wereld.traject, deelnemer=deelnemer, aangemeld_door=wereld.klantmanager)

    def plaats(n):
        start = dt.date(2026, 1, 1) + dt.timedelta(days=100 * n)
        p = wereld.plaatsing(deelname, start=start, status=wc.PlaatsingStatus.VOORGESTELD)
        Verlenging.objects.create(plaatsing=p, maanden=3, reden=REDEN, door=wereld.klantmanager)

    plaats(0)
    one = queries()
    for n in range(1, 4):
        plaats(n)
    assert queries() == one
