"""One Dutch date format for the whole product (issue 11): 05-12-2026, also where a template or
the admin prints a date without naming a format. Long dates ('5 december 2026') are kept for
letters (PDF) only."""

DATE_FORMAT = "d-m-Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%y"]
