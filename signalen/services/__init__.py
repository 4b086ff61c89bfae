"""Every write of the signals, re-exported here: `from signalen import services`."""

from signalen.services.status import (  # noqa: F401
    herbereken_na_commit,
    signaal_acknowledge,
    signaal_done,
    signaal_snooze,
)
