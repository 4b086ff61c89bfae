"""A person's rights under the AVG (issue 17): the access report holds all of one candidate's
data and nothing of another's; requests are recorded and handled once; a deletion needs a
second person and is refused while a duty to keep applies."""

import datetime
import json

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from avg import selectors, services
from avg.constants import VerzoekSoort, VerzoekStatus
from avg.models import Verzoek
from deelnemers.constants import RandvoorwaardeSoort
from deelnemers.models import Randvoorwaarde
from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnameFactory, GemeenteFactory, LeerwerkplekFactory, TrajectFactory, WerkgeverFactory
from trajecten import constants as tc
from trajecten.models import Contactmoment, Vervolgactie
from werkgevers.models import Bijeenkomst, Match

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _kandidaat(world, merk: str, status=tc.DeelnameStatus.AFGEROND):
    """A candidate whose every own text carries `merk`: names, a contact moment, a condition."""
    deelname = world.deelname(status, voornaam=f"Voor{merk}", achternaam=f"Achter{merk}")
    Contactmoment.objects.create(
        deelname=deelname, soort=tc.ContactmomentSoort.VOORTGANG, datum=timezone.localdate(),
        samenvatting=f"Gesprek {merk}", overige_aanwezigen=f"Tolk {merk}", vastgelegd_door=world.klantmanager,
    )  # fmt: skip
    Randvoorwaarde.objects.create(deelnemer=deelname.deelnemer, soort="fiets", toelichting=f"Fiets {merk}")
    return deelname


def test_the_access_report_holds_all_of_one_candidate_and_nothing_of_another(client, world):
    a = _kandidaat(world, "MERKA")
    b = _kandidaat(world, "MERKB")
    samen = Bijeenkomst.objects.create(
        traject=world.traject, soort="meeloopdag", datum=timezone.localdate(), plaats="Werkplaats Oss",
        overige_aanwezigen="Tolk MERKB", vastgelegd_door=world.regisseur,
    )  # fmt: skip
    samen.deelnames.set([a, b])
    client.force_login(world.klantmanager)
    for deelname in (a, b):  # reads that the report must show (a) or leave out (b)
        assert client.get(reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id])).status_code == 200
    antwoord = client.get(reverse("avg:inzage_json", args=[a.deelnemer_id]))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    rapport = json.loads(tekst)
    for waarde in ("VoorMERKA", "AchterMERKA", "Gesprek MERKA", "Tolk MERKA", "Fiets MERKA", a.deelnemer.bsn,
                   "Werkplaats Oss"):  # fmt: skip
        assert waarde in tekst
    assert "MERKB" not in tekst and b.deelnemer.bsn not in tekst
    soorten = {o["soort"] for o in rapport["gegevens"]}
    assert {
        "deelnemers.Deelnemer",
        "trajecten.Deelname",
        "trajecten.Contactmoment",
        "deelnemers.Randvoorwaarde",
    } <= soorten
    # Every stored field of the candidate is there.
    (persoon,) = next(o for o in rapport["gegevens"] if o["soort"] == "deelnemers.Deelnemer")["rijen"]
    velden = {f.name for f in a.deelnemer._meta.concrete_fields if not f.primary_key}
    assert velden <= set(persoon["velden"])
    # Who read them: the reads of a's objects, none of b's.
    gelezen = AccessLog.objects.using("audit").filter(object_type="deelnemers.Deelnemer", object_id=str(a.deelnemer_id))
    assert len(rapport["gelezen"]) == gelezen.exclude(action="export").count() > 0  # the export is logged after
    assert all(r["gebruiker"] == world.klantmanager.email for r in rapport["gelezen"])
    # Who changed them: the history of the candidate's rows.
    assert any(w["gegeven"] == "contactmoment" and w["soort"] == "aangemaakt" for w in rapport["gewijzigd"])
    # The download itself is logged.
    assert (
        AccessLog.objects.using("audit")
        .filter(action="export", object_type="deelnemers.Deelnemer", object_id=str(a.deelnemer_id))
        .exists()
    )


