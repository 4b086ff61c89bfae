"""The daily e-mail (dagmail): one outbox row per user per day, sent at most once.

`digests_maken` writes a Digest row for every user with new or changed signals since their
previous dagmail; the unique key (user, datum) makes a second run on the same day create
nothing. `digests_versturen` claims waiting rows one at a time and sends them: a failure goes
back to the queue (retried by the next run) until DIGEST_MAX_POGINGEN; a row a crashed worker
left in "bezig" is never sent again (it may have gone out), but marked "onzeker" and logged.

Visibility is that of signalen.selectors.signalen_for: the signals a user is responsible for,
and those addressed to a role they hold, in their organisation or nationally. The lines hold
no participant's name: a signal's `bericht` has none.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections import defaultdict

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from leerwerk.models import User
from signalen import constants as c
from signalen.models import Digest, Signaal, SignaalInstelling
from signalen.selectors import actueel

logger = logging.getLogger(__name__)

# A row still "bezig" after this long belonged to a worker that died while sending.
BEZIG_MAX = dt.timedelta(minutes=15)

_SIGNAAL_VELDEN = (
    "id", "regel", "ernst", "bericht", "deadline", "link", "suggestie", "verantwoordelijke_id", "rol",
    "organisatie_id", "gewijzigd_op", "status", "uitgesteld_tot",
)  # fmt: skip


def absolute_url(pad: str) -> str:
    """A link for an e-mail: the site's address (settings.SITE_URL) before a path."""
    if not pad or pad.startswith(("http://", "https://")):
        return pad
    return settings.SITE_URL.rstrip("/") + "/" + pad.lstrip("/")


def onderwerp(aantal: int) -> str:
    if aantal == 1:
        return "leerwerk: 1 nieuw of gewijzigd signaal"
    return f"leerwerk: {aantal} nieuwe of gewijzigde signalen"


# --- Making the day's digests -------------------------------------------------------------------


def digests_maken(vandaag: dt.date | None = None) -> int:
    """Write today's dagmail for every user with new or changed current signals; returns how
    many were written. A fixed number of queries, whatever the number of users or signals.

    Under the signals' lock, with the time taken before reading: a scan cannot commit a change
    in between that would then count as already mailed."""
    from signalen.scan import vergrendel

    with transaction.atomic():
        vergrendel()
        return _maken(vandaag or timezone.localdate(), timezone.now())


def _maken(vandaag: dt.date, nu) -> int:
    al_gemaakt = set(Digest.objects.filter(datum=vandaag).values_list("user_id", flat=True))
    users = [
        u
        for u in User.objects.filter(is_active=True, rollen__len__gt=0).values("id", "naam", "rollen", "organisatie_id")
        if u["id"] not in al_gemaakt
    ]
    if not users:
        return 0
    # The previous dagmail of each user (a failed one never reached them, so it does not count).
    vorige = dict(
        Digest.objects.filter(user_id__in=[u["id"] for u in users])
        .exclude(status=c.DigestStatus.MISLUKT)
        .values("user_id")
        .annotate(laatste=Max("aangemaakt_op"))
        .values_list("user_id", "laatste")
    )
    geen_email = dict(
        SignaalInstelling.objects.filter(user_id__in=[u["id"] for u in users]).values_list("user_id", "geen_email")
    )
    signalen = _kandidaten(users, vorige, vandaag)
    per_user = _per_user(users, signalen, vorige, geen_email, vandaag)
    if not per_user:
        return 0
    return _schrijf(per_user, vandaag, nu)


def _kandidaten(users, vorige, vandaag) -> list[dict]:
    """The current signals that may be new to somebody: changed since the oldest previous
    dagmail (all current ones when some user never had one), in one query."""
    rollen = {r for u in users for r in u["rollen"]}
    wie = Q(verantwoordelijke_id__in=[u["id"] for u in users]) | Q(verantwoordelijke__isnull=True, rol__in=rollen)
    qs = Signaal.objects.filter(actueel(vandaag)).filter(wie)
    if all(u["id"] in vorige for u in users):
        sinds = min(vorige.values())
        qs = qs.filter(Q(gewijzigd_op__gt=sinds) | Q(status=c.SignaalStatus.UITGESTELD))
    return list(qs.order_by("deadline", "id").values(*_SIGNAAL_VELDEN))


def _nieuw_voor(signaal: dict, sinds: dt.datetime | None, vandaag: dt.date) -> bool:
    """New or changed since the previous dagmail; a snooze that ended since then counts too."""
    if sinds is None or signaal["gewijzigd_op"] > sinds:
        return True
    if signaal["status"] == c.SignaalStatus.UITGESTELD and signaal["uitgesteld_tot"]:
        return timezone.localdate(sinds) < signaal["uitgesteld_tot"] <= vandaag
    return False


def _per_user(users, signalen, vorige, geen_email, vandaag) -> dict[int, tuple[dict, list[dict]]]:
    eigen: dict[int, list[dict]] = defaultdict(list)
    per_rol: dict[tuple, list[dict]] = defaultdict(list)
    for s in signalen:
        if s["verantwoordelijke_id"] is not None:
            eigen[s["verantwoordelijke_id"]].append(s)
        else:
            per_rol[(s["rol"], s["organisatie_id"])].append(s)
    result = {}
    for user in users:
        gezien: set[int] = set()
        regels: list[dict] = []
        groepen = [eigen.get(user["id"], [])]
        for rol in user["rollen"]:
            groepen.append(per_rol.get((rol, None), []))
            if user["organisatie_id"] is not None:
                groepen.append(per_rol.get((rol, user["organisatie_id"]), []))
        uit = set(geen_email.get(user["id"]) or ())
        sinds = vorige.get(user["id"])
        for groep in groepen:
            for s in groep:
                if s["id"] in gezien or s["regel"] in uit or not _nieuw_voor(s, sinds, vandaag):
                    continue
                gezien.add(s["id"])
                regels.append(s)
        if regels:
            result[user["id"]] = (user, regels)
    return result


