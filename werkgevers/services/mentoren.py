"""A mentor's or buddy's preparation (issue 16): an intercultural communication training, a
"Harrie" training or similar, on a date. Recorded by the employer's own contact person or by
a regisseur of a trajectory it is a partner in (the same rule as begeleider_save).

A placement whose mentor has had no preparation gives a hint signal (signalen.regels.mentor);
every write here publishes TRAJECT_GEWIJZIGD for the trajectories of the mentor's active
placements, so that the hint closes (or comes back) at once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from werkgevers import constants as c
from werkgevers.models import Begeleider, Mentorvoorbereiding, Plaatsing, Werkgever
from werkgevers.services.common import require_werkgever_or_regie, save


def _werkgever_van(begeleider: Begeleider) -> Werkgever:
    return Werkgever.objects.get(pk=begeleider.werkgever_id)


def _trajecten_van_mentor(begeleider_id: int) -> list[int]:
    """The trajectories of the mentor's active placements: their hint depends on this mentor."""
    return list(
        Plaatsing.objects.filter(mentor_id=begeleider_id, status__in=c.ACTIEVE_PLAATSING)
        .order_by()
        .values_list("deelname__traject_id", flat=True)
        .distinct()
    )


@transaction.atomic
def mentorvoorbereiding_vastleggen(
    *, acting_user, begeleider: Begeleider, soort: str, datum, omschrijving: str = ""
) -> Mentorvoorbereiding:
    """Record that `begeleider` was prepared (`soort`, on `datum`, not in the future)."""
    require_werkgever_or_regie(acting_user, _werkgever_van(begeleider))
    omschrijving = (omschrijving or "").strip()
    errors = {}
    if datum and datum > timezone.localdate():
        errors["datum"] = _("De datum ligt in de toekomst. Leg een voorbereiding vast als de mentor die gehad heeft.")
    if soort == c.VoorbereidingSoort.ANDERS and not omschrijving:
        errors["omschrijving"] = _("Beschrijf de andere voorbereiding, bijvoorbeeld met de naam van de training.")
    if errors:
        raise ValidationError(errors)
    voorbereiding = save(
        Mentorvoorbereiding(
            begeleider_id=begeleider.pk,
            soort=soort,
            datum=datum,
            omschrijving=omschrijving,
            vastgelegd_door=acting_user,
        )
    )
    traject_gewijzigd(_trajecten_van_mentor(begeleider.pk))
    return voorbereiding


@transaction.atomic
def mentorvoorbereiding_verwijderen(*, acting_user, voorbereiding: Mentorvoorbereiding) -> None:
    """Remove a preparation recorded by mistake (the history keeps it)."""
    begeleider = Begeleider.objects.get(pk=voorbereiding.begeleider_id)
    require_werkgever_or_regie(acting_user, _werkgever_van(begeleider))
    voorbereiding.delete()
    traject_gewijzigd(_trajecten_van_mentor(begeleider.pk))
