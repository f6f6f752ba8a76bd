"""The ``operating_funds`` indicator (seed 000 §三.三.1: county hub ≥ 50,000 元, town station ≥ 20,000, urban
community room ≥ 10,000 a year): the budget of the operation lines of the region's station of the target's
tier in the budget year, from the ledger. A region without such a station, or without lines, has 0 元."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.attainment import TargetBook
from wulian.indicators import Query, indicator, with_query
from wulian.models.targets import LEVEL_OF_STATION_TIER, STATION_TIER_OF_LEVEL

from .operating import sums_by_station


def _stations(q: Query) -> dict[int, int]:
    """``{region_id: station_id}`` of the stations of the query's tier at its regions (one query)."""
    from stations.models import Station

    tier = STATION_TIER_OF_LEVEL.get(q.level)
    if tier is None:
        return {}
    rows = Station.objects.filter(tier=tier, region_id__in=q.region_ids).values_list("region_id", "pk")
    return dict(rows)


def _link(q: Query, region) -> str | None:
    """The ledger entries of the station's operation lines in the year: exactly what the figure sums."""
    station = _stations(q).get(region.pk)
    if station is None:
        return with_query(reverse("funding:budgetline_list"), region=region.pk, year=q.year, purpose="station")
    return with_query(reverse("funding:entry_list"), station=station, year=q.year)


@indicator(
    "operating_funds",
    definition=_("Budget of the operation lines of the region's station of the tier in the budget year, in 元 "
                 "(allocations, transfers and carry-forwards, net of reversals)."),
    link=_link,
)
def operating_funds(q: Query) -> dict:
    stations = _stations(q)
    sums = sums_by_station(q.year, stations.values())
    return {r.pk: sums.get(stations.get(r.pk), (Decimal(0), Decimal(0)))[0] for r in q.regions}


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
