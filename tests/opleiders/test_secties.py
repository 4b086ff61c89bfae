"""/opleiding/ as a light page with lazy sections (issue 12): the trajectories at once, each one's
modules, module form and participants from URLs of their own, guarded like the page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from opleiders.models import Certificaat, ModuleDeelname
from opleiders.selectors import samenvatting_for_opleider
from tests.factories import DeelnameFactory, TrajectFactory, TrajectPartnerFactory, UserFactory
from tests.opleiders.conftest import HTMX, PAGE, deelname_met_toestemming, make_module, row_data
from tests.secties import met_secties
from trajecten import constants as tc

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

SECTIES = ("opleiders:sectie_modules", "opleiders:sectie_module_toevoegen", "opleiders:sectie_deelnemers")

# Session; user with its organisation; the trajectories; the session saved (savepoint, update,
# release). Nothing of modules, participants or forms.
SHELL_QUERIES = 6


def _urls(traject_pk):
    return [reverse(naam, kwargs={"traject_pk": traject_pk}) for naam in SECTIES]


def _shell_queries(client):
    client.get(PAGE)  # the session settles
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(PAGE)
    return len(ctx), response.content.decode()


def test_the_page_is_a_light_shell_with_a_fixed_number_of_queries(client, opleiding):
    client.force_login(opleiding.opleider)
    aantal, html = _shell_queries(client)
    assert aantal == SHELL_QUERIES
    assert "Monteurs 2026" in html and "Amira" not in html and "<select" not in html
    for url in _urls(opleiding.traject.pk):  # a placeholder with htmx, a link without
        assert f'hx-get="{url}" hx-trigger="load"' in html and f'href="{url}"' in html
    assert not AccessLog.objects.exists()  # the page itself shows no person

    # More trajectories, modules and participants cost the page nothing.
    for i in range(3):
        traject = TrajectFactory(naam=f"Extra {i}", status=tc.TrajectStatus.LOPEND)
        TrajectPartnerFactory(traject=traject, organisatie=opleiding.school, rol=tc.PartnerRol.OPLEIDER)
        module = make_module(traject, opleiding.school)
        for _j in range(5):
            ModuleDeelname.objects.create(module=module, deelname=deelname_met_toestemming(traject))
    aantal, html = _shell_queries(client)
    assert aantal == SHELL_QUERIES and html.count('class="leerwerk-lui"') == 4 * len(SECTIES)


def test_sections_are_guarded_like_the_page(client, opleiding, andere_opleider):
    urls = _urls(opleiding.traject.pk)
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    for user in (opleiding.regisseur, UserFactory(organisatie=opleiding.school, rollen=[Rol.JOBCOACH])):
        client.force_login(user)  # another role, even of the trainer's own organisation
        assert [client.get(url, **HTMX).status_code for url in urls] == [404] * len(urls)
    client.force_login(andere_opleider)  # a trainer of a trajectory it does not train in
    assert [client.get(url, **HTMX).status_code for url in urls] == [404] * len(urls)
    client.force_login(opleiding.opleider)
    assert [client.get(url, **HTMX).status_code for url in _urls(999999)] == [404] * len(urls)
    assert [client.get(url, **HTMX).status_code for url in urls] == [200] * len(urls)
    assert not AccessLog.objects.filter(user_id=andere_opleider.pk).exists()


def test_without_javascript_a_section_is_a_page_of_its_own(client, opleiding):
    client.force_login(opleiding.opleider)
    url = reverse("opleiders:sectie_modules", kwargs={"traject_pk": opleiding.traject.pk})
    pagina = client.get(url).content.decode()
    fragment = client.get(url, **HTMX).content.decode()
    assert "<html" in pagina and "<html" not in fragment
    assert "css/opleiders" in pagina and "css/opleiders" not in fragment  # the page of its own is styled
    assert '<h1 class="utrecht-heading-1">Modules: Monteurs 2026</h1>' in pagina
    assert f'href="{PAGE}#traject-{opleiding.traject.pk}">Opleiding en voortgang</a>' in pagina
    md = opleiding.moduledeelname.pk
    assert f'id="rij-{md}"' in pagina and f'<form id="rij-{md}-form" method="post" action="/opleiding/' in pagina
    # The row's form posts without JavaScript too, and comes back to the page at the row.
    response = client.post(reverse("opleiders:rij", kwargs={"pk": md}), row_data(aanwezigheid="75"))
    assert response["Location"] == f"{PAGE}#rij-{md}"
    assert ModuleDeelname.objects.get(pk=md).aanwezigheid == 75
    toevoegen = client.get(reverse("opleiders:sectie_module_toevoegen", args=[opleiding.traject.pk])).content
    assert b'id="module-toevoegen-' in toevoegen and b" open>" in toevoegen  # open on a page of its own


def test_the_rows_answer_inside_the_swapped_in_section(client, opleiding):
    """The row's htmx attributes come with the section: its target is in the same fragment, and the
    status it updates out of band is on the page."""
    client.force_login(opleiding.opleider)
    page = client.get(PAGE).content.decode()
    assert 'id="opleiding-status"' in page
    fragment = client.get(reverse("opleiders:sectie_modules", args=[opleiding.traject.pk]), **HTMX).content.decode()
    md = opleiding.moduledeelname.pk
    assert f'hx-post="/opleiding/moduledeelnames/{md}/" hx-target="#rij-{md}"' in fragment
    assert f'<tr class="utrecht-table__row" id="rij-{md}">' in fragment
    answer = client.post(reverse("opleiders:rij", kwargs={"pk": md}), row_data(aanwezigheid="150"), **HTMX)
    assert f'id="rij-{md}"' in answer.content.decode() and "opleiders-cel--fout" in answer.content.decode()
    # Amira was shown by the section in this visit: the refused row's answer logs her no second time.
    assert list(AccessLog.objects.values_list("action", flat=True).distinct()) == ["list"]


def test_a_failed_form_shows_its_section_in_place_with_its_errors(client, opleiding):
    ander = TrajectFactory(naam="Anders", status=tc.TrajectStatus.LOPEND)
    TrajectPartnerFactory(traject=ander, organisatie=opleiding.school, rol=tc.PartnerRol.OPLEIDER)
    client.force_login(opleiding.opleider)
    t = opleiding.traject.pk
    response = client.post(reverse("opleiders:module_nieuw", kwargs={"traject_pk": t}), {"naam": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Vul de naam van de module in." in html
    assert f'<details class="opleiders-details" id="module-toevoegen-{t}" open>' in html
    assert f'href="#module-toevoegen-{t}"' in html  # the alert leads to the form
    # That trajectory is rendered in place (its persons logged); the other one stays lazy.
    assert f'class="leerwerk-lui" hx-get="/opleiding/trajecten/{t}/' not in html
    assert f'hx-get="/opleiding/trajecten/{ander.pk}/modulelijst/"' in html
    assert f'id="rij-{opleiding.moduledeelname.pk}"' in html and "Amira Haddad" in html
    assert AccessLog.objects.filter(object_id=str(opleiding.deelnemer.pk), path=response.request["PATH_INFO"])

    url = reverse("opleiders:certificaat_nieuw", kwargs={"traject_pk": t})
    html = client.post(url, {"deelnemer": opleiding.deelnemer.pk, "soort": "vca_basis"}).content.decode()
    assert "Vul de datum van behalen in." in html and f'id="certificaat-toevoegen-{t}" open' in html
    assert not Certificaat.objects.exists()


def test_sections_swap_in_to_the_whole_page(client, opleiding):
    Certificaat.objects.create(
        deelnemer=opleiding.deelnemer, soort="praktijkverklaring", behaald_op=datetime.date(2026, 4, 30)
    )
    client.force_login(opleiding.opleider)
    html = met_secties(client, PAGE)
    assert "leerwerk-lui" not in html
    for anchor in ("modules", "module-toevoegen", "deelnemers"):
        assert len(re.findall(rf'id="{anchor}-{opleiding.traject.pk}"', html)) == 1
    assert "Praktijkverklaring" in html and 'id="module-toevoegen-' in html and "Amira Haddad" in html


def test_start_section_counts_in_one_query(opleiding, django_assert_num_queries):
    tweede = deelname_met_toestemming(opleiding.traject)
    ander = TrajectFactory()
    TrajectPartnerFactory(traject=ander, organisatie=opleiding.school, rol=tc.PartnerRol.TAALOPLEIDER)
    DeelnameFactory(traject=ander, deelnemer=tweede.deelnemer, status=tc.DeelnameStatus.OPLEIDING)  # counts once
    make_module(ander, opleiding.school)
    with django_assert_num_queries(1):
        samenvatting = samenvatting_for_opleider(opleiding.opleider)
    assert (samenvatting.trajecten, samenvatting.eigen_modules, samenvatting.deelnemers) == (2, 2, 2)
