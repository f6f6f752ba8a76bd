"""Money, once: the field, the one display rule, the table column and the Excel format.

An amount is a ``Decimal`` in 元 with fen precision (two places), never a float. It reads the same on every
page, PDF, history entry and message: thousands separators and two places, ``76,000.00`` (docs/glossary.md);
a sheet keeps it a number, shown with the format ``#,##0.00"元"`` (``wulian.exports.Kind.MONEY``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import django_tables2 as tables
from django.core.validators import MinValueValidator
from django.db import models

FEN = Decimal("0.01")
MAX_DIGITS = 14  # up to 999,999,999,999.99 元


def to_money(value) -> Decimal:
    """``value`` as a Decimal of 元 rounded half up to the fen (a float is read through its text)."""
    if isinstance(value, float):
        value = str(value)
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def format_money(value, unit: bool = False) -> str:
    """The display rule: ``76,000.00`` (with ``unit``: ``76,000.00元``); empty stays empty."""
    if value is None or value == "":
        return ""
    try:
        text = f"{to_money(value):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{text}元" if unit else text


class MoneyField(models.DecimalField):
    """An amount in 元, two places; by default never negative (``signed=True`` for a ledger's deltas)."""

    def __init__(self, *args, signed: bool = False, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", 2)
        self.signed = signed
        super().__init__(*args, **kwargs)
        if not signed and not any(isinstance(v, MinValueValidator) for v in self._validators):
            self._validators = [*self._validators, MinValueValidator(Decimal("0"))]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.signed:
            kwargs["signed"] = True
        kwargs.pop("validators", None)
        return name, path, args, kwargs


class MoneyColumn(tables.Column):
    """A money column of a list: right-aligned ``76,000.00`` on the page, a number in 元 format in Excel."""

    def __init__(self, *args, **kwargs):
        from wulian.exports import Kind

        self.excel_kind = Kind.MONEY
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("td", {"class": "text-end text-nowrap"})
        attrs.setdefault("th", {"class": "text-end"})
        super().__init__(*args, attrs=attrs, **kwargs)

    def render(self, value):
        return format_money(value)

    def value(self, value):
        return value
