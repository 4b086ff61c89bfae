"""Applying a bouwvak signal's suggested date: the placement or phase moves through its own
service, the trajectory is rescanned at once and the signal closes."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import Rol
from signalen.constants import Regel, SignaalStatus
from signalen.models import Signaal
from signalen.services import signaal_apply_suggestion
from tests.factories import GemeenteFactory, TrajectFaseFactory, UserFactory
from tests.secties import met_secties
from tests.signalen.conftest import scan_op, van_regel
from tests.signalen.test_lijst import signaal
from trajecten.constants import FaseSoort
from werkgevers import constants as wc
from werkgevers.models import PlaatsingVersie

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

VANDAAG = dt.date(2026, 6, 1)
NA_DE_BOUWVAK = dt.date(2026, 8, 10)  # Monday after the bouwvak of region Zuid (20-07 t/m 07-08-2026)


@pytest.fixture
def zomer(wereld):
    wereld.bouwvak("zuid", 2026, dt.date(2026, 7, 20), dt.date(2026, 8, 7))
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 6, 1, 9, 0)), tick=False):
        yield wereld


def _bouwvak_signaal(wereld, regel=Regel.BOUWVAK_START):
    [s] = van_regel(scan_op(VANDAAG), regel)
    return s


def test_a_confirmed_placement_moves_to_the_suggestion_and_waits_for_the_employer(zomer):
    wereld = zomer
    plaatsing = wereld.plaatsing(
        wereld.deelname(), start=dt.date(2026, 7, 27), gepland_einde=dt.date(2026, 9, 25),
        status=wc.PlaatsingStatus.BEVESTIGD,
    )  # fmt: skip
    s = _bouwvak_signaal(wereld)
    assert (s.suggestie, s.object_id) == (NA_DE_BOUWVAK, str(plaatsing.pk))

    melding = signaal_apply_suggestion(acting_user=wereld.regisseur, signaal=s)

    plaatsing.refresh_from_db()
    assert (plaatsing.start, plaatsing.gepland_einde) == (NA_DE_BOUWVAK, dt.date(2026, 10, 9))  # moved 14 days
    assert (plaatsing.versie, plaatsing.bevestigde_versie) == (2, 1)  # the new version waits for confirmation
    [oud] = PlaatsingVersie.objects.filter(plaatsing=plaatsing)
    assert (oud.versie, oud.start) == (1, dt.date(2026, 7, 27))
    assert "10-08-2026" in melding and "opnieuw" in melding
    s.refresh_from_db()
    assert s.status == SignaalStatus.VERVALLEN  # the rescan found its cause gone
    assert van_regel(scan_op(VANDAAG), Regel.BOUWVAK_START) == []


def test_a_training_phase_running_into_the_bouwvak_moves_keeping_its_length(zomer):
    wereld = zomer
    fase = TrajectFaseFactory(traject=wereld.traject, soort=FaseSoort.OPLEIDING, start=dt.date(2026, 7, 1),
                              eind=dt.date(2026, 7, 31))  # fmt: skip
    s = _bouwvak_signaal(wereld, Regel.BOUWVAK_FASE)
    assert s.object_id == str(fase.pk)

    signaal_apply_suggestion(acting_user=wereld.regisseur, signaal=s)

    fase.refresh_from_db()
    assert fase.start == s.suggestie and fase.eind - fase.start == dt.timedelta(days=30)
    assert fase.eind < dt.date(2026, 7, 20)
    s.refresh_from_db()
    assert s.status == SignaalStatus.VERVALLEN


def test_a_training_ending_just_before_the_bouwvak_moves_the_placement_phase(zomer):
    wereld = zomer
    opleiding = TrajectFaseFactory(traject=wereld.traject, soort=FaseSoort.OPLEIDING, start=dt.date(2026, 6, 8),
                                   eind=dt.date(2026, 7, 10))  # fmt: skip
    proef = TrajectFaseFactory(traject=wereld.traject, soort=FaseSoort.PROEFPLAATSING, start=dt.date(2026, 7, 13),
                               eind=dt.date(2026, 9, 11))  # fmt: skip
    s = _bouwvak_signaal(wereld, Regel.BOUWVAK_FASE)
    assert s.suggestie == NA_DE_BOUWVAK

    signaal_apply_suggestion(acting_user=wereld.regisseur, signaal=s)

    proef.refresh_from_db()
    opleiding.refresh_from_db()
    assert (proef.start, proef.eind) == (NA_DE_BOUWVAK, NA_DE_BOUWVAK + dt.timedelta(days=60))
    assert (opleiding.start, opleiding.eind) == (dt.date(2026, 6, 8), dt.date(2026, 7, 10))
    s.refresh_from_db()
    assert s.status == SignaalStatus.VERVALLEN


def test_only_the_regisseur_of_the_regie_organisation_may_apply(zomer):
    wereld = zomer
    plaatsing = wereld.plaatsing(wereld.deelname(), start=dt.date(2026, 7, 27), gepland_einde=dt.date(2026, 9, 25),
                                 status=wc.PlaatsingStatus.VOORGESTELD)  # fmt: skip
    s = _bouwvak_signaal(wereld)
    elders = UserFactory(organisatie=GemeenteFactory(), rollen=[Rol.REGISSEUR])
    for user in (elders, wereld.klantmanager, wereld.werkgever_user):
        with pytest.raises(PermissionDenied):
            signaal_apply_suggestion(acting_user=user, signaal=s)
    plaatsing.refresh_from_db()
    assert plaatsing.start == dt.date(2026, 7, 27)
    s.refresh_from_db()
    assert s.status == SignaalStatus.OPEN


def test_a_signal_without_an_applicable_suggestion_is_refused(zomer):
    wereld = zomer
    for s in (
        signaal(voor=wereld.regisseur, traject=wereld.traject, regel=Regel.WACHTTIJD, suggestie=NA_DE_BOUWVAK),
        signaal(voor=wereld.regisseur, traject=wereld.traject, regel=Regel.BOUWVAK_START),
    ):
        with pytest.raises(ValidationError, match="geen voorstel om toe te passen"):
            signaal_apply_suggestion(acting_user=wereld.regisseur, signaal=s)
    gesloten = signaal(voor=wereld.regisseur, traject=wereld.traject, regel=Regel.BOUWVAK_START,
                       suggestie=NA_DE_BOUWVAK, status=SignaalStatus.VERVALLEN)  # fmt: skip
    with pytest.raises(ValidationError, match="al afgesloten"):
        signaal_apply_suggestion(acting_user=wereld.regisseur, signaal=gesloten)


def test_apply_from_the_trajectory_page_goes_back_with_a_message(client, zomer):
    wereld = zomer
    wereld.plaatsing(wereld.deelname(), start=dt.date(2026, 7, 27), gepland_einde=dt.date(2026, 9, 25),
                     status=wc.PlaatsingStatus.VOORGESTELD)  # fmt: skip
    s = _bouwvak_signaal(wereld)
    detail = reverse("trajecten:detail", args=[wereld.traject.pk])
    client.force_login(wereld.regisseur)
    assert "Voorstel toepassen: 10-08-2026" in met_secties(client, detail)

    response = client.post(reverse("signalen:toepassen", args=[s.pk]), {"next": f"{detail}#signalen"})

    assert (response.status_code, response.url) == (302, f"{detail}#signalen")
    [bericht] = [str(m) for m in get_messages(response.wsgi_request)]
    assert bericht == "Voorstel toegepast. De plaatsing begint nu op 10-08-2026."
    html = met_secties(client, detail)
    assert "Voorstel toepassen" not in html and s.bericht not in html


def test_apply_with_htmx_answers_with_the_closed_row_and_errors_in_the_row(client, zomer):
    wereld = zomer
    wereld.plaatsing(wereld.deelname(), start=dt.date(2026, 7, 27), gepland_einde=dt.date(2026, 9, 25),
                     status=wc.PlaatsingStatus.VOORGESTELD)  # fmt: skip
    s = _bouwvak_signaal(wereld)
    client.force_login(wereld.regisseur)
    hx = {"HTTP_HX_REQUEST": "true"}
    html = client.post(reverse("signalen:toepassen", args=[s.pk]), {"weergave": "rij"}, **hx).content.decode()
    assert "Vervallen: de oorzaak is weg" in html and "Voorstel toepassen" not in html
    assert 'data-signalen-melding="Voorstel toegepast. De plaatsing begint nu op 10-08-2026."' in html

    zonder = signaal(voor=wereld.regisseur, traject=wereld.traject, regel=Regel.WACHTTIJD)
    html = client.post(reverse("signalen:toepassen", args=[zonder.pk]), {"weergave": "rij"}, **hx).content.decode()
    assert 'role="alert">Dit signaal heeft geen voorstel om toe te passen.' in html
    assert Signaal.objects.get(pk=zonder.pk).status == SignaalStatus.OPEN
