"""The leak test: nothing personal reaches an employer before a match is accepted, and after it
only the name and contact of that participant, for that employer only.

The demo world is loaded, then every personal field of every participant gets a distinctive
marker value. The employer's side is crawled like a browser and an API client would: every
page and API resource reachable from the start page and the API lists, every PDF, and error
answers. No marker may appear except the revealed ones.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import deque

import pgtrigger
import pytest
from django.core.management import call_command

from deelnemers.models import Deelnemer, Intake, Randvoorwaarde, Werkervaring
from leerwerk.demo import demo_email
from leerwerk.models import AccessLog, Rol, User
from opleiders.models import Certificaat
from tests.factories import bsn_for
from tests.pdf import pdf_text
from trajecten.models import Contactmoment, Deelname, DeelnameStap, Vervolgactie
from werkgevers import constants as c
from werkgevers import services
from werkgevers.models import Leerwerkplek, Match, Werkgever
from werkgevers.selectors import werkgever_consent

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

START = ["/mijn-werk/", "/werkgever/", "/api/v1/werkgevers/", "/api/v1/leerwerkplekken/", "/api/v1/profielen/",
         "/api/v1/matches/", "/api/v1/plaatsingen/"]  # fmt: skip
FOLLOW = re.compile(r"^/(werkgever|api/v1)/")
CONTACT = ("voornaam", "achternaam", "email", "telefoon")
INTAKE_FIELDS = [f.name for f in Intake._meta.concrete_fields if f.get_internal_type() == "TextField"]


def _marker(field: str, pk: int) -> str:
    return f"zqx{field}{pk}x"


def _mark_everyone() -> dict[int, dict[str, str]]:
    """Give every personal field of every participant a marker; return pk -> field -> text to look for."""
    markers = {}
    for i, d in enumerate(Deelnemer.objects.order_by("pk")):
        m = {f: _marker(f, d.pk) for f in ("voornaam", "achternaam", "adres", "woonplaats")}
        m["email"] = f"zqxemail{d.pk}x@example.org"
        m["telefoon"] = f"06{77000000 + d.pk}"
        m["postcode"] = f"9{d.pk % 1000:03d} ZQ"
        m["bsn"] = bsn_for(700000 + i)
        geboren = datetime.date(1911, 1, 1) + datetime.timedelta(days=d.pk)
        m["geboortedatum"] = geboren.strftime("%d-%m-%Y")
        m["geboortedatum_iso"] = geboren.isoformat()
        m["uitkering"] = f"{7000 + d.pk},13"
        Deelnemer.objects.filter(pk=d.pk).update(
            voornaam=m["voornaam"],
            achternaam=m["achternaam"],
            adres=m["adres"],
            woonplaats=m["woonplaats"],
            email=m["email"],
            telefoon=m["telefoon"],
            postcode=m["postcode"],
            bsn=m["bsn"],
            geboortedatum=geboren,
            uitkering_maandbedrag=f"{7000 + d.pk}.13",
        )
        for field in INTAKE_FIELDS:
            m[f"intake_{field}"] = _marker(f"intake{field}", d.pk)
        Intake.objects.update_or_create(deelnemer=d, defaults={f: m[f"intake_{f}"] for f in INTAKE_FIELDS})
        m["werkervaring_waar"] = _marker("waar", d.pk)
        Werkervaring.objects.filter(deelnemer=d).update(waar=m["werkervaring_waar"])
        m["randvoorwaarde"] = _marker("randvoorwaarde", d.pk)
        Randvoorwaarde.objects.filter(deelnemer=d).update(toelichting=m["randvoorwaarde"])
        m["certificaat"] = _marker("certificaat", d.pk)
        Certificaat.objects.filter(deelnemer=d).update(omschrijving=m["certificaat"])
        m["aanmelding"] = _marker("aanmelding", d.pk)
        Deelname.objects.filter(deelnemer=d).update(motivatie_aanmelding=m["aanmelding"])
        m["stap"] = _marker("stap", d.pk)
        with pgtrigger.ignore("trajecten.DeelnameStap:stap_niet_wijzigen"):
            DeelnameStap.objects.filter(deelname__deelnemer=d).update(toelichting=m["stap"])
        m["contact"] = _marker("contact", d.pk)
        Contactmoment.objects.filter(deelname__deelnemer=d).update(
            samenvatting=m["contact"], overige_aanwezigen=m["contact"]
        )
        Vervolgactie.objects.filter(contactmoment__deelname__deelnemer=d).update(omschrijving=m["contact"])
        markers[d.pk] = m
    return markers


def _texts(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(response.content)
    return response.content.decode("utf-8", errors="replace")


def _crawl(client) -> dict[str, str]:
    """Everything reachable for this client on the employer's side: url -> text."""
    seen: dict[str, str] = {}
    queue = deque(START)
    while queue:
        url = queue.popleft()
        if url in seen or len(seen) > 400:
            continue
        response = client.get(url)
        seen[url] = f"{response.status_code}\n{_texts(response)}"
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            for href in re.findall(r'href="([^"#?]+)', seen[url]):
                if FOLLOW.match(href):
                    queue.append(href)
        elif content_type.startswith("application/json") and url.startswith("/api/v1/"):
            data = json.loads(response.content)
            items = data.get("results", data) if isinstance(data, dict) else data
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and "id" in item and url.count("/") == 4:
                    queue.append(f"{url}{item['id']}/")
    return seen


