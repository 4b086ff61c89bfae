"""The regie's overleg and script in headless Chromium (issue 15), on the demo.

The regisseur plans an interim evaluation from the trajectory's overleg page, records the
missing minutes of the last feedback moment with a follow-up action for the opleider, and reads
the script. The jobcoach sees the organisation's tasks on the start page and marks one done
there. axe (WCAG 2.1 AA) on every page at 1280 and 360 px."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leerwerk.demo import demo_email
from leerwerk.models import User
from regie.models import Draaiboektaak, Overleg
from tests.browser.conftest import _allow_orm_next_to_playwright, csp_violations, demo_world, page  # noqa: F401
from tests.browser.helpers import axe_op_beide_breedtes, login, secties_geladen
from trajecten.demo import INSTALLATIE_NAAM
from trajecten.models import Traject, Vervolgactie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_the_regisseur_holds_the_overleg_and_a_partner_does_its_tasks(page, live_server, demo_world, csp_violations):  # noqa: F811
    base = live_server.url
    traject = Traject.objects.get(naam=INSTALLATIE_NAAM)
    login(page, base, demo_email("regisseur"))
    page.goto(f"{base}/trajecten/{traject.pk}/overleg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overleg met de partners")
    expect(page.get_by_text("notulen ontbreken")).to_have_count(1)
    axe_op_beide_breedtes(page)

    # Plan an interim evaluation, first with a mistake: the form says what to fix, in Dutch.
    datum = timezone.localdate() + dt.timedelta(days=10)
    plannen = page.get_by_role("region", name="Overleg plannen")
    plannen.get_by_label("Soort").select_option("tussenevaluatie")
    plannen.get_by_label("Datum").fill(datum.isoformat())
    plannen.get_by_label("Begintijd").fill("14:00")
    plannen.get_by_label("Eindtijd").fill("13:00")
    plannen.get_by_role("button", name="Plannen").click()
    expect(page.get_by_text("De eindtijd ligt na de begintijd.").first).to_be_visible()
    axe_op_beide_breedtes(page)
    plannen = page.get_by_role("region", name="Overleg plannen")
    plannen.get_by_label("Eindtijd").fill("15:30")
    plannen.get_by_label("Olga Opleider (Opleidingscentrum Techniek Brabant)").check()
    plannen.get_by_role("button", name="Plannen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tussenevaluatie")
    assert Overleg.objects.get(traject=traject, soort="tussenevaluatie").aanwezigen.count() == 1

    # The feedback moment without minutes: record them with an action for the opleider.
    zonder = Overleg.objects.filter(traject=traject, notulen="", datum__lt=timezone.localdate()).get()
    page.goto(f"{base}/overleg/{zonder.pk}/")
    page.get_by_label("Notulen", exact=True).fill("Voortgang besproken; de werkgevers willen het lesrooster.")
    page.get_by_label("Actie").first.fill("Lesrooster delen met de werkgevers")
    page.get_by_label("Eigenaar").first.select_option(label="Olga Opleider (Opleidingscentrum Techniek Brabant)")
    page.get_by_label("Uiterlijk op").first.fill((timezone.localdate() + dt.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Notulen vastleggen").click()
    expect(page.get_by_text("De notulen zijn vastgelegd.")).to_be_visible()
    assert Vervolgactie.objects.get(overleg=zonder).eigenaar.email == demo_email("opleider")
    axe_op_beide_breedtes(page)

    page.goto(f"{base}/trajecten/{traject.pk}/draaiboek/")
    expect(page.get_by_role("heading", level=2, name="Opleiding")).to_be_visible()
    axe_op_beide_breedtes(page)

    # The jobcoach: the organisation's open tasks on the start page, one marked done there.
    page.get_by_role("button", name="Uitloggen").click()
    login(page, base, demo_email("jobcoach"))
    secties_geladen(page)
    taken = page.get_by_role("region", name="Taken uit het draaiboek")
    jobcoach = User.objects.get(email=demo_email("jobcoach"))
    eerste = Draaiboektaak.objects.filter(eigenaar=jobcoach.organisatie, afgerond_op__isnull=True)
    n = eerste.count()
    assert n > 0
    taken.get_by_role("button", name="Afgerond").first.click()
    expect(page.get_by_text("Taak afgerond:")).to_be_visible()
    assert eerste.count() == n - 1
    axe_op_beide_breedtes(page)
    assert csp_violations == []


def test_the_covenant_from_a_readiness_gap_to_a_verified_seal(page, live_server, demo_world, csp_violations, tmp_path):  # noqa: F811
    """The regisseur fixes a readiness gap and sends a new version; three signatories sign in the
    browser (the other five parties through the service); the sealed PDF downloads and verifies,
    and a changed copy does not."""
    from regie.models import Convenant, ConvenantVersie
    from regie.services import convenant as cs
    from regie.tasks import convenant_renderen, convenant_verzegelen

    base = live_server.url
    traject = Traject.objects.get(naam=INSTALLATIE_NAAM)
    Convenant.objects.filter(traject=traject).update(uitval_aanpak="")  # the gap
    login(page, base, demo_email("regisseur"))
    page.goto(f"{base}/trajecten/{traject.pk}/convenant/")
    secties_geladen(page)
    gereedheid = page.get_by_role("region", name="Klaar om te versturen?")
    expect(gereedheid).to_contain_text("Beschrijf wat de partners doen als een deelnemer dreigt uit te vallen.")
    expect(gereedheid.get_by_role("button")).to_have_count(0)  # nothing to press that would be refused
    axe_op_beide_breedtes(page)
    gereedheid.get_by_role("link", name="Afspraken invullen").click()
    page.get_by_label("Aanpak bij uitval").fill("De regisseur belt binnen twee werkdagen met de deelnemer.")
    page.get_by_role("button", name="Afspraken opslaan").click()
    expect(page.get_by_text("De afspraken zijn opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Nieuwe versie versturen ter ondertekening").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Versie 2")
    versie = ConvenantVersie.objects.get(convenant__traject=traject, nummer=2)
    convenant_renderen(versie.pk)  # what the Celery worker does after the commit
    versie.refresh_from_db()
    assert ConvenantVersie.objects.get(convenant__traject=traject, nummer=1).status == "verzegeld"  # stays valid

    def teken(email):
        page.goto(f"{base}/convenanten/versies/{versie.pk}/")
        expect(page.get_by_text(versie.sha256).first).to_be_visible()
        page.get_by_role("button", name="Versie 2 tekenen").click()
        expect(page.get_by_text("Vink aan dat u deze versie hebt gelezen")).to_be_visible()
        page.get_by_label("Ik heb deze versie gelezen en teken namens mijn organisatie.").check()
        page.get_by_role("button", name="Versie 2 tekenen").click()
        expect(page.get_by_text("U hebt versie 2 getekend")).to_be_visible()

    teken(demo_email("regisseur"))
    axe_op_beide_breedtes(page)
    for rol in ("werkgever", "opleider"):
        page.get_by_role("button", name="Uitloggen").click()
        login(page, base, demo_email(rol))
        teken(demo_email(rol))
    for o in versie.ondertekeningen.filter(status="wacht").select_related("organisatie"):
        tekenaar = User.objects.filter(organisatie=o.organisatie, tekenbevoegd=True).first()
        cs.ondertekenen(acting_user=tekenaar, versie=versie, sha256=versie.sha256)
    convenant_verzegelen(versie.pk)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ondertekend en verzegeld")
    with page.expect_download() as download:
        page.get_by_role("link", name="Het verzegelde convenant downloaden (pdf)").click()
    verzegeld = tmp_path / "verzegeld.pdf"
    download.value.save_as(verzegeld)
    gewijzigd = tmp_path / "gewijzigd.pdf"
    inhoud = bytearray(verzegeld.read_bytes())
    inhoud[len(inhoud) // 2] ^= 0x01
    gewijzigd.write_bytes(bytes(inhoud))

    page.goto(f"{base}/convenanten/controleren/")
    page.get_by_label("Pdf-bestand van het convenant").set_input_files(str(verzegeld))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=2, name="Dit is het ondertekende convenant")).to_be_visible()
    axe_op_beide_breedtes(page)
    page.get_by_label("Pdf-bestand van het convenant").set_input_files(str(gewijzigd))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=2, name="Dit is niet het ondertekende convenant")).to_be_visible()
    assert csp_violations == []
