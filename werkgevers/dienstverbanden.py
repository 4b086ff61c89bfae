"""Paid work as the product records it: confirmed contract placements, and a chain of contracts
converted into one another (a BBL contract made permanent) as one employment. Read by the
layers above (result financing, the BUIG business case, the results' definitions); no persons
leave here, only the placements' values the caller asks for."""

from __future__ import annotations

from werkgevers.constants import PlaatsingSoort, PlaatsingStatus
from werkgevers.models import Plaatsing

# Paid work: the kinds of placement that are a contract (a trial placement keeps the benefit).
CONTRACTEN = (PlaatsingSoort.BBL, PlaatsingSoort.BEPAALDE_TIJD, PlaatsingSoort.ONBEPAALDE_TIJD, PlaatsingSoort.UITZEND)
# Always read: what dienstverbanden() needs.
_VELDEN = ("id", "deelname_id", "deelname__traject_id", "start", "einde", "gepland_einde", "omgezet_uit_id")


def bevestigde_contracten():
    """The confirmed contract placements (paid work), refused ones left out: the one filter every
    reader of paid work starts from (the results, a retention check's date, the signals)."""
    return Plaatsing.objects.filter(soort__in=CONTRACTEN, bevestigde_versie__isnull=False).exclude(
        status=PlaatsingStatus.AFGEWEZEN
    )


def contractplaatsingen(traject_ids, *velden: str) -> dict[int, dict]:
    """The confirmed contract placements of these trajectories (refused ones left out), by id,
    each as the values `_VELDEN` and `velden`. One query; the caller scoped the trajectories."""
    return {
        p["id"]: p
        for p in bevestigde_contracten().filter(deelname__traject_id__in=list(traject_ids)).values(*_VELDEN, *velden)
    }


def dienstverbanden(plaatsingen: dict[int, dict]) -> list[dict]:
    """One employment per chain of contracts converted into one another: from the first
    contract's start to the last one's end, named by the first. A contract that was converted did
    not end in its trial period: the employment went on."""
    opgevolgd = {p["omgezet_uit_id"] for p in plaatsingen.values() if p["omgezet_uit_id"] in plaatsingen}
    uit = []
    for laatste in plaatsingen.values():
        if laatste["id"] in opgevolgd:
            continue
        eerste = laatste
        while eerste["omgezet_uit_id"] in plaatsingen:
            eerste = plaatsingen[eerste["omgezet_uit_id"]]
        uit.append(eerste | {k: laatste[k] for k in ("einde", "gepland_einde")})
    return uit
