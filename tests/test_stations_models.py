"""Station rules: tier on the right level of region, one station per tier and region, and compliance with
the tier's standard at and around every threshold of seed 000 §三.一."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from stations.choices import CertificateLevel, Post, StationTier
from stations.models import Activity, StaffAssignment, StaffMember, Station
from wulian.models import Target
from tests.stations_helpers import add_staff, station_at, town_station_meeting_standard

ALL_ROOMS = {"has_office": True, "has_case_room": True, "has_group_room": True, "has_meeting_room": True}
ALL_EQUIPMENT = {"desks": 4, "computers": 2, "printers": 1, "filing_cabinets": 1}


def compliant_in_db(station) -> bool:
    """What the list filter says, to compare with the checklist of the station page."""
    return Station.objects.compliant().filter(pk=station.pk).exists()


def assert_verdict(station, expected: bool):
    station = Station.objects.with_compliance().get(pk=station.pk)
    assert station.is_compliant is expected
    assert compliant_in_db(station) is expected
    assert Station.objects.not_compliant().filter(pk=station.pk).exists() is not expected


# -- tier and region level ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "tier, place, ok",
    [
        (StationTier.COUNTY_HUB, "mei", True),
        (StationTier.COUNTY_HUB, "hengqu", False),
        (StationTier.TOWN_STATION, "hengqu", True),
        (StationTier.TOWN_STATION, "binhe", False),
        (StationTier.TOWN_STATION, "mei", False),
        (StationTier.COMMUNITY_ROOM, "hengqu_village", True),
        (StationTier.COMMUNITY_ROOM, "shoushan", False),
    ],
)
def test_a_station_sits_on_a_region_of_its_tiers_level(cast, tier, place, ok):
    station = Station(tier=tier, region=getattr(cast, place), name="测试站")
    if ok:
        station.full_clean()
    else:
        with pytest.raises(ValidationError) as exc:
            station.full_clean()
        assert "region" in exc.value.message_dict


def test_a_region_has_at_most_one_station_of_a_tier(cast):
    station_at(cast.binhe)
    duplicate = Station(tier=StationTier.COMMUNITY_ROOM, region=cast.binhe, name="另一个社工室")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


# -- compliance: area -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "tier, place, area, expected",
    [
        (StationTier.TOWN_STATION, "hengqu", "59.99", False),
        (StationTier.TOWN_STATION, "hengqu", "60", True),
        (StationTier.TOWN_STATION, "hengqu", "60.01", True),
        (StationTier.COUNTY_HUB, "mei", "99.99", False),
        (StationTier.COUNTY_HUB, "mei", "100.00", True),
        (StationTier.COMMUNITY_ROOM, "binhe", "29.99", False),
        (StationTier.COMMUNITY_ROOM, "binhe", "30", True),
        (StationTier.COMMUNITY_ROOM, "binhe", None, False),
    ],
)
def test_office_area_at_and_around_the_threshold(cast, tier, place, area, expected):
    station = Station.objects.create(
        tier=tier, region=getattr(cast, place), name="面积测试", office_area=Decimal(area) if area else None,
        **ALL_ROOMS, **ALL_EQUIPMENT,
    )
    add_staff(station, 3, professional=2)
    assert_verdict(station, expected)
    check = next(c for c in Station.objects.with_compliance().get(pk=station.pk).compliance if c.code == "office_area")
    assert check.ok is expected


# -- compliance: rooms and equipment --------------------------------------------------------------
@pytest.mark.parametrize("room", ["has_office", "has_case_room", "has_group_room", "has_meeting_room"])
def test_a_town_station_missing_any_room_is_not_compliant(cast, room):
    station = town_station_meeting_standard(cast.hengqu)
    assert_verdict(station, True)
    setattr(station, room, False)
    station.save()
    assert_verdict(station, False)
    station = Station.objects.with_compliance().get(pk=station.pk)
    assert [c.code for c in station.missing_items] == [room]


def test_a_community_room_needs_only_case_and_group_rooms(cast):
    room = station_at(cast.binhe, office_area=Decimal("30"), has_case_room=True, has_group_room=True)
    assert_verdict(room, True)
    room.has_group_room = False
    room.save()
    assert_verdict(room, False)


@pytest.mark.parametrize("item", ["desks", "computers", "printers", "filing_cabinets"])
def test_the_county_hub_needs_each_piece_of_office_equipment(cast, item):
    hub = station_at(cast.mei, office_area=Decimal("120"), **ALL_EQUIPMENT)
    add_staff(hub, 3, professional=2)
    assert_verdict(hub, True)
    setattr(hub, item, 0)
    hub.save()
    assert_verdict(hub, False)


# -- compliance: staff ----------------------------------------------------------------------------
@pytest.mark.parametrize("resident, professional, expected", [(2, 1, False), (3, 1, True), (4, 1, True), (3, 0, False)])
def test_town_station_staff_thresholds(cast, resident, professional, expected):
    station = station_at(cast.hengqu, office_area=Decimal("60"), **ALL_ROOMS)
    add_staff(station, resident, professional=professional)
    assert_verdict(station, expected)


@pytest.mark.parametrize("resident, professional, expected", [(3, 1, False), (3, 2, True), (2, 2, False)])
def test_county_hub_staff_thresholds(cast, resident, professional, expected):
    hub = station_at(cast.mei, office_area=Decimal("100"), **ALL_EQUIPMENT)
    add_staff(hub, resident, professional=professional)
    assert_verdict(hub, expected)


def test_only_current_resident_posts_count_as_resident_staff(cast):
    station = station_at(cast.hengqu, office_area=Decimal("60"), **ALL_ROOMS)
    add_staff(station, 2, professional=1)
    add_staff(station, 1, post=Post.COMMITTEE_MEMBER)  # not a resident post
    add_staff(station, 1, end=dt.date(2020, 1, 1), start=dt.date(2019, 1, 1))  # left
    add_staff(station, 1, start=dt.date.today() + dt.timedelta(days=30))  # not started yet
    assert_verdict(station, False)
    add_staff(station, 1, post=Post.SOCIAL_WORKER)
    assert_verdict(station, True)


def test_the_thresholds_are_the_targets_of_the_counties_policy_profile(cast):
    station = town_station_meeting_standard(cast.hengqu)
    assert_verdict(station, True)
    target = Target.objects.get(profile__code="meixian2022", indicator="station_staff", level="station_town")
    assert target.clause == "000 §三.一"
    target.threshold = 4
    target.save()
    assert_verdict(station, False)
    target.status = "rejected"  # only accepted targets count
    target.save()
    assert_verdict(station, True)
    assert "眉县五社联动试点方案 (2022)" in Station.objects.with_compliance().get(pk=station.pk).standard.clause


def test_the_list_computes_compliance_in_a_fixed_number_of_queries(cast, django_assert_num_queries):
    for place in (cast.mei, cast.hengqu, cast.shoushan, cast.binhe, cast.jingxian):
        add_staff(station_at(place, office_area=Decimal("100")), 3, professional=2)
    # The stations with their staff counts, then the targets once for all of them (attachments, targets and
    # their named regions).
    with django_assert_num_queries(4):
        verdicts = [s.is_compliant for s in Station.objects.with_compliance()]
    assert len(verdicts) == 5


# -- people ---------------------------------------------------------------------------------------
def test_an_assignment_cannot_end_before_it_starts(cast):
    person = StaffMember.objects.create(name="甲", region=cast.binhe)
    assignment = StaffAssignment(person=person, station=station_at(cast.binhe), start_date=dt.date(2023, 5, 1), end_date=dt.date(2023, 4, 1))
    with pytest.raises(ValidationError):
        assignment.full_clean()


def test_overlapping_assignments_in_one_station_are_refused(cast):
    person = StaffMember.objects.create(name="乙", region=cast.binhe)
    station = station_at(cast.binhe)
    StaffAssignment.objects.create(person=person, station=station, start_date=dt.date(2023, 1, 1))
    again = StaffAssignment(person=person, station=station, start_date=dt.date(2023, 6, 1))
    with pytest.raises(ValidationError):
        again.full_clean()
    later = StaffAssignment(person=person, station=station_at(cast.shoushan), start_date=dt.date(2023, 6, 1))
    later.full_clean()  # another station is fine (a move or a second post)


def test_activity_target_groups_must_be_known(cast):
    activity = Activity(station=station_at(cast.binhe), kind="visit", title="走访", target_groups=["aliens"])
    with pytest.raises(ValidationError):
        activity.full_clean()


# -- demo -----------------------------------------------------------------------------------------
def test_the_demo_loads_twice_without_changes_and_shows_both_verdicts(cast):
    from stations import demo
    from stations.models import AgencyPlacement, Certificate, Training

    demo.load()
    models = (Station, StaffMember, StaffAssignment, Certificate, AgencyPlacement, Training, Activity)
    counts = {m: m.objects.count() for m in models}
    demo.load()
    assert {m: m.objects.count() for m in models} == counts
    assert Station.objects.filter(tier=StationTier.COUNTY_HUB, region=cast.mei).count() == 1
    assert Station.objects.compliant().exists() and Station.objects.not_compliant().exists()
    assert Station.objects.compliant().filter(tier=StationTier.COMMUNITY_ROOM).exists()
    assert Station.objects.not_compliant().filter(tier=StationTier.COMMUNITY_ROOM).exists()
    assert Certificate.objects.filter(level=CertificateLevel.SOCIAL_WORKER).exists()
    assert Activity.objects.filter(station__region=cast.binhe).count() >= 6
