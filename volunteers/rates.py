"""Volunteer indicators per region and year: registration and participation rates, activities, hours.

Every figure is grouped in the database by community (or by the activity's region) — a handful of queries
whatever the number of volunteers — and the few group rows are summed up the tree here by path prefix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.rollup import RollUp

from . import standards
from .choices import HoursStatus, VolunteerStatus
from .models import ServiceHours, Volunteer, VolunteerActivity

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
    """Rows for ``regions`` (all at or below ``root``), for the calendar year ``year``."""
    year_end = dt.date(year, 12, 31)
    under = root.path
    populations = dict(
        Region.objects.filter(path__startswith=under, level=RegionLevel.COMMUNITY).values_list("path", "population")
    )
    registered_qs = Volunteer.objects.filter(
        community__path__startswith=under, status=VolunteerStatus.ACTIVE, registered_on__lte=year_end
    )
    registered = RollUp(registered_qs, "community", n=Count("pk"))
    confirmed = ServiceHours.objects.filter(status=HoursStatus.CONFIRMED, activity__date__year=year)
    # A volunteer belongs to one community, so distinct counts per community add up the tree.
    participants = RollUp(
        confirmed.filter(
            volunteer__community__path__startswith=under,
            volunteer__status=VolunteerStatus.ACTIVE,
            volunteer__registered_on__lte=year_end,
        ),
        "volunteer__community",
        n=Count("volunteer", distinct=True),
    )
    activities = RollUp(
        VolunteerActivity.objects.filter(region__path__startswith=under, date__year=year), "region", n=Count("pk")
    )
    hours = RollUp(confirmed.filter(activity__region__path__startswith=under), "activity__region", h=Sum("hours"))
    rows = []
    for region in regions:
        if region.level == RegionLevel.COMMUNITY:
            population = region.population
        elif region.population:
            population = region.population
        else:
            known = [p for path, p in populations.items() if path.startswith(region.path) and p]
            population = sum(known) if known else None
        rows.append(
            RateRow(
                region=region,
                population=population,
                registered=registered.value(region),
                participants=participants.value(region),
                activities=activities.value(region),
                hours=Decimal(hours.value(region)),
            )
        )
    return rows


def rates_under(root: Region, year: int) -> tuple[RateRow, list[RateRow]]:
    """The row of ``root`` and one row per child region (drill-down), in two more queries than rates_for."""
    children = list(Region.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("path"))
    rows = rates_for([root, *children], root, year)
    return rows[0], rows[1:]
