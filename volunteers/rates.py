"""Volunteer indicators per region and year: registration and participation rates, activities, hours.

Every figure is read from the per-(region, year) rows of ``CommunityYearStats`` (see ``volunteers.stats``)
— three queries whatever the number of volunteers and hour rows — and summed up the tree by path prefix.

Each row is judged against the policy targets of its own region (``wulian.attainment``): the accepted target
of its document for the indicator, or none — then the row has no standard ("未设标准"), never another
county's. The targets of every row are read at once (three queries however many regions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, Left

from wulian import indicators
from wulian.attainment import LEVELS_OF_REGION_LEVEL, TargetBook, meets
from wulian.choices import RegionLevel
from wulian.models import PolicyProfile, Region, Target
from wulian.models.targets import TargetLevel
from wulian.rollup import prefix_totals

from . import stats

PERCENT = Decimal("0.1")

REGISTRATION, PARTICIPATION, ACTIVITIES = (
    "volunteer_registration_rate",
    "volunteer_participation_rate",
    "volunteer_activities",
)
CODES = (REGISTRATION, PARTICIPATION, ACTIVITIES)


def rate(numerator: int, denominator: int | None) -> Decimal | None:
    """numerator / denominator as a fraction (4 places); None when the denominator is zero or unknown."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))


def percent(value: Decimal | None) -> Decimal | None:
    return None if value is None else (value * 100).quantize(PERCENT)


@dataclass
class RateRow:
    region: Region
    population: int | None
    registered: int
    participants: int
    activities: int
    hours: Decimal
    as_of: dt.datetime | None = None  # when the figures were last checked against the records
    targets: dict[str, Target] = field(default_factory=dict)  # indicator code → the target applying here

    @property
    def registration_rate(self) -> Decimal | None:
        return rate(self.registered, self.population)

    @property
    def participation_rate(self) -> Decimal | None:
        return rate(self.participants, self.registered)

    @property
    def registration_percent(self):
        return percent(self.registration_rate)

    @property
    def participation_percent(self):
        return percent(self.participation_rate)

    def _meets(self, code: str, value) -> bool | None:
        return meets(self.targets, code, value)

    @property
    def registration_target(self) -> Target | None:
        return self.targets.get(REGISTRATION)

    @property
    def participation_target(self) -> Target | None:
        return self.targets.get(PARTICIPATION)

    @property
    def activities_target(self) -> Target | None:
        return self.targets.get(ACTIVITIES)

    @property
    def meets_registration(self) -> bool | None:
        r = self.registration_rate
        return self._meets(REGISTRATION, None if r is None else r * 100)  # targets are percentages (16, not 0.16)

    @property
    def meets_participation(self) -> bool | None:
        r = self.participation_rate
        return self._meets(PARTICIPATION, None if r is None else r * 100)

    @property
    def is_community(self) -> bool:
        return self.region.level == RegionLevel.COMMUNITY

    @property
    def meets_activities(self) -> bool | None:
        return self._meets(ACTIVITIES, self.activities)


