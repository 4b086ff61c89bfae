"""Celery tasks of financing: thin wrappers around financiering.resultaten. Idempotent: the claim
lines' unique key makes a task delivered twice add nothing."""

from celery import shared_task

from financiering import resultaten


@shared_task(name="financiering.tasks.resultaten_detecteren")
def resultaten_detecteren(traject_ids: list[int] | None = None) -> str:
    """Detect the results of these trajectories (all, without ids) and keep the claims in step."""
    return str(resultaten.detecteer(traject_ids))


@shared_task(name="financiering.tasks.declaratie_pdf")
def declaratie_pdf(declaratie_id: int) -> str:
    """Render a submitted statement's PDF. Idempotent: a second run writes the same file again."""
    from django.core.files.base import ContentFile

    from financiering import selectors
    from financiering.models import Declaratie
    from leerwerk.pdf import render_pdf

    declaratie = Declaratie.objects.select_related("ontvanger", "betaler").get(pk=declaratie_id)
    regels = selectors.declaratie_regels(declaratie)
    pdf = render_pdf(
        "financiering/pdf/declaratie.html",
        {"declaratie": declaratie, "regels": regels, "totaal": sum((r.bedrag for r in regels), 0)},
    )
    if declaratie.pdf:
        declaratie.pdf.delete(save=False)
    declaratie.pdf.save(f"{declaratie.nummer}.pdf", ContentFile(pdf), save=False)
    declaratie.pdf_status = "klaar"
    declaratie.save(update_fields=["pdf", "pdf_status"])
    return declaratie.nummer
