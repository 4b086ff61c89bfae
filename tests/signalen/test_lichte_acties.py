"""A signal's snooze control is written out without a Django form per signal (issue 12), with
exactly the HTML the form rendered; a refused snooze still shows its form with the error."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from leerwerk.models import Rol
from signalen.forms import UitstelForm
from tests.secties import met_secties
from tests.signalen.test_lijst import signaal

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _genormaliseerd(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = html.replace("{# the same form written out, without a Django form per signal (issue 12) #}", "")
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@pytest.mark.parametrize("weergave", ["rij", "kaart"])
def test_the_written_out_snooze_control_equals_the_form(make_user, weergave):
    user = make_user(Rol.REGISSEUR)
    s = signaal(voor=user)
    request = RequestFactory().get("/signalen/")
    request.user = user
    context = {"signaal": s, "weergave": weergave, "terug": "/signalen/", "user": user}
    s.uitstel_form = UitstelForm(signaal_pk=s.pk)
    met_formulier = render_to_string("signalen/_acties.html", context, request=request)
    s.uitstel_form = None
    zonder = render_to_string("signalen/_acties.html", context, request=request)
    assert f'id="signaal-{s.pk}-tot"' in zonder
    assert _genormaliseerd(zonder) == _genormaliseerd(met_formulier)


def test_the_trajectory_page_shows_the_five_most_urgent_signals_and_links_to_the_rest(client, make_user, gemeente):
    from django.urls import reverse

    from tests.factories import TrajectFactory

    regisseur = make_user(Rol.REGISSEUR)
    traject = TrajectFactory(regie_organisatie=gemeente)
    signalen = [signaal(voor=regisseur, traject=traject, dagen=d, bericht=f"Signaal {d}") for d in range(1, 8)]
    client.force_login(regisseur)
    html = met_secties(client, reverse("trajecten:detail", args=[traject.pk]))
    sectie = html[html.index('id="signalen"') : html.index("</section>", html.index('id="signalen"'))]
    assert [s.bericht for s in signalen[:5]] == [b for b in (f"Signaal {d}" for d in range(1, 8)) if b in sectie]
    assert "De 5 urgentste van 7 signalen." in sectie
    assert f'href="{reverse("signalen:lijst")}?traject={traject.pk}">Alle 7 signalen van dit traject' in sectie
    lijst = met_secties(client, f"{reverse('signalen:lijst')}?traject={traject.pk}")
    assert all(s.bericht in lijst for s in signalen)
