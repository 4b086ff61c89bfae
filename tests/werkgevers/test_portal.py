"""The employer portal (/werkgever/): pages, interest, answering a match, confirming a placement,
scope (404 for what is not the employer's), the access log and the profile PDF."""

import datetime

import pytest
from django.urls import reverse

from leerwerk.models import AccessLog, Rol
from tests.factories import BegeleiderFactory, LeerwerkplekFactory, WerkgeverFactory
from tests.pdf import pdf_text
from tests.secties import met_secties
from trajecten import constants as tc
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Match, Plaatsing

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _login(client, user):
    client.force_login(user)
    return client


def _deelname(world, voornaam, achternaam, **kw):
    return world.deelname(
        voornaam=voornaam, achternaam=achternaam, email=f"{voornaam.lower()}@mail.example", telefoon="0687654321", **kw
    )


def _proposed_match(world, deelname, plek=None):
    return services.match_propose(acting_user=world.regisseur, deelname=deelname, leerwerkplek=plek or world.plek)


def _log(user, action, object_type):
    return set(
        AccessLog.objects.filter(user_id=user.pk, action=action, object_type=object_type).values_list(
            "object_id", flat=True
        )
    )


# --- Pages render for the employer -------------------------------------------------------------------


def test_start_page_shows_places_waiting_matches_and_placements_and_people_at_work(client, world, make_user):
    wacht = _deelname(world, "Amina", "Wachtend")
    _proposed_match(world, wacht)
    bevestigen = _deelname(world, "Bilal", "Bevestiger")
    world.accepted(bevestigen)
    te_bevestigen = world.proposed_placement(bevestigen)
    werkt = _deelname(world, "Chadi", "Werkend")
    world.accepted(werkt)
    mentor = BegeleiderFactory(werkgever=world.werkgever, naam="Mentor Marco", telefoon="0611122233")
    jobcoach = make_user(Rol.JOBCOACH, naam="Jet Jobcoach", email="jet@jobcoach.example")
    aan_het_werk = world.proposed_placement(werkt, start=datetime.date(2026, 6, 1), mentor=mentor, jobcoach=jobcoach)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=aan_het_werk, versie=1)

    html = met_secties(_login(client, world.werkgever_user), reverse("werkgever:start"))

    assert world.plek.functietitel in html and reverse("werkgever:plek", args=[world.plek.pk]) in html
    assert "3 kandidaatprofielen voor deze plek" in html
    assert f"Kandidaat {wacht.profiel.pseudoniem} voor {world.plek.functietitel}" in html
    assert reverse("werkgever:match", args=[Match.objects.get(deelname=wacht).pk]) in html
    assert "Bilal Bevestiger" in html and reverse("werkgever:plaatsing", args=[te_bevestigen.pk]) in html
    assert "Chadi Werkend" in html and "Mentor Marco" in html and "0611122233" in html
    assert "Jet Jobcoach" in html and "jet@jobcoach.example" in html
    # a candidate whose match is only proposed stays anonymous
    assert "Amina" not in html and "Wachtend" not in html
    # the names shown are logged as reveals, the proposed candidate's profile as a list read
    assert _log(world.werkgever_user, "reveal", "deelnemers.Deelnemer") == {
        str(bevestigen.deelnemer_id),
        str(werkt.deelnemer_id),
    }
    assert _log(world.werkgever_user, "list", "werkgevers.Profiel") == {str(wacht.profiel.pk)}


def test_start_page_without_anything_says_so(client, world):
    html = met_secties(_login(client, world.werkgever_user), reverse("werkgever:start"))
    assert "Er wachten geen voorstellen op uw antwoord." in html
    assert "Er wachten geen plaatsingen op uw bevestiging." in html
    assert "Er werken nu geen deelnemers bij u via een traject." in html


