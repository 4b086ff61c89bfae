"""Result financing (issue 13, item 6): results detected from what the product records, one claim
line per result however often detection runs, a reversal lapses an unpaid line and credits a
paid one, the cap per payer and the claim deadline hold, a change triggers detection."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from financiering import constants as c
from financiering import resultaten
from financiering.models import Claimregel, Resultaatafspraak
from opleiders.models import Certificaat
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, LeerwerkplekFactory
from trajecten import constants as tc
from werkgevers.models import Plaatsing

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2027, 3, 1)


def _afspraak(geld, **kwargs):
    velden = {
        "traject": geld.traject, "resultaat": c.ResultaatSoort.CONTRACT, "bedrag": Decimal("2500"),
        "betaler_soort": c.BetalerSoort.WOONGEMEENTE, "ontvanger": geld.fonds,
        "declareren_tot": dt.date(2027, 12, 31), "aangemaakt_door": geld.regisseur, "status": c.AfspraakStatus.AKKOORD,
    }  # fmt: skip
    velden.update(kwargs)
    return Resultaatafspraak.objects.create(**velden)


def _contract(geld, deelnemer=None, *, start=dt.date(2027, 1, 4), einde=None, soort="bbl", **kwargs):
    deelname = DeelnameFactory(
        traject=geld.traject, status=tc.DeelnameStatus.GEPLAATST, deelnemer=deelnemer or DeelnemerFactory()
    )
    plek = LeerwerkplekFactory(traject=geld.traject)
    return Plaatsing.objects.create(
        deelname=deelname, leerwerkplek=plek, soort=soort, start=start, einde=einde, status="gestart",
        bevestigde_versie=1, bevestigd_op=timezone.now(), voorgesteld_door=geld.regisseur, uren_per_week=32,
        **kwargs,
    )  # fmt: skip


def test_a_confirmed_contract_gives_one_claim_line_to_the_home_gemeente_however_often_detection_runs(geld):
    afspraak = _afspraak(geld)
    oss = GemeenteFactory(naam="Oss")
    plaatsing = _contract(geld, DeelnemerFactory(gemeente=oss))
    _contract(geld, soort="proefplaatsing")  # keeps the benefit: no contract, no result
    assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 1
    for _ in range(2):
        assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 0
    regel = Claimregel.objects.get()
    assert (regel.afspraak, regel.deelname, regel.betaler, regel.bedrag, regel.resultaat_op, regel.oorzaak) == (
        afspraak, plaatsing.deelname, oss, Decimal("2500.00"), dt.date(2027, 1, 4), f"plaatsing:{plaatsing.pk}"
    )  # fmt: skip
    assert regel.dossier == f"D-{plaatsing.deelname_id:06d}" and "Voornaam" not in str(regel)


def test_a_contract_ended_in_its_trial_period_lapses_an_unpaid_line_and_credits_a_paid_one(geld):
    _afspraak(geld)
    eerste, tweede = _contract(geld), _contract(geld)
    resultaten.detecteer(vandaag=VANDAAG)
    betaald = Claimregel.objects.get(deelname=tweede.deelname)
    betaald.status = c.ClaimStatus.BETAALD
    betaald.save()
    for p in (eerste, tweede):
        p.einde, p.einde_reden, p.status = dt.date(2027, 1, 20), "werkgever", "beeindigd"  # within a month
        p.save()
    uitkomst = resultaten.detecteer(vandaag=VANDAAG)
    assert (uitkomst.vervallen, uitkomst.gecrediteerd) == (1, 1)
    assert Claimregel.objects.get(deelname=eerste.deelname).status == c.ClaimStatus.VERVALLEN
    betaald.refresh_from_db()
    assert betaald.status == c.ClaimStatus.GECREDITEERD
    assert betaald.credit.bedrag == Decimal("-2500.00") and betaald.credit.soort == c.ClaimSoort.CREDIT
    assert resultaten.detecteer(vandaag=VANDAAG).gecrediteerd == 0  # once
    assert Claimregel.objects.count() == 3  # nothing deleted


def test_a_minimum_length_a_cap_per_payer_and_the_claim_deadline(geld):
    _afspraak(geld, min_maanden=6, plafond_aantal=2, declareren_tot=dt.date(2027, 2, 28))
    gemeente = GemeenteFactory()
    _contract(geld, DeelnemerFactory(gemeente=gemeente), gepland_einde=dt.date(2027, 3, 31))  # 3 months: too short
    for _ in range(3):
        _contract(geld, DeelnemerFactory(gemeente=gemeente), start=dt.date(2027, 1, 11))
    _contract(geld, DeelnemerFactory(gemeente=gemeente), start=dt.date(2027, 3, 1))  # after the deadline
    uitkomst = resultaten.detecteer(vandaag=VANDAAG)
    assert (uitkomst.nieuw, uitkomst.boven_plafond) == (2, 1)


def test_a_contract_converted_into_another_is_one_employment_measured_from_the_first_start(geld):
    """A BBL contract made permanent after three weeks did not end in its trial period, and the
    six months of a minimum or of durable work run from the first contract's start."""
    _afspraak(geld, min_maanden=6)
    _afspraak(geld, resultaat=c.ResultaatSoort.DUURZAAM_6, bedrag=Decimal("1000"))
    bbl = _contract(geld, start=dt.date(2026, 8, 3), gepland_einde=dt.date(2026, 12, 31))  # five months
    bbl.status, bbl.einde, bbl.gepland_einde = "omgezet", dt.date(2026, 8, 23), dt.date(2026, 8, 23)
    bbl.save()
    vast = Plaatsing.objects.create(
        deelname=bbl.deelname, leerwerkplek=bbl.leerwerkplek, soort="onbepaalde_tijd", start=dt.date(2026, 8, 24),
        status="gestart", bevestigde_versie=1, bevestigd_op=timezone.now(), voorgesteld_door=geld.regisseur,
        uren_per_week=36, omgezet_uit=bbl,
    )  # fmt: skip
    resultaten.detecteer(vandaag=VANDAAG)
    assert sorted((r.afspraak.resultaat, r.resultaat_op, r.oorzaak) for r in Claimregel.objects.all()) == [
        ("contract", dt.date(2026, 8, 3), f"plaatsing:{bbl.pk}"),
        ("duurzaam_6", dt.date(2027, 2, 3), f"plaatsing:{bbl.pk}"),
    ]
    # The permanent contract ends within the six months: the employment lasted too short.
    vast.einde, vast.gepland_einde, vast.status = dt.date(2026, 12, 1), dt.date(2026, 12, 1), "beeindigd"
    vast.einde_reden = "werkgever"
    vast.save()
    assert resultaten.detecteer(vandaag=VANDAAG).vervallen == 2


