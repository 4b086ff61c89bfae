"""The opleider's pages: trajectories, modules, attendance, progress, results, certificates
(pagina), lesson days and registers (lesdagen)."""

from opleiders.views.lesdagen import (
    lesdag_nieuw,
    lesdag_verwijderen,
    lesdagen,
    lesdagen_genereren,
    presentielijst,
)
from opleiders.views.pagina import (
    certificaat_nieuw,
    deelnemers,
    inschrijven,
    module_nieuw,
    module_wijzigen,
    rij,
    sectie_deelnemers,
    sectie_module_toevoegen,
    sectie_modules,
    start_context,
)

__all__ = [
    "certificaat_nieuw",
    "deelnemers",
    "inschrijven",
    "lesdag_nieuw",
    "lesdag_verwijderen",
    "lesdagen",
    "lesdagen_genereren",
    "module_nieuw",
    "module_wijzigen",
    "presentielijst",
    "rij",
    "sectie_deelnemers",
    "sectie_module_toevoegen",
    "sectie_modules",
    "start_context",
]
