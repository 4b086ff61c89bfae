"""The beheerder searches the access log in the browser: by BSN (posted, never in the address),
then by the candidate's number, with the keyboard, under the CSP, and axe at 1280 and 360 px."""

import re

import pytest
from playwright.sync_api import expect

from deelnemers.models import Deelnemer
from leerwerk.demo import demo_email
from leerwerk.models import AccessLog
from tests.browser.helpers import axe_op_beide_breedtes, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_the_beheerder_finds_every_read_of_a_candidate_from_the_bsn(page, live_server, demo_world, csp_violations):
    deelnemer = Deelnemer.objects.filter(deelnames__isnull=False).order_by("pk").first()
    deelname = deelnemer.deelnames.order_by("pk").first()
    for object_type, object_id in (("deelnemers.Deelnemer", deelnemer.pk), ("trajecten.Deelname", deelname.pk)):
        AccessLog.objects.create(action="view", object_type=object_type, object_id=str(object_id), result="allowed",
                                 user_email="km@test.example", rol="klantmanager", ip="192.0.2.9")  # fmt: skip

    login(page, live_server.url, demo_email("beheerder"))
    page.goto(f"{live_server.url}/beheer/leerwerk/accesslog/")
    axe_op_beide_breedtes(page)

    page.get_by_role("link", name="Kandidaatnummer opzoeken met een BSN").click()
    page.get_by_label("BSN").fill(deelnemer.bsn)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"\?kandidaat={deelnemer.pk}$"))
    assert deelnemer.bsn not in page.url
    expect(page.get_by_label("Kandidaat (nummer)")).to_have_value(str(deelnemer.pk))
    expect(page.get_by_text(f"Deelname #{deelname.pk}")).to_be_visible()
    # the two reads, and the beheerder's own lookup: finding the number is a read of the person
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    expect(page.locator("#result_list tbody tr").first).to_contain_text(demo_email("beheerder"))
    axe_op_beide_breedtes(page)

    # a wrong period: a Dutch error next to the field, reached by the keyboard
    page.get_by_label("Van (dd-mm-jjjj)").fill("31-12-2026")
    page.get_by_label("Tot en met (dd-mm-jjjj)").fill("01-01-2026")
    page.get_by_label("Tot en met (dd-mm-jjjj)").press("Enter")
    expect(page.get_by_text("De einddatum ligt vóór de begindatum.")).to_be_visible()
    axe_op_beide_breedtes(page)
    assert csp_violations == []
