"""Every write of the signals, re-exported here: `from signalen import services`."""

from signalen.services.instellingen import (  # noqa: F401
    agenda_link_create,
    agenda_link_revoke,
    instelling_email_set,
)
from signalen.services.status import (  # noqa: F401
    herbereken_na_commit,
    herbereken_toestemmingen_na_commit,
    signaal_acknowledge,
    signaal_done,
    signaal_snooze,
)
from signalen.services.toepassen import signaal_apply_suggestion  # noqa: F401
from signalen.services.verlenging import verlenging_record  # noqa: F401
