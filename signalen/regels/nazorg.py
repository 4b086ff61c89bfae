"""Rule 6: an aftercare contact due, and overdue.

Outflow is the effective date of the participation's first step into geplaatst. The aftercare
contacts are due `nazorg_maanden` months after it (default 1, 3 and 6); the k-th contact is
done when at least k+1 contacts of soort nazorg are dated on or after the outflow. Only the
first contact not yet done gives a signal, with its due date as deadline, so each contact is a
signal of its own. For the regie, and for each jobcoach of the participation (issue 16; a
recorded nazorg contact closes theirs too). One query for all participations in scope, two more
for their jobcoaches when any contact is due.
"""

from django.urls import reverse

from leerwerk.datums import plus_maanden
from signalen import constants as c
from signalen.regels import ScanContext, voor_regie
from trajecten.constants import NAZORG_STATUS


def nazorg(ctx: ScanContext):
    from trajecten.models import Deelname
    from trajecten.selectors import met_nazorgcontacten

    rows = (
        met_nazorgcontacten(Deelname.objects.filter(ctx.in_scope("traject"), status__in=NAZORG_STATUS))
        .filter(uitstroom__isnull=False)
        .values_list(
            "id", "uitstroom", "contacten", "traject_id", "traject__naam", "traject__regisseur_id",
            "traject__regie_organisatie_id", "deelnemer__gemeente_id",
        )
    )  # fmt: skip
    gevonden = []
    for pk, uitstroom_op, aantal, traject_id, traject, regisseur_id, regie_id, gemeente_id in rows:
        regels = ctx.termijnen.voor(gemeente_id)
        maanden = sorted(regels.nazorg_maanden)
        if aantal >= len(maanden):
            continue
        n = maanden[aantal]  # the first contact not yet done
        deadline = plus_maanden(uitstroom_op, n)
        ernst = ctx.ernst(deadline, regels)
        if ernst is None:
            continue
        contact = (
            f"het {aantal + 1}e nazorgcontact ({n} {'maand' if n == 1 else 'maanden'} na de uitstroom "
            f"op {uitstroom_op:%d-%m-%Y})"
        )
        if deadline < ctx.vandaag:
            bericht = f"Traject {traject}: {contact} was op {deadline:%d-%m-%Y} aan de beurt en is nog niet vastgelegd."
        else:
            bericht = f"Traject {traject}: {contact} is aan de beurt, uiterlijk op {deadline:%d-%m-%Y}."
        yield voor_regie(
            regel=c.Regel.NAZORG,
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
        gevonden.append({"deadline": deadline, "ernst": ernst, "bericht": bericht, "traject_id": traject_id,
                         "deelname_id": pk})  # fmt: skip
    # Each jobcoach of the participation too (issue 16): they record the contact on their page.
    from begeleiding.regels import coaches, voor_jobcoaches

    per_deelname = coaches(g["deelname_id"] for g in gevonden)
    for g in gevonden:
        pk = g["deelname_id"]
        yield from voor_jobcoaches(
            per_deelname.get(pk, ()), regel=c.Regel.NAZORG, object_type="deelname-jobcoach", object_pk=pk,
            link=reverse("begeleiding:deelnemer", args=[pk]), **g,
        )  # fmt: skip
