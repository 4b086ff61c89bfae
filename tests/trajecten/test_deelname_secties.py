"""The participant page (issue 12): its heading and the data for the regie at once; the next
step, the timeline, the contact moments and the modules load lazily from URLs of their own,
guarded and logged like the page. A failed contact form shows its errors in the page."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnameFactory
from tests.secties import met_secties
from tests.trajecten.regie import S, both_dbs, deelname_in, other_traject
from trajecten.models import Contactmoment
from trajecten.services import contactmoment_create, deelname_transition
from trajecten.views import DEELNAME_SECTIES


def pagina(deelname):
    return reverse("trajecten:deelname", args=[deelname.pk])


def sectie(deelname, naam):
    return reverse("trajecten:deelname_sectie", args=[deelname.pk, naam])


def _queries(client, url, **extra):
    client.get(url, **extra)  # the session settles
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **extra).status_code == 200
    return len(ctx)


def _drukte(regisseur, deelname, n):
    """n contact moments with an action each, and up to two more steps."""
    for i in range(n):
        contactmoment_create(
            acting_user=regisseur,
            deelname=deelname,
            soort="voortgang",
            datum=timezone.localdate() - datetime.timedelta(days=i),
            samenvatting=f"Gesprek {i}",
            acties=[{"omschrijving": f"Actie {i}", "eigenaar": regisseur, "deadline": datetime.date(2027, 1, 1)}],
        )
    for naar in (S.INTAKE, S.GESELECTEERD)[:n]:
        deelname_transition(acting_user=regisseur, deelname=deelname, naar=naar, ingangsdatum=timezone.localdate())


@both_dbs
def test_the_page_is_a_light_shell_with_a_placeholder_per_section(rclient, traject):
    deelname = deelname_in(traject, S.INTAKE)
    html = rclient.get(pagina(deelname)).content.decode()
    assert deelname.deelnemer.naam in html and "Gegevens voor de regie" in html and "Instroomprofiel" in html
    for naam in DEELNAME_SECTIES:
        url = sectie(deelname, naam)
        assert f'id="{naam}" class="leerwerk-lui" hx-get="{url}" hx-trigger="load"' in html and f'href="{url}"' in html
    # Nothing of the sections is on the page itself: no forms, no contact moments.
    assert "Contactmoment vastleggen" not in html and "Verplaats naar" not in html


@both_dbs
def test_the_shell_and_each_section_make_a_fixed_number_of_queries(rclient, regisseur, traject):
    stil = deelname_in(traject, S.AANGEMELD)
    druk = deelname_in(traject, S.AANGEMELD)
    _drukte(regisseur, stil, 1)
    _drukte(regisseur, druk, 3)
    assert _queries(rclient, pagina(stil)) == _queries(rclient, pagina(druk))
    for naam in DEELNAME_SECTIES:
        hx = {"HTTP_HX_REQUEST": "true"}
        assert _queries(rclient, sectie(stil, naam), **hx) == _queries(rclient, sectie(druk, naam), **hx), naam
    # The shell: session and user, the participation with trajectory and person, the session saved.
    with CaptureQueriesContext(connection) as ctx:
        rclient.get(pagina(druk))
    assert len(ctx) <= 6
    assert not [q for q in ctx if "contactmoment" in q["sql"] or "deelnamestap" in q["sql"]]


@both_dbs
def test_the_sections_show_what_the_page_showed(rclient, regisseur, traject):
    deelname = deelname_in(traject, S.AANGEMELD)
    _drukte(regisseur, deelname, 2)
    html = met_secties(rclient, pagina(deelname))
    assert "leerwerk-lui" not in html
    assert "Gesprek 0" in html and "Actie 1" in html and "Contactmoment vastleggen" in html
    assert "Aangemeld → Intake" in html and "Intake → Geselecteerd" in html  # the timeline
    assert f'name="d{deelname.pk}-terug" value="deelname"' in html  # the next step
    assert "Deze deelnemer volgt (nog) geen modules." in html


@both_dbs
def test_each_section_is_guarded_like_the_page(client, rclient, make_user, traject):
    eigen = deelname_in(traject)
    vreemd = DeelnameFactory(traject=other_traject())
    for naam in DEELNAME_SECTIES:
        assert rclient.get(sectie(vreemd, naam)).status_code == 404  # another organisation's trajectory
        assert rclient.get(reverse("trajecten:deelname_sectie", args=[987654, naam])).status_code == 404
    assert rclient.get(sectie(eigen, "onzin")).status_code == 404
    # A refused section is logged as a refused read of that participation.
    geweigerd = AccessLog.objects.filter(result="denied", object_type="trajecten.Deelname", object_id=str(vreemd.pk))
    assert geweigerd.count() == len(DEELNAME_SECTIES)
    for rol in (Rol.KLANTMANAGER, Rol.OPLEIDER, Rol.WERKGEVER, Rol.WETHOUDER):
        client.force_login(make_user(rol))
        for naam in DEELNAME_SECTIES:
            assert client.get(sectie(eigen, naam)).status_code == 404, (rol, naam)
    client.logout()
    assert client.get(sectie(eigen, "tijdlijn")).status_code == 302
    assert client.get(sectie(eigen, "tijdlijn"), HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(reverse("login"))


@both_dbs
def test_without_javascript_a_section_is_a_page_of_its_own(rclient, traject):
    deelname = deelname_in(traject, S.INTAKE)
    url = sectie(deelname, "contactmomenten")
    eigen_pagina = rclient.get(url).content.decode()
    fragment = rclient.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in eigen_pagina and "<html" not in fragment
    naam = deelname.deelnemer.naam
    assert f'<h1 class="utrecht-heading-1">{naam}: Contactmomenten</h1>' in eigen_pagina
    assert f'href="{pagina(deelname)}">{naam}</a>' in eigen_pagina
    actie = reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk])
    for html in (eigen_pagina, fragment):
        assert f'action="{actie}#contactmomenten"' in html and 'id="contactmomenten"' in html


@both_dbs
def test_a_failed_contact_form_shows_its_errors_in_the_page(rclient, traject):
    deelname = deelname_in(traject, S.INTAKE)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    response = rclient.post(
        reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk]),
        {
            "soort": "voortgang",
            "datum": morgen.isoformat(),
            "samenvatting": "Nog te voeren",
            "acties-TOTAL_FORMS": "3",
            "acties-INITIAL_FORMS": "0",
            "acties-0-omschrijving": "Zonder eigenaar",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Contactmoment.objects.exists()
    # The contact section is in the page itself, with the typed text and the errors.
    assert 'class="leerwerk-lui" hx-get="' + sectie(deelname, "contactmomenten") not in html
    assert "Het contactmoment is nog niet vastgelegd." in html
    assert "Een contactmoment in de toekomst kunt u nog niet vastleggen." in html
    assert "Kies wie de actie uitvoert." in html and "Nog te voeren" in html
    # The other sections still load lazily.
    assert f'hx-get="{sectie(deelname, "tijdlijn")}"' in html


@both_dbs
def test_the_page_logs_one_view_and_each_section_its_own(rclient, regisseur, traject):
    deelname = deelname_in(traject, S.INTAKE)
    rclient.get(pagina(deelname))
    rows = AccessLog.objects.filter(user_id=regisseur.pk, action="view")
    assert [(r.object_id, r.path, r.rol) for r in rows] == [(str(deelname.deelnemer_id), pagina(deelname), "regisseur")]
    rclient.get(sectie(deelname, "modules"), HTTP_HX_REQUEST="true")
    rij = AccessLog.objects.filter(user_id=regisseur.pk, action="view").exclude(pk=rows[0].pk).get()
    assert (rij.object_type, rij.object_id, rij.path) == (
        "deelnemers.Deelnemer",
        str(deelname.deelnemer_id),
        sectie(deelname, "modules"),
    )
