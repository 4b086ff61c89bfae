"""The employers' questions in the UI (issue 16): asked in the portal (on a placement's page or
the page of all questions), answered by the jobcoach or the regisseur, the answer read back in
the portal. Scope (404), no participant name on any employer page, e-mails without names or
text, Dutch field errors, answered once, fixed query counts, access logging."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleiding import services
from begeleiding.models import Werkgeversvraag
from begeleiding.views import vragen as vragen_views
from deelnemers.models import Deelnemer
from leerwerk.models import AccessLog, Rol
from tests.factories import GemeenteFactory
from tests.secties import met_secties
from tests.werkgevers.plaatsingen import klaar

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

VOORNAAM, ACHTERNAAM = "Qamira", "Zorgvuldighuis"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _aan_het_werk(coach, **kw):
    """A participant at work with the first employer, named with markers that must never reach it."""
    deelname, plaatsing = coach.aan_het_werk(**kw)
    Deelnemer.objects.filter(pk=deelname.deelnemer_id).update(voornaam=VOORNAAM, achternaam=ACHTERNAAM)
    return deelname, plaatsing


def _zonder_naam(html: str) -> str:
    assert VOORNAAM not in html and ACHTERNAAM not in html
    return html


def _als(client, user):
    client.force_login(user)
    return client


def _stel(coach, plaatsing, tekst="Mag hij vrijdag eerder weg voor de taalles?"):
    return services.vraag_stellen(acting_user=coach.world.werkgever_user, plaatsing=plaatsing, vraag=tekst)


def _sectie_url(plaatsing):
    return reverse("begeleiding:werkgever_plaatsing_vragen", args=[plaatsing.pk])


def _stellen_url(plaatsing):
    return reverse("begeleiding:werkgever_vraag_stellen", args=[plaatsing.pk])


def _mail_zonder(mail, *teksten):
    for tekst in (VOORNAAM, ACHTERNAAM, *teksten):
        assert tekst not in mail.body and tekst not in mail.subject, tekst


def test_the_employer_asks_the_jobcoach_answers_the_employer_reads_it(
    client, coach, mailoutbox, django_capture_on_commit_callbacks
):
    deelname, plaatsing = _aan_het_werk(coach)
    werkgever = coach.world.werkgever_user
    vraagtekst, antwoordtekst = "Mag hij vrijdag eerder weg voor de taalles?", "Ja, dat is zo afgesproken."

    # The placement's section: the pseudonym, no name, the form.
    _als(client, werkgever)
    sectie = _zonder_naam(client.get(_sectie_url(plaatsing), **HTMX).content.decode())
    assert "<html" not in sectie and 'id="vragen"' in sectie
    assert f"kandidaat {deelname.profiel.pseudoniem}" in sectie and 'name="vraag"' in sectie
    # The placement page loads it lazily.
    pagina = client.get(reverse("werkgever:plaatsing", args=[plaatsing.pk])).content.decode()
    assert f'hx-get="{_sectie_url(plaatsing)}"' in pagina

    # An empty question: the Dutch field message, nothing sent.
    leeg = client.post(_stellen_url(plaatsing), {"vraag": "   "})
    assert leeg.status_code == 400
    assert "Schrijf uw vraag." in _zonder_naam(leeg.content.decode())
    assert not Werkgeversvraag.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_stellen_url(plaatsing), {"vraag": vraagtekst})
    vraag = Werkgeversvraag.objects.get()
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("werkgever:plaatsing", args=[plaatsing.pk]) + "#vragen"
    bericht = client.get(antwoord.url).content.decode()
    assert "Uw vraag is verstuurd naar de jobcoach en de regisseur. U krijgt uiterlijk" in bericht
    assert f"{vraag.uiterlijk_op.day} " in bericht  # the date, written out
    assert {a for m in mailoutbox for a in m.to} == {coach.jobcoach.email, coach.world.regisseur.email}
    for mail in mailoutbox:
        _mail_zonder(mail, vraagtekst, "taalles")
        assert reverse("begeleiding:vraag", args=[vraag.pk]) in mail.body
    mailoutbox.clear()

    # The jobcoach: the list (open, with its deadline), the question, the answer.
    _als(client, coach.jobcoach)
    lijst = met_secties(client, reverse("begeleiding:vragen"))
    assert f"{VOORNAAM} {ACHTERNAAM}" in lijst and "Beantwoorden uiterlijk" in lijst and vraagtekst in lijst
    url = reverse("begeleiding:vraag", args=[vraag.pk])
    pagina = client.get(url).content.decode()  # the shell: the name, the question, the form
    assert vraagtekst in pagina and f"{VOORNAAM} {ACHTERNAAM}" in pagina and 'name="antwoord"' in pagina
    plaatsing_url = reverse("begeleiding:vraag_plaatsing", args=[vraag.pk])
    assert f'hx-get="{plaatsing_url}"' in pagina and coach.world.plek.functietitel not in pagina
    html = met_secties(client, url)
    assert vraagtekst in html and coach.world.plek.functietitel in html and f"{VOORNAAM} {ACHTERNAAM}" in html
    zelfstandig = client.get(plaatsing_url).content.decode()  # without JavaScript: a page of its own
    assert "<html" in zelfstandig and coach.world.plek.functietitel in zelfstandig
    assert AccessLog.objects.filter(
        user_id=coach.jobcoach.pk, action="view", object_type="trajecten.Deelname", object_id=str(deelname.pk)
    ).exists()
    leeg = client.post(url, {"antwoord": ""})
    assert leeg.status_code == 400 and "Schrijf uw antwoord." in leeg.content.decode()
    assert 'name="antwoord"' in leeg.content.decode() and f'hx-get="{plaatsing_url}"' in leeg.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"antwoord": antwoordtekst}).status_code == 302
    assert [m.to for m in mailoutbox] == [[werkgever.email]]
    _mail_zonder(mailoutbox[0], antwoordtekst, vraagtekst, "afgesproken")
    assert reverse("begeleiding:werkgever_vragen") + f"#vraag-{vraag.pk}" in mailoutbox[0].body

    # Answered once: the jobcoach again, and the regisseur, are refused; the answer stays.
    tweede = client.post(url, {"antwoord": "Toch niet."})
    assert tweede.status_code == 400 and "Deze vraag is al beantwoord." in tweede.content.decode()
    _als(client, coach.world.regisseur)
    assert client.post(url, {"antwoord": "Nogmaals."}).status_code == 400
    vraag.refresh_from_db()
    assert vraag.antwoord == antwoordtekst and vraag.beantwoord_door == coach.jobcoach

    # The employer reads the answer: with who answered (name and role) and when, at the anchor.
    _als(client, werkgever)
    html = _zonder_naam(met_secties(client, reverse("begeleiding:werkgever_vragen")))
    assert f'id="vraag-{vraag.pk}"' in html and antwoordtekst in html and vraagtekst in html
    assert "Jet Jobcoach (jobcoach)" in html
    assert f"Kandidaat {deelname.profiel.pseudoniem}: {coach.world.plek.functietitel}" in html
    sectie = _zonder_naam(client.get(_sectie_url(plaatsing), **HTMX).content.decode())
    assert antwoordtekst in sectie
    # The card on the start page: no open question, one answer of the last two weeks.
    kaart = _zonder_naam(client.get(reverse("begeleiding:werkgever_vragen_kaart"), **HTMX).content.decode())
    assert "0 vragen wachten op antwoord." in kaart and "1 antwoord in de laatste 14 dagen." in kaart
    assert deelname.profiel.pseudoniem not in kaart
    assert f"#vraag-{vraag.pk}" in kaart and "beantwoord op" in kaart  # the latest questions themselves


def test_scope_other_employer_other_jobcoach_and_the_regisseur(client, coach, make_user):
    deelname, plaatsing = _aan_het_werk(coach)
    vraag = _stel(coach, plaatsing)

    # Another employer: 404 on asking and on the section; it does not see the question.
    _als(client, coach.world.ander_user)
    assert client.post(_stellen_url(plaatsing), {"vraag": "Hoe gaat het?"}).status_code == 404
    assert client.get(_sectie_url(plaatsing), **HTMX).status_code == 404
    html = met_secties(client, reverse("begeleiding:werkgever_vragen"))
    assert vraag.vraag not in html and "U hebt nog geen vragen gesteld." in html
    kaart = client.get(reverse("begeleiding:werkgever_vragen_kaart"), **HTMX).content.decode()
    assert "0 vragen wachten op antwoord." in kaart
    assert Werkgeversvraag.objects.count() == 1

    # A jobcoach of another organisation, a jobcoach colleague who does not coach this
    # participant, a regisseur of another gemeente: 404, and the list is empty.
    anderen = [coach.vreemde, coach.collega, make_user(Rol.REGISSEUR, organisatie=GemeenteFactory())]
    for user in anderen:
        _als(client, user)
        assert client.get(reverse("begeleiding:vraag", args=[vraag.pk])).status_code == 404
        assert client.post(reverse("begeleiding:vraag", args=[vraag.pk]), {"antwoord": "Ja."}).status_code == 404
        assert client.get(reverse("begeleiding:vraag_plaatsing", args=[vraag.pk]), **HTMX).status_code == 404
        html = met_secties(client, reverse("begeleiding:vragen"))
        assert vraag.vraag not in html and "Er zijn geen vragen van werkgevers" in html
    # The refusal is logged on the person route.
    assert AccessLog.objects.filter(
        user_id=coach.vreemde.pk, object_type="begeleiding.Werkgeversvraag", object_id=str(vraag.pk), result="denied"
    ).exists()
    # An employer has no answerer's pages; the answerers have no portal.
    _als(client, coach.world.werkgever_user)
    assert client.get(reverse("begeleiding:vragen")).status_code == 404
    _als(client, coach.jobcoach)
    assert client.get(reverse("begeleiding:werkgever_vragen")).status_code == 404

    # The regisseur of the trajectory answers.
    _als(client, coach.world.regisseur)
    assert client.get(reverse("begeleiding:vraag", args=[vraag.pk])).status_code == 200
    assert client.post(reverse("begeleiding:vraag", args=[vraag.pk]), {"antwoord": "Dat mag."}).status_code == 302
    vraag.refresh_from_db()
    assert vraag.beantwoord_door == coach.world.regisseur
    _als(client, coach.world.werkgever_user)
    html = _zonder_naam(met_secties(client, reverse("begeleiding:werkgever_vragen")))
    assert "Sanne Regisseur (regisseur)" in html and "Dat mag." in html


def test_the_page_of_all_questions_asks_about_a_chosen_placement(client, coach, django_capture_on_commit_callbacks):
    deelname, plaatsing = _aan_het_werk(coach)
    andere, _ = coach.aan_het_werk(jobcoach=None)
    _als(client, coach.world.werkgever_user)
    url = reverse("begeleiding:werkgever_vragen")
    html = _zonder_naam(met_secties(client, url))
    plek = coach.world.plek.functietitel
    for d in (deelname, andere):  # the choices: the pseudonym and the place, nothing of the person
        assert f">{d.profiel.pseudoniem}: {plek}</option>" in html
    assert "U hebt nog geen vragen gesteld." in html

    fout = client.post(url, {"plaatsing": "", "vraag": ""})
    html = _zonder_naam(fout.content.decode())
    assert fout.status_code == 400
    assert "Kies de plaatsing waarover u een vraag hebt." in html and "Schrijf uw vraag." in html
    # Another employer's placement is no choice.
    elders = coach.world.deelname()
    coach.world.accepted(elders, coach.world.ander_plek)
    vreemde_plaatsing = coach.world.proposed_placement(elders, plek=coach.world.ander_plek)
    fout = client.post(url, {"plaatsing": vreemde_plaatsing.pk, "vraag": "Hoe gaat het?"})
    assert fout.status_code == 400 and "Kies een van uw plaatsingen uit de lijst." in fout.content.decode()
    te_lang = client.post(url, {"plaatsing": plaatsing.pk, "vraag": "x" * 2001})
    assert te_lang.status_code == 400 and "hoogstens 2000 tekens" in te_lang.content.decode()
    assert not Werkgeversvraag.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"plaatsing": plaatsing.pk, "vraag": "Welke schoenen heeft hij nodig?"})
    vraag = Werkgeversvraag.objects.get()
    assert vraag.plaatsing == plaatsing and vraag.gesteld_door == coach.world.werkgever_user
    assert antwoord.url == f"{url}#vraag-{vraag.pk}"
    html = _zonder_naam(met_secties(client, url))
    assert "Uw vraag is verstuurd naar de jobcoach en de regisseur." in html
    assert "Open vragen" in html and "Nog niet beantwoord." in html


def test_a_proposed_placement_takes_no_question_yet(client, coach):
    w = coach.world
    deelname = klaar(w)
    plaatsing = w.proposed_placement(deelname)
    _als(client, w.werkgever_user)
    sectie = client.get(_sectie_url(plaatsing), **HTMX).content.decode()
    assert "zodra u de plaatsing hebt bevestigd" in sectie and 'name="vraag"' not in sectie
    antwoord = client.post(_stellen_url(plaatsing), {"vraag": "Wanneer begint hij?"})
    assert antwoord.status_code == 400
    assert "zodra u de plaatsing hebt bevestigd" in antwoord.content.decode()
    assert not Werkgeversvraag.objects.exists()
    # Not among the placements to choose on the page of all questions either.
    html = met_secties(client, reverse("begeleiding:werkgever_vragen"))
    assert deelname.profiel.pseudoniem not in html


def test_the_answerer_sees_open_first_oldest_deadline_first_with_urgent_marks(client, coach):
    _, plaatsing = _aan_het_werk(coach)
    nieuw = _stel(coach, plaatsing, "Nieuwe vraag over de werktijden?")
    oud = _stel(coach, plaatsing, "Oude vraag over de veiligheidsschoenen?")
    Werkgeversvraag.objects.filter(pk=oud.pk).update(
        uiterlijk_op=timezone.localdate() - datetime.timedelta(days=2),
        gesteld_op=timezone.now() - datetime.timedelta(days=4),
    )
    beantwoord = _stel(coach, plaatsing, "Beantwoorde vraag over de lunch?")
    services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=beantwoord, antwoord="Die is er.")
    _als(client, coach.jobcoach)
    html = met_secties(client, reverse("begeleiding:vragen"))
    posities = [html.index(v.vraag) for v in (oud, nieuw, beantwoord)]
    assert posities == sorted(posities)
    te_laat = re.findall(r'<li class="signalen-kaart signalen-kaart--urgent" id="vraag-(\d+)"', html)
    assert te_laat == [str(oud.pk)]
    assert html.count("trajecten-te-laat__label") == 1
    assert "beantwoord op" in html and "Jet Jobcoach (jobcoach)" in html
    pagina = client.get(reverse("begeleiding:vraag", args=[oud.pk])).content.decode()
    assert "te laat" in pagina and "Beantwoord de vraag uiterlijk op" in pagina and 'name="antwoord"' in pagina
    pagina = client.get(reverse("begeleiding:vraag", args=[beantwoord.pk])).content.decode()
    assert "Die is er." in pagina and 'name="antwoord"' not in pagina
    # The employer sees which answer is late, still without the name.
    _als(client, coach.world.werkgever_user)
    html = _zonder_naam(met_secties(client, reverse("begeleiding:werkgever_vragen")))
    assert html.count("Het antwoord had er uiterlijk") == 1 and html.count("U krijgt uiterlijk") == 1
    # The list logs the participant it shows.
    assert AccessLog.objects.filter(
        user_id=coach.jobcoach.pk, action="list", object_type="trajecten.Deelname", object_id=str(plaatsing.deelname_id)
    ).exists()


def _queries(client, url, **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_query_counts_do_not_grow_with_the_questions(client, coach, monkeypatch):
    monkeypatch.setattr(vragen_views, "VRAGEN_PER_PAGINA", 5)
    _, plaatsing = _aan_het_werk(coach)
    vragen = [_stel(coach, plaatsing, "Eerste vraag?")]
    services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vragen[0], antwoord="Eerste antwoord.")
    pagina_url, sectie_url = reverse("begeleiding:werkgever_vragen_lijst"), _sectie_url(plaatsing)
    kaart_url, lijst_url = reverse("begeleiding:werkgever_vragen_kaart"), reverse("begeleiding:vragen_lijst")
    schil_url, vragen_url = reverse("begeleiding:werkgever_vragen"), reverse("begeleiding:vragen")
    vraag_url = reverse("begeleiding:vraag", args=[vragen[0].pk])
    plaatsing_url = reverse("begeleiding:vraag_plaatsing", args=[vragen[0].pk])

    def tellingen():
        _als(client, coach.world.werkgever_user)
        werkgever = [
            _queries(client, pagina_url, **HTMX),
            _queries(client, sectie_url, **HTMX),
            _queries(client, kaart_url),
            _queries(client, schil_url),
        ]
        _als(client, coach.jobcoach)
        return [
            *werkgever[:3],
            _queries(client, lijst_url, **HTMX),
            werkgever[3],
            _queries(client, vragen_url),
            _queries(client, vraag_url),
            _queries(client, plaatsing_url, **HTMX),
        ]

    een = tellingen()
    for i in range(12):
        _, p = coach.aan_het_werk()
        vraag = _stel(coach, p if i % 2 else plaatsing, f"Vraag nummer {i}?")
        if i % 3 == 0:
            services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vraag, antwoord=f"Antwoord {i}.")
    veel = tellingen()
    assert [n for n, _ in veel] == [n for n, _ in een]
    assert veel[0][1].count('class="werkgevers-kaart"') > een[0][1].count('class="werkgevers-kaart"')
    assert veel[3][1].count('<li class="signalen-kaart') > een[3][1].count('<li class="signalen-kaart')
    assert max(n for n, _ in een) <= 12
    # 13 questions: pages of 5 (open first), the placement's section the latest 5 of its 7.
    assert "Pagina 1 van 3 (13 vragen)" in veel[0][1] and "Pagina 1 van 3 (13 vragen)" in veel[3][1]
    assert veel[1][1].count('class="werkgevers-kaart"') == 5 and "Hierboven staan de laatste vragen" in veel[1][1]
    _als(client, coach.world.werkgever_user)
    laatste = client.get(pagina_url, {"pagina": 3}, **HTMX).content.decode()
    assert "Beantwoorde vragen" in laatste and "Open vragen" not in laatste
    # Paging works with htmx (the page loads that page of its section) and without (the section's
    # own page): the links are relative.
    assert 'href="?pagina=2"' in veel[0][1] and 'href="?pagina=2"' in veel[3][1]
    schil = client.get(schil_url, {"pagina": 3}).content.decode()
    assert f'hx-get="{pagina_url}?pagina=3"' in schil and "Beantwoorde vragen" not in schil
    assert "Beantwoorde vragen" in met_secties(client, f"{schil_url}?pagina=3")
    zonder_js = client.get(pagina_url, {"pagina": 3}).content.decode()
    assert "<html" in zonder_js and "Beantwoorde vragen" in zonder_js and 'href="?pagina=2"' in zonder_js
    _als(client, coach.jobcoach)
    assert f'hx-get="{lijst_url}?pagina=2"' in client.get(vragen_url, {"pagina": 2}).content.decode()
    assert "Pagina 2 van 3" in met_secties(client, f"{vragen_url}?pagina=2")


def test_the_employers_mijn_werk_shows_the_card_and_the_regisseur_a_link(client, coach):
    _, plaatsing = _aan_het_werk(coach)
    _stel(coach, plaatsing)
    _als(client, coach.world.werkgever_user)
    html = _zonder_naam(met_secties(client, reverse("mijn_werk_rol", args=["werkgever"])))
    assert "Vragen aan de jobcoach" in html and "1 vraag wacht op antwoord." in html
    assert reverse("begeleiding:werkgever_vragen") in html
    # Without JavaScript the card is a page of its own.
    pagina = client.get(reverse("begeleiding:werkgever_vragen_kaart")).content.decode()
    assert "<html" in pagina and "1 vraag wacht op antwoord." in pagina
    _als(client, coach.world.regisseur)
    html = met_secties(client, reverse("mijn_werk_rol", args=["regisseur"]))
    assert f'href="{reverse("begeleiding:vragen")}"' in html


def test_the_employers_pages_log_the_pseudonyms_they_show(client, coach):
    deelname, plaatsing = _aan_het_werk(coach)
    _stel(coach, plaatsing)
    _als(client, coach.world.werkgever_user)
    met_secties(client, reverse("begeleiding:werkgever_vragen"))
    rows = AccessLog.objects.filter(user_id=coach.world.werkgever_user.pk, object_type="werkgevers.Profiel")
    assert set(rows.values_list("object_id", flat=True)) == {str(deelname.profiel.pk)}
    assert not AccessLog.objects.filter(
        user_id=coach.world.werkgever_user.pk, object_type__in=["deelnemers.Deelnemer", "trajecten.Deelname"]
    ).exists()


def test_a_questions_page_shows_the_asker_and_the_answerer_for_the_jobcoach_and_the_regisseur(client, coach):
    """The page reads the question, its asker (and organisation) and its answerer with its scope
    check, in plain SQL for the jobcoach and through the ORM for the regisseur: both show them."""
    _deelname, plaatsing = _aan_het_werk(coach)
    w = coach.world
    vraag = _stel(coach, plaatsing, "Welke maat werkkleding?")
    asker = w.werkgever_user
    verwacht_asker = [
        f"{asker.naam or asker.email} ({asker.organisatie.naam})",
        f'href="mailto:{asker.email}"',
        "Welke maat werkkleding?",
        f"{VOORNAAM} {ACHTERNAAM}",
    ]
    for user in (coach.jobcoach, w.regisseur):
        pagina = _als(client, user).get(reverse("begeleiding:vraag", args=[vraag.pk])).content.decode()
        for tekst in verwacht_asker:
            assert tekst in pagina, (user, tekst)
    services.vraag_beantwoorden(acting_user=coach.jobcoach, vraag=vraag, antwoord="Maat L.", melden=False)
    for user in (coach.jobcoach, w.regisseur):
        pagina = _als(client, user).get(reverse("begeleiding:vraag", args=[vraag.pk])).content.decode()
        assert f"door {coach.jobcoach.naam} (jobcoach)." in pagina and "Maat L." in pagina, user
        assert 'name="antwoord"' not in pagina
