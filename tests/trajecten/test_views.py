"""The regisseur's screens: list, trajectory page with board, moves, partners, planning,
participant page with contactmomenten, scope (404) and the access log."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import AccessLog, Organisatie, OrganisatieType, Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from trajecten import constants as c
from trajecten.models import Contactmoment, Deelname, Traject, TrajectFase, TrajectPartner, Vervolgactie

S = c.DeelnameStatus
both_dbs = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def regisseur(make_user):
    return make_user(Rol.REGISSEUR, naam="Sanne Regisseur")


@pytest.fixture
def traject(gemeente, regio):
    return TrajectFactory(
        naam="Installatietechniek Oss",
        regie_organisatie=gemeente,
        arbeidsmarktregio=regio,
        doel_aantal_deelnemers=10,
        doel_aandeel_werk=70,
    )


@pytest.fixture
def rclient(client, regisseur):
    client.force_login(regisseur)
    return client


def _deelname(traject, status=S.AANGEMELD, **kwargs):
    return DeelnameFactory(traject=traject, status=status, **kwargs)


def _stap(client, deelname, htmx=False, **data):
    prefix = f"d{deelname.pk}"
    post = {f"{prefix}-{k}": v for k, v in data.items()}
    post.setdefault(f"{prefix}-verwacht_van", deelname.status)
    post.setdefault(f"{prefix}-ingangsdatum", timezone.localdate().isoformat())
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("trajecten:deelname_stap", args=[deelname.pk]), post, **headers)


def _other_traject():
    return TrajectFactory(regie_organisatie=GemeenteFactory())


# --- List and new trajectory ---------------------------------------------------------------


@both_dbs
def test_list_shows_own_trajectories_with_counts_per_state(rclient, traject):
    _deelname(traject, S.AANGEMELD)
    _deelname(traject, S.AANGEMELD)
    _deelname(traject, S.OPLEIDING)
    _deelname(traject, S.UITGEVALLEN, uitval_reden=c.UitvalReden.TAAL)
    _other_traject()
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
        _deelname(TrajectFactory(regie_organisatie=gemeente), S.INTAKE)
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


# --- The trajectory page and its board -----------------------------------------------------


@both_dbs
def test_board_shows_a_column_per_active_state_and_parked_with_cards(rclient, traject):
    ali = _deelname(traject, S.INTAKE, deelnemer=DeelnemerFactory(voornaam="Ali", gemeente=traject.regie_organisatie))
    _deelname(traject, S.GEPARKEERD, vorige_status=S.OPLEIDING)
    klaar = _deelname(traject, S.AFGEROND)
    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    kolommen = re.findall(r'<h3 class="utrecht-heading-3 trajecten-kolom__titel" id="kolom-(\w+)">', html)
    assert kolommen == [*c.ACTIVE_STATES, S.GEPARKEERD]
    kaart = html[html.index(f'id="kaart-{ali.pk}"') :]
    kaart = kaart[: kaart.index("</form>")]
    assert f'href="/deelnames/{ali.pk}/"' in kaart and "Ali " in kaart and "sinds 05-01-2026" in kaart
    select = kaart[kaart.index(f'name="d{ali.pk}-naar"') : kaart.index("</select>")]
    options = re.findall(r'<option value="(\w+)"', select)
    assert options == list(c.allowed_targets(S.INTAKE))
    assert f'name="d{ali.pk}-verwacht_van" value="intake"' in kaart
    assert f'hx-post="/deelnames/{ali.pk}/stap/"' in kaart and 'hx-target="#bord"' in kaart
    assert 'id="kolom-intake">Intake <span class="trajecten-teller">(1)</span>' in html
    afgesloten = html[html.index('id="afgesloten-titel"') :]
    assert f'href="/deelnames/{klaar.pk}/"' in afgesloten and "Afgerond (1)" in afgesloten
    assert f'id="kaart-{klaar.pk}"' not in html
    assert "vanuit Opleiding" in html


@both_dbs
def test_trajectory_page_shows_header_profile_and_smart_progress(rclient, traject):
    _deelname(traject, S.GEPLAATST)
    _deelname(traject, S.NAZORG)
    _deelname(traject, S.OPLEIDING)
    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert "Monteur installatietechniek" in html and "Cohort (klas)" in html and "Testregio" in html
    assert "Nu 2 deelnemers aan het werk" in html and "Het doel is 7 (70% van 10)." in html
    assert '<progress id="voortgang-meter" class="trajecten-meter" max="7" value="2">' in html
    assert not re.search(r'\sstyle="', html) and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


@both_dbs
def test_board_query_count_is_the_same_for_1_and_50_participants(rclient, traject):
    _deelname(traject, S.INTAKE)
    url = reverse("trajecten:detail", args=[traject.pk])
    rclient.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as one:
        assert rclient.get(url).status_code == 200
    statuses = [*c.ACTIVE_STATES, S.AFGEROND]
    for i in range(49):
        _deelname(traject, statuses[i % len(statuses)])
    with CaptureQueriesContext(connection) as fifty:
        html = rclient.get(url).content.decode()
    assert html.count('class="trajecten-kaart') + html.count("trajecten-afgesloten__lijst") >= 44
    assert len(one) == len(fifty), [q["sql"] for q in fifty.captured_queries]


@both_dbs
def test_board_writes_a_list_row_per_person_and_hides_those_without_consent(rclient, regisseur, traject):
    eigen = _deelname(traject, S.INTAKE)
    elders = GemeenteFactory()
    met_toestemming = _deelname(traject, S.INTAKE, deelnemer=DeelnemerFactory(gemeente=elders))
    ToestemmingFactory(deelnemer=met_toestemming.deelnemer)
    zonder = _deelname(traject, S.INTAKE, deelnemer=DeelnemerFactory(gemeente=elders))
    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert f'id="kaart-{zonder.pk}"' not in html and zonder.deelnemer.achternaam not in html
    assert "1 deelnemer staat niet op het bord" in html
    rows = AccessLog.objects.filter(user_id=regisseur.pk, action="list", object_type="deelnemers.Deelnemer")
    assert sorted(rows.values_list("object_id", flat=True)) == sorted(
        [str(eigen.deelnemer_id), str(met_toestemming.deelnemer_id)]
    )
    assert set(rows.values_list("rol", flat=True)) == {"regisseur"}


# --- Moving a card -------------------------------------------------------------------------


@both_dbs
def test_valid_move_without_js_redirects_and_records_the_step(rclient, regisseur, traject):
    deelname = _deelname(traject)
    response = _stap(rclient, deelname, naar=S.INTAKE, toelichting="Intake gepland", terug="traject")
    assert response.status_code == 302
    assert response.url == reverse("trajecten:detail", args=[traject.pk]) + f"#kaart-{deelname.pk}"
    deelname.refresh_from_db()
    assert deelname.status == S.INTAKE
    stap = deelname.stappen.order_by("-id").first()
    assert (stap.van_status, stap.naar_status, stap.door, stap.toelichting) == (
        "aangemeld",
        "intake",
        regisseur,
        "Intake gepland",
    )
    html = rclient.get(response.url).content.decode()
    assert "staat nu op Intake." in html


@both_dbs
def test_valid_move_with_htmx_returns_the_board_with_the_card_in_its_new_column(rclient, traject):
    deelname = _deelname(traject)
    response = _stap(rclient, deelname, htmx=True, naar=S.INTAKE)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="bord"') and "<html" not in html
    intake = html[html.index('id="kolom-intake"') : html.index('id="kolom-geselecteerd"')]
    assert f'id="kaart-{deelname.pk}"' in intake
    assert 'id="bord-melding" hx-swap-oob="innerHTML"' in html and "staat nu op Intake." in html
    assert 'id="voortgang"' in html and 'hx-swap-oob="true"' in html
    assert f'data-focus="kaart-{deelname.pk}"' in html
    deelname.refresh_from_db()
    assert deelname.status == S.INTAKE and deelname.stappen.count() == 2


@both_dbs
def test_refused_move_shows_dutch_error_on_the_card_and_keeps_the_input(rclient, traject):
    deelname = _deelname(traject)
    response = _stap(rclient, deelname, htmx=True, naar=S.OPLEIDING, toelichting="Mijn getypte notitie")
    html = response.content.decode()
    assert response.status_code == 200
    kaart = html[html.index(f'id="kaart-{deelname.pk}"') :]
    kaart = kaart[: kaart.index("</form>")]
    assert 'role="alert"' in kaart
    assert "Van Aangemeld naar Opleiding is geen geldige stap." in kaart
    assert "Mijn getypte notitie</textarea>" in kaart
    assert '<details class="trajecten-stap__meer" open>' in kaart
    assert f'aria-describedby="id_d{deelname.pk}-naar_error"' in kaart
    deelname.refresh_from_db()
    assert deelname.status == S.AANGEMELD and deelname.stappen.count() == 1


@both_dbs
def test_refused_move_without_js_redirects_with_the_reason(rclient, traject):
    deelname = _deelname(traject)
    response = _stap(rclient, deelname, naar=S.OPLEIDING, terug="deelname")
    assert response.status_code == 302 and response.url == reverse("trajecten:deelname", args=[deelname.pk])
    html = rclient.get(response.url).content.decode()
    assert "is niet verplaatst. Van Aangemeld naar Opleiding is geen geldige stap." in html
    assert Deelname.objects.get(pk=deelname.pk).status == S.AANGEMELD


@both_dbs
def test_stale_card_is_refused_and_the_board_shows_the_current_state(rclient, traject):
    deelname = _deelname(traject, S.INTAKE)  # someone else already moved it from aangemeld
    response = _stap(rclient, deelname, htmx=True, naar=S.INTAKE, verwacht_van=S.AANGEMELD)
    html = response.content.decode()
    assert "Deze deelnemer is intussen naar Intake gegaan." in html
    assert f'name="d{deelname.pk}-verwacht_van" value="intake"' in html
    assert Deelname.objects.get(pk=deelname.pk).stappen.count() == 1


@both_dbs
def test_uitgevallen_needs_a_reason(rclient, traject):
    deelname = _deelname(traject, S.OPLEIDING)
    html = _stap(rclient, deelname, htmx=True, naar=S.UITGEVALLEN).content.decode()
    assert "Kies een reden van uitval." in html
    assert Deelname.objects.get(pk=deelname.pk).status == S.OPLEIDING
    _stap(rclient, deelname, htmx=True, naar=S.UITGEVALLEN, uitval_reden=c.UitvalReden.VERVOER)
    deelname.refresh_from_db()
    assert (deelname.status, deelname.uitval_reden) == (S.UITGEVALLEN, "vervoer")


# --- Scope and roles -----------------------------------------------------------------------


@both_dbs
def test_another_organisations_trajectory_and_deelname_answer_404(rclient):
    traject = _other_traject()
    deelname = _deelname(traject)
    fase = TrajectFaseFactory(traject=traject)
    partner = TrajectPartnerFactory(traject=traject)
    for url in [
        reverse("trajecten:detail", args=[traject.pk]),
        reverse("trajecten:wijzigen", args=[traject.pk]),
        reverse("trajecten:fase_wijzigen", args=[traject.pk, fase.pk]),
        reverse("trajecten:deelname", args=[deelname.pk]),
    ]:
        assert rclient.get(url).status_code == 404, url
    for url, data in [
        (
            reverse("trajecten:partner_toevoegen", args=[traject.pk]),
            {"organisatie": partner.organisatie_id, "rol": "werkgever"},
        ),
        (reverse("trajecten:partner_verwijderen", args=[traject.pk, partner.pk]), {}),
        (
            reverse("trajecten:fase_toevoegen", args=[traject.pk]),
            {"soort": "nazorg", "start": "2026-01-01", "eind": "2026-02-01"},
        ),
        (reverse("trajecten:fase_verwijderen", args=[traject.pk, fase.pk]), {}),
        (reverse("trajecten:deelname_stap", args=[deelname.pk]), {f"d{deelname.pk}-naar": "intake"}),
        (reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk]), {}),
    ]:
        assert rclient.post(url, data).status_code == 404, url
    assert Deelname.objects.get(pk=deelname.pk).status == S.AANGEMELD
    assert TrajectPartner.objects.filter(pk=partner.pk).exists() and TrajectFase.objects.filter(pk=fase.pk).exists()


@both_dbs
def test_partner_organisation_regisseur_does_not_get_the_board(client, make_user, traject):
    """Being a partner in a trajectory is no regie: the board is only for the regie organisation."""
    partner_org = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=partner_org, rol=c.PartnerRol.WERKGEVER)
    client.force_login(make_user(Rol.REGISSEUR, organisatie=partner_org))
    assert client.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 404


@both_dbs
@pytest.mark.parametrize("rol", [Rol.KLANTMANAGER, Rol.WERKGEVER, Rol.WETHOUDER, Rol.OPLEIDER, Rol.JOBCOACH])
def test_other_roles_get_404_on_every_regisseur_page(client, make_user, traject, rol):
    deelname = _deelname(traject)
    client.force_login(make_user(rol))  # same organisation as the regie
    for url in [
        reverse("trajecten:lijst"),
        reverse("trajecten:nieuw"),
        reverse("trajecten:detail", args=[traject.pk]),
        reverse("trajecten:wijzigen", args=[traject.pk]),
        reverse("trajecten:deelname", args=[deelname.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert _stap(client, deelname, naar=S.INTAKE).status_code == 404
    assert Deelname.objects.get(pk=deelname.pk).status == S.AANGEMELD
    assert not AccessLog.objects.exists()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("trajecten:lijst"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- Partners and planning -----------------------------------------------------------------


@both_dbs
def test_partner_add_and_remove_one_organisation_with_two_roles(rclient, traject):
    org = OrganisatieFactory(naam="Opleidingscentrum Techniek", type=OrganisatieType.OPLEIDER)
    url = reverse("trajecten:partner_toevoegen", args=[traject.pk])
    assert rclient.post(url, {"organisatie": org.pk, "rol": "opleider"}).status_code == 302
    assert rclient.post(url, {"organisatie": org.pk, "rol": "taalopleider"}).status_code == 302
    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
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
    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
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
    deelname = _deelname(traject, S.INTAKE)
    deelnemer = deelname.deelnemer
    response = rclient.get(reverse("trajecten:deelname", args=[deelname.pk]))
    html = response.content.decode()
    assert deelnemer.naam in html and "Statushouder" in html and "32 uur per week" in html
    assert "schrijven A1" in html
    assert deelnemer.bsn not in html and "1990" not in html  # no BSN, no birth date
    assert "Aangemeld" in html and "05-01-2026" in html  # the timeline
    assert f'name="d{deelname.pk}-terug" value="deelname"' in html and "hx-post" not in html
    row = AccessLog.objects.get(user_id=regisseur.pk, action="view")
    assert (row.object_type, row.object_id, row.rol) == ("deelnemers.Deelnemer", str(deelnemer.pk), "regisseur")


@both_dbs
def test_contactmoment_with_follow_up_actions_appears_in_open_actions(rclient, regisseur, traject, make_user):
    deelname = _deelname(traject, S.OPLEIDING)
    werkgever_org = Organisatie.objects.create(naam="Installateur BV", type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=werkgever_org, rol=c.PartnerRol.WERKGEVER)
    mentor = UserFactory(naam="Mentor Mo", organisatie=werkgever_org, rollen=[Rol.WERKGEVER])
    buiten = UserFactory(organisatie=GemeenteFactory())
    url = reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk])
    page = rclient.get(reverse("trajecten:deelname", args=[deelname.pk])).content.decode()
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

    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    acties = html[html.index('id="acties"') : html.index('id="partners"')]
    assert "Werkschoenen regelen" in acties and "Rooster sturen" in acties and "te laat" in acties
    actie = Vervolgactie.objects.get(omschrijving="Werkschoenen regelen")
    assert rclient.post(reverse("trajecten:actie_afgerond", args=[actie.pk]), {"terug": "traject"}).status_code == 302
    actie.refresh_from_db()
    assert actie.afgerond_op == timezone.localdate()
    html = rclient.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert "Werkschoenen regelen" not in html[html.index('id="acties"') : html.index('id="partners"')]


@both_dbs
def test_contactmoment_in_the_future_is_refused(rclient, traject):
    deelname = _deelname(traject)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    response = rclient.post(
        reverse("trajecten:contactmoment_toevoegen", args=[deelname.pk]),
        {"soort": "voortgang", "datum": morgen.isoformat(), "acties-TOTAL_FORMS": "3", "acties-INITIAL_FORMS": "0"},
    )
    assert "Een contactmoment in de toekomst kunt u nog niet vastleggen." in response.content.decode()
    assert not Contactmoment.objects.exists()


@both_dbs
def test_start_page_section_lists_trajectories_and_open_actions(rclient, regisseur, traject):
    deelname = _deelname(traject, S.INTAKE)
    from trajecten.services import contactmoment_create

    contactmoment_create(
        acting_user=regisseur,
        deelname=deelname,
        soort="intake",
        datum=timezone.localdate(),
        acties=[{"omschrijving": "Taaltoets plannen", "eigenaar": regisseur, "deadline": datetime.date(2027, 1, 1)}],
    )
    html = rclient.get(reverse("mijn_werk_rol", kwargs={"rol": "regisseur"})).content.decode()
    assert "Installatietechniek Oss" in html and "1 van 10 plaatsen bezet: intake 1" in html
    assert "Taaltoets plannen" in html and f'href="/deelnames/{deelname.pk}/"' in html
    assert AccessLog.objects.filter(action="list", object_id=str(deelname.deelnemer_id)).exists()


def test_htmx_request_after_the_session_ended_sends_the_page_to_login(client, db):
    deelname_url = reverse("trajecten:deelname_stap", args=[1])
    response = client.post(deelname_url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/trajecten/7/")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login") + "?next=%2Ftrajecten%2F7%2F"
