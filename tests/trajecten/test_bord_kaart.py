"""The board's light step control (issue 12) shows exactly what the full step form showed: the
same fields, names, ids, labels and allowed steps, for a card in every column, while the board no
longer builds a Django form per card."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.secties import met_secties
from tests.trajecten.regie import S, both_dbs, deelname_in
from trajecten import constants as c
from trajecten.forms import DeelnameStapForm


def _genormaliseerd(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def _formulier(html: str, deelname) -> str:
    begin = html.index(f'action="/deelnames/{deelname.pk}/stap/"')
    begin = html.rindex("<form", 0, begin)
    return html[begin : html.index("</form>", begin) + len("</form>")]


@both_dbs
def test_every_card_shows_what_the_full_form_showed(rclient, traject, regisseur):
    deelnames = [deelname_in(traject, s) for s in c.ACTIVE_STATES]
    deelnames.append(deelname_in(traject, S.GEPARKEERD, vorige_status=S.OPLEIDING))
    html = met_secties(rclient, reverse("trajecten:detail", args=[traject.pk]))
    request = RequestFactory().get("/")
    request.user = regisseur
    for deelname in deelnames:
        vol = render_to_string(
            "trajecten/_stap_form.html",
            {"form": DeelnameStapForm(deelname=deelname), "deelname": deelname, "htmx": True},
            request=request,
        )
        assert _genormaliseerd(_formulier(html, deelname)) == _genormaliseerd(_formulier(vol, deelname)), (
            deelname.status
        )


@both_dbs
def test_a_refused_card_keeps_its_errors_and_typed_text(rclient, traject):
    from tests.trajecten.regie import verplaats

    deelname = deelname_in(traject, S.INTAKE)
    html = verplaats(rclient, deelname, htmx=True, naar=S.GESELECTEERD, ingangsdatum="", toelichting="Mijn tekst")
    html = html.content.decode()
    kaart = _formulier(html, deelname)
    assert (
        "Vul de ingangsdatum in." in kaart
        and "Mijn tekst" in kaart
        and '<details class="trajecten-stap__meer" open' in kaart
    )


@both_dbs
def test_the_board_builds_no_form_per_card(rclient, traject):
    for status in (S.AANGEMELD, S.INTAKE, S.OPLEIDING):
        deelname_in(traject, status)
    response = rclient.get(reverse("trajecten:traject_bord", args=[traject.pk]), HTTP_HX_REQUEST="true")
    kaarten = [kaart for _status, _label, kaarten in response.context["kolommen"] for kaart in kaarten]
    assert len(kaarten) == 3 and not [k for k in kaarten if "form" in k]
    assert [k["opties"] for k in kaarten][0] == [(t, S(t).label) for t in c.allowed_targets(S.AANGEMELD)]
