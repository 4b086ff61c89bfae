"""Helpers shared by the tests of the regisseur's screens (fixtures are in conftest.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import DeelnameFactory, GemeenteFactory, TrajectFactory
from trajecten import constants as c

S = c.DeelnameStatus
both_dbs = pytest.mark.django_db(databases=["default", "audit"])


def deelname_in(traject, status=S.AANGEMELD, **kwargs):
    return DeelnameFactory(traject=traject, status=status, **kwargs)


def verplaats(client, deelname, htmx=False, **data):
    """POST a card's "Verplaats naar" form; verwacht_van defaults to the card's status."""
    prefix = f"d{deelname.pk}"
    post = {f"{prefix}-{k}": v for k, v in data.items()}
    post.setdefault(f"{prefix}-verwacht_van", deelname.status)
    post.setdefault(f"{prefix}-ingangsdatum", timezone.localdate().isoformat())
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("trajecten:deelname_stap", args=[deelname.pk]), post, **headers)


def other_traject():
    return TrajectFactory(regie_organisatie=GemeenteFactory())
