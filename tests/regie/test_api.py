"""The regie's tools through the API (issue 15): /api/v1/overleggen/, draaiboektaken/,
convenanten/ and convenantversies/. Scoped like the pages: every party reads, the regisseur of
the directing organisation writes, a task's owner marks it done, a signatory of a party signs;
anyone else gets the one 404. Bad input gets Dutch messages per field and writes nothing. The
covenant's whole life runs through the API here, the worker's tasks called directly."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from regie import gereedheid
from regie.models import ConvenantVersie, Draaiboektaak, Ondertekening, Overleg
from regie.services import convenant as cs
from regie.tasks import convenant_renderen, convenant_verzegelen
from tests.factories import OrganisatieFactory, TrajectFactory, TrajectFaseFactory, TrajectPartnerFactory
from tests.regie.convenant_wereld import klaar_voor_convenant
from trajecten import constants as tc
from trajecten.models import Vervolgactie

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

NOT_FOUND = {"detail": "Niet gevonden."}
VERPLICHT = ["Dit veld is verplicht."]
MISSING = 987_654_321
# After the phases of the regie world were planned (from 1 April 2026) and the kick-off.
APRIL = dt.datetime(2026, 4, 20, 9, tzinfo=dt.UTC)


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def post(user, url, data=None):
    return api(user).post(url, data or {}, format="json")


def patch(user, url, data):
    return api(user).patch(url, data, format="json")


def overleg(rw, **velden) -> Overleg:
    gegevens = {"soort": "kickoff", "datum": dt.date(2026, 3, 16), "aangemaakt_door": rw.regisseur}
    return Overleg.objects.create(traject=rw.traject, **{**gegevens, **velden})


def taak(rw, **velden) -> Draaiboektaak:
    gegevens = {
        "fase_soort": tc.FaseSoort.OPLEIDING, "eigenaarrol": "opleider", "eigenaar": rw.opleider.organisatie,
        "omschrijving": "Lesrooster delen", "ankerpunt": "start", "dagen": -14,
    }  # fmt: skip
    return Draaiboektaak.objects.create(traject=rw.traject, **{**gegevens, **velden})


def inhoud(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- Overleggen -------------------------------------------------------------------------------


def test_the_regisseur_plans_a_meeting_and_every_party_reads_it(rw):
    antwoord = post(rw.regisseur, "/api/v1/overleggen/", {
        "traject": rw.traject.pk, "soort": "kickoff", "datum": "2026-03-18", "begintijd": "10:00",
        "eindtijd": "12:00", "locatie": "Gemeentehuis", "agenda": "Verwachtingen en uren",
        "aanwezigen": [rw.opleider.pk, rw.werkgever.pk],
    })  # fmt: skip
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert (data["traject"], data["soort"], data["datum"], data["begintijd"], data["eindtijd"]) == (
        rw.traject.pk, "kickoff", "2026-03-18", "10:00:00", "12:00:00"
    )  # fmt: skip
    assert (data["locatie"], data["agenda"], data["notulen"], data["acties"]) == (
        "Gemeentehuis", "Verwachtingen en uren", "", []
    )  # fmt: skip
    assert {(a["id"], a["naam"], a["organisatie"]) for a in data["aanwezigen"]} == {
        (rw.opleider.pk, str(rw.opleider), "Opleider Vakwerk"),
        (rw.werkgever.pk, str(rw.werkgever), "Installatiebedrijf Noord"),
    }
    b = Overleg.objects.get()
    assert (b.pk, b.aangemaakt_door, set(b.aanwezigen.all())) == (data["id"], rw.regisseur, {rw.opleider, rw.werkgever})
    for partij in (rw.opleider, rw.werkgever):
        lijst = api(partij).get(f"/api/v1/overleggen/?traject={rw.traject.pk}")
        assert [o["id"] for o in lijst.json()["results"]] == [b.pk]
        assert api(partij).get(f"/api/v1/overleggen/{b.pk}/").json() == data


def test_the_regisseur_changes_a_meeting_and_records_minutes_with_actions(rw):
    b = overleg(rw, datum=dt.date(2026, 4, 15))
    antwoord = patch(rw.regisseur, f"/api/v1/overleggen/{b.pk}/", {"locatie": "Online", "aanwezigen": [rw.opleider.pk]})
    assert antwoord.status_code == 200, antwoord.content
    assert (antwoord.json()["locatie"], antwoord.json()["soort"]) == ("Online", "kickoff")
    assert [a["id"] for a in antwoord.json()["aanwezigen"]] == [rw.opleider.pk]
    notulen = {
        "notulen": "Afspraken over het rooster.", "besluiten": "Start op 1 juni.",
        "aanwezigen": [rw.opleider.pk, rw.werkgever.pk],
        "acties": [{"omschrijving": "Rooster delen", "eigenaar": rw.opleider.pk, "deadline": "2026-04-30"}],
    }  # fmt: skip
    with time_machine.travel(APRIL, tick=False):
        antwoord = post(rw.regisseur, f"/api/v1/overleggen/{b.pk}/notulen/", notulen)
    assert antwoord.status_code == 200, antwoord.content
    data = antwoord.json()
    assert (data["notulen"], data["besluiten"], data["notulen_door"]) == (
        "Afspraken over het rooster.", "Start op 1 juni.", str(rw.regisseur)
    )  # fmt: skip
    assert {a["id"] for a in data["aanwezigen"]} == {rw.opleider.pk, rw.werkgever.pk}
    [actie] = data["acties"]
    assert (actie["omschrijving"], actie["eigenaar"]["id"], actie["eigenaar"]["organisatie"], actie["deadline"]) == (
        "Rooster delen", rw.opleider.pk, "Opleider Vakwerk", "2026-04-30"
    )  # fmt: skip
    assert Vervolgactie.objects.get(overleg=b).eigenaar == rw.opleider


def test_meeting_input_is_refused_in_dutch_per_field_and_nothing_is_written(rw):
    url = "/api/v1/overleggen/"
    assert post(rw.regisseur, url, {}).json() == {"soort": VERPLICHT, "datum": VERPLICHT, "traject": VERPLICHT}
    fout = post(rw.regisseur, url, {"traject": rw.traject.pk, "soort": "feest", "datum": "18-03-2026",
                                    "begintijd": "tien uur"}).json()  # fmt: skip
    assert fout == {
        "soort": ['"feest" is geen geldige keuze.'],
        "datum": ["Vul een datum in als JJJJ-MM-DD."],
        "begintijd": ["Vul een tijd in als uu:mm, bijvoorbeeld 10:00."],
    }
    geldig = {"traject": rw.traject.pk, "soort": "kickoff", "datum": "2026-03-18"}
    antwoord = post(rw.regisseur, url, {**geldig, "begintijd": "12:00", "eindtijd": "11:00"})
    assert (antwoord.status_code, antwoord.json()) == (400, {"eindtijd": ["De eindtijd ligt na de begintijd."]})
    antwoord = post(rw.regisseur, url, {**geldig, "locatie": "x" * 201})
    assert antwoord.json() == {"locatie": ["Gebruik hoogstens 200 tekens."]}
    antwoord = post(rw.regisseur, url, {**geldig, "eindtijd": "09:30"})  # before the default start, 10:00
    assert antwoord.json() == {"eindtijd": ["De eindtijd ligt na de begintijd."]}
    antwoord = post(rw.regisseur, url, {**geldig, "aanwezigen": [rw.opleider.pk, rw.buitenstaander.pk]})
    assert (antwoord.status_code, antwoord.json()) == (
        400, {"aanwezigen": ["Kies als aanwezigen alleen medewerkers van de regie of van de trajectpartners."]}
    )  # fmt: skip
    assert not Overleg.objects.exists()

    b = overleg(rw, datum=dt.date(2026, 4, 15), begintijd=dt.time(10), eindtijd=dt.time(11))
    antwoord = patch(rw.regisseur, f"/api/v1/overleggen/{b.pk}/", {"begintijd": "11:30"})  # after its end
    assert antwoord.json() == {"eindtijd": ["De eindtijd ligt na de begintijd."]}
    notulen_url = f"/api/v1/overleggen/{b.pk}/notulen/"
    with time_machine.travel(dt.datetime(2026, 4, 10, 9, tzinfo=dt.UTC), tick=False):
        antwoord = post(rw.regisseur, notulen_url, {"notulen": "Te vroeg"})
    assert antwoord.json() == {"notulen": ["Notulen legt u vast na het overleg (dat is op 15-04-2026)."]}
    with time_machine.travel(APRIL, tick=False):
        assert post(rw.regisseur, notulen_url, {}).json() == {"notulen": VERPLICHT}
        acties = [
            {"omschrijving": "Rooster delen", "eigenaar": rw.opleider.pk, "deadline": "2026-04-30"},
            {"omschrijving": "Buiten", "eigenaar": rw.buitenstaander.pk, "deadline": "2026-04-30"},
            {"omschrijving": "Niemand", "eigenaar": MISSING, "deadline": "2026-04-30"},
        ]
        antwoord = post(rw.regisseur, notulen_url, {"notulen": "Gesproken over het rooster.", "acties": acties})
        elders = {"eigenaar": ["Kies een medewerker van de regie of van een trajectpartner."]}
        assert (antwoord.status_code, antwoord.json()) == (400, {"acties": {"1": elders, "2": elders}})
        zonder = [{"omschrijving": "Rooster delen", "eigenaar": rw.opleider.pk}]
        antwoord = post(rw.regisseur, notulen_url, {"notulen": "Gesproken over het rooster.", "acties": zonder})
        assert antwoord.json() == {"acties": {"0": {"deadline": VERPLICHT}}}
    b.refresh_from_db()
    assert (b.notulen, b.locatie, b.begintijd, b.notulen_op) == ("", "", dt.time(10), None)
    assert not Vervolgactie.objects.exists()


# --- Draaiboek --------------------------------------------------------------------------------


def test_the_regisseur_adds_and_changes_a_task_with_its_deadline(rw):
    antwoord = post(rw.regisseur, "/api/v1/draaiboektaken/", {
        "traject": rw.traject.pk, "omschrijving": "Lesrooster delen", "fase_soort": "opleiding",
        "eigenaarrol": "opleider", "eigenaar": rw.opleider.organisatie_id, "dagen": -14,
    })  # fmt: skip
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert (data["traject"], data["eigenaar"], data["ankerpunt"], data["deadline"], data["afgerond_op"]) == (
        rw.traject.pk, {"id": rw.opleider.organisatie_id, "naam": "Opleider Vakwerk"}, "start", "2026-05-18", None
    )  # fmt: skip
    antwoord = patch(rw.regisseur, f"/api/v1/draaiboektaken/{data['id']}/", {"ankerpunt": "eind", "dagen": 0})
    assert (antwoord.status_code, antwoord.json()["deadline"]) == (200, "2026-12-18")
    assert api(rw.werkgever).get(f"/api/v1/draaiboektaken/{data['id']}/").json() == antwoord.json()


def test_task_input_is_refused_in_dutch_per_field_and_nothing_is_written(rw):
    url = "/api/v1/draaiboektaken/"
    assert post(rw.regisseur, url, {}).json() == {
        "omschrijving": VERPLICHT, "fase_soort": VERPLICHT, "eigenaarrol": VERPLICHT, "traject": VERPLICHT,
    }  # fmt: skip
    geldig = {"traject": rw.traject.pk, "omschrijving": "Taak", "fase_soort": "opleiding", "eigenaarrol": "opleider"}
    assert post(rw.regisseur, url, {**geldig, "dagen": 400}).json() == {"dagen": ["Kies hoogstens 365 dagen erna."]}
    buiten = OrganisatieFactory(naam="Niet in het traject")
    partij = ["Kies als eigenaar een partij van het traject."]
    for eigenaar in (buiten.pk, MISSING):  # outside the trajectory, or missing: one answer
        antwoord = post(rw.regisseur, url, {**geldig, "eigenaar": eigenaar})
        assert (antwoord.status_code, antwoord.json()) == (400, {"eigenaar": partij})
    antwoord = post(rw.regisseur, url, {**geldig, "fase_soort": "nazorg"})
    assert antwoord.json() == {"fase_soort": ["Deze fase staat niet in de planning van het traject."]}
    assert not Draaiboektaak.objects.exists()
    t = taak(rw)
    assert patch(rw.regisseur, f"{url}{t.pk}/", {"eigenaar": buiten.pk}).json() == {"eigenaar": partij}
    t.refresh_from_db()
    assert t.eigenaar == rw.opleider.organisatie


def test_the_owner_marks_its_task_done_and_open_again_another_partner_cannot(rw):
    t = taak(rw)
    andere = taak(rw, eigenaarrol="werkgever", eigenaar=rw.werkgever.organisatie, omschrijving="Werkplek klaar")
    eigen = "/api/v1/draaiboektaken/?eigen=1"
    with time_machine.travel(dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC), tick=False):
        data = api(rw.opleider).get(eigen).json()
        assert [(r["id"], r["deadline"], r["te_laat"]) for r in data["results"]] == [(t.pk, "2026-05-18", True)]
        assert [r["id"] for r in api(rw.werkgever).get(eigen).json()["results"]] == [andere.pk]
        url = f"/api/v1/draaiboektaken/{t.pk}/afronden/"
        assert (post(rw.werkgever, url).status_code, post(rw.werkgever, url).json()) == (404, NOT_FOUND)
        antwoord = post(rw.opleider, url)
        assert antwoord.status_code == 200, antwoord.content
        assert (antwoord.json()["afgerond_op"], antwoord.json()["afgerond_door"], antwoord.json()["te_laat"]) == (
            "2026-05-20", str(rw.opleider), False
        )  # fmt: skip
        assert post(rw.opleider, url).json() == {"non_field_errors": ["Deze taak was al afgerond."]}
        assert api(rw.opleider).get(eigen).json()["results"] == []
        antwoord = post(rw.regisseur, url, {"open": True})  # the regisseur may too
        assert (antwoord.status_code, antwoord.json()["afgerond_op"]) == (200, None)
        assert post(rw.opleider, url, {"open": "misschien"}).json() == {"open": ["Kies true of false."]}
    t.refresh_from_db()
    assert (t.afgerond_op, t.afgerond_door) == (None, None)
    assert post(rw.opleider, f"/api/v1/draaiboektaken/{t.pk}/afronden/", {"open": True}).json() == {
        "non_field_errors": ["Deze taak staat al open."]
    }


# --- Scope ------------------------------------------------------------------------------------


def _alles(rw, make_user):
    """One of everything of the trajectory, and the version sent (its PDF not rendered: scope
    does not need it)."""
    b = overleg(rw)
    t = taak(rw)
    klaar = klaar_voor_convenant(rw, make_user)
    versie = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
    return b, t, versie, klaar


def test_an_outsider_gets_the_one_404_everywhere_and_writes_nothing(rw, make_user):
    b, t, versie, _klaar = _alles(rw, make_user)
    buiten = rw.buitenstaander  # a regisseur of another gemeente, a signatory too
    buiten.tekenbevoegd = True
    buiten.save()
    client = api(buiten)
    for lijst in ("overleggen", "draaiboektaken"):
        assert client.get(f"/api/v1/{lijst}/").json()["results"] == []
        assert client.get(f"/api/v1/{lijst}/?traject={rw.traject.pk}").json()["results"] == []
    assert client.get("/api/v1/draaiboektaken/?eigen=1").json()["results"] == []
    reads = [f"overleggen/{b.pk}/", f"draaiboektaken/{t.pk}/", f"convenanten/{rw.traject.pk}/",
             f"convenantversies/{versie.pk}/"]  # fmt: skip
    for url in reads:
        missing = client.get(f"/api/v1/{url.split('/')[0]}/{MISSING}/")
        antwoord = client.get(f"/api/v1/{url}")
        assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND), url
        assert antwoord.content == missing.content
    writes = [
        ("post", "overleggen/", {"traject": rw.traject.pk, "soort": "feedback", "datum": "2026-05-01"}),
        ("patch", f"overleggen/{b.pk}/", {"locatie": "Elders"}),
        ("post", f"overleggen/{b.pk}/notulen/", {"notulen": "Van buiten"}),
        (
            "post",
            "draaiboektaken/",
            {"traject": rw.traject.pk, "omschrijving": "X", "fase_soort": "opleiding", "eigenaarrol": "opleider"},
        ),  # fmt: skip
        ("patch", f"draaiboektaken/{t.pk}/", {"omschrijving": "Anders"}),
        ("post", f"draaiboektaken/{t.pk}/afronden/", {}),
        ("post", f"convenanten/{rw.traject.pk}/versturen/", {}),
        ("post", f"convenantversies/{versie.pk}/tekenen/", {"sha256": "0" * 64}),
        ("post", f"convenantversies/{versie.pk}/weigeren/", {"reden": "Niet van ons"}),
    ]
    for methode, url, body in writes:
        antwoord = getattr(client, methode)(f"/api/v1/{url}", body, format="json")
        assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND), url
    assert Overleg.objects.count() == 2  # the kick-off of the ready world, and `b`
    assert set(Overleg.objects.values_list("locatie", "notulen")) == {("", "")}
    t.refresh_from_db()
    assert (t.omschrijving, t.afgerond_op) == ("Lesrooster delen", None)
    assert Draaiboektaak.objects.count() == 1 and ConvenantVersie.objects.count() == 1
    assert set(Ondertekening.objects.values_list("status", flat=True)) == {"wacht"}


def test_a_partner_reads_everything_but_writes_nothing(rw, make_user):
    b, t, versie, _klaar = _alles(rw, make_user)
    client = api(rw.opleider)  # a party, not a signatory
    assert client.get(f"/api/v1/overleggen/{b.pk}/").status_code == 200
    assert client.get(f"/api/v1/draaiboektaken/{t.pk}/").status_code == 200
    assert client.get(f"/api/v1/convenantversies/{versie.pk}/").json()["mag_tekenen"] is False
    conv = client.get(f"/api/v1/convenanten/{rw.traject.pk}/").json()
    assert (conv["regie"], conv["gereedheid"], conv["klaar"]) == (False, None, None)  # the regisseur's part
    assert [v["id"] for v in conv["versies"]] == [versie.pk] and conv["afspraken"]["min_deelnemers"] == 6
    writes = [
        ("post", "overleggen/", {"traject": rw.traject.pk, "soort": "feedback", "datum": "2026-05-01"}),
        ("patch", f"overleggen/{b.pk}/", {"locatie": "Elders"}),
        ("post", f"overleggen/{b.pk}/notulen/", {"notulen": "Door de opleider"}),
        (
            "post",
            "draaiboektaken/",
            {"traject": rw.traject.pk, "omschrijving": "X", "fase_soort": "opleiding", "eigenaarrol": "opleider"},
        ),  # fmt: skip
        ("patch", f"draaiboektaken/{t.pk}/", {"omschrijving": "Anders"}),  # its own task, but not the regie
        ("post", f"convenanten/{rw.traject.pk}/versturen/", {}),
        ("post", f"convenantversies/{versie.pk}/tekenen/", {"sha256": "0" * 64}),  # not a signatory
    ]
    for methode, url, body in writes:
        antwoord = getattr(client, methode)(f"/api/v1/{url}", body, format="json")
        assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND), url
    # A regisseur at a partner organisation reads too, but does not direct the trajectory.
    partner_regisseur = make_user("regisseur", organisatie=rw.opleider.organisatie)
    assert api(partner_regisseur).get(f"/api/v1/convenanten/{rw.traject.pk}/").json()["gereedheid"] is None
    for methode, url, body in writes[:2]:
        antwoord = getattr(api(partner_regisseur), methode)(f"/api/v1/{url}", body, format="json")
        assert antwoord.status_code == 404, url
    assert Overleg.objects.count() == 2 and Draaiboektaak.objects.count() == 1
    assert ConvenantVersie.objects.count() == 1


def test_anonymous_is_refused_in_dutch(rw):
    for url in ("overleggen/", "draaiboektaken/", f"convenanten/{rw.traject.pk}/", "convenantversies/1/"):
        antwoord = APIClient().get(f"/api/v1/{url}")
        assert antwoord.status_code in (401, 403)
        assert antwoord.json() == {"detail": "U bent niet ingelogd. Log eerst in."}


# --- Convenant --------------------------------------------------------------------------------


def test_sending_an_unready_covenant_answers_what_is_missing_and_writes_nothing(rw):
    antwoord = post(rw.regisseur, f"/api/v1/convenanten/{rw.traject.pk}/versturen/")
    ontbreekt = [p.melding for p in gereedheid.controle(rw.traject) if not p.ok]
    assert ontbreekt  # the bare regie world lacks a goal, contributions, a budget, ...
    assert (antwoord.status_code, antwoord.json()) == (400, {"non_field_errors": ontbreekt})
    assert not ConvenantVersie.objects.exists()
    conv = api(rw.regisseur).get(f"/api/v1/convenanten/{rw.traject.pk}/").json()
    assert (conv["regie"], conv["klaar"], conv["versies"], conv["open_versie"]) == (True, False, [], None)
    assert [p["melding"] for p in conv["gereedheid"] if not p["ok"]] == ontbreekt
    assert {"sleutel", "label", "ok", "melding"} == set(conv["gereedheid"][0])


def test_the_whole_covenant_through_the_api_send_sign_seal_verify(rw, make_user, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path / "zegel"
    wie = klaar_voor_convenant(rw, make_user)
    conv = api(rw.regisseur).get(f"/api/v1/convenanten/{rw.traject.pk}/").json()
    assert conv["klaar"] is True and all(p["ok"] for p in conv["gereedheid"])
    assert (conv["afspraken"]["uitstroom_taalniveau"], conv["afspraken"]["tekort_geaccepteerd"]) == ("A2", True)

    antwoord = post(rw.regisseur, f"/api/v1/convenanten/{rw.traject.pk}/versturen/")
    assert antwoord.status_code == 201, antwoord.content
    versie = antwoord.json()
    assert (versie["traject"], versie["nummer"], versie["status"], versie["pdf"], versie["sha256"]) == (
        rw.traject.pk, 1, "renderen", None, ""
    )  # fmt: skip
    assert [(o["organisatie"]["naam"], o["status"]) for o in versie["ondertekeningen"]] == [
        (rw.traject.regie_organisatie.naam, "wacht"), ("Installatiebedrijf Noord", "wacht"),
        ("Opleider Vakwerk", "wacht"),
    ]  # fmt: skip
    convenant_renderen(versie["id"])  # what the worker does after the commit
    url = f"/api/v1/convenantversies/{versie['id']}/"

    detail = api(wie["opleider"]).get(url).json()
    assert (detail["status"], detail["mag_tekenen"], detail["verouderd"]) == ("ter_ondertekening", True, False)
    pdf = api(wie["opleider"]).get(detail["pdf"])  # the page's download, linked from the API
    assert pdf.status_code == 200 and hashlib.sha256(inhoud(pdf)).hexdigest() == detail["sha256"]

    fout = post(wie["opleider"], f"{url}tekenen/", {"sha256": "0" * 64})
    assert (fout.status_code, fout.json()) == (
        400, {"sha256": ["Deze vingerafdruk hoort niet bij deze versie: open de pdf opnieuw."]}
    )  # fmt: skip
    assert post(wie["opleider"], f"{url}tekenen/", {}).json() == {"sha256": VERPLICHT}
    for partij in ("opleider", "regie", "werkgever"):
        antwoord = post(wie[partij], f"{url}tekenen/", {"sha256": detail["sha256"].upper()})
        assert antwoord.status_code == 200, antwoord.content
        eigen = next(
            o for o in antwoord.json()["ondertekeningen"] if o["organisatie"]["id"] == wie[partij].organisatie_id
        )
        assert (eigen["status"], eigen["door"], eigen["op"] is not None) == ("getekend", str(wie[partij]), True)
        assert antwoord.json()["mag_tekenen"] is False
    assert antwoord.json()["status"] == "ondertekend"
    assert post(wie["werkgever"], f"{url}tekenen/", {"sha256": detail["sha256"]}).json() == {
        "non_field_errors": ["Deze versie staat niet (meer) open voor ondertekening."]
    }

    convenant_verzegelen(versie["id"])
    verzegeld = api(rw.werkgever).get(url).json()
    assert (verzegeld["status"], len(verzegeld["verzegeld_sha256"])) == ("verzegeld", 64)
    bestand = inhoud(api(rw.werkgever).get(verzegeld["verzegeld_pdf"]))
    assert hashlib.sha256(bestand).hexdigest() == verzegeld["verzegeld_sha256"]
    conv = api(rw.werkgever).get(f"/api/v1/convenanten/{rw.traject.pk}/").json()
    assert (conv["getekend_actueel"], conv["open_versie"], conv["versies"][0]["status"]) == (True, None, "verzegeld")

    def controleer(user, data):
        return api(user).post(
            "/api/v1/convenanten/controleren/",
            {"bestand": SimpleUploadedFile("convenant.pdf", data, "application/pdf")},
            format="multipart",
        )

    goed = controleer(rw.werkgever, bestand)
    assert goed.status_code == 200, goed.content
    assert (goed.json()["geldig"], goed.json()["sha256"], goed.json()["versie"]) == (
        True, verzegeld["verzegeld_sha256"], {"id": versie["id"], "traject": rw.traject.pk, "nummer": 1}
    )  # fmt: skip
    gewijzigd = bytearray(bestand)
    gewijzigd[len(bestand) // 3] ^= 0x01
    slecht = controleer(rw.werkgever, bytes(gewijzigd)).json()
    assert (slecht["geldig"], slecht["versie"]) == (False, None) and slecht["melding"]
    assert controleer(rw.werkgever, bestand + b"%% erachter\n").json()["geldig"] is False
    buiten = controleer(rw.buitenstaander, bestand).json()  # the seal holds; the version is not theirs
    assert (buiten["geldig"], buiten["versie"]) == (True, None)
    leeg = api(rw.werkgever).post("/api/v1/convenanten/controleren/", {}, format="multipart")
    assert (leeg.status_code, leeg.json()) == (400, {"bestand": ["Kies het pdf-bestand dat u wilt controleren."]})


def test_an_out_of_date_version_is_refused_and_a_decline_needs_a_reason(rw, make_user, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path / "zegel"
    wie = klaar_voor_convenant(rw, make_user)
    versie = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
    convenant_renderen(versie.pk)
    versie.refresh_from_db()
    url = f"/api/v1/convenantversies/{versie.pk}/"
    fase = rw.fases["opleiding"]
    fase.eind = dt.date(2027, 1, 29)
    fase.save()

    detail = api(wie["opleider"]).get(url).json()
    assert (detail["verouderd"], detail["mag_tekenen"]) == (True, False)
    antwoord = post(wie["opleider"], f"{url}tekenen/", {"sha256": versie.sha256})
    assert (antwoord.status_code, antwoord.json()) == (400, {"non_field_errors": [
        "Het traject is gewijzigd sinds deze versie is verstuurd. De regisseur verstuurt een nieuwe versie."
    ]})  # fmt: skip
    assert set(versie.ondertekeningen.values_list("status", flat=True)) == {"wacht"}
    conv = api(rw.regisseur).get(f"/api/v1/convenanten/{rw.traject.pk}/").json()
    assert (conv["open_versie"], conv["verouderd"]) == (versie.pk, True)

    antwoord = post(wie["werkgever"], f"{url}weigeren/", {"reden": "  "})
    assert antwoord.json() == {"reden": ["Geef de reden waarom u niet tekent: de regisseur past het convenant aan."]}
    assert post(wie["werkgever"], f"{url}weigeren/", {}).json() == {"reden": VERPLICHT}
    assert post(rw.werkgever, f"{url}weigeren/", {"reden": "Geen tekenbevoegde"}).status_code == 404
    antwoord = post(wie["werkgever"], f"{url}weigeren/", {"reden": "De baangarantie klopt niet: 2 plaatsen."})
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["status"] == "geweigerd" and "2 plaatsen" in antwoord.json()["reden"]
    werkgever = next(
        o for o in antwoord.json()["ondertekeningen"] if o["organisatie"]["naam"] == "Installatiebedrijf Noord"
    )
    assert (werkgever["status"], werkgever["reden"], werkgever["door"]) == (
        "geweigerd", "De baangarantie klopt niet: 2 plaatsen.", str(wie["werkgever"])
    )  # fmt: skip


def test_only_a_signatory_of_a_party_signs(rw, make_user, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path / "zegel"
    wie = klaar_voor_convenant(rw, make_user)
    versie = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
    convenant_renderen(versie.pk)
    versie.refresh_from_db()
    url = f"/api/v1/convenantversies/{versie.pk}/tekenen/"
    for niet in (rw.regisseur, rw.opleider, rw.werkgever):  # parties, but not tekenbevoegd
        antwoord = post(niet, url, {"sha256": versie.sha256})
        assert (antwoord.status_code, antwoord.json()) == (404, NOT_FOUND)
    assert not Ondertekening.objects.filter(versie=versie, status="getekend").exists()
    assert post(wie["werkgever"], url, {"sha256": versie.sha256}).status_code == 200
    assert Ondertekening.objects.get(versie=versie, status="getekend").door == wie["werkgever"]


# --- Query counts -----------------------------------------------------------------------------


def _queries(client, url: str, rows: int) -> int:
    client.get(url)  # warm up: session, content types
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert antwoord.json()["count"] == rows
    return len(ctx.captured_queries)


def _nog_een_traject(rw):
    t = TrajectFactory(regie_organisatie=rw.traject.regie_organisatie, gemeenten=[rw.traject.regie_organisatie])
    TrajectPartnerFactory(traject=t, organisatie=rw.opleider.organisatie, rol=tc.PartnerRol.OPLEIDER)
    TrajectFaseFactory(traject=t, soort=tc.FaseSoort.OPLEIDING)
    return t


def _overleg_met_alles(rw, traject):
    b = Overleg.objects.create(traject=traject, soort="feedback", datum=dt.date(2026, 3, 16), notulen="Gesproken",
                               notulen_door=rw.regisseur, aangemaakt_door=rw.regisseur)  # fmt: skip
    b.aanwezigen.set([rw.regisseur, rw.opleider])
    Vervolgactie.objects.create(overleg=b, omschrijving="Rooster", eigenaar=rw.opleider, deadline=dt.date(2026, 4, 1))


@pytest.mark.parametrize("wie", ["regisseur", "opleider"])
def test_the_meetings_list_costs_the_same_for_one_or_ten(rw, wie):
    client = api(getattr(rw, wie))
    _overleg_met_alles(rw, rw.traject)
    een = _queries(client, "/api/v1/overleggen/", 1)
    for _ in range(9):
        _overleg_met_alles(rw, _nog_een_traject(rw))
    assert _queries(client, "/api/v1/overleggen/", 10) == een


@pytest.mark.parametrize("url", ["/api/v1/draaiboektaken/", "/api/v1/draaiboektaken/?eigen=1"])
def test_the_task_list_costs_the_same_for_one_or_ten(rw, url):
    client = api(rw.opleider)
    taak(rw)
    een = _queries(client, url, 1)
    for _ in range(9):
        t = _nog_een_traject(rw)
        Draaiboektaak.objects.create(traject=t, fase_soort="opleiding", eigenaarrol="opleider",
                                     eigenaar=rw.opleider.organisatie, omschrijving="Rooster")  # fmt: skip
    assert _queries(client, url, 10) == een
