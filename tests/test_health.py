"""/healthz says whether the database and the broker answer, against real and unreachable services."""

import json

import pytest

from tests.test_settings import run_python

HEALTH = (
    "import django, json; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
)


def health(**env):
    result = run_python(HEALTH, DEBUG="1", ALLOWED_HOSTS="testserver", **env)
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(status), json.loads(body)


def test_healthz_is_ok_when_database_and_broker_answer():
    import os

    status, body = health(
        DATABASE_URL=os.environ["DATABASE_URL"], CELERY_BROKER_URL=os.environ["CELERY_BROKER_URL"], CACHE_URL=""
    )
    assert status == 200
    assert body["status"] == "ok"
    assert body["database"] is True
    assert body["broker"] is True
    assert body["replica"] == "none"
    assert body["cache"] == "local"
    # The file folders' free space, judged against the bound.
    assert set(body["disk"]) == {"private", "media"}
    assert body["disk"]["private"]["free_mb"] > 0


def test_healthz_answers_503_when_the_database_is_down():
    status, body = health(DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere", CELERY_BROKER_URL="")
    assert status == 503
    assert body["database"] is False


def test_healthz_reports_an_unreachable_broker():
    import os

    status, body = health(DATABASE_URL=os.environ["DATABASE_URL"], CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    assert status == 200
    assert body["database"] is True
    assert body["broker"] is False


@pytest.mark.django_db
def test_healthz_needs_no_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] is True


def test_healthz_reports_the_redis_cache_and_an_unreachable_one():
    import os

    database = os.environ["DATABASE_URL"]
    status, body = health(DATABASE_URL=database, CACHE_URL=os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/13")
    assert status == 200 and body["cache"] is True
    status, body = health(DATABASE_URL=database, CACHE_URL="redis://127.0.0.1:1/13")
    assert status == 200 and body["cache"] is False


def test_healthz_says_when_a_file_folder_is_short_of_space():
    import os

    status, body = health(DATABASE_URL=os.environ["DATABASE_URL"], WULIAN_MIN_FREE_DISK_MB=str(10**9))
    assert status == 200
    assert body["disk"]["private"]["ok"] is False
