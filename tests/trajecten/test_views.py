"""The regisseur's trajectory page: the board, moving cards (with and without htmx), refusals,
scope (404 for other organisations and other roles), the access log and the query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import AccessLog, OrganisatieType, Rol
from tests.factories import (
    DeelnemerFactory,
    GemeenteFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
)
from tests.secties import met_secties
from tests.trajecten.regie import S, both_dbs, deelname_in, other_traject, verplaats
from trajecten import constants as c
from trajecten.models import Deelname, TrajectFase, TrajectPartner

# --- The trajectory page and its board -----------------------------------------------------


@both_dbs
def test_board_shows_a_column_per_active_state_and_parked_with_cards(rclient, traject):
    ali = deelname_in(traject, S.INTAKE, deelnemer=DeelnemerFactory(voornaam="Ali", gemeente=traject.regie_organisatie))
    deelname_in(traject, S.GEPARKEERD, vorige_status=S.OPLEIDING)
    klaar = deelname_in(traject, S.AFGEROND)
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
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
    deelname_in(traject, S.GEPLAATST)
    deelname_in(traject, S.NAZORG)
    deelname_in(traject, S.OPLEIDING)
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    assert "Monteur installatietechniek" in html and "Cohort (klas)" in html and "Testregio" in html
    assert "Nu 2 deelnemers aan het werk" in html and "Het doel is 7 (70% van 10)." in html
    assert '<progress id="voortgang-meter" class="trajecten-meter" max="7" value="2">' in html
    assert not re.search(r'\sstyle="', html) and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


SECTIES = ["detail", "traject_bord", "traject_voortgang", "traject_acties", "traject_partners", "traject_planning"]


@both_dbs
def test_page_and_section_query_counts_are_the_same_for_1_and_50_participants(rclient, traject):
    deelname_in(traject, S.INTAKE)
    urls = [reverse(f"trajecten:{naam}", args=[traject.pk]) for naam in SECTIES]

    def tel():
        aantallen = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert rclient.get(url, HTTP_HX_REQUEST="true").status_code == 200
            aantallen[url] = len(queries)
        return aantallen

    tel()  # warm up (session, content types)
    one = tel()
    statuses = [*c.ACTIVE_STATES, S.AFGEROND]
    for i in range(49):
        deelname_in(traject, statuses[i % len(statuses)])
    fifty = tel()
    html = rclient.get(urls[1], HTTP_HX_REQUEST="true").content.decode()
    assert html.count('class="trajecten-kaart') + html.count("trajecten-afgesloten__lijst") >= 44
    assert one == fifty


@both_dbs
def test_board_writes_a_list_row_per_person_and_hides_those_without_consent(rclient, regisseur, traject):
    eigen = deelname_in(traject, S.INTAKE)
    elders = GemeenteFactory()
    met_toestemming = deelname_in(traject, S.INTAKE, deelnemer=DeelnemerFactory(gemeente=elders))
    ToestemmingFactory(deelnemer=met_toestemming.deelnemer)
    zonder = deelname_in(traject, S.INTAKE, deelnemer=DeelnemerFactory(gemeente=elders))
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
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
    deelname = deelname_in(traject)
    response = verplaats(rclient, deelname, naar=S.INTAKE, toelichting="Intake gepland", terug="traject")
    assert response.status_code == 302
    assert response.url == reverse("trajecten:traject_bord", args=[traject.pk]) + f"#kaart-{deelname.pk}"
    deelname.refresh_from_db()
    assert deelname.status == S.INTAKE
    stap = deelname.stappen.order_by("-id").first()
    assert (stap.van_status, stap.naar_status, stap.door, stap.toelichting) == (
        "aangemeld",
        "intake",
        regisseur,
        "Intake gepland",
    )
    html = rclient.get(response.url).content.decode()  # the board as a page of its own
    assert "staat nu op Intake." in html and f'id="kaart-{deelname.pk}"' in html


@both_dbs
def test_valid_move_with_htmx_returns_the_board_with_the_card_in_its_new_column(rclient, traject):
    deelname = deelname_in(traject)
    response = verplaats(rclient, deelname, htmx=True, naar=S.INTAKE)
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
    deelname = deelname_in(traject)
    response = verplaats(rclient, deelname, htmx=True, naar=S.OPLEIDING, toelichting="Mijn getypte notitie")
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
    deelname = deelname_in(traject)
    response = verplaats(rclient, deelname, naar=S.OPLEIDING, terug="deelname")
    assert response.status_code == 302 and response.url == reverse("trajecten:deelname", args=[deelname.pk])
    html = rclient.get(response.url).content.decode()
    assert "is niet verplaatst. Van Aangemeld naar Opleiding is geen geldige stap." in html
    assert Deelname.objects.get(pk=deelname.pk).status == S.AANGEMELD


@both_dbs
def test_stale_card_is_refused_and_the_board_shows_the_current_state(rclient, traject):
    deelname = deelname_in(traject, S.INTAKE)  # someone else already moved it from aangemeld
    steps = deelname.stappen.count()
    response = verplaats(rclient, deelname, htmx=True, naar=S.INTAKE, verwacht_van=S.AANGEMELD)
    html = response.content.decode()
    assert "Deze deelnemer is intussen naar Intake gegaan." in html
    assert f'name="d{deelname.pk}-verwacht_van" value="intake"' in html
    assert Deelname.objects.get(pk=deelname.pk).stappen.count() == steps


@both_dbs
def test_uitgevallen_needs_a_reason(rclient, traject):
    deelname = deelname_in(traject, S.OPLEIDING)
    html = verplaats(rclient, deelname, htmx=True, naar=S.UITGEVALLEN).content.decode()
    assert "Kies een reden van uitval." in html
    assert Deelname.objects.get(pk=deelname.pk).status == S.OPLEIDING
    verplaats(rclient, deelname, htmx=True, naar=S.UITGEVALLEN, uitval_reden=c.UitvalReden.VERVOER)
    deelname.refresh_from_db()
    assert (deelname.status, deelname.uitval_reden) == (S.UITGEVALLEN, "vervoer")


# --- Scope and roles -----------------------------------------------------------------------


@both_dbs
def test_another_organisations_trajectory_and_deelname_answer_404(rclient):
    traject = other_traject()
    deelname = deelname_in(traject)
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
    deelname = deelname_in(traject)
    client.force_login(make_user(rol))  # same organisation as the regie
    for url in [
        reverse("trajecten:lijst"),
        reverse("trajecten:nieuw"),
        reverse("trajecten:detail", args=[traject.pk]),
        reverse("trajecten:wijzigen", args=[traject.pk]),
        reverse("trajecten:deelname", args=[deelname.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert verplaats(client, deelname, naar=S.INTAKE).status_code == 404
    assert Deelname.objects.get(pk=deelname.pk).status == S.AANGEMELD
    assert not AccessLog.objects.filter(result="allowed").exists()
    # the refused attempts at the participant (page and step) are logged (issue 11)
    assert (
        list(AccessLog.objects.filter(result="denied").values_list("object_type", "object_id"))
        == [("trajecten.Deelname", str(deelname.pk))] * 2
    )


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("trajecten:lijst"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_htmx_request_after_the_session_ended_sends_the_page_to_login(client, db):
    deelname_url = reverse("trajecten:deelname_stap", args=[1])
    response = client.post(deelname_url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/trajecten/7/")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login") + "?next=%2Ftrajecten%2F7%2F"


@both_dbs
def test_stale_card_of_a_participant_closed_meanwhile_shows_the_refusal_above_the_board(rclient, traject):
    deelname = deelname_in(traject, S.AFGEROND)  # the page still showed it in nazorg
    html = verplaats(rclient, deelname, htmx=True, naar=S.UITGEVALLEN, verwacht_van=S.NAZORG).content.decode()
    alert = html[html.index('id="bord-fout"') : html.index('class="trajecten-bord__kolommen"')]
    assert "is niet verplaatst." in alert and "Deze deelnemer is intussen naar Afgerond gegaan." in alert
    assert 'data-focus="bord-fout"' in html
