"""A mentor's or buddy's preparation (issue 16): recorded by the employer in its portal or by the
regisseur on the employer's page, shown on both sides and on the regie's placement page; a
placement whose mentor has had none gives a hint signal, to the regie and to the employer,
which closes as soon as a preparation is recorded."""

import datetime
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from leerwerk.celery import app
from leerwerk.demo import EXTRA_DEMO_LOGINS, demo_email
from leerwerk.models import Rol, User
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from signalen.regels import ScanContext
from signalen.regels.mentor import mentor_voorbereiding
from signalen.selectors import signalen_actueel_for
from tests.browser.helpers import axe_violations, login
from tests.factories import BegeleiderFactory, GemeenteFactory
from tests.leerwerk.test_demo_data import _demo_world, demo  # noqa: F401 - the shared demo world
from tests.secties import met_secties
from tests.signalen.conftest import scan_op, van_regel
from tests.werkgevers.plaatsingen import bevestigd, klaar
from tests.werkgevers.test_portal_browser import _check, phone  # noqa: F401 - the phone-sized browser
from trajecten import constants as tc
from trajecten.models import Traject
from werkgevers import services
from werkgevers.constants import VoorbereidingSoort
from werkgevers.models import Begeleider, Mentorvoorbereiding

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

D = datetime.date
VANDAAG = timezone.localdate
MENTOREN = "werkgever:mentoren"


def _vastleggen(user, begeleider, soort=VoorbereidingSoort.INTERCULTUREEL, datum=None, **kw):
    return services.mentorvoorbereiding_vastleggen(
        acting_user=user, begeleider=begeleider, soort=soort, datum=datum or VANDAAG() - datetime.timedelta(days=30),
        **kw,
    )  # fmt: skip


@pytest.fixture
def mentor(world):
    return BegeleiderFactory(werkgever=world.werkgever, naam="Peter Mentor")


@pytest.fixture
def vreemde_mentor(world):
    return BegeleiderFactory(werkgever=world.ander, naam="Vera Vreemd")


def _werkt(world, mentor, **kw):
    """A participant at work with the first employer (a confirmed placement) under `mentor`."""
    return bevestigd(world, klaar(world), mentor=mentor, **kw)


# --- The services -------------------------------------------------------------------------------


def test_the_employer_records_a_preparation_of_its_own_mentor(world, mentor):
    v = _vastleggen(world.werkgever_user, mentor, VoorbereidingSoort.HARRIE, D(2026, 3, 2))
    v.refresh_from_db()
    assert (v.begeleider, v.soort, v.datum, v.vastgelegd_door) == (
        mentor, "harrie", D(2026, 3, 2), world.werkgever_user,
    )  # fmt: skip


def test_another_employer_may_not_record_or_remove_one(world, mentor):
    with pytest.raises(PermissionDenied):
        _vastleggen(world.ander_user, mentor)
    v = _vastleggen(world.werkgever_user, mentor)
    with pytest.raises(PermissionDenied):
        services.mentorvoorbereiding_verwijderen(acting_user=world.ander_user, voorbereiding=v)
    assert Mentorvoorbereiding.objects.filter(pk=v.pk).exists()


def test_the_regisseur_of_the_trajectory_may_and_another_regisseur_not(world, mentor, make_user):
    v = _vastleggen(world.regisseur, mentor)
    assert v.vastgelegd_door == world.regisseur
    elders = make_user(Rol.REGISSEUR, organisatie=GemeenteFactory())
    with pytest.raises(PermissionDenied):
        _vastleggen(elders, mentor)
    with pytest.raises(PermissionDenied):
        services.mentorvoorbereiding_verwijderen(acting_user=elders, voorbereiding=v)
    for user in (world.klantmanager,):
        with pytest.raises(PermissionDenied):
            _vastleggen(user, mentor)
    services.mentorvoorbereiding_verwijderen(acting_user=world.regisseur, voorbereiding=v)
    assert not Mentorvoorbereiding.objects.exists()


