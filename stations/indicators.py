"""Station indicators of the policy targets (registered in ``wulian.indicators``).

A region without a station of the target's tier has none of what the target asks: 0 m², 0 staff, no rooms.

Station-tier indicators read the one station of the target's tier at each region (a region has at most one
station per tier): one query for the stations of all regions, one grouped query for their staff. The
certified share and the agency training hours roll rows up the region tree (``wulian.rollup``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.indicators import Query, indicator, rolled, share, with_query
from wulian.models.targets import STATION_TIER_OF_LEVEL
from wulian.rollup import RollUp

from wulian.choices import RegionLevel

from .choices import StationTier
from .compliance import EQUIPMENT, ROOMS, annotate_staff_counts  # room and equipment codes of a target's parameters
from .models import Certificate, StaffAssignment, StaffMember, Station, Training


def as_of(year: int) -> dt.date:
    """The day a year's figure is taken on: its last day, or today for the current year."""
    return min(dt.date(year, 12, 31), timezone.localdate())


def tier_of(q: Query) -> str | None:
    return STATION_TIER_OF_LEVEL.get(q.level)


def stations(q: Query, *fields, staff: bool = False) -> dict[int, dict]:
    """``{region_id: row}`` of the stations of the query's tier at its regions (one query)."""
    tier = tier_of(q)
    if tier is None:
        return {}
    qs = Station.objects.filter(tier=tier, region_id__in=q.region_ids)
    if staff:
        qs = annotate_staff_counts(qs, on=as_of(q.year))
        fields = (*fields, "resident_staff_count", "professional_count")
    return {row["region_id"]: row for row in qs.values("region_id", "pk", *fields)}


def station_link(q: Query, region) -> str | None:
    """The station list at the region, of the tier (its detail page shows the rooms, equipment and staff)."""
    tier = tier_of(q)
    return with_query(reverse("stations:station_list"), region=region.pk, tier=tier) if tier else None


@indicator(
    "station_area",
    definition=_("Office area of the region's station of the tier, in square metres (a region without one: 0)."),
    link=station_link,
)
def station_area(q: Query) -> dict:
    rows = stations(q, "office_area")
    return {r.pk: rows[r.pk]["office_area"] if r.pk in rows else Decimal(0) for r in q.regions}


def _all_present(q: Query, mapping: dict, param: str, present) -> dict:
    wanted = [mapping[code] for code in q.params.get(param, []) if code in mapping]
    rows = stations(q, *(f.value for f in wanted))
    return {r.pk: r.pk in rows and all(present(rows[r.pk][f.value]) for f in wanted) for r in q.regions}


@indicator(
    "station_rooms",
    definition=_("Whether the station has every functional room the target lists (办公室, 个案室, 小组活动室, 会议室)."),
    link=station_link,
)
def station_rooms(q: Query) -> dict:
    return _all_present(q, ROOMS, "rooms", bool)


@indicator(
    "station_equipment",
    definition=_("Whether the station has at least one of each item of office equipment the target lists."),
    link=station_link,
)
def station_equipment(q: Query) -> dict:
    return _all_present(q, EQUIPMENT, "equipment", lambda n: (n or 0) >= 1)


@indicator(
    "station_staff",
    definition=_("Resident staff (驻站人员: resident workers and social worker posts) assigned to the station on "
                 "the last day of the year (today for this year)."),
    link=station_link,
)
def station_staff(q: Query) -> dict:
    rows = stations(q, staff=True)
    return {r.pk: Decimal(rows[r.pk]["resident_staff_count"] if r.pk in rows else 0) for r in q.regions}


@indicator(
    "station_professionals",
    definition=_("Professional social workers among the station's resident staff on the last day of the year."),
    link=station_link,
)
def station_professionals(q: Query) -> dict:
    rows = stations(q, staff=True)
    return {r.pk: Decimal(rows[r.pk]["professional_count"] if r.pk in rows else 0) for r in q.regions}


@indicator(
    "certified_share",
    definition=_("Staff on the rosters of the region holding a social worker certificate obtained by the year, "
                 "in percent of all staff on those rosters; no staff: no data."),
    link=lambda q, region: with_query(reverse("stations:staffmember_list"), region=region.pk),
)
def certified_share(q: Query) -> dict:
    certified = Certificate.objects.filter(year__lte=q.year).values("person_id")
    rollup = RollUp(
        StaffMember.objects.all(),
        "region",
        staff=Count("pk"),
        certified=Count("pk", filter=Q(pk__in=certified)),
    )
    return {r.pk: share(rollup.value(r, "certified"), rollup.value(r, "staff")) for r in q.regions}


