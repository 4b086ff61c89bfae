"""The beheerder enters a bouwvak year that a rule needed (or this or next year) and is missing.

Only the full (nightly) scan reports: a scan of a few trajectories does not know every
region-year that is needed. Runs last, so that `ctx.kalender.ontbrekend` holds what the other
rules asked for and did not find. Besides those, every region's bouwvak of the current year is
needed, and from 1 September that of next year too (to plan the coming season).
"""

import datetime as dt

from django.urls import reverse

from leerwerk.models import Rol
from leerwerk.regios import BouwvakRegio
from signalen import constants as c
from signalen.regels import Bevinding, ScanContext

# From this day of the year on, next year's bouwvak is needed as well.
VOLGEND_JAAR_VANAF = (9, 1)


def nodig(ctx: ScanContext) -> set[tuple[str, int]]:
    jaar = ctx.vandaag.year
    jaren = [jaar]
    if (ctx.vandaag.month, ctx.vandaag.day) >= VOLGEND_JAAR_VANAF:
        jaren.append(jaar + 1)
    return {(regio, j) for regio in BouwvakRegio.values for j in jaren} | set(ctx.kalender.ontbrekend)


def bouwvak_ontbreekt(ctx: ScanContext):
    if not ctx.volledig:
        return
    link = reverse("admin:leerwerk_bouwvakperiode_add")
    for regio, jaar in sorted(nodig(ctx), key=lambda rj: (rj[1], rj[0])):
        if ctx.kalender.heeft(regio, jaar):
            continue
        naam = BouwvakRegio(regio).label if regio in BouwvakRegio.values else regio
        yield Bevinding(
            regel=c.Regel.BOUWVAK_ONTBREEKT,
            object_type="bouwvakjaar",
            object_id=f"{regio}-{jaar}",
            deadline=dt.date(jaar, 1, 1),
            ernst=c.Ernst.URGENT if jaar <= ctx.vandaag.year else c.Ernst.WAARSCHUWING,
            bericht=(
                f"De bouwvak van regio {naam} in {jaar} is nog niet ingevoerd; zonder deze data kan de planning "
                f"niet tegen de bouwvak worden gecontroleerd."
            ),
            rol=Rol.BEHEERDER,
            link=link,
        )
