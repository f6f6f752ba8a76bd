"""Volunteer indicators: the arithmetic of the rates, roll-up from community to town, and the page."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from volunteers.choices import HoursStatus, VolunteerStatus
from volunteers.rates import rate, rates_for, rates_under
from volunteers.testing import make_activity, make_hours, make_volunteer
from wulian.models import Region


def test_rate_is_a_decimal_and_none_without_a_denominator():
    assert rate(16, 100) == Decimal("0.1600")
    assert rate(1, 3) == Decimal("0.3333")
    assert rate(5, 0) is None
    assert rate(5, None) is None


def _setup(cast, year=2024):
    Region.objects.filter(pk=cast.binhe.pk).update(population=100)
    Region.objects.filter(pk=cast.jingxian.pk).update(population=0)
    people = [make_volunteer(cast.binhe, registered_on=dt.date(2023, 1, 1)) for _ in range(20)]
    make_volunteer(cast.binhe, registered_on=dt.date(year + 1, 1, 1))  # registered after the year: not counted
    make_volunteer(cast.binhe, registered_on=dt.date(2023, 1, 1), status=VolunteerStatus.INACTIVE)
    make_volunteer(cast.jingxian, registered_on=dt.date(2023, 1, 1))
    activity = make_activity(cast.binhe, date=dt.date(year, 5, 1))
    make_hours(activity, people[0], hours="2.5")
    make_hours(activity, people[1], hours="1.5")
    make_hours(activity, people[2], hours="3", status=HoursStatus.PENDING)  # not confirmed: not counted
    make_hours(make_activity(cast.binhe, date=dt.date(year, 6, 1)), people[0], hours="1")
    make_hours(make_activity(cast.binhe, date=dt.date(year - 1, 6, 1)), people[3], hours="4")  # other year
    make_activity(cast.shoushan, date=dt.date(year, 7, 1))  # a town-level activity
    return people


def test_rates_of_a_community_and_its_town(cast):
    _setup(cast)
    binhe, jingxian, town = (Region.objects.get(pk=r.pk) for r in (cast.binhe, cast.jingxian, cast.shoushan))
    rows = {r.region.name: r for r in rates_for([binhe, jingxian, town], town, 2024)}
    b = rows["滨河社区"]
    assert (b.population, b.registered, b.participants, b.activities, b.hours) == (100, 20, 2, 2, Decimal("5.00"))
    assert b.registration_rate == Decimal("0.2000") and b.meets_registration
    assert b.participation_rate == Decimal("0.1000") and b.meets_participation
    assert b.meets_activities is False  # 2 < 10
    j = rows["景贤社区"]
    assert j.population == 0 and j.registration_rate is None and j.registration_percent is None
    assert not j.meets_registration
    t = rows["首善街道"]
    assert t.registered == 21 and t.participants == 2 and t.activities == 3
    assert t.meets_activities is None
    # The town's population is the sum of its communities' known populations.
    assert t.population == sum(r.population or 0 for r in Region.objects.filter(path__startswith=town.path, level=5))


def test_a_community_without_population_shows_a_dash(as_user, cast):
    Region.objects.filter(pk=cast.binhe.pk).update(population=None)
    make_volunteer(cast.binhe)
    response = as_user("binhe").get(reverse("volunteers:rates"))
    assert response.status_code == 200
    total = response.context["total"]
    assert total.population is None and total.registration_rate is None
    assert 'data-rate="registration">—<' in response.content.decode()


def test_the_rates_page_drills_down_and_states_the_targets(as_user, cast):
    _setup(cast)
    response = as_user("shoushan").get(reverse("volunteers:rates"), {"year": 2024, "region": cast.shoushan.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert [r.region.name for r in response.context["rows"]][:2] == ["滨河社区", "景贤社区"]
    assert "16%" in body and "10%" in body and "20.0%" in body


def test_the_rates_page_refuses_a_region_outside_the_scope(as_user, cast):
    response = as_user("shoushan").get(reverse("volunteers:rates"), {"region": cast.hengqu.pk})
    assert response.context["root"] == cast.user_shoushan.region  # the forged region is ignored


def test_rates_queries_do_not_grow_with_volunteers(cast, as_user):
    client = as_user("bureau")
    make_volunteer(cast.binhe)
    client.get(reverse("volunteers:rates"))  # recomputes what the migration and the volunteer marked
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("volunteers:rates"))
    _setup(cast)
    for _ in range(20):
        make_volunteer(cast.hengqu_village)
    with CaptureQueriesContext(connection) as refreshing:
        client.get(reverse("volunteers:rates"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("volunteers:rates"))
    assert len(many) == len(few) <= 16  # one is the navigation bar's unread-notification count
    # Recomputing the marked regions costs a fixed handful of grouped queries, however many rows changed.
    assert len(refreshing) <= len(few) + 15  # take the marks, lock, four grouped counts, write, release
    assert not any("volunteers_servicehours" in q["sql"] for q in many.captured_queries)


def test_agency_staff_see_no_volunteer_indicators(as_user):
    assert as_user("agency").get(reverse("volunteers:rates")).status_code == 403


def test_rates_under_returns_the_total_and_one_row_per_child(cast):
    total, rows = rates_under(Region.objects.get(pk=cast.shoushan.pk), 2024)
    assert total.region.name == "首善街道" and len(rows) == 6
