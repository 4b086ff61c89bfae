"""The jobcoach's pages (issue 16): the caseload, one participant's coaching page with its forms,
the aftercare due, the start page, and the regisseur's page that assigns jobcoaches."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleiding import selectors, services
from begeleiding.constants import Afsluituitkomst, Werkvorm
from begeleiding.models import Behoudcheck, Coachtoewijzing, Nazorgafsluiting
from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Toestemming
from leerwerk.models import AccessLog, Rol
from signalen.constants import Regel
from signalen.models import Signaal
from signalen.scan import scan
from signalen.selectors import actueel
from tests.factories import DeelnameFactory, DeelnemerFactory, OrganisatieFactory, ToestemmingFactory
from tests.secties import met_secties
from trajecten import constants as tc
from trajecten.constants import ContactmomentSoort
from trajecten.models import Contactmoment, Deelname, Vervolgactie

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
VANDAAG = timezone.localdate


def _login(client, user):
    client.force_login(user)
    return client


def _url(naam, deelname):
    return reverse(f"begeleiding:{naam}", args=[deelname.pk])


# --- Scope --------------------------------------------------------------------------------------


def test_the_jobcoach_sees_exactly_their_caseload(client, coach):
    deelname, _ = coach.aan_het_werk()
    ander = coach.world.deelname(tc.DeelnameStatus.OPLEIDING)  # in the trajectory, coached by no one
    naam, ander_naam = deelname.deelnemer.naam, ander.deelnemer.naam
    html = met_secties(_login(client, coach.jobcoach), reverse("begeleiding:caseload"))
    assert naam in html and ander_naam not in html
    assert deelname.deelnemer.bsn not in html
    assert coach.world.werkgever.organisatie.naam in html  # the employer of the placement
    assert _url("deelnemer", deelname) in html
    # A colleague of the same organisation coaches no one.
    html = met_secties(_login(client, coach.collega), reverse("begeleiding:caseload"))
    assert naam not in html and "U begeleidt nog geen deelnemers." in html
    for user in (coach.collega, coach.vreemde):
        assert _login(client, user).get(_url("deelnemer", deelname)).status_code == 404
    # Other roles have no caseload page.
    assert _login(client, coach.world.regisseur).get(reverse("begeleiding:caseload")).status_code == 404


def test_consent_withdrawn_takes_the_participant_out(client, coach):
    deelname, _ = coach.aan_het_werk()
    _login(client, coach.jobcoach)
    assert client.get(_url("deelnemer", deelname)).status_code == 200
    Toestemming.objects.filter(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.PARTNERS).update(
        ingetrokken_op=timezone.now()
    )
    assert deelname.deelnemer.naam not in met_secties(client, reverse("begeleiding:caseload"))
    for naam in ("deelnemer", "contact", "behoudcheck", "afsluiten"):
        assert client.get(_url(naam, deelname)).status_code == 404
    assert client.post(_url("contact", deelname), {"soort": "nazorg"}).status_code == 404
    assert not Contactmoment.objects.filter(deelname=deelname).exists()


def test_the_regisseur_and_the_klantmanager_read_the_coaching_page(client, coach, make_user):
    deelname, _ = coach.aan_het_werk()
    w = coach.world
    for user in (w.regisseur, w.klantmanager):
        response = _login(client, user).get(_url("deelnemer", deelname))
        assert response.status_code == 200, user
        assert deelname.deelnemer.naam in response.content.decode()
    vreemde_km = make_user(Rol.KLANTMANAGER, organisatie=OrganisatieFactory(naam="Andere gemeente"))
    for user in (vreemde_km, w.werkgever_user):
        assert _login(client, user).get(_url("deelnemer", deelname)).status_code == 404


def test_the_participant_page_shows_the_minimum_and_writes_the_access_log(client, coach):
    deelname, _ = coach.aan_het_werk()
    persoon = deelname.deelnemer
    _login(client, coach.jobcoach)
    html = met_secties(client, _url("deelnemer", deelname))
    assert persoon.naam in html and coach.world.traject.naam in html
    for geheim in (persoon.bsn, persoon.get_uitkering_type_display()):
        assert geheim not in html
    assert "Contact vastleggen" in html  # the form loads as a section
    log = AccessLog.objects.filter(user_id=coach.jobcoach.pk, object_type="deelnemers.Deelnemer")
    assert log.filter(action="view", object_id=str(persoon.pk), rol=Rol.JOBCOACH, result="allowed").exists()
    met_secties(client, reverse("begeleiding:caseload"))
    assert log.filter(action="list", path=reverse("begeleiding:caseload_lijst"), object_id=str(persoon.pk)).exists()
    met_secties(client, reverse("begeleiding:nazorg"))
    assert log.filter(action="list", path=reverse("begeleiding:nazorg_lijst"), object_id=str(persoon.pk)).exists()
    # A refused attempt is logged too (the id asked for).
    _login(client, coach.vreemde).get(_url("deelnemer", deelname))
    assert AccessLog.objects.filter(
        user_id=coach.vreemde.pk, object_type="trajecten.Deelname", object_id=str(deelname.pk), result="denied"
    ).exists()


# --- Forms ----------------------------------------------------------------------------------------------


def test_a_contact_is_recorded_with_a_follow_up_action(client, coach):
    deelname, _ = coach.aan_het_werk()
    _login(client, coach.jobcoach)
    sectie = client.get(_url("contact", deelname), headers={"HX-Request": "true"})
    assert sectie.status_code == 200 and b"<html" not in sectie.content
    assert "Werkplekbezoek" in sectie.content.decode() and "Intakegesprek" not in sectie.content.decode()
    response = client.post(
        _url("contact", deelname),
        {
            "soort": ContactmomentSoort.WERKPLEKBEZOEK,
            "datum": VANDAAG().isoformat(),
            "samenvatting": "Gaat goed op de werkplek.",
            "actie-omschrijving": "Rooster bespreken met de mentor",
            "actie-eigenaar": coach.jobcoach.pk,
            "actie-deadline": (VANDAAG() + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == _url("deelnemer", deelname) + "#contacten"
    moment = Contactmoment.objects.get(deelname=deelname)
    assert (moment.soort, moment.vastgelegd_door) == (ContactmomentSoort.WERKPLEKBEZOEK, coach.jobcoach)
    assert Vervolgactie.objects.get(contactmoment=moment).eigenaar == coach.jobcoach
    html = met_secties(client, response.url)
    assert "Het contact met" in html and "Gaat goed op de werkplek." in html
    assert "Rooster bespreken met de mentor" in html  # an open action


def test_the_contact_form_gives_dutch_field_errors(client, coach):
    deelname, _ = coach.aan_het_werk()
    _login(client, coach.jobcoach)
    response = client.post(_url("contact", deelname), {"soort": "", "datum": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies de soort contact." in html and "Vul de datum in." in html
    assert "Het contact is nog niet vastgelegd." in html
    morgen = (VANDAAG() + datetime.timedelta(days=1)).isoformat()
    html = client.post(_url("contact", deelname), {"soort": "intake", "datum": morgen}).content.decode()
    assert "Kies een soort uit de lijst." in html
    html = client.post(_url("contact", deelname), {"soort": "nazorg", "datum": morgen}).content.decode()
    assert "Deze datum ligt in de toekomst." in html
    # An action half filled in: what is missing, on its field.
    html = client.post(
        _url("contact", deelname),
        {"soort": "nazorg", "datum": VANDAAG().isoformat(), "actie-omschrijving": "Bellen"},
    ).content.decode()
    assert "Kies wie de actie uitvoert." in html and "Vul in wanneer de actie klaar moet zijn." in html
    assert not Contactmoment.objects.filter(deelname=deelname).exists()


def test_a_retention_check_is_recorded_when_it_is_due(client, coach):
    deelname, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=200))
    _login(client, coach.jobcoach)
    html = met_secties(client, _url("deelnemer", deelname))
    assert _url("behoudcheck", deelname) in html  # its section: a check may be recorded now
    sectie = client.get(_url("behoudcheck", deelname)).content.decode()
    assert "Na 6 maanden" in sectie and coach.world.werkgever.organisatie.naam in sectie
    response = client.post(
        _url("behoudcheck", deelname), {"maanden": "6", "datum": VANDAAG().isoformat(), "in_werk": "ja"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies de soort contract." in html
    assert "Kies de werkgever, of vul de naam van een andere werkgever in." in html
    response = client.post(
        _url("behoudcheck", deelname),
        {"maanden": "6", "datum": VANDAAG().isoformat(), "in_werk": "ja", "werkgever": coach.world.werkgever.pk,
         "werkvorm": Werkvorm.BEPAALDE_TIJD},
    )  # fmt: skip
    assert response.status_code == 302
    check = Behoudcheck.objects.get(deelname=deelname)
    assert (check.maanden, check.in_werk, check.werkgever, check.vastgelegd_door) == (
        6, True, coach.world.werkgever, coach.jobcoach,
    )  # fmt: skip
    html = met_secties(client, _url("deelnemer", deelname))
    assert "De check na 6 maanden van" in html
    assert _url("behoudcheck", deelname) not in html  # nothing more to record now


def test_no_check_form_before_it_may_be_recorded(client, coach):
    deelname, _ = coach.aan_het_werk()  # started 10 days ago
    _login(client, coach.jobcoach)
    assert _url("behoudcheck", deelname) not in met_secties(client, _url("deelnemer", deelname))
    sectie = client.get(_url("behoudcheck", deelname)).content.decode()
    assert "kan vanaf" in sectie and "<form" not in sectie.split('id="check"')[1]


def test_closing_aftercare_says_why_not_yet_and_then_closes(client, coach):
    deelname, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=200))
    _login(client, coach.jobcoach)
    html = met_secties(client, _url("deelnemer", deelname))
    assert "De nazorg kan nog niet worden afgesloten:" in html
    assert "Er zijn 0 van de 3 nazorgcontacten vastgelegd." in html
    assert _url("afsluiten", deelname) not in html  # no button that would only be refused
    sectie = client.get(_url("afsluiten", deelname)).content.decode()
    assert "nog niet worden afgesloten" in sectie and 'name="uitkomst"' not in sectie
    # A POST anyway: refused with the reasons, nothing closed.
    html = client.post(_url("afsluiten", deelname), {"uitkomst": Afsluituitkomst.WERK_ZELFDE}).content.decode()
    assert "Er zijn 0 van de 3 nazorgcontacten vastgelegd." in html
    assert not Nazorgafsluiting.objects.exists()

    for dagen in (150, 100, 20):
        services.begeleidingscontact_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, soort=ContactmomentSoort.NAZORG,
            datum=VANDAAG() - datetime.timedelta(days=dagen),
        )  # fmt: skip
    services.behoudcheck_vastleggen(
        acting_user=coach.jobcoach, deelname=deelname, maanden=6, datum=VANDAAG(), in_werk=False
    )
    html = met_secties(client, _url("deelnemer", deelname))
    assert _url("afsluiten", deelname) in html
    assert "Kies hoe de nazorg afliep." in client.post(_url("afsluiten", deelname), {}).content.decode()
    response = client.post(
        _url("afsluiten", deelname), {"uitkomst": Afsluituitkomst.WERK_ZELFDE, "toelichting": "Vast contract."}
    )
    assert response.status_code == 302 and response.url == reverse("begeleiding:caseload")
    assert Deelname.objects.get(pk=deelname.pk).status == tc.DeelnameStatus.AFGEROND
    assert Nazorgafsluiting.objects.get(deelname=deelname).uitkomst == Afsluituitkomst.WERK_ZELFDE
    assert client.get(_url("deelnemer", deelname)).status_code == 404  # no longer in the caseload
    # The regisseur still reads it, closed.
    html = met_secties(_login(client, coach.world.regisseur), _url("deelnemer", deelname))
    assert "Aan het werk bij de werkgever van de plaatsing" in html


def test_the_aftercare_signal_closes_after_a_contact_through_the_page(client, coach):
    deelname, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=25))
    uitstroom = selectors.uitstroom_op(deelname.pk)
    assert uitstroom is not None

    def nazorgsignalen():
        scan(vandaag=VANDAAG())
        return Signaal.objects.filter(actueel(VANDAAG()), regel=Regel.NAZORG, deelname=deelname)

    assert nazorgsignalen().exists()
    _login(client, coach.jobcoach)
    html = met_secties(client, reverse("begeleiding:nazorg"))
    assert deelname.deelnemer.naam in html and "aan de beurt" in html
    response = client.post(
        _url("contact", deelname), {"soort": ContactmomentSoort.NAZORG, "datum": VANDAAG().isoformat()}
    )
    assert response.status_code == 302
    assert not nazorgsignalen().exists()
    html = met_secties(client, reverse("begeleiding:nazorg"))
    assert "1 van 3 vastgelegd" in html and "3 maanden na de uitstroom" in html


# --- The aftercare page and the start page ---------------------------------------------------------------


def test_the_aftercare_page_lists_what_is_due_first(client, coach):
    later, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=3))
    eerst, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=40))  # the first contact overdue
    check, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=170))  # the 6-month check due
    opleiding = coach.world.deelname(tc.DeelnameStatus.OPLEIDING)
    services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=opleiding, jobcoach=coach.jobcoach)
    rijen = selectors.nazorg_rijen(coach.jobcoach)
    assert [r.deelname_id for r in rijen] == [check.pk, eerst.pk, later.pk]  # due first; not the one in training
    assert [(r.te_laat, r.aan_de_beurt, len(r.checks)) for r in rijen] == [(True, True, 1), (True, True, 0),
                                                                           (False, False, 0)]  # fmt: skip
    html = met_secties(_login(client, coach.jobcoach), reverse("begeleiding:nazorg"))
    assert html.index(eerst.deelnemer.naam) < html.index(later.deelnemer.naam)
    assert "te laat" in html and "Check na 6 maanden" in html
    assert opleiding.deelnemer.naam not in html


def test_the_start_page_counts(client, coach):
    coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=40))
    _login(client, coach.jobcoach)
    response = client.get(reverse("mijn_werk_overzicht", kwargs={"rol": Rol.JOBCOACH}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "U begeleidt 1 deelnemer." in html and "1 nazorgcontact is aan de beurt." in html
    assert "0 vragen wachten op uw antwoord." in html
    for naam in ("begeleiding:caseload", "begeleiding:nazorg", "begeleiding:vragen"):
        assert reverse(naam) in html
    start = client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.JOBCOACH})).content.decode()
    assert reverse("begeleiding:caseload") in start  # the menu and the lazy section


# --- The regisseur assigns jobcoaches ------------------------------------------------------------------------


def test_the_regisseur_assigns_and_ends_a_jobcoach(client, coach, make_user):
    w = coach.world
    deelname = w.deelname(tc.DeelnameStatus.OPLEIDING)
    url = reverse("begeleiding:toewijzen", args=[w.traject.pk])
    _login(client, w.regisseur)
    html = met_secties(client, url)
    assert deelname.deelnemer.naam in html and coach.collega.naam in html and coach.vreemde.naam not in html
    assert url in client.get(reverse("trajecten:detail", args=[w.traject.pk])).content.decode()
    # A jobcoach of an organisation that is no partner: refused, on the row.
    response = client.post(url, {"deelname": deelname.pk, "jobcoach": coach.vreemde.pk})
    assert response.status_code == 200 and "Kies een jobcoach uit de lijst." in response.content.decode()
    response = client.post(url, {"deelname": deelname.pk, "jobcoach": coach.collega.pk})
    assert response.status_code == 302
    toewijzing = Coachtoewijzing.objects.get(deelname=deelname, jobcoach=coach.collega, beeindigd_op__isnull=True)
    assert list(selectors.caseload(coach.collega)) == [deelname]
    assert "Cor Collega is toegewezen als jobcoach." in met_secties(client, url)
    response = client.post(url, {"beeindigen": toewijzing.pk})
    assert response.status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.beeindigd_op is not None and toewijzing.beeindigd_door == w.regisseur
    assert not selectors.caseload(coach.collega).exists()
    # Another organisation's regisseur, and the jobcoach: 404.
    vreemd = make_user(Rol.REGISSEUR, organisatie=OrganisatieFactory(naam="Andere regie"))
    for user in (vreemd, coach.jobcoach):
        assert _login(client, user).get(url).status_code == 404
        assert client.post(url, {"deelname": deelname.pk, "jobcoach": coach.collega.pk}).status_code == 404


def test_the_links_to_the_coaching_page(client, coach):
    deelname, _ = coach.aan_het_werk()
    html = _login(client, coach.world.regisseur).get(reverse("trajecten:deelname", args=[deelname.pk])).content
    assert _url("deelnemer", deelname) in html.decode()
    sectie = reverse("deelnemers:kandidaat_sectie", kwargs={"pk": deelname.deelnemer_id, "sectie": "trajecten"})
    html = _login(client, coach.world.klantmanager).get(sectie).content.decode()
    assert _url("deelnemer", deelname) in html


# --- Query counts ----------------------------------------------------------------------------------------------


def _caseload_van(coach, n):
    """`n` participants assigned to the jobcoach, with partner consent (written straight in)."""
    w = coach.world
    deelnames = []
    for _i in range(n):
        deelnemer = DeelnemerFactory(gemeente=w.gemeente, klantmanager=w.klantmanager, telefoon="0612345678")
        ToestemmingFactory(deelnemer=deelnemer, soort=ToestemmingSoort.PARTNERS, vastgelegd_door=w.klantmanager)
        deelnames.append(
            DeelnameFactory(traject=w.traject, deelnemer=deelnemer, status=tc.DeelnameStatus.GEPLAATST,
                            aangemeld_door=w.klantmanager)
        )  # fmt: skip
    Coachtoewijzing.objects.bulk_create(
        Coachtoewijzing(deelname=d, jobcoach=coach.jobcoach, toegewezen_door=w.regisseur) for d in deelnames
    )
    Signaal.objects.bulk_create(
        Signaal(regel=Regel.NAZORG, object_type="deelname", object_id=str(d.pk), deadline=VANDAAG(), ernst="urgent",
                bericht="Nazorgcontact aan de beurt.", rol=Rol.JOBCOACH, organisatie=coach.coach_org,
                traject=w.traject, deelname=d)
        for d in deelnames
    )  # fmt: skip
    return deelnames


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("naam", ["begeleiding:caseload_lijst", "begeleiding:nazorg_lijst"])
def test_query_counts_constant_for_the_caseload(client, coach, naam, django_assert_num_queries):
    _caseload_van(coach, 1)
    _login(client, coach.jobcoach)
    url = reverse(naam)
    client.get(url)  # warm up (session, content types)
    een = _queries(client, url)
    _caseload_van(coach, 49)
    with django_assert_num_queries(een):
        response = client.get(url)
    assert response.content.decode().count("Nazorgcontact aan de beurt.") in (0, 25)


def test_query_count_constant_for_the_assignment_page(client, coach, django_assert_num_queries):
    w = coach.world
    _caseload_van(coach, 1)
    url = reverse("begeleiding:toewijzen_lijst", args=[w.traject.pk])
    _login(client, w.regisseur)
    client.get(url)
    een = _queries(client, url)
    _caseload_van(coach, 30)
    with django_assert_num_queries(een):
        client.get(url)


def test_query_count_constant_for_the_participant_page(client, coach, django_assert_num_queries):
    deelname, _ = coach.aan_het_werk(start=VANDAAG() - datetime.timedelta(days=200))

    def contact(dagen):
        services.begeleidingscontact_vastleggen(
            acting_user=coach.jobcoach, deelname=deelname, soort=ContactmomentSoort.COACHING,
            datum=VANDAAG() - datetime.timedelta(days=dagen), samenvatting="Gesprek.",
            acties=[{"omschrijving": "Bellen", "eigenaar": coach.jobcoach, "deadline": VANDAAG()}],
        )  # fmt: skip

    contact(1)
    _login(client, coach.jobcoach)
    url = _url("deelnemer", deelname)
    met_secties(client, url)
    with CaptureQueriesContext(connection) as ctx:
        met_secties(client, url)  # the shell and its sections
    een = len(ctx.captured_queries)
    for dagen in range(2, 12):
        contact(dagen)
    with django_assert_num_queries(een):
        assert met_secties(client, url).count("Gesprek.") == 11
