"""Celery tasks of the covenant (issue 15): render a version's PDF, and seal it once every party
signed. Both are idempotent: a version has one PDF and one sealed PDF, so a task delivered again
(a worker that crashed mid-way: acks late) finishes the same version and makes no second one.
A failed render marks the version MISLUKT, so the page says so instead of waiting. Every ten
minutes `convenanten_nalopen` finishes what a lost message or a failed seal left undone."""

from __future__ import annotations

import hashlib
import json

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

JSON_NAAM = "convenant-gegevens.json"


@shared_task(name="regie.tasks.convenant_renderen")
def convenant_renderen(versie_id: int) -> str:
    from leerwerk.pdf import render_pdf
    from regie import constants as c
    from regie.convenant import secties
    from regie.models import ConvenantVersie

    v = ConvenantVersie.objects.select_related("convenant__traject").get(pk=versie_id)
    if v.sha256 or v.status != c.VersieStatus.RENDEREN:
        return "al gedaan"
    try:
        gegevens = json.dumps(v.inhoud, ensure_ascii=False, indent=2, sort_keys=True)
        pdf = render_pdf(
            "regie/convenant_pdf.html",
            {"i": v.inhoud, "versie": v, "secties": secties(v.inhoud)},
            archief=True,
            bijlagen=[(JSON_NAAM, gegevens, "De gegevens waaruit dit convenant is opgemaakt")],
        )
    except Exception:
        ConvenantVersie.objects.filter(pk=v.pk, status=c.VersieStatus.RENDEREN).update(status=c.VersieStatus.MISLUKT)
        raise
    with transaction.atomic():
        v = ConvenantVersie.objects.select_for_update().get(pk=versie_id)
        if v.sha256:  # another delivery finished first
            return "al gedaan"
        v.pdf.save(f"convenant-{v.convenant_id}-versie-{v.nummer}.pdf", ContentFile(pdf), save=False)
        v.sha256 = hashlib.sha256(pdf).hexdigest()
        if v.status == c.VersieStatus.RENDEREN:
            v.status = c.VersieStatus.TER_ONDERTEKENING
        v.save(update_fields=["pdf", "sha256", "status"])
    return v.sha256


@shared_task(name="regie.tasks.convenant_verzegelen")
def convenant_verzegelen(versie_id: int) -> str:
    from leerwerk import zegel
    from leerwerk.pdf import render_pdf
    from regie import constants as c
    from regie.models import ConvenantVersie

    v = ConvenantVersie.objects.select_related("convenant__traject").get(pk=versie_id)
    if v.verzegeld_sha256 or v.status != c.VersieStatus.ONDERTEKEND:
        return "al gedaan"
    tekeningen = list(v.ondertekeningen.select_related("organisatie", "door").order_by("volgorde"))
    nu = timezone.now()
    verklaring = render_pdf(
        "regie/convenant_verklaring.html", {"versie": v, "tekeningen": tekeningen, "nu": nu}, archief=True
    )
    with v.pdf.open("rb") as f:
        origineel = f.read()
    if hashlib.sha256(origineel).hexdigest() != v.sha256:  # the stored file is not the one every party approved
        raise ValueError(f"Convenantversie {v.pk}: de opgeslagen pdf heeft niet de getekende vingerafdruk")
    verzegeld = zegel.verzegel(
        origineel, extra_pagina=verklaring, naam="leerwerk",
        reden=f"Convenant {v.inhoud['traject']['naam']}, versie {v.nummer}: ondertekend door alle partijen",
    )  # fmt: skip
    with transaction.atomic():
        v = ConvenantVersie.objects.select_for_update().get(pk=versie_id)
        if v.verzegeld_sha256:
            return "al gedaan"
        v.verzegeld_pdf.save(
            f"convenant-{v.convenant_id}-versie-{v.nummer}-verzegeld.pdf", ContentFile(verzegeld), save=False
        )
        v.verzegeld_sha256 = hashlib.sha256(verzegeld).hexdigest()
        v.verzegeld_op, v.status = nu, c.VersieStatus.VERZEGELD
        v.save(update_fields=["verzegeld_pdf", "verzegeld_sha256", "verzegeld_op", "status"])
    return v.verzegeld_sha256


# A version left this long in "renderen" or signed and unsealed is finished by convenanten_nalopen.
NALOPEN_NA = 5  # minutes


@shared_task(name="regie.tasks.convenanten_nalopen")
def convenanten_nalopen() -> dict:
    """Render the versions still waiting for their PDF, and seal those every party signed: their
    messages were lost (the broker was away at the commit) or the seal failed (no certificate).
    Both tasks are idempotent, so running them here as well does no harm."""
    import datetime as dt
    import logging

    from regie import constants as c
    from regie.models import ConvenantVersie

    grens = timezone.now() - dt.timedelta(minutes=NALOPEN_NA)
    uit = {"opgemaakt": 0, "verzegeld": 0, "mislukt": 0}
    wachtend = ConvenantVersie.objects.filter(aangemaakt_op__lt=grens)
    for taak, status, teller in (
        (convenant_renderen, c.VersieStatus.RENDEREN, "opgemaakt"),
        (convenant_verzegelen, c.VersieStatus.ONDERTEKEND, "verzegeld"),
    ):
        for pk in wachtend.filter(status=status).values_list("pk", flat=True):
            try:
                taak(pk)
            except Exception:  # noqa: BLE001 - one version's failure does not stop the others
                logging.getLogger(__name__).exception("Convenantversie %s: %s mislukt", pk, teller)
                uit["mislukt"] += 1
            else:
                uit[teller] += 1
    return uit
