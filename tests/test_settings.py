"""Settings come from the environment; production settings pass Django's deploy check."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k8Jd2-unit-test-production-secret-7hQ2zX9vP4mL6nB1cV3xR5tY8uI0oA",
    "ALLOWED_HOSTS": "portal.mzj.example.gov.cn",
}


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    # A clean environment: none of the test settings' defaults leak into the process under test.
    leaked = {
        "DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL",
    }
    base = {k: v for k, v in os.environ.items() if k not in leaked}
    base.update({"DJANGO_SETTINGS_MODULE": "wulian.settings", **env})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


def settings_dump(**env) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
        " 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG,"
        " 'hosts': s.ALLOWED_HOSTS, 'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE}))"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_database_url_the_portal_uses_an_sqlite_file_and_runs_tasks_in_process():
    dumped = settings_dump(DEBUG="1", DATABASE_URL="", CELERY_BROKER_URL="")
    assert dumped["engine"] == "django.db.backends.sqlite3"
    assert dumped["name"].endswith("wulian.sqlite3")
    assert dumped["eager"] is True
    assert dumped["lang"] == "zh-hans"
    assert dumped["tz"] == "Asia/Shanghai"


def test_database_url_and_broker_come_from_the_environment():
    dumped = settings_dump(
        **PRODUCTION_ENV,
        DATABASE_URL="postgres://wulian:pw@db.internal:5432/wulian_prod",
        CELERY_BROKER_URL="redis://cache.internal:6379/0",
    )
    assert dumped["engine"] == "django.db.backends.postgresql"
    assert dumped["name"] == "wulian_prod"
    assert dumped["eager"] is False
    assert dumped["broker"] == "redis://cache.internal:6379/0"
    assert dumped["debug"] is False
    assert dumped["hosts"] == ["portal.mzj.example.gov.cn"]


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import django; django.setup()", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    code = "import sys; from django.core.management import execute_from_command_line as e; e(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    result = run_python(code, **PRODUCTION_ENV, DATABASE_URL="", CELERY_BROKER_URL="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
