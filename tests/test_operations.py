"""Operations without the stack: the request id on every response and log line, JSON log lines, and the Chinese
503 page when the database does not answer."""

from __future__ import annotations

import json
import logging

import pytest

from tests.test_settings import run_python


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_adopts_the_proxys(client):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert len(first) == 32 and first != second
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID="abc123def456")["X-Request-ID"] == "abc123def456"
    # Anything that is not a plain id is replaced, never echoed.
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_log_lines_are_json_with_the_request_id():
    from wulian.logs import JsonFormatter, RequestIdFilter, request_id

    token = request_id.set("req-0123456789")
    try:
        record = logging.LogRecord("wulian.test", logging.WARNING, __file__, 1, "报表 %s 已生成", (7,), None)
        RequestIdFilter().filter(record)
        line = JsonFormatter().format(record)
    finally:
        request_id.reset(token)
    data = json.loads(line)
    assert data["message"] == "报表 7 已生成"
    assert data["request_id"] == "req-0123456789"
    assert data["level"] == "WARNING" and data["logger"] == "wulian.test"
    assert "\n" not in line


def test_a_page_that_needs_the_database_answers_a_chinese_503_while_it_is_down():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(raise_request_exception=False).get('/public/projects/', secure=True); "
        "print(r.status_code, r.get('Retry-After'), '系统暂时不可用' in r.content.decode())"
    )
    result = run_python(code, DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="testserver",
                        DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere", CELERY_BROKER_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "503 10 True"


def test_the_replica_router_is_installed_only_with_a_replica_url():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([sorted(s.DATABASES), s.DATABASE_ROUTERS if hasattr(s, 'DATABASE_ROUTERS') else []]))"
    )
    base = {"DEBUG": "1", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"}
    without = json.loads(run_python(code, **base).stdout.strip().splitlines()[-1])
    assert without == [["default"], []]
    with_replica = json.loads(
        run_python(code, DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:5433/x", **base).stdout.strip().splitlines()[-1]
    )
    assert with_replica == [["default", "replica"], ["wulian.db_router.ReplicaRouter"]]


def test_an_audit_event_written_beside_a_read_is_not_a_change_that_keeps_the_session_on_the_primary():
    """Issue 21 audits every export; the router took that write for the user's change, and a session that exported
    read from the primary for good (tests/test_stack_replica.py shows it on the real replica)."""
    from wulian import db_router
    from wulian.models import Region
    from wulian.models.security import AuditEvent

    router = db_router.ReplicaRouter()
    token = db_router._wrote.set(False)
    try:
        assert router.db_for_write(AuditEvent) == "default"
        assert db_router._wrote.get() is False
        router.db_for_write(Region)
        assert db_router._wrote.get() is True
    finally:
        db_router._wrote.reset(token)
