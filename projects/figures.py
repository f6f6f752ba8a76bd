"""Figures projects feed to the policy targets (issue 12) and to the dashboards, per region and year.

Each function takes regions (any level) and a fiscal year and returns ``{region_id: Decimal}`` from ONE grouped
query rolled up the region tree (``wulian.rollup``): a town's figure counts the projects of the town and of
its communities.

- ``professional_projects``: 专业服务项目 (``is_professional``) with an agreement signed by both sides
  (已签订协议 or later), of the fiscal year;
- ``micro_venture_projects``: the same for 微公益创投 (``is_micro_venture``);
- ``pipeline``: projects of the year by step (status → count) for one region;
- ``overdue_rectifications``: rectification items past their deadline and not closed, per region.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count

from wulian.rollup import RollUp

from .choices import CONTRACTED_STATES
from .models import Project, Rectification


def _counted(queryset, regions, lookup="region") -> dict[int, Decimal]:
    rollup = RollUp(queryset, lookup, n=Count("pk"))
    return {r.pk: Decimal(rollup.value(r) or 0) for r in regions}


def professional_projects(regions, year: int) -> dict[int, Decimal]:
    return _counted(Project.objects.filter(is_professional=True, status__in=CONTRACTED_STATES, year=year), regions)


def micro_venture_projects(regions, year: int) -> dict[int, Decimal]:
    return _counted(Project.objects.filter(is_micro_venture=True, status__in=CONTRACTED_STATES, year=year), regions)


def pipeline(region, year: int | None = None) -> dict[str, int]:
    """Projects at or below ``region`` by step (every status present, zero when none)."""
    from .choices import ProjectStatus

    qs = Project.objects.filter(region__path__startswith=region.path)
    if year is not None:
        qs = qs.filter(year=year)
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in ProjectStatus.values}


def overdue_rectifications(regions, on=None) -> dict[int, Decimal]:
    return _counted(Rectification.objects.overdue(on), regions, "evaluation__project__region")
