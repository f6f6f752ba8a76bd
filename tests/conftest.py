"""Shared fixtures: the cast of users and places every test speaks of, on the real database.

The 眉县 region tree and one user per demo role are loaded once per test database; each test runs in a
transaction that is rolled back. Transactional tests (browser, Celery) start from an empty database and
load what they need themselves.
"""

from __future__ import annotations

import contextlib
import os
from types import SimpleNamespace

import pytest
from django.db import connection

pytest_plugins = ["tests.browser", "tests.stack_helpers"]

TEST_PASSWORD = "wulian-test-pass"
ADMIN_USERS = ("sysadmin", "secadmin", "auditor")  # 三员分立: system, security and audit administrators
CAST_USERS = ("bureau", "shoushan", "hengqu", "binhe", "agency", "evaluator", "leader", *ADMIN_USERS)
CAST_PLACES = {
    "mei": "眉县",
    "shoushan": "首善街道",
    "binhe": "滨河社区",
    "jingxian": "景贤社区",
    "hengqu": "横渠镇",
    "hengqu_community": "横渠社区",
    "hengqu_village": "崖下村",
}


def pytest_sessionstart(session):
    # In CI the suite must run on PostgreSQL with Redis: a missing service fails the run, never skips.
    if os.environ.get("CI"):
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.exit("CI must run the suite on PostgreSQL: set DATABASE_URL=postgres://…", returncode=3)
        if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
            pytest.exit("CI must run Celery on Redis: set CELERY_BROKER_URL=redis://…", returncode=3)


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Each test starts in the portal's default language (a request may have switched the thread's)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """No counter or cached value of one test reaches the next."""
    from django.core.cache import caches

    # The backend itself: ``django.core.cache.cache`` is a proxy whose type names no backend (it fell through to a
    # FLUSHDB that wiped the other worker's throttle counters mid-test).
    _clear_cache(caches["default"])
    yield
    _clear_cache(caches["default"])


def _clear_cache(cache):
    """Clear this test process's cache. On Redis (shared by the parallel workers) only this process's keys go:
    a FLUSHDB would wipe another worker's counters in the middle of its test."""
    import redis

    try:
        _clear_reachable_cache(cache)
    except redis.exceptions.ConnectionError:
        pass  # a test that pointed the cache at a dead server (tests/test_volunteers_checkin.py): nothing to clear


def _clear_reachable_cache(cache):
    prefix = getattr(cache, "key_prefix", "")
    if prefix and type(cache).__name__ == "RedisCache":
        client = cache._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def forced_logins_pass_the_second_factor(monkeypatch):
    """``client.force_login(user)`` stands for a complete login: the password and, for the roles that need it,
    the second factor (``verify_second_factor``). Tests of the second factor itself log in through the form."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_second_factor(self)

    monkeypatch.setattr(Client, "force_login", force_login)


def verify_second_factor(client):
    """Mark the client's session as having shown its second factor (what the check page does on a right code)."""
    from wulian.security import twofactor

    session = client.session
    session[twofactor.VERIFIED] = True
    session.save()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files of each test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def audit_anchor_dir(settings, tmp_path):
    """The audit trail's anchor file of each test is its own (the database is rolled back, a file would not be)."""
    settings.WULIAN_AUDIT_ANCHOR_DIR = tmp_path / "audit-anchor"
    return settings.WULIAN_AUDIT_ANCHOR_DIR


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    resets_past_the_audit_trigger()
    with django_db_blocker.unblock():
        load_cast()


def resets_past_the_audit_trigger():
    """The test database's reset between transactional tests (Django's flush: one TRUNCATE of every table) runs
    with ``session_replication_role = replica``, which only a superuser may set and under which no ordinary trigger
    fires: the audit trail refuses TRUNCATE to everyone else (migration ``wulian/0022_security_more``)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush
    if getattr(original, "past_the_audit_trigger", False):
        return

    def execute_sql_flush(self, sql_list):
        original(self, ["SET LOCAL session_replication_role = replica", *sql_list] if sql_list else sql_list)

    execute_sql_flush.past_the_audit_trigger = True
    DatabaseOperations.execute_sql_flush = execute_sql_flush


def load_cast():
    from wulian import demo

    mei = demo.load_regions()
    demo.load_users(mei, password=TEST_PASSWORD)


@pytest.fixture
def cast(db):
    return get_cast()


@pytest.fixture
def crowd_cast(transactional_db, settings):
    """The cast on a committed database, for races of real threads on PostgreSQL (tests/test_*concurrency.py)."""
    assert connection.vendor == "postgresql", "races are tested on PostgreSQL"
    # The race is many sessions of one account at once; the one-session rule (tests/test_security.py) would end
    # all but the newest before they post.
    settings.WULIAN_SINGLE_SESSION = False
    load_cast()
    return get_cast()


def get_cast():
    from wulian.models import Region, User

    users = {u.username: u for u in User.objects.filter(username__in=CAST_USERS).select_related("region", "agency")}
    regions = {r.name: r for r in Region.objects.filter(name__in=CAST_PLACES.values())}
    ns = SimpleNamespace(**{key: regions[name] for key, name in CAST_PLACES.items()})
    ns.users = users
    ns.agency = users["agency"].agency
    for name, user in users.items():
        setattr(ns, f"user_{name}", user)
    return ns


@pytest.fixture
def as_user(client, cast):
    """Log the test client in as a cast member: ``as_user("hengqu")``."""

    def login(username):
        client.force_login(cast.users[username])
        return client

    return login


@pytest.fixture
def db_vendor(db):
    return connection.vendor


@contextlib.contextmanager
def loaded_once(django_db_blocker, media, load):
    """Data a module's tests all read (the demo), loaded by ``load()`` once for the module: in a transaction that
    each test's own (a savepoint) nests in and that is rolled back after the module's last test, as Django's
    ``TestCase.setUpTestData`` does. Its files go to ``media``, which the module's ``media_root`` returns."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(DEBUG=True, MEDIA_ROOT=media), transaction.atomic():
        load()
        yield
        transaction.set_rollback(True)
