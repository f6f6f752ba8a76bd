"""The history tab reads like the record: Chinese labels, choices by label, 是/否, dates and amounts formatted,
related records by name (or a neutral phrase out of scope); ids, reverse relations and tokens never shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.encoding import force_str

from stations.models import Activity, Station
from tests.stations_helpers import station_at
from volunteers.models import VolunteerActivity, VolunteerTeam
from wulian.choices import TargetGroup
from volunteers.testing import make_volunteer

INTERNALS = ("ID：", "True", "False", "None", "\\u", "trainings_organized", "Training.None", "Attachment.None", '["')


def history_of(client, obj) -> str:
    return client.get(obj.get_absolute_url()).content.decode().split('id="history-table"')[1].split("</table>")[0]


def change(label_field, before, after) -> str:
    model, name = label_field
    label = force_str(model._meta.get_field(name).verbose_name)
    return f"<strong>{label}</strong>：<del>{before}</del> → <ins>{after}</ins>"


def created(label_field, value) -> str:
    model, name = label_field
    return f"<strong>{force_str(model._meta.get_field(name).verbose_name)}</strong>：<ins>{value}</ins>"


@pytest.fixture
def station(cast):
    return station_at(cast.hengqu, office_area=Decimal("80"), phone="029-5555")


def test_booleans_dates_decimals_integers_and_text_read_as_a_user_writes_them(as_user, station):
    station.is_pilot = True
    station.opened_on = dt.date(2023, 6, 30)
    station.office_area = Decimal("1234.5")
    station.computers = 1200
    station.notes = "清洁、整齐"
    station.save()
    history = history_of(as_user("hengqu"), station)
    assert change((Station, "is_pilot"), "否", "是") in history
    assert created((Station, "opened_on"), "") not in history
    assert change((Station, "office_area"), "80.00", "1,234.50") in history
    assert change((Station, "computers"), "0", "1,200") in history
    assert "2023年6月30日" in history
    assert "清洁、整齐" in history
    for internal in INTERNALS:
        assert internal not in history, internal


def test_choices_coded_lists_and_related_records_read_by_their_names(as_user, cast, station):
    other = station_at(cast.hengqu_village)
    activity = Activity.objects.create(
        station=station, kind="group", title="读书会", date=dt.date(2023, 6, 1), target_groups=["special_elderly"],
        hours=Decimal("2"),
    )
    activity.station = other
    activity.kind = "community"
    activity.target_groups = ["special_elderly", "children_in_difficulty"]
    activity.save()
    history = history_of(as_user("hengqu"), activity)
    assert change((Activity, "station"), station.name, other.name) in history
    assert change((Activity, "kind"), "小组工作", "社区活动") in history
    labels = "、".join(force_str(TargetGroup(code).label) for code in activity.target_groups)
    assert labels in history
    assert "special_elderly" not in history
    assert created((Activity, "date"), "2023年6月1日") in history
    for internal in INTERNALS:
        assert internal not in history, internal


def test_a_related_record_outside_the_users_area_is_not_named(as_user, cast, station):
    elsewhere = station_at(cast.binhe)
    activity = Activity.objects.create(station=elsewhere, kind="group", title="跨区活动", date=dt.date(2023, 6, 1))
    activity.station = station
    activity.save()
    history = history_of(as_user("hengqu"), activity)
    assert elsewhere.name not in history
    assert change((Activity, "station"), "您管辖范围以外的记录", station.name) in history


def test_tokens_times_and_many_to_many_changes(as_user, cast):
    activity = VolunteerActivity.objects.create(
        title="清扫街道", region=cast.binhe, date=dt.date(2023, 6, 30), start_time=dt.time(9, 0),
        end_time=dt.time(11, 30), place="滨河公园", content="清扫",
    )
    client = as_user("binhe")
    history = history_of(client, activity)
    assert activity.token not in history
    assert force_str(VolunteerActivity._meta.get_field("token").verbose_name) not in history
    assert "11:30" in history and "2023年6月30日" in history
    team = VolunteerTeam.objects.create(name="滨河志愿队", region=cast.binhe, organising_body="滨河社区居委会")
    team.members.add(make_volunteer(cast.binhe, name="李秀英"), make_volunteer(cast.hengqu_village, name="崖下队员"))
    history = history_of(client, team)
    assert "添加：李秀英、另有 1 条记录" in history  # a member outside the area is counted, never named
    assert "崖下队员" not in history
    for internal in INTERNALS:
        assert internal not in history, internal