def rates_for(regions: list[Region], root: Region, year: int, book: TargetBook | None = None) -> list[RateRow]:
    """Rows for ``regions`` (all at or below ``root``), for the calendar year ``year``.

    The figures come from ``CommunityYearStats`` (``volunteers.stats``): a few thousand rows per region and
    year, kept current by the write path, summed up the tree here by path prefix — never the million hour
    rows. Each row's ``as_of`` is the oldest recompute time of the figures read.
    """
    # The deepest region asked for bounds the grouping: the database sums each community into its ancestor at
    # that depth (a province's drill-down reads 100 county rows, not 9,000 communities), then up the tree once.
    depth = max(r.depth for r in regions) if regions else root.depth
    known = Q(population__gt=0)
    populations = prefix_totals(
        {
            row["group_path"]: row
            for row in Region.objects.filter(path__startswith=root.path, level=RegionLevel.COMMUNITY)
            .annotate(group_path=Left("path", depth * Region.steplen))
            .values("group_path")
            .annotate(people=Coalesce(Sum("population", filter=known), 0), known=Count("pk", filter=known))
            .order_by()
        },
        {"people": 0, "known": 0},
    )
    year_figures = stats.figures(root, year, depth)
    book = book or TargetBook()
    rows = []
    for region in regions:
        if region.level == RegionLevel.COMMUNITY:
            population = region.population
        elif region.population:
            population = region.population
        else:
            summed = populations.get(region.path)
            population = summed["people"] if summed and summed["known"] else None
        f = year_figures.total(region)
        rows.append(
            RateRow(
                region=region,
                population=population,
                registered=f["registered"],
                participants=f["participants"],
                activities=f["activities"],
                hours=Decimal(f["hours"]),
                as_of=year_figures.as_of,
                targets=targets_of(book, region),
            )
        )
    return rows


def targets_of(book: TargetBook, region: Region) -> dict[str, Target]:
    """``{code: target}`` of the volunteer indicators applying to ``region`` under its own document."""
    found = {}
    for code in CODES:
        target = book.target_for(region, code)
        if target is not None:
            found[code] = target
    return found


@dataclass
class Standard:
    """What one policy document asks of the communities' volunteering, for the page's header."""

    profile: PolicyProfile
    targets: list[Target]  # in the document's order; empty: the document sets no volunteer target

    @property
    def items(self) -> list[tuple[str, str, str]]:
        """(indicator, where — "" for every community —, requirement) of each target, for a sentence."""
        return [
            (indicators.label(t.indicator), "" if t.level == TargetLevel.COMMUNITY else t.get_level_display(), t.requirement)
            for t in self.targets
        ]

    @property
    def clauses(self) -> str:
        return "、".join(dict.fromkeys(t.clause for t in self.targets if t.clause))

    @property
    def source(self) -> str:
        return f"{self.profile.name} {self.clauses}".strip()


def standards_for(book: TargetBook, regions: list[Region]) -> list[Standard]:
    """The documents the regions follow and the volunteer targets each sets for communities (no query)."""
    community_levels = set(LEVELS_OF_REGION_LEVEL[RegionLevel.COMMUNITY]) | set(LEVELS_OF_REGION_LEVEL[RegionLevel.TOWN])
    found: dict[int, Standard] = {}
    for region in regions:
        profile = book.profile_for(region)
        if profile is None or profile.pk in found:
            continue
        targets = [
            t
            for t in book.by_profile.get(profile.pk, [])
            if t.indicator in CODES and t.level in community_levels and not t.named_ids
        ]
        found[profile.pk] = Standard(profile, targets)
    return list(found.values())


def column_requirement(rows: list[RateRow], code: str) -> str | None:
    """The requirement shown once in a column's header: the same for every row ("≥ 16 %"), "" when no row has
    a standard, None when the rows differ (then each cell says its own)."""
    requirements = {row.targets[code].requirement if code in row.targets else "" for row in rows}
    return requirements.pop() if len(requirements) == 1 else None


CHILDREN_PER_PAGE = 50  # a province's 100 counties on two pages, a county's towns on one (as the attainment page)


def rates_under(root: Region, year: int, page: int | str | None = None, per_page: int | None = None):
    """The row of ``root``, one row per child region (drill-down), ``per_page`` children at a time, and the
    targets they were judged by; a few more queries than rates_for, however many children. The root's row
    covers everything below it whichever page of children is shown. ``(total, rows, book, page)``."""
    from django.core.paginator import Paginator

    children = Region.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("path")
    shown = Paginator(children, per_page or CHILDREN_PER_PAGE).get_page(page)
    book = TargetBook()
    rows = rates_for([root, *shown.object_list], root, year, book)
    return rows[0], rows[1:], book, shown
