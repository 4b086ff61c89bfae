"""Writes of the results: asking for a council report (its PDF is rendered by resultaten.tasks
after the commit)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resultaten import selectors
from resultaten.filters import ResultatenFilter, in_scope
from resultaten.models import Raadsrapportage


@transaction.atomic
def rapportage_aanvragen(*, acting_user, rol: str, keuze) -> Raadsrapportage:
    """A council report of the trajectories `keuze` chooses among those `acting_user` reads in
    `rol`; the choice is kept with it. A choice that is not valid is refused."""
    if not ResultatenFilter(keuze, trajecten=in_scope(selectors.trajecten_voor(acting_user, rol))).is_valid():
        raise ValidationError(_("Deze keuze kan niet: pas de filters aan."))
    rapportage = Raadsrapportage.objects.create(
        organisatie=acting_user.organisatie,
        aangevraagd_door=acting_user,
        rol=rol,
        keuze={k: keuze.getlist(k) for k in keuze},
        peildatum=timezone.localdate(),
    )
    from resultaten.tasks import raadsrapportage_pdf  # the task imports the selectors

    pk = rapportage.pk
    transaction.on_commit(lambda: raadsrapportage_pdf.delay(pk), robust=True)
    return rapportage
