"""Money in templates: Decimal euros written the Dutch way."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def euro(value) -> str:
    """Decimal euros the Dutch way: 1234.5 -> '€ 1.234,50'."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {'-' if amount < 0 else ''}{text}"
