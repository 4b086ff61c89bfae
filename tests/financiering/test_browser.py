"""Financing in headless Chromium (issue 13): the regisseur builds a budget and plan, the O&O-fonds
commits, a confirmed contract gives a claim line, the fund claims it and the payer approves and
marks it paid. axe (WCAG 2.1 AA) on every page on the way; no CSP violations."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from financiering import constants as c
from financiering import resultaten
from financiering.models import Claimregel, Declaratie, Dekking
from financiering.tasks import declaratie_pdf
from leerwerk.models import Rol
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, page  # noqa: F401
from tests.browser.helpers import axe_violations, login, secties_geladen
from tests.factories import DeelnemerFactory, GemeenteFactory, UserFactory
from tests.financiering.test_resultaten import _contract

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_from_budget_to_a_paid_claim(page, live_server, geld, csp_violations, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    base, t = live_server.url, geld.traject.pk
    oss = GemeenteFactory(naam="Oss")
    betaler = UserFactory(organisatie=oss, rollen=[Rol.FINANCIER])

    # The regisseur: a cost line, cover from the O&O-fonds, and a result agreement.
    login(page, base, geld.regisseur.email)
    page.goto(f"{base}/trajecten/{t}/begroting/")
    secties_geladen(page)
    assert axe_violations(page) == []
    regel_form = page.locator(f"form[action='/trajecten/{t}/begroting/regels/nieuw/']")
    regel_form.get_by_label("Kostencategorie").select_option("vakopleiding")
    regel_form.get_by_label("Omschrijving").fill("Basisvakopleiding")
    regel_form.get_by_label("per groep").check()
    regel_form.get_by_label("Bedrag (€)").fill("4.000")
    regel_form.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("De regel Basisvakopleiding is toegevoegd.")).to_be_visible()
    secties_geladen(page)
    dekking_form = page.locator(f"form[action='/trajecten/{t}/begroting/dekkingen/nieuw/']")
    dekking_form.get_by_label("Begrotingsregel").select_option(label="Vakopleiding: Basisvakopleiding")
    dekking_form.get_by_label("Financieringsbron").select_option(label="Opleidingsbudget (O&O-fonds Installatie)")
    dekking_form.get_by_label("Aandeel (%)").fill("45")
    dekking_form.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_text("Voorgesteld aan Opleidingsbudget.")).to_be_visible()
    secties_geladen(page)
    expect(page.locator(".financiering-gat dd")).to_have_text("€ 2.200,00")
    afspraak_form = page.locator(f"form[action='/trajecten/{t}/begroting/afspraken/nieuw/']")
    afspraak_form.get_by_label("Resultaat", exact=True).select_option("contract")
    afspraak_form.get_by_label("Bedrag per resultaat (€)").fill("2500")
    afspraak_form.get_by_label("Ontvanger").select_option(label="O&O-fonds Installatie")
    afspraak_form.get_by_label("Declareren tot en met").fill("2027-12-31")
    afspraak_form.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De resultaatafspraak is vastgelegd")).to_be_visible()
    secties_geladen(page)
    assert axe_violations(page) == []

    # The O&O-fonds commits its part.
    login(page, base, geld.financier.email)
    page.goto(f"{base}/financiering/")
    secties_geladen(page)
    assert axe_violations(page) == []
    page.locator("#wachtend").get_by_role("button", name="Toezeggen").click()
    expect(page.get_by_text("Toegezegd: € 1.800,00 voor Basisvakopleiding")).to_be_visible()
    assert Dekking.objects.get().status == c.DekkingStatus.TOEGEZEGD

    # A participant from Oss starts with a confirmed contract: the detection finds the result.
    _contract(geld, DeelnemerFactory(gemeente=oss), start=dt.date.today() - dt.timedelta(days=40))
    resultaten.detecteer()  # what the task after the commit does
    assert Claimregel.objects.get().betaler == oss

    page.reload()
    secties_geladen(page)
    declaratie_form = page.locator("form[action='/financiering/declaraties/nieuw/']")
    declaratie_form.get_by_label("Bij").select_option(label="Oss")
    declaratie_form.get_by_role("button", name="Declaratie maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Declaratie DEC-")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("De pdf wordt gemaakt; ververs de pagina zo.")).to_be_visible()
    declaratie = Declaratie.objects.get()
    declaratie_pdf(declaratie.pk)  # what the Celery task does

    # The payer approves and records the payment.
    login(page, base, betaler.email)
    page.goto(f"{base}/financiering/declaraties/{declaratie.pk}/")
    expect(page.get_by_role("link", name="Pdf")).to_be_visible()
    assert "D-" in page.content() and axe_violations(page) == []
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text(f"Declaratie {declaratie.nummer} is goedgekeurd.")).to_be_visible()
    page.get_by_label("Betaald op").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Betaald").click()
    expect(page.get_by_text(f"Declaratie {declaratie.nummer} is betaald.")).to_be_visible()
    assert Claimregel.objects.get().status == c.ClaimStatus.BETAALD
    assert csp_violations == []


def test_the_paying_source_agrees_to_a_result_agreement(page, live_server, geld, csp_violations):  # noqa: F811
    """The O&O-fonds is asked to pay per certificate: its financier reads the agreement, opens the
    refusal form (axe), and agrees instead; the regisseur's trajectory page then shows it held."""
    from decimal import Decimal

    from financiering import services

    afspraak = services.resultaatafspraak_create(
        acting_user=geld.regisseur, traject=geld.traject, resultaat=c.ResultaatSoort.CERTIFICAAT,
        certificaat="vca_basis", bedrag=Decimal("150"), betaler_soort=c.BetalerSoort.BRON, betaler_bron=geld.bron,
        ontvanger=geld.gemeente, declareren_tot=dt.date(2027, 12, 31),
    )  # fmt: skip
    base = live_server.url
    login(page, base, geld.financier.email)
    page.goto(f"{base}/financiering/")
    secties_geladen(page)
    wachtend = page.locator("#wachtend")
    expect(wachtend.get_by_text("VCA basis", exact=False)).to_be_visible()
    wachtend.get_by_role("link", name="Afwijzen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("afspraak afwijzen")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Afwijzen").click()  # without a reason: refused, nothing lost
    expect(page.get_by_text("Geef de reden van de afwijzing.").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Annuleren").click()
    secties_geladen(page)
    page.locator("#wachtend").get_by_role("button", name="Akkoord").click()
    expect(page.get_by_text("Akkoord: Opleidingsbudget betaalt € 150,00 per resultaat")).to_be_visible()
    afspraak.refresh_from_db()
    assert afspraak.status == c.AfspraakStatus.AKKOORD
    assert csp_violations == []
