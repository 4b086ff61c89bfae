"""Coaching and aftercare through the API (issue 16, item 8): /api/v1/begeleiding/caseload/,
contacten/, behoudchecks/ and vragen/. Scoped like the pages: the jobcoach reads exactly their
caseload (consent withdrawn: gone; another organisation's jobcoach: 404), the regisseur and the
klantmanager act on the contacts and checks too, an employer sees its own questions without a
name. Bad input gets Dutch messages per field and writes nothing; every read is access-logged."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from begeleiding.models import Behoudcheck, Werkgeversvraag
from begeleiding.services import vraag_beantwoorden
from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Deelnemer, Toestemming
from leerwerk.datums import plus_maanden
from leerwerk.models import AccessLog, Rol
from tests.factories import WerkgeverFactory
from trajecten.constants import ContactmomentSoort
from trajecten.models import Contactmoment, Vervolgactie
from trajecten.services import contactmoment_create

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

URL = "/api/v1/begeleiding"
NOT_FOUND = {"detail": "Niet gevonden."}
VERPLICHT = ["Dit veld is verplicht."]
CASELOAD_VELDEN = {
    "id", "naam", "telefoon", "email", "traject", "status", "status_label", "werkgever", "werkplek", "mentor",
    "mentor_telefoon", "start", "open_acties", "open_vragen",
}  # fmt: skip


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def post(user, url, data):
    return api(user).post(url, data, format="json")


def vandaag() -> dt.date:
    return timezone.localdate()


def dagen_geleden(n: int) -> dt.date:
    return vandaag() - dt.timedelta(days=n)


def benoemd(deelname, voornaam="Zainab", achternaam="Quraishi") -> Deelnemer:
    """Give the participant names, a phone and e-mail that no other text contains."""
    Deelnemer.objects.filter(pk=deelname.deelnemer_id).update(
        voornaam=voornaam, achternaam=achternaam, telefoon="0612345678", email="zq@example.org"
    )
    return Deelnemer.objects.get(pk=deelname.deelnemer_id)


def logrijen(after: int = 0, **filters) -> list[tuple]:
    rows = AccessLog.objects.filter(pk__gt=after, **filters).order_by("pk")
    return list(rows.values_list("action", "object_type", "object_id", "rol", "result"))


def laatste_log() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def contact(user, deelname, **velden):
    data = {"deelname": deelname.pk, "soort": "nazorg", "datum": str(vandaag()), "samenvatting": "Gaat goed."}
    return post(user, f"{URL}/contacten/", {**data, **velden})


def check(user, deelname, **velden):
    data = {"deelname": deelname.pk, "maanden": 6, "datum": str(vandaag()), "in_werk": True,
            "werkgever": None, "werkgever_naam": "Bouwbedrijf Elders", "werkvorm": "bepaalde_tijd"}  # fmt: skip
    return post(user, f"{URL}/behoudchecks/", {**data, **velden})


# --- The caseload ---------------------------------------------------------------------------------


def test_the_jobcoach_reads_exactly_the_minimum_of_their_caseload(coach):
    start = dagen_geleden(10)
    deelname, plaatsing = coach.aan_het_werk(start=start)
    persoon = benoemd(deelname)
    coach.aan_het_werk(jobcoach=coach.collega)  # coached by a colleague: not in this caseload
    antwoord = api(coach.jobcoach).get(f"{URL}/caseload/")
    assert antwoord.status_code == 200, antwoord.content
    assert "no-store" in antwoord["Cache-Control"]
    data = antwoord.json()
    assert (data["count"], data["next"]) == (1, None)
    [rij] = data["results"]
    assert set(rij) == CASELOAD_VELDEN
    w = coach.world
    assert rij == {
        "id": deelname.pk, "naam": "Zainab Quraishi", "telefoon": "0612345678", "email": "zq@example.org",
        "traject": {"id": w.traject.pk, "naam": w.traject.naam}, "status": "geplaatst", "status_label": "Geplaatst",
        "werkgever": w.werkgever.organisatie.naam, "werkplek": "Hoofdvestiging, Oss", "mentor": "",
        "mentor_telefoon": "", "start": str(start), "open_acties": 0, "open_vragen": 0,
    }  # fmt: skip
    assert "bsn" not in antwoord.content.decode() and persoon.bsn not in antwoord.content.decode()
    # One access-log row for the one person shown, in the jobcoach's role.
    assert logrijen() == [("api", "deelnemers.Deelnemer", str(persoon.pk), Rol.JOBCOACH, "allowed")]
    gezien = laatste_log()
    detail = api(coach.jobcoach).get(f"{URL}/caseload/{deelname.pk}/")
    assert detail.status_code == 200 and detail.json() == rij
    assert logrijen(gezien) == [("api", "deelnemers.Deelnemer", str(persoon.pk), Rol.JOBCOACH, "allowed")]


def test_out_of_the_caseload_answers_404_and_consent_withdrawn_removes_the_participant(coach):
    deelname, _ = coach.aan_het_werk()
    url = f"{URL}/caseload/{deelname.pk}/"
    for buitenstaander in (coach.vreemde, coach.collega, coach.world.regisseur, coach.world.werkgever_user):
        assert api(buitenstaander).get(f"{URL}/caseload/").json()["results"] == []
        antwoord = api(buitenstaander).get(url)
        assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND)
    # A refused detail is logged as such, for the id that was asked for; nothing was read.
    assert [(r[0], r[1], r[2], r[4]) for r in logrijen()] == [
        ("api", "trajecten.Deelname", str(deelname.pk), "denied")
    ] * 4
    assert api(coach.jobcoach).get(url).status_code == 200
    Toestemming.objects.filter(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.PARTNERS).update(
        ingetrokken_op=timezone.now()
    )
    assert api(coach.jobcoach).get(f"{URL}/caseload/").json()["results"] == []
    assert api(coach.jobcoach).get(url).status_code == 404


def test_the_caseload_costs_the_same_queries_for_one_or_three_participants(coach):
    coach.aan_het_werk()

    def vragen() -> int:
        client = api(coach.jobcoach)
        client.get(f"{URL}/caseload/")  # the session and the user, once
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{URL}/caseload/").status_code == 200
        return len(ctx.captured_queries)

    een = vragen()
    coach.aan_het_werk()
    coach.aan_het_werk()
    assert api(coach.jobcoach).get(f"{URL}/caseload/").json()["count"] == 3
    assert vragen() == een


# --- Coaching and aftercare contacts ----------------------------------------------------------------


def test_the_jobcoach_records_a_contact_with_an_action_and_the_scope_reads_it(coach):
    deelname, _ = coach.aan_het_werk()
    persoon = benoemd(deelname)
    w = coach.world
    deadline = str(vandaag() + dt.timedelta(days=7))
    antwoord = contact(
        coach.jobcoach, deelname, soort="werkplekbezoek", overige_aanwezigen="De deelnemer",
        acties=[{"omschrijving": "Rooster bespreken", "eigenaar": coach.jobcoach.pk, "deadline": deadline}],
    )  # fmt: skip
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    moment = Contactmoment.objects.get()
    assert (data["id"], data["deelname"], data["soort"], data["soort_label"], data["datum"]) == (
        moment.pk, deelname.pk, "werkplekbezoek", "Werkplekbezoek", str(vandaag())
    )  # fmt: skip
    assert (data["samenvatting"], data["overige_aanwezigen"]) == ("Gaat goed.", "De deelnemer")
    assert data["vastgelegd_door"] == {
        "id": coach.jobcoach.pk,
        "naam": "Jet Jobcoach",
        "organisatie": "Jobcoaching Test",
    }
    assert [a["id"] for a in data["aanwezigen"]] == [coach.jobcoach.pk]
    [actie] = data["acties"]
    assert (actie["omschrijving"], actie["eigenaar"]["id"], actie["deadline"], actie["afgerond_op"]) == (
        "Rooster bespreken", coach.jobcoach.pk, deadline, None
    )  # fmt: skip
    # The open action shows on the caseload row.
    assert api(coach.jobcoach).get(f"{URL}/caseload/{deelname.pk}/").json()["open_acties"] == 1
    # The regisseur and the klantmanager read it too; an intake (not a coaching kind) never shows.
    contactmoment_create(
        acting_user=w.klantmanager, deelname=deelname, soort=ContactmomentSoort.INTAKE, datum=vandaag()
    )
    for wie in (coach.jobcoach, w.regisseur, w.klantmanager):
        lijst = api(wie).get(f"{URL}/contacten/", {"deelname": deelname.pk}).json()
        assert [c["id"] for c in lijst["results"]] == [moment.pk], wie
        assert api(wie).get(f"{URL}/contacten/{moment.pk}/").json() == data
    intake = Contactmoment.objects.get(soort=ContactmomentSoort.INTAKE)
    assert api(coach.jobcoach).get(f"{URL}/contacten/{intake.pk}/").status_code == 404
    # Each read logged one row for the person, in the role giving access.
    rollen = [r[3] for r in logrijen(object_type="deelnemers.Deelnemer", object_id=str(persoon.pk))]
    assert rollen == [
        Rol.JOBCOACH,  # the answer to the create
        Rol.JOBCOACH,  # the caseload row
        Rol.JOBCOACH, Rol.JOBCOACH, Rol.REGISSEUR, Rol.REGISSEUR, Rol.KLANTMANAGER, Rol.KLANTMANAGER,
    ]  # fmt: skip


def test_another_jobcoach_cannot_read_or_record_a_contact(coach):
    deelname, _ = coach.aan_het_werk()
    assert contact(coach.jobcoach, deelname).status_code == 201
    moment = Contactmoment.objects.get()
    for buitenstaander in (coach.vreemde, coach.collega, coach.world.werkgever_user):
        assert api(buitenstaander).get(f"{URL}/contacten/").json()["results"] == []
        assert api(buitenstaander).get(f"{URL}/contacten/{moment.pk}/").json() == NOT_FOUND
        antwoord = contact(buitenstaander, deelname)
        assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND)
    assert Contactmoment.objects.count() == 1
    geweigerd = logrijen(result="denied", object_type="trajecten.Deelname")
    assert [r[2] for r in geweigerd] == [str(deelname.pk)] * 3
    # Consent withdrawn: the jobcoach no longer reads or records.
    Toestemming.objects.filter(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.PARTNERS).update(
        ingetrokken_op=timezone.now()
    )
    assert api(coach.jobcoach).get(f"{URL}/contacten/").json()["results"] == []
    assert contact(coach.jobcoach, deelname).status_code == 404


def test_contact_input_is_refused_in_dutch_per_field_and_nothing_is_written(coach):
    deelname, _ = coach.aan_het_werk()
    url = f"{URL}/contacten/"
    assert post(coach.jobcoach, url, {}).json() == {"deelname": VERPLICHT, "soort": VERPLICHT, "datum": VERPLICHT}
    assert contact(coach.jobcoach, deelname, soort="intake").json() == {
        "soort": ["Kies een soort contact van begeleiding of nazorg."]
    }
    assert contact(coach.jobcoach, deelname, datum="12-03-2026").json() == {
        "datum": ["Vul een datum in als JJJJ-MM-DD."]
    }
    morgen = str(vandaag() + dt.timedelta(days=1))
    antwoord = contact(coach.jobcoach, deelname, datum=morgen)
    assert (antwoord.status_code, antwoord.json()) == (400, {"datum": ["Deze datum ligt in de toekomst."]})
    goed = {"omschrijving": "Bellen", "eigenaar": coach.jobcoach.pk, "deadline": str(vandaag())}
    antwoord = contact(coach.jobcoach, deelname, acties=[goed, {**goed, "eigenaar": coach.vreemde.pk}])
    assert antwoord.json() == {
        "acties": {
            "1": {"eigenaar": ["Kies een medewerker van de regie, een trajectpartner of de gemeente van de deelnemer."]}
        }
    }
    antwoord = contact(coach.jobcoach, deelname, acties=[{"omschrijving": "x" * 301, "eigenaar": "Jet"}])
    assert antwoord.json() == {
        "acties": {"0": {"omschrijving": ["Gebruik hoogstens 300 tekens."], "eigenaar": ["Vul een heel getal in."],
                         "deadline": VERPLICHT}}
    }  # fmt: skip
    assert (Contactmoment.objects.count(), Vervolgactie.objects.count()) == (0, 0)


# --- Retention checks --------------------------------------------------------------------------------


def test_a_retention_check_is_recorded_once_within_its_window(coach):
    w = coach.world
    vroeg, _ = coach.aan_het_werk(start=dagen_geleden(100))  # the 6-month check opens in about 53 days
    antwoord = check(coach.jobcoach, vroeg)
    assert antwoord.status_code == 400
    peildatum = plus_maanden(dagen_geleden(100), 6)
    vanaf = peildatum - dt.timedelta(days=30)
    assert antwoord.json() == {
        "datum": [f"Deze check kan vanaf {vanaf:%d-%m-%Y} worden vastgelegd (de peildatum is {peildatum:%d-%m-%Y})."]
    }
    deelname, _ = coach.aan_het_werk(start=dagen_geleden(200))
    antwoord = check(coach.jobcoach, deelname, werkgever=w.werkgever.pk, werkgever_naam="", toelichting="Vast rooster")
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert (data["deelname"], data["maanden"], data["peildatum"], data["in_werk"], data["werkvorm"]) == (
        deelname.pk, 6, str(plus_maanden(dagen_geleden(200), 6)), True, "bepaalde_tijd"
    )  # fmt: skip
    assert data["werkgever"] == {"id": w.werkgever.pk, "naam": w.werkgever.organisatie.naam}
    assert data["vastgelegd_door"]["id"] == coach.jobcoach.pk
    # Once per moment, whoever tries again.
    for wie in (coach.jobcoach, w.regisseur):
        antwoord = check(wie, deelname, werkgever_naam="Ander bedrijf")
        assert (antwoord.status_code, antwoord.json()) == (400, {"maanden": ["Deze check is al vastgelegd."]})
    for wie in (coach.jobcoach, w.regisseur, w.klantmanager):
        lijst = api(wie).get(f"{URL}/behoudchecks/", {"deelname": deelname.pk}).json()["results"]
        assert lijst == [data]
    for wie in (coach.vreemde, coach.collega):
        assert api(wie).get(f"{URL}/behoudchecks/").json()["results"] == []
        assert api(wie).get(f"{URL}/behoudchecks/{data['id']}/").json() == NOT_FOUND
        assert check(wie, deelname, maanden=12).json() == NOT_FOUND
    assert Behoudcheck.objects.count() == 1


def test_retention_check_input_is_refused_in_dutch_and_nothing_is_written(coach):
    deelname, _ = coach.aan_het_werk(start=dagen_geleden(200))
    elders = WerkgeverFactory()  # an employer outside the trajectory
    assert check(coach.jobcoach, deelname, maanden=9).json() == {"maanden": ["Kies de check na 6 of na 12 maanden."]}
    assert check(coach.jobcoach, deelname, werkgever=elders.pk, werkgever_naam="").json() == {
        "werkgever": ["Kies een werkgever uit het traject, of vul de naam van een andere werkgever in."]
    }
    assert check(coach.jobcoach, deelname, werkgever_naam="", werkvorm="").json() == {
        "werkvorm": ["Kies de soort contract."],
        "werkgever": ["Kies de werkgever, of vul de naam van een andere werkgever in."],
    }
    morgen = str(vandaag() + dt.timedelta(days=1))
    assert check(coach.jobcoach, deelname, datum=morgen).json() == {"datum": ["Deze datum ligt in de toekomst."]}
    assert check(coach.jobcoach, deelname, in_werk="misschien").json() == {"in_werk": ["Kies true of false."]}
    assert Behoudcheck.objects.count() == 0
    # Not in work: the employer and contract are left empty, whatever was sent.
    antwoord = check(coach.jobcoach, deelname, in_werk=False, werkgever=elders.pk)
    assert antwoord.status_code == 201, antwoord.content
    assert (antwoord.json()["werkgever"], antwoord.json()["werkgever_naam"], antwoord.json()["werkvorm"]) == (
        None,
        "",
        "",
    )


# --- Employers' questions -----------------------------------------------------------------------------


def test_the_employer_asks_and_reads_its_questions_without_a_name(coach):
    w = coach.world
    deelname, plaatsing = coach.aan_het_werk()
    persoon = benoemd(deelname)
    pseudoniem = deelname.profiel.pseudoniem
    teksten = []

    def werkgever(methode, url, data=None, user=w.werkgever_user):
        client = api(user)
        antwoord = client.post(url, data, format="json") if methode == "post" else client.get(url, data)
        teksten.append(antwoord.content.decode())
        return antwoord

    assert werkgever("post", f"{URL}/vragen/", {"plaatsing": plaatsing.pk, "vraag": "  "}).json() == {
        "vraag": ["Schrijf uw vraag."]
    }
    assert werkgever("post", f"{URL}/vragen/", {"vraag": "Hoe?"}).json() == {"plaatsing": VERPLICHT}
    assert Werkgeversvraag.objects.count() == 0
    antwoord = werkgever("post", f"{URL}/vragen/", {"plaatsing": plaatsing.pk, "vraag": "Mag zij vrijdag vrij?"})
    assert antwoord.status_code == 201, antwoord.content
    vraag = Werkgeversvraag.objects.get()
    data = antwoord.json()
    assert set(data) == {
        "id", "plaatsing", "pseudoniem", "vraag", "gesteld_door", "gesteld_op", "uiterlijk_op", "beantwoord",
        "antwoord", "beantwoord_op", "beantwoord_door",
    }  # fmt: skip
    assert (data["id"], data["plaatsing"], data["pseudoniem"], data["vraag"], data["gesteld_door"]) == (
        vraag.pk, plaatsing.pk, pseudoniem, "Mag zij vrijdag vrij?", "Wim Werkgever"
    )  # fmt: skip
    assert (data["beantwoord"], data["antwoord"], data["uiterlijk_op"]) == (False, "", str(vraag.uiterlijk_op))
    assert werkgever("get", f"{URL}/vragen/").json()["results"] == [data]
    assert werkgever("get", f"{URL}/vragen/{vraag.pk}/").json() == data
    # Another employer: nothing, and no question about someone else's placement.
    assert werkgever("get", f"{URL}/vragen/", user=w.ander_user).json()["results"] == []
    assert werkgever("get", f"{URL}/vragen/{vraag.pk}/", user=w.ander_user).json() == NOT_FOUND
    antwoord = werkgever("post", f"{URL}/vragen/", {"plaatsing": plaatsing.pk, "vraag": "En ik?"}, user=w.ander_user)
    assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND)
    assert Werkgeversvraag.objects.count() == 1
    # Answered: the employer reads the answer, still without a name.
    vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vraag, antwoord="Ja, dat is afgesproken.")
    gelezen = werkgever("get", f"{URL}/vragen/", {"open": "false"}).json()["results"]
    assert [(v["beantwoord"], v["antwoord"], v["beantwoord_door"]) for v in gelezen] == [
        (True, "Ja, dat is afgesproken.", "Jet Jobcoach")
    ]
    assert werkgever("get", f"{URL}/vragen/", {"open": "true"}).json()["results"] == []
    for tekst in teksten:
        for waarde in (persoon.voornaam, persoon.achternaam, persoon.telefoon, persoon.email, persoon.bsn):
            assert waarde not in tekst
    # The employer's reads are logged against the profile it saw, in the werkgever's role.
    rijen = set(logrijen(object_type="werkgevers.Profiel", result="allowed"))
    assert rijen == {("api", "werkgevers.Profiel", str(deelname.profiel.pk), Rol.WERKGEVER, "allowed")}
    assert not logrijen(object_type="deelnemers.Deelnemer", rol=Rol.WERKGEVER)


def test_the_jobcoach_and_the_regisseur_answer_a_question_once(coach):
    w = coach.world
    deelname, plaatsing = coach.aan_het_werk()
    persoon = benoemd(deelname)
    post(w.werkgever_user, f"{URL}/vragen/", {"plaatsing": plaatsing.pk, "vraag": "Mag zij vrijdag vrij?"})
    vraag = Werkgeversvraag.objects.get()
    gezien = laatste_log()
    for wie in (coach.jobcoach, w.regisseur):
        [rij] = api(wie).get(f"{URL}/vragen/", {"open": "true"}).json()["results"]
        assert (rij["id"], rij["deelname"], rij["deelnemer"], rij["werkgever"], rij["te_laat"]) == (
            vraag.pk, deelname.pk, "Zainab Quraishi", w.werkgever.organisatie.naam, False
        )  # fmt: skip
        assert rij["traject"] == {"id": w.traject.pk, "naam": w.traject.naam}
    assert logrijen(gezien, object_type="deelnemers.Deelnemer") == [
        ("api", "deelnemers.Deelnemer", str(persoon.pk), Rol.JOBCOACH, "allowed"),
        ("api", "deelnemers.Deelnemer", str(persoon.pk), Rol.REGISSEUR, "allowed"),
    ]
    assert api(coach.jobcoach).get(f"{URL}/caseload/{deelname.pk}/").json()["open_vragen"] == 1
    # Not theirs: 404, for reading and for answering.
    for buitenstaander in (coach.vreemde, coach.collega, w.klantmanager):
        assert api(buitenstaander).get(f"{URL}/vragen/").json()["results"] == []
        assert api(buitenstaander).get(f"{URL}/vragen/{vraag.pk}/").json() == NOT_FOUND
        assert post(buitenstaander, f"{URL}/vragen/{vraag.pk}/antwoorden/", {"antwoord": "Ja."}).json() == NOT_FOUND
    # The employer does not answer its own question, nor does the jobcoach ask one.
    assert post(w.werkgever_user, f"{URL}/vragen/{vraag.pk}/antwoorden/", {"antwoord": "Ja."}).status_code == 404
    assert post(coach.jobcoach, f"{URL}/vragen/", {"plaatsing": plaatsing.pk, "vraag": "Hoe?"}).status_code == 404
    url = f"{URL}/vragen/{vraag.pk}/antwoorden/"
    assert post(coach.jobcoach, url, {"antwoord": " "}).json() == {"antwoord": ["Schrijf uw antwoord."]}
    assert post(coach.jobcoach, url, {}).json() == {"antwoord": VERPLICHT}
    antwoord = post(coach.jobcoach, url, {"antwoord": "Ja, dat is afgesproken."})
    assert antwoord.status_code == 200, antwoord.content
    assert (antwoord.json()["beantwoord"], antwoord.json()["beantwoord_door"]) == (True, "Jet Jobcoach")
    antwoord = post(w.regisseur, url, {"antwoord": "Nogmaals."})
    assert (antwoord.status_code, antwoord.json()) == (400, {"antwoord": ["Deze vraag is al beantwoord."]})
    vraag.refresh_from_db()
    assert (vraag.antwoord, vraag.beantwoord_door) == ("Ja, dat is afgesproken.", coach.jobcoach)
    assert api(coach.jobcoach).get(f"{URL}/vragen/", {"open": "true"}).json()["results"] == []


def test_a_user_with_both_roles_reads_as_employer_unless_asking_for_the_other(coach, make_user):
    w = coach.world
    beide = make_user([Rol.WERKGEVER, Rol.JOBCOACH], organisatie=w.werkgever.organisatie, naam="Bo Beide")
    deelname, plaatsing = coach.aan_het_werk(jobcoach=beide)
    persoon = benoemd(deelname)
    antwoord = post(beide, f"{URL}/vragen/", {"plaatsing": plaatsing.pk, "vraag": "Hoe gaat het?"})
    assert antwoord.status_code == 201, antwoord.content
    vraag_id = antwoord.json()["id"]
    als_werkgever = api(beide).get(f"{URL}/vragen/").content.decode()
    assert persoon.achternaam not in als_werkgever and '"pseudoniem"' in als_werkgever
    assert api(beide).get(f"{URL}/vragen/", {"rol": "werkgever"}).content.decode() == als_werkgever
    [rij] = api(beide).get(f"{URL}/vragen/", {"rol": "jobcoach"}).json()["results"]
    assert (rij["id"], rij["deelnemer"]) == (vraag_id, "Zainab Quraishi")
    assert api(beide).get(f"{URL}/vragen/{vraag_id}/", {"rol": "jobcoach"}).json()["deelnemer"] == "Zainab Quraishi"
    # A role the user does not hold, or none at all: 404.
    for rol in ("regisseur", "wethouder"):
        assert api(beide).get(f"{URL}/vragen/", {"rol": rol}).json() == NOT_FOUND
    # Answering acts as the jobcoach whatever the view.
    antwoord = post(beide, f"{URL}/vragen/{vraag_id}/antwoorden/", {"antwoord": "Goed."})
    assert (antwoord.status_code, antwoord.json()["deelnemer"]) == (200, "Zainab Quraishi")
    assert [r[3] for r in logrijen(object_type="deelnemers.Deelnemer")] == [Rol.JOBCOACH] * 3


# --- The schema ---------------------------------------------------------------------------------------


def test_the_schema_describes_the_coaching_endpoints(coach):
    antwoord = api(coach.jobcoach).get("/api/v1/schema/")
    assert antwoord.status_code == 200
    schema = yaml.safe_load(antwoord.content)
    assert {
        "/api/v1/begeleiding/caseload/", "/api/v1/begeleiding/caseload/{id}/", "/api/v1/begeleiding/contacten/",
        "/api/v1/begeleiding/contacten/{id}/", "/api/v1/begeleiding/behoudchecks/",
        "/api/v1/begeleiding/behoudchecks/{id}/", "/api/v1/begeleiding/vragen/", "/api/v1/begeleiding/vragen/{id}/",
        "/api/v1/begeleiding/vragen/{id}/antwoorden/",
    } <= set(schema["paths"])  # fmt: skip
    componenten = schema["components"]["schemas"]
    assert set(componenten["CaseloadRij"]["properties"]) == CASELOAD_VELDEN
    assert not {"deelnemer", "naam", "achternaam"} & set(componenten["WerkgeverVraag"]["properties"])
    assert "put" not in schema["paths"]["/api/v1/begeleiding/caseload/{id}/"]
