"""Lists that stay fast as rows grow: the denormalised scope columns, per-row subqueries, bounded paging."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import Activity
from tests.stations_helpers import station_at
from volunteers.models import ServiceHours
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.views import generic


def test_hour_rows_carry_their_activitys_region_and_follow_it(cast):
    activity = make_activity(cast.binhe)
    record = make_hours(activity, make_volunteer(cast.binhe))
    assert record.region == cast.binhe
    activity.region = cast.jingxian
    activity.save()
    record.refresh_from_db()
    assert record.region == cast.jingxian


def test_bulk_loaded_hour_rows_get_their_region_too(cast):
    activity = make_activity(cast.hengqu_village)
    volunteers = [make_volunteer(cast.hengqu_village) for _ in range(3)]
    ServiceHours.objects.bulk_create(ServiceHours(activity=activity, volunteer=v, hours=Decimal(2)) for v in volunteers)
    assert set(ServiceHours.objects.values_list("region_id", flat=True)) == {cast.hengqu_village.pk}


def test_the_activity_log_carries_its_stations_region_and_follows_a_move(cast):
    station = station_at(cast.binhe)
    entry = Activity.objects.create(station=station, kind="visit", title="走访")
    Activity.objects.bulk_create([Activity(station=station, kind="group", title="小组")])
    assert set(Activity.objects.values_list("region_id", flat=True)) == {cast.binhe.pk}
    station.region = cast.jingxian
    station.save()
    entry.refresh_from_db()
    assert entry.region == cast.jingxian
    assert set(Activity.objects.values_list("region_id", flat=True)) == {cast.jingxian.pk}


def test_the_hours_list_is_scoped_without_joining_the_activities(as_user, cast):
    make_hours(make_activity(cast.binhe), make_volunteer(cast.binhe))
    with CaptureQueriesContext(connection) as ctx:
        response = as_user("shoushan").get(reverse("volunteers:servicehours_list"))
    assert response.status_code == 200
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"] and "servicehours" in q["sql"]]
    assert counts and "volunteers_volunteeractivity" not in counts[0]


def test_the_paginator_counts_plainly_while_rows_show_their_sums(as_user, cast):
    activity = make_activity(cast.binhe, title="清扫楼道")
    for _ in range(3):
        make_hours(activity, make_volunteer(cast.binhe), hours="1.50")
    with CaptureQueriesContext(connection) as ctx:
        response = as_user("binhe").get(reverse("volunteers:volunteeractivity_list"))
    body = response.content.decode()
    assert "4.50" in body  # confirmed hours of the row, from its subquery
    count = next(q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"] and "volunteeractivity" in q["sql"])
    assert "servicehours" not in count and "GROUP BY" not in count


def test_paging_stops_at_the_bound_and_says_so(as_user, cast, monkeypatch):
    monkeypatch.setattr(generic, "MAX_PAGED_ROWS", 25)
    station = station_at(cast.binhe)
    Activity.objects.bulk_create(
        Activity(station=station, kind="visit", title=f"走访{i}", date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
        for i in range(30)
    )
    client = as_user("binhe")
    first = client.get(reverse("stations:activity_list")).content.decode()
    # The count stops past the bound too: "more than", never a count of every row in scope.
    assert 'id="paging-bounded"' in first and "超过 25 条" in first and "共 30 条" not in first
    deep = client.get(reverse("stations:activity_list"), {"page": 2}).content.decode()
    assert "走访29" in deep  # the last page allowed is shown, never a deeper offset
    assert "走访4<" not in deep


def test_a_deep_page_runs_the_row_subqueries_for_its_rows_only(as_user, cast):
    first = make_activity(cast.binhe, title="最早的活动", date=dt.date(2023, 1, 1))
    for _ in range(3):
        make_hours(first, make_volunteer(cast.binhe), hours="1.50")
    for i in range(30):
        make_activity(cast.binhe, title=f"活动{i}", date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
    with CaptureQueriesContext(connection) as ctx:
        response = as_user("binhe").get(reverse("volunteers:volunteeractivity_list"), {"page": 2})
    rows = list(response.context["table"].page.object_list)
    assert [row.record.title for row in rows][-1] == "最早的活动" and len(rows) == 6
    assert rows[-1].record.confirmed_hours == Decimal("4.50") and rows[-1].record.volunteer_count == 3
    # The OFFSET walks keys only; the subqueries run in the query that reads the six rows by key.
    offset = next(q["sql"] for q in ctx.captured_queries if "OFFSET" in q["sql"] and "volunteeractivity" in q["sql"])
    assert "servicehours" not in offset


def _activity_log(cast, start, n):
    station = station_at(cast.binhe)
    Activity.objects.bulk_create(
        Activity(station=station, kind="visit", title=f"走访{start + i}", date=dt.date(2024, 1, 1) + dt.timedelta(days=i))
        for i in range(n)
    )


def _volunteers(cast, start, n):
    from volunteers.models import Volunteer
    from volunteers.testing import valid_id_number

    Volunteer.objects.bulk_create(
        Volunteer(name=f"志愿者{start + i}", id_number=valid_id_number(start + i, birth=dt.date(1970, 1, 1) + dt.timedelta(days=start + i)),
                  phone="13900000000", community=cast.binhe, volunteer_number=f"S{start + i:08d}")
        for i in range(n)
    )


def _volunteer_activities(cast, start, n):
    from volunteers.models import VolunteerActivity

    VolunteerActivity.objects.bulk_create(
        VolunteerActivity(title=f"活动{start + i}", region=cast.binhe, date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
                          start_time=dt.time(9), end_time=dt.time(11), place="社区", organiser_name="社工站", content="服务")
        for i in range(n)
    )


def _hours(cast, start, n):
    activity = make_activity(cast.binhe, date=dt.date(2024, 1, 1) + dt.timedelta(days=start))
    _volunteers(cast, 10_000 + start, n)
    from volunteers.models import Volunteer

    people = Volunteer.objects.filter(volunteer_number__gte=f"S{10_000 + start:08d}")[:n]
    ServiceHours.objects.bulk_create(ServiceHours(activity=activity, volunteer=v, hours=Decimal(2)) for v in people)


HIGH_VOLUME = {
    "stations:activity_list": _activity_log,
    "volunteers:volunteer_list": _volunteers,
    "volunteers:volunteeractivity_list": _volunteer_activities,
    "volunteers:servicehours_list": _hours,
}


@pytest.mark.parametrize("url_name", HIGH_VOLUME)
def test_deep_pages_ask_as_few_queries_at_two_sizes(as_user, cast, url_name):
    grow = HIGH_VOLUME[url_name]
    client = as_user("bureau")
    grow(cast, 0, 30)
    client.get(reverse(url_name), {"page": 2})  # recomputes the figures the rows marked (home and menus)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name), {"page": 2}).status_code == 200
    grow(cast, 30, 120)
    client.get(reverse(url_name), {"page": 2})
    for page in (2, 6):  # page 6 is the last one of 150 rows
        with CaptureQueriesContext(connection) as many:
            response = client.get(reverse(url_name), {"page": page})
        assert response.status_code == 200 and response.context["table"].page.number == page
        assert len(response.context["table"].page.object_list) == 25
        assert len(many) == len(few), f"page {page} of {url_name}: {len(many)} queries against {len(few)}"


def test_the_organisation_summary_asks_as_few_queries_at_two_sizes(as_user, cast):
    from organizations.models import SocialOrganization

    def grow(start, n):
        SocialOrganization.objects.bulk_create(
            SocialOrganization(name=f"读书会{start + i}", region=cast.binhe, category="culture_sports", status="filed",
                               founded_on=dt.date(2020, 1, 1))
            for i in range(n)
        )

    client = as_user("bureau")
    grow(0, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organizations:community_summary"))
    grow(3, 60)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("organizations:community_summary"))
    row = next(r for r in response.context["rows"] if r.community.pk == cast.binhe.pk)
    assert row.total == 63
    assert len(many) == len(few)


def test_the_activity_search_is_served_by_its_trigram_indexes(cast):
    """The search box's query (icontains on title, place, notes) can use the GIN trigram indexes: the index
    expressions are exactly what Django compares. With plain scans forbidden, the plan names all three."""
    room = station_at(cast.binhe)
    Activity.objects.bulk_create(
        [Activity(station=room, kind="group", title=f"小组活动{i}", date=dt.date(2023, 3, 1), participants=5) for i in range(30)]
    )
    from stations.filtersets import ActivityFilterSet

    # A city-wide search (a superuser's, or a bureau's over every county) has no region to narrow it first.
    queryset = ActivityFilterSet({"q": "活动5"}, queryset=Activity.objects.all(), request=None).qs
    # Only the search's condition: plain scans forbidden, so the rows can only be found by a bitmap over an
    # index that serves the condition (the list's own order may otherwise walk the date index instead).
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for column in ("title", "place", "notes"):
        assert f"stations_activity_{column}_trgm" in plan, plan
    assert [a.title for a in queryset] == ["小组活动5"]


# -- province scale (issue 22 item 7): the lists' own order walked by an index, not sorted whole ----------------


def _plan(queryset) -> str:
    """The plan of ``queryset``'s first page with plain scans and whole sorts priced out, as on big tables."""
    sql, params = queryset[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_hours_list_shows_the_newest_day_one_activity_at_a_time(as_user, cast):
    day = dt.date(2024, 5, 1)
    earlier = make_activity(cast.binhe, title="上月活动", date=day - dt.timedelta(days=30))
    first = make_activity(cast.binhe, title="清扫楼道", date=day)
    second = make_activity(cast.binhe, title="看望老人", date=day)
    a, b, c = (make_volunteer(cast.binhe) for _ in range(3))
    for activity, volunteers in ((earlier, [a]), (first, [c, a]), (second, [b, a])):
        for volunteer in volunteers:
            make_hours(activity, volunteer)
    response = as_user("shoushan").get(reverse("volunteers:servicehours_list"))
    rows = [(r.record.activity.title, r.record.volunteer.volunteer_number) for r in response.context["table"].page.object_list]
    number = {v: v.volunteer_number for v in (a, b, c)}
    # The newest day first; on it the later-entered activity's volunteers together, by their numbers.
    assert rows == [
        ("看望老人", min(number[a], number[b])), ("看望老人", max(number[a], number[b])),
        ("清扫楼道", min(number[a], number[c])), ("清扫楼道", max(number[a], number[c])),
        ("上月活动", number[a]),
    ]


def test_the_hours_lists_order_is_walked_by_the_activities_date_index(cast):
    # At province scale the busiest day held 28,000 hour rows: sorting them all for the first page took 250 ms.
    make_hours(make_activity(cast.binhe), make_volunteer(cast.binhe))
    plan = _plan(ServiceHours.objects.select_related("activity", "volunteer"))
    assert "volunteeractivity_date_id_idx" in plan, plan


def test_the_project_lists_order_is_walked_by_its_year_index(cast):
    from projects.models import Project
    from projects.testing import make_project

    make_project(cast.binhe)
    plan = _plan(Project.objects.select_related("region", "agency"))
    assert "project_year_id_idx" in plan, plan


def test_the_staff_lists_orders_are_walked_by_their_indexes(cast):
    from stations.models import StaffAssignment, StaffMember

    person = StaffMember.objects.create(name="张社工", region=cast.binhe)
    StaffAssignment.objects.create(person=person, station=station_at(cast.binhe), start_date=dt.date(2024, 1, 1))
    assert "staffmember_name_id_idx" in _plan(StaffMember.objects.select_related("region"))
    assert "staffassignment_start_id_idx" in _plan(StaffAssignment.objects.select_related("person", "station"))
