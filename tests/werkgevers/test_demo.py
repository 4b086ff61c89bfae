"""What the demo shows employers: the demo werkgever's places, the profiles it is offered, the one
name it knows from the second group, the placement waiting for its confirmation; the placements
the first group came through; the events. Read from one shared demo world (see test_demo_data)."""

from collections import Counter

import pghistory.models
import pytest
from django.core.management import call_command
from django.utils import timezone

from deelnemers.constants import ToestemmingSoort
from leerwerk.demo import EXTRA_DEMO_LOGINS, demo_email
from leerwerk.management.commands.demo_data import AMR, ORGANISATIES
from leerwerk.models import AccessLog, Rol, User
from leerwerk.regios import BouwvakRegio, Provincie
from tests.leerwerk.test_demo_data import _demo_world, demo  # noqa: F401 - the shared demo world
from tests.pdf import pdf_text
from tests.secties import met_secties
from trajecten import constants as tc
from trajecten.demo import INSTALLATIE_NAAM
from trajecten.demo_glas import GLAS_NAAM
from trajecten.models import Deelname
from werkgevers import constants as c
from werkgevers import selectors, services
from werkgevers.models import Bijeenkomst, Leerwerkplek, Locatie, Match, Plaatsing, Profiel, Werkgever
from werkgevers.validators import validate_kvk, validate_postcode

pytestmark = pytest.mark.django_db
S = tc.DeelnameStatus
# Not Rami: he is on a trial placement at De Maaskant, so other employers are not offered him.
OFFERED = {"Samira Haddad", "Ahmad Rahimi", "Kevin van den Akker"}


def _wim():
    return User.objects.get(email=demo_email(Rol.WERKGEVER))


def _bart():
    return User.objects.get(email=EXTRA_DEMO_LOGINS["werkgever_bouw"])


def _namen(deelname_ids) -> set[str]:
    return {d.deelnemer.naam for d in Deelname.objects.filter(pk__in=deelname_ids).select_related("deelnemer")}


def _deelname(voornaam: str) -> Deelname:
    return Deelname.objects.get(deelnemer__voornaam=voornaam)


