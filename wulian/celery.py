"""The Celery application; configured once from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wulian.settings")

app = Celery("wulian")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class BrokerUnavailable(Exception):
    """The task queue cannot be reached: the task was not queued."""


def publish(task, *args, **options):
    """Queue ``task(*args)`` now, or raise ``BrokerUnavailable`` at once: every enqueue a request triggers goes
    through here, so a page degrades with a message instead of answering 500 when the broker is down."""
    from kombu.exceptions import OperationalError

    try:
        return task.apply_async(args, retry=False, **options)
    except (OperationalError, ConnectionError, OSError) as exc:
        raise BrokerUnavailable(str(exc)) from exc
