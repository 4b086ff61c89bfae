"""The candidate page (issue 12): heading, in-page navigation and the person's own data at once;
the conditions with the intake, the consents, and certificates, trajectories and timeline load
lazily from URLs of their own, guarded and logged like the page. A failed consent form shows
its errors in the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelnemers.services import intake_save
from deelnemers.views import KANDIDAAT_SECTIES
from leerwerk.models import AccessLog, Rol
from opleiders.models import Certificaat
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    ToestemmingFactory,
    TrajectFactory,
)
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def km(make_user):
    return make_user(Rol.KLANTMANAGER, naam="Karin Klant")


@pytest.fixture
def km_client(client, km):
    client.force_login(km)
    return client


@pytest.fixture
def kandidaat(gemeente, km):
    return DeelnemerFactory(gemeente=gemeente, klantmanager=km, voornaam="Amina", achternaam="Haddad")


def pagina(deelnemer):
    return reverse("deelnemers:kandidaat", args=[deelnemer.pk])


def sectie(deelnemer, naam):
    return reverse("deelnemers:kandidaat_sectie", args=[deelnemer.pk, naam])


def _queries(client, url, **extra):
    client.get(url, **extra)  # the session settles
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **extra).status_code == 200
    return len(ctx)


def _vol(deelnemer, km, gemeente):
    """A candidate with much on record: intake, consents, certificates, two participations."""
    intake_save(acting_user=km, deelnemer=deelnemer, motivatie="Monteur worden")
    for soort in ("partners", "werkgevers"):
        ToestemmingFactory(deelnemer=deelnemer, soort=soort)
    for _i in range(3):
        Certificaat.objects.create(
            deelnemer=deelnemer, soort="praktijkverklaring", behaald_op=datetime.date(2026, 1, 5)
        )
    for naam in ("Installatie Oost", "Glas West"):
        DeelnameFactory(traject=TrajectFactory(regie_organisatie=gemeente, naam=naam), deelnemer=deelnemer)


def test_the_page_shows_the_persons_data_and_a_placeholder_per_section(km_client, kandidaat):
    html = km_client.get(pagina(kandidaat)).content.decode()
    assert "Amina Haddad" in html and "Persoon en contact" in html and "Beschikbaarheid" in html
    assert 'href="#toestemmingen"' in html and 'href="#tijdlijn"' in html  # the in-page navigation
    ankers = {"voorwaarden": "randvoorwaarden", "toestemmingen": "toestemmingen", "trajecten": "certificaten"}
    for naam, anker in ankers.items():
        url = sectie(kandidaat, naam)
        assert f'id="{anker}" class="leerwerk-lui" hx-get="{url}" hx-trigger="load"' in html and f'href="{url}"' in html
    assert "Toestemming vastleggen" not in html and "Nog niet besproken" not in html


def test_the_shell_and_each_section_make_a_fixed_number_of_queries(km_client, km, gemeente, kandidaat):
    vol = DeelnemerFactory(gemeente=gemeente)
    _vol(vol, km, gemeente)
    assert _queries(km_client, pagina(kandidaat)) == _queries(km_client, pagina(vol))
    for naam in KANDIDAAT_SECTIES:
        assert _queries(km_client, sectie(kandidaat, naam), **HX) == _queries(km_client, sectie(vol, naam), **HX), naam
    with CaptureQueriesContext(connection) as ctx:
        km_client.get(pagina(vol))
    # session, user, the candidate (with gemeente and klantmanager), languages, work experience,
    # the session saved; nothing of the sections
    assert len(ctx) <= 8
    assert not [q for q in ctx if "toestemming" in q["sql"] or "trajecten_" in q["sql"]]


def test_the_sections_show_what_the_page_showed(km_client, km, gemeente, kandidaat):
    _vol(kandidaat, km, gemeente)
    html = met_secties(km_client, pagina(kandidaat))
    assert "leerwerk-lui" not in html
    for kop in ("Randvoorwaarden", "Intake", "Toestemmingen", "Certificaten", "Trajecten", "Proefplaatsingen"):
        assert f">{kop}" in html
    assert "Monteur worden" in html and "Installatie Oost" in html and "Glas West" in html
    assert "Toestemming intrekken" in html and 'id="tijdlijn"' in html


def test_each_section_is_guarded_like_the_page(client, km_client, make_user, kandidaat):
    vreemd = DeelnemerFactory(gemeente=GemeenteFactory())
    for naam in KANDIDAAT_SECTIES:
        assert km_client.get(sectie(vreemd, naam)).status_code == 404
        assert km_client.get(reverse("deelnemers:kandidaat_sectie", args=[987654, naam])).status_code == 404
        assert km_client.post(sectie(kandidaat, naam)).status_code == 405
    assert km_client.get(sectie(kandidaat, "onzin")).status_code == 404
    geweigerd = AccessLog.objects.filter(result="denied", object_type="deelnemers.Deelnemer", object_id=str(vreemd.pk))
    assert geweigerd.count() == len(KANDIDAAT_SECTIES)
    for rol in (Rol.REGISSEUR, Rol.OPLEIDER, Rol.WERKGEVER, Rol.WETHOUDER, Rol.JOBCOACH):
        client.force_login(make_user(rol))
        for naam in KANDIDAAT_SECTIES:
            assert client.get(sectie(kandidaat, naam)).status_code == 404, (rol, naam)
    client.logout()
    assert client.get(sectie(kandidaat, "toestemmingen")).status_code == 302


def test_without_javascript_a_section_is_a_page_of_its_own(km_client, kandidaat):
    url = sectie(kandidaat, "toestemmingen")
    eigen_pagina = km_client.get(url).content.decode()
    fragment = km_client.get(url, **HX).content.decode()
    assert "<html" in eigen_pagina and "<html" not in fragment
    assert '<h1 class="utrecht-heading-1">Amina Haddad: Toestemmingen</h1>' in eigen_pagina
    assert f'href="{pagina(kandidaat)}">Amina Haddad</a>' in eigen_pagina
    actie = reverse("deelnemers:toestemming", kwargs={"pk": kandidaat.pk, "soort": "partners"})
    for html in (eigen_pagina, fragment):
        assert f'action="{actie}"' in html and 'id="toestemmingen"' in html


def test_a_failed_consent_form_shows_its_errors_in_the_page(km_client, kandidaat):
    url = reverse("deelnemers:toestemming", kwargs={"pk": kandidaat.pk, "soort": "partners"})
    response = km_client.post(url, {"partners-gegeven_op": "2026-02-01", "partners-einddatum": "2026-01-01"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="foutsamenvatting"' in html and "De einddatum moet na de datum van toestemming liggen." in html
    # The consents are in the page itself, with the typed dates; the other sections stay lazy.
    assert f'hx-get="{sectie(kandidaat, "toestemmingen")}"' not in html
    assert 'value="2026-01-01"' in html
    assert f'hx-get="{sectie(kandidaat, "voorwaarden")}"' in html


def test_the_page_logs_one_view_and_each_section_its_own(km_client, km, kandidaat):
    km_client.get(pagina(kandidaat))
    rows = list(AccessLog.objects.filter(action="view"))
    assert [(r.object_id, r.path, r.rol, r.user_id) for r in rows] == [
        (str(kandidaat.pk), pagina(kandidaat), "klantmanager", km.pk)
    ]
    met_secties(km_client, pagina(kandidaat))
    paden = sorted(AccessLog.objects.filter(action="view", object_id=str(kandidaat.pk)).values_list("path", flat=True))
    assert paden == sorted([pagina(kandidaat)] * 2 + [sectie(kandidaat, naam) for naam in KANDIDAAT_SECTIES])
