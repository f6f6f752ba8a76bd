"""The scope matrix every model's views inherit (NetBox's ``ViewTestCases`` is the model).

A subclass names the model, how to make an object at a place of the cast, and — written out by hand, not
derived from the code under test — which cast member may see and change which object. The base class then
checks, for every cast member and anonymous visitors: the list (and its Excel export) shows exactly the
visible objects, detail/edit/delete answer 404 outside scope, the add page opens only for the roles that
may add, and the list costs the same bounded number of queries at 2 rows as at 12. The model's API endpoint
(found on the router) is held to the same table for all seven roles: list, detail, change and delete.

    class TestAgencyViews(ScopeMatrix):
        model = Agency
        places = {"a": "shoushan", "b": "hengqu"}
        visible = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "", ...}
        ...
        def make(self, cast, place, key): ...
"""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from tests.conftest import ADMIN_USERS, CAST_USERS

ALL = CAST_USERS
# The three administrators (三员分立) see and change no business row: unless a matrix says otherwise, nothing.
BUSINESS = tuple(name for name in ALL if name not in ADMIN_USERS)


class ScopeMatrix:
    model = None
    # key -> cast place where that object lies
    places: dict[str, str] = {"a": "binhe", "b": "hengqu_village"}
    # cast member -> keys of the objects they see / may change / may delete
    visible: dict[str, str] = {}
    changeable: dict[str, str] = {}
    deletable: dict[str, str] | None = None  # None: same as changeable
    # cast members for whom the list opens (others get 403) and who may open the add page
    list_users: tuple[str, ...] = ()
    add_users: tuple[str, ...] = ()
    has_edit = True
    has_delete = True
    has_add = True
    max_list_queries = 13  # the navigation bar's unread-notification count is one of them

    # -- to be supplied ------------------------------------------------------------------------
    def make(self, cast, place, key):
        raise NotImplementedError

    # -- helpers --------------------------------------------------------------------------------
    @classmethod
    def api_prefix(cls) -> str | None:
        """The model's API endpoint on the router, if it has one."""
        from wulian.api import router

        for prefix, viewset, _basename in router.registry:
            if viewset.queryset.model is cls.model:
                return prefix
        return None

    @pytest.fixture
    def objects(self, cast):
        return {key: self.make(cast, getattr(cast, place), key) for key, place in self.places.items()}

    def url(self, view, obj=None):
        name = self.model.url_name(view)
        return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)

    def assert_no_page(self, view):
        """A model declared without a page really has none (the flag is checked, not trusted)."""
        with pytest.raises(NoReverseMatch):
            reverse(self.model.url_name(view), args=[] if view == "add" else [1])

    def expected(self, table, username, key):
        return key in table.get(username, "")

    # -- the matrix -----------------------------------------------------------------------------
    def test_matrix_is_complete(self):
        for table in (self.visible, self.changeable):
            assert set(table) | set(ADMIN_USERS) == set(ALL), (
                f"state the expectation for every cast member: {sorted(set(BUSINESS) - set(table))}"
            )

    @pytest.mark.parametrize("username", ALL)
    def test_list_shows_only_objects_in_scope(self, as_user, objects, username):
        client = as_user(username)
        response = client.get(self.url("list"))
        if username not in self.list_users:
            assert response.status_code == 403
            return
        assert response.status_code == 200
        body = response.content.decode()
        for key, obj in objects.items():
            shown = obj.get_absolute_url() in body
            assert shown == self.expected(self.visible, username, key), f"{username} / {key}"

    @pytest.mark.parametrize("username", ALL)
    def test_export_contains_only_objects_in_scope(self, as_user, objects, username):
        client = as_user(username)
        response = client.get(self.url("list"), {"export": "xlsx"})
        if username not in self.list_users:
            assert response.status_code == 403
            return
        assert response.status_code == 200
        wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        cells = {str(c) for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True) for c in row if c is not None}
        for key, obj in objects.items():
            assert (self.export_key(obj) in cells) == self.expected(self.visible, username, key), f"{username} / {key}"

    def export_key(self, obj) -> str:
        """The cell of an object's export row the export test looks for."""
        return str(obj)

    @pytest.mark.parametrize("username", ALL)
    def test_detail_answers_404_outside_scope(self, as_user, objects, username):
        client = as_user(username)
        for key, obj in objects.items():
            response = client.get(self.url("detail", obj))
            expected = 200 if self.expected(self.visible, username, key) else 404
            assert response.status_code == expected, f"{username} / {key}"

    @pytest.mark.parametrize("username", ALL)
    def test_edit_answers_404_outside_scope(self, as_user, objects, username):
        if not self.has_edit:
            self.assert_no_page("edit")
            return
        client = as_user(username)
        for key, obj in objects.items():
            response = client.get(self.url("edit", obj))
            expected = 200 if self.expected(self.changeable, username, key) else 404
            assert response.status_code == expected, f"{username} / {key}"

    @pytest.mark.parametrize("username", ALL)
    def test_delete_answers_404_outside_scope(self, as_user, objects, username):
        if not self.has_delete:
            self.assert_no_page("delete")
            return
        client = as_user(username)
        table = self.changeable if self.deletable is None else self.deletable
        for key, obj in objects.items():
            response = client.get(self.url("delete", obj))
            expected = 200 if self.expected(table, username, key) else 404
            assert response.status_code == expected, f"{username} / {key}"

    @pytest.mark.parametrize("username", ALL)
    def test_add_page_opens_only_for_roles_that_may_add(self, as_user, cast, username):
        if not self.has_add:
            self.assert_no_page("add")
            return
        client = as_user(username)
        response = client.get(self.url("add"))
        assert response.status_code == (200 if username in self.add_users else 403)

    def test_anonymous_visitors_are_sent_to_login(self, client, objects):
        obj = next(iter(objects.values()))
        for url in (self.url("list"), self.url("detail", obj)):
            response = client.get(url)
            assert response.status_code == 302
            assert reverse("login") in response["Location"]

    def test_list_queries_do_not_grow_with_rows(self, as_user, cast, objects, django_assert_max_num_queries):
        client = as_user("bureau" if "bureau" in self.list_users else self.list_users[0])
        url = self.url("list")
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        for i in range(10):
            key = f"extra{i}"
            self.make(cast, getattr(cast, self.places[next(iter(self.places))]), key)
        with django_assert_max_num_queries(self.max_list_queries):
            with CaptureQueriesContext(connection) as many:
                assert client.get(url).status_code == 200
        assert len(many) == len(few), "the list's query count grows with its rows (N+1)"

    # -- the same table over the API --------------------------------------------------------------
    @pytest.mark.parametrize("username", ALL)
    def test_api_lists_and_opens_only_objects_in_scope(self, as_user, objects, username):
        prefix = self.api_prefix()
        if prefix is None:
            return
        client = as_user(username)
        response = client.get(f"/api/{prefix}/")
        if username not in self.list_users:
            assert response.status_code == 403, f"{username}: {response.status_code}"
            return
        assert response.status_code == 200, response.content
        listed = {row["id"] for row in response.json()["results"]}
        for key, obj in objects.items():
            visible = self.expected(self.visible, username, key)
            assert (obj.pk in listed) == visible, f"API list: {username} / {key}"
            status = client.get(f"/api/{prefix}/{obj.pk}/").status_code
            assert status == (200 if visible else 404), f"API detail: {username} / {key}"

    @pytest.mark.parametrize("username", ALL)
    def test_api_changes_and_deletes_only_objects_in_scope(self, as_user, objects, username):
        from wulian.api import router

        prefix = self.api_prefix()
        if prefix is None:
            return
        viewset = next(v for p, v, _b in router.registry if p == prefix)
        client = as_user(username)
        deletable = self.changeable if self.deletable is None else self.deletable
        for key, obj in objects.items():
            url = f"/api/{prefix}/{obj.pk}/"
            if "patch" in viewset.http_method_names:
                status = client.patch(url, {}, content_type="application/json").status_code
                if self.expected(self.changeable, username, key):
                    assert status == 200, f"API change: {username} / {key}: {status}"
                else:
                    assert status in (403, 404), f"API change: {username} / {key}: {status}"
            if "delete" in viewset.http_method_names:
                status = client.delete(url).status_code
                allowed = self.expected(deletable, username, key)
                if allowed:
                    # 409 when other records depend on the row (it stays, with the reason); never a 500.
                    assert status in (204, 409), f"API delete: {username} / {key}: {status}"
                else:
                    assert status == (404 if username in self.list_users else 403), f"API delete: {username} / {key}"
                assert type(obj).objects.filter(pk=obj.pk).exists() == (status != 204)
