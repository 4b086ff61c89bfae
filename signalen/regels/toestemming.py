"""A candidate's consent to share reaches its end date.

For the candidate's klantmanager (else every klantmanager of the candidate's gemeente): ask
the candidate to renew in time, for after the end date the consent counts as not given and
nothing is shared any more (Toestemming.geldig_q). The reminder lead times of the candidate's
gemeente: nothing before the longest, then 'let op', urgent within the shortest and after the
end date has passed. The rule reads every current consent with an end date in one query, in
every scan (signalen.scan.VOLLEDIGE_REGELS): a renewal or withdrawal closes the signal at once.
The message names no person: it goes into e-mail and the calendar feed.
"""

from signalen import constants as c
from signalen.regels import ScanContext, voor_klantmanager


def toestemming_einde(ctx: ScanContext):
    from deelnemers.constants import ToestemmingSoort
    from deelnemers.models import Toestemming

    rows = Toestemming.objects.filter(
        einddatum__isnull=False, ingetrokken_op__isnull=True, vervangen_op__isnull=True
    ).values_list("id", "soort", "einddatum", "deelnemer_id", "deelnemer__gemeente_id", "deelnemer__klantmanager_id")
    labels = dict(ToestemmingSoort.choices)
    for pk, soort, einddatum, deelnemer_id, gemeente_id, klantmanager_id in rows:
        ernst = ctx.ernst(einddatum, ctx.termijnen.voor(gemeente_id))
        if ernst is None:
            continue
        wat = f"Toestemming '{labels.get(soort, soort)}'"
        if einddatum < ctx.vandaag:
            bericht = (
                f"{wat} is verlopen op {einddatum:%d-%m-%Y}: er wordt niets meer gedeeld. Vraag opnieuw toestemming."
            )
        else:
            bericht = f"{wat} loopt af op {einddatum:%d-%m-%Y}. Vraag de kandidaat tijdig opnieuw toestemming."
        yield voor_klantmanager(
            klantmanager_id=klantmanager_id,
            gemeente_id=gemeente_id,
            deelnemer_id=deelnemer_id,
            regel=c.Regel.TOESTEMMING,
            object_type="toestemming",
            object_id=str(pk),
            deadline=einddatum,
            ernst=ernst,
            bericht=bericht,
        )
