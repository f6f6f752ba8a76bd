"""Filters of the project pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in yuan as a county office writes it: 350,000.00 (fen precision, thousands separated)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"