def test_a_date_in_the_future_is_refused_on_the_field(world, mentor):
    morgen = VANDAAG() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _vastleggen(world.werkgever_user, mentor, datum=morgen)
    assert "toekomst" in exc.value.message_dict["datum"][0]
    _vastleggen(world.werkgever_user, mentor, datum=VANDAAG())  # today is fine
    assert Mentorvoorbereiding.objects.count() == 1


def test_another_kind_needs_a_description(world, mentor):
    with pytest.raises(ValidationError) as exc:
        _vastleggen(world.werkgever_user, mentor, VoorbereidingSoort.ANDERS, omschrijving="  ")
    assert "Beschrijf de andere voorbereiding" in exc.value.message_dict["omschrijving"][0]
    v = _vastleggen(world.werkgever_user, mentor, VoorbereidingSoort.ANDERS, omschrijving=" Cursus coachen ")
    assert v.omschrijving == "Cursus coachen"
    with pytest.raises(ValidationError) as exc:
        _vastleggen(world.werkgever_user, mentor, "onbekend")
    assert "soort" in exc.value.message_dict


# --- The employer portal ----------------------------------------------------------------------


@pytest.fixture
def wclient(client, world):
    client.force_login(world.werkgever_user)
    return client


def test_the_page_lists_the_own_mentors_with_their_preparation(wclient, world, mentor, vreemde_mentor):
    buddy = BegeleiderFactory(werkgever=world.werkgever, naam="Bas Buddy", soort="buddy")
    _vastleggen(world.regisseur, buddy, VoorbereidingSoort.HARRIE, D(2026, 2, 3))
    html = wclient.get(reverse(MENTOREN)).content.decode()
    assert "Peter Mentor" in html and "Bas Buddy" in html
    assert "Vera Vreemd" not in html  # another employer's mentor
    assert "Harrie-training, 03-02-2026" in html
    assert "Nog geen voorbereiding vastgelegd." in html  # Peter
    assert f'<option value="{mentor.pk}">Peter Mentor (mentor)</option>' in html
    assert f'<option value="{vreemde_mentor.pk}"' not in html


def test_a_mentor_of_another_employer_answers_404(wclient, world, mentor, vreemde_mentor):
    assert wclient.get(reverse(MENTOREN), {"mentor": vreemde_mentor.pk}).status_code == 404
    data = {"begeleider": vreemde_mentor.pk, "soort": "harrie", "datum": "2026-03-02"}
    assert wclient.post(reverse(MENTOREN), data).status_code == 404
    v = _vastleggen(world.ander_user, vreemde_mentor)
    assert wclient.post(reverse("werkgever:voorbereiding_verwijderen", args=[v.pk])).status_code == 404
    assert Mentorvoorbereiding.objects.filter(begeleider=vreemde_mentor).count() == 1
    # the mentor chosen in advance by its link
    html = wclient.get(reverse(MENTOREN), {"mentor": mentor.pk}).content.decode()
    assert f'<option value="{mentor.pk}" selected>' in html