def test_the_access_report_as_pdf(client, world):
    from tests.pdf import pdf_text

    a = _kandidaat(world, "MERKA")
    _kandidaat(world, "MERKB")
    client.force_login(world.klantmanager)
    antwoord = client.get(reverse("avg:inzage_pdf", args=[a.deelnemer_id]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    tekst = pdf_text(antwoord.content)
    assert "VoorMERKA" in tekst and "Gesprek MERKA" in tekst and "MERKB" not in tekst
    assert AccessLog.objects.using("audit").filter(action="pdf", object_id=str(a.deelnemer_id)).exists()


def test_only_the_gemeentes_klantmanager_reads_it(client, world, make_user):
    a = _kandidaat(world, "MERKA")
    andere_gemeente = GemeenteFactory(naam="Andere gemeente")
    verzoek = services.verzoek_vastleggen(
        acting_user=world.klantmanager, deelnemer=a.deelnemer, soort=VerzoekSoort.INZAGE,
        ontvangen_op=timezone.localdate(), toelichting="Wat weet u van mij?",
    )  # fmt: skip
    for user in (make_user(Rol.KLANTMANAGER, organisatie=andere_gemeente), world.regisseur, world.werkgever_user):
        client.force_login(user)
        for naam in ("avg:kandidaat", "avg:inzage_json", "avg:inzage_pdf"):
            assert client.get(reverse(naam, args=[a.deelnemer_id])).status_code == 404, (user, naam)
        vastleggen = reverse("avg:verzoek_vastleggen", args=[a.deelnemer_id])
        assert client.post(vastleggen, {"soort": "inzage", "toelichting": "x"}).status_code == 404
        afhandelen = reverse("avg:verzoek_afhandelen", args=[a.deelnemer_id, verzoek.pk])
        assert client.post(afhandelen, {"besluit": "x", "besluit_soort": "weigeren"}).status_code == 404
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.INGEDIEND and Verzoek.objects.count() == 1


def test_a_request_is_recorded_and_handled_once(client, world):
    a = _kandidaat(world, "MERKA")
    client.force_login(world.klantmanager)
    url = reverse("avg:verzoek_vastleggen", args=[a.deelnemer_id])
    fout = client.post(url, {"soort": "correctie", "ontvangen_op": "", "toelichting": ""})
    assert fout.status_code == 400
    assert "Vul de datum van ontvangst in." in fout.content.decode()
    assert "Schrijf op wat de persoon vraagt." in fout.content.decode()
    assert not Verzoek.objects.exists()
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    fout = client.post(url, {"soort": "correctie", "ontvangen_op": morgen.isoformat(), "toelichting": "Naam"})
    assert "De datum van ontvangst kan niet in de toekomst liggen." in fout.content.decode()
    ok = client.post(url, {"soort": "correctie", "ontvangen_op": timezone.localdate().isoformat(),
                           "toelichting": "De achternaam is verkeerd gespeld."})  # fmt: skip
    assert ok.status_code == 302
    verzoek = Verzoek.objects.get()
    afhandelen = reverse("avg:verzoek_afhandelen", args=[a.deelnemer_id, verzoek.pk])
    assert client.post(afhandelen, {"besluit": "", "besluit_soort": "uitvoeren"}).status_code == 400
    assert client.post(afhandelen, {"besluit": "Gecorrigeerd.", "besluit_soort": "uitvoeren"}).status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.besluit, verzoek.afgehandeld_door) == (
        VerzoekStatus.UITGEVOERD, "Gecorrigeerd.", world.klantmanager,
    )  # fmt: skip
    nogmaals = client.post(afhandelen, {"besluit": "Nog eens.", "besluit_soort": "weigeren"})
    assert nogmaals.status_code == 400 and "Dit verzoek is al afgehandeld." in nogmaals.content.decode()


def test_a_deletion_needs_a_second_person_and_is_refused_while_a_duty_to_keep_applies(world, make_user):
    lopend = _kandidaat(world, "MERKA", status=tc.DeelnameStatus.OPLEIDING)
    collega = make_user(Rol.KLANTMANAGER)
    verzoek = services.verzoek_vastleggen(
        acting_user=world.klantmanager, deelnemer=lopend.deelnemer, soort=VerzoekSoort.VERWIJDERING,
        ontvangen_op=timezone.localdate(), toelichting="Wil dat alles weg is.",
    )  # fmt: skip
    assert not services.mag_afhandelen(world.klantmanager, verzoek)
    assert services.mag_afhandelen(collega, verzoek)
    with pytest.raises(services.ValidationError) as exc:
        services.verzoek_afhandelen(acting_user=world.klantmanager, verzoek=verzoek, uitvoeren=True, besluit="Weg.")
    assert "tweede persoon" in str(exc.value)
    redenen = services.bewaarplicht(lopend.deelnemer)
    assert len(redenen) == 1 and "Installatietechniek Test" in redenen[0]
    with pytest.raises(services.ValidationError) as exc:
        services.verzoek_afhandelen(acting_user=collega, verzoek=verzoek, uitvoeren=True, besluit="Weg.")
    assert "Verwijderen kan nu niet:" in str(exc.value) and "Participatiewet" in str(exc.value)
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.INGEDIEND  # nothing half-done
    geweigerd = services.verzoek_afhandelen(
        acting_user=collega, verzoek=verzoek, uitvoeren=False, besluit="Het traject loopt nog; daarna opnieuw."
    )
    assert geweigerd.status == VerzoekStatus.GEWEIGERD
    assert selectors.verzoeken(lopend.deelnemer).get().afgehandeld_door == collega


def test_the_page_shows_why_a_deletion_cannot_be_done(client, world, make_user):
    lopend = _kandidaat(world, "MERKA", status=tc.DeelnameStatus.OPLEIDING)
    services.verzoek_vastleggen(
        acting_user=world.klantmanager, deelnemer=lopend.deelnemer, soort=VerzoekSoort.VERWIJDERING,
        ontvangen_op=timezone.localdate(), toelichting="Alles weg.",
    )  # fmt: skip
    client.force_login(make_user(Rol.KLANTMANAGER))
    html = client.get(reverse("avg:kandidaat", args=[lopend.deelnemer_id])).content.decode()
    assert "Verwijderen kan nu niet:" in html and "Goedkeuren en verwijderen" not in html and "Weigeren" in html
    client.force_login(world.klantmanager)
    html = client.get(reverse("avg:kandidaat", args=[lopend.deelnemer_id])).content.decode()
    assert "Een tweede klantmanager van uw gemeente beslist" in html


def test_an_approved_deletion_anonymises_the_candidate_and_takes_them_off_the_list(client, world, make_user):
    klaar = _kandidaat(world, "MERKA")  # finished: no duty to keep
    bsn = klaar.deelnemer.bsn
    collega = make_user(Rol.KLANTMANAGER)
    verzoek = services.verzoek_vastleggen(
        acting_user=world.klantmanager, deelnemer=klaar.deelnemer, soort=VerzoekSoort.VERWIJDERING,
        ontvangen_op=timezone.localdate(), toelichting="Alles weg.",
    )  # fmt: skip
    assert services.bewaarplicht(klaar.deelnemer) == []
    client.force_login(collega)
    antwoord = client.post(
        reverse("avg:verzoek_afhandelen", args=[klaar.deelnemer_id, verzoek.pk]),
        {"besluit": "Verwijderd op verzoek.", "besluit_soort": "uitvoeren"},
    )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.afgehandeld_door) == (VerzoekStatus.UITGEVOERD, collega)
    klaar.deelnemer.refresh_from_db()
    assert klaar.deelnemer.bsn != bsn and "MERKA" not in klaar.deelnemer.voornaam + klaar.deelnemer.achternaam
    assert not Contactmoment.objects.filter(samenvatting__contains="MERKA").exists()
    assert verzoek.toelichting == "(geanonimiseerd)"  # the request stays as proof, its text goes
    lijst = client.get(reverse("deelnemers:kandidaten_resultaat")).content.decode()
    assert f"/kandidaten/{klaar.deelnemer_id}/" not in lijst