def agency_trainings(year: int):
    """Sessions of the year that trained at least one agency (named, or through its stationed staff)."""
    return Training.objects.filter(date__year=year).filter(
        Q(pk__in=Training.agencies.through.objects.values("training_id"))
        | Q(pk__in=Training.attendees.through.objects.filter(staffmember__agency__isnull=False).values("training_id"))
    )


@indicator(
    "agency_training_hours",
    definition=_("Class hours of the training sessions for social work agencies organised by the region's "
                 "stations in the year (each session counted once)."),
    link=lambda q, region: with_query(
        reverse("stations:training_list"), region=region.pk, date_from=f"{q.year}-01-01", date_to=f"{q.year}-12-31",
        for_agencies="true",
    ),
)
def agency_training_hours(q: Query) -> dict:
    return rolled(RollUp(agency_trainings(q.year), "organizer__region", hours=Sum("hours")), q.regions)



# -- town stations across a county (issue 20: what 乡镇(街道)社工站 documents ask of a county) ---------------------


def _town_stations(q: Query) -> list[dict]:
    """Town stations that exist on the year's day (opened by then, or no date), with their region's path and
    resident staff (one query; a county has tens of them)."""
    rows = annotate_staff_counts(
        Station.objects.filter(tier=StationTier.TOWN_STATION)
        .filter(Q(opened_on__isnull=True) | Q(opened_on__lte=as_of(q.year))),
        on=as_of(q.year),
    ).values("pk", "region_id", "region__path", "resident_staff_count")
    return [dict(row, path=row["region__path"]) for row in rows]


def town_station_link(q: Query, region) -> str:
    return with_query(reverse("stations:station_list"), region=region.pk, tier=StationTier.TOWN_STATION)


@indicator(
    "town_station_coverage",
    definition=_("Whether the town or street has a town social work station (opened by the end of the year)."),
    link=town_station_link,
)
def town_station_coverage(q: Query) -> dict:
    built = {row["region_id"] for row in _town_stations(q)}
    return {r.pk: r.pk in built for r in q.regions}


@indicator(
    "town_stations_built",
    definition=_("Town social work stations in the county (opened by the end of the year)."),
    link=town_station_link,
)
def town_stations_built(q: Query) -> dict:
    rows = _town_stations(q)
    return {r.pk: Decimal(sum(1 for row in rows if row["path"].startswith(r.path))) for r in q.regions}


@indicator(
    "town_station_built_share",
    definition=_("Towns and streets of the county with a town social work station, in percent of all of them."),
    link=town_station_link,
)
def town_station_built_share(q: Query) -> dict:
    from wulian.models import Region

    towns = list(Region.objects.filter(level=RegionLevel.TOWN).values_list("path", flat=True))
    built = [row["path"] for row in _town_stations(q)]
    return {r.pk: share(sum(1 for p in built if p.startswith(r.path)), sum(1 for p in towns if p.startswith(r.path)))
            for r in q.regions}


@indicator(
    "social_workers_per_station",
    definition=_("Resident staff of the county's town stations on the last day of the year, per station."),
    link=town_station_link,
)
def social_workers_per_station(q: Query) -> dict:
    rows = _town_stations(q)
    out = {}
    for region in q.regions:
        mine = [row["resident_staff_count"] or 0 for row in rows if row["path"].startswith(region.path)]
        out[region.pk] = (Decimal(sum(mine)) / len(mine)).quantize(Decimal("0.1")) if mine else None
    return out


@indicator(
    "station_certified_share",
    definition=_("Staff assigned to the region's station of the tier on the last day of the year who hold a social "
                 "worker certificate obtained by the year, in percent of them; no staff: no data."),
    link=station_link,
)
def station_certified_share(q: Query) -> dict:
    tier = tier_of(q)
    if tier is None:
        return {}
    on = as_of(q.year)
    certified = Certificate.objects.filter(year__lte=q.year).values("person_id")
    rows = (
        StaffAssignment.objects.filter(station__tier=tier, station__region_id__in=q.region_ids, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .values("station__region_id")
        .annotate(staff=Count("person", distinct=True),
                  certified=Count("person", distinct=True, filter=Q(person__in=certified)))
    )
    counts = {row["station__region_id"]: row for row in rows}
    return {r.pk: share(counts[r.pk]["certified"], counts[r.pk]["staff"]) if r.pk in counts else None
            for r in q.regions}
