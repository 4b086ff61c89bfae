"""Recording and handling a person's requests under the AVG (see avg.models)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from avg.constants import VerzoekSoort, VerzoekStatus
from avg.models import Verzoek
from deelnemers.models import Deelnemer
from deelnemers.selectors import is_klantmanager_of
from financiering.constants import ClaimStatus
from financiering.models import Claimregel
from trajecten.constants import BEZETTE_STATES
from trajecten.models import Deelname

MAX_TEKST = 2000


def _tekst(waarde: str, veld: str, leeg: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise ValidationError({veld: leeg})
    if len(waarde) > MAX_TEKST:
        raise ValidationError({veld: _("Schrijf hoogstens %(n)s tekens.") % {"n": MAX_TEKST}})
    return waarde


@transaction.atomic
def verzoek_vastleggen(*, acting_user, deelnemer: Deelnemer, soort: str, ontvangen_op: dt.date, toelichting: str):
    """The klantmanager of the person's gemeente records a request when it comes in."""
    if not is_klantmanager_of(acting_user, deelnemer):
        raise PermissionDenied
    if soort not in VerzoekSoort.values:
        raise ValidationError({"soort": _("Kies het soort verzoek.")})
    if ontvangen_op is None or ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("De datum van ontvangst kan niet in de toekomst liggen.")})
    toelichting = _tekst(toelichting, "toelichting", _("Schrijf op wat de persoon vraagt."))
    return Verzoek.objects.create(
        deelnemer=deelnemer, soort=soort, ontvangen_op=ontvangen_op, toelichting=toelichting,
        vastgelegd_door=acting_user,
    )  # fmt: skip


def bewaarplicht(deelnemer: Deelnemer) -> list[str]:
    """Why the candidate's data may not be deleted now (a legal duty to keep them); empty: may.

    - A participation still running: the gemeente keeps the file while the trajectory (and the
      benefit that goes with it) runs.
    - A claim line not yet paid or lapsed: the funder still has to check the result it pays for.
    Paid financial records do not stop a deletion: they are kept seven years (fiscal duty)
    without the person's identity, as the retention does.
    """
    redenen = []
    lopend = Deelname.objects.filter(deelnemer=deelnemer, status__in=BEZETTE_STATES).select_related("traject")
    for deelname in lopend.order_by("pk"):
        redenen.append(
            _(
                "%(naam)s neemt nog deel aan %(traject)s (%(fase)s). Zolang het traject loopt, moet de gemeente "
                "het dossier bewaren (Participatiewet)."
            )
            % {"naam": deelnemer.voornaam, "traject": deelname.traject.naam, "fase": deelname.get_status_display()}
        )
    if Claimregel.objects.filter(deelname__deelnemer=deelnemer, status=ClaimStatus.OPEN).exists():
        redenen.append(
            _(
                "Er staan nog resultaten open om te declareren. De financier moet ze kunnen controleren; "
                "verwijder pas na betaling of verval."
            )
        )
    return redenen


def mag_afhandelen(user, verzoek: Verzoek) -> bool:
    """The gemeente's klantmanager; a deletion by a second person, never the one who recorded it."""
    if verzoek.status != VerzoekStatus.INGEDIEND or not is_klantmanager_of(user, verzoek.deelnemer):
        return False
    return verzoek.soort != VerzoekSoort.VERWIJDERING or user.pk != verzoek.vastgelegd_door_id


@transaction.atomic
def verzoek_afhandelen(*, acting_user, verzoek: Verzoek, uitvoeren: bool, besluit: str) -> Verzoek:
    """Carry out or refuse a request, once, with what was done or why not. A deletion is carried
    out by a second person and refused, with the reasons, while a duty to keep applies; carrying
    it out anonymises the candidate as the retention does."""
    verzoek = Verzoek.objects.select_for_update().select_related("deelnemer").get(pk=verzoek.pk)
    if verzoek.status != VerzoekStatus.INGEDIEND:
        raise ValidationError({"besluit": _("Dit verzoek is al afgehandeld.")})
    if not is_klantmanager_of(acting_user, verzoek.deelnemer):
        raise PermissionDenied
    if verzoek.soort == VerzoekSoort.VERWIJDERING and acting_user.pk == verzoek.vastgelegd_door_id:
        raise ValidationError(
            {"besluit": _("Een tweede persoon beslist over verwijdering: niet wie het verzoek vastlegde.")}
        )
    besluit = _tekst(besluit, "besluit", _("Schrijf op wat u hebt gedaan, of waarom het verzoek is geweigerd."))
    if uitvoeren and verzoek.soort == VerzoekSoort.VERWIJDERING:
        # The candidate's row locked first: a participation registered meanwhile (its insert
        # takes a key-share lock on this row) waits, so the duty to keep is checked on what stays.
        Deelnemer.objects.select_for_update().filter(pk=verzoek.deelnemer_id).values_list("pk", flat=True).get()
        redenen = bewaarplicht(verzoek.deelnemer)
        if redenen:
            raise ValidationError({"besluit": [_("Verwijderen kan nu niet:"), *redenen]})
        from bewaren.services import anonimiseer_kandidaat  # the retention's own anonymisation

        anonimiseer_kandidaat(verzoek.deelnemer, reden=_("AVG-verzoek tot verwijdering"))
    verzoek.status = VerzoekStatus.UITGEVOERD if uitvoeren else VerzoekStatus.GEWEIGERD
    verzoek.besluit = besluit
    verzoek.afgehandeld_door = acting_user
    verzoek.afgehandeld_op = timezone.now()
    verzoek.save(update_fields=["status", "besluit", "afgehandeld_door", "afgehandeld_op"])
    return verzoek