def _kandidaat_met(world, make_user, n: int):
    """A candidate with n of each thing the report turns into text through a relation:
    participations (each in its own trajectory), contact moments with n attendees and a follow-up
    action with its own owner, conditions with their own action holder, and matches at the places
    of n employers (a place names its employer, and the employer its organisation)."""
    eerste = world.deelname(tc.DeelnameStatus.AFGEROND)
    deelnemer = eerste.deelnemer
    deelnames = [eerste] + [
        DeelnameFactory(
            traject=TrajectFactory(regie_organisatie=world.gemeente, arbeidsmarktregio=world.regio),
            deelnemer=deelnemer,
            aangemeld_door=make_user(Rol.KLANTMANAGER),
        )  # fmt: skip
        for _ in range(n - 1)
    ]
    soorten = list(RandvoorwaardeSoort)[:n]
    for i, deelname in enumerate(deelnames):
        gesprek = Contactmoment.objects.create(
            deelname=deelname, soort=tc.ContactmomentSoort.VOORTGANG, datum=timezone.localdate(),
            samenvatting=f"Gesprek {i}", vastgelegd_door=make_user(Rol.KLANTMANAGER),
        )  # fmt: skip
        gesprek.aanwezigen.set([make_user(Rol.REGISSEUR, naam=f"Aanwezige {i}.{j}") for j in range(n)])
        Vervolgactie.objects.create(
            contactmoment=gesprek, omschrijving=f"Actie {i}", eigenaar=make_user(Rol.KLANTMANAGER),
            deadline=timezone.localdate(),
        )  # fmt: skip
        Randvoorwaarde.objects.create(deelnemer=deelnemer, soort=soorten[i], actiehouder=make_user(Rol.KLANTMANAGER))
        plek = LeerwerkplekFactory(
            traject=deelname.traject,
            functietitel=f"Plek {i}",
            werkgever=WerkgeverFactory(organisatie__naam=f"Bedrijf {n}.{i}"),
        )
        Match.objects.create(
            deelname=deelname, leerwerkplek=plek, status="voorgesteld", voorgesteld_door=world.regisseur
        )
    return deelnemer


