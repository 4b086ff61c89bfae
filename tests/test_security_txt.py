"""/.well-known/security.txt (RFC 9116, issue 17): the contacts from the settings, an expiry
within a year, and no file at all when no contact is configured."""

import datetime as dt

from django.test import override_settings
from django.utils import timezone


def _velden(response) -> dict[str, list[str]]:
    velden: dict[str, list[str]] = {}
    for regel in response.content.decode().splitlines():
        naam, _, waarde = regel.partition(": ")
        velden.setdefault(naam, []).append(waarde)
    return velden


@override_settings(
    LEERWERK_SECURITY_CONTACT=["mailto:security@gemeente.example", "https://gemeente.example/melden"],
    LEERWERK_SECURITY_BELEID="https://gemeente.example/cvd",
    LEERWERK_SECURITY_TXT_DAGEN=90,
    SITE_URL="https://leerwerk.gemeente.example",
)
def test_security_txt_names_the_contacts_and_expires_within_a_year(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    velden = _velden(response)
    assert velden["Contact"] == ["mailto:security@gemeente.example", "https://gemeente.example/melden"]
    assert velden["Policy"] == ["https://gemeente.example/cvd"]
    assert velden["Preferred-Languages"] == ["nl, en"]
    assert velden["Canonical"] == ["https://leerwerk.gemeente.example/.well-known/security.txt"]
    (verloopt,) = velden["Expires"]
    verloopt = dt.datetime.strptime(verloopt, "%Y-%m-%dT%H:%M:%S%z")
    assert dt.timedelta(days=89) < verloopt - timezone.now() <= dt.timedelta(days=90)


@override_settings(LEERWERK_SECURITY_CONTACT=[])
def test_no_contact_no_security_txt(client):
    assert client.get("/.well-known/security.txt").status_code == 404
