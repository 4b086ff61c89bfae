"""The browser journey of issue 16: the employer asks a question on a phone-sized screen (360 px
wide), the jobcoach answers, the employer sees the answer. Headless Chromium (Debian's, driven by
Playwright) against the live server, under the strict CSP. Every new page: axe-core (WCAG 2.1 AA)
at 360 and 1280 px, no sideways scrolling on the phone, the portal's touch targets of 44 px.

With QUESTION_SCREENSHOTS=<folder> the pages are saved at both widths for a human look."""

import datetime
import os
import shutil

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from begeleiding import services
from begeleiding.models import Werkgeversvraag
from deelnemers.models import Deelnemer
from tests.browser.helpers import axe_violations, login, secties_geladen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = os.environ.get("QUESTION_SCREENSHOTS")
VOORNAAM, ACHTERNAAM = "Qamira", "Zorgvuldighuis"
TELEFOON = {"width": 360, "height": 740}
BUREAU = {"width": 1280, "height": 900}


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM calls next to Playwright's loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"], headless=True
        )
        context = browser.new_context(locale="nl-NL", viewport=TELEFOON, has_touch=True)
        page = context.new_page()
        page.csp = []
        page.on("console", lambda msg: page.csp.append(msg.text) if "Content Security Policy" in msg.text else None)
        yield page
        context.close()
        browser.close()


def _check(page, name):
    """axe at 360 and 1280 px; on the phone no sideways scrolling and big enough touch targets."""
    secties_geladen(page)
    for breedte, viewport in (("360", TELEFOON), ("1280", BUREAU)):
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], f"{name} at {breedte} px"
        if viewport is TELEFOON:
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name}: scrolls"
            small = page.evaluate(
                """() => [...document.querySelectorAll('.werkgevers-portal button, .werkgevers-kaart__link,'
                         + ' .werkgevers-portal select, .werkgevers-portal textarea')]
                    .filter(el => el.offsetParent !== null)
                    .map(el => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect().height])
                    .filter(([, h]) => h < 44)"""
            )
            assert small == [], f"{name}: touch targets below 44 px"
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/vragen-{name}-{breedte}.png", full_page=True)
    page.set_viewport_size(TELEFOON)


def _geen_naam(locator):
    tekst = locator.inner_html()
    assert VOORNAAM not in tekst and ACHTERNAAM not in tekst


