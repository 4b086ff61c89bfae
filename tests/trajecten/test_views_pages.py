"""The regisseur's other screens: trajectory list and form, partners, phase planning, the
participant page with contactmomenten and follow-up actions, and the start page section."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import AccessLog, Organisatie, OrganisatieType, Rol
from opleiders.models import Module, ModuleDeelname
from tests.factories import (
    GemeenteFactory,
    OrganisatieFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from tests.secties import met_secties
from tests.trajecten.regie import S, both_dbs, deelname_in, other_traject
from trajecten import constants as c
from trajecten.models import Contactmoment, Traject, TrajectPartner, Vervolgactie
from trajecten.views import DEELNAME_SECTIES

# --- List and new trajectory ---------------------------------------------------------------


@both_dbs
def test_list_shows_own_trajectories_with_counts_per_state(rclient, traject):
    deelname_in(traject, S.AANGEMELD)
    deelname_in(traject, S.AANGEMELD)
    deelname_in(traject, S.OPLEIDING)
    deelname_in(traject, S.UITGEVALLEN, uitval_reden=c.UitvalReden.TAAL)
    other_traject()
    html = rclient.get(reverse("trajecten:lijst")).content.decode()
    assert "Installatietechniek Oss" in html
    assert len(re.findall(r'href="/trajecten/\d+/"', html)) == 1  # not the other organisation's
    assert "<li>Aangemeld: 2</li>" in html and "<li>Opleiding: 1</li>" in html and "<li>Uitgevallen: 1</li>" in html
    assert "3 van 10 plaatsen" in html
    assert "10 deelnemers, 70% naar werk" in html
    assert 'aria-current="page"' in html and "Mijn trajecten" in html


@both_dbs
def test_list_counts_in_one_query_however_many_trajectories(rclient, gemeente, regio, django_assert_num_queries):
    TrajectFactory(regie_organisatie=gemeente)
    with CaptureQueriesContext(connection) as one:
        rclient.get(reverse("trajecten:lijst"))
    for _ in range(4):
        deelname_in(TrajectFactory(regie_organisatie=gemeente), S.INTAKE)
    with CaptureQueriesContext(connection) as five:
        rclient.get(reverse("trajecten:lijst"))
    assert len(one) == len(five)


@both_dbs
def test_new_trajectory_form_creates_with_regie_at_own_organisation(rclient, regisseur, gemeente, regio):
    response = rclient.post(
        reverse("trajecten:nieuw"),
        {
            "naam": "Glasmonteurs",
            "sector": c.Sector.GLAS,
            "beroep": "Glaszetter",
            "arbeidsmarktregio": regio.pk,
            "gemeenten": [gemeente.pk],
            "regisseur": regisseur.pk,
            "capaciteit": 10,
            "instroomvorm": c.Instroomvorm.COHORT,
            "status": c.TrajectStatus.CONCEPT,
            "min_taalniveau": "A2",
            "max_opleidingsniveau": "mbo2",
            "min_uren_per_week": 24,
            "overige_criteria": "Gemotiveerd",
            "doel_aantal_deelnemers": 10,
            "doel_aandeel_werk": 80,
            "doel_datum": "2027-06-30",
        },
    )
    traject = Traject.objects.get(naam="Glasmonteurs")
    assert response.status_code == 302 and response.url == reverse("trajecten:detail", args=[traject.pk])
    assert traject.regie_organisatie == gemeente and traject.regisseur == regisseur
    assert list(traject.gemeenten.all()) == [gemeente]
    assert (traject.min_taalniveau, traject.doel_aandeel_werk) == ("A2", 80)


def _traject_data(regio, **extra):
    return {
        "naam": "Timmeren Oss",
        "sector": c.Sector.BOUW,
        "beroep": "Timmerman",
        "arbeidsmarktregio": regio.pk,
        "capaciteit": 5,
        "instroomvorm": c.Instroomvorm.DOORLOPEND,
        "status": c.TrajectStatus.CONCEPT,
        **extra,
    }


@both_dbs
def test_new_trajectory_form_errors_are_dutch_and_linked_to_the_field(rclient, regio, make_user):
    collega_elders = make_user(Rol.REGISSEUR, organisatie=GemeenteFactory())
    response = rclient.post(reverse("trajecten:nieuw"), _traject_data(regio, naam="", regisseur=collega_elders.pk))
    html = response.content.decode()
    assert response.status_code == 200 and not Traject.objects.exists()
    assert "Geef het traject een naam." in html
    assert 'id="id_naam_error"' in html and 'aria-describedby="id_naam_error"' in html
    assert "Selecteer een geldige keuze" in html  # a regisseur of another organisation is not offered


@both_dbs
def test_new_trajectory_goal_larger_than_capacity_is_refused_by_the_service(rclient, regio):
    response = rclient.post(reverse("trajecten:nieuw"), _traject_data(regio, doel_aantal_deelnemers=8))
    html = response.content.decode()
    assert "Het doel-aantal deelnemers is groter dan de capaciteit van het traject." in html
    assert 'id="id_doel_aantal_deelnemers_error"' in html
    assert not Traject.objects.exists()


@both_dbs
def test_edit_trajectory(rclient, traject):
    url = reverse("trajecten:wijzigen", args=[traject.pk])
    assert 'value="Installatietechniek Oss"' in rclient.get(url).content.decode()
    data = {
        "naam": "Installatie Oss 2027",
        "sector": traject.sector,
        "beroep": traject.beroep,
        "arbeidsmarktregio": traject.arbeidsmarktregio_id,
        "gemeenten": [traject.regie_organisatie_id],
        "capaciteit": 12,
        "instroomvorm": traject.instroomvorm,
        "status": c.TrajectStatus.LOPEND,
    }
    assert rclient.post(url, data).status_code == 302
    traject.refresh_from_db()
    assert (traject.naam, traject.capaciteit, traject.status) == ("Installatie Oss 2027", 12, "lopend")


# --- Partners and planning -----------------------------------------------------------------


@both_dbs
def test_partner_add_and_remove_one_organisation_with_two_roles(rclient, traject):
    org = OrganisatieFactory(naam="Opleidingscentrum Techniek", type=OrganisatieType.OPLEIDER)
    url = reverse("trajecten:partner_toevoegen", args=[traject.pk])
    assert rclient.post(url, {"organisatie": org.pk, "rol": "opleider"}).status_code == 302
    assert rclient.post(url, {"organisatie": org.pk, "rol": "taalopleider"}).status_code == 302
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    assert html.count('<td class="utrecht-table__cell">Opleidingscentrum Techniek</td>') == 2
    response = rclient.post(url, {"organisatie": org.pk, "rol": "opleider"})
    assert response.status_code == 200
    assert "Opleidingscentrum Techniek is al opleider in dit traject." in response.content.decode()
    response = rclient.post(url, {"organisatie": org.pk, "rol": ""})
    assert "Kies een rol." in response.content.decode()
    partner = TrajectPartner.objects.get(traject=traject, rol="taalopleider")
    rclient.post(reverse("trajecten:partner_verwijderen", args=[traject.pk, partner.pk]))
    assert list(traject.partners.values_list("rol", flat=True)) == ["opleider"]


@both_dbs
def test_phase_planning_add_edit_and_dutch_errors(rclient, traject):
    url = reverse("trajecten:fase_toevoegen", args=[traject.pk])
    ok = rclient.post(url, {"soort": "opleiding", "start": "2027-04-01", "eind": "2027-05-31"})
    assert ok.status_code == 302
    rclient.post(url, {"soort": "werving_selectie", "start": "2027-01-01", "eind": "2027-03-31"})
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    assert "tl-l-0 tl-w-60" in html  # werving: 90 of 151 days
    assert "tl-l-60 tl-w-40" in html  # opleiding starts after 90 days, lasts 61
    assert '<th class="utrecht-table__header-cell" scope="row">Opleiding</th>' in html

    bad = rclient.post(url, {"soort": "nazorg", "start": "2027-06-01", "eind": "2027-05-01"})
    assert bad.status_code == 200 and "Het einde ligt vóór de start." in bad.content.decode()
    dubbel = rclient.post(url, {"soort": "opleiding", "start": "2027-06-01", "eind": "2027-07-01"})
    assert "De fase opleiding staat al in de planning." in dubbel.content.decode()
    assert traject.fases.count() == 2

    fase = traject.fases.get(soort="opleiding")
    edit = reverse("trajecten:fase_wijzigen", args=[traject.pk, fase.pk])
    assert 'value="2027-04-01"' in rclient.get(edit).content.decode()
    assert rclient.post(edit, {"soort": "opleiding", "start": "2027-04-07", "eind": "2027-06-30"}).status_code == 302
    fase.refresh_from_db()
    assert (fase.start, fase.eind) == (datetime.date(2027, 4, 7), datetime.date(2027, 6, 30))
    refused = rclient.post(edit, {"soort": "werving_selectie", "start": "2027-04-07", "eind": "2027-06-30"})
    assert "De fase werving en selectie staat al in de planning." in refused.content.decode()
    rclient.post(reverse("trajecten:fase_verwijderen", args=[traject.pk, fase.pk]))
    assert list(traject.fases.values_list("soort", flat=True)) == ["werving_selectie"]


# --- The participant page ------------------------------------------------------------------


@both_dbs
def test_participant_page_shows_what_regie_needs_and_logs_the_view(rclient, regisseur, traject):
    deelname = deelname_in(traject, S.INTAKE)
    deelnemer = deelname.deelnemer
    opleider = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    vca = Module.objects.create(
        traject=traject,
        soort="vca",
        naam="VCA basis",
        aanbieder=opleider,
        start=datetime.date(2026, 3, 2),
        eind=datetime.date(2026, 3, 6),
    )
    ModuleDeelname.objects.create(
        module=vca, deelname=deelname, aanwezigheid=90, voortgang="afgerond", resultaat="behaald"
    )
    pagina = reverse("trajecten:deelname", args=[deelname.pk])
    html = met_secties(rclient, pagina)
    assert deelnemer.naam in html and "Statushouder" in html and "32 uur per week" in html
    assert "schrijven A1" in html
    assert deelnemer.bsn not in html and "1990" not in html  # no BSN, no birth date
    assert "Aangemeld" in html and "05-01-2026" in html  # the timeline
    assert f'name="d{deelname.pk}-terug" value="deelname"' in html and "hx-post" not in html
    modules = html[html.index('id="modules-titel"') :]
    assert "VCA basis" in modules and "90%" in modules and "Afgerond" in modules and "Behaald" in modules
    # One view row for the page, and one for each section that showed the person.
    rows = AccessLog.objects.filter(user_id=regisseur.pk, action="view")
    assert {(r.object_type, r.object_id, r.rol) for r in rows} == {
        ("deelnemers.Deelnemer", str(deelnemer.pk), "regisseur")
    }
    secties = [reverse("trajecten:deelname_sectie", args=[deelname.pk, s]) for s in DEELNAME_SECTIES]
    assert sorted(r.path for r in rows) == sorted([pagina, *secties])


@both_dbs
def test_contactmoment_with_follow_up_actions_appears_in_open_actions(rclient, regisseur, traject, make_user):
    deelname = deelname_in(traject, S.OPLEIDING)
    werkgever_org = Organisatie.objects.create(naam="Installateur BV", type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=werkgever_org, rol=c.PartnerRol.WERKGEVER)
    mentor = UserFactory(naam="Mentor Mo", organisatie=werkgever_org, rollen=[Rol.WERKGEVER])
    buiten = UserFactory(organisatie=GemeenteFactory())
    url = reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk])
    page = met_secties(rclient, reverse("trajecten:deelname", args=[deelname.pk]))
    assert "Mentor Mo (Installateur BV)" in page and buiten.naam not in page
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "soort": "driegesprek",
        "datum": gisteren.isoformat(),
        "aanwezigen": [regisseur.pk, mentor.pk],
        "overige_aanwezigen": "de deelnemer, een tolk",
        "samenvatting": "Loopt goed",
        "acties-TOTAL_FORMS": "3",
        "acties-INITIAL_FORMS": "0",
        "acties-MIN_NUM_FORMS": "0",
        "acties-MAX_NUM_FORMS": "3",
        "acties-0-omschrijving": "Werkschoenen regelen",
        "acties-0-eigenaar": mentor.pk,
        "acties-0-deadline": gisteren.isoformat(),
        "acties-1-omschrijving": "Rooster sturen",
        "acties-1-eigenaar": "",
        "acties-1-deadline": "",
    }
    bad = rclient.post(url, data)
    assert bad.status_code == 200 and not Contactmoment.objects.exists()
    assert "Kies wie de actie uitvoert." in bad.content.decode()
    data.update({"acties-1-eigenaar": regisseur.pk, "acties-1-deadline": "2027-01-15"})
    assert rclient.post(url, data).status_code == 302
    moment = Contactmoment.objects.get()
    assert set(moment.aanwezigen.all()) == {regisseur, mentor} and moment.acties.count() == 2

    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    acties = html[html.index('id="acties"') : html.index('id="partners"')]
    assert "Werkschoenen regelen" in acties and "Rooster sturen" in acties and "te laat" in acties
    actie = Vervolgactie.objects.get(omschrijving="Werkschoenen regelen")
    assert rclient.post(reverse("trajecten:actie_afgerond", args=[actie.pk]), {"terug": "traject"}).status_code == 302
    actie.refresh_from_db()
    assert actie.afgerond_op == timezone.localdate()
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    assert "Werkschoenen regelen" not in html[html.index('id="acties"') : html.index('id="partners"')]


@both_dbs
def test_contactmoment_in_the_future_is_refused(rclient, traject):
    deelname = deelname_in(traject)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    response = rclient.post(
        reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk]),
        {"soort": "voortgang", "datum": morgen.isoformat(), "acties-TOTAL_FORMS": "3", "acties-INITIAL_FORMS": "0"},
    )
    assert "Een contactmoment in de toekomst kunt u nog niet vastleggen." in response.content.decode()
    assert not Contactmoment.objects.exists()


# --- The start page ----------------------------------------------------------------------


@both_dbs
def test_start_page_section_lists_trajectories_and_open_actions(rclient, regisseur, traject):
    deelname = deelname_in(traject, S.INTAKE)
    from trajecten.services import contactmoment_create

    contactmoment_create(
        acting_user=regisseur,
        deelname=deelname,
        soort="intake",
        datum=timezone.localdate(),
        acties=[{"omschrijving": "Taaltoets plannen", "eigenaar": regisseur, "deadline": datetime.date(2027, 1, 1)}],
    )
    html = met_secties(rclient, reverse("mijn_werk_rol", kwargs={"rol": "regisseur"}))
    assert "Installatietechniek Oss" in html and "1 van 10 plaatsen bezet: intake 1" in html
    assert "Taaltoets plannen" in html and f'href="/deelnames/{deelname.pk}/"' in html
    assert AccessLog.objects.filter(action="list", object_id=str(deelname.deelnemer_id)).exists()
