"""Volunteer indicators per region and year: registration and participation rates, activities, hours.

Every figure is read from the per-(region, year) rows of ``CommunityYearStats`` (see ``volunteers.stats``)
— three queries whatever the number of volunteers and hour rows — and summed up the tree by path prefix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from wulian.choices import RegionLevel
from wulian.models import Region

from . import standards, stats

PERCENT = Decimal("0.1")


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

    @property
    def meets_registration(self) -> bool:
        r = self.registration_rate
        return r is not None and r >= standards.REGISTRATION_RATE_MIN

    @property
    def meets_participation(self) -> bool:
        r = self.participation_rate
        return r is not None and r >= standards.PARTICIPATION_RATE_MIN

    @property
    def is_community(self) -> bool:
        return self.region.level == RegionLevel.COMMUNITY

    @property
    def meets_activities(self) -> bool | None:
        """The activities target is per community; for a town or county there is no single figure."""
        if not self.is_community:
            return None
        return self.activities >= standards.ACTIVITIES_PER_YEAR_MIN


def rates_for(regions: list[Region], root: Region, year: int) -> list[RateRow]:
    """Rows for ``regions`` (all at or below ``root``), for the calendar year ``year``.

    The figures come from ``CommunityYearStats`` (``volunteers.stats``): a few thousand rows per region and
    year, kept current by the write path, summed up the tree here by path prefix — never the million hour
    rows. Each row's ``as_of`` is the oldest recompute time of the figures read.
    """
    under = root.path
    populations = dict(
        Region.objects.filter(path__startswith=under, level=RegionLevel.COMMUNITY).values_list("path", "population")
    )
    year_figures = stats.figures(root, year)
    rows = []
    for region in regions:
        if region.level == RegionLevel.COMMUNITY:
            population = region.population
        elif region.population:
            population = region.population
        else:
            known = [p for path, p in populations.items() if path.startswith(region.path) and p]
            population = sum(known) if known else None
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
            )
        )
    return rows


def rates_under(root: Region, year: int) -> tuple[RateRow, list[RateRow]]:
    """The row of ``root`` and one row per child region (drill-down), in two more queries than rates_for."""
    children = list(Region.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("path"))
    rows = rates_for([root, *children], root, year)
    return rows[0], rows[1:]
