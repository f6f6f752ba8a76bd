"""Scope matrix of every page set of the station network, and the cases a matrix cannot state.

Expectations are written by hand: 横渠镇 never sees 首善街道's stations, staff, trainings or activities;
滨河社区's community worker sees its own room; leaders read everything in 眉县 and change nothing; agency
staff and evaluators see nothing of stations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.choices import ActivityKind, CertificateLevel, Post, StationTier, TrainingKind
from stations.models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training
from tests.matrix import ScopeMatrix
from tests.stations_helpers import add_staff, parent_of, new_community, station_at, town_station_meeting_standard
from wulian.models import Agency

NOBODY_ELSE = {"agency": "", "evaluator": "", "leader": "ab"}
VISIBLE_AT_COMMUNITIES = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", **NOBODY_ELSE}
MANAGED_AT_COMMUNITIES = {
    "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "",
    "agency": "", "evaluator": "", "leader": "",
}
REGION_USERS = ("bureau", "shoushan", "hengqu", "binhe", "leader")
MANAGERS = ("bureau", "shoushan", "hengqu")


class TestStationViews(ScopeMatrix):
    model = Station
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = VISIBLE_AT_COMMUNITIES
    changeable = MANAGED_AT_COMMUNITIES
    deletable = {
        "bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "",
        "agency": "", "evaluator": "", "leader": "",
    }
    list_users = REGION_USERS
    add_users = MANAGERS

    def make(self, cast, place, key):
        if key.startswith("extra"):
            place = new_community(parent_of(place), f"新村{key}")
            add_staff(station_at(place), 1)
        return station_at(place, office_area=Decimal("30"))


class TestStaffMemberViews(ScopeMatrix):
    model = StaffMember
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = VISIBLE_AT_COMMUNITIES
    changeable = MANAGED_AT_COMMUNITIES
    # An agency keeps its own staff and their certificates (none of these rows is its own: it sees neither).
    list_users = (*REGION_USERS, "agency")
    add_users = (*MANAGERS, "agency")

    def make(self, cast, place, key):
        station = station_at(place)
        person = StaffMember.objects.create(name=f"{place.name}员工{key}", region=place, phone="13912345678")
        StaffAssignment.objects.create(person=person, station=station, start_date=dt.date(2023, 1, 1))
        Certificate.objects.create(person=person, level=CertificateLevel.ASSISTANT, number=f"N-{place.pk}-{key}", year=2021)
        return person


class TestStaffAssignmentViews(ScopeMatrix):
    model = StaffAssignment
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = VISIBLE_AT_COMMUNITIES
    changeable = MANAGED_AT_COMMUNITIES
    list_users = REGION_USERS
    add_users = MANAGERS

    def make(self, cast, place, key):
        person = StaffMember.objects.create(name=f"{place.name}员工{key}", region=place)
        return StaffAssignment.objects.create(person=person, station=station_at(place), start_date=dt.date(2023, 1, 1))


class TestCertificateViews(ScopeMatrix):
    model = Certificate
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = VISIBLE_AT_COMMUNITIES
    changeable = MANAGED_AT_COMMUNITIES
    # An agency keeps its own staff and their certificates (none of these rows is its own: it sees neither).
    list_users = (*REGION_USERS, "agency")
    add_users = (*MANAGERS, "agency")

    def make(self, cast, place, key):
        person = StaffMember.objects.create(name=f"{place.name}员工{key}", region=place)
        return Certificate.objects.create(person=person, level=CertificateLevel.SOCIAL_WORKER, number=f"C{place.pk}{key}", year=2022)


class TestAgencyPlacementViews(ScopeMatrix):
    model = AgencyPlacement
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = VISIBLE_AT_COMMUNITIES  # the cast's agency is placed in neither station
    changeable = MANAGED_AT_COMMUNITIES
    list_users = (*REGION_USERS, "agency")
    add_users = MANAGERS

    def make(self, cast, place, key):
        town = parent_of(place)
        agency = Agency.objects.create(name=f"{place.name}社工机构{key}", region=town, cultivated_by=town)
        return AgencyPlacement.objects.create(agency=agency, station=station_at(place), start_date=dt.date(2023, 1, 1))


class TestTrainingViews(ScopeMatrix):
    model = Training
    places = {"a": "shoushan", "b": "hengqu"}
    # Both sessions trained the cast's agency, so its staff see both (read-only).
    visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "", **NOBODY_ELSE, "agency": "ab"}
    changeable = MANAGED_AT_COMMUNITIES
    list_users = (*REGION_USERS, "agency")
    add_users = MANAGERS

    def make(self, cast, place, key):
        station = station_at(place)
        training = Training.objects.create(
            topic=f"{place.name}培训{key}", date=dt.date(2023, 5, 1), hours=Decimal("8"), kind=TrainingKind.PRACTICE, organizer=station
        )
        training.attendees.add(*add_staff(station, 2))
        training.agencies.add(cast.agency)
        return training


class TestActivityViews(ScopeMatrix):
    model = Activity
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = VISIBLE_AT_COMMUNITIES
    changeable = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a",
        "agency": "", "evaluator": "", "leader": "",
    }
    # Agency staff open the log too: they see (and log) only the service records of their own projects, none
    # of these (tests/test_projects_models.py).
    list_users = (*REGION_USERS, "agency")
    add_users = ("bureau", "shoushan", "hengqu", "binhe", "agency")

    def make(self, cast, place, key):
        return Activity.objects.create(
            station=station_at(place),
            kind=ActivityKind.VISIT,
            date=dt.date(2023, 6, 1),
            title=f"{place.name}走访{key}",
            target_groups=["special_elderly"],
        )


# -- what the matrix cannot state -------------------------------------------------------------------
def test_town_worker_cannot_move_its_station_into_another_town(as_user, cast):
    station = station_at(cast.hengqu_village)
    other = cast.binhe
    client = as_user("hengqu")
    response = client.post(
        station.get_url("edit"),
        {"tier": StationTier.COMMUNITY_ROOM, "region": other.pk, "name": "改名", "desks": 0, "computers": 0,
         "printers": 0, "filing_cabinets": 0},
    )
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    station.refresh_from_db()
    assert station.region == cast.hengqu_village and station.name != "改名"


def test_town_worker_cannot_log_an_activity_on_another_towns_station(as_user, cast):
    own = Activity.objects.create(station=station_at(cast.hengqu_village), kind="visit", title="原标题", date=dt.date(2023, 6, 1))
    foreign = station_at(cast.binhe)
    client = as_user("hengqu")
    data = {"title": "伪造", "kind": "visit", "date": "2023-06-02", "station": foreign.pk}
    response = client.post(own.get_url("edit"), data)
    assert response.status_code == 200 and "station" in response.context["form"].errors
    response = client.post(reverse("stations:activity_add"), data)
    assert response.status_code == 200 and "station" in response.context["form"].errors
    own.refresh_from_db()
    assert own.title == "原标题" and own.station.region == cast.hengqu_village
    assert not Activity.objects.filter(title="伪造").exists()


def test_town_worker_cannot_assign_another_towns_person(as_user, cast):
    stranger = StaffMember.objects.create(name="外镇人员", region=cast.binhe)
    client = as_user("hengqu")
    response = client.post(
        reverse("stations:staffassignment_add"),
        {"person": stranger.pk, "station": station_at(cast.hengqu_village).pk, "post": Post.RESIDENT_WORKER, "start_date": "2023-01-01"},
    )
    assert response.status_code == 200 and "person" in response.context["form"].errors
    assert not StaffAssignment.objects.filter(person=stranger).exists()


def test_community_worker_gets_own_room_and_today_preselected(as_user, cast):
    room = station_at(cast.binhe)
    station_at(cast.jingxian)
    response = as_user("binhe").get(reverse("stations:activity_add"))
    form = response.context["form"]
    assert form.initial["station"] == room.pk
    assert form.initial["date"] == timezone.localdate()
    assert list(form.fields["station"].queryset) == [room]
    required = sorted(name for name, field in form.fields.items() if field.required)
    assert required == ["date", "kind", "station", "title"]


def test_community_worker_logs_an_activity_with_only_the_required_fields(as_user, cast):
    room = station_at(cast.binhe)
    response = as_user("binhe").post(
        reverse("stations:activity_add"),
        {"title": "入户走访", "kind": "visit", "date": "2023-06-30", "station": room.pk},
    )
    activity = Activity.objects.get(title="入户走访")
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert activity.recorded_by == cast.user_binhe and activity.participants == 0


def test_station_list_filters_compliant_and_not_compliant(as_user, cast):
    good = town_station_meeting_standard(cast.shoushan)
    bad = station_at(cast.hengqu, office_area=Decimal("59.99"))
    client = as_user("bureau")
    url = reverse("stations:station_list")
    body = client.get(url, {"compliance": "yes"}).content.decode()
    assert good.get_absolute_url() in body and bad.get_absolute_url() not in body
    body = client.get(url, {"compliance": "no"}).content.decode()
    assert bad.get_absolute_url() in body and good.get_absolute_url() not in body
    assert "办公面积" in body  # what is missing is named in the list


def test_station_page_lists_what_is_missing(as_user, cast):
    station = station_at(cast.hengqu, office_area=Decimal("61"), has_office=True, has_case_room=True, has_group_room=True)
    add_staff(station, 2, professional=1)
    response = as_user("hengqu").get(station.get_absolute_url())
    failing = [check.code for check in response.context["checks"] if not check.ok]
    assert failing == ["has_meeting_room", "resident_staff"]
    body = response.content.decode()
    assert 'data-check="has_meeting_room" data-ok="0"' in body
    assert 'data-check="office_area" data-ok="1"' in body


def test_staff_filter_by_certificate_level_lists_each_person_once(as_user, cast):
    person = StaffMember.objects.create(name="双证人员", region=cast.binhe)
    Certificate.objects.create(person=person, level=CertificateLevel.ASSISTANT, number="X1", year=2019)
    Certificate.objects.create(person=person, level=CertificateLevel.ASSISTANT, number="X2", year=2020)
    other = StaffMember.objects.create(name="无证人员", region=cast.binhe)
    response = as_user("shoushan").get(reverse("stations:staffmember_list"), {"certificate_level": "assistant"})
    rows = list(response.context["table"].rows)
    assert [row.record for row in rows] == [person]
    assert other.get_absolute_url() not in response.content.decode()


def test_moving_a_person_ends_the_old_assignment(as_user, cast):
    old_station = station_at(cast.hengqu_village)
    new_station = station_at(cast.hengqu)
    person = StaffMember.objects.create(name="调动人员", region=cast.hengqu)
    old = StaffAssignment.objects.create(person=person, station=old_station, start_date=dt.date(2022, 1, 1))
    response = as_user("hengqu").post(
        reverse("stations:staffassignment_add"),
        {"person": person.pk, "station": new_station.pk, "post": Post.RESIDENT_WORKER, "start_date": "2023-07-01",
         "end_previous": "on"},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.end_date == dt.date(2023, 6, 30)
    assert list(person.assignments.order_by("start_date").values_list("station", flat=True)) == [old_station.pk, new_station.pk]
    page = as_user("hengqu").get(person.get_absolute_url()).content.decode()
    assert old_station.name in page and new_station.name in page


def test_training_hours_page_shows_agency_hours_against_48(as_user, cast):
    hub = station_at(cast.mei)
    for month, hours in ((3, "16"), (4, "12"), (5, "8")):
        training = Training.objects.create(
            topic=f"培训{month}", date=dt.date(2023, month, 1), hours=Decimal(hours), kind=TrainingKind.PRACTICE, organizer=hub
        )
        training.agencies.add(cast.agency)
    # An agency person attending counts for the agency, but the same session is not counted twice.
    stationed = StaffMember.objects.create(name="机构社工", region=cast.binhe, agency=cast.agency)
    Training.objects.get(topic="培训3").attendees.add(stationed)
    response = as_user("bureau").get(reverse("stations:training_hours"))
    rows = response.context["agency_rows"]
    assert (2023, cast.agency.name, Decimal("36"), False) in [(r["year"], r["name"], r["hours"], r["meets"]) for r in rows]
    # An agency of the area without any training this year shows at 0.
    this_year = timezone.localdate().year
    assert (this_year, cast.agency.name, Decimal("0")) in [(r["year"], r["name"], r["hours"]) for r in rows]
    assert response.context["organizer_rows"][0]["hours"] == Decimal("36")
    body = response.content.decode()
    assert "36.0 / 48" in body
    # A town worker sees only trainings its own stations organised.
    hengqu_rows = as_user("hengqu").get(reverse("stations:training_hours")).context["agency_rows"]
    assert all(row["hours"] == 0 for row in hengqu_rows)


@pytest.mark.parametrize("username", ["bureau", "hengqu", "leader"])
def test_training_hours_page_costs_a_fixed_number_of_queries(as_user, cast, username, django_assert_max_num_queries):
    hub = station_at(cast.mei)
    for i in range(12):
        t = Training.objects.create(topic=f"t{i}", date=dt.date(2022 + i % 2, 1, 1 + i), hours=Decimal(4), kind="policy", organizer=hub)
        t.agencies.add(cast.agency)
    client = as_user(username)
    # Two more than before the targets moved to the database: the agencies' counties and the targets (three
    # queries for every profile's targets), however many agencies and sessions.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("stations:training_hours")).status_code == 200


def test_placement_list_shows_who_cultivated_the_agency(as_user, cast):
    agency = Agency.objects.create(
        name="首善培育机构", region=cast.shoushan, cultivated_by=cast.shoushan, cultivated_on=dt.date(2022, 12, 1)
    )
    AgencyPlacement.objects.create(agency=agency, station=station_at(cast.binhe), start_date=dt.date(2023, 1, 1))
    body = as_user("shoushan").get(reverse("stations:agencyplacement_list")).content.decode()
    assert "首善街道" in body and "2022年12月1日" in body
