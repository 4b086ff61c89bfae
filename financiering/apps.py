from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancieringConfig(AppConfig):
    name = "financiering"
    verbose_name = _("Financiering")

    def ready(self):
        from leerwerk.events import TRAJECT_GEWIJZIGD, abonneer

        abonneer(TRAJECT_GEWIJZIGD, resultaten_na_commit, in_transactie=True)


def resultaten_na_commit(*, trajecten) -> None:
    """After a change in these trajectories: detect their results once the transaction has
    committed, in one task per transaction (a broker that is down fails nothing: the nightly
    run catches up)."""
    from django.db import transaction

    from leerwerk.events import per_transactie

    wacht = per_transactie("financiering.resultaten", _verstuur)  # the ids: a frozenset (traject_gewijzigd)
    if wacht is None:
        transaction.on_commit(lambda: _verstuur({"ids": trajecten}), robust=True)
    else:
        wacht.setdefault("ids", set()).update(trajecten)


def _verstuur(wacht: dict) -> None:
    from financiering.tasks import resultaten_detecteren

    resultaten_detecteren.delay(sorted(wacht["ids"]))