def test_six_months_in_work_and_a_certificate_are_results_too(geld):
    _afspraak(geld, resultaat=c.ResultaatSoort.DUURZAAM_6, bedrag=Decimal("1000"))
    vca = _afspraak(geld, resultaat=c.ResultaatSoort.CERTIFICAAT, certificaat="vca_basis", bedrag=Decimal("150"))
    lang = _contract(geld, start=dt.date(2026, 8, 3))
    _contract(geld, start=dt.date(2026, 12, 1))  # not yet six months
    for behaald in (dt.date(2019, 6, 1), dt.date(2027, 1, 15)):  # before the trajectory, and in it
        Certificaat.objects.create(
            deelnemer=lang.deelname.deelnemer, soort="vca_basis", behaald_op=behaald, geldig_tot=dt.date(2036, 6, 1)
        )
    resultaten.detecteer(vandaag=VANDAAG)
    assert sorted((r.afspraak.resultaat, r.resultaat_op) for r in Claimregel.objects.all()) == [
        ("certificaat", dt.date(2027, 1, 15)),
        ("duurzaam_6", dt.date(2027, 2, 3)),
    ]
    assert Claimregel.objects.get(afspraak=vca).bedrag == Decimal("150.00")


def test_a_source_as_payer(geld):
    _afspraak(geld, betaler_soort=c.BetalerSoort.BRON, betaler_bron=geld.gemeentebron)
    _contract(geld)
    resultaten.detecteer(vandaag=VANDAAG)
    assert Claimregel.objects.get().betaler == geld.gemeente


