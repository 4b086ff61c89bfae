"""Which civic-integration (inburgering) regime follows from the date of the residence permit.

One function, used by the candidate page and the API. The date a statushouder's residence
permit took effect is taken as the day they became inburgeringsplichtig (for asylum permits
the obligation starts then). The regime follows from that day:

- Wet inburgering 2021: inburgeringsplichtig from 1 January 2022;
- Wet inburgering 2013: from 1 January 2013 up to and including 31 December 2021;
- Wet inburgering 2007: from 1 January 2007 up to and including 31 December 2012;
- before 2007 none of these (the Wet inburgering nieuwkomers of 1998): no regime to derive.

Whether someone is inburgeringsplichtig at all (not an EU citizen, not exempt) the
klantmanager records in `inburgering_regime`; the derived regime is shown beside it.
"""

from __future__ import annotations

import datetime as dt

from deelnemers.constants import InburgeringRegime

# The first day of each regime, newest first.
REGIME_VANAF = (
    (dt.date(2022, 1, 1), InburgeringRegime.WI2021),
    (dt.date(2013, 1, 1), InburgeringRegime.WI2013),
    (dt.date(2007, 1, 1), InburgeringRegime.WI2007),
)


def regime_volgens_verblijfsvergunning(datum: dt.date | None) -> InburgeringRegime | None:
    """The regime for someone whose residence permit dates from `datum`; None when there is no
    date or it lies before 2007."""
    if datum is None:
        return None
    for vanaf, regime in REGIME_VANAF:
        if datum >= vanaf:
            return regime
    return None
