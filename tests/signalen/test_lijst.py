"""The signal list page, its filters and actions, the start page section and the trajectory
page section. Signals are written straight into the table (the rules are tested elsewhere)."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import AccessLog, Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal
from tests.factories import GemeenteFactory, TrajectFactory, UserFactory
from tests.secties import met_secties

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

_volgnummer = itertools.count(1)


def signaal(*, voor=None, rol=Rol.REGISSEUR, regel=Regel.WACHTTIJD, dagen=7, ernst=Ernst.WAARSCHUWING,
            status=SignaalStatus.OPEN, **velden):  # fmt: skip
    """A signal for user `voor` (or for a role in an organisation: pass organisatie=...)."""
    velden.setdefault("bericht", f"Testsignaal {next(_volgnummer)}")
    velden.setdefault("object_type", "deelname")
    velden.setdefault("object_id", str(next(_volgnummer)))
    return Signaal.objects.create(
        regel=regel, deadline=timezone.localdate() + dt.timedelta(days=dagen), ernst=ernst, rol=rol,
        verantwoordelijke=voor, status=status, **velden,
    )  # fmt: skip


def _lijst(client, **params):
    """The list as the page loads it: its lazy section (issue 12), with the page's filters."""
    pagina = client.get(reverse("signalen:lijst"), params)
    assert pagina.status_code == 200 and 'id="signalen-lijst"' in pagina.content.decode()
    return client.get(reverse("signalen:lijst_sectie"), params, HTTP_HX_REQUEST="true")


def _berichten(response) -> list[str]:
    return [s.bericht for s in response.context["signalen"]]


# --- The list --------------------------------------------------------------------------------


