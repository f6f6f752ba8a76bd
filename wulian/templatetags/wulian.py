"""Template filters of the portal: numbers shown one way everywhere."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def number(value) -> str:
    """A count or an amount as the lists and exports show it: no thousands separator, no trailing zeros.

    ``94700`` → "94700", ``Decimal("12.50")`` → "12.5", ``Decimal("3.00")`` → "3"; empty stays empty.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


@register.filter
def chinese_date(value) -> str:
    """A date, or an ISO date string kept in JSON (a certificate's record), as 2023年6月30日."""
    import datetime as dt

    from django.utils.formats import date_format

    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return date_format(value, "DATE_FORMAT")
