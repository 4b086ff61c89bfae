"""Template filters for the covenant's data (regie.convenant.inhoud), which keeps dates as ISO
text and amounts as text with a decimal point."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def datum(waarde) -> str:
    """'2026-04-01' → '1 april 2026'; empty stays empty."""
    if not waarde:
        return ""
    try:
        return date_format(dt.date.fromisoformat(str(waarde)), "j F Y")
    except ValueError:
        return str(waarde)


@register.filter
def euro(waarde) -> str:
    """'12345.50' → '€ 12.345,50'."""
    if waarde in (None, ""):
        return ""
    try:
        bedrag = Decimal(str(waarde))
    except InvalidOperation:
        return str(waarde)
    tekst = f"{bedrag:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {tekst}"