def test_the_access_report_takes_as_many_queries_for_one_of_each_as_for_three(client, world, make_user):
    een, drie = _kandidaat_met(world, make_user, 1), _kandidaat_met(world, make_user, 3)
    client.force_login(world.klantmanager)

    def tel(deelnemer, naam):
        with CaptureQueriesContext(connections["default"]) as queries:
            antwoord = client.get(reverse(naam, args=[deelnemer.pk]))
        assert antwoord.status_code == 200
        return len(queries), antwoord

    for naam in ("avg:inzage_json", "avg:inzage_pdf"):
        assert tel(een, naam)[0] == tel(drie, naam)[0], naam
    rapport = tel(drie, "avg:inzage_json")[1].json()
    rijen = {o["soort"]: o["rijen"] for o in rapport["gegevens"]}
    assert (
        len(rijen["trajecten.Deelname"]) == len(rijen["trajecten.Contactmoment"]) == len(rijen["werkgevers.Match"]) == 3
    )
    # The related rows are shown by their text, as before: a match names its place and employer,
    # a contact moment its attendees, a follow-up action its owner.
    assert sorted(r["titel"].split(" – ")[1] for r in rijen["werkgevers.Match"]) == [
        f"Plek {i} (Bedrijf 3.{i})" for i in range(3)
    ]
    aanwezigen = sorted(r["velden"]["aanwezigen"]["waarde"] for r in rijen["trajecten.Contactmoment"])
    assert aanwezigen == [", ".join(f"Aanwezige {i}.{j}" for j in range(3)) for i in range(3)]
    assert all(r["velden"]["eigenaar"]["waarde"] for r in rijen["trajecten.Vervolgactie"])


