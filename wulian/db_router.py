"""Reads on a streaming replica, without a user ever missing their own change.

With ``DATABASE_REPLICA_URL`` set (settings add the ``replica`` database and this router), the reads of the
heavy read-only pages — dashboard (and its complete ranking), attainment, report centre, every list export (``?export=xlsx``), see
``WULIAN_REPLICA_VIEWS`` — and of the report builds in Celery (``WULIAN_REPLICA_TASKS``) go to the replica.
Everything else reads from the primary, and every write goes to the primary.

A user never misses their own change: a request that wrote reads from the primary for the rest of the request,
and its session keeps reading from the primary for ``WULIAN_PRIMARY_AFTER_WRITE_SECONDS`` (a report the request
queued carries that deadline into its task). When the replica does not answer, or replays more than
``WULIAN_REPLICA_MAX_LAG_SECONDS`` behind, reads go to the primary and a log line says so (once per process and
change of state); the replica is asked again every ``REPLICA_CHECK_SECONDS``.

Tables whose rows a request writes and reads back at once (sessions, report jobs, login attempts, beat's
schedule) are read from the primary always.
"""

from __future__ import annotations

import contextvars
import logging
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger("wulian.replica")

REPLICA = "replica"
PRIMARY = "default"
REPLICA_CHECK_SECONDS = 2.0
SESSION_KEY = "wulian_primary_until"
# Always on the primary (read right after being written, or written on reads).
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_celery_beat", "contenttypes", "auditlog"})
# The audit trail (issue 21) records exports and refusals beside a read: a record of the read, not a change.
PRIMARY_ONLY_MODELS = frozenset({"wulian.reportjob", "wulian.accesslog", "wulian.notification", "wulian.auditevent"})
# Rows written on reads or beside a change (history): not a change of the user's to see on the next page.
NOT_A_CHANGE = PRIMARY_ONLY_APPS | PRIMARY_ONLY_MODELS

# Lag: 0 when everything received is replayed, else the age of the last replayed transaction.
LAG_SQL = (
    "SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)

_reads = contextvars.ContextVar("wulian_replica_reads", default=False)
_wrote = contextvars.ContextVar("wulian_wrote", default=False)
_primary_until = contextvars.ContextVar("wulian_primary_until", default=0.0)
_served_by = contextvars.ContextVar("wulian_served_by", default="")

_state = {"checked": 0.0, "usable": None, "kind": "", "reason": "", "lag": None}


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def after_write_seconds() -> float:
    return float(getattr(settings, "WULIAN_PRIMARY_AFTER_WRITE_SECONDS", 10))


def replica_status(force: bool = False) -> dict:
    """Whether the replica may serve reads now: ``{"usable", "lag", "reason"}`` (checked every 2 s at most)."""
    now = time.monotonic()
    if not force and now - _state["checked"] < REPLICA_CHECK_SECONDS:
        return dict(_state)
    bound = float(getattr(settings, "WULIAN_REPLICA_MAX_LAG_SECONDS", 5))
    lag = None
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG_SQL)
            in_recovery, lag = cursor.fetchone()
        lag = float(lag)
        if not in_recovery:
            usable, kind, reason = False, "primary", "the replica database is not a standby"
        elif lag > bound:
            usable, kind, reason = False, "lag", f"the replica lags {lag:.1f} s (more than {bound:g} s)"
        else:
            usable, kind, reason = True, "", ""
    except Exception as exc:  # noqa: BLE001 - any failure: read from the primary
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        usable, kind, reason = False, "down", f"the replica does not answer ({detail})"
        try:
            connections[REPLICA].close()
        except Exception:  # noqa: BLE001
            pass
    if usable != _state["usable"] or kind != _state["kind"]:  # a log line per change of state, per process
        if usable and _state["usable"] is None:
            pass  # the first check of this process: nothing changed
        elif usable:
            logger.warning("replica back in use: dashboard, report and export reads go to the replica again")
        else:
            logger.warning("%s: reading from the primary", reason)
    _state.update(checked=now, usable=usable, kind=kind, reason=reason, lag=lag)
    return dict(_state)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _reads.get() or model._meta.app_label in PRIMARY_ONLY_APPS or model._meta.label_lower in PRIMARY_ONLY_MODELS:
            return PRIMARY
        if _wrote.get() or time.time() < _primary_until.get() or connections[PRIMARY].in_atomic_block:
            _served_by.set("primary")
            return PRIMARY
        if not replica_status()["usable"]:
            _served_by.set("primary")
            return PRIMARY
        _served_by.set("replica")
        return REPLICA

    def db_for_write(self, model, **hints):
        if model._meta.app_label not in NOT_A_CHANGE and model._meta.label_lower not in NOT_A_CHANGE:
            _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def replica_view(request) -> bool:
    """Whether this request's reads may go to the replica: a GET of a page in WULIAN_REPLICA_VIEWS, or an export."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.GET.get("export"):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in settings.WULIAN_REPLICA_VIEWS


def primary_until() -> float:
    """Until when this request's (or task's) reads must stay on the primary, given what it wrote so far."""
    until = _primary_until.get()
    if _wrote.get():
        until = max(until, time.time() + after_write_seconds())
    return until


class ReplicaRoutingMiddleware:
    """Marks the replica's pages, keeps a session on the primary after it wrote, and says which database read.

    The ``X-Wulian-Reads`` response header names the database that served a replica page's reads (``replica`` or
    ``primary``): operators and the stack tests see the routing without reading logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        until = 0.0
        if session is not None:
            try:
                until = float(session.get(SESSION_KEY, 0) or 0)
            except (TypeError, ValueError):
                until = 0.0
        tokens = [_reads.set(False), _wrote.set(False), _primary_until.set(until), _served_by.set("")]
        try:
            response = self.get_response(request)
            if _wrote.get() and session is not None:
                session[SESSION_KEY] = time.time() + after_write_seconds()
            if _served_by.get():
                response["X-Wulian-Reads"] = _served_by.get()
            return response
        finally:
            for var, token in zip((_reads, _wrote, _primary_until, _served_by), tokens, strict=True):
                var.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if replica_view(request):
            _reads.set(True)
        return None


# -- Celery: a task started by a request keeps that request's "primary until" -----------------------------------


def task_headers() -> dict:
    until = primary_until()
    return {"wulian_primary_until": until} if until else {}


def task_started(task) -> list:
    """Called before a task runs (``task_prerun``); returns the tokens ``task_finished`` resets."""
    reads = task.name in getattr(settings, "WULIAN_REPLICA_TASKS", ())
    until = float(getattr(task.request, "wulian_primary_until", 0) or 0)
    return [_reads.set(reads and replica_configured()), _wrote.set(False), _primary_until.set(until), _served_by.set("")]


def task_finished(tokens) -> None:
    for var, token in zip((_reads, _wrote, _primary_until, _served_by), tokens, strict=True):
        try:
            var.reset(token)
        except ValueError:  # set in another context (eager tasks inside a request)
            pass
