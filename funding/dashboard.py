"""Funding on the leader's dashboard (``wulian.dashboard``): budgeted, committed, spent and available of the
year's lines per region, summed up the region tree by the refresh; each figure links to the entries that moved
that sum (a line's sums are the sums of its entries' signed changes)."""

from __future__ import annotations

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.dashboard import Series, register_series
from wulian.indicators import with_query

from .models import BudgetLine

CATEGORIES = [("budget", _("budget")), ("committed", _("committed")), ("spent", _("spent")),
              ("available", _("available balance"))]


def execution(year: int):
    rows = (BudgetLine.objects.filter(year=year).values_list("region")
            .annotate(b=Sum("budget"), c=Sum("committed"), s=Sum("spent")).order_by())
    for region_id, budget, committed, spent in rows:
        yield region_id, "budget", budget
        yield region_id, "committed", committed
        yield region_id, "spent", spent
        yield region_id, "available", budget - committed - spent


register_series(Series(
    "funding.execution", _("Budget execution"), categories=lambda: CATEGORIES, compute=execution, kind="bar",
    unit="元", order=40,
    # Each figure opens the entries that moved that sum, which add up to it (tests/test_figures_follow.py).
    link=lambda region, year, key: with_query(reverse("funding:entry_list"), region=region.pk, year=year, effect=key),
))
