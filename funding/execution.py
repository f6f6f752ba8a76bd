"""Execution of the budget (预算执行): budgeted, committed, paid/spent, balance and rate, per source, purpose,
town and line, for one budget year in the user's scope. One query for the lines (with their region), the rest
is summed in Python: a county has hundreds of lines, not millions."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from wulian.choices import RegionLevel

from .models import BudgetLine

GROUPS = ("town", "source", "purpose")


@dataclass
class Row:
    label: str
    query: dict = field(default_factory=dict)
    budget: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    lines: int = 0

    @property
    def balance(self) -> Decimal:
        return self.budget - self.committed - self.spent

    @property
    def rate(self) -> Decimal | None:
        """Spent / budget as a ratio (0.253 = 25.3 %); None without a budget."""
        if not self.budget:
            return None
        return (self.spent / self.budget).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)

    def add(self, line) -> None:
        self.budget += line.budget
        self.committed += line.committed
        self.spent += line.spent
        self.lines += 1


def execution(user, year: int, by: str = "town") -> tuple[list[Row], Row]:
    lines = BudgetLine.objects.restrict(user).filter(year=year).select_related("region", "source").order_by("pk")
    rows: OrderedDict = OrderedDict()
    total = Row(_("Total"), {"year": year})
    towns = {}
    if by == "town":
        from wulian.models import Region

        towns = {r.path: r for r in Region.objects.filter(level=RegionLevel.TOWN)}
    for line in lines:
        if by == "source":
            key, label, query = line.source_id, str(line.source), {"source": line.source_id}
        elif by == "purpose":
            key, label, query = line.purpose, line.get_purpose_display(), {"purpose": line.purpose}
        else:
            path = line.region.ancestor_path(RegionLevel.TOWN)
            town = towns.get(path) if path else None
            key = town.pk if town else 0
            label = town.name if town else _("County level")
            query = {"region": town.pk} if town else {"region_exact": line.region_id}
        row = rows.get(key)
        if row is None:
            row = rows[key] = Row(label, {"year": year, **query})
        row.add(line)
        total.add(line)
    return sorted(rows.values(), key=lambda r: r.label), total
