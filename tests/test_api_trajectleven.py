"""The API writes a script needs to enter a whole trajectory (issue 14, item 7): organisations to
name, the trajectory with its SMART goal, partners and phases, the profile text, a work place,
starting and ending a placement. Each: what it does, a field error in Dutch, and 404 for who is
out of scope. At the end, scripts/voorbeeld_traject_api.py against a live server with the demo."""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from leerwerk.celery import app
from leerwerk.models import AccessLog, OrganisatieType, Rol
from tests.api.conftest import NOT_FOUND, api_as  # noqa: F401 (fixture)
from tests.api.conftest_werkgevers import wg  # noqa: F401 (fixture)
from tests.factories import (
    LocatieFactory,
    OrganisatieFactory,
    TrajectFactory,
    TrajectFaseFactory,
    UserFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from trajecten.models import Traject, TrajectFase, TrajectPartner
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Leerwerkplek, Plaatsing

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

VERPLICHT = ["Dit veld is verplicht."]


def _post(api, url, data=None):
    return api.post(url, data or {}, format="json")


def _nieuw_traject(wg, **velden):  # noqa: F811
    return {
        "naam": "Warmtepompmonteurs 2027",
        "sector": "installatietechniek",
        "beroep": "Monteur warmtepompen",
        "status": "werving",
        "instroomvorm": "cohort",
        "capaciteit": 8,
        "arbeidsmarktregio": wg.regio.pk,
        "gemeenten": [wg.gemeente.pk],
        "instroomprofiel": {"min_taalniveau": "A2", "min_uren_per_week": 24},
        "doel": {"aantal_deelnemers": 6, "aandeel_werk": 50, "datum": "2027-12-31"},
        **velden,
    }


# --- Organisations ---------------------------------------------------------------------------


def test_a_regisseur_finds_organisations_by_type_and_name(wg, api_as):  # noqa: F811
    OrganisatieFactory(naam="Slapend Fonds", type=OrganisatieType.FINANCIER, actief=False)
    api = api_as(wg.regisseur)
    rijen = api.get("/api/v1/organisaties/", {"type": "gemeente"}).json()["results"]
    assert rijen == [
        {"id": wg.gemeente.pk, "naam": wg.gemeente.naam, "type": "gemeente", "arbeidsmarktregio": wg.regio.pk}
    ]
    gevonden = api.get("/api/v1/organisaties/", {"zoek": wg.werkgever.organisatie.naam[:6]}).json()["results"]
    assert wg.werkgever.organisatie.pk in {r["id"] for r in gevonden}
    assert "Slapend Fonds" not in {r["naam"] for r in api.get("/api/v1/organisaties/").json()["results"]}


@pytest.mark.parametrize("wie", ["klantmanager", "werkgever_user", "wethouder", "opleider"])
def test_other_roles_see_their_own_organisation_only(wg, api_as, wie):  # noqa: F811
    user = getattr(wg, wie)
    api = api_as(user)
    assert [r["id"] for r in api.get("/api/v1/organisaties/").json()["results"]] == [user.organisatie_id]
    ander = wg.ander.organisatie.pk
    response = api.get(f"/api/v1/organisaties/{ander}/")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- The trajectory ----------------------------------------------------------------------------


def test_a_regisseur_starts_a_trajectory_with_its_smart_goal(wg, api_as):  # noqa: F811
    response = _post(api_as(wg.regisseur), "/api/v1/trajecten/", _nieuw_traject(wg))
    assert response.status_code == 201, response.json()
    data = response.json()
    traject = Traject.objects.get(pk=data["id"])
    assert traject.regie_organisatie == wg.regisseur.organisatie  # the regie is their own
    assert traject.regisseur == wg.regisseur  # the caller, as the page's form proposes
    assert list(traject.gemeenten.all()) == [wg.gemeente]
    assert data["doel"] == {"aantal_deelnemers": 6, "aandeel_werk": 50, "datum": "2027-12-31"}
    assert data["instroomprofiel"]["min_taalniveau"] == "A2"
    assert (data["status"], data["partners"], data["fases"]) == ("werving", [], [])


def test_a_new_trajectory_answers_field_errors_in_dutch_where_they_were_sent(wg, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    leeg = _post(api, "/api/v1/trajecten/", {"doel": {"aandeel_werk": "veel"}})
    assert leeg.status_code == 400
    fouten = leeg.json()
    for veld in ("naam", "sector", "beroep", "instroomvorm", "capaciteit", "arbeidsmarktregio"):
        assert fouten[veld] == VERPLICHT, veld
    assert fouten["doel"] == {"aandeel_werk": ["Vul een heel getal in."]}
    # The service's rule, answered inside `doel` where the goal was sent.
    te_veel = _post(api, "/api/v1/trajecten/", _nieuw_traject(wg, doel={"aantal_deelnemers": 12}))
    assert (te_veel.status_code, te_veel.json()) == (
        400,
        {"doel": {"aantal_deelnemers": ["Het doel-aantal deelnemers is groter dan de capaciteit van het traject."]}},
    )
    gemeente = _post(api, "/api/v1/trajecten/", _nieuw_traject(wg, arbeidsmarktregio=wg.gemeente.pk))
    assert gemeente.json() == {"arbeidsmarktregio": [f'Niet gevonden: "{wg.gemeente.pk}".']}
    assert not Traject.objects.exclude(pk=wg.traject.pk).exists()


@pytest.mark.parametrize("wie", ["klantmanager", "werkgever_user", "wethouder", "opleider"])
def test_only_a_regisseur_starts_a_trajectory(wg, api_as, wie):  # noqa: F811
    response = _post(api_as(getattr(wg, wie)), "/api/v1/trajecten/", _nieuw_traject(wg))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_the_regisseur_changes_status_and_goal(wg, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    url = f"/api/v1/trajecten/{wg.traject.pk}/"
    response = api.patch(url, {"status": "lopend", "doel": {"aandeel_werk": 70}}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["doel"]["aandeel_werk"] == 70
    wg.traject.refresh_from_db()
    assert (wg.traject.status, wg.traject.doel_aandeel_werk, wg.traject.naam) == (
        "lopend",
        70,
        "Installatietechniek API",
    )
    fout = api.patch(url, {"doel": {"aandeel_werk": 150}}, format="json")
    assert fout.status_code == 400
    assert list(fout.json()) == ["doel"] and "100" in fout.json()["doel"]["aandeel_werk"][0]
    wg.traject.refresh_from_db()
    assert wg.traject.doel_aandeel_werk == 70


@pytest.mark.parametrize("wie", ["regio_regisseur", "klantmanager", "werkgever_user"])
def test_a_trajectory_directed_elsewhere_is_not_found_for_changes(wg, api_as, wie):  # noqa: F811
    api = api_as(getattr(wg, wie))
    partner = TrajectPartner.objects.filter(traject=wg.traject).first()
    fase = TrajectFaseFactory(traject=wg.traject)
    for methode, url, body in (
        ("patch", f"/api/v1/trajecten/{wg.traject.pk}/", {"naam": "Overgenomen"}),
        ("post", f"/api/v1/trajecten/{wg.traject.pk}/partners/", {"organisatie": wg.gemeente.pk, "rol": "financier"}),
        ("delete", f"/api/v1/trajecten/{wg.traject.pk}/partners/{partner.pk}/", None),
        ("post", f"/api/v1/trajecten/{wg.traject.pk}/fases/", {"soort": "nazorg", "start": "2027-01-04",
                                                               "eind": "2027-06-30"}),
        ("delete", f"/api/v1/trajecten/{wg.traject.pk}/fases/{fase.pk}/", None),
    ):  # fmt: skip
        response = getattr(api, methode)(url, body, format="json")
        assert (response.status_code, response.json()) == (404, NOT_FOUND), url
    assert TrajectPartner.objects.filter(pk=partner.pk).exists() and TrajectFase.objects.filter(pk=fase.pk).exists()
    wg.traject.refresh_from_db()
    assert wg.traject.naam == "Installatietechniek API"


def test_partners_are_added_once_per_role_and_removed(wg, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    fonds = OrganisatieFactory(naam="Opleidingsfonds Techniek", type=OrganisatieType.FINANCIER)
    url = f"/api/v1/trajecten/{wg.traject.pk}/partners/"
    response = _post(api, url, {"organisatie": fonds.pk, "rol": "financier"})
    assert response.status_code == 201, response.json()
    partner = next(p for p in response.json()["partners"] if p["organisatie"]["id"] == fonds.pk)
    assert partner["rol"] == "financier"
    nogmaals = _post(api, url, {"organisatie": fonds.pk, "rol": "financier"})
    assert (nogmaals.status_code, nogmaals.json()) == (
        400,
        {"rol": ["Opleidingsfonds Techniek is al financier in dit traject."]},
    )
    assert _post(api, url, {"organisatie": fonds.pk}).json() == {"rol": VERPLICHT}
    weg = api.delete(f"{url}{partner['id']}/")
    assert weg.status_code == 204
    assert not TrajectPartner.objects.filter(pk=partner["id"]).exists()
    # A partner of another trajectory, under this trajectory's id: not found.
    elders = TrajectPartner.objects.create(
        traject=TrajectFactory(regie_organisatie=wg.gemeente, arbeidsmarktregio=wg.regio), organisatie=fonds,
        rol="financier",
    )  # fmt: skip
    assert api.delete(f"{url}{elders.pk}/").status_code == 404
    assert TrajectPartner.objects.filter(pk=elders.pk).exists()


def test_phases_are_planned_once_per_kind_and_removed(wg, api_as):  # noqa: F811
    api = api_as(wg.regisseur)
    url = f"/api/v1/trajecten/{wg.traject.pk}/fases/"
    response = _post(api, url, {"soort": "opleiding", "start": "2027-02-01", "eind": "2027-04-30"})
    assert response.status_code == 201, response.json()
    fase = next(f for f in response.json()["fases"] if f["soort"] == "opleiding")
    assert (fase["start"], fase["eind"], fase["weken"]) == ("2027-02-01", "2027-04-30", 13)
    dubbel = _post(api, url, {"soort": "opleiding", "start": "2027-05-03", "eind": "2027-05-31"})
    assert dubbel.json() == {"soort": ["De fase opleiding staat al in de planning. Wijzig de bestaande fase."]}
    achterstevoren = _post(api, url, {"soort": "nazorg", "start": "2027-06-30", "eind": "2027-06-01"})
    assert (achterstevoren.status_code, achterstevoren.json()) == (400, {"eind": ["Het einde ligt vóór de start."]})
    assert _post(api, url, {"soort": "nazorg", "start": "30-06-2027", "eind": "2027-07-01"}).json() == {
        "start": ["Vul een datum in als JJJJ-MM-DD."]
    }
    assert api.delete(f"{url}{fase['id']}/").status_code == 204
    assert not wg.traject.fases.filter(pk=fase["id"]).exists()


# --- The profile text ----------------------------------------------------------------------------


def test_the_klantmanager_writes_and_the_regisseur_approves_the_profile_text(wg, api_as):  # noqa: F811
    deelname = wg.deelname(tc.DeelnameStatus.OPLEIDING, approved=False)
    url = f"/api/v1/deelnames/{deelname.pk}/profiel/"
    km = api_as(wg.klantmanager)
    geschreven = _post(km, url, {"motivatie": "Leergierig en handig met gereedschap."})
    assert geschreven.status_code == 200, geschreven.json()
    data = geschreven.json()
    assert (data["deelname"], data["concept"], data["wacht_op_goedkeuring"], data["gepubliceerd"]) == (
        deelname.pk,
        "Leergierig en handig met gereedschap.",
        True,
        False,
    )
    assert data["concept_door"] == "Karim Klantmanager" and data["pseudoniem"].startswith("K-")
    zelf = _post(km, f"{url}goedkeuren/")
    assert (zelf.status_code, zelf.json()) == (
        400,
        {"motivatie": ["Een ander dan de schrijver keurt de tekst goed (de klantmanager of de regisseur)."]},
    )
    goedgekeurd = _post(api_as(wg.regisseur), f"{url}goedkeuren/")
    assert goedgekeurd.status_code == 200
    assert (goedgekeurd.json()["motivatie"], goedgekeurd.json()["gepubliceerd"]) == (
        "Leergierig en handig met gereedschap.",
        True,
    )
    assert api_as(wg.klantmanager).get(url).json()["goedgekeurd_door"] == "Sanne Regisseur"
    assert AccessLog.objects.filter(user_id=wg.klantmanager.pk, object_id=str(deelname.deelnemer_id)).exists()


def test_an_empty_profile_text_is_refused_in_dutch(wg, api_as):  # noqa: F811
    deelname = wg.deelname(tc.DeelnameStatus.OPLEIDING, approved=False)
    api = api_as(wg.regisseur)
    url = f"/api/v1/deelnames/{deelname.pk}/profiel/"
    assert _post(api, url, {"motivatie": "  "}).json() == {
        "motivatie": ["Schrijf een korte motivatie voor werkgevers."]
    }
    assert _post(api, url, {}).json() == {"motivatie": VERPLICHT}
    assert _post(api, f"{url}goedkeuren/").json() == {"motivatie": ["Er is geen nieuwe tekst om goed te keuren."]}


@pytest.mark.parametrize("wie", ["werkgever_user", "regio_regisseur", "opleider", "wethouder"])
def test_the_profile_text_is_not_found_for_others(wg, api_as, wie):  # noqa: F811
    deelname = wg.deelname(tc.DeelnameStatus.OPLEIDING, approved=False)
    api = api_as(getattr(wg, wie))
    url = f"/api/v1/deelnames/{deelname.pk}/profiel/"
    for response in (api.get(url), _post(api, url, {"motivatie": "Anders."}), _post(api, f"{url}goedkeuren/")):
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    deelname.profiel.refresh_from_db()
    assert deelname.profiel.concept == ""


# --- A work place ----------------------------------------------------------------------------


def _plek(wg, **velden):  # noqa: F811
    return {
        "werkgever": wg.werkgever.pk,
        "traject": wg.traject.pk,
        "functietitel": "Assistent-monteur",
        "beroep": "Monteur warmtepompen",
        "uren_per_week": 32,
        "locatie": wg.plek.locatie_id,
        "aantal_plaatsen": 2,
        "startdatum": "2027-03-01",
        "vereiste_certificaten": ["vca_basis"],
        **velden,
    }


@pytest.mark.parametrize("wie", ["werkgever_user", "regisseur"])
def test_the_employer_or_the_regisseur_offers_a_place(wg, api_as, wie):  # noqa: F811
    response = _post(api_as(getattr(wg, wie)), "/api/v1/leerwerkplekken/", _plek(wg))
    assert response.status_code == 201, response.json()
    plek = Leerwerkplek.objects.get(pk=response.json()["id"])
    assert (plek.werkgever, plek.traject, plek.status, plek.vereiste_certificaten) == (
        wg.werkgever,
        wg.traject,
        c.PlekStatus.OPEN,
        ["vca_basis"],
    )
    assert response.json()["werkgever"]["naam"] == wg.werkgever.organisatie.naam


def test_a_place_answers_field_errors_in_dutch(wg, api_as):  # noqa: F811
    api = api_as(wg.werkgever_user)
    andere_locatie = LocatieFactory(werkgever=wg.ander)
    assert _post(api, "/api/v1/leerwerkplekken/", _plek(wg, locatie=andere_locatie.pk)).json() == {
        "locatie": ["Kies een locatie van deze werkgever."]
    }
    assert _post(api, "/api/v1/leerwerkplekken/", _plek(wg, werkgever=wg.ander.pk)).json() == {
        "werkgever": [f'Niet gevonden: "{wg.ander.pk}".']
    }
    # An employer that is no partner in the trajectory offers no place in it (the service's rule).
    buiten = WerkgeverFactory()
    eigen = LocatieFactory(werkgever=buiten)
    api_buiten = api_as(UserFactory(organisatie=buiten.organisatie, rollen=[Rol.WERKGEVER]))
    traject_zichtbaar = TrajectFactory(regie_organisatie=wg.gemeente, arbeidsmarktregio=wg.regio)
    TrajectPartner.objects.create(traject=traject_zichtbaar, organisatie=buiten.organisatie, rol="opleider")
    response = _post(
        api_buiten, "/api/v1/leerwerkplekken/", _plek(wg, werkgever=buiten.pk, locatie=eigen.pk,
                                                       traject=traject_zichtbaar.pk)
    )  # fmt: skip
    assert (response.status_code, response.json()) == (
        400,
        {"traject": ["De werkgever is geen partner in dit traject."]},
    )
    assert set(Leerwerkplek.objects.all()) == {wg.plek, wg.ander_plek}


@pytest.mark.parametrize("wie", ["klantmanager", "wethouder", "opleider", "jobcoach"])
def test_other_roles_offer_no_place(wg, api_as, wie):  # noqa: F811
    response = _post(api_as(getattr(wg, wie)), "/api/v1/leerwerkplekken/", _plek(wg))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- Starting and ending a placement ---------------------------------------------------------------


@pytest.fixture
def bevestigd(wg):  # noqa: F811
    deelname = wg.deelname(tc.DeelnameStatus.OPLEIDING)
    wg.accepted(deelname)
    vandaag = datetime.date.today()
    plaatsing = wg.proposed_placement(
        deelname, soort="bepaalde_tijd", start=vandaag, einde=vandaag + datetime.timedelta(days=365)
    )
    return services.plaatsing_confirm(acting_user=wg.werkgever_user, plaatsing=plaatsing)


def test_the_regisseur_starts_and_ends_a_placement(wg, api_as, bevestigd):  # noqa: F811
    api = api_as(wg.regisseur)
    gestart = _post(api, f"/api/v1/plaatsingen/{bevestigd.pk}/starten/")
    assert gestart.status_code == 200, gestart.json()
    assert gestart.json()["status"] == "gestart"
    opnieuw = _post(api, f"/api/v1/plaatsingen/{bevestigd.pk}/starten/")
    assert opnieuw.json() == {"status": ["Alleen een bevestigde plaatsing kan starten."]}
    vandaag = datetime.date.today()
    einde = _post(api, f"/api/v1/plaatsingen/{bevestigd.pk}/beeindigen/", {"einde": str(vandaag), "reden": "werkgever"})
    assert einde.status_code == 200, einde.json()
    assert (einde.json()["status"], einde.json()["einde"], einde.json()["einde_reden"]) == (
        "beeindigd",
        str(vandaag),
        "werkgever",
    )


def test_ending_a_placement_answers_field_errors_in_dutch(wg, api_as, bevestigd):  # noqa: F811
    api = api_as(wg.regisseur)
    url = f"/api/v1/plaatsingen/{bevestigd.pk}/beeindigen/"
    assert _post(api, url, {}).json() == {"einde": VERPLICHT, "reden": VERPLICHT}
    assert _post(api, url, {"einde": str(bevestigd.start), "reden": "overig"}).json() == {
        "toelichting": ["Licht de reden 'overig' toe."]
    }
    eerder = bevestigd.start - datetime.timedelta(days=1)
    assert _post(api, url, {"einde": str(eerder), "reden": "afgerond"}).json() == {
        "einde": [f"Het einde ligt niet vóór de start ({bevestigd.start:%d-%m-%Y})."]
    }
    bevestigd.refresh_from_db()
    assert bevestigd.status == c.PlaatsingStatus.BEVESTIGD


@pytest.mark.parametrize("wie", ["werkgever_user", "regio_regisseur", "klantmanager", "jobcoach"])
def test_only_the_regisseur_of_the_trajectory_starts_or_ends_a_placement(wg, api_as, bevestigd, wie):  # noqa: F811
    api = api_as(getattr(wg, wie))
    for actie, body in (("starten", {}), ("beeindigen", {"einde": str(bevestigd.start), "reden": "afgerond"})):
        response = _post(api, f"/api/v1/plaatsingen/{bevestigd.pk}/{actie}/", body)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), actie
    assert Plaatsing.objects.get(pk=bevestigd.pk).status == c.PlaatsingStatus.BEVESTIGD


# --- The script, end to end -------------------------------------------------------------------------


def _script():
    pad = Path(__file__).resolve().parents[1] / "scripts" / "voorbeeld_traject_api.py"
    spec = importlib.util.spec_from_file_location("voorbeeld_traject_api", pad)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def taken_meteen():
    """The results a worker detects after the writes (financiering.tasks), run at once instead."""
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates


@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_the_example_script_enters_a_trajectory_and_finds_its_results(live_server, taken_meteen):
    call_command("demo_data")
    regels: list[str] = []
    code = _script().main(live_server.url, uit=regels.append, wacht_seconden=5)
    uitvoer = "\n".join(regels)
    assert code == 0, uitvoer
    assert "In orde: de resultaten zijn precies wat het script invoerde." in uitvoer
    traject = Traject.objects.get(naam__startswith="API-voorbeeld")
    assert traject.deelnames.count() == 7
    assert set(traject.deelnames.values_list("status", flat=True)) == {
        "afgewezen", "geplaatst", "afgerond", "uitgevallen", "vervolgopleiding", "opleiding",
    }  # fmt: skip


@pytest.mark.django_db(transaction=True, databases=["default", "audit"])
def test_the_example_script_says_in_dutch_when_it_cannot_log_in(live_server):
    regels: list[str] = []
    assert _script().main(live_server.url, uit=regels.append) == 2
    assert regels == [
        "FOUT: Inloggen als regisseur@example.org lukt niet. Is de demodata geladen en klopt het wachtwoord?"
    ]
