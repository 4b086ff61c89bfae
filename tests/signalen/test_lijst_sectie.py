"""The signal list loads lazily (issue 12): the page is its heading and a placeholder; the
filters and the table come from the section URL with the page's own query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog
from signalen.constants import Ernst
from tests.signalen.test_lijst import signaal

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_the_page_is_a_shell_that_loads_the_list_with_its_filters(client, wereld):
    signaal(voor=wereld.regisseur, bericht="Het signaal", deelname=wereld.deelname())
    client.force_login(wereld.regisseur)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("signalen:lijst"), {"ernst": Ernst.WAARSCHUWING, "pagina": "1"}).content.decode()
    assert not [q for q in queries if "signalen_signaal" in q["sql"]]
    assert "Het signaal" not in html  # the list is not on the page itself ...
    sectie = f"{reverse('signalen:lijst_sectie')}?ernst={Ernst.WAARSCHUWING}&amp;pagina=1"
    assert f'hx-get="{sectie}"' in html and f'href="{sectie}"' in html  # ... but loads with its filters
    assert not AccessLog.objects.exists()  # nobody shown, nobody logged


def test_the_section_shows_the_list_logs_it_and_sends_actions_back_to_the_page(client, wereld):
    deelname = wereld.deelname()
    signaal(voor=wereld.regisseur, bericht="Het signaal", deelname=deelname)
    client.force_login(wereld.regisseur)
    url = reverse("signalen:lijst_sectie")
    fragment = client.get(url, {"ernst": Ernst.WAARSCHUWING}, HTTP_HX_REQUEST="true").content.decode()
    assert "Het signaal" in fragment and deelname.deelnemer.naam in fragment and "<html" not in fragment
    # After an action without JavaScript the user returns to the list page as filtered.
    assert f'name="next" value="{reverse("signalen:lijst")}?ernst={Ernst.WAARSCHUWING}"' in fragment
    assert AccessLog.objects.filter(action="list", object_id=str(deelname.deelnemer_id)).count() == 1
    # Without JavaScript the same URL is a page of its own, back link included.
    pagina = client.get(url, {"ernst": Ernst.WAARSCHUWING}).content.decode()
    assert "<html" in pagina and "Het signaal" in pagina
    assert f'href="{reverse("signalen:lijst")}">Signalen</a>' in pagina
