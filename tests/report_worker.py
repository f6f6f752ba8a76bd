"""A real Celery worker (a thread of the test process) on the Redis broker, on a queue of its own.

Each test gets a fresh queue (``WULIAN_REPORT_QUEUE``): under pytest-xdist another test process may run its own
worker on the same Redis database at the same time (the killed-worker test does), and a worker that took
another process's message would look the job up in the wrong test database and leave it waiting forever.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager


@contextmanager
def report_worker(settings):
    from celery.contrib.testing.worker import start_worker

    from wulian.celery import app

    assert settings.CELERY_BROKER_URL.startswith("redis://"), "this test needs the real Redis broker"
    queue = f"test-reports-{uuid.uuid4().hex[:12]}"
    settings.WULIAN_REPORT_QUEUE = queue
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue]):
            yield queue
    finally:
        app.conf.task_always_eager = True
