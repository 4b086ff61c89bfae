"""The main menu is rendered once per combination of roles, staff, current item and language
(leerwerk.templatetags.leerwerk_menu): each user still sees their own items, the current page
marked, and nothing of another user's menu."""

import re

from django.urls import reverse

from leerwerk.models import Rol


def _menu(html: str) -> str:
    return re.search(r'<nav class="leerwerk-nav".*?</nav>', html, re.S).group(0)


def _huidig(menu: str) -> list[str]:
    return re.findall(r'aria-current="page">([^<]+)<', menu)


def test_each_user_sees_their_own_items_and_the_current_one(client, make_user):
    beide = make_user(Rol.REGISSEUR)
    beide.rollen = [Rol.REGISSEUR, Rol.WETHOUDER]
    beide.save()
    client.force_login(beide)
    regie = _menu(client.get(reverse("resultaten:regie")).content.decode())
    assert _huidig(regie) == ["Resultaten van de regie"]
    wethouder = _menu(client.get(reverse("resultaten:wethouder")).content.decode())
    assert _huidig(wethouder) == ["Resultaten"]
    assert "Mijn trajecten" in regie and "Mijn kandidaten" not in regie and "Beheer" not in regie

    klantmanager = make_user(Rol.KLANTMANAGER)
    client.force_login(klantmanager)
    menu = _menu(client.get(reverse("deelnemers:kandidaten")).content.decode())
    assert _huidig(menu) == ["Mijn kandidaten"]
    assert "Mijn trajecten" not in menu and "Resultaten" not in menu
    assert "Mijn werk: Klantmanager" in menu

    klantmanager.rollen = [Rol.KLANTMANAGER, Rol.BEHEERDER]  # the beheerder uses the admin (is_staff)
    klantmanager.save()
    client.force_login(klantmanager)
    staf = _menu(client.get(reverse("deelnemers:kandidaten")).content.decode())
    assert '<a class="utrecht-link" href="/beheer/">Beheer</a>' in staf and _huidig(staf) == ["Mijn kandidaten"]
    assert '<a class="utrecht-link" href="/beheer/">' not in menu
    # The start page marks its own "Mijn werk" item.
    start = _menu(client.get(reverse("mijn_werk_rol", kwargs={"rol": "klantmanager"})).content.decode())
    assert _huidig(start) == ["Mijn werk: Klantmanager"]
