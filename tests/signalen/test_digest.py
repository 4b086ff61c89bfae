"""The dagmail: one outbox row per user per day with only new or changed signals, sent once."""

import datetime as dt
import logging

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leerwerk.models import Organisatie, OrganisatieType, Rol
from signalen import constants as c
from signalen.digest import digests_maken, digests_versturen
from signalen.models import Digest, Signaal, SignaalInstelling
from tests.signalen.conftest import scan_op

START = dt.date(2026, 1, 15)  # a trial placement from here keeps benefit until 14-03-2026


class KapotteBackend(BaseEmailBackend):
    """A mail server that is down (the test's stand-in for SMTP failing)."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP-server niet bereikbaar")


def op(dag: dt.date, uur: int = 10, minuut: int = 0):
    """The clock at `uur`; by default after scan_op's 09:00 scan, as the 06:30 dagmail follows the 02:30 scan."""
    return time_machine.travel(timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut))), tick=False)


def dagmail(dag: dt.date) -> tuple[int, int]:
    with op(dag):
        return digests_maken(), digests_versturen()


def signaal(*, regel=c.Regel.WACHTTIJD, object_id="1", deadline=dt.date(2026, 3, 14), ernst=c.Ernst.WAARSCHUWING,
            bericht="Wachttijd in traject Test: start uiterlijk op 14-03-2026.", **velden):  # fmt: skip
    velden.setdefault("rol", Rol.REGISSEUR)
    return Signaal.objects.create(
        regel=regel, object_type="deelname", object_id=object_id, deadline=deadline, ernst=ernst, bericht=bericht,
        **velden,
    )  # fmt: skip


def mails_aan(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def heeft_dagmail(user, dag: dt.date) -> bool:
    return Digest.objects.filter(user=user, datum=dag).exists()


@pytest.fixture
def proefplaatsing(wereld):
    deelname = wereld.deelname()
    wereld.plaatsing(deelname, start=START)
    return deelname


def test_scan_twice_and_dagmail_twice_send_one_mail(wereld, proefplaatsing, settings):
    settings.SITE_URL = "https://leerwerk.gemeente.example"
    scan_op(dt.date(2026, 3, 1))
    scan_op(dt.date(2026, 3, 1))
    gemaakt, verzonden = dagmail(dt.date(2026, 3, 1))
    assert gemaakt == verzonden >= 1
    assert dagmail(dt.date(2026, 3, 1)) == (0, 0)
    # One mail per user (other rules may address others, e.g. the beheerder about a bouwvak year).
    ontvangers = [m.to[0] for m in mail.outbox]
    assert len(ontvangers) == len(set(ontvangers)) == gemaakt
    [bericht] = mails_aan(wereld.klantmanager)
    assert bericht.subject == "leerwerk: 1 nieuw of gewijzigd signaal"
    digest = Digest.objects.get(user=wereld.klantmanager)
    assert bericht.extra_headers["X-Leerwerk-Digest"] == str(digest.pk)
    assert (digest.status, digest.pogingen, digest.verzonden_op is not None) == (c.DigestStatus.VERZONDEN, 1, True)
    assert list(digest.signalen.values_list("regel", flat=True)) == [c.Regel.PROEFPLAATSING_TERMIJN]


def test_the_text_is_dutch_with_dates_and_absolute_links_and_no_participant_name(wereld, proefplaatsing, settings):
    settings.SITE_URL = "https://leerwerk.gemeente.example/"
    wereld.klantmanager.naam = "Karim Klantmanager"
    wereld.klantmanager.save()
    scan_op(dt.date(2026, 3, 12))  # urgent: two days before the limit
    signaal(bericht="Nazorgcontact voor traject Test is gepland.", regel=c.Regel.NAZORG, ernst=c.Ernst.WAARSCHUWING,
            rol=Rol.KLANTMANAGER, verantwoordelijke=wereld.klantmanager, link="/trajecten/1/",
            deadline=dt.date(2026, 3, 20), suggestie=dt.date(2026, 3, 18))  # fmt: skip
    dagmail(dt.date(2026, 3, 12))
    [bericht] = mails_aan(wereld.klantmanager)
    tekst = bericht.body
    assert bericht.subject == "leerwerk: 2 nieuwe of gewijzigde signalen"
    assert tekst.startswith("Beste Karim Klantmanager,")
    assert "Er zijn 2 nieuwe of gewijzigde signalen voor u in leerwerk." in tekst
    # Grouped by severity, the urgent group first.
    assert tekst.index("Urgent (1)") < tekst.index("Let op (1)")
    assert "- Proefplaatsing: termijn met behoud van uitkering: Proefplaatsing bij" in tekst
    assert "Uiterlijk op 14-03-2026." in tekst
    assert "Uiterlijk op 20-03-2026. Voorgestelde datum: 18-03-2026." in tekst
    link = Signaal.objects.get(regel=c.Regel.PROEFPLAATSING_TERMIJN).link
    assert link.startswith("/") and f"\n  https://leerwerk.gemeente.example{link}\n" in tekst
    assert "https://leerwerk.gemeente.example/trajecten/1/" in tekst
    assert "https://leerwerk.gemeente.example/signalen/instellingen/" in tekst
    assert "//signalen" not in tekst
    deelnemer = proefplaatsing.deelnemer
    for persoonsgegeven in (deelnemer.voornaam, deelnemer.achternaam, deelnemer.bsn):
        assert persoonsgegeven not in tekst and persoonsgegeven not in bericht.subject


def test_the_next_day_holds_only_new_or_changed_signals_and_a_raised_severity_counts(wereld, proefplaatsing):
    km = wereld.klantmanager
    dagen = [dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 3, 10), dt.date(2026, 3, 11)]
    for dag in dagen:  # 14 days before the limit: let op; nothing changes; 3 days before: urgent
        scan_op(dag)
        dagmail(dag)
    assert [heeft_dagmail(km, dag) for dag in dagen] == [True, False, False, True]
    assert Signaal.objects.filter(regel=c.Regel.PROEFPLAATSING_TERMIJN).count() == 1
    eerste, laatste = mails_aan(km)
    assert "Let op (1)" in eerste.body and "Urgent" not in eerste.body
    assert "Urgent (1)" in laatste.body and "Let op" not in laatste.body
    # A new signal on another day comes alone.
    with op(dt.date(2026, 3, 12), uur=8):
        signaal(verantwoordelijke=wereld.klantmanager, rol=Rol.KLANTMANAGER)
    with op(dt.date(2026, 3, 12)):
        digests_maken()
    assert Digest.objects.get(user=km, datum=dt.date(2026, 3, 12)).signalen.get().regel == c.Regel.WACHTTIJD


