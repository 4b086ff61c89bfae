"""Coaching and aftercare services and the jobcoach's scope (issue 16)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from begeleiding import selectors, services
from begeleiding.constants import Afsluituitkomst, Werkvorm
from begeleiding.models import Behoudcheck, Nazorgafsluiting
from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Toestemming
from leerwerk.datums import plus_maanden
from trajecten import constants as tc
from trajecten.constants import ContactmomentSoort
from trajecten.models import Contactmoment, Deelname

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
D = datetime.date


def test_caseload_is_placements_and_assignments_with_consent(coach):
    deelname, _ = coach.aan_het_werk()
    ander = coach.world.deelname(tc.DeelnameStatus.OPLEIDING)
    assert list(selectors.caseload(coach.jobcoach)) == [deelname]
    assert not selectors.caseload(coach.collega).exists()
    services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=ander, jobcoach=coach.collega)
    assert list(selectors.caseload(coach.collega)) == [ander]
    # A jobcoach of an organisation that is no partner cannot be assigned.
    with pytest.raises(ValidationError) as exc:
        services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=ander, jobcoach=coach.vreemde)
    assert "jobcoach" in exc.value.message_dict
    assert not selectors.caseload(coach.vreemde).exists()
    # Only the regisseur assigns.
    with pytest.raises(PermissionDenied):
        services.coach_toewijzen(acting_user=coach.jobcoach, deelname=ander, jobcoach=coach.jobcoach)


def test_consent_withdrawn_removes_the_participant(coach):
    deelname, _ = coach.aan_het_werk()
    assert selectors.coacht(coach.jobcoach, deelname.pk)
    Toestemming.objects.filter(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.PARTNERS).update(
        ingetrokken_op=timezone.now()
    )
    assert not selectors.coacht(coach.jobcoach, deelname.pk)


def test_assignment_ends_when_the_organisation_is_no_partner(coach):
    ander = coach.world.deelname(tc.DeelnameStatus.OPLEIDING)
    services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=ander, jobcoach=coach.collega)
    coach.world.traject.partners.filter(organisatie=coach.coach_org).delete()
    assert not selectors.caseload(coach.collega).exists()


def test_jobcoach_records_a_nazorg_contact(coach):
    deelname, _ = coach.aan_het_werk()
    moment = services.begeleidingscontact_vastleggen(
        acting_user=coach.jobcoach,
        deelname=deelname,
        soort=ContactmomentSoort.NAZORG,
        datum=timezone.localdate(),
        samenvatting="Gaat goed.",
        acties=[{"omschrijving": "Bellen met mentor", "eigenaar": coach.jobcoach, "deadline": timezone.localdate()}],
    )
    assert moment.vastgelegd_door == coach.jobcoach
    assert moment.acties.count() == 1
    with pytest.raises(ValidationError) as exc:
        services.begeleidingscontact_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, soort=ContactmomentSoort.INTAKE, datum=timezone.localdate()
        )
    assert "soort" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.begeleidingscontact_vastleggen(
            acting_user=coach.vreemde, deelname=deelname, soort=ContactmomentSoort.NAZORG, datum=timezone.localdate()
        )
    assert Contactmoment.objects.filter(deelname=deelname).count() == 1


def _check(coach, deelname, **kw):
    velden = {"maanden": 6, "datum": timezone.localdate(), "in_werk": True, "werkgever": coach.world.werkgever,
              "werkvorm": Werkvorm.BEPAALDE_TIJD} | kw  # fmt: skip
    return services.behoudcheck_vastleggen(acting_user=coach.jobcoach, deelname=deelname, **velden)


def test_retention_check_from_30_days_before_it_is_due(coach):
    start = timezone.localdate() - datetime.timedelta(days=150)
    deelname, _ = coach.aan_het_werk(start=start)
    peildatum = plus_maanden(start, 6)
    vanaf = peildatum - datetime.timedelta(days=30)
    if vanaf > timezone.localdate():
        with pytest.raises(ValidationError) as exc:
            _check(coach, deelname)
        assert "datum" in exc.value.message_dict
    with time_machine.travel(datetime.datetime.combine(vanaf, datetime.time(12)), tick=False):
        check = _check(coach, deelname, datum=vanaf)
    assert check.peildatum == peildatum
    with (
        pytest.raises(ValidationError) as exc,
        time_machine.travel(datetime.datetime.combine(peildatum, datetime.time(12)), tick=False),
    ):
        _check(coach, deelname, datum=peildatum)
    assert exc.value.message_dict["maanden"] == ["Deze check is al vastgelegd."]


def test_retention_check_fields(coach):
    deelname, _ = coach.aan_het_werk(start=timezone.localdate() - datetime.timedelta(days=200))
    with pytest.raises(ValidationError) as exc:
        _check(coach, deelname, werkgever=None, werkvorm="")
    assert set(exc.value.message_dict) == {"werkgever", "werkvorm"}
    check = _check(coach, deelname, in_werk=False)
    assert check.werkgever is None and check.werkvorm == ""
    assert Behoudcheck.objects.count() == 1


def test_no_check_without_paid_work(coach):
    deelname = coach.world.deelname(tc.DeelnameStatus.OPLEIDING)
    services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=deelname, jobcoach=coach.jobcoach)
    with pytest.raises(ValidationError) as exc:
        _check(coach, deelname)
    assert "maanden" in exc.value.message_dict


def test_closing_aftercare_needs_contacts_and_the_6_month_check(coach):
    start = timezone.localdate() - datetime.timedelta(days=200)
    deelname, _ = coach.aan_het_werk(start=start)
    with pytest.raises(ValidationError) as exc:
        services.nazorg_afsluiten(acting_user=coach.jobcoach, deelname=deelname, uitkomst=Afsluituitkomst.WERK_ZELFDE)
    assert len(exc.value.message_dict["__all__"]) == 2
    for dagen in (150, 100, 20):
        services.begeleidingscontact_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, soort=ContactmomentSoort.NAZORG,
            datum=timezone.localdate() - datetime.timedelta(days=dagen),
        )  # fmt: skip
    _check(coach, deelname)
    afsluiting = services.nazorg_afsluiten(
        acting_user=coach.jobcoach, deelname=deelname, uitkomst=Afsluituitkomst.WERK_ZELFDE
    )
    assert Deelname.objects.get(pk=deelname.pk).status == tc.DeelnameStatus.AFGEROND
    assert afsluiting.afgesloten_door == coach.jobcoach
    # Closed: out of the caseload, and recorded once.
    assert not selectors.coacht(coach.jobcoach, deelname.pk)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.nazorg_afsluiten(
            acting_user=coach.world.regisseur, deelname=deelname, uitkomst=Afsluituitkomst.ONBEKEND
        )
    assert Nazorgafsluiting.objects.count() == 1


def test_question_deadline_is_the_end_of_the_next_working_day():
    ams = datetime.timezone(datetime.timedelta(hours=1))
    vrijdag = datetime.datetime(2026, 12, 4, 15, tzinfo=ams)
    assert services.uiterlijk_antwoorden_op(vrijdag) == D(2026, 12, 7)  # Monday
    kerst = datetime.datetime(2026, 12, 24, 15, tzinfo=ams)  # Thursday; 25 and 26 are holidays
    assert services.uiterlijk_antwoorden_op(kerst) == D(2026, 12, 28)
    koningsdag = datetime.datetime(2027, 4, 26, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert services.uiterlijk_antwoorden_op(koningsdag) == D(2027, 4, 28)


def test_question_and_answer_mail_hold_no_names(coach, mailoutbox, django_capture_on_commit_callbacks):
    deelname, plaatsing = coach.aan_het_werk()
    with pytest.raises(ValidationError):
        services.vraag_stellen(acting_user=coach.world.werkgever_user, plaatsing=plaatsing, vraag="  ")
    with pytest.raises(PermissionDenied):
        services.vraag_stellen(acting_user=coach.world.ander_user, plaatsing=plaatsing, vraag="Hoe gaat het?")
    with django_capture_on_commit_callbacks(execute=True):
        vraag = services.vraag_stellen(
            acting_user=coach.world.werkgever_user,
            plaatsing=plaatsing,
            vraag="Mag hij op vrijdag vrij voor de taalles?",
        )
    with pytest.raises(PermissionDenied):
        services.vraag_beantwoorden(acting_user=coach.vreemde, vraag=vraag, antwoord="Ja.")
    with django_capture_on_commit_callbacks(execute=True):
        services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vraag, antwoord="Ja, dat is afgesproken.")
    with pytest.raises(ValidationError):
        services.vraag_beantwoorden(acting_user=coach.world.regisseur, vraag=vraag, antwoord="Nogmaals.")
    naam = deelname.deelnemer
    assert len(mailoutbox) == 2
    ontvangers = {a for m in mailoutbox for a in m.to}
    assert {coach.jobcoach.email, coach.world.regisseur.email, coach.world.werkgever_user.email} <= ontvangers
    for mail in mailoutbox:
        for waarde in (naam.voornaam, naam.achternaam, "vrijdag vrij", "afgesproken"):
            assert waarde not in mail.body and waarde not in mail.subject


def test_a_new_placement_with_another_jobcoach_takes_over(coach):
    deelname, plaatsing = coach.aan_het_werk(start=timezone.localdate() - datetime.timedelta(days=40))
    assert selectors.coaches_per_deelname([deelname.pk]) == {deelname.pk: {coach.jobcoach.pk}}
    from werkgevers import services as wservices
    from werkgevers.constants import EindeReden

    wservices.plaatsing_end(
        acting_user=coach.world.regisseur, plaatsing=plaatsing, einde=timezone.localdate() - datetime.timedelta(days=6),
        reden=EindeReden.CONTRACT_ELDERS, toelichting="Vast contract bij dezelfde werkgever.",
    )  # fmt: skip
    assert selectors.coacht(coach.jobcoach, deelname.pk)  # an ended placement still names its coach
    nieuw = coach.world.proposed_placement(
        deelname, soort="onbepaalde_tijd", start=timezone.localdate() - datetime.timedelta(days=5), einde=None,
        jobcoach=coach.collega,
    )  # fmt: skip
    assert selectors.coacht(coach.jobcoach, deelname.pk)  # a proposal names nobody yet
    wservices.plaatsing_confirm(acting_user=coach.world.werkgever_user, plaatsing=nieuw, versie=nieuw.versie)
    assert not selectors.coacht(coach.jobcoach, deelname.pk)
    assert selectors.coacht(coach.collega, deelname.pk)
    assert selectors.coaches_per_deelname([deelname.pk]) == {deelname.pk: {coach.collega.pk}}


def test_signals_and_mails_go_only_to_jobcoaches_who_can_open_the_participant(coach):
    deelname, _ = coach.aan_het_werk()
    Toestemming.objects.filter(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.PARTNERS).update(
        ingetrokken_op=timezone.now()
    )
    assert selectors.coaches_per_deelname([deelname.pk]) == {}


def test_aftercare_does_not_close_before_its_last_contact(coach):
    deelname, _ = coach.aan_het_werk(start=timezone.localdate() - datetime.timedelta(days=200))
    for dagen in (150, 100, 20):
        services.begeleidingscontact_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, soort=ContactmomentSoort.NAZORG,
            datum=timezone.localdate() - datetime.timedelta(days=dagen),
        )  # fmt: skip
    _check(coach, deelname)
    with pytest.raises(ValidationError) as exc:
        services.nazorg_afsluiten(
            acting_user=coach.jobcoach, deelname=deelname, uitkomst=Afsluituitkomst.WERK_ZELFDE,
            datum=timezone.localdate() - datetime.timedelta(days=30),
        )  # fmt: skip
    assert "datum" in exc.value.message_dict
    assert not Nazorgafsluiting.objects.exists()
