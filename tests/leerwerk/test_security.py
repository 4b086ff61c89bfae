"""The client's IP address behind reverse proxies, for the lockout and the access log."""

import pytest
from django.test import RequestFactory

from leerwerk.security import client_ip


def _request(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="198.51.100.7")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client forged the first entry
        (2, "198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "10.0.0.9", "10.0.0.5"),  # fewer entries than proxies: do not trust the header
        (1, "geen-adres", None),
    ],
)
def test_behind_proxies_the_client_is_counted_from_the_end(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_lockout_counts_the_client_not_the_proxy(client, settings, make_user):
    """Behind one proxy, failed logins from two clients are counted apart."""
    from django.urls import reverse

    settings.TRUSTED_PROXY_COUNT = 1
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):  # the first client is locked out
        client.post(
            reverse("login"),
            {"username": "iemand@test.example", "password": "fout"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    # Another client behind the same proxy is not locked out by the first one's failures.
    response = client.post(
        reverse("login"),
        {"username": user.email, "password": "leerwerk-demo"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert response.status_code == 302
