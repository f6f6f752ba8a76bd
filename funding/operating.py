"""Station operating funds (seed 000 §三.三.1): per station and budget year, what its operation lines budget
and what was spent from them. One grouped query for every station of the scope."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from .choices import Purpose
from .models import BudgetLine


@dataclass
class StationFunds:
    station: object
    budgeted: Decimal
    spent: Decimal
    required: Decimal | None

    @property
    def meets(self) -> bool | None:
        return None if self.required is None else self.budgeted >= self.required

    @property
    def shortfall(self) -> Decimal:
        return max((self.required or 0) - self.budgeted, Decimal(0))


def sums_by_station(year: int, station_ids=None) -> dict[int, tuple[Decimal, Decimal]]:
    """``{station_id: (budgeted, spent)}`` of the stations' operation lines in budget year ``year``."""
    lines = BudgetLine.objects.filter(purpose=Purpose.STATION, year=year)
    if station_ids is not None:
        lines = lines.filter(station_id__in=list(station_ids))
    rows = lines.values("station_id").annotate(b=Sum("budget"), s=Sum("spent")).order_by()
    return {r["station_id"]: (r["b"] or Decimal(0), r["s"] or Decimal(0)) for r in rows}


def operating_funds_rows(user, year: int) -> list[StationFunds]:
    from stations.models import Station

    from .indicators import required_for

    stations = list(Station.objects.restrict(user).select_related("region").order_by("region__path", "tier"))
    sums = sums_by_station(year, [s.pk for s in stations])
    required = required_for(stations, year)
    return [StationFunds(s, *sums.get(s.pk, (Decimal(0), Decimal(0))), required.get(s.pk)) for s in stations]
