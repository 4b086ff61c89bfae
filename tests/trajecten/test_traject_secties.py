"""The trajectory page as a light shell (issue 12): its data at once, every heavy section from a
URL of its own (leerwerk.secties), guarded like the page, a page of its own without JavaScript,
and inline when a refused form comes back with its errors."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import AccessLog, OrganisatieType, Rol
from tests.factories import GemeenteFactory, OrganisatieFactory, TrajectFaseFactory, TrajectPartnerFactory
from tests.secties import met_secties
from tests.trajecten.regie import S, both_dbs, deelname_in, other_traject
from trajecten.services import contactmoment_create

# (url name, the section's id): in the order the page shows them.
SECTIES = [
    ("traject_signalen", "signalen"),
    ("traject_voortgang", "voortgang"),
    ("traject_bord", "bord"),
    ("traject_acties", "acties"),
    ("traject_partners", "partners"),
    ("planningshulp", "planningshulp"),
    ("traject_planning", "planning"),
    ("financiering:traject_sectie", "financiering"),
]
HX = {"HTTP_HX_REQUEST": "true"}


def _urls(traject):
    return [reverse(naam if ":" in naam else f"trajecten:{naam}", args=[traject.pk]) for naam, _id in SECTIES]


@both_dbs
def test_the_page_is_a_light_shell_with_a_placeholder_per_section(rclient, regisseur, traject):
    traject.regisseur = regisseur
    traject.save()
    traject.gemeenten.add(GemeenteFactory(naam="Oss"), GemeenteFactory(naam="Bernheze"))
    for status in (S.INTAKE, S.OPLEIDING, S.GEPLAATST):
        deelname_in(traject, status)
    TrajectPartnerFactory(traject=traject)
    TrajectFaseFactory(traject=traject)
    url = reverse("trajecten:detail", args=[traject.pk])
    rclient.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        html = rclient.get(url).content.decode()
    # Session, user (with organisation), the trajectory in one query, the session saved.
    assert len(queries) <= 6, [q["sql"] for q in queries]
    sql = " ".join(q["sql"] for q in queries)
    for tabel in ("trajecten_deelname", "signalen_signaal", "trajecten_trajectpartner", "trajecten_trajectfase"):
        assert tabel not in sql
    assert "Installatietechniek Oss" in html and "Testregio" in html and "Bernheze, Oss" in html
    assert "(Sanne Regisseur)" in html and "Testgemeente" in html
    for (_naam, sectie_id), sectie_url in zip(SECTIES, _urls(traject), strict=True):
        assert f'<div id="{sectie_id}" class="leerwerk-lui" hx-get="{sectie_url}" hx-trigger="load"' in html
        assert f'href="{sectie_url}"' in html
    # The in-page navigation still leads to each section.
    for anker in ("#bord", "#acties", "#partners", "#planning"):
        assert f'href="{anker}"' in html


@both_dbs
def test_every_section_swaps_in_with_its_own_id(rclient, traject):
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    assert "leerwerk-lui" not in html
    for _naam, sectie_id in SECTIES:
        assert html.count(f'id="{sectie_id}"') == 1, sectie_id
    assert "Nu 0 deelnemers aan het werk" in html and "Nog geen fasen gepland." in html
    assert "Geen signalen voor dit traject." in html and "Geen open acties." in html


@both_dbs
def test_sections_are_guarded_like_the_page(client, rclient, make_user, traject):
    elders = other_traject()
    for url in _urls(elders):
        assert rclient.get(url, **HX).status_code == 404, url
    partner_org = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=partner_org)
    client.force_login(make_user(Rol.REGISSEUR, organisatie=partner_org))  # a partner is no regie
    for url in _urls(traject):
        assert client.get(url, **HX).status_code == 404, url
    for rol in (Rol.KLANTMANAGER, Rol.WERKGEVER, Rol.WETHOUDER, Rol.OPLEIDER, Rol.JOBCOACH, Rol.BEHEERDER):
        client.force_login(make_user(rol))  # same organisation as the regie
        for url in _urls(traject):
            assert client.get(url, **HX).status_code == 404, (rol, url)
    client.logout()
    for url in _urls(traject):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


@both_dbs
def test_without_javascript_a_section_is_a_page_of_its_own(rclient, traject):
    deelname = deelname_in(traject, S.INTAKE)
    url = reverse("trajecten:traject_bord", args=[traject.pk])
    pagina = rclient.get(url).content.decode()
    fragment = rclient.get(url, **HX).content.decode()
    assert "<html" in pagina and "<html" not in fragment
    assert '<h1 class="utrecht-heading-1">Deelnemers</h1>' in pagina
    detail = reverse("trajecten:detail", args=[traject.pk])
    assert f'href="{detail}#bord">Installatietechniek Oss</a>' in pagina
    assert "css/trajecten" in pagina and "js/trajecten-board" in pagina and "css/trajecten" not in fragment
    for html in (pagina, fragment):
        assert f'id="kaart-{deelname.pk}"' in html and f'action="/deelnames/{deelname.pk}/stap/"' in html
    partners = rclient.get(reverse("trajecten:traject_partners", args=[traject.pk])).content.decode()
    assert "<html" in partners and f'action="/trajecten/{traject.pk}/partners/#partners"' in partners


@both_dbs
def test_a_refused_partner_form_shows_its_section_inline_with_the_errors(rclient, traject):
    org = OrganisatieFactory(naam="Opleidingscentrum Techniek", type=OrganisatieType.OPLEIDER)
    TrajectPartnerFactory(traject=traject, organisatie=org, rol="opleider")
    url = reverse("trajecten:partner_toevoegen", args=[traject.pk])
    response = rclient.post(url, {"organisatie": org.pk, "rol": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "Testregio" in html and "Testgemeente" in html  # the page's own data, as on a GET
    partners = html[html.index('<section id="partners"') : html.index("</section>", html.index('id="partners"'))]
    assert "Kies een rol." in partners and "Opleidingscentrum Techniek" in partners
    assert reverse("trajecten:traject_partners", args=[traject.pk]) not in html  # no placeholder for it
    assert f'hx-get="{reverse("trajecten:traject_bord", args=[traject.pk])}"' in html  # the rest stays lazy
    dubbel = rclient.post(url, {"organisatie": org.pk, "rol": "opleider"}).content.decode()
    assert "Opleidingscentrum Techniek is al opleider in dit traject." in dubbel


@both_dbs
def test_a_refused_phase_form_shows_the_planning_inline_with_the_errors(rclient, traject):
    url = reverse("trajecten:fase_toevoegen", args=[traject.pk])
    TrajectFaseFactory(traject=traject, soort="opleiding")
    html = rclient.post(url, {"soort": "opleiding", "start": "2027-06-01", "eind": "2027-07-01"}).content.decode()
    assert "Testregio" in html and "De fase opleiding staat al in de planning." in html
    assert '<th class="utrecht-table__header-cell" scope="row">Opleiding</th>' in html
    html = rclient.post(url, {"soort": "nazorg", "start": "2027-06-01", "eind": "2027-05-01"}).content.decode()
    planning = html[html.index('<section id="planning"') :]
    assert "Het einde ligt vóór de start." in planning and 'value="2027-06-01"' in planning
    assert reverse("trajecten:traject_planning", args=[traject.pk]) not in html


@both_dbs
def test_the_open_actions_section_logs_the_persons_it_names(rclient, regisseur, traject):
    deelname = deelname_in(traject, S.INTAKE)
    contactmoment_create(
        acting_user=regisseur, deelname=deelname, soort="intake", datum=timezone.localdate(),
        acties=[{"omschrijving": "Taaltoets plannen", "eigenaar": regisseur, "deadline": datetime.date(2027, 1, 1)}],
    )  # fmt: skip
    AccessLog.objects.all().delete()
    html = rclient.get(reverse("trajecten:traject_acties", args=[traject.pk]), **HX).content.decode()
    assert "Taaltoets plannen" in html and deelname.deelnemer.naam in html
    rows = AccessLog.objects.filter(user_id=regisseur.pk, action="list")
    assert list(rows.values_list("object_id", flat=True)) == [str(deelname.deelnemer_id)]


@both_dbs
def test_the_planning_help_answers_its_placeholder_with_the_whole_section(rclient, traject):
    url = reverse("trajecten:planningshulp", args=[traject.pk])
    html = rclient.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="planningshulp").content.decode()
    assert html.lstrip().startswith('<section id="planningshulp"')
    assert 'id="planningshulp-inhoud"' in html and "<html" not in html
    # A question from its forms still gets the result region only.
    html = rclient.get(url, {"start": "2027-03-01"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="planningshulp-resultaat")
    assert 'id="planningshulp"' not in html.content.decode()


@both_dbs
def test_the_goal_progress_section_counts_those_at_work(rclient, traject):
    for status in (S.GEPLAATST, S.NAZORG, S.OPLEIDING):
        deelname_in(traject, status)
    html = rclient.get(reverse("trajecten:traject_voortgang", args=[traject.pk]), **HX).content.decode()
    assert html.lstrip().startswith('<section id="voortgang"') and "hx-swap-oob" not in html
    assert "Nu 2 deelnemers aan het werk" in html and "Het doel is 7 (70% van 10)." in html


@both_dbs
def test_a_signal_form_without_htmx_leads_back_to_the_trajectory_page(rclient, regisseur, traject):
    from tests.signalen.test_lijst import signaal

    signaal(voor=regisseur, traject=traject, bericht="Wacht al lang")
    url = reverse("trajecten:traject_signalen", args=[traject.pk])
    detail = reverse("trajecten:detail", args=[traject.pk])
    fragment = rclient.get(url, **HX).content.decode()
    assert "Wacht al lang" in fragment and f'name="next" value="{detail}#signalen"' in fragment
    pagina = rclient.get(url).content.decode()  # without JavaScript: back to this page of its own
    assert f'name="next" value="{url}#signalen"' in pagina and "<html" in pagina
