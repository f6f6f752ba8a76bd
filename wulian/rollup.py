"""Region roll-up: figures grouped once in the database by region path, summed up the tree by path prefix.

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
        key = f"{region_lookup}__path"
        rows = queryset.order_by().values(key).annotate(**aggregates)
        self.groups: dict[str, dict] = {row[key]: row for row in rows if row[key]}

    def total(self, region: Region | str) -> dict:
        """The sums of every group at or below ``region`` (a Region or a path)."""
        path = region if isinstance(region, str) else region.path
        sums = {name: 0 for name in self.names}
        for group_path, row in self.groups.items():
            if group_path.startswith(path):
                for name in self.names:
                    sums[name] += row[name] or 0
        return sums

    def value(self, region: Region | str, name: str | None = None):
        """One figure of ``region`` (the only aggregate when ``name`` is left out)."""
        return self.total(region)[name or self.names[0]]


def ancestors_at(regions: Iterable[Region], level: int) -> dict[int, Region]:
    """Each region's ancestor at ``level`` (e.g. its town), keyed by the region's pk; one query for all.

    Regions above ``level`` are left out (a county has no town).
    """
    regions = list(regions)
    paths = {r.pk: r.ancestor_path(level) for r in regions}
    found = {a.path: a for a in Region.objects.filter(path__in={p for p in paths.values() if p})}
    return {pk: found[path] for pk, path in paths.items() if path in found}