def test_post_records_then_redirects_with_a_message(wclient, world, mentor):
    data = {"begeleider": mentor.pk, "soort": "intercultureel", "datum": "2026-03-02", "omschrijving": ""}
    response = wclient.post(reverse(MENTOREN), data)
    assert response.status_code == 302
    assert response.url == reverse(MENTOREN) + f"#mentor-{mentor.pk}"
    [v] = Mentorvoorbereiding.objects.all()
    assert (v.begeleider, v.soort, v.datum, v.vastgelegd_door) == (
        mentor, "intercultureel", D(2026, 3, 2), world.werkgever_user,
    )  # fmt: skip
    html = wclient.get(response.url).content.decode()
    assert "Peter Mentor is vastgelegd: Training interculturele communicatie op 02-03-2026." in html
    assert "Training interculturele communicatie, 02-03-2026" in html
    # removed again (the employer's own)
    response = wclient.post(reverse("werkgever:voorbereiding_verwijderen", args=[v.pk]))
    assert response.status_code == 302 and not Mentorvoorbereiding.objects.exists()
    assert "is verwijderd" in wclient.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("data", "fouten"),
    [
        ({}, ["Kies de mentor of buddy.", "Kies de voorbereiding.", "Vul de datum in."]),
        ({"soort": "harrie", "datum": "31-02-2026"}, ["Vul een geldige datum in."]),
        ({"soort": "harrie", "datum": "2999-01-01"}, ["De datum ligt in de toekomst."]),
        ({"soort": "anders", "datum": "2026-03-02"}, ["Beschrijf de andere voorbereiding"]),
    ],
)
def test_field_errors_in_dutch(wclient, mentor, data, fouten):
    if data:
        data = {"begeleider": mentor.pk, **data}
    response = wclient.post(reverse(MENTOREN), data)
    assert response.status_code == 400
    html = response.content.decode()
    for fout in fouten:
        assert fout in html
    assert 'aria-invalid="true"' in html
    assert not Mentorvoorbereiding.objects.exists()


def test_other_roles_do_not_have_the_page(client, world):
    client.force_login(world.regisseur)
    assert client.get(reverse(MENTOREN)).status_code == 404


def test_the_start_page_links_it_and_shows_the_mentors_preparation_at_work(wclient, world, mentor):
    _werkt(world, mentor)
    html = met_secties(wclient, reverse("werkgever:start"))
    assert reverse(MENTOREN) in html
    werk = html.split('id="aan-het-werk"')[1]
    assert "Peter Mentor" in werk and "nog geen voorbereiding vastgelegd" in werk
    assert f"{reverse(MENTOREN)}?mentor={mentor.pk}#vastleggen" in werk
    _vastleggen(world.werkgever_user, mentor, VoorbereidingSoort.HARRIE, D(2026, 1, 12))
    werk = met_secties(wclient, reverse("werkgever:start")).split('id="aan-het-werk"')[1]
    assert "voorbereid: Harrie-training, 12-01-2026" in werk and "nog geen voorbereiding" not in werk


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _mentoren_erbij(world, n):
    for i in range(n):
        b = BegeleiderFactory(werkgever=world.werkgever, naam=f"Mentor {i}")
        _vastleggen(world.werkgever_user, b, VoorbereidingSoort.HARRIE)
        _vastleggen(world.werkgever_user, b, VoorbereidingSoort.INTERCULTUREEL)
        _werkt(world, b, start=D(2026, 9, 7) + datetime.timedelta(days=i))


def test_the_mentor_page_reads_a_fixed_number_of_queries(wclient, world):
    _mentoren_erbij(world, 1)
    een, html_een = _queries(wclient, reverse(MENTOREN))
    _mentoren_erbij(world, 6)
    zeven, html_zeven = _queries(wclient, reverse(MENTOREN))
    kaart = 'class="werkgevers-kaart"'
    assert html_zeven.count(kaart) == 7 > html_een.count(kaart) == 1
    assert "begeleidt nu 1 deelnemer" in html_zeven
    assert zeven == een


# --- The regisseur's pages ------------------------------------------------------------------------


@pytest.fixture
def rclient(client, world):
    client.force_login(world.regisseur)
    return client


