"""The page benchmark's baseline: a trivial page that needs a login (scripts/benchmark_paginas.py)."""

import pytest
from django.urls import reverse

from leerwerk.demo import DEMO_PASSWORD
from leerwerk.models import Rol

pytestmark = pytest.mark.django_db


def test_trivial_page_sends_an_anonymous_visitor_to_the_login(client):
    url = reverse("gezondheid_ingelogd")
    assert url == "/gezondheid/ingelogd/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_trivial_page_answers_ok_after_logging_in_through_the_form(client, make_user):
    user = make_user(Rol.KLANTMANAGER)
    login = client.post(reverse("login"), {"username": user.email, "password": DEMO_PASSWORD})
    assert login.status_code == 302
    response = client.get(reverse("gezondheid_ingelogd"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