def test_mijn_werk_section_counts_without_person_data(client, world):
    deelname = _deelname(world, "Dina", "Telling")
    _proposed_match(world, deelname)
    html = met_secties(_login(client, world.werkgever_user), reverse("mijn_werk_rol", args=["werkgever"]))
    assert "1 voorgestelde kandidaat wacht op uw antwoord." in html
    assert "1 open plek." in html and "1 kandidaatprofiel voor u." in html
    assert "0 plaatsingen wachten op uw bevestiging." in html
    assert deelname.profiel.pseudoniem not in html and "Dina" not in html
    assert reverse("werkgever:profielen") in html


def test_place_page_lists_profiles_of_its_trajectory_with_score_explanation(client, world):
    deelname = _deelname(world, "Emre", "Plekker")
    niet_goedgekeurd = _deelname(world, "Fatma", "Concept", approved=False)
    html = _login(client, world.werkgever_user).get(reverse("werkgever:plek", args=[world.plek.pk])).content.decode()
    assert f"Kandidaat {deelname.profiel.pseudoniem}" in html
    assert niet_goedgekeurd.profiel.pseudoniem not in html
    assert "Taalniveau" in html and "de plek vraagt minimaal A1" in html  # the explanation per part
    assert "Passend:" in html and "van 100 punten" in html
    assert "Ik sta open voor deze kandidaat" in html
    assert "Emre" not in html and "Plekker" not in html
    assert _log(world.werkgever_user, "list", "werkgevers.Profiel") == {str(deelname.profiel.pk)}


def test_profile_list_and_page_show_the_anonymised_profile_and_log_it(client, world):
    deelname = _deelname(world, "Gul", "Profiel")
    _login(client, world.werkgever_user)
    lijst = client.get(reverse("werkgever:profielen")).content.decode()
    assert f"Kandidaat {deelname.profiel.pseudoniem}" in lijst and world.traject.naam in lijst
    pagina = client.get(reverse("werkgever:profiel", args=[deelname.profiel.pk])).content.decode()
    assert "Gemotiveerd, handig met gereedschap." in pagina  # the approved motivation
    assert "Testregio" in pagina  # the labour-market region, never the gemeente
    assert "Testgemeente" not in pagina
    assert reverse("werkgever:profiel_pdf", args=[deelname.profiel.pk]) in pagina
    for html in (lijst, pagina):
        assert "Gul" not in html and "gul@mail.example" not in html and deelname.deelnemer.bsn not in html
    assert _log(world.werkgever_user, "list", "werkgevers.Profiel") == {str(deelname.profiel.pk)}
    assert _log(world.werkgever_user, "view", "werkgevers.Profiel") == {str(deelname.profiel.pk)}


