"""Pages of the signals; one module per area, re-exported for signalen.urls."""

from signalen.views.instellingen import agenda, instellingen, verlengen  # noqa: F401
from signalen.views.lijst import afgehandeld, gezien, lijst, lijst_sectie, toepassen, uitstellen  # noqa: F401
