"""The financing pages (issue 13): the financier's sources and decisions, the regisseur's budget
page and the trajectory page's section; refusals come back as field errors in Dutch and leave
nothing written; the pages cost the same queries for 1 line as for 50."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from financiering import constants as c
from financiering import selectors, services
from financiering.models import Begrotingsregel, Dekking, Financieringsbron
from tests.financiering.conftest import regel
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _dek(w, r, **kwargs):
    return services.dekking_propose(acting_user=w.regisseur, traject=w.traject, bron=w.bron, regel=r, **kwargs)


def test_the_financier_sees_the_sources_balance_and_what_waits(client, geld):
    services.dekking_approve(
        acting_user=geld.financier, dekking=_dek(geld, regel(geld, bedrag="2500"), bedrag=Decimal("2500"))
    )
    _dek(geld, regel(geld, bedrag="1000", omschrijving="Praktijkdeel"), aandeel=Decimal("40"))
    client.force_login(geld.financier)
    html = met_secties(client, reverse("financiering:overzicht"))
    assert "Opleidingsbudget" in html and "€ 10.000,00" in html and "€ 7.500,00" in html  # budget, available
    assert "Praktijkdeel" in html and "€ 400,00" in html and "40% van de regel" in html  # waiting
    assert "Participatiebudget" not in html  # the gemeente's source is not theirs


def test_toezeggen_from_the_page_commits_and_says_so(client, geld):
    dekking = _dek(geld, regel(geld, bedrag="800"), bedrag=Decimal("800"))
    client.force_login(geld.financier)
    response = client.post(reverse("financiering:dekking_toezeggen", args=[dekking.pk]), follow=True)
    assert "Toegezegd: € 800,00 voor Basisvakopleiding" in response.content.decode()
    dekking.refresh_from_db()
    assert dekking.status == c.DekkingStatus.TOEGEZEGD


def test_a_refused_commitment_shows_the_balance_and_changes_nothing(client, geld):
    services.bron_save(acting_user=geld.financier, bron=geld.bron, bedrag=Decimal("500"))
    dekking = _dek(geld, regel(geld, bedrag="800"), bedrag=Decimal("800"))
    client.force_login(geld.financier)
    html = client.post(reverse("financiering:dekking_toezeggen", args=[dekking.pk]), follow=True).content.decode()
    assert "Niet toegezegd. Opleidingsbudget kan € 800,00 niet dragen." in html and "beschikbaar € 500,00" in html
    dekking.refresh_from_db()
    assert dekking.status == c.DekkingStatus.VOORGESTELD


def test_afwijzen_asks_for_a_reason(client, geld):
    dekking = _dek(geld, regel(geld), bedrag=Decimal("100"))
    client.force_login(geld.financier)
    url = reverse("financiering:dekking_afwijzen", args=[dekking.pk])
    response = client.post(url, {"reden": ""})
    assert response.status_code == 400 and "Geef de reden van de afwijzing." in response.content.decode()
    client.post(url, {"reden": "Valt buiten ons jaarplan."})
    dekking.refresh_from_db()
    assert (dekking.status, dekking.reden) == (c.DekkingStatus.AFGEWEZEN, "Valt buiten ons jaarplan.")


def test_a_source_form_with_bad_input_answers_400_in_dutch_and_saves_nothing(client, geld):
    client.force_login(geld.financier)
    voor = Financieringsbron.objects.count()
    response = client.post(
        reverse("financiering:bron_nieuw"),
        {"naam": "Nieuw", "soort": "oo_fonds", "bedrag": "12,345", "geldig_van": "2027-01-01",
         "geldig_tot": "2026-01-01", "looptijd": "eenmalig"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert "Een bedrag heeft hoogstens twee cijfers achter de komma." in html
    assert "Kies minstens één kostencategorie die deze bron mag betalen." in html
    assert Financieringsbron.objects.count() == voor


def test_a_source_is_saved_with_dutch_amounts(client, geld):
    client.force_login(geld.financier)
    response = client.post(
        reverse("financiering:bron_nieuw"),
        {"naam": "Praktijkfonds", "soort": "oo_fonds", "bedrag": "12.500,50", "geldig_van": "2027-01-01",
         "geldig_tot": "2027-12-31", "looptijd": "eenmalig", "categorieen": ["vca", "praktijkassessment"]},
    )  # fmt: skip
    assert response.status_code == 302
    bron = Financieringsbron.objects.get(naam="Praktijkfonds")
    assert (bron.bedrag, bron.organisatie, bron.categorieen) == (
        Decimal("12500.50"),
        geld.fonds,
        ["vca", "praktijkassessment"],
    )


def test_the_regisseur_builds_a_budget_and_proposes_cover_on_the_budget_page(client, geld):
    client.force_login(geld.regisseur)
    url = reverse("financiering:begroting", args=[geld.traject.pk])
    client.post(
        reverse("financiering:regel_nieuw", args=[geld.traject.pk]),
        {"categorie": "vakopleiding", "omschrijving": "Basisvakopleiding", "grondslag": "deelnemer", "bedrag": "1.250"},
    )
    r = Begrotingsregel.objects.get(traject=geld.traject)
    assert r.bedrag == Decimal("1250")
    response = client.post(
        reverse("financiering:dekking_nieuw", args=[geld.traject.pk]),
        {"regel": f"r{r.pk}", "bron": geld.bron.pk, "aandeel": "45"},
        follow=True,
    )
    assert "Voorgesteld aan Opleidingsbudget" in response.content.decode()
    html = met_secties(client, url)
    assert "€ 12.500,00" in html and "€ 5.625,00" in html and "€ 6.875,00" in html  # planned, 45%, gap


def test_cover_over_the_line_is_refused_on_the_page_with_nothing_written(client, geld):
    r = regel(geld, bedrag="100")
    client.force_login(geld.regisseur)
    response = client.post(
        reverse("financiering:dekking_nieuw", args=[geld.traject.pk]),
        {"regel": f"r{r.pk}", "bron": geld.bron.pk, "bedrag": "100,01"},
    )
    assert response.status_code == 400
    assert "Deze regel zou voor meer dan zijn bedrag gedekt zijn" in response.content.decode()
    assert not Dekking.objects.exists()
    response = client.post(
        reverse("financiering:dekking_nieuw", args=[geld.traject.pk]),
        {"regel": f"r{r.pk}", "bron": geld.bron.pk, "bedrag": "10", "aandeel": "10"},
    )
    assert response.status_code == 400 and "Geef een bedrag of een aandeel, niet allebei." in response.content.decode()


def test_the_trajectory_pages_section_shows_the_gap(client, geld):
    r = regel(geld, bedrag="1000")
    _dek(geld, r, bedrag=Decimal("600"))
    client.force_login(geld.regisseur)
    html = client.get(
        reverse("financiering:traject_sectie", args=[geld.traject.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Financieringsgat" in html and "€ 400,00" in html and "<html" not in html


def test_the_pages_and_their_sections_cost_the_same_queries_for_1_and_50_lines(client, geld):
    urls = [
        (geld.regisseur, reverse(naam, args=[geld.traject.pk]))
        for naam in (
            "financiering:begroting",
            "financiering:begroting_regels",
            "financiering:begroting_formulieren",
            "financiering:traject_sectie",
        )
    ] + [
        (geld.financier, reverse(naam))
        for naam in ("financiering:overzicht", "financiering:wachtend", "financiering:besloten")
    ]

    def tel():
        uit = []
        for user, url in urls:
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as q:
                assert client.get(url).status_code == 200
            uit.append(len(q))
        return uit

    services.dekking_approve(
        acting_user=geld.financier, dekking=_dek(geld, regel(geld, bedrag="10"), bedrag=Decimal("5"))
    )
    _dek(geld, regel(geld, bedrag="10", omschrijving="Nog een"), bedrag=Decimal("5"))  # one decided, one waiting
    een = tel()
    for i in range(48):
        dekking = _dek(geld, regel(geld, bedrag="10", omschrijving=f"Regel {i}"), bedrag=Decimal("5"))
        if i % 2:
            services.dekking_approve(acting_user=geld.financier, dekking=dekking)
    assert tel() == een


def test_the_pages_are_light_shells_with_their_sections_lazy(client, geld):
    _dek(geld, regel(geld), bedrag=Decimal("5"))
    client.force_login(geld.regisseur)
    html = client.get(reverse("financiering:begroting", args=[geld.traject.pk])).content.decode()
    for naam in ("begroting_regels", "begroting_formulieren"):
        assert f'hx-get="{reverse(f"financiering:{naam}", args=[geld.traject.pk])}"' in html
    assert "Basisvakopleiding" not in html and "<select" not in html
    client.force_login(geld.financier)
    html = client.get(reverse("financiering:overzicht")).content.decode()
    assert f'hx-get="{reverse("financiering:wachtend")}"' in html and "Basisvakopleiding" not in html
    assert f'hx-get="{reverse("financiering:bronnen")}"' in html and "Opleidingsbudget" not in html


def test_a_refused_form_comes_back_inline_with_its_errors(client, geld):
    client.force_login(geld.regisseur)
    response = client.post(reverse("financiering:regel_nieuw", args=[geld.traject.pk]), {"omschrijving": ""})
    html = response.content.decode()
    assert response.status_code == 400 and 'id="formulieren" class="financiering-formulieren"' in html
    assert "Kies een kostencategorie." in html and "Geef een omschrijving." in html


def test_the_budget_pages_head_holds_no_section(client, geld):
    client.force_login(geld.regisseur)
    html = client.get(reverse("financiering:begroting", args=[geld.traject.pk])).content.decode()
    titel = html[html.index("<title>") : html.index("</title>")]
    assert "<" not in titel[len("<title>") :] and html.count('id="afspraken"') == 1


def test_an_invoice_is_recorded_against_a_line_and_shown_as_realised(client, geld):
    r = regel(geld, bedrag="1000")
    client.force_login(geld.regisseur)
    url = reverse("financiering:factuur_nieuw", args=[geld.traject.pk])
    fout = {"regel": f"r{r.pk}", "leverancier": "Vakschool", "nummer": "F-1", "datum": "2027-02-01", "bedrag": "-5"}
    response = client.post(url, fout)
    assert response.status_code == 400 and "Het bedrag is meer dan € 0,00." in response.content.decode()
    goed = {
        "regel": f"r{r.pk}",
        "leverancier": "Vakschool",
        "nummer": "F-1",
        "datum": "2027-02-01",
        "bedrag": "1.250,50",
    }
    assert client.post(url, goed).status_code == 302
    response = client.post(url, goed)
    assert (
        response.status_code == 400
        and "Deze factuur van deze leverancier is al vastgelegd." in response.content.decode()
    )
    html = met_secties(client, reverse("financiering:begroting", args=[geld.traject.pk]))
    assert "Gefactureerd" in html and "€ 1.250,50" in html
    assert selectors.begroting(geld.traject).gefactureerd == Decimal("1250.50")


def test_the_budget_as_a_spreadsheet(client, geld):
    import io

    from openpyxl import load_workbook

    regel(geld, bedrag="450", grondslag=c.Grondslag.DEELNEMER, omschrijving="=2+2")
    client.force_login(geld.regisseur)
    response = client.get(reverse("financiering:begroting_xlsx", args=[geld.traject.pk]))
    blad = load_workbook(io.BytesIO(response.content)).active
    rij = [cel.value for cel in blad[2]]
    assert rij[1] == "'=2+2" and Decimal(str(rij[5])) == Decimal("4500")  # escaped; planned on the capacity
