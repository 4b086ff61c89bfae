"""The trainer's rows are written out from their values (issue 12) with exactly the HTML the row
form rendered: the same inputs, names, ids, labels, selected choices and values; a refused row
still shows its form with the error."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from opleiders import constants as oc
from opleiders.forms import ModuleDeelnameForm
from opleiders.models import ModuleDeelname
from opleiders.selectors import ModuleRij
from tests.opleiders.conftest import deelname_met_toestemming, get_page, row_data

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _genormaliseerd(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"{%.*?%}", "", html)
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def _rij_uit(html: str, md) -> str:
    begin = html.index(f'<tr class="utrecht-table__row" id="rij-{md.pk}">')
    return html[begin : html.index("</tr>", begin) + len("</tr>")]


@pytest.mark.parametrize(
    "waarden",
    [
        {},
        {
            "aanwezigheid": 85,
            "voortgang": oc.Voortgang.AFGEROND,
            "resultaat": oc.Resultaat.BEHAALD,
            "toelichting": 'Goed, "nauwkeurig" & snel',
        },  # fmt: skip
        {"aanwezigheid": 0, "voortgang": oc.Voortgang.GESTOPT, "resultaat": oc.Resultaat.NIET_BEHAALD},
    ],
)
def test_a_written_out_row_equals_the_form_row(client, opleiding, waarden):
    ModuleDeelname.objects.filter(pk=opleiding.moduledeelname.pk).update(**waarden)
    md = ModuleDeelname.objects.select_related("deelname__deelnemer").get(pk=opleiding.moduledeelname.pk)
    pagina = _rij_uit(get_page(client, opleiding.opleider), md)
    request = RequestFactory().get("/")
    request.user = opleiding.opleider
    met_formulier = render_to_string(
        "opleiders/_rij.html",
        {"rij": ModuleRij(md, md.deelname, bewerkbaar=True, form=ModuleDeelnameForm(moduledeelname=md))},
        request=request,
    )
    assert _genormaliseerd(pagina) == _genormaliseerd(met_formulier)


def test_a_refused_row_keeps_its_form_and_error_and_the_others_have_none(client, opleiding):
    tweede = ModuleDeelname.objects.create(
        module=opleiding.module,
        deelname=deelname_met_toestemming(opleiding.traject, deelnemer__gemeente=opleiding.regie),
    )
    client.force_login(opleiding.opleider)
    response = client.post(f"/opleiding/moduledeelnames/{opleiding.moduledeelname.pk}/", row_data(aanwezigheid="150"))
    rij = _rij_uit(response.content.decode(), opleiding.moduledeelname)
    assert "opleiders-cel--fout" in rij and 'value="150"' in rij  # the typed value and the error stay
    rijen = {r.moduledeelname.pk: r for m in response.context["inline"].modules for r in m.rijen}
    assert rijen[opleiding.moduledeelname.pk].form is not None and rijen[tweede.pk].form is None