def test_employer_asks_on_a_phone_the_jobcoach_answers_the_employer_reads_it(phone, live_server, coach, mailoutbox):
    page, base = phone, live_server.url
    deelname, plaatsing = coach.aan_het_werk()
    Deelnemer.objects.filter(pk=deelname.deelnemer_id).update(voornaam=VOORNAAM, achternaam=ACHTERNAAM)
    code = deelname.profiel.pseudoniem
    vraagtekst = "Hij wil op vrijdag eerder weg voor de taalles. Kan dat, en hoe regelen we de uren?"
    antwoordtekst = "Ja, dat is afgesproken in het leerplan. Hij werkt de uren op dinsdag in."

    # The employer, on a phone: the placement's page has a section to ask the jobcoach.
    login(page, base, coach.world.werkgever_user.email)
    page.goto(f"{base}{reverse('werkgever:plaatsing', args=[plaatsing.pk])}")
    secties_geladen(page)
    sectie = page.locator("#vragen")
    expect(sectie.get_by_role("heading", name="Vragen aan de jobcoach en de regisseur")).to_be_visible()
    _geen_naam(sectie)
    page.get_by_role("button", name="Vraag versturen").tap()  # empty: the Dutch field message
    expect(page.get_by_text("Schrijf uw vraag.")).to_be_visible()
    _geen_naam(page.locator("main"))
    _check(page, "1-werkgever-vraag-fout")
    page.get_by_label("Uw vraag").fill(vraagtekst)
    page.get_by_role("button", name="Vraag versturen").tap()
    expect(page.get_by_text("Uw vraag is verstuurd naar de jobcoach en de regisseur.")).to_be_visible()
    secties_geladen(page)
    expect(page.locator("#vragen").get_by_text("Nog niet beantwoord.")).to_be_visible()
    _geen_naam(page.locator("#vragen"))
    _check(page, "2-werkgever-plaatsing")
    vraag = Werkgeversvraag.objects.get()
    assert vraag.vraag == vraagtekst

    # Mijn werk: the card counts the open question and leads to the page of all questions.
    page.goto(f"{base}{reverse('mijn_werk_rol', args=['werkgever'])}")
    secties_geladen(page)
    kaart = page.get_by_role("region", name="Vragen aan de jobcoach")
    expect(kaart).to_contain_text("1 vraag wacht op antwoord.")
    _check(page, "3-werkgever-mijn-werk")
    kaart.get_by_role("link", name="Naar vragen en antwoorden").tap()
    page.wait_for_url(f"{base}{reverse('begeleiding:werkgever_vragen')}")
    expect(page.get_by_role("link", name=f"Kandidaat {code}: {coach.world.plek.functietitel}")).to_be_visible()
    _geen_naam(page.locator("main"))
    _check(page, "4-werkgever-vragen-open")
    assert page.csp == []

    # An older question, past its deadline: urgent on the jobcoach's list.
    oud = services.vraag_stellen(
        acting_user=coach.world.werkgever_user, plaatsing=plaatsing, vraag="Welke veiligheidsschoenen heeft hij nodig?"
    )
    Werkgeversvraag.objects.filter(pk=oud.pk).update(
        gesteld_op=timezone.now() - datetime.timedelta(days=5),
        uiterlijk_op=timezone.localdate() - datetime.timedelta(days=3),
    )

    # The jobcoach: the question to answer, then the answer (first without text).
    login(page, base, coach.jobcoach.email)
    page.set_viewport_size(BUREAU)
    page.goto(f"{base}{reverse('begeleiding:vragen')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vragen van werkgevers")
    expect(page.locator(f"#vraag-{oud.pk}")).to_contain_text("te laat")
    expect(page.locator(f"#vraag-{vraag.pk}")).not_to_contain_text("te laat")
    _check(page, "5-jobcoach-vragen")
    page.locator(f"#vraag-{vraag.pk}").get_by_role("link", name=f"{VOORNAAM} {ACHTERNAAM}").click()
    page.wait_for_url(f"{base}{reverse('begeleiding:vraag', args=[vraag.pk])}")
    expect(page.get_by_text(vraagtekst)).to_be_visible()
    # The placement's context loads lazily next to the question.
    expect(page.locator("#plaatsing")).to_contain_text(coach.world.plek.functietitel)
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Schrijf uw antwoord.")).to_be_visible()
    _check(page, "6-jobcoach-vraag-fout")
    page.get_by_label("Uw antwoord").fill(antwoordtekst)
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Uw antwoord is verstuurd.")).to_be_visible()
    _check(page, "7-jobcoach-beantwoord")
    assert page.csp == []

    # The employer follows the link in the e-mail (no answer in it) and reads the answer.
    mail = next(m for m in mailoutbox if coach.world.werkgever_user.email in m.to)
    assert antwoordtekst not in mail.body and VOORNAAM not in mail.body
    link = next(regel for regel in mail.body.splitlines() if regel.startswith(settings.SITE_URL))
    assert link.endswith(f"#vraag-{vraag.pk}")
    login(page, base, coach.world.werkgever_user.email)
    page.set_viewport_size(TELEFOON)
    page.goto(link.replace(settings.SITE_URL, base))
    item = page.locator(f"#vraag-{vraag.pk}")
    expect(item).to_contain_text(antwoordtekst)
    expect(item).to_contain_text("Jet Jobcoach (jobcoach)")
    _geen_naam(page.locator("main"))
    _check(page, "8-werkgever-antwoord")
    page.goto(f"{base}{reverse('werkgever:plaatsing', args=[plaatsing.pk])}")
    secties_geladen(page)
    expect(page.locator("#vragen")).to_contain_text(antwoordtekst)
    assert page.csp == []