def test_a_snooze_that_ends_brings_the_signal_back_into_the_mail(wereld):
    with op(dt.date(2026, 3, 1), uur=8):
        s = signaal(verantwoordelijke=wereld.regisseur)
    assert dagmail(dt.date(2026, 3, 1)) == (1, 1)
    Signaal.objects.filter(pk=s.pk).update(status=c.SignaalStatus.UITGESTELD, uitgesteld_tot=dt.date(2026, 3, 5))
    assert dagmail(dt.date(2026, 3, 4)) == (0, 0)
    assert dagmail(dt.date(2026, 3, 5)) == (1, 1)
    assert dagmail(dt.date(2026, 3, 6)) == (0, 0)


def test_opt_out_per_kind(wereld, proefplaatsing):
    SignaalInstelling.objects.create(user=wereld.klantmanager, geen_email=[c.Regel.PROEFPLAATSING_TERMIJN])
    assert scan_op(dt.date(2026, 3, 1))
    dagmail(dt.date(2026, 3, 1))
    assert not heeft_dagmail(wereld.klantmanager, dt.date(2026, 3, 1))
    signaal(verantwoordelijke=wereld.klantmanager, rol=Rol.KLANTMANAGER)
    dagmail(dt.date(2026, 3, 2))
    [bericht] = mails_aan(wereld.klantmanager)
    assert "Wachttijd" in bericht.body and "Proefplaatsing" not in bericht.body


def test_role_based_signals_reach_every_user_with_that_role_in_that_organisation(wereld, make_user):
    collega = make_user(Rol.REGISSEUR)
    elders = make_user(
        Rol.REGISSEUR,
        organisatie=Organisatie.objects.create(
            naam="Ander", type=OrganisatieType.GEMEENTE, arbeidsmarktregio=wereld.gemeente.arbeidsmarktregio
        ),
    )
    tweede_beheerder = make_user(Rol.BEHEERDER, organisatie=elders.organisatie)
    inactief = make_user(Rol.REGISSEUR, is_active=False)
    signaal(organisatie=wereld.gemeente)  # any regisseur of the gemeente
    signaal(regel=c.Regel.BOUWVAK_ONTBREEKT, object_id="zuid-2027", rol=Rol.BEHEERDER, ernst=c.Ernst.URGENT,
            bericht="De bouwvak van regio Zuid in 2027 is nog niet ingevoerd.")  # fmt: skip
    dagmail(dt.date(2026, 3, 1))
    ontvangers = {m.to[0] for m in mail.outbox}
    assert ontvangers == {wereld.regisseur.email, collega.email, wereld.beheerder.email, tweede_beheerder.email}
    assert elders.email not in ontvangers and inactief.email not in ontvangers
    assert "regio Zuid" in mails_aan(tweede_beheerder)[0].body
    assert "regio Zuid" not in mails_aan(collega)[0].body


