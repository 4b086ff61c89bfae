"""Rule 7: a certificate (e.g. VCA) or an employer's letter of intent expiring.

certificaat: a certificate with an expiry date of a participant who is in a trajectory (selected
or further, not yet ended). A participant in several trajectories gets one signal, on the most
recent participation.
toezegging: an open work place whose employer's letter of intent or job guarantee expires.
Both use the reminder lead times: nothing before the longest, then 'let op', urgent within the
shortest and after the expiry date.
"""

from django.urls import reverse

from signalen import constants as c
from signalen.regels import ScanContext, voor_regie


def _states_vanaf_selectie():
    from trajecten.constants import BEZETTE_STATES, DeelnameStatus

    return tuple(s for s in BEZETTE_STATES if s not in (DeelnameStatus.AANGEMELD, DeelnameStatus.INTAKE))


def certificaat(ctx: ScanContext):
    from opleiders.constants import CertificaatSoort
    from trajecten.models import Deelname

    # One query: the participations (selected or further) of every participant who has a
    # participation in scope, joined to their expiring certificates. All of a participant's
    # participations count, so that a recompute of one trajectory puts the signal on the most
    # recent participation wherever it is (the scan finds the existing signal by its key).
    deelnames = Deelname.objects.filter(status__in=_states_vanaf_selectie())
    if not ctx.volledig:
        deelnames = deelnames.filter(
            deelnemer__in=Deelname.objects.filter(ctx.in_scope("traject")).values("deelnemer_id")
        )
    rows = (
        deelnames.filter(deelnemer__certificaten__geldig_tot__isnull=False)
        .order_by("aangemeld_op", "id")
        .values_list(
            "deelnemer__certificaten__id", "deelnemer__certificaten__soort", "deelnemer__certificaten__geldig_tot",
            "id", "traject_id", "traject__regisseur_id", "traject__regie_organisatie_id", "deelnemer__gemeente_id",
        )
    )  # fmt: skip
    laatste: dict[int, tuple] = {}
    for row in rows:  # ordered by participation: the most recent one wins
        laatste[row[0]] = row
    labels = dict(CertificaatSoort.choices)
    for pk, soort, geldig_tot, deelname_id, traject_id, regisseur_id, regie_id, gemeente_id in laatste.values():
        ernst = ctx.ernst(geldig_tot, ctx.termijnen.voor(gemeente_id))
        if ernst is None:
            continue
        naam = f"Certificaat {labels.get(soort, soort)}"
        if geldig_tot < ctx.vandaag:
            bericht = f"{naam} is verlopen op {geldig_tot:%d-%m-%Y}."
        else:
            bericht = f"{naam} verloopt op {geldig_tot:%d-%m-%Y}."
        yield voor_regie(
            regel=c.Regel.CERTIFICAAT,
            object_type="certificaat",
            object_id=str(pk),
            deadline=geldig_tot,
            ernst=ernst,
            bericht=bericht,
            link=reverse("trajecten:deelname", args=[deelname_id]),
            traject_id=traject_id,
            deelname_id=deelname_id,
            regisseur_id=regisseur_id,
            regie_id=regie_id,
        )


def toezegging(ctx: ScanContext):
    from werkgevers.constants import PlekStatus, Toezegging
    from werkgevers.models import Leerwerkplek

    rows = (
        Leerwerkplek.objects.filter(
            ctx.in_scope("traject"), status=PlekStatus.OPEN, toezegging_geldig_tot__isnull=False
        )
        .exclude(toezegging=Toezegging.GEEN)
        .values_list(
            "id", "toezegging", "toezegging_geldig_tot", "functietitel", "werkgever__organisatie__naam",
            "traject_id", "traject__regisseur_id", "traject__regie_organisatie_id",
        )
    )  # fmt: skip
    labels = dict(Toezegging.choices)
    for pk, soort, geldig_tot, functie, werkgever, traject_id, regisseur_id, regie_id in rows:
        ernst = ctx.ernst(geldig_tot, ctx.termijnen.standaard)
        if ernst is None:
            continue
        wat = f"{labels[soort]} van {werkgever} voor {functie}"
        if geldig_tot < ctx.vandaag:
            bericht = f"{wat} is verlopen op {geldig_tot:%d-%m-%Y}."
        else:
            bericht = f"{wat} verloopt op {geldig_tot:%d-%m-%Y}."
        yield voor_regie(
            regel=c.Regel.TOEZEGGING,
            object_type="leerwerkplek",
            object_id=str(pk),
            deadline=geldig_tot,
            ernst=ernst,
            bericht=bericht,
            link=reverse("matching:plek_wijzigen", args=[pk]),
            traject_id=traject_id,
            regisseur_id=regisseur_id,
            regie_id=regie_id,
        )
