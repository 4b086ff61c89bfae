"""Who is asking: the username django-axes counts, and the client's IP address behind proxies."""

import ipaddress

from django.conf import settings


def axes_username(request, credentials):
    """The username django-axes counts failures for: as login matches it, case-insensitive."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


def client_ip(request) -> str | None:
    """The client's IP address, for the lockout and the access log.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each appends the address it received the
    request from to X-Forwarded-For; the client is the entry that many places from the end
    (anything before it may be forged by the client). Without proxies: REMOTE_ADDR.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            address = forwarded[-count]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None