def _errors(client) -> dict[str, str]:
    """Error answers: missing objects, another employer's objects, bad input."""
    answers = {}
    for url in ["/werkgever/profielen/987654/", "/werkgever/profielen/987654/pdf/", "/werkgever/matches/987654/",
                "/werkgever/plaatsingen/987654/", "/api/v1/profielen/987654/", "/api/v1/matches/987654/"]:  # fmt: skip
        r = client.get(url)
        answers[url] = f"{r.status_code}\n{_texts(r)}"
    for match in Match.objects.all():
        for url in (f"/api/v1/matches/{match.pk}/afwijzen/", f"/werkgever/matches/{match.pk}/"):
            r = client.post(url, {"reden": "overig"})
            answers[f"POST {url}"] = f"{r.status_code}\n{_texts(r)}"
    return answers


def _found(pages: dict[str, str], markers: dict[int, dict[str, str]]) -> set[tuple[int, str]]:
    blob = "\n".join(pages.values()).casefold()
    return {(pk, field) for pk, m in markers.items() for field, value in m.items() if value.casefold() in blob}


def _revealed_to(werkgever: Werkgever) -> set[int]:
    return set(
        Match.objects.filter(status=c.MatchStatus.GEACCEPTEERD, leerwerkplek__werkgever=werkgever).values_list(
            "deelname__deelnemer_id", flat=True
        )
    )


def _assert_only_contact_of(found, revealed: set[int]):
    leaked = {(pk, field) for pk, field in found if pk not in revealed or field not in CONTACT}
    assert leaked == set()


@pytest.fixture
def demo(client):
    call_command("demo_data")
    return _mark_everyone()


def test_nothing_personal_reaches_an_employer_before_a_match_and_afterwards_only_name_and_contact(client, demo):
    werkgever_user = User.objects.get(email=demo_email(Rol.WERKGEVER))
    werkgever = Werkgever.objects.get(organisatie=werkgever_user.organisatie)
    client.force_login(werkgever_user)
    pages = _crawl(client) | _errors(client)
    assert len(pages) > 15, sorted(pages)  # the crawl reached the portal, the profiles, PDFs and the API
    assert any(u.endswith("/pdf/") and t.startswith("200") for u, t in pages.items())  # a profile PDF was read

    revealed = _revealed_to(werkgever)
    found = _found(pages, demo)
    _assert_only_contact_of(found, revealed)
    for pk in revealed:  # the demo's accepted match shows its name and contact
        assert {(pk, "voornaam"), (pk, "achternaam")} <= found

    # The regisseur proposes one more participant; the employer accepts.
    plek = Leerwerkplek.objects.filter(werkgever=werkgever, status=c.PlekStatus.OPEN).first()
    # One who consented and whom no employer knows yet (the demo's other employer accepted one).
    kandidaat = (
        Deelname.objects.filter(traject=plek.traject, profiel__motivatie__gt="", status__in=c.PROFIEL_STATES)
        .filter(werkgever_consent("deelnemer_id"))
        .exclude(matches__status=c.MatchStatus.GEACCEPTEERD)
        .exclude(matches__leerwerkplek=plek)
        .first()
    )
    regisseur = kandidaat.traject.regisseur
    match = services.match_propose(acting_user=regisseur, deelname=kandidaat, leerwerkplek=plek)
    reveals_before = AccessLog.objects.filter(action="reveal", user_id=werkgever_user.pk).count()
    services.match_answer(acting_user=werkgever_user, match=match, accept=True)

    pages = _crawl(client)
    found = _found(pages, demo)
    _assert_only_contact_of(found, revealed | {kandidaat.deelnemer_id})
    assert (kandidaat.deelnemer_id, "achternaam") in found
    assert (kandidaat.deelnemer_id, "telefoon") in found
    assert (
        AccessLog.objects.filter(
            action="reveal", user_id=werkgever_user.pk, object_id=str(kandidaat.deelnemer_id)
        ).count()
        > 0
    )
    assert AccessLog.objects.filter(action="reveal", user_id=werkgever_user.pk).count() > reveals_before

    # Another employer partner in the same trajectory sees neither name.
    ander = Werkgever.objects.exclude(pk=werkgever.pk).filter(plekken__traject=plek.traject).first()
    ander_user = User.objects.create_user("ander-werkgever@example.org", "x" * 16, organisatie=ander.organisatie,
                                          rollen=[Rol.WERKGEVER])  # fmt: skip
    client.force_login(ander_user)
    pages = _crawl(client) | _errors(client)
    _assert_only_contact_of(_found(pages, demo), _revealed_to(ander))
    assert (kandidaat.deelnemer_id, "achternaam") not in _found(pages, demo)
