"""Retention (bewaartermijnen, issue 17 item 3): the boundary day for candidates with and without
participations, idempotent reruns, a dry run that changes nothing, the results and dashboard
figures unchanged after anonymisation, financial records kept without identity, the history's
copies cleaned, the access log purged below the right bound, and the report to the beheerder."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bewaren import services, tasks
from bewaren.models import Anonimisering, Bewaarrun, Bewaartermijnen
from deelnemers.constants import UitkeringType
from deelnemers.models import Deelnemer, GesprokenTaal, Intake, Werkervaring
from deelnemers.validators import is_valid_bsn
from financiering import buig
from financiering import constants as fc
from financiering.models import Claimregel, Resultaatafspraak
from leerwerk.models import AccessLog, Rol
from resultaten import selectors as resultaten
from resultaten.definities import tel, verlopen
from tests.factories import DeelnameFactory, DeelnemerFactory, LeerwerkplekFactory, TrajectFactory, UserFactory
from trajecten.models import Contactmoment, DeelnameStap
from werkgevers.models import Plaatsing

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

EINDE = dt.date(2024, 3, 15)  # the day the last participation ended
TERMIJN_OM = dt.date(2026, 3, 15)  # two years on: the first day the candidate is anonymised
DAG_ERVOOR = dt.date(2026, 3, 14)


def _event(model_name: str):
    return apps.get_model(*model_name.split("."))


def _afgerond(traject=None, einde=EINDE, status="afgerond", **kwargs):
    return DeelnameFactory(traject=traject or TrajectFactory(), status=status, status_sinds=einde, **kwargs)


def _geregistreerd_op(deelnemer, dag: dt.date):
    moment = dt.datetime.combine(dag, dt.time(10, 0), tzinfo=timezone.get_current_timezone())
    Deelnemer.objects.filter(pk=deelnemer.pk).update(aangemaakt_op=moment)


def _run(peildatum, **kwargs):
    kwargs.setdefault("mailen", False)
    return services.bewaartermijnen_toepassen(peildatum=peildatum, **kwargs)


def _anoniem(deelnemer) -> bool:
    deelnemer.refresh_from_db()
    return deelnemer.voornaam == services.ANONIEM and Anonimisering.objects.filter(deelnemer=deelnemer).exists()


# --- The boundary day -----------------------------------------------------------------------------


def test_a_candidate_is_kept_the_day_before_the_term_and_anonymised_on_the_day():
    deelname = _afgerond()
    kandidaat = deelname.deelnemer
    oude_naam, oude_bsn = kandidaat.naam, kandidaat.bsn

    assert _run(DAG_ERVOOR).run.kandidaten == 0
    kandidaat.refresh_from_db()
    assert kandidaat.naam == oude_naam and kandidaat.bsn == oude_bsn

    verslag = _run(TERMIJN_OM)
    assert verslag.run.kandidaten == 1
    assert _anoniem(kandidaat)
    assert str(kandidaat) == f"Geanonimiseerd #{kandidaat.pk}"
    assert kandidaat.bsn != oude_bsn and not is_valid_bsn(kandidaat.bsn)
    assert kandidaat.geboortedatum == services.GEBOORTEDATUM
    assert (kandidaat.email, kandidaat.telefoon, kandidaat.adres, kandidaat.postcode) == ("", "", "", "")
    assert Anonimisering.objects.get(deelnemer=kandidaat).reden == Anonimisering.Reden.NA_DEELNAME


def test_the_last_of_several_participations_counts_and_a_running_one_keeps_the_candidate():
    eerste = _afgerond(einde=dt.date(2023, 1, 10), status="uitgevallen")
    kandidaat = eerste.deelnemer
    _afgerond(deelnemer=kandidaat, einde=EINDE)  # ended later: the term runs from here
    lopend = DeelnameFactory(status="opleiding", status_sinds=dt.date(2020, 1, 1))
    geparkeerd = DeelnameFactory(status="geparkeerd", status_sinds=dt.date(2020, 1, 1))

    assert _run(DAG_ERVOOR).run.kandidaten == 0
    assert not _anoniem(kandidaat)
    _run(TERMIJN_OM + dt.timedelta(days=3650))
    assert _anoniem(kandidaat)
    # A participation still running, or parked, is not an end: those candidates stay.
    assert not _anoniem(lopend.deelnemer)
    assert not _anoniem(geparkeerd.deelnemer)


def test_a_candidate_without_participations_is_kept_until_the_term_after_registration():
    kandidaat = DeelnemerFactory()
    _geregistreerd_op(kandidaat, dt.date(2024, 5, 10))
    Bewaartermijnen.objects.create(kandidaat_jaren_na_registratie=1)

    assert _run(dt.date(2025, 5, 9)).run.kandidaten == 0
    assert not _anoniem(kandidaat)
    verslag = _run(dt.date(2025, 5, 10))
    assert verslag.run.kandidaten == 1
    assert _anoniem(kandidaat)
    assert Anonimisering.objects.get(deelnemer=kandidaat).reden == Anonimisering.Reden.NA_REGISTRATIE
    assert verslag.run.details["kandidaten_na_registratie"] == 1


def test_the_beheerders_term_counts():
    kandidaat = _afgerond().deelnemer
    Bewaartermijnen.objects.create(kandidaat_jaren_na_deelname=3)
    _run(TERMIJN_OM)
    assert not _anoniem(kandidaat)
    _run(dt.date(2027, 3, 15))
    assert _anoniem(kandidaat)


# --- Idempotence, batches, dry run ------------------------------------------------------------------


def test_a_rerun_has_no_second_effect():
    kandidaten = [_afgerond().deelnemer for _ in range(5)]
    eerste = _run(TERMIJN_OM, batch=2)  # three batches
    assert eerste.run.kandidaten == 5
    assert all(_anoniem(k) for k in kandidaten)
    events = _event("deelnemers.DeelnemerEvent").objects.count()
    staat = list(Deelnemer.objects.order_by("pk").values())

    tweede = _run(TERMIJN_OM)
    assert tweede.run.kandidaten == 0
    assert Anonimisering.objects.count() == 5
    assert _event("deelnemers.DeelnemerEvent").objects.count() == events
    assert list(Deelnemer.objects.order_by("pk").values()) == staat


def test_a_dry_run_reports_and_changes_nothing(capsys):
    kandidaat = _afgerond().deelnemer
    GesprokenTaal.objects.create(deelnemer=kandidaat, taal="ar", niveau="moedertaal")
    voor = Deelnemer.objects.filter(pk=kandidaat.pk).values().get()
    events = _event("deelnemers.DeelnemerEvent").objects.count()

    call_command("bewaartermijnen", "--droog", "--peildatum", TERMIJN_OM.isoformat(), "--geen-mail")

    uit = capsys.readouterr().out
    assert "proefrun" in uit and f"#{kandidaat.pk}" in uit
    assert kandidaat.naam not in uit  # the report names numbers, never people
    assert Deelnemer.objects.filter(pk=kandidaat.pk).values().get() == voor
    assert GesprokenTaal.objects.filter(deelnemer=kandidaat).exists()
    assert not Anonimisering.objects.exists()
    assert _event("deelnemers.DeelnemerEvent").objects.count() == events
    run = Bewaarrun.objects.get()
    assert run.droog and run.kandidaten == 1 and run.details["kandidaten"] == [kandidaat.pk]


def test_the_task_follows_the_dry_run_setting(settings):
    kandidaat = _afgerond(einde=dt.date(2000, 1, 1)).deelnemer
    settings.LEERWERK_BEWAREN_DROOG = True
    assert tasks.bewaartermijnen_toepassen().startswith("proefrun: 1 kandidaten")
    assert not _anoniem(kandidaat)
    settings.LEERWERK_BEWAREN_DROOG = False
    assert tasks.bewaartermijnen_toepassen().startswith("run: 1 kandidaten")
    assert _anoniem(kandidaat)
    assert tasks.bewaartermijnen_toepassen().startswith("run: 0 kandidaten")


def test_the_task_is_on_the_beat_schedule():
    taken = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "bewaren.tasks.bewaartermijnen_toepassen" in taken


# --- What is kept, what goes ------------------------------------------------------------------------


def test_personal_rows_are_deleted_and_free_texts_blanked_with_their_history():
    deelname = _afgerond(motivatie_aanmelding="Amina wil lassen, haar broer werkt bij Van Dijk")
    kandidaat = deelname.deelnemer
    oude_bsn, oude_achternaam = kandidaat.bsn, kandidaat.achternaam
    # An edit, so the history holds more than one copy of the personal fields.
    Deelnemer.objects.filter(pk=kandidaat.pk).update(telefoon="0612345678", email="amina@example.org")
    taal = GesprokenTaal.objects.create(deelnemer=kandidaat, taal="ar", niveau="moedertaal")
    ervaring = Werkervaring.objects.create(deelnemer=kandidaat, sector="bouw", jaren=Decimal("3"), waar="Syrië")
    intake = Intake.objects.create(deelnemer=kandidaat, thuissituatie="Drie kinderen, partner in Aleppo")
    DeelnameStap.objects.create(
        deelname=deelname, van_status="afgerond", naar_status="afgerond", door=UserFactory(), ingangsdatum=EINDE,
        toelichting="Amina is ziek geweest",
    )  # fmt: skip
    contact = Contactmoment.objects.create(
        deelname=deelname,
        soort="evaluatie",
        datum=EINDE,
        samenvatting="Gesprek met Amina",
        vastgelegd_door=UserFactory(),
    )
    stappen = list(DeelnameStap.objects.filter(deelname=deelname).values_list("pk", "naar_status", "ingangsdatum"))

    _run(TERMIJN_OM)

    deelnemer_events = _event("deelnemers.DeelnemerEvent").objects.filter(pgh_obj_id=kandidaat.pk)
    assert deelnemer_events.exists()
    assert not deelnemer_events.filter(bsn=oude_bsn).exists()
    assert not deelnemer_events.filter(achternaam=oude_achternaam).exists()
    assert not deelnemer_events.exclude(telefoon="").exists()
    assert not deelnemer_events.exclude(email="").exists()
    assert set(deelnemer_events.values_list("geboortedatum", flat=True)) == {services.GEBOORTEDATUM}
    for model, obj in ((GesprokenTaal, taal), (Werkervaring, ervaring), (Intake, intake)):
        assert not model.objects.filter(pk=obj.pk).exists()
        assert not _event(f"deelnemers.{model.__name__}Event").objects.filter(pgh_obj_id=obj.pk).exists()

    deelname.refresh_from_db()
    assert deelname.motivatie_aanmelding == ""
    assert (
        not _event("trajecten.DeelnameEvent")
        .objects.filter(pgh_obj_id=deelname.pk)
        .exclude(motivatie_aanmelding="")
        .exists()
    )
    # The steps stay, with their dates and statuses (the results count them); the text goes.
    assert (
        list(DeelnameStap.objects.filter(deelname=deelname).values_list("pk", "naar_status", "ingangsdatum")) == stappen
    )
    assert set(DeelnameStap.objects.filter(deelname=deelname).values_list("toelichting", flat=True)) == {""}
    contact.refresh_from_db()
    assert contact.samenvatting == "" and contact.datum == EINDE
    assert (
        not _event("trajecten.ContactmomentEvent")
        .objects.filter(pgh_obj_id=contact.pk)
        .exclude(samenvatting="")
        .exists()
    )


def test_another_candidate_is_left_alone():
    verlopen_kandidaat = _afgerond().deelnemer
    ander = _afgerond(einde=dt.date(2025, 6, 1)).deelnemer
    GesprokenTaal.objects.create(deelnemer=ander, taal="fa", niveau="goed")
    voor = Deelnemer.objects.filter(pk=ander.pk).values().get()
    _run(TERMIJN_OM)
    assert _anoniem(verlopen_kandidaat)
    assert Deelnemer.objects.filter(pk=ander.pk).values().get() == voor
    assert GesprokenTaal.objects.filter(deelnemer=ander).exists()
    assert _event("deelnemers.DeelnemerEvent").objects.filter(pgh_obj_id=ander.pk, bsn=ander.bsn).exists()


# --- The figures ------------------------------------------------------------------------------------


def _contract(deelname, start, einde=None):
    return Plaatsing.objects.create(
        deelname=deelname, leerwerkplek=LeerwerkplekFactory(traject=deelname.traject), soort="bbl", start=start,
        einde=einde, gepland_einde=einde, einde_reden="werkgever" if einde else "",
        status="beeindigd" if einde else "gestart", bevestigde_versie=1, bevestigd_op=timezone.now(),
        voorgesteld_door=UserFactory(), uren_per_week=32, toelichting="Amina begint maandag",
    )  # fmt: skip


@pytest.fixture
def traject_met_resultaten(make_user):
    traject = TrajectFactory()
    regisseur = make_user(Rol.REGISSEUR, organisatie=traject.regie_organisatie)
    traject.regisseur = regisseur
    traject.save()
    bijstand = {"uitkering_type": UitkeringType.BIJSTAND, "uitkering_maandbedrag": Decimal("1312.50")}
    for i in range(3):
        d = _afgerond(traject, deelnemer=DeelnemerFactory(gemeente=traject.regie_organisatie, **bijstand))
        _contract(d, dt.date(2024, 1, 8 + i), einde=None if i else dt.date(2024, 2, 20))
    _afgerond(traject, status="uitgevallen", uitval_reden="taal")
    _afgerond(traject, status="vervolgopleiding")
    _afgerond(traject, status="afgerond")
    return traject, regisseur


def test_the_results_and_dashboard_figures_do_not_change(traject_met_resultaten):
    traject, regisseur = traject_met_resultaten
    peil = TERMIJN_OM

    def figuren():
        per_deelname = sorted(verlopen([traject.pk], peildatum=peil), key=lambda v: v.deelname_id)
        rijen, k = resultaten.overzicht(regisseur, Rol.REGISSEUR, peildatum=peil)
        # The BUIG business case (savings on benefits) the dashboard shows with the costs.
        besparing = buig.besparingen({traject.pk: SimpleNamespace(gerealiseerd=Decimal("20000"))}, vandaag=peil, k=5)
        return per_deelname, tel(per_deelname), [repr(r) for r in rijen], k, repr(besparing)

    voor = figuren()
    # The world is not empty: the figures say something, the savings from the recorded amounts.
    assert voor[1][traject.pk].naar_werk == 3
    case = buig.besparingen({traject.pk: SimpleNamespace(gerealiseerd=Decimal("20000"))}, vandaag=peil, k=5)
    assert case[traject.pk].uit_bijstand == 3 and case[traject.pk].gerealiseerd > 0

    verslag = _run(peil)
    assert verslag.run.kandidaten == 6
    assert not Deelnemer.objects.exclude(voornaam=services.ANONIEM).filter(deelnames__traject=traject).exists()
    na = figuren()
    assert na[0] == voor[0]
    assert repr(na[1]) == repr(voor[1])
    assert na[2] == voor[2]
    assert na[3] == voor[3]
    assert na[4] == voor[4]
    assert set(Plaatsing.objects.filter(deelname__traject=traject).values_list("toelichting", flat=True)) == {""}


def test_financial_records_are_kept_without_the_participants_identity(make_user):
    deelname = _afgerond()
    kandidaat = deelname.deelnemer
    afspraak = Resultaatafspraak.objects.create(
        traject=deelname.traject, resultaat=fc.ResultaatSoort.CONTRACT, bedrag=Decimal("2500.00"),
        betaler_soort=fc.BetalerSoort.WOONGEMEENTE, ontvanger=deelname.traject.regie_organisatie,
        declareren_tot=dt.date(2025, 12, 31), aangemaakt_door=UserFactory(),
    )  # fmt: skip
    claim = Claimregel.objects.create(
        afspraak=afspraak, deelname=deelname, resultaat_op=dt.date(2024, 2, 1), oorzaak="plaatsing:1",
        bedrag=Decimal("2500.00"), betaler=kandidaat.gemeente, status=fc.ClaimStatus.BETAALD,
    )  # fmt: skip

    verslag = _run(TERMIJN_OM)

    claim.refresh_from_db()
    assert claim.bedrag == Decimal("2500.00") and claim.status == fc.ClaimStatus.BETAALD
    assert claim.deelname.deelnemer.naam == f"Geanonimiseerd #{kandidaat.pk}"
    assert claim.dossier == f"D-{deelname.pk:06d}"
    assert verslag.run.financieel == 0  # 2024 is within the seven years
    # Seven years after the end of its year (2024) the claim is past the term: reported, kept.
    assert _run(dt.date(2031, 12, 31)).run.financieel == 0
    assert _run(dt.date(2032, 1, 1)).run.financieel == 1
    assert Claimregel.objects.filter(pk=claim.pk).exists()


def test_the_fiscal_term_cannot_be_set_below_seven_years():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Bewaartermijnen(financieel_jaren=5).full_clean()


# --- The access log -----------------------------------------------------------------------------------


def test_access_log_rows_older_than_the_term_are_deleted():
    Bewaartermijnen.objects.create(toegangslog_maanden=24)
    grens = dt.datetime(2024, 3, 15, tzinfo=timezone.get_current_timezone())
    oud = AccessLog.objects.create(
        tijdstip=grens - dt.timedelta(seconds=1), action="view", object_type="deelnemer", object_id="1",
        result="allowed",
    )  # fmt: skip
    op_de_grens = AccessLog.objects.create(
        tijdstip=grens, action="view", object_type="deelnemer", object_id="1", result="allowed"
    )

    droog = _run(TERMIJN_OM, droog=True).run
    assert droog.toegangslog_grens == grens
    assert droog.toegangslog == 1
    assert AccessLog.objects.filter(pk=oud.pk).exists()

    run = _run(TERMIJN_OM).run
    assert run.toegangslog_grens == grens and run.toegangslog == 1
    assert not AccessLog.objects.filter(pk=oud.pk).exists()
    assert AccessLog.objects.filter(pk=op_de_grens.pk).exists()


# --- The report -----------------------------------------------------------------------------------


def test_the_beheerder_gets_a_report_without_names(make_user, django_capture_on_commit_callbacks):
    beheerder = make_user(Rol.BEHEERDER)
    make_user(Rol.KLANTMANAGER)
    kandidaat = _afgerond().deelnemer
    naam = kandidaat.naam

    with django_capture_on_commit_callbacks(execute=True):
        services.bewaartermijnen_toepassen(peildatum=TERMIJN_OM)

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [beheerder.email]
    assert "1 kandidaat geanonimiseerd" in bericht.body
    assert naam not in bericht.body
    run = Bewaarrun.objects.get()
    assert f"/beheer/bewaren/bewaarrun/{run.pk}/" in bericht.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.bewaartermijnen_toepassen(peildatum=TERMIJN_OM)  # nothing left: no mail
    assert mail.outbox == []


def test_the_beheerder_reads_the_terms_and_runs_in_the_beheer(client, make_user):
    beheerder = make_user(Rol.BEHEERDER)
    _run(TERMIJN_OM, droog=True)
    client.force_login(beheerder)
    assert client.get("/beheer/bewaren/bewaartermijnen/add/").status_code == 200
    run = Bewaarrun.objects.get()
    antwoord = client.get(f"/beheer/bewaren/bewaarrun/{run.pk}/change/")
    assert antwoord.status_code == 200
    antwoord = client.post(
        "/beheer/bewaren/bewaartermijnen/add/",
        {"kandidaat_jaren_na_deelname": 3, "kandidaat_jaren_na_registratie": 1, "toegangslog_maanden": 24,
         "financieel_jaren": 7},
    )  # fmt: skip
    assert antwoord.status_code == 302
    assert services.termijnen().kandidaat_jaren_na_deelname == 3
    assert client.get("/beheer/bewaren/bewaartermijnen/add/").status_code == 403  # one row only


# --- Anonymising one candidate on request (AVG art. 17, used by avg) ------------------------------


def test_one_candidate_is_anonymised_on_request_once():
    deelname = DeelnameFactory(status="opleiding")  # the retention would not touch a running one
    kandidaat = deelname.deelnemer
    ander = DeelnameFactory(status="opleiding").deelnemer
    GesprokenTaal.objects.create(deelnemer=kandidaat, taal="ar", niveau="moedertaal")

    assert services.anonimiseer_kandidaat(kandidaat, reden="AVG-verzoek tot verwijdering") is True
    assert kandidaat.naam == f"Geanonimiseerd #{kandidaat.pk}"
    assert not GesprokenTaal.objects.filter(deelnemer=kandidaat).exists()
    marker = Anonimisering.objects.get(deelnemer=kandidaat)
    assert marker.reden == Anonimisering.Reden.VERZOEK and marker.toelichting == "AVG-verzoek tot verwijdering"
    assert services.anonimiseer_kandidaat(kandidaat, reden="nog eens") is False
    assert Anonimisering.objects.count() == 1
    ander.refresh_from_db()
    assert ander.voornaam != services.ANONIEM
    # The nightly run does not pick it up again.
    assert _run(TERMIJN_OM + dt.timedelta(days=3650)).run.kandidaten == 0


@pytest.mark.parametrize("rol", [r for r in Rol.values if r != Rol.BEHEERDER])
def test_only_the_beheerder_reaches_the_retention_pages(client, make_user, rol):
    _run(TERMIJN_OM, droog=True)
    client.force_login(make_user(rol))
    for pad in ("/beheer/bewaren/bewaartermijnen/", "/beheer/bewaren/bewaarrun/", "/beheer/bewaren/anonimisering/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 302 and "/beheer/login/" in antwoord["Location"]


def test_an_anonymised_candidate_leaves_every_working_list_and_cannot_be_proposed(client, make_user, gemeente):
    """Not only "Mijn kandidaten": the API's list and the candidates one can propose leave them
    out, and the proposal itself is refused (also when it was started before the anonymisation)."""
    from django.core.exceptions import ValidationError

    from trajecten.services.deelnames import deelname_create

    klantmanager = make_user(Rol.KLANTMANAGER)
    weg, blijft = DeelnemerFactory(gemeente=gemeente), DeelnemerFactory(gemeente=gemeente)
    traject = TrajectFactory(regie_organisatie=gemeente, status="werving")
    traject.gemeenten.add(gemeente)
    assert services.anonimiseer_kandidaat(weg, reden="AVG-verzoek") is True

    client.force_login(klantmanager)
    ids = [d["id"] for d in client.get("/api/v1/deelnemers/").json()["results"]]
    assert blijft.pk in ids and weg.pk not in ids
    keuze = client.post(
        "/api/v1/deelnames/", {"traject": traject.pk, "deelnemer": weg.pk}, content_type="application/json"
    )
    assert keuze.status_code == 400, keuze.content
    assert "deelnemer" in keuze.json(), keuze.json()
    with pytest.raises(ValidationError) as fout:
        deelname_create(acting_user=klantmanager, traject=traject, deelnemer=weg)
    assert "geanonimiseerd" in str(fout.value)
    assert deelname_create(acting_user=klantmanager, traject=traject, deelnemer=blijft).deelnemer == blijft
