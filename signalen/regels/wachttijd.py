"""Rule 5: selected but not started within the maximum waiting time.

A participation still in geselecteerd waits since the effective date of its latest step into
geselecteerd; the waiting time ends `wachttijd_weken` weeks later. One query for all
participations in scope.
"""

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from signalen import constants as c
from signalen.regels import ScanContext, voor_regie
from trajecten.constants import DeelnameStatus


def wachttijd(ctx: ScanContext):
    from trajecten.models import Deelname, DeelnameStap

    laatste_selectie = (
        DeelnameStap.objects.filter(deelname=OuterRef("pk"), naar_status=DeelnameStatus.GESELECTEERD)
        .order_by("-ingangsdatum", "-op", "-id")
        .values("ingangsdatum")[:1]
    )
    rows = (
        Deelname.objects.filter(ctx.in_scope("traject"), status=DeelnameStatus.GESELECTEERD)
        .annotate(geselecteerd_op=Subquery(laatste_selectie))
        .filter(geselecteerd_op__isnull=False)
        .values_list(
            "id", "geselecteerd_op", "traject_id", "traject__naam", "traject__regisseur_id",
            "traject__regie_organisatie_id", "deelnemer__gemeente_id",
        )
    )  # fmt: skip
    for pk, geselecteerd_op, traject_id, traject, regisseur_id, regie_id, gemeente_id in rows:
        regels = ctx.termijnen.voor(gemeente_id)
        weken = regels.wachttijd_weken
        deadline = geselecteerd_op + dt.timedelta(weeks=weken)
        ernst = ctx.ernst(deadline, regels)
        if ernst is None:
            continue
        termijn = f"de maximale wachttijd van {weken} weken na selectie op {geselecteerd_op:%d-%m-%Y}"
        if deadline < ctx.vandaag:
            # The same text every day: a day count would make it "changed" for the daily e-mail.
            bericht = (
                f"Traject {traject}: een geselecteerde deelnemer wacht langer dan {termijn} "
                f"(tot en met {deadline:%d-%m-%Y}) op de start."
            )
        else:
            bericht = (
                f"Traject {traject}: een geselecteerde deelnemer wacht op de start; "
                f"{termijn} loopt tot en met {deadline:%d-%m-%Y}."
            )
        yield voor_regie(
            regel=c.Regel.WACHTTIJD,
            object_type="deelname",
            object_id=str(pk),
            deadline=deadline,
            ernst=ernst,
            bericht=bericht,
            link=reverse("trajecten:deelname", args=[pk]),
            traject_id=traject_id,
            deelname_id=pk,
            regisseur_id=regisseur_id,
            regie_id=regie_id,
        )
