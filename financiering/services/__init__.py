"""Writes of financing (issue 13): the plan (sources, budget lines, cover) and the claims."""

from financiering.services.declaraties import (
    declaratie_approve,
    declaratie_create,
    declaratie_mark_paid,
    declaratie_refuse,
    declaratie_submit,
)
from financiering.services.plan import (
    BRON_FIELDS,
    begrotingsregel_save,
    bron_save,
    dekking_approve,
    dekking_propose,
    dekking_refuse,
    dekking_withdraw,
    factuur_create,
    kostenverdeling_save,
)
from financiering.services.resultaten import (
    resultaatafspraak_approve,
    resultaatafspraak_create,
    resultaatafspraak_refuse,
    voorfinanciering_save,
)

__all__ = [
    "BRON_FIELDS",
    "begrotingsregel_save",
    "bron_save",
    "declaratie_approve",
    "declaratie_create",
    "declaratie_mark_paid",
    "declaratie_refuse",
    "declaratie_submit",
    "dekking_approve",
    "dekking_propose",
    "dekking_refuse",
    "dekking_withdraw",
    "factuur_create",
    "kostenverdeling_save",
    "resultaatafspraak_approve",
    "resultaatafspraak_create",
    "resultaatafspraak_refuse",
    "voorfinanciering_save",
]