def test_profile_pdf_is_one_page_with_the_pseudonym_and_no_name(client, world):
    deelname = _deelname(world, "Hamid", "Pdfmaker")
    response = _login(client, world.werkgever_user).get(reverse("werkgever:profiel_pdf", args=[deelname.profiel.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    tekst = pdf_text(response.content)
    assert deelname.profiel.pseudoniem in tekst
    assert "Gemotiveerd, handig met gereedschap." in tekst
    assert "Hamid" not in tekst and "Pdfmaker" not in tekst and deelname.deelnemer.bsn not in tekst
    assert "Pagina 1 van 1" in tekst
    assert _log(world.werkgever_user, "pdf", "werkgevers.Profiel") == {str(deelname.profiel.pk)}


def test_profile_pdf_stays_one_page_with_the_longest_motivation(client, world):
    deelname = _deelname(world, "Iris", "Langtekst")
    lang = "Zeer gemotiveerd. " * 66  # 1188 characters: the longest a motivation may be is 1200
    services.profiel_concept_save(acting_user=world.klantmanager, deelname=deelname, motivatie=lang)
    services.profiel_approve(acting_user=world.regisseur, profiel=deelname.profiel)
    response = _login(client, world.werkgever_user).get(reverse("werkgever:profiel_pdf", args=[deelname.profiel.pk]))
    assert "Pagina 1 van 1" in pdf_text(response.content)


# --- Scope: another employer, another role, not logged in -------------------------------------------------


def test_another_employer_gets_404_for_my_place_match_and_placement(client, world):
    deelname = _deelname(world, "Jamal", "Scope")
    match = world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    _login(client, world.ander_user)
    for url in (
        reverse("werkgever:plek", args=[world.plek.pk]),
        reverse("werkgever:match", args=[match.pk]),
        reverse("werkgever:plaatsing", args=[plaatsing.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("werkgever:match", args=[match.pk]), {"antwoord": "accepteren"}).status_code == 404
    response = client.post(reverse("werkgever:plaatsing", args=[plaatsing.pk]), {"antwoord": "bevestigen", "versie": 1})
    assert response.status_code == 404
    plaatsing.refresh_from_db()
    assert plaatsing.status == c.PlaatsingStatus.VOORGESTELD
    # and the page of 404 does not echo the person
    assert "Jamal" not in response.content.decode()


def test_employer_not_partner_in_the_trajectory_gets_404_for_its_profiles(client, world, make_user):
    deelname = _deelname(world, "Kemal", "Buitenstaander")
    buiten = WerkgeverFactory()
    buiten_user = make_user(Rol.WERKGEVER, organisatie=buiten.organisatie)
    eigen_plek = LeerwerkplekFactory(werkgever=buiten)  # in another trajectory
    _login(client, buiten_user)
    pk = deelname.profiel.pk
    assert client.get(reverse("werkgever:profiel", args=[pk])).status_code == 404
    assert client.get(reverse("werkgever:profiel_pdf", args=[pk])).status_code == 404
    response = client.post(reverse("werkgever:interesse", args=[pk]), {"leerwerkplek": eigen_plek.pk})
    assert response.status_code == 404
    assert not Match.objects.filter(deelname=deelname).exists()
    assert deelname.profiel.pseudoniem not in client.get(reverse("werkgever:profielen")).content.decode()


def test_other_roles_get_404_and_anonymous_users_the_login(client, world):
    url = reverse("werkgever:start")
    assert client.get(url).status_code == 302
    assert reverse("login") in client.get(url)["Location"]
    _login(client, world.regisseur)
    assert client.get(url).status_code == 404
    assert client.get(reverse("werkgever:plek", args=[world.plek.pk])).status_code == 404


# --- Interest ---------------------------------------------------------------------------------------------


def test_interest_from_the_place_page_creates_a_match_and_returns_to_the_candidate(client, world):
    deelname = _deelname(world, "Lina", "Interesse")
    pk = deelname.profiel.pk
    _login(client, world.werkgever_user)
    response = client.post(reverse("werkgever:interesse", args=[pk]), {"leerwerkplek": world.plek.pk, "terug": "plek"})
    assert response.status_code == 302
    assert response["Location"] == reverse("werkgever:plek", args=[world.plek.pk]) + f"#profiel-{pk}"
    match = Match.objects.get(deelname=deelname, leerwerkplek=world.plek)
    assert match.status == c.MatchStatus.INTERESSE and match.interesse_door == world.werkgever_user
    html = client.get(response["Location"]).content.decode()
    assert "U staat open voor kandidaat" in html  # the message
    assert "U staat open voor deze kandidaat. De regisseur bekijkt dit." in html  # the status at the card


def test_interest_from_the_profile_page_offers_my_open_places_only(client, world):
    deelname = _deelname(world, "Mona", "Keuze")
    dicht = LeerwerkplekFactory(werkgever=world.werkgever, traject=world.traject, functietitel="Gesloten plek",
                                status=c.PlekStatus.GESLOTEN)  # fmt: skip
    _login(client, world.werkgever_user)
    url = reverse("werkgever:profiel", args=[deelname.profiel.pk])
    html = client.get(url).content.decode()
    assert f'<option value="{world.plek.pk}"' in html
    assert f'<option value="{dicht.pk}"' not in html and f'<option value="{world.ander_plek.pk}"' not in html
    # another employer's place or a closed one: a field error in Dutch, nothing stored
    for plek in (world.ander_plek, dicht):
        response = client.post(reverse("werkgever:interesse", args=[deelname.profiel.pk]), {"leerwerkplek": plek.pk})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Kies een van uw open leerwerkplekken in dit traject." in page
        assert 'aria-invalid="true"' in page
    assert not Match.objects.filter(deelname=deelname).exists()
    response = client.post(reverse("werkgever:interesse", args=[deelname.profiel.pk]), {"leerwerkplek": world.plek.pk})
    assert response.status_code == 302 and response["Location"] == url
    assert Match.objects.filter(deelname=deelname, leerwerkplek=world.plek, status="interesse").exists()
    # the place is no longer offered for this candidate; the page says where it stands
    html = client.get(url).content.decode()
    assert f'<option value="{world.plek.pk}"' not in html and "Ik sta open voor deze kandidaat</button>" not in html
    assert "U staat open voor deze kandidaat. De regisseur bekijkt dit." in html


# --- Answering a match ----------------------------------------------------------------------------------------


def test_accepting_a_match_reveals_name_and_contact_to_that_employer_only(client, world):
    deelname = _deelname(world, "Nadia", "Onthulling")
    match = _proposed_match(world, deelname)
    url = reverse("werkgever:match", args=[match.pk])
    _login(client, world.werkgever_user)
    voor = client.get(url).content.decode()
    assert "Accepteren" in voor and deelname.profiel.pseudoniem in voor
    assert "Nadia" not in voor and "nadia@mail.example" not in voor and "0687654321" not in voor
    assert _log(world.werkgever_user, "reveal", "deelnemers.Deelnemer") == set()

    response = client.post(url, {"antwoord": "accepteren"})
    assert response.status_code == 302 and response["Location"] == url
    match.refresh_from_db()
    assert match.status == c.MatchStatus.GEACCEPTEERD and match.beantwoord_door == world.werkgever_user
    na = client.get(url).content.decode()
    assert "Nadia Onthulling" in na and "mailto:nadia@mail.example" in na and "tel:0687654321" in na
    assert _log(world.werkgever_user, "reveal", "deelnemers.Deelnemer") == {str(deelname.deelnemer_id)}

    # the other employer partner in the same trajectory sees the profile, never the name
    _login(client, world.ander_user)
    assert client.get(url).status_code == 404
    for page in ("werkgever:start", "werkgever:profielen"):
        assert "Nadia" not in met_secties(client, reverse(page))
    html = client.get(reverse("werkgever:profiel", args=[deelname.profiel.pk])).content.decode()
    assert deelname.profiel.pseudoniem in html and "Nadia" not in html


def test_declining_a_match_needs_a_reason_shown_at_its_field(client, world):
    deelname = _deelname(world, "Omar", "Afwijzing")
    match = _proposed_match(world, deelname)
    url = reverse("werkgever:match", args=[match.pk])
    _login(client, world.werkgever_user)

    html = client.post(url, {"antwoord": "afwijzen", "reden": ""}).content.decode()
    assert "Kies een reden." in html and 'aria-describedby="afwijzen_reden_error"' in html
    html = client.post(url, {"antwoord": "afwijzen", "reden": "overig", "toelichting": " "}).content.decode()
    assert "Licht de reden &#x27;overig&#x27; toe." in html and 'id="afwijzen_toelichting_error"' in html
    match.refresh_from_db()
    assert match.status == c.MatchStatus.VOORGESTELD

    response = client.post(url, {"antwoord": "afwijzen", "reden": "uren", "toelichting": "Wij zoeken 38 uur."})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.status, match.afwijs_reden, match.toelichting) == ("afgewezen", "uren", "Wij zoeken 38 uur.")
    html = client.get(url).content.decode()
    assert "Beschikbare uren passen niet" in html and "Omar" not in html
    # a second answer is refused with a clear message
    html = client.post(url, {"antwoord": "accepteren"}).content.decode()
    assert "Deze match wacht niet (meer) op uw antwoord." in html


# --- Confirming a placement -------------------------------------------------------------------------------------


def test_confirming_moves_the_deelname_to_proefplaatsing_and_a_second_confirm_says_so(client, world):
    deelname = _deelname(world, "Pari", "Bevestiging")
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    url = reverse("werkgever:plaatsing", args=[plaatsing.pk])
    _login(client, world.werkgever_user)
    html = client.get(url).content.decode()
    assert "Pari Bevestiging" in html and "Proefplaatsing met behoud van uitkering" in html
    assert "07-09-2026" in html and "Bevestig deze plaatsing (versie 1)" in html
    assert _log(world.werkgever_user, "view", "werkgevers.Plaatsing") == {str(plaatsing.pk)}

    response = client.post(url, {"antwoord": "bevestigen", "versie": "1"})
    assert response.status_code == 302 and response["Location"] == url
    plaatsing.refresh_from_db()
    deelname.refresh_from_db()
    assert plaatsing.status == c.PlaatsingStatus.BEVESTIGD and plaatsing.bevestigd_door == world.werkgever_user
    assert deelname.status == tc.DeelnameStatus.PROEFPLAATSING
    assert "U heeft de plaatsing bevestigd." in client.get(url).content.decode()

    again = client.post(url, {"antwoord": "bevestigen", "versie": "1"})
    assert again.status_code == 200
    assert "Deze plaatsing wacht niet (meer) op uw bevestiging." in again.content.decode()
    assert Plaatsing.objects.get(pk=plaatsing.pk).bevestigd_op == plaatsing.bevestigd_op


def test_a_changed_placement_shows_the_confirmed_version_next_to_the_new_one(client, world):
    deelname = _deelname(world, "Rana", "Wijziging")
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=1)
    services.plaatsing_change(acting_user=world.regisseur, plaatsing=plaatsing, uren_per_week=24)
    url = reverse("werkgever:plaatsing", args=[plaatsing.pk])
    _login(client, world.werkgever_user)

    html = client.get(url).content.decode()
    assert "Bevestigd (versie 1)" in html and "Nieuw (versie 2)" in html
    assert '<td class="utrecht-table__cell">32</td>' in html and "24 <strong>(gewijzigd)</strong>" in html
    assert "Plaatsing afwijzen" not in html  # a confirmed placement is not declined; its change is confirmed

    stale = client.post(url, {"antwoord": "bevestigen", "versie": "1"})
    assert "De plaatsing is intussen gewijzigd. Bekijk de nieuwe gegevens." in stale.content.decode()
    assert client.post(url, {"antwoord": "bevestigen", "versie": "2"}).status_code == 302
    plaatsing.refresh_from_db()
    assert plaatsing.bevestigde_versie == 2 and not plaatsing.wacht_op_bevestiging


def test_declining_a_placement_with_a_reason(client, world):
    deelname = _deelname(world, "Sami", "Nee")
    world.accepted(deelname)
    plaatsing = world.proposed_placement(deelname)
    url = reverse("werkgever:plaatsing", args=[plaatsing.pk])
    _login(client, world.werkgever_user)
    html = client.post(url, {"antwoord": "afwijzen"}).content.decode()
    assert "Kies een reden." in html and 'aria-invalid="true"' in html
    response = client.post(url, {"antwoord": "afwijzen", "reden": "startdatum", "toelichting": "Pas in oktober."})
    assert response.status_code == 302
    plaatsing.refresh_from_db()
    deelname.refresh_from_db()
    assert (plaatsing.status, plaatsing.afwijs_reden) == ("afgewezen", "startdatum")
    assert deelname.status == tc.DeelnameStatus.OPLEIDING
    assert "Startdatum past niet" in client.get(url).content.decode()
