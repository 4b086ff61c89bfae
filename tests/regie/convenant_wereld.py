"""A trajectory ready for its covenant (every readiness item met), on the regie world of
tests/regie/conftest.py: each party has a signatory; the partners' contributions, a budget line
with an accepted gap, the agreements, a confirmed job guarantee, a kick-off and a series."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from financiering.models import Begrotingsregel
from leerwerk.models import Rol
from regie.models import Convenant, FeedbackReeks, Overleg
from tests.factories import LeerwerkplekFactory, WerkgeverFactory


def tekenaars(rw, make_user) -> dict:
    """A signatory (tekenbevoegd) per party: the regie, the opleider and the werkgever."""
    return {
        "regie": make_user(Rol.REGISSEUR, organisatie=rw.traject.regie_organisatie, tekenbevoegd=True),
        "opleider": make_user(Rol.OPLEIDER, organisatie=rw.opleider.organisatie, tekenbevoegd=True),
        "werkgever": make_user(Rol.WERKGEVER, organisatie=rw.werkgever.organisatie, tekenbevoegd=True),
    }


def klaar_voor_convenant(rw, make_user) -> dict:
    t = rw.traject
    t.doel_aantal_deelnemers, t.doel_aandeel_werk, t.doel_datum = 10, 70, dt.date(2027, 6, 30)
    t.save()
    t.partners.update(inbreng_expertise="Vakopleiding en begeleiding", inbreng_tijd="4 uur per week", inbreng_budget=0)
    Begrotingsregel.objects.create(
        traject=t, categorie="vakopleiding", omschrijving="Basisvakopleiding", grondslag="groep",
        bedrag=Decimal("12000.00"),
    )  # fmt: skip
    Convenant.objects.create(
        traject=t, min_deelnemers=6, uitstroom_taalniveau="A2", uitval_aanpak="De regisseur belt binnen twee dagen.",
        tekort_geaccepteerd=True, tekort_toelichting="De gemeente betaalt het tekort uit het participatiebudget.",
    )  # fmt: skip
    werkgever = WerkgeverFactory(organisatie=rw.werkgever.organisatie)
    LeerwerkplekFactory(
        werkgever=werkgever, traject=t, min_taalniveau="A2", toezegging="baangarantie",
        toezegging_datum=dt.date(2026, 3, 1), toezegging_geldig_tot=dt.date(2027, 3, 1), aantal_plaatsen=3,
        toezegging_bevestigd_op=timezone.now(), toezegging_bevestigd_door=rw.werkgever,
    )  # fmt: skip
    Overleg.objects.create(traject=t, soort="kickoff", datum=dt.date(2026, 3, 16), aangemaakt_door=rw.regisseur)
    FeedbackReeks.objects.create(traject=t, vanaf=dt.date(2026, 4, 29), tot=dt.date(2026, 12, 18))
    return tekenaars(rw, make_user)
