"""Reads on the real streaming replica of the stack (wulian/db_router.py): exports and the dashboard read from it,
a user always reads their own write, a lagging or stopped replica hands the reads to the primary with a log
line, and the pages keep serving."""

from __future__ import annotations

import io
import uuid

import openpyxl
import pytest

from tests.stack_helpers import Browser, log_text, wait_until

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]

EXPORT = "/core/regions/?export=xlsx"


def exported_names(response) -> set[str]:
    assert response.status_code == 200, response.text[:300]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return {str(cell) for row in book.active.iter_rows(values_only=True) for cell in row if cell}


def reads(browser: Browser, path: str = EXPORT) -> str:
    return browser.get(path).headers.get("X-Wulian-Reads", "")


def add_region(browser: Browser, stack, name: str):
    town = stack.psql("SELECT id FROM wulian_region WHERE name = '首善街道'")
    return browser.post(
        "/core/regions/add/",
        {"name": name, "level": "5", "kind": "urban", "population": "1200", "parent": town, "code": ""},
    )


def web_logs(stack) -> str:
    return "".join(log_text(f"web-{port}") for port in stack.WEB_PORTS)


@pytest.fixture
def session(stack):
    """A bureau user's session that has been quiet long enough to read from the replica."""
    browser = Browser().login("bureau")
    assert wait_until(lambda: reads(browser) == "replica", 15), "the export never read from the replica"
    return browser


def test_a_user_reads_their_own_write_and_the_replica_serves_the_rest(stack, session):
    other = Browser().login("finance")  # another bureau account: a second login of "bureau" would end `session`
    wait_until(lambda: reads(other) == "replica", 15)
    name = f"副本社区{uuid.uuid4().hex[:6]}"
    assert add_region(session, stack, name).status_code == 302
    # Right after the write, this session's export reads from the primary and holds the new community.
    response = session.get(EXPORT)
    assert response.headers["X-Wulian-Reads"] == "primary"
    assert name in exported_names(response)
    # Another session that wrote nothing keeps reading from the replica.
    assert reads(other) == "replica"
    # A few seconds later this session is back on the replica, which has the community too.
    assert wait_until(lambda: reads(session) == "replica", 15)
    response = session.get(EXPORT)
    assert response.headers["X-Wulian-Reads"] == "replica"
    assert name in exported_names(response)
    # The dashboard is a replica page as well.
    dashboard = session.get("/core/dashboard/")
    assert dashboard.status_code == 200 and dashboard.headers["X-Wulian-Reads"] == "replica"
    # Ordinary pages read from the primary without asking.
    assert "X-Wulian-Reads" not in session.get("/core/regions/").headers


def test_a_lagging_replica_hands_the_reads_to_the_primary_with_a_log_line(stack, session):
    stack.psql("SELECT pg_wal_replay_pause()", port=stack.REPLICA_PORT)
    try:
        writer = Browser().login("finance")
        name = f"滞后社区{uuid.uuid4().hex[:6]}"
        assert add_region(writer, stack, name).status_code == 302
        # Once the replay is further behind than the bound (3 s here; each web process looks again every 2 s),
        # the quiet session reads from the primary: it sees the new community the replica does not have yet.
        def from_primary_with_the_community():
            response = session.get(EXPORT)
            return response.headers["X-Wulian-Reads"] == "primary" and name in exported_names(response)

        assert wait_until(from_primary_with_the_community, 20)
        assert not stack.psql(f"SELECT 1 FROM wulian_region WHERE name = '{name}'", port=stack.REPLICA_PORT)
        assert "reading from the primary" in web_logs(stack) and "the replica lags" in web_logs(stack)
    finally:
        stack.psql("SELECT pg_wal_replay_resume()", port=stack.REPLICA_PORT)
    assert wait_until(lambda: reads(session) == "replica", 20)


def test_pages_keep_serving_when_the_replica_stops(stack, session):
    stack.pg_stop("replica", mode="immediate")
    try:
        assert wait_until(lambda: reads(session) == "primary", 10)
        for path in (EXPORT, "/core/dashboard/", "/core/targets/attainment/", "/core/reports/"):
            response = session.get(path)
            assert response.status_code == 200, path
            assert response.headers.get("X-Wulian-Reads") in ("primary", None), path
        assert "the replica does not answer" in web_logs(stack)
        health = session.get("/healthz").json()
        assert health["status"] == "ok" and health["replica"]["ok"] is False
    finally:
        stack.pg_start("replica")
    assert wait_until(lambda: reads(session) == "replica", 30)