def test_list_needs_login_and_a_role(client, wereld, make_user):
    for url in (reverse("signalen:lijst"), reverse("signalen:lijst_sectie")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(make_user(rol=[]))
    for url in (reverse("signalen:lijst"), reverse("signalen:lijst_sectie")):
        assert client.get(url).status_code == 404


def test_list_shows_own_current_signals_urgent_first_with_the_severity_in_words(client, wereld):
    deelname = wereld.deelname()
    signaal(voor=wereld.regisseur, bericht="Later", dagen=10, traject=wereld.traject)
    signaal(voor=wereld.regisseur, bericht="Urgent", dagen=20, ernst=Ernst.URGENT, deelname=deelname)
    signaal(voor=wereld.klantmanager, rol=Rol.KLANTMANAGER, bericht="Van een ander")
    client.force_login(wereld.regisseur)
    response = _lijst(client)
    assert response.status_code == 200
    assert _berichten(response) == ["Urgent", "Later"]
    html = response.content.decode()
    assert "Van een ander" not in html
    assert '<span class="signalen-ernst signalen-ernst--urgent">Urgent</span>' in html
    assert deelname.deelnemer.naam in html
    pagina = client.get(reverse("signalen:lijst")).content.decode()
    assert 'aria-current="page"' in pagina and ">Signalen</a>" in pagina  # the nav item


def test_names_shown_are_access_logged_and_a_name_the_user_may_not_read_is_not_shown(client, wereld, make_user):
    deelname = wereld.deelname()
    signaal(voor=wereld.regisseur, deelname=deelname, traject=wereld.traject)
    jobcoach = make_user(Rol.JOBCOACH)
    signaal(voor=jobcoach, rol=Rol.JOBCOACH, deelname=deelname, traject=wereld.traject, bericht="Actie jobcoach")

    client.force_login(wereld.regisseur)
    _lijst(client)
    rows = AccessLog.objects.filter(user_id=wereld.regisseur.pk, action="list")
    assert [(r.object_type, r.object_id) for r in rows] == [("deelnemers.Deelnemer", str(deelname.deelnemer_id))]

    client.force_login(jobcoach)
    response = _lijst(client)
    assert "Actie jobcoach" in response.content.decode()
    assert deelname.deelnemer.naam not in response.content.decode()
    assert not AccessLog.objects.filter(user_id=jobcoach.pk).exists()


def test_signals_addressed_to_a_role_in_the_users_organisation_are_listed(client, wereld):
    signaal(rol=Rol.KLANTMANAGER, organisatie=wereld.gemeente, bericht="Voor de klantmanagers")
    signaal(rol=Rol.KLANTMANAGER, organisatie=GemeenteFactory(), bericht="Andere gemeente")
    client.force_login(wereld.klantmanager)
    assert _berichten(_lijst(client)) == ["Voor de klantmanagers"]


def test_filters_by_status_rule_severity_and_trajectory(client, wereld):
    vandaag = timezone.localdate()
    ander = TrajectFactory(regie_organisatie=wereld.gemeente, naam="Ander traject")
    r = wereld.regisseur
    signaal(voor=r, bericht="open", traject=wereld.traject)
    signaal(voor=r, bericht="gezien", status=SignaalStatus.GEZIEN, regel=Regel.NAZORG, traject=ander)
    signaal(voor=r, bericht="uitgesteld", status=SignaalStatus.UITGESTELD, uitgesteld_tot=vandaag + dt.timedelta(3))
    signaal(voor=r, bericht="weer actueel", status=SignaalStatus.UITGESTELD, uitgesteld_tot=vandaag, ernst=Ernst.HINT)
    signaal(voor=r, bericht="afgehandeld", status=SignaalStatus.AFGEHANDELD)
    signaal(voor=r, bericht="vervallen", status=SignaalStatus.VERVALLEN)
    client.force_login(r)

    def berichten(**params):
        return sorted(_berichten(_lijst(client, **params)))

    assert berichten() == ["gezien", "open", "weer actueel"]
    assert berichten(status="actueel") == berichten()
    assert berichten(status="uitgesteld") == ["uitgesteld"]
    assert berichten(status="afgehandeld") == ["afgehandeld"]
    assert berichten(status="vervallen") == ["vervallen"]
    assert len(berichten(status="alle")) == 6
    assert berichten(regel=Regel.NAZORG) == ["gezien"]
    assert berichten(ernst=Ernst.HINT) == ["weer actueel"]
    assert berichten(traject=ander.pk) == ["gezien"]
    assert berichten(status="onzin") == berichten()  # an invalid filter is ignored
    # The trajectory choices are those in the user's signals, by name.
    keuzes = _lijst(client).context["filters"].fields["traject"].choices
    assert [label for _, label in keuzes] == ["Alle trajecten", "Ander traject", wereld.traject.naam]


def test_an_expired_snooze_shows_as_current_again(client, wereld):
    vandaag = timezone.localdate()
    signaal(voor=wereld.regisseur, status=SignaalStatus.UITGESTELD, uitgesteld_tot=vandaag, bericht="terug")
    client.force_login(wereld.regisseur)
    html = _lijst(client).content.decode()
    assert "terug" in html and f"Weer actueel (uitgesteld tot {vandaag:%d-%m-%Y})" in html


def test_the_list_runs_the_same_number_of_queries_for_one_and_ten_signals(client, wereld):
    client.force_login(wereld.regisseur)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert _lijst(client).status_code == 200
        return len(ctx.captured_queries)

    signaal(voor=wereld.regisseur, deelname=wereld.deelname(), traject=wereld.traject)
    een = queries()
    for _ in range(9):
        signaal(voor=wereld.regisseur, deelname=wereld.deelname(), traject=wereld.traject)
    assert len(_lijst(client).context["signalen"]) == 10
    assert queries() == een


# --- Actions --------------------------------------------------------------------------------


def _post(client, naam, s, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse(f"signalen:{naam}", args=[s.pk]), data, **headers)


def test_acknowledge_and_done_change_the_state_and_go_back(client, wereld):
    s = signaal(voor=wereld.regisseur)
    client.force_login(wereld.regisseur)
    response = _post(client, "gezien", s, next="/signalen/?status=alle")
    assert (response.status_code, response.url) == (302, "/signalen/?status=alle")
    s.refresh_from_db()
    assert (s.status, s.status_door) == (SignaalStatus.GEZIEN, wereld.regisseur)
    response = _post(client, "afgehandeld", s, next="https://elders.example/")
    assert response.url == reverse("signalen:lijst")  # an outside address is not followed
    s.refresh_from_db()
    assert s.status == SignaalStatus.AFGEHANDELD


def test_snooze_needs_a_date_after_today(client, wereld):
    s = signaal(voor=wereld.regisseur)
    client.force_login(wereld.regisseur)
    vandaag = timezone.localdate()

    response = _post(client, "uitstellen", s, tot=vandaag.isoformat(), next=reverse("signalen:lijst"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum na vandaag." in html
    assert f'id="signaal-{s.pk}-tot_error"' in html  # the error is tied to the field
    assert 'aria-invalid="true"' in html and f'aria-describedby="signaal-{s.pk}-tot_error"' in html
    s.refresh_from_db()
    assert s.status == SignaalStatus.OPEN

    response = _post(client, "uitstellen", s, htmx=True, tot="")
    assert response.status_code == 200
    assert "Kies tot wanneer u het signaal wilt uitstellen." in response.content.decode()

    tot = vandaag + dt.timedelta(days=7)
    response = _post(client, "uitstellen", s, tot=tot.isoformat())
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.status, s.uitgesteld_tot) == (SignaalStatus.UITGESTELD, tot)
    assert "uitgesteld" not in _berichten(_lijst(client))  # off the current list until then
    assert s.bericht in _berichten(_lijst(client, status="uitgesteld"))


def test_an_action_with_htmx_answers_with_the_row(client, wereld):
    s = signaal(voor=wereld.regisseur)
    client.force_login(wereld.regisseur)
    response = _post(client, "gezien", s, htmx=True, weergave="rij")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<tr class="utrecht-table__row signalen-rij signalen-rij--waarschuwing"')
    assert f'id="signaal-{s.pk}" data-signalen-melding="Signaal gemarkeerd als gezien."' in html
    assert f'id="signaal-{s.pk}-status" tabindex="-1">Gezien' in html
    response = _post(client, "afgehandeld", s, htmx=True, weergave="kaart")
    assert response.content.decode().startswith('<li class="signalen-kaart')


def test_a_closed_signal_cannot_be_changed_and_says_why(client, wereld):
    s = signaal(voor=wereld.regisseur, status=SignaalStatus.VERVALLEN)
    client.force_login(wereld.regisseur)
    response = _post(client, "gezien", s, htmx=True)
    assert "Dit signaal is al vervallen: de oorzaak is weg." in response.content.decode()
    s.refresh_from_db()
    assert s.status == SignaalStatus.VERVALLEN


@pytest.mark.parametrize("actie", ["gezien", "uitstellen", "afgehandeld", "toepassen"])
def test_actions_on_someone_elses_signal_answer_404(client, wereld, actie):
    ander = UserFactory(organisatie=GemeenteFactory(), rollen=[Rol.REGISSEUR])
    s = signaal(voor=ander)
    client.force_login(wereld.regisseur)
    assert _post(client, actie, s, tot=(timezone.localdate() + dt.timedelta(3)).isoformat()).status_code == 404
    assert client.get(reverse(f"signalen:{actie}", args=[s.pk])).status_code == 405
    s.refresh_from_db()
    assert s.status == SignaalStatus.OPEN


@pytest.mark.parametrize("actie", ["gezien", "uitstellen", "afgehandeld"])
def test_a_regisseur_cannot_act_on_the_klantmanagers_signal_in_a_trajectory_it_directs(client, wereld, actie):
    """A benefit signal names who is on benefit: it stays with the klantmanager, also for the regie."""
    s = signaal(voor=wereld.klantmanager, rol=Rol.KLANTMANAGER, traject=wereld.traject,
                regel=Regel.PROEFPLAATSING_TERMIJN, organisatie=wereld.gemeente)  # fmt: skip
    client.force_login(wereld.regisseur)
    assert _post(client, actie, s, tot=(timezone.localdate() + dt.timedelta(3)).isoformat()).status_code == 404
    assert s.bericht not in _lijst(client, status="alle").content.decode()
    s.refresh_from_db()
    assert s.status == SignaalStatus.OPEN


def test_a_user_without_a_role_sees_no_signals_even_if_named(wereld):
    from signalen.selectors import signalen_for

    s = signaal(voor=wereld.regisseur)
    assert list(signalen_for(wereld.regisseur)) == [s]
    wereld.regisseur.rollen = []
    wereld.regisseur.save()
    assert list(signalen_for(wereld.regisseur)) == []


# --- The start page and the trajectory page ------------------------------------------------


@pytest.mark.parametrize("rol", list(Rol.values))
def test_every_roles_start_page_shows_its_most_urgent_signals(client, wereld, make_user, rol):
    user = make_user(rol)
    for dagen in (1, 2, 3, 4, 5):
        signaal(voor=user, rol=rol, dagen=dagen, bericht=f"Let op {dagen}")
    signaal(voor=user, rol=rol, dagen=30, ernst=Ernst.URGENT, bericht="Het urgentste")
    signaal(voor=user, rol=rol, status=SignaalStatus.AFGEHANDELD, bericht="Al gedaan")
    client.force_login(user)
    assert client.get(reverse("mijn_werk_rol", kwargs={"rol": rol})).status_code == 200
    # The start page loads its signal section lazily (issue 12): the section's own URL.
    response = client.get(reverse("mijn_werk_signalen", kwargs={"rol": rol}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert [s.bericht for s in response.context["signalen_top"]] == [
        "Het urgentste", "Let op 1", "Let op 2", "Let op 3", "Let op 4",
    ]  # fmt: skip
    html = response.content.decode()
    assert "6 actuele signalen; de urgentste:" in html and "Al gedaan" not in html
    assert reverse("signalen:lijst") in html


def test_start_page_without_signals_says_so_calmly(client, wereld):
    client.force_login(wereld.klantmanager)
    html = met_secties(client, reverse("mijn_werk_rol", kwargs={"rol": Rol.KLANTMANAGER}))
    assert "Geen actuele signalen." in html


def test_trajectory_page_shows_its_signals_with_the_suggestion(client, wereld, make_user):
    detail = reverse("trajecten:detail", args=[wereld.traject.pk])
    client.force_login(wereld.regisseur)
    assert "Geen signalen voor dit traject." in met_secties(client, detail)
    deelname = wereld.deelname()
    suggestie = timezone.localdate() + dt.timedelta(days=40)
    signaal(
        voor=wereld.regisseur, regel=Regel.BOUWVAK_START, traject=wereld.traject, deelname=deelname,
        suggestie=suggestie, suggestie_toelichting="Eerste werkdag na de bouwvak", bericht="Start in de bouwvak",
        link=f"{detail}#signalen",
    )  # fmt: skip
    andere = make_user(Rol.REGISSEUR)  # a colleague's regie signal shows too
    signaal(voor=andere, traject=wereld.traject, bericht="Voor een collega-regisseur", link="/trajecten/")
    # A klantmanager's signal (benefit) stays the klantmanager's: it would tell who is on benefit.
    signaal(rol=Rol.KLANTMANAGER, organisatie=wereld.gemeente, traject=wereld.traject, bericht="Voor de klantmanager",
            link="/kandidaten/1/")  # fmt: skip
    signaal(voor=wereld.regisseur, traject=wereld.traject, bericht="Al weg", status=SignaalStatus.VERVALLEN)
    html = met_secties(client, detail)
    assert 'id="signalen"' in html and "Start in de bouwvak" in html and "Voor een collega-regisseur" in html
    assert "Voor de klantmanager" not in html and "Al weg" not in html
    assert f"Voorstel toepassen: {suggestie:%d-%m-%Y}" in html
    assert "Eerste werkdag na de bouwvak" in html
    assert f"(deelnemer: {deelname.deelnemer.naam})" in html
    assert html.count("Naar de pagina") == 1  # the colleague's; none to the section the user is reading