def test_the_employer_page_shows_each_mentors_preparation_and_records_one(rclient, world, mentor, vreemde_mentor):
    url = reverse("matching:werkgever", args=[world.werkgever.pk])
    html = rclient.get(url).content.decode()
    rij = html.split(f'id="begeleider-{mentor.pk}"')[1].split("</tr>")[0]
    assert "nog geen voorbereiding vastgelegd" in rij
    data = {"begeleider": mentor.pk, "soort": "harrie", "datum": "2026-03-02"}
    response = rclient.post(url, data)
    assert response.status_code == 302 and response.url == url + "#begeleiders"
    [v] = Mentorvoorbereiding.objects.all()
    assert v.vastgelegd_door == world.regisseur
    html = rclient.get(url).content.decode()
    assert "De voorbereiding van Peter Mentor is vastgelegd." in html
    rij = html.split(f'id="begeleider-{mentor.pk}"')[1].split("</tr>")[0]
    assert "Harrie-training, 02-03-2026" in rij
    # another employer's mentor or preparation: 404
    assert rclient.post(url, {**data, "begeleider": vreemde_mentor.pk}).status_code == 404
    ander = _vastleggen(world.regisseur, vreemde_mentor)
    assert rclient.post(url, {"verwijderen": ander.pk}).status_code == 404
    # errors in Dutch, with the summary on top
    response = rclient.post(url, {"begeleider": mentor.pk, "soort": "anders", "datum": "2999-01-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er zijn 2 fouten om te herstellen" in html
    assert "De datum ligt in de toekomst." in html and "Beschrijf de andere voorbereiding" in html
    # removed
    response = rclient.post(url, {"verwijderen": v.pk})
    assert response.status_code == 302 and not Mentorvoorbereiding.objects.filter(pk=v.pk).exists()


def test_the_employer_page_reads_a_fixed_number_of_queries(rclient, world):
    url = reverse("matching:werkgever", args=[world.werkgever.pk])
    _mentoren_erbij(world, 1)
    een, _html = _queries(rclient, url)
    _mentoren_erbij(world, 6)
    zeven, html = _queries(rclient, url)
    assert html.count("Harrie-training, ") == 7
    assert zeven == een


def test_the_regie_placement_page_shows_the_mentors_preparation(rclient, world, mentor):
    plaatsing = _werkt(world, mentor)
    url = reverse("matching:plaatsing_wijzigen", args=[plaatsing.pk])
    html = rclient.get(url).content.decode()
    regel = html.split('id="mentor"')[1].split("</p>")[0]
    assert "Peter Mentor" in regel and "nog geen voorbereiding vastgelegd" in regel
    assert reverse("matching:werkgever", args=[world.werkgever.pk]) + "#begeleiders" in regel
    _vastleggen(world.werkgever_user, mentor, VoorbereidingSoort.INTERCULTUREEL, D(2026, 2, 2))
    regel = rclient.get(url).content.decode().split('id="mentor"')[1].split("</p>")[0]
    assert "voorbereid: Training interculturele communicatie, 02-02-2026" in regel


# --- The hint signal --------------------------------------------------------------------------------


def _mentor_signalen(dag=None):
    return van_regel(scan_op(dag or D(2026, 9, 1)), Regel.MENTOR_VOORBEREIDING)


def test_an_unprepared_mentor_of_an_active_placement_gives_a_hint_to_regie_and_employer(world, mentor):
    deelname = klaar(world)
    plaatsing = world.proposed_placement(deelname, mentor=mentor, start=D(2026, 9, 7))
    assert _mentor_signalen() == []  # only proposed: not yet
    services.plaatsing_confirm(acting_user=world.werkgever_user, plaatsing=plaatsing, versie=plaatsing.versie)
    regie, werkgever = sorted(_mentor_signalen(), key=lambda s: s.object_type)
    for s in (regie, werkgever):
        assert (s.ernst, s.deadline, s.object_id, s.traject_id) == (
            Ernst.HINT, D(2026, 9, 7), str(plaatsing.pk), world.traject.pk,
        )  # fmt: skip
        assert s.bericht.startswith(f"Traject {world.traject.naam}: de mentor van een plaatsing bij ")
        assert "Peter Mentor" in s.bericht and "Harrie-training" in s.bericht
        naam = deelname.deelnemer
        assert naam.voornaam not in s.bericht and naam.achternaam not in s.bericht
    assert (regie.object_type, regie.rol, regie.organisatie, regie.verantwoordelijke) == (
        "plaatsing", Rol.REGISSEUR, world.gemeente, world.regisseur,
    )  # fmt: skip
    assert regie.link == reverse("matching:plaatsing_wijzigen", args=[plaatsing.pk]) + "#mentor"
    assert regie.deelname_id == deelname.pk
    assert (werkgever.object_type, werkgever.rol, werkgever.organisatie_id, werkgever.verantwoordelijke) == (
        "plaatsing-werkgever", Rol.WERKGEVER, world.werkgever.organisatie_id, None,
    )  # fmt: skip
    assert werkgever.deelname_id is None  # an employer never receives a participation
    assert werkgever.link == f"{reverse(MENTOREN)}?mentor={mentor.pk}#vastleggen"


def test_no_hint_without_a_mentor_with_a_prepared_one_or_in_an_ended_trajectory(world, mentor):
    _werkt(world, None)
    voorbereid = BegeleiderFactory(werkgever=world.werkgever)
    _vastleggen(world.werkgever_user, voorbereid, VoorbereidingSoort.ANDERS, omschrijving="Cursus")
    _werkt(world, voorbereid)
    assert _mentor_signalen() == []
    _werkt(world, mentor)
    assert len(_mentor_signalen()) == 2
    Traject.objects.filter(pk=world.traject.pk).update(status=tc.TrajectStatus.AFGEROND)
    assert _mentor_signalen() == []


def test_the_rule_reads_one_query_for_all_placements(world):
    for _ in range(3):
        _werkt(world, BegeleiderFactory(werkgever=world.werkgever), start=D(2026, 9, 7))
    ctx = ScanContext(vandaag=D(2026, 9, 1))
    with CaptureQueriesContext(connection) as queries:
        found = list(mentor_voorbereiding(ctx))
    assert len(found) == 6 and len(queries.captured_queries) == 1
    scoped = ScanContext(vandaag=D(2026, 9, 1), traject_ids=[world.traject.pk + 1000])
    assert list(mentor_voorbereiding(scoped)) == []


@pytest.fixture
def na_commit(django_capture_on_commit_callbacks):
    """na_commit(fn): run fn as its own transaction, with Celery eager (as tests/signalen/test_hooks.py)."""
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True

    def run(fn):
        transaction.get_connection()._leerwerk_per_transactie = {}
        with django_capture_on_commit_callbacks(execute=True):
            return fn()

    yield run
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates


def test_recording_a_preparation_closes_the_hint_at_once_and_removing_it_opens_it(world, mentor, na_commit):
    _werkt(world, mentor)
    assert len(_mentor_signalen(VANDAAG())) == 2
    v = na_commit(lambda: _vastleggen(world.werkgever_user, mentor))
    assert set(Signaal.objects.filter(regel=Regel.MENTOR_VOORBEREIDING).values_list("status", flat=True)) == {
        SignaalStatus.VERVALLEN
    }
    na_commit(lambda: services.mentorvoorbereiding_verwijderen(acting_user=world.regisseur, voorbereiding=v))
    assert set(Signaal.objects.filter(regel=Regel.MENTOR_VOORBEREIDING).values_list("status", flat=True)) == {
        SignaalStatus.OPEN
    }


def test_the_hint_shows_on_the_employers_start_page_and_in_the_signal_lists(client, world, mentor):
    _werkt(world, mentor)
    _mentor_signalen(VANDAAG())
    client.force_login(world.werkgever_user)
    html = client.get(reverse("mijn_werk_signalen", kwargs={"rol": Rol.WERKGEVER})).content.decode()
    assert "signalen-ernst--hint" in html and "Mentor zonder voorbereiding" in html
    assert f"{reverse(MENTOREN)}?mentor={mentor.pk}#vastleggen" in html
    lijst = met_secties(client, reverse("signalen:lijst"))
    assert "Mentor zonder voorbereiding" in lijst and ">Tip<" in lijst
    assert "signaal-" in lijst
    client.force_login(world.regisseur)
    lijst = met_secties(client, reverse("signalen:lijst"))
    assert "Mentor zonder voorbereiding" in lijst and ">Tip<" in lijst
    # the other employer sees nothing of it
    client.force_login(world.ander_user)
    assert "heeft nog geen voorbereiding gehad" not in met_secties(client, reverse("signalen:lijst"))


# --- The demo ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("demo")
class TestDemo:
    def test_prepared_mentors_and_one_without_whose_placement_gives_the_hint(self):
        def soorten(naam):
            return set(Begeleider.objects.get(naam=naam).voorbereidingen.values_list("soort", flat=True))

        assert soorten("Peter Verhoeven") == {VoorbereidingSoort.INTERCULTUREEL}
        assert soorten("Ilse Bakker") == {VoorbereidingSoort.HARRIE}
        assert soorten("Gerard van Dijk") == set()
        assert Mentorvoorbereiding.objects.filter(datum__gte=VANDAAG()).count() == 0

        def hints(user):
            return [s for s in signalen_actueel_for(user) if s.regel == Regel.MENTOR_VOORBEREIDING]

        [regie] = hints(User.objects.get(email=demo_email(Rol.REGISSEUR)))
        [maaskant] = hints(User.objects.get(email=EXTRA_DEMO_LOGINS["werkgever_bouw"]))
        assert hints(User.objects.get(email=demo_email(Rol.WERKGEVER))) == []  # Van der Heijden's are prepared
        assert regie.object_id == maaskant.object_id and regie.ernst == maaskant.ernst == Ernst.HINT
        assert "Gerard van Dijk" in regie.bericht and "Rami" not in regie.bericht


# --- In the browser ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_mentor_page_on_a_phone_and_at_a_desk(phone, live_server, world, mentor):  # noqa: F811
    """WCAG 2.1 AA (axe-core), no sideways scrolling and 44 px touch targets at 360 px, under the
    strict CSP; recording a preparation from the start page's link; axe again at 1280 px."""
    page, base = phone, live_server.url
    _werkt(world, mentor)
    login(page, base, world.werkgever_user.email)
    page.goto(f"{base}{reverse('werkgever:start')}")
    expect(page.locator(".leerwerk-lui")).to_have_count(0)
    page.get_by_role("link", name="Vastleggen voor Peter Mentor").click()
    page.wait_for_url("**#vastleggen")
    expect(page.get_by_label("Mentor of buddy")).to_have_value(str(mentor.pk))
    _check(page, "mentoren-1-leeg")
    page.get_by_role("button", name="Voorbereiding vastleggen").click()  # no kind, no date
    expect(page.get_by_text("Kies de voorbereiding.")).to_be_visible()
    _check(page, "mentoren-2-fouten")
    page.get_by_label("Voorbereiding", exact=True).select_option("harrie")
    page.get_by_label("Datum").fill("2026-03-02")
    page.get_by_role("button", name="Voorbereiding vastleggen").click()
    expect(page.get_by_text("De voorbereiding van Peter Mentor is vastgelegd")).to_be_visible()
    expect(page.locator(f"#mentor-{mentor.pk}")).to_contain_text("Harrie-training, 02-03-2026")
    page.locator(f"#mentor-{mentor.pk} summary").click()  # open "Verwijderen"
    _check(page, "mentoren-3-vastgelegd")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_violations(page) == []
    if os.environ.get("PORTAL_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['PORTAL_SCREENSHOTS']}/mentoren-4-bureau.png", full_page=True)
    assert page.csp == []

    # the regisseur's employer page with its mentors' preparation and form
    login(page, base, world.regisseur.email)
    page.goto(f"{base}{reverse('matching:werkgever', args=[world.werkgever.pk])}#begeleiders")
    expect(page.locator(f"#begeleider-{mentor.pk}")).to_contain_text("Harrie-training, 02-03-2026")
    assert axe_violations(page) == []
    if os.environ.get("PORTAL_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['PORTAL_SCREENSHOTS']}/mentoren-5-regie.png", full_page=True)
    assert page.csp == []
