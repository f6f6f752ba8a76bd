"""Region roll-up: figures grouped once in the database by region, summed up the tree by path prefix.

A town's or county's figure is the sum of the groups whose path starts with its path, so a whole drill-down
table (county → towns → communities) costs one grouped query per figure, whatever the number of rows.
``ancestors_at`` names each row's town (or county) with one query instead of one per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from django.db.models import QuerySet

from wulian.models import Region


class RollUp:
    """Aggregates of ``queryset`` grouped by the path of the region at ``region_lookup``, summed per region.

        hours = RollUp(confirmed_hours, "activity__region", hours=Sum("hours"), records=Count("pk"))
        hours.total(town)  # {"hours": Decimal(...), "records": 12}

    Only additive aggregates roll up (Count, Sum; a distinct count only when each counted thing lies in one
    region, e.g. volunteers grouped by their own community).
    """

    def __init__(self, queryset: QuerySet, region_lookup: str, **aggregates):
        self.names = tuple(aggregates)
        # Grouped by the region's id, then named by path from one small query: grouping a million rows by
        # the text path sorted them on disk.
        rows = [row for row in queryset.order_by().values(region_lookup).annotate(**aggregates) if row[region_lookup]]
        paths = dict(Region.objects.filter(pk__in={row[region_lookup] for row in rows}).values_list("pk", "path"))
        self.groups: dict[str, dict] = {paths[row[region_lookup]]: row for row in rows}
        self._totals: dict[str, dict] | None = None

    def total(self, region: Region | str) -> dict:
        """The sums of every group at or below ``region`` (a Region or a path)."""
        path = region if isinstance(region, str) else region.path
        if self._totals is None:
            self._totals = prefix_totals(self.groups, {name: 0 for name in self.names})
        return dict(self._totals.get(path) or {name: 0 for name in self.names})

    def value(self, region: Region | str, name: str | None = None):
        """One figure of ``region`` (the only aggregate when ``name`` is left out)."""
        return self.total(region)[name or self.names[0]]


def prefix_totals(groups: dict[str, dict], zero: dict) -> dict[str, dict]:
    """The sums of ``groups`` (rows by region path) at every region path at or above each group, in one pass.

    Each group is added to its own path and to each ancestor's (a path is its ancestors' paths plus one step),
    so the total of any region is then one look-up. Scanning every group for every region read instead cost
    regions × groups: 100 counties × 9,000 communities at province scale, most of a page's time.
    """
    totals: dict[str, dict] = {}
    step = Region.steplen
    for path, row in groups.items():
        for end in range(step, len(path) + 1, step):
            sums = totals.get(path[:end])
            if sums is None:
                sums = totals[path[:end]] = dict(zero)
            for name in zero:
                sums[name] += row[name] or 0
    return totals


def ancestors_at(regions: Iterable[Region], level: int) -> dict[int, Region]:
    """Each region's ancestor at ``level`` (e.g. its town), keyed by the region's pk; one query for all.

    Regions above ``level`` are left out (a county has no town).
    """
    regions = list(regions)
    paths = {r.pk: r.ancestor_path(level) for r in regions}
    found = {a.path: a for a in Region.objects.filter(path__in={p for p in paths.values() if p})}
    return {pk: found[path] for pk, path in paths.items() if path in found}
