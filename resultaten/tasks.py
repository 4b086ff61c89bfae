"""Celery task of the results: the council report's PDF (WeasyPrint). Idempotent: a second run
renders the report again (with its choice and reference date) into the same place, one file.
A failure marks the report as failed, so the page says so instead of waiting."""

from celery import shared_task


@shared_task(name="resultaten.tasks.raadsrapportage_pdf")
def raadsrapportage_pdf(rapportage_id: int) -> str:
    from django.core.files.base import ContentFile
    from django.http import QueryDict

    from leerwerk.pdf import render_pdf
    from resultaten import selectors
    from resultaten.models import Raadsrapportage

    r = Raadsrapportage.objects.select_related("aangevraagd_door__organisatie", "organisatie").get(pk=rapportage_id)
    keuze = QueryDict(mutable=True)
    for sleutel, waarden in r.keuze.items():
        keuze.setlist(sleutel, waarden)
    try:
        pdf = render_pdf(
            "resultaten/raadsrapportage.html", selectors.rapport(r.aangevraagd_door, r.rol, keuze, r.peildatum)
        )
        if r.pdf:
            r.pdf.delete(save=False)
        r.pdf.save(f"raadsrapportage-{r.peildatum:%Y-%m-%d}-{r.pk}.pdf", ContentFile(pdf), save=False)
    except Exception:
        Raadsrapportage.objects.filter(pk=r.pk).update(status=Raadsrapportage.Status.MISLUKT)
        raise
    r.status = Raadsrapportage.Status.KLAAR
    r.save(update_fields=["pdf", "status"])
    return str(r.pk)