@pytest.mark.usefixtures("demo")
class TestDemoWerkgevers:
    def test_three_employers_with_fictitious_kvk_numbers_locations_in_the_region_and_mentors(self):
        werkgevers = Werkgever.objects.select_related("organisatie")
        assert {w.organisatie.naam for w in werkgevers} == {
            ORGANISATIES[k][0] for k in ("werkgever_installatie", "werkgever_bouw", "werkgever_glas")
        }
        for werkgever in werkgevers:
            validate_kvk(werkgever.kvk_nummer)
            assert werkgever.kvk_nummer.startswith("0000")  # no real registration looks like this
            assert werkgever.locaties.exists()
            assert werkgever.begeleiders.filter(soort=c.BegeleiderSoort.MENTOR).exists()
        for locatie in Locatie.objects.select_related("arbeidsmarktregio"):
            validate_postcode(locatie.postcode)
            assert locatie.provincie == Provincie.NOORD_BRABANT and locatie.bouwvak_regio == BouwvakRegio.ZUID
            assert locatie.arbeidsmarktregio.naam == AMR
            assert locatie.gemeente in {"'s-Hertogenbosch", "Oss", "Meierijstad"}

    def test_the_demo_employer_has_two_places_in_the_installation_trajectory_one_with_a_letter_of_intent(self):
        plekken = selectors.plekken_visible_to(_wim()).filter(traject__naam=INSTALLATIE_NAAM)
        assert plekken.count() == 2 and all(p.status == c.PlekStatus.OPEN for p in plekken)
        jobcarving = plekken.get(deel_van_functie=True)
        assert jobcarving.functietitel == "Assistent-monteur" and len(jobcarving.taken) == 5
        assert jobcarving.toezegging == c.Toezegging.INTENTIEVERKLARING
        assert jobcarving.toezegging_datum <= timezone.localdate() < jobcarving.toezegging_geldig_tot
        with jobcarving.toezegging_document.open("rb") as document:
            pdf = document.read()
        assert pdf.startswith(b"%PDF-") and "Intentieverklaring" in pdf_text(pdf)
        assert "BBL" in plekken.get(deel_van_functie=False).functietitel
        maaskant = Leerwerkplek.objects.filter(werkgever__organisatie__naam=ORGANISATIES["werkgever_bouw"][0])
        assert maaskant.get(matches__deelname=_deelname("Rami")).status == c.PlekStatus.VERVULD  # his trial
        assert maaskant.get(matches__deelname=_deelname("Kevin")).status == c.PlekStatus.OPEN  # BBL, planned
        glas = Leerwerkplek.objects.get(traject__naam=GLAS_NAAM)
        assert glas.toezegging == c.Toezegging.BAANGARANTIE

    def test_the_demo_employer_is_offered_exactly_the_approved_profiles_of_consenting_participants(self):
        offered = selectors.profielen_for_werkgever(_wim()).values_list("deelname_id", flat=True)
        assert _namen(offered) == OFFERED
        weergaven = selectors.profiel_weergaven(selectors.profielen_for_werkgever(_wim()))
        assert all(w.pseudoniem.startswith("K-") and w.motivatie for w in weergaven)
        # Not offered: a draft waiting for approval, an approved profile without consent, the placed
        # one, and one placed with another employer.
        rami = _deelname("Rami")
        assert selectors.profielen_for_regie(rami.traject.regisseur).filter(deelname=rami).exists()
        assert rami.status == S.PROEFPLAATSING and rami.deelnemer.toestemming_actief(ToestemmingSoort.WERKGEVERS)
        piotr = Profiel.objects.get(deelname=_deelname("Piotr"))
        assert piotr.concept_wacht and not piotr.gepubliceerd
        omar = Profiel.objects.select_related("deelname__deelnemer").get(deelname=_deelname("Omar"))
        assert omar.gepubliceerd and not omar.deelname.deelnemer.toestemming_actief(ToestemmingSoort.WERKGEVERS)
        assert _deelname("Yonas").status == S.GEPLAATST
        # Written by the candidate's klantmanager, approved by the regisseur.
        for profiel in Profiel.objects.exclude(motivatie="").select_related("deelname__deelnemer", "traject"):
            assert profiel.concept_door.has_rol(Rol.KLANTMANAGER)
            assert profiel.concept_door.organisatie_id == profiel.deelname.deelnemer.gemeente_id
            assert profiel.goedgekeurd_door == profiel.traject.regisseur
            assert profiel.concept_op < profiel.goedgekeurd_op <= timezone.now()

    def test_one_name_among_the_offered_profiles_besides_the_employee_at_work(self):
        onthuld = selectors.onthulde_deelnemers(_wim())
        # and the finished cohort's four who went to work at Van der Heijden (trajecten.demo_cohort)
        cohort = {"Filmon Tesfamariam", "Yusuf Al-Hassan", "Reza Karimi", "Tomasz Nowak"}
        # Mustafa Noori: the experienced fitter at work since the start of the training (begeleiding.demo)
        assert {d.naam for d in onthuld.values()} == {"Ahmad Rahimi", "Yonas Tesfay", "Mustafa Noori"} | cohort
        offered = set(selectors.profielen_for_werkgever(_wim()).values_list("deelname_id", flat=True))
        assert _namen(offered & set(onthuld)) == {"Ahmad Rahimi"}
        # De Maaskant knows its trainee and the one it accepted for its BBL place.
        assert {d.naam for d in selectors.onthulde_deelnemers(_bart()).values()} == {
            "Rami Darwish",
            "Kevin van den Akker",
            *("Abel Bekele", "Rania Khoury", "Samuel Ghebre"),  # its employees from the finished cohort
        }

    def test_interest_in_three_profiles_one_match_accepted_one_waiting_for_an_answer(self):
        matches = selectors.matches_for_werkgever(_wim()).filter(deelname__status__in=c.PROFIEL_STATES)
        per_status = {m.status: _namen([m.deelname_id]) for m in matches}
        assert Counter(m.status for m in matches) == {"interesse": 1, "geaccepteerd": 1, "voorgesteld": 1}
        assert per_status == {
            c.MatchStatus.INTERESSE: {"Samira Haddad"},
            c.MatchStatus.GEACCEPTEERD: {"Ahmad Rahimi"},
            c.MatchStatus.VOORGESTELD: {"Kevin van den Akker"},
        }
        assert all(m.interesse_door == _wim() and m.interesse_op for m in matches)
        regisseur = Deelname.objects.get(pk=matches[0].deelname_id).traject.regisseur
        assert all(m.voorgesteld_door == regisseur and m.score for m in matches.exclude(status="interesse"))

    def test_the_suggestion_score_explains_a_missing_certificate(self):
        regisseur = _deelname("Samira").traject.regisseur
        profiel = selectors.profielen_for_regie(regisseur).get(deelname__deelnemer__voornaam="Samira")
        weergave = selectors.ProfielWeergave.van(profiel)
        plek = Leerwerkplek.objects.get(functietitel="Assistent-monteur")
        uitleg = [o.uitleg for o in selectors.match_score(weergave, plek).onderdelen]
        assert "Ontbreekt: VCA basis." in uitleg  # the resit is planned

    def test_one_placement_waits_for_the_demo_employer_and_its_start_day_moves_the_participant(self):
        wacht = [p for p in selectors.plaatsingen_for_werkgever(_wim()) if p.wacht_op_bevestiging]
        assert len(wacht) == 1
        plaatsing = wacht[0]
        deelname = Deelname.objects.get(pk=plaatsing.deelname_id)
        assert deelname.deelnemer.naam == "Ahmad Rahimi" and deelname.status == S.OPLEIDING
        assert plaatsing.voorgesteld_door == deelname.traject.regisseur
        assert plaatsing.soort == c.PlaatsingSoort.PROEFPLAATSING and plaatsing.start > timezone.localdate()
        assert plaatsing.mentor and plaatsing.jobcoach.has_rol(Rol.JOBCOACH)

        services.plaatsing_confirm(acting_user=_wim(), plaatsing=plaatsing, versie=plaatsing.versie)
        deelname.refresh_from_db()
        assert deelname.status == S.OPLEIDING  # confirmed for a later day: still in training

        assert services.deelnames_bij_plaatsingen(vandaag=plaatsing.start) == 1
        deelname.refresh_from_db()
        stap = deelname.stappen.order_by("op", "id").last()
        assert deelname.status == S.PROEFPLAATSING
        assert (stap.door, stap.ingangsdatum) == (_wim(), plaatsing.start)

    def test_the_first_group_came_through_placements_the_employers_confirmed(self):
        proef, contract = Plaatsing.objects.filter(deelname=_deelname("Yonas")).order_by("start")
        assert (proef.soort, proef.status) == (c.PlaatsingSoort.PROEFPLAATSING, c.PlaatsingStatus.OMGEZET)
        assert (contract.soort, contract.status) == (c.PlaatsingSoort.BBL, c.PlaatsingStatus.GESTART)
        assert contract.omgezet_uit == proef and (contract.start - proef.einde).days == 1
        assert proef.bevestigd_door == contract.bevestigd_door == _wim()
        rami = Plaatsing.objects.get(deelname=_deelname("Rami"))
        assert (rami.status, rami.bevestigd_door) == (c.PlaatsingStatus.GESTART, _bart())
        assert rami.leerwerkplek.werkgever.organisatie == _bart().organisatie
        assert Match.objects.filter(deelname=_deelname("Rami"), status=c.MatchStatus.GEACCEPTEERD).count() == 1

    def test_a_meet_and_match_lunch_and_meeloopdagen(self):
        lunch = Bijeenkomst.objects.get(soort=c.BijeenkomstSoort.MEET_AND_MATCH)
        assert "Arabische lunch" in lunch.omschrijving and lunch.traject.naam == INSTALLATIE_NAAM
        assert lunch.werkgevers.count() == 2 and lunch.deelnames.count() == 4
        meeloop = Bijeenkomst.objects.filter(soort=c.BijeenkomstSoort.MEELOOPDAG)
        assert Counter(m.traject.naam for m in meeloop) == {INSTALLATIE_NAAM: 1, GLAS_NAAM: 1}
        assert all(m.werkgevers.count() == 1 and m.deelnames.exists() for m in meeloop)
        assert selectors.bijeenkomsten_visible_to(_wim()).count() == 2  # the lunch and its meeloopdag

    @pytest.mark.django_db(databases=["default", "audit"])
    def test_the_portal_start_page_names_only_the_revealed_participants(self, client):
        client.force_login(_wim())
        html = met_secties(client, "/werkgever/")
        assert "Ahmad Rahimi" in html  # the placement waiting for confirmation
        assert "Yonas Tesfay" in html  # at work
        for achternaam in ("Haddad", "van den Akker", "Darwish", "Nuur", "Kowalczyk"):
            assert achternaam not in html
        assert AccessLog.objects.filter(action="reveal", user_id=_wim().pk).exists()


def _werkgevers_counts():
    models = [Werkgever, Locatie, Leerwerkplek, Profiel, Match, Plaatsing, Bijeenkomst]
    return {m.__name__: m.objects.count() for m in models} | {"history": pghistory.models.Events.objects.count()}


def test_running_the_demo_twice_adds_no_employers_places_profiles_matches_or_placements():
    call_command("demo_data")
    before = _werkgevers_counts()
    # the finished cohort adds 7 matches and 8 placements (trajecten.demo_cohort)
    assert before["Plaatsing"] == 14 and before["Match"] == 14 and before["Bijeenkomst"] == 3
    call_command("demo_data")
    assert _werkgevers_counts() == before