def test_detection_runs_in_a_fixed_number_of_queries(geld, django_assert_max_num_queries):
    _afspraak(geld)
    _afspraak(geld, resultaat=c.ResultaatSoort.DUURZAAM_6)
    for _ in range(3):
        _contract(geld, start=dt.date(2026, 6, 1))
    with django_assert_max_num_queries(12):
        resultaten.detecteer(vandaag=VANDAAG)
    for _ in range(20):
        _contract(geld, start=dt.date(2026, 6, 1))
    with django_assert_max_num_queries(12):
        assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 40


def test_a_change_in_a_trajectory_queues_result_detection_after_commit(geld, django_capture_on_commit_callbacks):
    from leerwerk.events import traject_gewijzigd

    transaction.get_connection()._leerwerk_per_transactie = {}
    with django_capture_on_commit_callbacks() as callbacks:
        traject_gewijzigd(geld.traject.pk)
        traject_gewijzigd([geld.traject.pk])
    wachtend = [f for f in callbacks if f.__qualname__.startswith("per_transactie.")]
    assert len(wachtend) == 2  # the signals' recompute and the result detection, once each


def test_the_regisseur_records_an_agreement_on_the_budget_page_and_reached_results_count(client, geld):
    _contract(geld, start=dt.date(2026, 11, 2))
    client.force_login(geld.regisseur)
    url = reverse("financiering:afspraak_nieuw", args=[geld.traject.pk])
    response = client.post(url, {"resultaat": "contract", "bedrag": "-5", "betaler_soort": "bron"})
    html = response.content.decode()
    assert response.status_code == 400
    for fout in ("Het bedrag per resultaat is meer dan € 0,00.", "Kies wie het geld ontvangt.",
                 "Vul in tot wanneer gedeclareerd kan worden."):  # fmt: skip
        assert fout in html
    assert not Resultaatafspraak.objects.exists()
    response = client.post(
            url,
            {"resultaat": "contract", "bedrag": "2.500", "betaler_soort": "woongemeente", "ontvanger": geld.fonds.pk,
         "declareren_tot": "2027-12-31"},
    )  # fmt: skip
    assert response.status_code == 302
    resultaten.detecteer()  # what the task after the commit does
    html = client.get(
        reverse("financiering:afspraken", args=[geld.traject.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "€ 2.500,00" in html and "1 resultaat (0 betaald), samen" in html


def test_only_the_regisseur_of_the_trajectory_records_agreements(geld):
    from django.core.exceptions import PermissionDenied

    from financiering import services

    with pytest.raises(PermissionDenied):
        services.resultaatafspraak_create(
            acting_user=geld.financier, traject=geld.traject, resultaat="contract", bedrag=Decimal("1"),
            betaler_soort="woongemeente", ontvanger=geld.fonds, declareren_tot=dt.date(2027, 1, 1),
        )  # fmt: skip


def test_an_old_certificate_or_one_of_a_participant_never_admitted_is_no_result(geld):
    _afspraak(geld, resultaat=c.ResultaatSoort.CERTIFICAAT, bedrag=Decimal("150"))
    oud = DeelnameFactory(traject=geld.traject, status=tc.DeelnameStatus.OPLEIDING)
    Certificaat.objects.create(
        deelnemer=oud.deelnemer, soort="vca_basis", behaald_op=dt.date(2020, 1, 6), geldig_tot=dt.date(2030, 1, 6)
    )
    nooit = DeelnameFactory(traject=geld.traject, status=tc.DeelnameStatus.INTAKE)
    Certificaat.objects.create(
        deelnemer=nooit.deelnemer, soort="vca_basis", behaald_op=dt.date(2027, 1, 6), geldig_tot=dt.date(2037, 1, 6)
    )
    assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 0


def test_a_reversed_result_on_a_statement_the_payer_has_is_credited_not_lapsed(geld):
    from financiering import services
    from leerwerk.models import Rol
    from tests.factories import UserFactory

    _afspraak(geld)
    oss = GemeenteFactory()
    plaatsing = _contract(geld, DeelnemerFactory(gemeente=oss))
    resultaten.detecteer(vandaag=VANDAAG)
    declaratie = services.declaratie_create(
        acting_user=geld.financier, betaler=oss, periode_van=dt.date(2027, 1, 1), periode_tot=dt.date(2027, 3, 1)
    )
    services.declaratie_submit(acting_user=geld.financier, declaratie=declaratie)
    plaatsing.einde, plaatsing.einde_reden, plaatsing.status = dt.date(2027, 1, 20), "werkgever", "beeindigd"
    plaatsing.save()
    assert resultaten.detecteer(vandaag=VANDAAG).gecrediteerd == 1
    regel = Claimregel.objects.get(soort=c.ClaimSoort.RESULTAAT)
    assert regel.status == c.ClaimStatus.GECREDITEERD and regel.declaratie == declaratie
    betaler = UserFactory(organisatie=oss, rollen=[Rol.FINANCIER])
    services.declaratie_approve(acting_user=betaler, declaratie=declaratie)
    services.declaratie_mark_paid(acting_user=betaler, declaratie=declaratie)
    assert regel.credit.status == c.ClaimStatus.OPEN  # on the next statement, against the payment


def test_result_payments_from_a_source_count_in_its_balance(geld):
    from financiering import selectors

    _afspraak(geld, betaler_soort=c.BetalerSoort.BRON, betaler_bron=geld.gemeentebron, ontvanger=geld.fonds)
    _contract(geld)
    resultaten.detecteer(vandaag=VANDAAG)
    saldo = selectors.saldo(geld.gemeentebron)
    assert (saldo.gedeclareerd, saldo.beschikbaar) == (Decimal("2500.00"), Decimal("2500.00"))


def test_a_conversion_that_starts_later_keeps_the_employment_whole_meanwhile(geld):
    """Confirmed on 20 January, the permanent contract starts on 1 April: the BBL contract ends
    on 31 March and is not judged alone in between (no lapse, no second claim on 1 April)."""
    _afspraak(geld, min_maanden=6)
    bbl = _contract(geld, start=dt.date(2027, 1, 4), gepland_einde=dt.date(2027, 3, 31))
    bbl.status, bbl.einde, bbl.gepland_einde = "omgezet", dt.date(2027, 3, 31), dt.date(2027, 3, 31)
    bbl.save()
    Plaatsing.objects.create(
        deelname=bbl.deelname, leerwerkplek=bbl.leerwerkplek, soort="onbepaalde_tijd", start=dt.date(2027, 4, 1),
        status="bevestigd", bevestigde_versie=1, bevestigd_op=timezone.now(), voorgesteld_door=geld.regisseur,
        uren_per_week=36, omgezet_uit=bbl,
    )  # fmt: skip
    assert resultaten.detecteer(vandaag=VANDAAG).nieuw == 1  # 1 March: the chain is one employment
    regel = Claimregel.objects.get()
    assert (regel.resultaat_op, regel.oorzaak) == (dt.date(2027, 1, 4), f"plaatsing:{bbl.pk}")
    for dag in (dt.date(2027, 4, 1), dt.date(2027, 8, 1)):
        uitkomst = resultaten.detecteer(vandaag=dag)
        assert (uitkomst.nieuw, uitkomst.vervallen, uitkomst.gecrediteerd) == (0, 0, 0)


def test_a_trial_placement_before_the_contract_is_no_part_of_the_employment(geld):
    """A proefplaatsing (benefit kept) converted into a BBL contract: the contract's own start."""
    _afspraak(geld)
    proef = _contract(geld, soort="proefplaatsing", start=dt.date(2026, 11, 2))
    proef.status, proef.einde, proef.gepland_einde = "omgezet", dt.date(2027, 1, 3), dt.date(2027, 1, 3)
    proef.save()
    bbl = Plaatsing.objects.create(
        deelname=proef.deelname, leerwerkplek=proef.leerwerkplek, soort="bbl", start=dt.date(2027, 1, 4),
        status="gestart", bevestigde_versie=1, bevestigd_op=timezone.now(), voorgesteld_door=geld.regisseur,
        uren_per_week=32, omgezet_uit=proef,
    )  # fmt: skip
    resultaten.detecteer(vandaag=VANDAAG)
    assert Claimregel.objects.get().oorzaak == f"plaatsing:{bbl.pk}"
    assert Claimregel.objects.get().resultaat_op == dt.date(2027, 1, 4)
