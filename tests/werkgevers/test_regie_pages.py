"""The regisseur's employer pages under /matching/: overview, employer details, locations,
mentors, work places with their commitment document; scope and roles (404)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leerwerk.models import OrganisatieType, Rol
from tests.factories import (
    BegeleiderFactory,
    GemeenteFactory,
    OrganisatieFactory,
    TrajectFactory,
    TrajectPartnerFactory,
)
from trajecten import constants as tc
from werkgevers.models import Leerwerkplek, Werkgever

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rclient(client, world):
    client.force_login(world.regisseur)
    return client


def _pages(world, deelname):
    w, plek = world.werkgever, world.plek
    locatie, begeleider = plek.locatie, BegeleiderFactory(werkgever=w)
    return [
        reverse("matching:overzicht"),
        reverse("matching:werkgever_nieuw"),
        reverse("matching:werkgever", args=[w.pk]),
        reverse("matching:werkgever_wijzigen", args=[w.pk]),
        reverse("matching:locatie_nieuw", args=[w.pk]),
        reverse("matching:locatie_wijzigen", args=[w.pk, locatie.pk]),
        reverse("matching:begeleider_nieuw", args=[w.pk]),
        reverse("matching:begeleider_wijzigen", args=[w.pk, begeleider.pk]),
        reverse("matching:plek_nieuw", args=[w.pk]),
        reverse("matching:plek_wijzigen", args=[plek.pk]),
        reverse("matching:traject", args=[world.traject.pk]),
        reverse("matching:plaatsing_nieuw", args=[world.traject.pk]),
        reverse("matching:bijeenkomst_nieuw", args=[world.traject.pk]),
        reverse("matching:profiel", args=[deelname.pk]),
    ]


def test_every_page_renders_for_the_regisseur_without_inline_script_or_style(rclient, world):
    deelname = world.deelname()
    for url in _pages(world, deelname):
        response = rclient.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not re.search(r'\sstyle="', html), url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert 'aria-current="page"' in html and "Werkgevers en matching" in html


def test_another_gemeentes_regisseur_and_other_roles_get_404(client, world, make_user):
    deelname = world.deelname()
    pages = _pages(world, deelname)
    ander = make_user(Rol.REGISSEUR, organisatie=GemeenteFactory())
    client.force_login(ander)
    for url in pages[2:]:  # the overview and the new-employer form exist for every regisseur
        assert client.get(url).status_code == 404, url
    assert world.werkgever.organisatie.naam not in client.get(reverse("matching:overzicht")).content.decode()
    for user in (world.werkgever_user, make_user(Rol.WETHOUDER), make_user(Rol.OPLEIDER)):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, (user.rollen, url)
    client.force_login(world.klantmanager)  # only the profile text page is for the klantmanager
    for url in pages[:-1]:
        assert client.get(url).status_code == 404, url
    assert client.get(pages[-1]).status_code == 200
    client.logout()
    response = client.get(pages[0])
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_overview_lists_partner_employers_their_places_and_partners_without_details(rclient, world):
    zonder = OrganisatieFactory(naam="Glaszetter Zonder Gegevens", type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=world.traject, organisatie=zonder, rol=tc.PartnerRol.WERKGEVER)
    elders = TrajectFactory(regie_organisatie=GemeenteFactory())
    vreemd = OrganisatieFactory(naam="Niet Van Ons B.V.", type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=elders, organisatie=vreemd, rol=tc.PartnerRol.WERKGEVER)
    html = rclient.get(reverse("matching:overzicht")).content.decode()
    assert world.werkgever.organisatie.naam in html and world.ander.organisatie.naam in html
    assert reverse("matching:werkgever", args=[world.werkgever.pk]) in html
    assert reverse("matching:traject", args=[world.traject.pk]) in html
    assert "2 werkgevers · 2 open plekken" not in html and "3 werkgevers · 2 open plekken" in html
    assert f"{reverse('matching:werkgever_nieuw')}?organisatie={zonder.pk}" in html
    assert "Niet Van Ons" not in html


def test_regisseur_registers_details_of_a_partner_without_a_record(rclient, world):
    org = OrganisatieFactory(naam="Nieuwe Werkgever B.V.", type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=world.traject, organisatie=org, rol=tc.PartnerRol.WERKGEVER)
    url = reverse("matching:werkgever_nieuw")
    assert f'<option value="{org.pk}" selected>' in rclient.get(url, {"organisatie": org.pk}).content.decode()
    response = rclient.post(url, {"organisatie": org.pk, "kvk_nummer": "1234 5678", "sector": "installatietechniek"})
    werkgever = Werkgever.objects.get(organisatie=org)
    assert response.status_code == 302 and response["Location"] == reverse("matching:werkgever", args=[werkgever.pk])
    assert werkgever.kvk_nummer == "12345678"


def test_employer_details_errors_are_dutch_and_on_the_field(rclient, world):
    url = reverse("matching:werkgever_wijzigen", args=[world.werkgever.pk])
    response = rclient.post(url, {"kvk_nummer": "1234", "sector": "installatietechniek"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Een KvK-nummer bestaat uit 8 cijfers." in html
    assert 'aria-invalid="true"' in html and 'href="#id_kvk_nummer"' in html
    response = rclient.post(url, {"kvk_nummer": world.ander.kvk_nummer, "sector": "bouw", "sbb_erkend": "on"})
    assert "Er is al een werkgever met dit KvK-nummer." in response.content.decode()
    rclient.post(url, {"kvk_nummer": "87654321", "sector": "bouw"})
    world.werkgever.refresh_from_db()
    w = world.werkgever
    assert (w.kvk_nummer, w.sector, w.sbb_erkend) == ("87654321", "bouw", False)


def test_location_and_mentor_are_added_and_shown_with_bouwvak_region(rclient, world):
    w = world.werkgever
    data = {"naam": "Werkplaats Zwolle", "adres": "Dorpsstraat 1", "postcode": "8011ab", "plaats": "Zwolle",
            "gemeente": "Zwolle", "provincie": "overijssel", "arbeidsmarktregio": world.regio.pk}  # fmt: skip
    response = rclient.post(reverse("matching:locatie_nieuw", args=[w.pk]), data)
    assert response.status_code == 302
    locatie = w.locaties.get(naam="Werkplaats Zwolle")
    assert locatie.postcode == "8011 AB" and locatie.bouwvak_regio == "noord"
    data |= {"bouwvak_regio_afwijkend": "midden"}
    rclient.post(reverse("matching:locatie_wijzigen", args=[w.pk, locatie.pk]), data)
    locatie.refresh_from_db()
    assert locatie.bouwvak_regio == "midden"
    response = rclient.post(reverse("matching:locatie_nieuw", args=[w.pk]), data | {"postcode": "12345"})
    assert response.status_code == 400 and "Vul een Nederlandse postcode in" in response.content.decode()

    rclient.post(reverse("matching:begeleider_nieuw", args=[w.pk]), {"soort": "mentor", "naam": "Mees Mentor"})
    html = rclient.get(reverse("matching:werkgever", args=[w.pk])).content.decode()
    assert "Mees Mentor" in html and "Werkplaats Zwolle" in html and "Midden" in html
    assert "afwijkend van de provincie" in html
    assert world.werkgever_user.email in html  # the contact person: a user of the employer with that role
    assert world.ander_user.email not in html


def _plek_data(world, **extra):
    return {
        "traject": world.traject.pk, "functietitel": "Hulpmonteur", "beroep": "Monteur installatietechniek",
        "taken": "Sleuven frezen\n\n  Leidingen beugelen  \n", "deel_van_functie": "on", "uren_per_week": 32,
        "min_taalniveau": "A2", "vereiste_certificaten": ["vca_basis"], "locatie": world.plek.locatie_id,
        "aantal_plaatsen": 2, "startdatum": "2026-10-01", "status": "open", "toezegging": "intentieverklaring",
        "toezegging_datum": "2026-06-01", "toezegging_geldig_tot": "2026-12-31", **extra,
    }  # fmt: skip


def test_place_is_saved_with_tasks_per_line_and_a_pdf_served_only_through_the_view(rclient, client, world):
    document = SimpleUploadedFile("intentie.pdf", PDF, content_type="application/pdf")
    url = reverse("matching:plek_nieuw", args=[world.werkgever.pk])
    response = rclient.post(url, _plek_data(world, toezegging_document=document))
    assert response.status_code == 302, response.content.decode()
    plek = Leerwerkplek.objects.get(functietitel="Hulpmonteur")
    assert plek.taken == ["Sleuven frezen", "Leidingen beugelen"] and plek.vereiste_certificaten == ["vca_basis"]
    html = rclient.get(reverse("matching:plek_wijzigen", args=[plek.pk])).content.decode()
    assert "Sleuven frezen\nLeidingen beugelen" in html
    assert "/media/" not in html and reverse("matching:plek_document", args=[plek.pk]) in html

    response = rclient.get(reverse("matching:plek_document", args=[plek.pk]))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    client.force_login(world.werkgever_user)  # the owning employer may read its own letter
    assert client.get(reverse("matching:plek_document", args=[plek.pk])).status_code == 200
    client.force_login(world.ander_user)
    assert client.get(reverse("matching:plek_document", args=[plek.pk])).status_code == 404
    assert rclient.get(reverse("matching:plek_document", args=[world.plek.pk])).status_code == 404  # none uploaded


def test_a_non_pdf_upload_is_refused_in_dutch(rclient, world):
    url = reverse("matching:plek_wijzigen", args=[world.plek.pk])
    for naam, inhoud in (("brief.docx", b"PK\x03\x04 word"), ("vermomd.pdf", b"<html>geen pdf</html>")):
        document = SimpleUploadedFile(naam, inhoud, content_type="application/pdf")
        response = rclient.post(url, _plek_data(world, toezegging_document=document))
        assert response.status_code == 400, naam
        assert "Upload een pdf-bestand." in response.content.decode()
    world.plek.refresh_from_db()
    assert not world.plek.toezegging_document and world.plek.functietitel == "Assistent-monteur"


def test_a_regisseur_cannot_put_a_place_in_a_trajectory_directed_elsewhere(rclient, world):
    elders = TrajectFactory(regie_organisatie=GemeenteFactory())
    TrajectPartnerFactory(traject=elders, organisatie=world.werkgever.organisatie, rol=tc.PartnerRol.WERKGEVER)
    url = reverse("matching:plek_nieuw", args=[world.werkgever.pk])
    response = rclient.post(url, _plek_data(world, traject=elders.pk))
    assert response.status_code == 400 and "Kies een traject" in response.content.decode()
    assert not Leerwerkplek.objects.filter(traject=elders).exists()
