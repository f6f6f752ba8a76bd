"""Money in the core: one display rule, Decimal to Excel in the 元 format, a gap-free numbering under
concurrency, and the lock-and-sum helper of the write path."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.template import Context, Template
from openpyxl import load_workbook

from tests.test_concurrency import in_threads
from wulian.exports import FIELD_KINDS, Column, Kind, write_workbook
from wulian.models import Sequence, next_number
from wulian.money import MoneyField, format_money, to_money


def test_one_display_rule_thousands_and_two_places():
    assert format_money(Decimal("76000")) == "76,000.00"
    assert format_money(Decimal("1234567.5")) == "1,234,567.50"
    assert format_money(Decimal("0.005")) == "0.01"  # half up to the fen
    assert format_money(Decimal("50000"), unit=True) == "50,000.00元"
    assert format_money(None) == "" and format_money("") == ""
    assert to_money(0.1 + 0.2) == Decimal("0.30")  # a float is read through its text, never summed as float


def test_template_filter_uses_the_rule():
    html = Template("{% load wulian %}{{ a|money }}").render(Context({"a": Decimal("20000")}))
    assert html == "20,000.00"


def test_money_field_is_decimal_two_places_never_negative():
    field = MoneyField("amount")
    assert field.decimal_places == 2 and field.max_digits == 14
    with pytest.raises(Exception, match="0"):
        field.clean(Decimal("-1"), None)
    assert MoneyField("delta", signed=True).clean(Decimal("-1.5"), None) == Decimal("-1.50")


def test_excel_money_cells_stay_numbers_in_yuan_format(tmp_path):
    path = tmp_path / "money.xlsx"
    with open(path, "wb") as handle:
        write_workbook(handle, [("资金", [Column("名称"), Column("金额", Kind.MONEY)],
                                 [["甲", Decimal("50000.00")], ["乙", Decimal("0.10")], ["丙", Decimal("0.20")]])])
    sheet = load_workbook(path).active
    cells = [sheet.cell(row=r, column=2) for r in (2, 3, 4)]
    assert [c.value for c in cells] == [50000, 0.1, 0.2]
    assert all(c.number_format == '#,##0.00"元"' for c in cells)
    assert dict(FIELD_KINDS)[MoneyField] is Kind.MONEY  # a MoneyField column is money without saying so


@pytest.mark.django_db
def test_sequence_numbers_follow_and_a_rolled_back_number_is_given_again():
    with transaction.atomic():
        assert next_number("test:voucher", 2024) == 1
        assert next_number("test:voucher", 2024) == 2
        assert next_number("test:voucher", 2025) == 1  # per year
    try:
        with transaction.atomic():
            assert next_number("test:voucher", 2024) == 3
            raise RuntimeError("the numbered row failed to save")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert next_number("test:voucher", 2024) == 3  # no gap
        assert next_number("test:other", 2024, start=lambda: 41) == 42  # numbers used before the counter


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_numbers_are_one_to_fifty_without_gap_or_duplicate():
    assert connection.vendor == "postgresql"

    def act(_state):
        with transaction.atomic():
            return next_number("test:receipt", 2026)

    results = in_threads(50, lambda i: None, act)
    assert sorted(results) == list(range(1, 51)), results
    assert Sequence.objects.get(key="test:receipt", year=2026).last == 50
    with pytest.raises(RuntimeError):
        next_number("test:receipt", 2026)  # outside a transaction: refused, a number would leak
