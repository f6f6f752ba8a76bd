"""Test settings: the production settings, read from the environment, with test-friendly defaults.

DATABASE_URL and CELERY_BROKER_URL come from the environment (``make test`` points them at PostgreSQL and
Redis); the defaults below only cover what tests never need from production (HTTPS redirects, slow hashing).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
# A test-only key for the personal data (never a real one in the repository).
os.environ.setdefault("WULIAN_DATA_KEY", "dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=")
os.environ.setdefault("WULIAN_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from wulian.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True

# Unit tests run tasks in-process; tests marked `celery` switch this off and run a real worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True

# A test-only app with models whose scope rules no real app needs yet (state-dependent visibility).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scopeapp.apps.ScopeAppConfig"]  # noqa: F405

# The cache on Redis, as in production, when CACHE_URL is set (`make test`: a db of its own). Each test process
# keeps its keys under a prefix of its own, removed between tests (tests/conftest.py: never a FLUSHDB, which
# would wipe the other worker's counters).
if os.environ.get("CACHE_URL"):
    CACHES["default"]["KEY_PREFIX"] = f"wulian-test-{os.getpid()}"  # noqa: F405
