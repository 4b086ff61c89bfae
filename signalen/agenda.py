"""The calendar feed of a user's deadlines: iCalendar (RFC 5545) written by hand, a few lines.

One all-day event per current signal, and one timed event per meeting of a trajectory the user
attends (regie.Overleg: its kind, trajectory, time and place; not its agenda or minutes).
For a signal, what goes in is the rule, the severity, the deadline,
the signal's `bericht` (which never holds a person's name: see signalen.models.Signaal) and a
link to where to act; never the participant. The secret link is a random token of which only
a SHA-256 fingerprint is stored (SignaalInstelling.agenda_token_hash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//leerwerk//signalen//NL"
KALENDERNAAM = "leerwerk – signalen"
TIJDZONE = "Europe/Amsterdam"
VERVERS = "PT1H"  # how often a subscribing calendar should fetch the feed again


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1): continuation lines start with one
    space, which counts; a multi-byte UTF-8 character is never split."""
    parts, current, size = [], [], 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [" "], 1, MAX_OCTETS
        current.append(char)
        size += width
    parts.append("".join(current))
    return CRLF.join(parts)


def _datum(dag: dt.date) -> str:
    return dag.strftime("%Y%m%d")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _samenvatting(signaal) -> str:
    return f"[{signaal.get_ernst_display()}] {signaal.get_regel_display()}"


def _beschrijving(signaal) -> str:
    tekst = signaal.bericht
    if signaal.suggestie:
        tekst += f"\nVoorstel: {signaal.suggestie:%d-%m-%Y}"
        if signaal.suggestie_toelichting:
            tekst += f" ({signaal.suggestie_toelichting})"
    return tekst


def _event(signaal, *, nu: dt.datetime, absolute_url: Callable[[str], str], standaard_link: str) -> list[str]:
    regels = [
        "BEGIN:VEVENT",
        f"UID:signaal-{signaal.pk}@leerwerk",
        f"DTSTAMP:{_utc(nu)}",
        f"LAST-MODIFIED:{_utc(signaal.gewijzigd_op)}",
        f"DTSTART;VALUE=DATE:{_datum(signaal.deadline)}",
        f"DTEND;VALUE=DATE:{_datum(signaal.deadline + dt.timedelta(days=1))}",
        f"SUMMARY:{escape_text(_samenvatting(signaal))}",
        f"DESCRIPTION:{escape_text(_beschrijving(signaal))}",
        # A URI value is not TEXT: no escaping (our links are plain paths).
        f"URL:{absolute_url(signaal.link or standaard_link)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return regels


def _overleg_event(b, *, nu: dt.datetime, absolute_url: Callable[[str], str]) -> list[str]:
    from django.urls import reverse
    from django.utils import timezone

    begin = timezone.make_aware(dt.datetime.combine(b.datum, b.begintijd))
    einde = timezone.make_aware(dt.datetime.combine(b.datum, b.eindtijd))
    regels = [
        "BEGIN:VEVENT",
        f"UID:overleg-{b.pk}@leerwerk",
        f"DTSTAMP:{_utc(nu)}",
        f"DTSTART:{_utc(begin)}",
        f"DTEND:{_utc(einde)}",
        f"SUMMARY:{escape_text(f'{b.get_soort_display()}: {b.traject.naam}')}",
        f"DESCRIPTION:{escape_text(f'Overleg van de partners van traject {b.traject.naam}.')}",
    ]
    if b.locatie:
        regels.append(f"LOCATION:{escape_text(b.locatie)}")
    regels += [f"URL:{absolute_url(reverse('regie:overleg', args=[b.pk]))}", "END:VEVENT"]
    return regels


def render_feed(
    signalen: Iterable,
    *,
    absolute_url: Callable[[str], str],
    standaard_link: str,
    nu: dt.datetime,
    overleggen: Iterable = (),
) -> str:
    """The whole feed as text with CRLF line ends. `absolute_url(path)` makes a link absolute
    (request.build_absolute_uri); `standaard_link` is used for a signal without a link."""
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(KALENDERNAAM)}",
        f"X-WR-TIMEZONE:{TIJDZONE}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{VERVERS}",
        f"X-PUBLISHED-TTL:{VERVERS}",
    ]
    for signaal in signalen:
        regels += _event(signaal, nu=nu, absolute_url=absolute_url, standaard_link=standaard_link)
    for b in overleggen:
        regels += _overleg_event(b, nu=nu, absolute_url=absolute_url)
    regels.append("END:VCALENDAR")
    return "".join(fold(regel) + CRLF for regel in regels)
