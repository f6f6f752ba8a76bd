"""Volunteer indicators of the policy targets (registered in ``wulian.indicators``), as in seed 004 §二.2.

Registration rate: active volunteers registered by the end of the year / resident population (a town or
county without its own figure: the sum of its communities' known populations). Participation rate: those of
them with a confirmed service-hours record in an activity of the year / registered. Activities: volunteer
activities held in the region in the year. Each figure is one grouped query whatever the number of regions.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.indicators import Query, indicator, rolled, share, with_query
from wulian.models import Region
from wulian.rollup import RollUp

from .choices import HoursStatus, VolunteerStatus
from .models import ServiceHours, Volunteer, VolunteerActivity


def registered(year: int):
    return Volunteer.objects.filter(status=VolunteerStatus.ACTIVE, registered_on__lte=dt.date(year, 12, 31))


def populations(regions) -> dict[int, int | None]:
    """Each region's resident population: its own, else the sum of its communities' known ones (one query)."""
    missing = [r for r in regions if not r.population]
    known = {}
    if missing:
        q = Region.objects.none()
        for r in missing:
            q |= Region.objects.filter(path__startswith=r.path)
        known = dict(q.filter(level=RegionLevel.COMMUNITY, population__gt=0).values_list("path", "population"))
    result = {}
    for r in regions:
        if r.population:
            result[r.pk] = r.population
        else:
            values = [p for path, p in known.items() if path.startswith(r.path)]
            result[r.pk] = sum(values) if values else None
    return result


def volunteer_link(q: Query, region) -> str:
    return with_query(
        reverse("volunteers:volunteer_list"), region=region.pk, status=VolunteerStatus.ACTIVE,
        registered_to=f"{q.year}-12-31",
    )


@indicator(
    "volunteer_registration_rate",
    definition=_("Active volunteers registered in the region by the end of the year, in percent of its resident "
                 "population; no population figure: no data."),
    link=volunteer_link,
)
def volunteer_registration_rate(q: Query) -> dict:
    rollup = RollUp(registered(q.year), "community", n=Count("pk"))
    people = populations(q.regions)
    return {r.pk: share(rollup.value(r), people[r.pk]) for r in q.regions}


def activities_of(year: int):
    return VolunteerActivity.objects.filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))


@indicator(
    "volunteer_activities",
    definition=_("Volunteer activities held in the region in the calendar year."),
    link=lambda q, region: with_query(
        reverse("volunteers:volunteeractivity_list"), region=region.pk, date_from=f"{q.year}-01-01",
        date_to=f"{q.year}-12-31",
    ),
)
def volunteer_activities(q: Query) -> dict:
    return rolled(RollUp(activities_of(q.year), "region", n=Count("pk")), q.regions)


@indicator(
    "volunteer_participation_rate",
    definition=_("Registered volunteers of the region with at least one confirmed service record in an activity "
                 "of the year, in percent of the registered volunteers; none registered: no data."),
    link=volunteer_link,
)
def volunteer_participation_rate(q: Query) -> dict:
    confirmed = ServiceHours.objects.filter(
        status=HoursStatus.CONFIRMED, activity__in=activities_of(q.year).values("pk")
    ).values("volunteer_id")
    base = registered(q.year)
    rollup_all = RollUp(base, "community", n=Count("pk"))
    rollup_active = RollUp(base.filter(pk__in=confirmed), "community", n=Count("pk"))
    return {r.pk: share(rollup_active.value(r), rollup_all.value(r)) for r in q.regions}
