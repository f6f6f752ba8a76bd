"""Budget years: many programmes run mid-year to mid-year, so a budget year starts in a configurable month
(``WULIAN_BUDGET_YEAR_FIRST_MONTH``, default 1: the calendar year). Budget year 2023 with first month 7 runs
from 2023-07-01 to 2024-06-30; it is named by the calendar year it starts in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def first_month() -> int:
    month = int(getattr(settings, "WULIAN_BUDGET_YEAR_FIRST_MONTH", 1))
    if not 1 <= month <= 12:
        raise ValueError("WULIAN_BUDGET_YEAR_FIRST_MONTH must be 1–12")
    return month


def budget_year_of(day: dt.date) -> int:
    return day.year if day.month >= first_month() else day.year - 1


def bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of budget year ``year``."""
    month = first_month()
    start = dt.date(year, month, 1)
    end = dt.date(year + 1, month, 1) - dt.timedelta(days=1)
    return start, end


def label(year: int) -> str:
    month = first_month()
    if month == 1:
        return f"{year}年"
    start, end = bounds(year)
    return f"{start.year}年{start.month}月—{end.year}年{end.month}月"
