"""Whitelisted parameters: whatever a list or API URL is given, it answers 200 or 400 — never 500 — and
never more rows per page than the offered choices."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from volunteers.testing import make_volunteer
from wulian.views.generic import PER_PAGE_CHOICES, ObjectListView


def list_url_names() -> list[str]:
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and pattern.name.endswith("_list"):
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, ObjectListView) and not pattern.pattern.converters:
                    names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return sorted(set(names))


LISTS = list_url_names()
HOSTILE = [
    {"per_page": "1000000"},
    {"per_page": "-1"},
    {"per_page": "0"},
    {"per_page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "99999999999999999999999"},
    {"sort": "no_such_column"},
    {"sort": "-__class__"},
    {"sort": ""},
    {"region": "abc"},
    {"region": "-1"},
    {"status": "no-such-status"},
    {"q": "\x00"},
    {"date_after": "0001-01-01", "date_before": "9999-12-31"},
    {"date_after": "not-a-date"},
    {"year": "99999999999"},
]


def test_every_list_is_covered():
    assert len(LISTS) >= 15, LISTS


@pytest.mark.parametrize("name", LISTS)
def test_hostile_list_parameters_never_fail(as_user, name):
    # The audit trail is the audit administrator's alone (三员分立); every other list is the bureau's.
    client = as_user("auditor" if name == "wulian:auditevent_list" else "bureau")
    for params in HOSTILE:
        response = client.get(reverse(name), params)
        assert response.status_code in (200, 400), (name, params, response.status_code)
        table = response.context["table"] if response.status_code == 200 else None
        if table is not None and hasattr(table, "paginator"):
            assert table.paginator.per_page in PER_PAGE_CHOICES, (name, params)


def sort_keys(table, column) -> list[tuple]:
    """The values the column sorts by, for the rows of the page in the order shown (read from the list's own
    queryset, so annotated figures count too)."""
    fields = [ob.bare.replace(".", "__") for ob in column.order_by]
    source = table.data.data
    pks = [row.record.pk for row in table.page.object_list]
    keys = {pk: key for pk, *key in source.filter(pk__in=pks).values_list("pk", *fields)}
    return [tuple(keys[pk]) for pk in pks]


def expected_keys(table, column) -> list[tuple]:
    """The same rows' keys as the database orders them for the sort asked (the sorted column's ``order_by``
    already points the way asked)."""
    fields = [ob.bare.replace(".", "__") for ob in column.order_by]
    signed = [("-" if ob.is_descending else "") + f for ob, f in zip(column.order_by, fields, strict=True)]
    pks = [row.record.pk for row in table.page.object_list]
    ordered = table.data.data.filter(pk__in=pks).order_by(*signed).values_list("pk", *fields)
    first = {}
    for pk, *key in ordered:
        first.setdefault(pk, tuple(key))
    return list(first.values())


@pytest.mark.django_db(transaction=False)
def test_every_offered_sort_orders_the_rows(as_user, settings):
    """On the demo, every sortable column of every list orders its page both ways (ties aside), and the two
    directions differ wherever the page shows two different values."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    from django.test import Client

    from wulian.models import User

    bureau, auditor = as_user("bureau"), Client()
    auditor.force_login(User.objects.get(username="auditor"))
    reversed_somewhere = 0
    for name in LISTS:
        client = auditor if name == "wulian:auditevent_list" else bureau  # the audit trail is the auditor's alone
        table = client.get(reverse(name)).context["table"]
        for column in [c for c in table.columns if c.orderable]:
            shown = {}
            for descending in (False, True):
                sort = f"{'-' if descending else ''}{column.name}"
                page = client.get(reverse(name), {"sort": sort})
                assert page.status_code == 200, (name, sort)
                sorted_table = page.context["table"]
                bound = sorted_table.columns[column.name]
                shown[descending] = sort_keys(sorted_table, bound)
                assert shown[descending] == expected_keys(sorted_table, bound), (name, sort)
            if len(set(shown[False])) > 1:
                assert shown[False] != shown[True], (name, column.name)
                reversed_somewhere += 1
    assert reversed_somewhere >= 20  # the demo gives most columns two different values on the first page


def test_page_size_is_one_of_the_choices_and_pages_are_clamped(as_user, cast):
    for i in range(30):
        make_volunteer(cast.binhe, name=f"志愿者{i}")
    client = as_user("bureau")
    url = reverse("volunteers:volunteer_list")
    response = client.get(url, {"per_page": "1000000"})
    assert len(response.context["table"].page.object_list) == 25
    response = client.get(url, {"per_page": "50", "page": "99"})
    assert response.context["table"].page.number == 1  # 30 rows, 50 a page: the last page is 1
    response = client.get(url, {"per_page": "25", "page": "-3"})
    assert response.context["table"].page.number == 1


API_LISTS = [
    "/api/stations/", "/api/staff/", "/api/staff-assignments/", "/api/certificates/", "/api/placements/",
    "/api/trainings/", "/api/activities/", "/api/agencies/", "/api/social-organizations/", "/api/volunteers/",
    "/api/volunteer-teams/", "/api/volunteer-activities/", "/api/service-hours/", "/api/volunteer-certificates/",
]
API_HOSTILE = HOSTILE + [{"page_size": "1000000"}, {"ordering": "__class__"}, {"limit": "-1", "offset": "-5"}]


@pytest.mark.parametrize("url", API_LISTS)
def test_hostile_api_parameters_answer_400_or_are_ignored(as_user, url):
    client = as_user("bureau")
    for params in API_HOSTILE:
        response = client.get(url, params)
        # DRF answers an unknown page with 404 ("Invalid page"), a bad filter value with 400.
        assert response.status_code in (200, 400, 404), (url, params, response.status_code)
        if response.status_code == 200:
            assert len(response.json()["results"]) <= 50


def test_a_nested_list_in_target_groups_is_a_400(as_user, cast):
    from tests.stations_helpers import station_at

    room = station_at(cast.binhe)
    client = as_user("binhe")
    for value in ([["elderly"]], [{"a": 1}], {"elderly": True}, "elderly", [None], [1]):
        response = client.post(
            "/api/activities/",
            {"station": room.pk, "kind": "visit", "title": "走访", "target_groups": value},
            content_type="application/json",
        )
        assert response.status_code == 400, value
        assert "target_groups" in response.json()