def _tekst(user: dict, regels: list[dict]) -> str:
    groepen = []
    for ernst in sorted(c.Ernst, key=lambda e: -c.ERNST_RANG[e]):
        items = sorted((s for s in regels if s["ernst"] == ernst), key=lambda s: (s["deadline"], s["id"]))
        if items:
            groepen.append(
                {
                    "label": ernst.label,
                    "signalen": [
                        {**s, "regel_label": c.Regel(s["regel"]).label, "url": absolute_url(s["link"])} for s in items
                    ],
                }
            )
    with translation.override("nl"):
        tekst = render_to_string(
            "signalen/email/dagmail.txt",
            {
                "naam": user["naam"],
                "aantal": len(regels),
                "groepen": groepen,
                "lijst_url": absolute_url(reverse("signalen:lijst")),
                "instellingen_url": absolute_url(reverse("signalen:instellingen")),
            },
        )
    return re.sub(r"\n{3,}", "\n\n", tekst).strip() + "\n"


def _schrijf(per_user: dict, vandaag: dt.date, nu) -> int:
    with transaction.atomic():
        # ON CONFLICT DO NOTHING: a concurrent run that wrote a user's row first wins.
        Digest.objects.bulk_create(
            [
                Digest(
                    user_id=uid,
                    datum=vandaag,
                    onderwerp=onderwerp(len(regels)),
                    tekst=_tekst(user, regels),
                    aangemaakt_op=nu,
                )
                for uid, (user, regels) in per_user.items()
            ],
            ignore_conflicts=True,
        )
        # Ours are the rows with our timestamp (PostgreSQL returns no ids for ignored conflicts).
        gemaakt = dict(
            Digest.objects.filter(datum=vandaag, aangemaakt_op=nu, user_id__in=list(per_user)).values_list(
                "user_id", "id"
            )
        )
        through = Digest.signalen.through
        through.objects.bulk_create(
            [
                through(digest_id=digest_id, signaal_id=s["id"])
                for uid, digest_id in gemaakt.items()
                for s in per_user[uid][1]
            ],
            batch_size=2000,
        )
    logger.info("Dagmail %s: %d gemaakt", vandaag, len(gemaakt))
    return len(gemaakt)


# --- Sending ------------------------------------------------------------------------------------


def digests_versturen() -> int:
    """Send every waiting dagmail once; returns how many were sent."""
    _markeer_onderbroken()
    verzonden = 0
    geprobeerd: set[int] = set()
    # Stop claiming well before the task's soft time limit; the retry task sends the rest.
    tot = time.monotonic() + settings.CELERY_TASK_SOFT_TIME_LIMIT / 2
    while time.monotonic() < tot and (digest := _claim(geprobeerd)) is not None:
        geprobeerd.add(digest.pk)
        try:
            _verstuur(digest)
        except SoftTimeLimitExceeded:
            raise  # the row stays "bezig" and becomes "onzeker": it may have gone out
        except Exception as exc:  # noqa: BLE001 - whatever the mail backend raises, the row is retried
            _mislukt(digest, exc)
            continue
        Digest.objects.filter(pk=digest.pk).update(
            status=c.DigestStatus.VERZONDEN, verzonden_op=timezone.now(), laatste_fout=""
        )
        verzonden += 1
    return verzonden


def _markeer_onderbroken() -> None:
    """A row left "bezig" by a worker that died mid-send may have been sent: never again."""
    grens = timezone.now() - BEZIG_MAX
    ids = list(Digest.objects.filter(status=c.DigestStatus.BEZIG, bezig_sinds__lt=grens).values_list("id", flat=True))
    if not ids:
        return
    Digest.objects.filter(pk__in=ids, status=c.DigestStatus.BEZIG).update(
        status=c.DigestStatus.ONZEKER,
        laatste_fout="Onderbroken tijdens het verzenden; niet opnieuw verzonden, want mogelijk al ontvangen.",
    )
    for pk in ids:
        logger.warning("Dagmail %s: verzending onderbroken, status onzeker; wordt niet opnieuw verzonden", pk)


def _claim(geprobeerd: set[int]) -> Digest | None:
    """Take one waiting row for this worker (others skip it) and mark it "bezig"."""
    with transaction.atomic():
        digest = (
            Digest.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=c.DigestStatus.WACHT)
            .exclude(pk__in=geprobeerd)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if digest is None:
            return None
        digest.status, digest.bezig_sinds, digest.pogingen = c.DigestStatus.BEZIG, timezone.now(), digest.pogingen + 1
        digest.save(update_fields=["status", "bezig_sinds", "pogingen"])
    return digest


def _verstuur(digest: Digest) -> None:
    if not digest.user.is_active:
        raise RuntimeError("De gebruiker is niet meer actief.")
    EmailMessage(
        subject=digest.onderwerp,
        body=digest.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={"X-Leerwerk-Digest": str(digest.pk)},
    ).send(fail_silently=False)


def _mislukt(digest: Digest, exc: Exception) -> None:
    definitief = digest.pogingen >= c.DIGEST_MAX_POGINGEN or not digest.user.is_active
    status = c.DigestStatus.MISLUKT if definitief else c.DigestStatus.WACHT
    fout = f"{type(exc).__name__}: {exc}"[:500]
    Digest.objects.filter(pk=digest.pk).update(status=status, laatste_fout=fout)
    logger.warning("Dagmail %s: verzenden mislukt (poging %d): %s", digest.pk, digest.pogingen, fout)
