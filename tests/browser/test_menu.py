"""The header on a phone (issue 11): the menu folds behind a "Menu" button so the page starts
near the top; the button opens and closes it by mouse and keyboard; on a wide screen the menu is
always there and the button is not."""

import pytest

from leerwerk.demo import demo_email
from leerwerk.models import Rol
from tests.browser.helpers import axe_violations, login, secties_geladen

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "audit"])


def _user(make_user):
    return make_user(Rol.REGISSEUR, email=demo_email(Rol.REGISSEUR))


def test_on_a_phone_the_menu_folds_behind_a_button(page, live_server, make_user, csp_violations):
    _user(make_user)
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, live_server.url, demo_email(Rol.REGISSEUR))
    knop = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert knop.is_visible() and not nav.is_visible()
    header = page.locator(".leerwerk-header").bounding_box()
    assert header["height"] < 90  # it took about 270 px of a 740 px screen

    knop.focus()
    page.keyboard.press("Enter")
    assert knop.get_attribute("aria-expanded") == "true" and nav.is_visible()
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    assert knop.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    assert csp_violations == []


def test_on_a_wide_screen_the_menu_is_always_shown(page, live_server, make_user):
    _user(make_user)
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, live_server.url, demo_email(Rol.REGISSEUR))
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()


def test_the_candidate_page_fits_a_phone(page, live_server, make_user, gemeente):
    from tests.factories import DeelnameFactory, DeelnemerFactory, TrajectFactory

    km = make_user(Rol.KLANTMANAGER, email="km-telefoon@test.example")
    kandidaat = DeelnemerFactory(gemeente=gemeente, email="een.heel.lang.emailadres@voorbeeldgemeente.example")
    DeelnameFactory(traject=TrajectFactory(regie_organisatie=gemeente), deelnemer=kandidaat)
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, live_server.url, km.email)
    page.goto(f"{live_server.url}/kandidaten/{kandidaat.pk}/")
    secties_geladen(page)  # the lazy sections have loaded (htmx)
    assert page.evaluate("document.documentElement.scrollWidth") == 360  # nothing widens the page
    assert page.get_by_role("table", name="Beschikbare dagdelen").is_visible()
    email = page.get_by_text(kandidaat.email)
    assert email.bounding_box()["width"] <= 320
