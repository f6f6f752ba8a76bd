"""Builders the station tests share: a station of the right tier at a cast place, people, assignments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stations.choices import TIER_LEVEL, Post, StationTier
from stations.models import StaffAssignment, StaffMember, Station
from wulian.choices import CommunityKind, RegionLevel
from wulian.models import Region

TIER_OF_LEVEL = {level: tier for tier, level in TIER_LEVEL.items()}


def station_at(region: Region, **fields) -> Station:
    """The station of ``region``'s tier there, created if missing."""
    tier = TIER_OF_LEVEL[RegionLevel(region.level)]
    defaults = {"name": f"{region.name}{StationTier(tier).label}", **fields}
    station, _ = Station.objects.get_or_create(region=region, tier=tier, defaults=defaults)
    return station


def parent_of(region: Region) -> Region:
    return Region.objects.get(path=region.path[: -region.steplen])


def new_community(town: Region, name: str) -> Region:
    return Region.objects.add_child(town, {"name": name, "level": RegionLevel.COMMUNITY, "kind": CommunityKind.RURAL})


def add_staff(station: Station, count: int, *, professional: int = 0, post=Post.RESIDENT_WORKER, start=None, end=None):
    people = []
    for i in range(count):
        person = StaffMember.objects.create(
            name=f"{station.name}员工{StaffMember.objects.count() + 1}", region=station.region, is_professional=i < professional
        )
        StaffAssignment.objects.create(
            person=person, station=station, post=post, start_date=start or dt.date(2022, 1, 1), end_date=end
        )
        people.append(person)
    return people


def town_station_meeting_standard(region: Region) -> Station:
    station = station_at(
        region,
        office_area=Decimal("60"),
        has_office=True,
        has_case_room=True,
        has_group_room=True,
        has_meeting_room=True,
    )
    add_staff(station, 3, professional=1)
    return station
