"""Helpers of the rule tests: a step on a participation's timeline, and a second trajectory."""

import datetime as dt

from deelnemers.constants import UitkeringType
from tests.factories import DeelnameFactory, DeelnemerFactory, TrajectFactory
from trajecten import constants as tc
from trajecten.models import Deelname, DeelnameStap

S = tc.DeelnameStatus


def stap(deelname, naar: str, ingangsdatum: dt.date) -> None:
    """A step on the timeline, written straight into the database (the services are tested elsewhere)."""
    DeelnameStap.objects.create(
        deelname=deelname, van_status=deelname.status, naar_status=naar, door=deelname.aangemeld_door,
        ingangsdatum=ingangsdatum,
    )  # fmt: skip
    Deelname.objects.filter(pk=deelname.pk).update(
        status=naar, status_sinds=ingangsdatum, vorige_status=deelname.status if naar == S.GEPARKEERD else "",
        uitval_reden=tc.UitvalReden.OVERIG if naar == S.UITGEVALLEN else "",
    )  # fmt: skip
    deelname.status = naar


def ander_traject(wereld):
    """A second running trajectory of the same regisseur and gemeente."""
    return TrajectFactory(
        regie_organisatie=wereld.gemeente, arbeidsmarktregio=wereld.gemeente.arbeidsmarktregio,
        regisseur=wereld.regisseur, status=tc.TrajectStatus.LOPEND, gemeenten=[wereld.gemeente],
    )  # fmt: skip


def deelname_in(wereld, traject, status: str, status_sinds: dt.date, **deelnemer_fields):
    """A participant of the world's gemeente (on bijstand unless told) in another trajectory."""
    deelnemer_fields.setdefault("uitkering_type", UitkeringType.BIJSTAND)
    deelnemer = DeelnemerFactory(gemeente=wereld.gemeente, klantmanager=wereld.klantmanager, **deelnemer_fields)
    return DeelnameFactory(
        traject=traject, deelnemer=deelnemer, status=status, status_sinds=status_sinds,
        aangemeld_door=wereld.klantmanager,
    )  # fmt: skip
