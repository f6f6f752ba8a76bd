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
# A task queued by a request carries the request's id (its log lines) and, with a read replica, how long its
# reads must stay on the primary (wulian/db_router.py). Connected here: web and worker processes both load this.
from celery.signals import before_task_publish, task_postrun, task_prerun  # noqa: E402

_task_tokens: dict = {}


@before_task_publish.connect
def _carry_request(headers=None, **kwargs):
    from wulian.db_router import task_headers
    from wulian.logs import request_id

    if headers is None:
        return
    if request_id.get():
        headers.setdefault("wulian_request_id", request_id.get())
    headers.update(task_headers())


@task_prerun.connect
def _adopt_request(task_id=None, task=None, **kwargs):
    from wulian.db_router import task_started
    from wulian.logs import request_id

    rid = getattr(task.request, "wulian_request_id", None) or ""
    _task_tokens[task_id] = (request_id.set(rid) if rid else None, task_started(task))


@task_postrun.connect
def _drop_request(task_id=None, **kwargs):
    from wulian.db_router import task_finished
    from wulian.logs import request_id

    rid_token, tokens = _task_tokens.pop(task_id, (None, None))
    if tokens is not None:
        task_finished(tokens)
    if rid_token is not None:
        try:
            request_id.reset(rid_token)
        except ValueError:
            pass
