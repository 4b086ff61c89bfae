"""Searching and filtering the candidate list in the browser (issue 11): a filter choice shows in
the address bar, the search term never does, also while paging through the results."""

import pytest

from leerwerk.models import Rol
from tests.browser.helpers import login, wacht_op
from tests.factories import DeelnemerFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "audit"])


def test_filters_go_into_the_address_and_the_search_term_does_not(page, live_server, make_user, gemeente,
                                                                  csp_violations):  # fmt: skip
    km = make_user(Rol.KLANTMANAGER, email="km-zoek@test.example")
    DeelnemerFactory.create_batch(27, gemeente=gemeente, doelgroep="overig", achternaam="Jansen")
    DeelnemerFactory(gemeente=gemeente, doelgroep="statushouder", achternaam="Haddad", bsn="123456782")
    login(page, live_server.url, km.email)
    page.goto(f"{live_server.url}/kandidaten/")

    page.get_by_label("Doelgroep").select_option("overig")
    wacht_op(page, "() => location.search === '?doelgroep=overig'")
    page.get_by_label("Zoek op naam of BSN").fill("Jansen")
    page.locator("#kandidaten-aantal", has_text="27 kandidaten gevonden, pagina 1 van 2").wait_for()
    page.get_by_role("button", name="Pagina 2").click()
    page.locator("#kandidaten-aantal", has_text="pagina 2 van 2").wait_for()
    assert page.get_by_label("Zoek op naam of BSN").input_value() == "Jansen"  # no reload: the form stays
    assert "Jansen" not in page.url and page.url.endswith("/kandidaten/?doelgroep=overig&pagina=2")

    page.get_by_label("Doelgroep").select_option("")
    page.get_by_label("Zoek op naam of BSN").fill("123456782")
    page.get_by_role("link", name="Haddad,", exact=False).wait_for()
    assert "123456782" not in page.url
    assert csp_violations == []
