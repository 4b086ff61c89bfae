"""The jobcoach reads only what the issue lists (issue 16): the leak test's markers.

The demo world is loaded and every personal field of every participant gets a marker value
(tests.werkgevers.test_leak). The talks that are not coaching (intake, three-way talks, reviews)
and their follow-up actions get markers of their own. Then the demo jobcoach's side is crawled
as a browser and an API client would: every page, section and API resource reachable from the
start page, the caseload, the questions and the API lists, and error answers. Of the
participants in the caseload only the name, phone, e-mail and the coaching contacts may appear;
of anyone else nothing.
"""

from __future__ import annotations

import json
import re
from collections import deque

import pytest
from django.core.management import call_command

from begeleiding.selectors import caseload
from leerwerk.demo import demo_email
from leerwerk.models import Rol, User
from tests.werkgevers.test_leak import _found, _mark_everyone, _marker, _texts
from trajecten.constants import BEGELEIDING_SOORTEN
from trajecten.models import Contactmoment, Vervolgactie

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

START = [
    "/mijn-werk/", "/mijn-werk/jobcoach/", "/mijn-werk/jobcoach/overzicht/", "/mijn-werk/jobcoach/signalen/",
    "/begeleiding/", "/begeleiding/nazorg/", "/begeleiding/vragen/", "/signalen/",
    "/api/v1/begeleiding/caseload/", "/api/v1/begeleiding/contacten/", "/api/v1/begeleiding/behoudchecks/",
    "/api/v1/begeleiding/vragen/",
]  # fmt: skip
FOLLOW = re.compile(r"^/(begeleiding|api/v1/begeleiding|mijn-werk|signalen|trajecten|regie|overleg|convenanten)/")
NIET = re.compile(r"(uitloggen|logout|/pdf/|\.ics$|/agenda/)")
# What a jobcoach reads of a participant they coach.
TOEGESTAAN = {"voornaam", "achternaam", "email", "telefoon", "contact", "eigen_actie"}


def _crawl(client) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(START)
    while queue:
        url = queue.popleft()
        if url in seen or len(seen) > 300:
            continue
        response = client.get(url)
        seen[url] = f"{response.status_code}\n{_texts(response)}"
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            for href in re.findall(r'(?:href|hx-get)="([^"#?]+)', seen[url]):
                if FOLLOW.match(href) and not NIET.search(href):
                    queue.append(href)
        elif content_type.startswith("application/json") and url.startswith("/api/v1/"):
            data = json.loads(response.content)
            items = data.get("results", data) if isinstance(data, dict) else data
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and "id" in item and url.count("/") == 5:
                    queue.append(f"{url}{item['id']}/")
    return seen


def _errors(client) -> dict[str, str]:
    answers = {}
    for url in ["/begeleiding/deelnemers/987654/", "/begeleiding/vragen/987654/",
                "/api/v1/begeleiding/caseload/987654/", "/api/v1/begeleiding/vragen/987654/"]:  # fmt: skip
        r = client.get(url)
        answers[url] = f"{r.status_code}\n{_texts(r)}"
    return answers


def test_the_jobcoach_reads_only_the_listed_fields_of_their_own_participants(client):
    call_command("demo_data")
    markers = _mark_everyone()
    jobcoach = User.objects.get(email=demo_email(Rol.JOBCOACH))
    for pk, m in markers.items():  # the talks that are not coaching, and their actions: not for the jobcoach
        m["gesprek"] = _marker("gesprek", pk)
        niet_coaching = Contactmoment.objects.filter(deelname__deelnemer_id=pk).exclude(soort__in=BEGELEIDING_SOORTEN)
        niet_coaching.update(samenvatting=m["gesprek"], overige_aanwezigen=m["gesprek"])
        acties = Vervolgactie.objects.filter(contactmoment__in=niet_coaching)
        acties.exclude(eigenaar=jobcoach).update(omschrijving=m["gesprek"])
        # An action from such a talk that the jobcoach owns is theirs to read (and to finish).
        m["eigen_actie"] = _marker("eigenactie", pk)
        acties.filter(eigenaar=jobcoach).update(omschrijving=m["eigen_actie"])
    eigen = set(caseload(jobcoach).values_list("deelnemer_id", flat=True))
    assert len(eigen) >= 3  # the demo's placed participants and the one assigned

    client.force_login(jobcoach)
    pages = _crawl(client) | _errors(client)
    gelezen = [u for u, t in pages.items() if t.startswith("200")]
    assert len(gelezen) > 15, sorted(pages)
    assert any(u.startswith("/begeleiding/deelnemers/") for u in gelezen)  # the participant pages were read
    assert any(u.startswith("/api/v1/begeleiding/caseload/") and u.count("/") == 6 for u in gelezen)
    found = _found(pages, markers)
    # The listed fields of the caseload were shown (the test can see them) ...
    assert {f for pk, f in found if pk in eigen} >= {"voornaam", "achternaam", "contact"}
    # ... and nothing else of anyone.
    lek = {(pk, f) for pk, f in found if pk not in eigen or f not in TOEGESTAAN}
    assert lek == set(), [
        (u, f) for u, t in pages.items() for pk, f in lek if markers[pk][f].casefold() in t.casefold()
    ]
