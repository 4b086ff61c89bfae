"""Who is asking: the username django-axes counts, and the client's IP address behind proxies;
and where to report a vulnerability (security.txt)."""

import datetime as dt
import ipaddress

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


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


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability. The contacts come
    from LEERWERK_SECURITY_CONTACT; without them there is no such file (404). It expires after
    LEERWERK_SECURITY_TXT_DAGEN days from today, so a site left unmaintained does not keep
    promising a contact."""
    contacts = settings.LEERWERK_SECURITY_CONTACT
    if not contacts:
        raise Http404
    verloopt = timezone.now().replace(microsecond=0) + dt.timedelta(days=settings.LEERWERK_SECURITY_TXT_DAGEN)
    regels = [f"Contact: {contact}" for contact in contacts]
    regels.append(f"Expires: {verloopt.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    if settings.LEERWERK_SECURITY_BELEID:
        regels.append(f"Policy: {settings.LEERWERK_SECURITY_BELEID}")
    regels.append("Preferred-Languages: nl, en")
    if settings.SITE_URL:
        regels.append(f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt")
    return HttpResponse("\n".join(regels) + "\n", content_type="text/plain; charset=utf-8")