def test_each_open_request_gets_its_own_labelled_field_and_a_refused_one_its_errors(client, world, make_user):
    """The page writes the decision field of every open request as HTML, not as a form per row
    (architecture.md, "Speed"); the markup is the one AfhandelForm would give: the label and
    help text linked to an id unique per request, and on the row whose POST was refused, the
    value typed and the error, in Dutch, linked by aria-describedby."""
    from django.template.loader import render_to_string
    from pytest_django.asserts import assertInHTML

    from avg.forms import AfhandelForm

    a = _kandidaat(world, "MERKA")
    eerste, tweede = (
        services.verzoek_vastleggen(
            acting_user=world.klantmanager,
            deelnemer=a.deelnemer,
            soort=VerzoekSoort.CORRECTIE,
            ontvangen_op=timezone.localdate(),
            toelichting=f"Verzoek {i}",
        )  # fmt: skip
        for i in (1, 2)
    )
    client.force_login(world.klantmanager)

    def zoals_het_formulier(form):
        return render_to_string("includes/form_fields.html", {"form": form})

    html = client.get(reverse("avg:kandidaat", args=[a.deelnemer_id])).content.decode()
    for verzoek in (eerste, tweede):
        assertInHTML(zoals_het_formulier(AfhandelForm(verzoek_id=verzoek.pk)), html, count=1)
        assert html.count(f'for="afhandelen_{verzoek.pk}_besluit"') == 1
    assert "aria-invalid" not in html

    te_lang = "x" * 2001
    geweigerd = client.post(
        reverse("avg:verzoek_afhandelen", args=[a.deelnemer_id, tweede.pk]),
        {"besluit": te_lang, "besluit_soort": "uitvoeren"},
    )
    assert geweigerd.status_code == 400
    html = geweigerd.content.decode()
    bound = AfhandelForm({"besluit": te_lang}, verzoek_id=tweede.pk)
    assert not bound.is_valid()
    assertInHTML(zoals_het_formulier(bound), html, count=1)  # its value, its error, aria-invalid
    assertInHTML(zoals_het_formulier(AfhandelForm(verzoek_id=eerste.pk)), html, count=1)  # the other: untouched
    assert html.count("Schrijf hoogstens 2000 tekens.") == 1
    assert f'aria-describedby="afhandelen_{tweede.pk}_besluit_helptext afhandelen_{tweede.pk}_besluit_error"' in html
    eerste.refresh_from_db(), tweede.refresh_from_db()
    assert eerste.status == tweede.status == VerzoekStatus.INGEDIEND


def test_the_page_takes_as_many_queries_for_one_open_request_as_for_four(client, world):
    """The page reads the name and the requests, not the candidate's file, and checks each
    request without a query of its own."""

    def queries(merk: str, n: int) -> int:
        kandidaat = _kandidaat(world, merk)
        for i in range(n):
            services.verzoek_vastleggen(
                acting_user=world.klantmanager, deelnemer=kandidaat.deelnemer, soort=VerzoekSoort.INZAGE,
                ontvangen_op=timezone.localdate(), toelichting=f"Verzoek {i}",
            )  # fmt: skip
        client.force_login(world.klantmanager)
        url = reverse("avg:kandidaat", args=[kandidaat.deelnemer_id])
        client.get(url)
        with CaptureQueriesContext(connections["default"]) as gelezen:
            assert client.get(url).content.decode().count('name="besluit"') == n
        assert not any("deelnemers_werkervaring" in q["sql"] for q in gelezen.captured_queries)
        return len(gelezen)

    assert queries("MERKA", 1) == queries("MERKB", 4)
