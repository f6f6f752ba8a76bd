"""The report pipeline: one registry, one Celery task, one download list.

An app declares a report in its ``reports.py``::

    @register("station_compliance", _("Station compliance"), "xlsx", params=("year",))
    def station_compliance(job, handle, progress):
        ...write the workbook to handle, calling progress(done, total) now and then...
        return "站点达标情况-2023.xlsx"

The builder receives the job (``job.user`` is the requester: every query inside goes through
``restrict(job.user)``), an open binary file and a progress callback, and returns the download's file name.
The task writes to a temporary file and renames it into place, so a task killed half-way leaves no half
file and can simply run again.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise

from wulian.exports import atomic_write
from wulian.models.base import user_can


@dataclass(frozen=True)
class ReportDefinition:
    code: str
    title: str | Promise
    fmt: str  # "xlsx" or "pdf"
    build: Callable
    params: tuple[str, ...] = ()  # "year", "month"
    model: type | None = None  # who may run it: those who may view this model
    description: str | Promise = ""
    roles: frozenset | None = field(default=None)
    listed: bool = True  # offered in the report centre (a list export is started from its list)

    def available_to(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if self.roles is not None and not user.is_superuser and user.role not in self.roles:
            return False
        return self.model is None or user_can(user, self.model, "view")


registry: dict[str, ReportDefinition] = {}


def register(code, title, fmt, *, params=(), model=None, description="", roles=None, listed=True):
    def decorator(build):
        registry[code] = ReportDefinition(code, title, fmt, build, tuple(params), model, description, roles, listed)
        return build

    return decorator


def reports_for(user) -> list[ReportDefinition]:
    return [r for r in registry.values() if r.listed and r.available_to(user)]


class Progress:
    """Writes progress to the job row at most every 2 % so the page's bar moves without hammering the DB."""

    def __init__(self, job):
        self.job = job
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = int(done * 100 / total) if total else 100
        percent = max(0, min(percent, 99))
        if percent >= self.last + 2:
            self.last = percent
            type(self.job).objects.filter(pk=self.job.pk).update(progress=percent)


def run_job(job) -> None:
    """Build the job's file; the plain function the Celery task calls (and tests call directly)."""
    from wulian.models import ReportStatus

    definition = registry[job.report]
    job.status, job.started_at, job.progress, job.error = ReportStatus.RUNNING, timezone.now(), 0, ""
    job.save(update_fields=["status", "started_at", "progress", "error"])
    relative = os.path.join("reports", f"{timezone.localdate():%Y/%m}", f"job-{job.pk}.{definition.fmt}")
    target = os.path.join(settings.MEDIA_ROOT, relative)
    names = {}

    def write(handle):
        names["filename"] = definition.build(job, handle, Progress(job))

    try:
        atomic_write(target, write)
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the user
        job.status, job.error, job.finished_at = ReportStatus.FAILED, f"{type(exc).__name__}: {exc}", timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    job.file.name = relative
    job.filename = names["filename"] or f"{definition.code}.{definition.fmt}"
    job.status, job.progress, job.finished_at = ReportStatus.DONE, 100, timezone.now()
    job.save(update_fields=["file", "filename", "status", "progress", "finished_at"])


def default_year() -> int:
    return timezone.localdate().year


def year_choices() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, 2019, -1))


def month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)
