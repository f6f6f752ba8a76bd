"""Class hours (课时) of trainings per year: per organiser, and per agency against the class hours its county's
policy profile asks for (眉县: 48 a year, seed 000 §三.二.2)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from wulian.attainment import TargetBook
from wulian.choices import RegionLevel
from wulian.models import Region


def training_targets(agencies) -> dict[int, object]:
    """``{agency pk: target}`` of the agency training class hours of the county each agency is in (its
    profile's ``agency_training_hours``); agencies outside any county with such a target are left out.
    Three queries for the targets and one for the counties, however many agencies."""
    rows = list(agencies.values_list("pk", "region__path", "region__level", "region__depth"))
    county_paths = {}
    for pk, path, level, depth in rows:
        if path and level is not None and level >= RegionLevel.COUNTY:
            county_paths[pk] = path[: Region.steplen * (depth - (level - RegionLevel.COUNTY))]
    if not county_paths:
        return {}
    counties = {r.path: r for r in Region.objects.filter(path__in=set(county_paths.values()))}
    book = TargetBook()
    found = {}
    for pk, path in county_paths.items():
        target = book.target_for(counties[path], "agency_training_hours") if path in counties else None
        if target is not None:
            found[pk] = target
    return found


def meets(hours, target) -> dict:
    """How an agency's hours of one year stand against its target (no target: nothing to meet)."""
    if target is None or not target.threshold:
        return {"required": None, "meets": None, "share": None, "clause": ""}
    return {
        "required": target.threshold.normalize(),
        "meets": bool(target.compare(hours)),
        "share": min(int(hours * 100 / target.threshold), 100),
        "clause": f"{target.profile.name} {target.clause}".strip(),
    }


def hours_by_organizer(trainings):
    """{(year, organiser station pk): [hours, sessions]} and the organisers' names, for ``trainings``."""
    totals = defaultdict(lambda: [Decimal(0), 0])
    names = {}
    # pk is among the values: two sessions alike in year, organiser and hours are still two sessions.
    for row in trainings.values("pk", "date__year", "organizer_id", "organizer__name", "hours").distinct():
        key = (row["date__year"], row["organizer_id"])
        totals[key][0] += row["hours"]
        totals[key][1] += 1
        names[row["organizer_id"]] = row["organizer__name"]
    return totals, names


def hours_by_agency(trainings):
    """{(year, agency pk): [hours, sessions]}.

    An agency trained once counts once, whether listed among the session's agencies or present through
    its stationed staff.
    """
    sessions = {}
    for row in trainings.filter(agencies__isnull=False).values("pk", "date__year", "hours", "agencies"):
        sessions[(row["pk"], row["agencies"])] = row
    for row in trainings.filter(attendees__agency__isnull=False).values("pk", "date__year", "hours", "attendees__agency"):
        sessions[(row["pk"], row["attendees__agency"])] = row
    totals = defaultdict(lambda: [Decimal(0), 0])
    for (_training, agency_pk), row in sessions.items():
        totals[(row["date__year"], agency_pk)][0] += row["hours"]
        totals[(row["date__year"], agency_pk)][1] += 1
    return totals
