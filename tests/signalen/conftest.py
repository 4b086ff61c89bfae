"""A small world for the signal tests, and a helper to scan on a given day.

The gemeente lies in Noord-Brabant (bouwvak region Zuid); so does the employer's location.
`wereld.deelname(status)` adds a participant on bijstand (pass `uitkering_type="geen"` for
one without benefit); `wereld.plaatsing(deelname, ...)` writes a placement straight into the
database in the given state (the werkgevers services are tested elsewhere);
`wereld.bouwvak(regio, jaar, start, eind)` enters a bouwvak period.
`scan_op(dag)` runs the scan with time frozen at 09:00 on `dag` and returns the current
signals, ordered by rule and deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from django.utils import timezone

from deelnemers.constants import UitkeringType
from leerwerk.models import BouwvakPeriode, Rol
from signalen.models import Signaal
from signalen.scan import scan
from signalen.selectors import actueel
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    LeerwerkplekFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from werkgevers import constants as wc
from werkgevers.models import Plaatsing


@dataclass
class Wereld:
    gemeente: object
    regisseur: object
    klantmanager: object
    beheerder: object
    traject: object
    werkgever: object
    werkgever_user: object
    plek: object

    def deelname(self, status=tc.DeelnameStatus.OPLEIDING, *, status_sinds=None, **deelnemer_fields):
        deelnemer_fields.setdefault("uitkering_type", UitkeringType.BIJSTAND)
        deelnemer = DeelnemerFactory(gemeente=self.gemeente, klantmanager=self.klantmanager, **deelnemer_fields)
        extra = {"status_sinds": status_sinds} if status_sinds else {}
        return DeelnameFactory(
            traject=self.traject, deelnemer=deelnemer, status=status, aangemeld_door=self.klantmanager, **extra
        )

    def plaatsing(self, deelname, *, start, gepland_einde=None, soort=wc.PlaatsingSoort.PROEFPLAATSING,
                  status=wc.PlaatsingStatus.GESTART, plek=None):  # fmt: skip
        bevestigd = status in wc.ACTIEVE_PLAATSING
        return Plaatsing.objects.create(
            deelname=deelname,
            leerwerkplek=plek or self.plek,
            soort=soort,
            start=start,
            gepland_einde=gepland_einde,
            uren_per_week=24,
            status=status,
            voorgesteld_door=self.regisseur,
            bevestigd_door=self.werkgever_user if bevestigd else None,
            bevestigd_op=timezone.now() if bevestigd else None,
            bevestigde_versie=1 if bevestigd else None,
        )

    def bouwvak(self, regio, jaar, start, eind):
        periode, _ = BouwvakPeriode.objects.update_or_create(
            regio=regio, jaar=jaar, defaults={"start": start, "eind": eind}
        )
        return periode


@pytest.fixture
def wereld(db, gemeente, make_user):
    gemeente.provincie = "noord_brabant"
    gemeente.save()
    regisseur = make_user(Rol.REGISSEUR)
    klantmanager = make_user(Rol.KLANTMANAGER)
    beheerder = make_user(Rol.BEHEERDER)
    traject = TrajectFactory(
        regie_organisatie=gemeente, arbeidsmarktregio=gemeente.arbeidsmarktregio, regisseur=regisseur,
        status=tc.TrajectStatus.LOPEND, gemeenten=[gemeente],
    )  # fmt: skip
    werkgever = WerkgeverFactory()
    TrajectPartnerFactory(traject=traject, organisatie=werkgever.organisatie, rol=tc.PartnerRol.WERKGEVER)
    werkgever_user = make_user(Rol.WERKGEVER, organisatie=werkgever.organisatie)
    plek = LeerwerkplekFactory(werkgever=werkgever, traject=traject)
    return Wereld(gemeente, regisseur, klantmanager, beheerder, traject, werkgever, werkgever_user, plek)


def scan_op(dag: dt.date, **kwargs) -> list[Signaal]:
    """Scan with the clock at 09:00 (Amsterdam) on `dag`; return the current signals."""
    moment = timezone.make_aware(dt.datetime.combine(dag, dt.time(9, 0)))
    with time_machine.travel(moment, tick=False):
        scan(vandaag=dag, **kwargs)
    return list(Signaal.objects.filter(actueel(dag)).order_by("regel", "deadline", "id"))


def van_regel(signalen, regel) -> list[Signaal]:
    return [s for s in signalen if s.regel == regel]