def test_someone_elses_or_closed_signals_stay_out(wereld):
    signaal(verantwoordelijke=wereld.klantmanager, rol=Rol.KLANTMANAGER)  # not the regisseur's
    signaal(object_id="2", verantwoordelijke=wereld.regisseur, status=c.SignaalStatus.AFGEHANDELD)
    signaal(object_id="3", verantwoordelijke=wereld.regisseur, status=c.SignaalStatus.VERVALLEN)
    signaal(object_id="4", verantwoordelijke=wereld.regisseur, status=c.SignaalStatus.UITGESTELD,
            uitgesteld_tot=dt.date(2026, 4, 1))  # fmt: skip
    dagmail(dt.date(2026, 3, 1))
    assert mails_aan(wereld.regisseur) == [] and len(mails_aan(wereld.klantmanager)) == 1


def test_a_failing_send_is_retried_and_then_sent_once(wereld, settings, caplog):
    signaal(verantwoordelijke=wereld.regisseur)
    settings.EMAIL_BACKEND = "tests.signalen.test_digest.KapotteBackend"
    with caplog.at_level(logging.WARNING, logger="signalen.digest"):
        assert dagmail(dt.date(2026, 3, 1)) == (1, 0)
    digest = Digest.objects.get()
    assert (digest.status, digest.pogingen) == (c.DigestStatus.WACHT, 1)
    assert "SMTP-server niet bereikbaar" in digest.laatste_fout
    assert "verzenden mislukt" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with op(dt.date(2026, 3, 1), minuut=15):
        assert digests_versturen() == 1
        assert digests_versturen() == 0
    digest.refresh_from_db()
    assert (digest.status, digest.pogingen, digest.laatste_fout) == (c.DigestStatus.VERZONDEN, 2, "")
    assert len(mail.outbox) == 1


def test_a_send_that_keeps_failing_is_given_up(wereld, settings):
    signaal(verantwoordelijke=wereld.regisseur)
    settings.EMAIL_BACKEND = "tests.signalen.test_digest.KapotteBackend"
    dagmail(dt.date(2026, 3, 1))
    for _ in range(c.DIGEST_MAX_POGINGEN - 1):
        assert digests_versturen() == 0
    digest = Digest.objects.get()
    assert (digest.status, digest.pogingen) == (c.DigestStatus.MISLUKT, c.DIGEST_MAX_POGINGEN)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digests_versturen() == 0 and mail.outbox == []
    # A failed dagmail never reached the user: the next day's holds its signals again.
    assert dagmail(dt.date(2026, 3, 2)) == (1, 1)


def test_a_row_left_sending_by_a_crashed_worker_becomes_uncertain_and_is_never_sent(wereld, caplog):
    signaal(verantwoordelijke=wereld.regisseur)
    signaal(object_id="2", verantwoordelijke=wereld.klantmanager, rol=Rol.KLANTMANAGER)
    with op(dt.date(2026, 3, 1)):
        assert digests_maken() == 2
    oud, recent = Digest.objects.order_by("user_id")
    nu = timezone.now()
    Digest.objects.filter(pk=oud.pk).update(status=c.DigestStatus.BEZIG, bezig_sinds=nu - dt.timedelta(minutes=16))
    Digest.objects.filter(pk=recent.pk).update(status=c.DigestStatus.BEZIG, bezig_sinds=nu - dt.timedelta(minutes=5))
    with caplog.at_level(logging.WARNING, logger="signalen.digest"):
        assert digests_versturen() == 0
        assert digests_versturen() == 0
    oud.refresh_from_db()
    recent.refresh_from_db()
    assert oud.status == c.DigestStatus.ONZEKER and "niet opnieuw verzonden" in oud.laatste_fout
    assert recent.status == c.DigestStatus.BEZIG  # perhaps still being sent: left alone
    assert f"Dagmail {oud.pk}: verzending onderbroken" in caplog.text
    assert mail.outbox == []


def test_making_the_digests_takes_the_same_queries_for_one_user_or_many(wereld, make_user):
    def queries(aantal_users: int, dag: dt.date) -> int:
        for n in range(aantal_users):
            user = make_user(Rol.KLANTMANAGER)
            signaal(object_id=f"{dag}-{n}", verantwoordelijke=user, rol=Rol.KLANTMANAGER)
            signaal(object_id=f"{dag}-{n}-org", organisatie=wereld.gemeente)
        with op(dag), CaptureQueriesContext(connection) as ctx:
            digests_maken()
        return len(ctx.captured_queries)

    assert queries(1, dt.date(2026, 3, 1)) == queries(8, dt.date(2026, 3, 2))
