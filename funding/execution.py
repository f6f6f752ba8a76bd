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

GROUPS = ("county", "town", "target", "source", "purpose", "line")
# The levels of the execution report, one sheet each (the purpose is a column of the line sheet's labels).
LEVELS = ("county", "town", "target", "source", "line")


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


def _town(line, towns):
    path = line.region.ancestor_path(RegionLevel.TOWN)
    town = towns.get(path) if path else None
    if town is None:
        return 0, _("County level"), {"region_exact": line.region_id}
    return town.pk, town.name, {"region": town.pk}


def _county(line, counties):
    county = counties.get(line.region.ancestor_path(RegionLevel.COUNTY))
    return (county.pk, county.name, {"region": county.pk}) if county else (0, "—", {})


def _target(line):
    if line.station_id:
        return f"s{line.station_id}", str(line.station), {"station": line.station_id}
    return f"p{line.project_id}", str(line.project), {"project": line.project_id}


def execution(user, year: int, by: str = "town") -> tuple[list[Row], Row]:
    """The year's lines in the user's scope grouped ``by`` a level (county, town, target — the station or
    project —, source, purpose or line), and their total."""
    from wulian.models import Region

    lines = (BudgetLine.objects.restrict(user).filter(year=year)
             .select_related("region", "source", "station", "project").order_by("pk"))
    rows: OrderedDict = OrderedDict()
    total = Row(_("Total"), {"year": year})
    regions = {}
    if by in ("town", "county"):
        level = RegionLevel.TOWN if by == "town" else RegionLevel.COUNTY
        regions = {r.path: r for r in Region.objects.filter(level=level)}
    for line in lines:
        if by == "source":
            key, label, query = line.source_id, str(line.source), {"source": line.source_id}
        elif by == "purpose":
            key, label, query = line.purpose, line.get_purpose_display(), {"purpose": line.purpose}
        elif by == "county":
            key, label, query = _county(line, regions)
        elif by == "target":
            key, label, query = _target(line)
        elif by == "line":
            key, label, query = line.pk, f"{_target(line)[1]} · {line.get_category_display()}（{line.source}）", {
                "line": line.pk}
        else:
            key, label, query = _town(line, regions)
        row = rows.get(key)
        if row is None:
            row = rows[key] = Row(label, {"year": year, **query})
        row.add(line)
        total.add(line)
    ordered = list(rows.values()) if by == "line" else sorted(rows.values(), key=lambda r: r.label)
    return ordered, total
