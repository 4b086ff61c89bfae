"""The light "Mijn kandidaten" page (issue 12) shows what it showed before: the filter controls
the form's own widgets rendered, the same rows in the same order with their participations
(newest first), the same candidates for every state filter; and a page costs the same number of
queries for one candidate as for many, with many participations each."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelnemers.forms import KandidatenFilterForm
from deelnemers.models import Deelnemer
from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, TrajectFactory
from tests.secties import met_secties
from trajecten.constants import DeelnameStatus
from trajecten.models import Deelname

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

LIJST = reverse("deelnemers:kandidaten")


def _lijst(client, params=None) -> str:
    """The candidate list as a browser shows it: the page with its table loaded lazily (issue 12)."""
    return met_secties(client, LIJST + (f"?{urlencode(params)}" if params else ""))


HTMX = {"HX-Request": "true", "HX-Target": "kandidaten-resultaat"}

# The form's controls as the page rendered them before they were written out (issue 12).
_MET_WIDGETS = engines["django"].from_string(
    """<div class="utrecht-form-field leerwerk-filters__zoek">
    <label class="utrecht-form-label" for="{{ filters.zoek.id_for_label }}">{{ filters.zoek.label }}</label>
    {{ filters.zoek.as_widget }}
  </div>
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for="{{ filters.doelgroep.id_for_label }}">{{ filters.doelgroep.label }}</label>
    {{ filters.doelgroep.as_widget }}
  </div>
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for="{{ filters.status.id_for_label }}">{{ filters.status.label }}</label>
    {{ filters.status.as_widget }}
  </div>"""
)


# A row as the template wrote it before the rows were written out in Python (issue 12).
_RIJ_ALS_TEMPLATE = engines["django"].from_string(
    """{% load i18n %}{% for d in kandidaten %}
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__cell"><a class="utrecht-link" href="{% url 'deelnemers:kandidaat' pk=d.pk %}">{{ d.achternaam }}, {{ d.voornaam }}</a></th>
      <td class="utrecht-table__cell leerwerk-bsn">{{ d.bsn_masked }}</td>
      <td class="utrecht-table__cell">{{ d.get_doelgroep_display }}</td>
      <td class="utrecht-table__cell">{{ d.taalniveau_laagste|default:_("niet gemeten") }}</td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{{ d.uren_per_week }}</td>
      <td class="utrecht-table__cell">
        {% for deelname in d.deelnames.all %}
        <div class="leerwerk-deelname">{{ deelname.traject.naam }}: <span class="leerwerk-status leerwerk-status--{{ deelname.status }}">{{ deelname.get_status_display }}</span></div>
        {% empty %}<span class="leerwerk-zonder">{% translate "Zonder traject" %}</span>{% endfor %}
      </td>
    </tr>
    {% endfor %}"""  # noqa: E501
)


def _genormaliseerd(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").replace("><", ">\n<").strip()


def _controls(html: str) -> str:
    begin = html.index('<div class="utrecht-form-field leerwerk-filters__zoek">')
    return html[begin : html.index('<div class="leerwerk-filters__knoppen">')]


@pytest.fixture
def km(make_user):
    return make_user(Rol.KLANTMANAGER, naam="Karin Klant")


@pytest.fixture
def km_client(client, km):
    client.force_login(km)
    return client


@pytest.mark.parametrize(
    "methode, data",
    [
        ("get", {}),
        ("get", {"doelgroep": "overig"}),
        ("get", {"doelgroep": "overig", "status": "zonder_traject"}),
        ("get", {"status": "geen-keuze"}),  # not a choice: nothing selected, as the widget does
        ("post", {"zoek": 'Haddad "<b>', "status": DeelnameStatus.INTAKE}),
    ],
)
def test_the_filter_controls_are_the_forms_widgets(km_client, gemeente, methode, data):
    DeelnemerFactory(gemeente=gemeente, achternaam="Haddad")
    html = getattr(km_client, methode)(LIJST, data).content.decode()
    form = KandidatenFilterForm(data or None)
    form.is_valid()
    verwacht = _MET_WIDGETS.render({"filters": form})
    assert _genormaliseerd(_controls(html)) == _genormaliseerd(verwacht)


def _rijen(html: str) -> list[tuple]:
    body = html[html.index('<tbody class="utrecht-table__body">') : html.index("</tbody>")]
    rijen = []
    for rij in re.findall(r"<tr .*?</tr>", body, re.S):
        cellen = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in re.findall(r"<t[hd].*?</t[hd]>", rij, re.S)
        ]
        rijen.append((re.search(r'href="([^"]+)"', rij).group(1), *cellen))
    return rijen


def test_the_rows_show_the_candidates_in_name_order_with_their_participations_newest_first(km_client, km, gemeente):
    eerste = TrajectFactory(regie_organisatie=gemeente, naam="Zorg Tiel")
    tweede = TrajectFactory(regie_organisatie=gemeente, naam="Bouw Tiel")
    bram = DeelnemerFactory(gemeente=gemeente, voornaam="Bram", achternaam="Visser", doelgroep="overig")
    amina = DeelnemerFactory(
        gemeente=gemeente, voornaam="Amina", achternaam="Visser", taal_lezen="", taal_luisteren="", taal_spreken=""
    )
    DeelnemerFactory(gemeente=gemeente, voornaam="Cor", achternaam="Aalders", taal_schrijven="B1", uren_per_week=12)
    oud = DeelnameFactory(traject=eerste, deelnemer=bram, aangemeld_door=km, status=DeelnameStatus.AFGEWEZEN)
    Deelname.objects.filter(pk=oud.pk).update(aangemeld_op=oud.aangemeld_op - datetime.timedelta(days=30))
    DeelnameFactory(traject=tweede, deelnemer=bram, aangemeld_door=km)

    rijen = _rijen(_lijst(km_client))

    assert [r[:2] for r in rijen] == [
        (f"/kandidaten/{Deelnemer.objects.get(voornaam='Cor').pk}/", "Aalders, Cor"),
        (f"/kandidaten/{amina.pk}/", "Visser, Amina"),
        (f"/kandidaten/{bram.pk}/", "Visser, Bram"),
    ]
    assert rijen[0][2:] == ("******" + rijen[0][2][-3:], "Statushouder", "A2", "12", "Zonder traject")
    assert rijen[1][4] == "A1"
    assert rijen[2][3:] == ("Overig", "A1", "32", "Bouw Tiel: Aangemeld Zorg Tiel: Afgewezen")
    assert rijen[2][2] == "******" + bram.bsn[-3:]


def test_a_state_filter_shows_each_candidate_once_and_counts_them_once(km_client, km, gemeente):
    twee_keer = DeelnemerFactory(gemeente=gemeente, achternaam="Beide")
    nergens = DeelnemerFactory(gemeente=gemeente, achternaam="Nergens")
    for naam in ("Eerste", "Tweede"):
        DeelnameFactory(
            traject=TrajectFactory(regie_organisatie=gemeente, naam=naam), deelnemer=twee_keer, aangemeld_door=km
        )

    aangemeld = _lijst(km_client, {"status": DeelnameStatus.AANGEMELD})
    zonder = _lijst(km_client, {"status": "zonder_traject"})

    assert [r[1] for r in _rijen(aangemeld)] == [f"Beide, {twee_keer.voornaam}"]
    assert "1 kandidaat gevonden" in aangemeld
    assert [r[1] for r in _rijen(zonder)] == [f"Nergens, {nergens.voornaam}"]
    assert "Geen kandidaten gevonden" in _lijst(km_client, {"status": DeelnameStatus.INTAKE})


def _queries(doe) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert doe().status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "verzoek",
    [
        lambda c: c.get(LIJST),
        lambda c: c.get(LIJST, {"status": DeelnameStatus.AANGEMELD, "pagina": 2}),
        lambda c: c.post(LIJST, {"zoek": "Achternaam"}, headers=HTMX),
    ],
)
def test_the_query_count_is_the_same_for_one_and_for_many_candidates(km_client, km, gemeente, verzoek):
    trajecten = [TrajectFactory(regie_organisatie=gemeente) for _ in range(3)]

    def kandidaat():
        deelnemer = DeelnemerFactory(gemeente=gemeente)
        for traject in trajecten:
            DeelnameFactory(traject=traject, deelnemer=deelnemer, aangemeld_door=km)

    kandidaat()
    verzoek(km_client)  # warm up: session, content types
    een = _queries(lambda: verzoek(km_client))
    for _ in range(60):
        kandidaat()
    assert _queries(lambda: verzoek(km_client)) == een


def test_the_rows_are_the_html_the_template_wrote(km_client, km, gemeente):
    traject = TrajectFactory(regie_organisatie=gemeente, naam='Bouw & "Techniek" <Tiel>')
    met = DeelnemerFactory(gemeente=gemeente, voornaam="<b>Ali</b>", achternaam="O'Neil & Zn", doelgroep="anderstalig")
    DeelnemerFactory(gemeente=gemeente, taal_luisteren="", taal_lezen="", taal_spreken="", taal_schrijven="")
    DeelnameFactory(traject=traject, deelnemer=met, aangemeld_door=km, status=DeelnameStatus.INTAKE)
    DeelnameFactory(traject=TrajectFactory(regie_organisatie=gemeente), deelnemer=met, aangemeld_door=km)

    html = _lijst(km_client)
    body = html[html.index('<tbody class="utrecht-table__body">') + 35 : html.index("</tbody>")]
    kandidaten = Deelnemer.objects.filter(gemeente=gemeente).prefetch_related(
        Prefetch("deelnames", Deelname.objects.select_related("traject").order_by("-aangemeld_op", "-id"))
    )
    verwacht = _RIJ_ALS_TEMPLATE.render({"kandidaten": kandidaten})
    assert "O&#x27;Neil &amp; Zn, &lt;b&gt;Ali&lt;/b&gt;" in body and "Bouw &amp; &quot;Techniek&quot;" in body
    assert _genormaliseerd(body) == _genormaliseerd(verwacht)
