"""The results' filters, comparison and outputs (issue 14): XLSX, ODS and CSV and the council
PDF carry the page's figures through the same disclosure control; a filter chooses whole
trajectories; bad filter input gets a Dutch error; nobody reads another's report."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from leerwerk.models import Rol
from resultaten import selectors
from resultaten.models import Raadsrapportage
from resultaten.tasks import raadsrapportage_pdf
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectFaseFactory,
    UserFactory,
)
from tests.pdf import pdf_text
from tests.resultaten.test_definities import _contract
from tests.resultaten.test_pagina import MERKTEKEN, regio  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _rijen_xlsx(inhoud: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(inhoud)).active.iter_rows(values_only=True)]


def _tekst_ods(inhoud: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        return z.read("content.xml").decode()


def _alle_uitvoer(client, user, url_naam="resultaten:wethouder", keuze="") -> dict[str, str]:
    """Every output path of the results as text: page, section, the three exports and the PDF."""
    client.force_login(user)
    naam = url_naam.split(":")[1]
    uit = {
        "pagina": client.get(reverse(url_naam) + keuze).content.decode(),
        "sectie": client.get(reverse(f"resultaten:{naam}_overzicht") + keuze).content.decode(),
    }
    xlsx = client.get(reverse(f"resultaten:{naam}_export", args=["xlsx"]) + keuze)
    uit["xlsx"] = "\n".join(";".join("" if c is None else str(c) for c in r) for r in _rijen_xlsx(xlsx.content))
    uit["ods"] = _tekst_ods(client.get(reverse(f"resultaten:{naam}_export", args=["ods"]) + keuze).content)
    uit["csv"] = client.get(reverse(f"resultaten:{naam}_export", args=["csv"]) + keuze).content.decode("utf-8-sig")
    assert client.post(reverse(f"resultaten:{naam}_rapportage") + keuze).status_code == 302
    rapportage = Raadsrapportage.objects.filter(aangevraagd_door=user).latest("id")
    raadsrapportage_pdf(rapportage.pk)  # what the Celery worker does after the commit
    pdf = client.get(reverse(f"resultaten:{naam}_rapportage_pdf", args=[rapportage.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    uit["pdf"] = pdf_text(pdf.content)
    return uit


def test_every_output_carries_the_same_figures_and_none_names_a_person(client, regio):  # noqa: F811
    uit = _alle_uitvoer(client, regio["wethouder"])
    for pad, tekst in uit.items():
        assert MERKTEKEN not in tekst, pad
    for pad in ("sectie", "xlsx", "ods", "csv", "pdf"):
        assert "Installatie regio" in uit[pad], pad
        assert "Om niemand herkenbaar te maken" in uit[pad].replace("\n", " "), pad
    # the residents: three of them, "< 5" everywhere, never their number
    assert "Inwoners van uw gemeente: &lt; 5" in uit["sectie"]
    assert "< 5" in uit["csv"] and "&lt; 5" in uit["ods"] and "< 5" in uit["xlsx"]
    assert "Inwoners van uw gemeente: < 5" in uit["pdf"]
    # the trajectory's exact figures: 13 participants, 8 at work, 62%
    rij = next(r for r in csv.reader(io.StringIO(uit["csv"]), delimiter=";") if r and r[0] == "Installatie regio")
    kop = next(r for r in csv.reader(io.StringIO(uit["csv"]), delimiter=";") if r and r[0] == "Traject")
    waarden = dict(zip(kop, rij, strict=True))
    assert (waarden["Deelnemers"], waarden["Uitstroom naar werk"], waarden["Uitstroom naar werk (%)"]) == (
        "13",
        "8",
        "62",
    )
    assert waarden["Inwoners van uw gemeente"] == "< 5" and waarden["Inwoners: uitstroom naar werk"] == ""
    assert "Uitkomsten van 13 deelnemers" in uit["pdf"]


def test_the_csv_is_dutch_and_text_cannot_run_as_a_formula(client, regio):  # noqa: F811
    regio["traject"].naam = "=HYPERLINK(1)"
    regio["traject"].save()
    client.force_login(regio["regisseur"])
    antwoord = client.get(reverse("resultaten:regie_export", args=["csv"]))
    assert antwoord.content.startswith("\ufeff".encode()) and antwoord["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="resultaten-' in antwoord["Content-Disposition"]
    tekst = antwoord.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in tekst and ";=HYPERLINK" not in tekst and "\n=HYPERLINK" not in tekst
    assert "€" not in tekst and ",00" in tekst  # amounts as numbers with a decimal comma
    xlsx = _rijen_xlsx(client.get(reverse("resultaten:regie_export", args=["xlsx"])).content)
    assert any(r[0] == "'=HYPERLINK(1)" for r in xlsx)
    assert "'=HYPERLINK(1)" in _tekst_ods(client.get(reverse("resultaten:regie_export", args=["ods"])).content)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_group_of_one_to_four_residents_is_in_no_export_nor_pdf(client, n):
    uden, oss = GemeenteFactory(naam="Uden"), GemeenteFactory(naam="Oss")
    traject = TrajectFactory(naam="Regionaal", regie_organisatie=oss)
    for gemeente in (oss,) * 12 + (uden,) * n:
        _contract(DeelnameFactory(traject=traject, status="geplaatst", deelnemer=DeelnemerFactory(gemeente=gemeente)),
                  dt.date(2026, 2, 2))  # fmt: skip
    uit = _alle_uitvoer(client, UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER]))
    rij = next(r for r in csv.reader(io.StringIO(uit["csv"]), delimiter=";") if r and r[0] == "Regionaal")
    assert rij[-3:] == ["< 5", "", ""]  # the residents, their outflow, its share
    assert f"Inwoners van uw gemeente: {n}" not in uit["pdf"] + uit["sectie"]
    assert "Inwoners van uw gemeente: < 5" in uit["pdf"]


@pytest.fixture
def drie():
    """Three trajectories of Oss: installation 2025-2026, construction 2026, glass 2024."""
    oss = GemeenteFactory(naam="Oss")
    trajecten = {}
    soorten = (
        ("Installatie", "installatietechniek", dt.date(2025, 9, 1), dt.date(2026, 6, 30), 3),
        ("Bouw", "bouw", dt.date(2026, 1, 5), dt.date(2026, 12, 18), 1),
        ("Glas", "glas", dt.date(2024, 3, 1), dt.date(2024, 11, 1), 2),
    )
    for naam, sector, start, eind, werk in soorten:
        t = TrajectFactory(naam=naam, sector=sector, regie_organisatie=oss)
        TrajectFaseFactory(traject=t, soort="voortraject", start=start, eind=start + dt.timedelta(days=30))
        TrajectFaseFactory(traject=t, soort="opleiding", start=start + dt.timedelta(days=31), eind=eind)
        for i in range(4):
            d = DeelnameFactory(traject=t, status="geplaatst" if i < werk else "opleiding")
            if i < werk:
                _contract(d, start + dt.timedelta(days=40))
        trajecten[naam] = t
    return {"oss": oss, "trajecten": trajecten, "regisseur": UserFactory(organisatie=oss, rollen=[Rol.REGISSEUR])}


def _namen(user, data: dict) -> list[str]:
    from django.http import QueryDict

    q = QueryDict(mutable=True)
    for sleutel, waarde in data.items():
        q.setlist(sleutel, waarde if isinstance(waarde, list) else [waarde])
    return [r.traject.naam for r in selectors.rapport(user, Rol.REGISSEUR, q)["rijen"]]


def test_the_filters_choose_whole_trajectories(drie):
    r, t = drie["regisseur"], drie["trajecten"]
    assert _namen(r, {}) == ["Bouw", "Glas", "Installatie"]
    assert _namen(r, {"traject": [str(t["Bouw"].pk), str(t["Glas"].pk)]}) == ["Bouw", "Glas"]
    assert _namen(r, {"sector": "glas"}) == ["Glas"]
    assert _namen(r, {"cohort": "2025"}) == ["Installatie"]  # the year it started
    assert _namen(r, {"periode": "2026"}) == ["Bouw", "Installatie"]  # the years it ran
    assert _namen(r, {"periode": "2024", "sector": "bouw"}) == []


def test_a_filter_out_of_scope_or_malformed_is_refused_in_dutch(client, drie):
    elders = TrajectFactory(naam="Elders")
    client.force_login(drie["regisseur"])
    for keuze in (f"?traject={elders.pk}", "?traject=abc", "?cohort=1999", "?sector=ruimtevaart"):
        sectie = client.get(reverse("resultaten:regie_overzicht") + keuze).content.decode()
        assert "Deze keuze kan niet" in sectie and "Elders" not in sectie, keuze
        assert "Uitkomsten van" not in sectie
        assert "uit de lijst" in sectie, keuze  # the field's own message, on the filter above
        export = client.get(reverse("resultaten:regie_export", args=["csv"]) + keuze)
        assert export.status_code == 302  # back to the page, nothing exported
    assert client.get(reverse("resultaten:regie_export", args=["pdf"])).status_code == 404


def test_the_comparison_adds_up_and_its_chart_says_its_figures(client, drie):
    r = selectors.rapport(drie["regisseur"], Rol.REGISSEUR, {})
    v = r["vergelijking"]
    rijen = {str(label): (waarden, samen) for label, _s, waarden, samen in v.rijen}
    assert rijen["Deelnemers"] == ([4, 4, 4], 12)
    assert rijen["Uitstroom naar werk"] == ([1, 2, 3], 6)
    assert [str(p) for p in rijen["Uitstroom naar werk (%)"][0]] == ["25", "50", "75"]
    assert str(rijen["Uitstroom naar werk (%)"][1]) == "50"
    assert [(s.label, s.tekst, str(s.breedte)) for s in v.grafiek] == [
        ("Bouw", "1 van 4 (25%)", "25.0"), ("Glas", "2 van 4 (50%)", "50.0"), ("Installatie", "3 van 4 (75%)", "75.0")
    ]  # fmt: skip
    client.force_login(drie["regisseur"])
    sectie = client.get(reverse("resultaten:regie_overzicht")).content.decode()
    assert "3 trajecten naast elkaar" in sectie and "3 van 4 (75%)" in sectie
    assert 'width="75.0"' in sectie  # the bar of the chart, its value in text beside it
    one = client.get(reverse("resultaten:regie_overzicht") + f"?traject={drie['trajecten']['Bouw'].pk}")
    assert "naast elkaar" not in one.content.decode()  # one trajectory: nothing to compare


def test_drop_out_reasons_are_broken_down_all_or_nothing_for_the_wethouder():
    oss = GemeenteFactory(naam="Oss")
    traject = TrajectFactory(regie_organisatie=oss)
    for reden, n in (("taal", 5), ("gezondheid", 2)):
        for _i in range(n):
            DeelnameFactory(traject=traject, status="uitgevallen", uitval_reden=reden,
                            deelnemer=DeelnemerFactory(gemeente=oss))  # fmt: skip
    wethouder = UserFactory(organisatie=oss, rollen=[Rol.WETHOUDER])
    [rij], _k = selectors.overzicht(wethouder, Rol.WETHOUDER)
    assert rij.uitkomsten.per_klasse["uitgevallen"] == 7 and rij.redenen is None  # 2 of health: not shown
    regisseur = UserFactory(organisatie=oss, rollen=[Rol.REGISSEUR])
    [rij], _k = selectors.overzicht(regisseur, Rol.REGISSEUR)
    assert [(str(label), g.waarde) for label, g in rij.uitval_redenen()] == [("Taal", 5), ("Gezondheid", 2)]


def test_a_council_report_is_its_askers_own(client, regio):  # noqa: F811
    wethouder = regio["wethouder"]
    client.force_login(wethouder)
    client.post(reverse("resultaten:wethouder_rapportage"))
    rapportage = Raadsrapportage.objects.get(aangevraagd_door=wethouder)
    url = reverse("resultaten:wethouder_rapportage_pdf", args=[rapportage.pk])
    assert client.get(url).status_code == 404  # not ready yet
    raadsrapportage_pdf(rapportage.pk)
    raadsrapportage_pdf(rapportage.pk)  # twice: the same report again, one file
    assert client.get(url).status_code == 200
    collega = UserFactory(organisatie=wethouder.organisatie, rollen=[Rol.WETHOUDER, Rol.REGISSEUR])
    client.force_login(collega)
    assert client.get(url).status_code == 404
    assert client.get(reverse("resultaten:regie_rapportage_pdf", args=[rapportage.pk])).status_code == 404


@pytest.mark.parametrize("formaat", ["xlsx", "ods", "csv"])
def test_the_exports_are_for_their_role_only(client, regio, formaat):  # noqa: F811
    url = reverse("resultaten:wethouder_export", args=[formaat])
    assert client.get(url).status_code == 302  # to the login page
    for rol in (Rol.KLANTMANAGER, Rol.REGISSEUR, Rol.FINANCIER, Rol.WERKGEVER):
        client.force_login(UserFactory(organisatie=regio["wethouder"].organisatie, rollen=[rol]))
        assert client.get(url).status_code == 404
    client.force_login(regio["wethouder"])
    assert client.get(url).status_code == 200


def test_the_regisseur_drills_down_to_the_participants_they_may_read_and_each_read_is_logged(client, regio):  # noqa: F811
    """Regio: 10 of Oss (the regie, the regisseur's own gemeente), 7 of them at work; 3 of Uden
    without consent to share, one at work."""
    from leerwerk.audit import AccessLog

    regisseur, traject = regio["regisseur"], regio["traject"]
    client.force_login(regisseur)
    sectie = client.get(reverse("resultaten:regie_overzicht")).content.decode()
    url = reverse("resultaten:uitsplitsing", args=[traject.pk, "naar_werk"])
    assert url in sectie
    assert MERKTEKEN not in client.get(url).content.decode()  # the page is its heading: no one yet
    url = reverse("resultaten:uitsplitsing_sectie", args=[traject.pk, "naar_werk"])
    pagina = client.get(url).content.decode()
    assert pagina.count(MERKTEKEN) == 7 and f"{MERKTEKEN}u0" not in pagina
    assert "1 deelnemer uit een andere gemeente staat hier niet" in pagina
    gelogd = AccessLog.objects.filter(user_id=regisseur.pk, action="list", object_type="deelnemers.Deelnemer")
    assert gelogd.count() == 7 and {r.rol for r in gelogd} == {Rol.REGISSEUR}
    # with consent, the resident of Uden who works is named too
    uden_werk = traject.deelnames.get(deelnemer__achternaam=f"{MERKTEKEN}u0")
    ToestemmingFactory(deelnemer=uden_werk.deelnemer)
    assert client.get(url).content.decode().count(MERKTEKEN) == 8
    uitgevallen = client.get(reverse("resultaten:uitsplitsing_sectie", args=[traject.pk, "uitgevallen"]))
    uitgevallen = uitgevallen.content.decode()
    assert "Niemand die u mag inzien" in uitgevallen and "1 deelnemer uit een andere gemeente" in uitgevallen


def test_the_drill_down_is_the_regisseurs_of_their_own_trajectories_only(client, regio):  # noqa: F811
    traject = regio["traject"]
    andere = UserFactory(organisatie=GemeenteFactory(), rollen=[Rol.REGISSEUR])
    for naam in ("resultaten:uitsplitsing", "resultaten:uitsplitsing_sectie"):  # the page and its section
        url = reverse(naam, args=[traject.pk, "werk_direct"])
        client.force_login(regio["regisseur"])
        assert client.get(url).status_code == 200
        assert client.get(reverse(naam, args=[traject.pk, "onbekend"])).status_code == 404
        assert client.get(reverse(naam, args=[TrajectFactory().pk, "werk_direct"])).status_code == 404
        for user in (andere, regio["wethouder"]):
            client.force_login(user)
            assert client.get(url).status_code == 404
    client.force_login(regio["wethouder"])
    assert (
        reverse("resultaten:uitsplitsing", args=[traject.pk, "werk_direct"])
        not in client.get(reverse("resultaten:wethouder_overzicht")).content.decode()
    )


def test_the_section_exports_and_api_take_the_same_queries_for_1_and_50_trajectories(client):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    oss = GemeenteFactory(naam="Oss")
    wethouder = UserFactory(organisatie=oss, rollen=[Rol.WETHOUDER])
    client.force_login(wethouder)
    urls = ["/resultaten/", "/resultaten/overzicht/", "/resultaten/export.xlsx", "/resultaten/export.csv",
            "/api/v1/resultaten/"]  # fmt: skip

    def tel_queries():
        uit = {}
        for url in urls:
            with CaptureQueriesContext(connections["default"]) as q:
                assert client.get(url).status_code == 200
            uit[url] = len(q)
        return uit

    def traject(i):
        t = TrajectFactory(naam=f"Traject {i:02d}", regie_organisatie=oss)
        TrajectFaseFactory(traject=t)
        for j in range(3):
            d = DeelnameFactory(traject=t, status="geplaatst" if j else "uitgevallen", uitval_reden="" if j else "taal",
                                deelnemer=DeelnemerFactory(gemeente=oss))  # fmt: skip
            if j:
                _contract(d, dt.date(2026, 5, 4))

    traject(0)
    een = tel_queries()
    for i in range(1, 50):
        traject(i)
    vijftig = tel_queries()
    assert een == vijftig
    assert "Traject 49" in client.get("/resultaten/overzicht/").content.decode()


def test_risks_benefit_terms_through_disclosure_control_and_employers_that_have_not_confirmed(regio):  # noqa: F811
    from signalen.models import Signaal
    from tests.factories import LeerwerkplekFactory
    from werkgevers.models import Plaatsing

    traject = regio["traject"]
    deelnames = list(traject.deelnames.filter(status="geplaatst")[:2])
    for d in deelnames:
        Signaal.objects.create(
            regel="trajectduur", object_type="deelname", object_id=str(d.pk), deadline=dt.date(2026, 12, 20),
            ernst="waarschuwing", bericht="Trajectduur met uitkering.", rol=Rol.REGISSEUR,
            organisatie=traject.regie_organisatie, traject=traject, deelname=d,
        )  # fmt: skip
    Plaatsing.objects.create(
        deelname=deelnames[0], leerwerkplek=LeerwerkplekFactory(traject=traject), soort="bbl",
        start=dt.date(2027, 1, 4), status="voorgesteld", voorgesteld_door=regio["regisseur"], uren_per_week=32,
    )  # fmt: skip
    [regisseur], _k = selectors.overzicht(regio["regisseur"], Rol.REGISSEUR)
    assert "De termijn met uitkering is in zicht of voorbij voor 2 deelnemers." in regisseur.risicos
    assert "1 werkgever heeft een voorgestelde plaatsing nog niet bevestigd." in regisseur.risicos
    [wethouder], _k = selectors.overzicht(regio["wethouder"], Rol.WETHOUDER)
    assert "De termijn met uitkering is in zicht of voorbij voor minder dan 5 deelnemers." in wethouder.risicos


def test_a_trajectory_elsewhere_shows_the_residents_only(client):
    """Uden is no partner of a trajectory directed by Oss, but two residents of Uden started in it:
    the wethouder of Uden sees those two as '< 5', and nothing of the trajectory itself."""
    oss, uden = GemeenteFactory(naam="Oss"), GemeenteFactory(naam="Uden")
    traject = TrajectFactory(naam="Bij de buren", regie_organisatie=oss)
    for gemeente in (oss, oss, oss, uden, uden):
        DeelnameFactory(traject=traject, status="uitgevallen", uitval_reden="taal",
                        deelnemer=DeelnemerFactory(gemeente=gemeente))  # fmt: skip
    wethouder = UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER])
    r = selectors.rapport(wethouder, Rol.WETHOUDER, {})
    assert r["rijen"] == [] and [e.traject.naam for e in r["elders"]] == ["Bij de buren"]
    assert (str(r["elders"][0].eigen.totaal), r["elders"][0].eigen.per_klasse) == ("< 5", {})
    client.force_login(wethouder)
    sectie = client.get(reverse("resultaten:wethouder_overzicht")).content.decode()
    assert "Trajecten elders met inwoners van uw gemeente" in sectie and "Inwoners van uw gemeente: &lt; 5" in sectie
    assert "Uitkomsten van" not in sectie and "Redenen van uitval" not in sectie
    api = client.get("/api/v1/resultaten/").json()
    assert api["trajecten"] == [] and api["elders"][0]["eigen_inwoners"]["totaal"]["tekst"] == "< 5"
    rij = next(r for r in csv.reader(io.StringIO(client.get("/resultaten/export.csv").content.decode("utf-8-sig")),
                                     delimiter=";") if r and r[0] == "Bij de buren")  # fmt: skip
    assert rij[2] == "" and rij[-3:] == ["< 5", "", ""]  # no trajectory figure, the residents protected
    # Once Uden takes part, the partners' agreed figures show exactly.
    traject.gemeenten.add(uden)
    r = selectors.rapport(wethouder, Rol.WETHOUDER, {})
    assert [x.traject.naam for x in r["rijen"]] == ["Bij de buren"] and r["rijen"][0].uitkomsten.totaal == 5


def test_urgent_signals_about_people_and_result_payments_through_disclosure_control(regio):  # noqa: F811
    from financiering.models import Claimregel, Resultaatafspraak
    from signalen.models import Signaal

    traject = regio["traject"]
    werkend = list(traject.deelnames.filter(status="geplaatst")[:3])
    for d in werkend[:2]:
        Signaal.objects.create(
            regel="nazorg", object_type="deelname", object_id=str(d.pk), deadline=dt.date(2026, 12, 20),
            ernst="urgent", bericht="Nazorgcontact.", rol=Rol.REGISSEUR, organisatie=traject.regie_organisatie,
            traject=traject, deelname=d,
        )  # fmt: skip
    Signaal.objects.create(
        regel="bouwvak_fase", object_type="traject", object_id=str(traject.pk), deadline=dt.date(2026, 12, 20),
        ernst="urgent", bericht="Opleiding in de bouwvak.", rol=Rol.REGISSEUR,
        organisatie=traject.regie_organisatie, traject=traject,
    )  # fmt: skip
    afspraak = Resultaatafspraak.objects.create(
        traject=traject, resultaat="duurzaam_6", bedrag=1000, betaler_soort="woongemeente",
        ontvanger=traject.regie_organisatie, declareren_tot=dt.date(2027, 12, 31), status="akkoord",
        aangemaakt_door=regio["regisseur"],
    )  # fmt: skip
    for d in werkend[:2]:  # two still at work after six months: € 2.000 would say so
        Claimregel.objects.create(afspraak=afspraak, deelname=d, bedrag=1000, resultaat_op=dt.date(2026, 8, 2),
                                  oorzaak=f"plaatsing:{d.pk}", betaler=d.deelnemer.gemeente)  # fmt: skip
    [w], _k = selectors.overzicht(regio["wethouder"], Rol.WETHOUDER)
    assert (w.urgente_signalen_traject, str(w.urgente_signalen)) == (1, "< 5")
    assert (w.resultaat_tonen, w.resultaat_betaald, w.resultaat_open) == (False, None, None)
    [r], _k = selectors.overzicht(regio["regisseur"], Rol.REGISSEUR)
    assert (r.urgente_signalen_traject, r.urgente_signalen.waarde, r.resultaat_tonen) == (1, 2, True)
    assert r.resultaat_open == 2000


def test_a_council_report_that_fails_says_so(client, regio, settings, tmp_path):  # noqa: F811
    client.force_login(regio["wethouder"])
    client.post(reverse("resultaten:wethouder_rapportage"))
    rapportage = Raadsrapportage.objects.get()
    geen_map = tmp_path / "geen-map"
    geen_map.write_text("")
    settings.MEDIA_ROOT = str(geen_map)  # the storage cannot write there (a file, not a folder)
    with pytest.raises(OSError):
        raadsrapportage_pdf(rapportage.pk)
    rapportage.refresh_from_db()
    assert rapportage.status == "mislukt"
    assert "niet gelukt: maak de rapportage opnieuw" in client.get(reverse("resultaten:wethouder")).content.decode()


@pytest.mark.parametrize("uit_bijstand", [4, 5])
def test_the_wethouder_reads_the_savings_on_the_quarters_end_rounded_and_from_k_people(uit_bijstand):
    oss = GemeenteFactory(naam="Oss")
    traject = TrajectFactory(regie_organisatie=oss)
    for _i in range(uit_bijstand):
        deelnemer = DeelnemerFactory(gemeente=oss, uitkering_type="participatiewet_bijstand",
                                     uitkering_start=dt.date(2024, 1, 1), uitkering_maandbedrag=1401)  # fmt: skip
        _contract(DeelnameFactory(traject=traject, status="geplaatst", deelnemer=deelnemer), dt.date(2026, 2, 2))
    wethouder = UserFactory(organisatie=oss, rollen=[Rol.WETHOUDER])
    [r], _k = selectors.overzicht(wethouder, Rol.WETHOUDER, peildatum=dt.date(2026, 12, 6))
    b = r.besparing
    assert b.peildatum == dt.date(2026, 9, 30)  # the last full quarter: no day-to-day differences
    if uit_bijstand < 5:
        assert (b.gerealiseerd, b.verwacht, b.eigen_gerealiseerd) == (None, None, None)
    else:
        assert b.gerealiseerd > 0 and b.gerealiseerd % 25000 == 0 and b.verwacht % 25000 == 0
        assert b.eigen_gerealiseerd == b.gerealiseerd  # all of them live in Oss
    [regisseur], _k = selectors.overzicht(UserFactory(organisatie=oss, rollen=[Rol.REGISSEUR]), Rol.REGISSEUR)
    assert regisseur.besparing is None  # the regisseur reads the exact business case instead
