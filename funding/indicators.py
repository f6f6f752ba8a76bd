"""The ``operating_funds`` indicator (seed 000 §三.三.1: county hub ≥ 50,000 元, town station ≥ 20,000, urban
community room ≥ 10,000 a year): the budget of the operation lines of the region's station of the target's
tier in the budget year, from the ledger. A region without such a station, or without lines, has 0 元."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.attainment import TargetBook
from wulian.indicators import Query, indicator, with_query
from wulian.models.targets import LEVEL_OF_STATION_TIER, STATION_TIER_OF_LEVEL

from .choices import Purpose
from .models import BudgetLine


def _link(q: Query, region) -> str | None:
    """The ledger entries of the operation lines of the region's station of the tier in the year: exactly the
    entries the figure sums (built without a query: a page links hundreds of figures)."""
    tier = STATION_TIER_OF_LEVEL.get(q.level)
    if tier is None:  # not a station tier: the region's operation lines of the year
        return with_query(reverse("funding:budgetline_list"), region=region.pk, year=q.year, purpose="station")
    return with_query(reverse("funding:entry_list"), station_region=region.pk, tier=tier, year=q.year, effect="budget")


@indicator(
    "operating_funds",
    definition=_("Budget of the operation lines of the region's station of the tier in the budget year, in 元 "
                 "(allocations, transfers and carry-forwards, net of reversals)."),
    link=_link,
)
def operating_funds(q: Query) -> dict:
    tier = STATION_TIER_OF_LEVEL.get(q.level)
    if tier is None:
        return {}
    rows = (BudgetLine.objects.filter(purpose=Purpose.STATION, year=q.year, station__tier=tier,
                                      station__region_id__in=q.region_ids)
            .values("station__region_id").annotate(b=Sum("budget")).order_by())  # one query
    sums = {r["station__region_id"]: r["b"] for r in rows}
    return {r.pk: sums.get(r.pk) or Decimal(0) for r in q.regions}


def required_for(stations, year: int) -> dict[int, Decimal]:
    """``{station_id: minimum}`` of the operating-funds target each station's region follows (if any)."""
    book = TargetBook()
    required = {}
    for station in stations:
        level = LEVEL_OF_STATION_TIER.get(station.tier)
        if level is None:
            continue
        targets = book.targets_for(station.region, levels=[level], indicator="operating_funds")
        if targets and targets[0].threshold is not None:
            required[station.pk] = Decimal(targets[0].threshold)
    return required
