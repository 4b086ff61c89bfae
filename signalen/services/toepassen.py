"""Apply a signal's suggested date: move the placement or the phase it is about, then recompute.

Only the bouwvak rules carry a date that can be applied. The move itself goes through the
service that owns the object (werkgevers for a placement, trajecten for a phase), which checks
that the acting user directs the trajectory; the trajectory's signals are recomputed at once,
so the page shows the signal closed when its cause is gone.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from signalen import constants as c
from signalen.models import Signaal

TOEPASBAAR = (c.Regel.BOUWVAK_START, c.Regel.BOUWVAK_FASE)


def kan_toepassen(signaal: Signaal) -> bool:
    """Whether the signal carries a suggested date that 'apply' can carry out."""
    return signaal.regel in TOEPASBAAR and signaal.suggestie is not None and signaal.status in c.ACTUELE_STATUS


def signaal_apply_suggestion(*, acting_user, signaal: Signaal) -> str:
    """Carry out the signal's suggestion; returns a Dutch sentence saying what changed.

    PermissionDenied unless the acting user directs the signal's trajectory (the view answers
    404); ValidationError when there is nothing to apply or the move is refused.
    """
    from signalen.scan import scan, vergrendel
    from trajecten.selectors import trajecten_directed_by

    with transaction.atomic():
        vergrendel()  # before the row lock, in the same order as the scan
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if signaal.regel not in TOEPASBAAR or signaal.suggestie is None:
            raise ValidationError(_("Dit signaal heeft geen voorstel om toe te passen."))
        if signaal.traject_id is None or not trajecten_directed_by(acting_user).filter(pk=signaal.traject_id).exists():
            raise PermissionDenied
        if signaal.status not in c.ACTUELE_STATUS:
            raise ValidationError(_("Dit signaal is al afgesloten; er is niets meer toe te passen."))
        if signaal.regel == c.Regel.BOUWVAK_START:
            melding = _plaatsing_verplaatsen(acting_user, signaal)
        else:
            melding = _fase_verplaatsen(acting_user, signaal)
        scan(traject_ids=[signaal.traject_id])
        signaal.refresh_from_db()
        if signaal.status in c.ACTUELE_STATUS:
            # The cause should be gone; if a rule still finds it, the user did act on it.
            from signalen.services.status import signaal_done

            signaal_done(acting_user=acting_user, signaal=signaal)
    return melding


def _verschoven(dag: dt.date | None, dagen: dt.timedelta) -> dt.date | None:
    return dag + dagen if dag is not None else None


def _plaatsing_verplaatsen(acting_user, signaal: Signaal) -> str:
    from werkgevers.models import Plaatsing
    from werkgevers.services import plaatsing_change

    plaatsing = Plaatsing.objects.filter(pk=signaal.object_id).first()
    if plaatsing is None:
        raise ValidationError(_("De plaatsing van dit signaal bestaat niet meer."))
    verschil = signaal.suggestie - plaatsing.start
    bevestigd = plaatsing.bevestigde_versie is not None
    plaatsing = plaatsing_change(
        acting_user=acting_user,
        plaatsing=plaatsing,
        start=signaal.suggestie,
        gepland_einde=_verschoven(plaatsing.gepland_einde, verschil),
    )
    melding = _("De plaatsing begint nu op %(datum)s.") % {"datum": f"{plaatsing.start:%d-%m-%Y}"}
    if bevestigd:
        melding += " " + _("De werkgever bevestigt de gewijzigde plaatsing opnieuw.")
    return melding


def _fase_verplaatsen(acting_user, signaal: Signaal) -> str:
    from trajecten.models import TrajectFase
    from trajecten.services import traject_fase_update

    fase = TrajectFase.objects.filter(pk=signaal.object_id, traject_id=signaal.traject_id).first()
    if fase is None:
        raise ValidationError(_("De fase van dit signaal staat niet meer in de planning."))
    duur = fase.eind - fase.start
    fase = traject_fase_update(
        acting_user=acting_user, fase=fase, soort=fase.soort, start=signaal.suggestie, eind=signaal.suggestie + duur
    )
    return _("De fase %(fase)s loopt nu van %(start)s tot en met %(eind)s.") % {
        "fase": fase.get_soort_display().lower(),
        "start": f"{fase.start:%d-%m-%Y}",
        "eind": f"{fase.eind:%d-%m-%Y}",
    }
