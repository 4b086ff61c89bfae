"""Writes on signals: a user acknowledges, snoozes or closes one; recompute after a change."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import per_transactie
from signalen import constants as c
from signalen.models import Signaal

MAX_UITSTEL = dt.timedelta(days=366)


def _set_status(signaal: Signaal, acting_user, status: str, uitgesteld_tot=None) -> Signaal:
    from signalen.scan import vergrendel

    with transaction.atomic():
        vergrendel()  # a scan running now would otherwise write its older view of this signal back
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if signaal.status == c.SignaalStatus.VERVALLEN:
            raise ValidationError({"status": _("Dit signaal is al vervallen: de oorzaak is weg.")})
        signaal.status = status
        signaal.uitgesteld_tot = uitgesteld_tot
        signaal.status_door = acting_user
        signaal.status_op = timezone.now()
        signaal.save(update_fields=["status", "uitgesteld_tot", "status_door", "status_op"])
    return signaal


def signaal_acknowledge(*, acting_user, signaal: Signaal) -> Signaal:
    """'Gezien': stays on the list, leaves the count of new signals."""
    return _set_status(signaal, acting_user, c.SignaalStatus.GEZIEN)


def signaal_snooze(*, acting_user, signaal: Signaal, tot: dt.date | None) -> Signaal:
    """Hide the signal until `tot`; on that day it is current again."""
    vandaag = timezone.localdate()
    if tot is None:
        raise ValidationError({"tot": _("Kies tot wanneer u het signaal wilt uitstellen.")})
    if tot <= vandaag:
        raise ValidationError({"tot": _("Kies een datum na vandaag.")})
    if tot > vandaag + MAX_UITSTEL:
        raise ValidationError({"tot": _("Uitstellen kan hoogstens een jaar.")})
    return _set_status(signaal, acting_user, c.SignaalStatus.UITGESTELD, uitgesteld_tot=tot)


def signaal_done(*, acting_user, signaal: Signaal) -> Signaal:
    """'Afgehandeld': the user dealt with it; the scan will not open it again for this deadline."""
    return _set_status(signaal, acting_user, c.SignaalStatus.AFGEHANDELD)


def _wachtrij() -> dict | None:
    """The recompute waiting for the current transaction to commit: one Celery task per
    transaction, however many changes it holds (issue 12: loading the demo used to queue one task
    per change). None outside a transaction: the caller sends at once."""
    wacht = per_transactie("signalen.herbereken", _verstuur_wachtend)
    if wacht is not None:
        wacht.setdefault("ids", set())
        wacht.setdefault("toestemmingen", False)
    return wacht


def _verstuur_wachtend(wacht: dict) -> None:
    _verstuur(wacht["ids"], wacht["toestemmingen"])


def _verstuur(ids: set[int], toestemmingen: bool) -> None:
    from signalen.tasks import herbereken_trajecten

    if ids:
        herbereken_trajecten.delay(sorted(ids))  # a scan of trajectories runs the consent rule too
    elif toestemmingen:
        herbereken_trajecten.delay([])


def herbereken_na_commit(trajecten: int | Iterable[int] | None) -> None:
    """After a change that may move a deadline: recompute the signals of that trajectory (or
    those trajectories) once the transaction has committed, in one Celery task per transaction.
    Robust: a broker that is down does not fail the committed change; the nightly scan catches up."""
    ids = {trajecten} if isinstance(trajecten, int) else {t for t in trajecten or () if t is not None}
    if not ids:
        return
    wacht = _wachtrij()
    if wacht is None:
        transaction.on_commit(lambda: _verstuur(ids, False), robust=True)
    else:
        wacht["ids"] |= ids


def herbereken_toestemmingen_na_commit() -> None:
    """After a consent was recorded, renewed or withdrawn: recompute the consent signals (a
    scan of no trajectory: only the rules that always read everything run to effect)."""
    wacht = _wachtrij()
    if wacht is None:
        transaction.on_commit(lambda: _verstuur(set(), True), robust=True)
    else:
        wacht["toestemmingen"] = True
