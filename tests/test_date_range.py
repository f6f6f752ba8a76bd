"""One date-range convention for pages and API: ``<name>_from`` / ``<name>_to``, both ends inclusive."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.urls import reverse

from volunteers.testing import make_activity
from wulian.filtersets import DateRangeFilter, ScopedFilterSet


def _activities(cast):
    return {day: make_activity(cast.binhe, title=f"活动{day}", date=dt.date(2024, 3, day)) for day in (1, 10, 20)}


def test_a_page_filters_by_date_from_and_to_inclusive(as_user, cast):
    made = _activities(cast)
    body = as_user("binhe").get(
        reverse("volunteers:volunteeractivity_list"), {"date_from": "2024-03-01", "date_to": "2024-03-10"}
    ).content.decode()
    assert made[1].get_absolute_url() in body and made[10].get_absolute_url() in body
    assert made[20].get_absolute_url() not in body


def test_the_api_takes_the_same_parameters(as_user, cast):
    made = _activities(cast)
    response = as_user("binhe").get("/api/volunteer-activities/", {"date_from": "2024-03-10"})
    assert {row["id"] for row in response.json()["results"]} == {made[10].pk, made[20].pk}
    response = as_user("binhe").get("/api/volunteer-activities/", {"date_to": "2024-03-01"})
    assert {row["id"] for row in response.json()["results"]} == {made[1].pk}


def test_the_api_schema_names_the_same_parameters(as_user):
    schema = as_user("bureau").get("/api/schema/", {"format": "json"}).json()
    names = {p["name"] for p in schema["paths"]["/api/volunteer-activities/"]["get"]["parameters"]}
    assert {"date_from", "date_to"} <= names


def test_a_date_time_field_counts_whole_days(as_user, cast):
    from wulian.choices import AccessAction
    from wulian.models import AccessLog

    entry = AccessLog.objects.create(user=cast.user_binhe, action=AccessAction.EXPORT, model="volunteers.Volunteer")
    today = entry.at.astimezone().date().isoformat()
    client = as_user("bureau")

    def rows(**params):
        return client.get(reverse("wulian:accesslog_list"), params).content.decode().split("<tbody", 1)[-1]

    assert str(cast.user_binhe) in rows(date_from=today, date_to=today)
    assert str(cast.user_binhe) not in rows(date_to="2000-01-01")


def _filtersets():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    import organizations.filtersets  # noqa: F401
    import stations.filtersets  # noqa: F401
    import volunteers.filtersets  # noqa: F401
    import wulian.views.core  # noqa: F401

    return list(subclasses(ScopedFilterSet))


def test_every_date_filter_of_the_portal_follows_the_convention():
    offenders = [
        f"{fs.__name__}.{name}"
        for fs in _filtersets()
        for name, flt in fs.base_filters.items()
        if isinstance(flt, (django_filters.DateFilter, django_filters.DateFromToRangeFilter, django_filters.DateTimeFilter))
        and not isinstance(flt, DateRangeFilter)
    ]
    assert offenders == []
