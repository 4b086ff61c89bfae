"""Writes of trajectories and participations, one module per concern:

- deelnames: aanmelden, the Deelname state machine and the placement guard;
- regie: trajectories, partners and the phase planning (the regisseur's);
- contact: contact moments and their follow-up actions.

Everything is re-exported here, so `from trajecten.services import X` and `services.X` keep working.
set_placement_guard() changes the guard in trajecten.services.deelnames, where deelname_transition
reads it.
"""

from trajecten.services.contact import contactmoment_create, contactmoment_write, vervolgactie_complete
from trajecten.services.deelnames import (
    PlacementGuard,
    deelname_create,
    deelname_transition,
    deelname_transition_for_nazorg,
    deelname_transition_for_plaatsing,
    deelname_undo_placement_step,
    set_placement_guard,
    transition_refusal,
)
from trajecten.services.regie import (
    TRAJECT_FIELDS,
    traject_create,
    traject_fase_create,
    traject_fase_delete,
    traject_fase_update,
    traject_partner_add,
    traject_partner_remove,
    traject_update,
)

__all__ = [
    "TRAJECT_FIELDS",
    "PlacementGuard",
    "contactmoment_create",
    "contactmoment_write",
    "deelname_create",
    "deelname_transition",
    "deelname_transition_for_nazorg",
    "deelname_transition_for_plaatsing",
    "deelname_undo_placement_step",
    "set_placement_guard",
    "traject_create",
    "traject_fase_create",
    "traject_fase_delete",
    "traject_fase_update",
    "traject_partner_add",
    "traject_partner_remove",
    "traject_update",
    "transition_refusal",
    "vervolgactie_complete",
]
