"""Template helpers of the klantmanager's screens: Dutch money and the start-page counts."""

from decimal import Decimal, InvalidOperation

from django import template

from deelnemers.selectors import kandidaten_tellingen

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


@register.simple_tag(takes_context=True)
def klantmanager_tellingen(context) -> dict[str, int]:
    """Counts of the user's candidates for the start page (aggregates: no access-log row)."""
    return kandidaten_tellingen(context["request"].user)
