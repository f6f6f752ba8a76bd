"""Filters of the project pages."""

from django import template

from wulian.money import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in yuan as a county office writes it: 350,000.00 (fen precision, thousands separated)."""
    return format_money(value)
