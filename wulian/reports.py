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

Faults: a job is published at once (``submit``), so a dead broker is a message to the user and no job is left
waiting; a worker killed mid-report hands the message back (acks_late, reject_on_worker_lost) and the job is
built again, at most ``MAX_ATTEMPTS`` times; everything the build writes, openpyxl's own temporary files
included, stays in the job's folder under the report folder and is removed whatever happens; the beat task
``reap_stale_reports`` fails jobs whose worker vanished and removes files a killed run left behind.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise

from wulian.models.base import user_can

# A report whose worker dies this many times (out of memory, killed) is failed instead of being retried again.
MAX_ATTEMPTS = 3


class BrokerUnavailable(Exception):
    """The task queue cannot be reached: the job was not queued."""


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


def work_folder(job) -> str:
    """The folder of one job's temporary files, inside the report folder (never the system temp folder)."""
    return os.path.join(settings.MEDIA_ROOT, "reports", "tmp", f"job-{job.pk}")


def run_job(job) -> None:
    """Build the job's file; the plain function the Celery task calls (and tests call directly)."""
    from wulian.models import ReportStatus

    definition = registry[job.report]
    job.attempts += 1
    if job.attempts > MAX_ATTEMPTS:
        job.status, job.finished_at = ReportStatus.FAILED, timezone.now()
        job.error = f"Stopped: the worker was lost {MAX_ATTEMPTS} times while building it."
        job.save(update_fields=["status", "error", "finished_at", "attempts"])
        return
    job.status, job.started_at, job.progress, job.error = ReportStatus.RUNNING, timezone.now(), 0, ""
    job.save(update_fields=["status", "started_at", "progress", "error", "attempts"])
    relative = os.path.join("reports", f"{timezone.localdate():%Y/%m}", f"job-{job.pk}.{definition.fmt}")
    target = os.path.join(settings.MEDIA_ROOT, relative)
    folder = work_folder(job)
    shutil.rmtree(folder, ignore_errors=True)  # what a killed earlier run left
    os.makedirs(folder)
    names = {}
    # openpyxl's write-only sheets spill to ``tempfile``'s folder: point it at the job's folder while building
    # (a worker process builds one report at a time).
    system_tempdir = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        part = os.path.join(folder, f"job-{job.pk}.{definition.fmt}.part")
        with open(part, "wb") as handle:
            names["filename"] = definition.build(job, handle, Progress(job))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(part, target)
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the user
        job.status, job.error, job.finished_at = ReportStatus.FAILED, f"{type(exc).__name__}: {exc}", timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    finally:
        tempfile.tempdir = system_tempdir
        shutil.rmtree(folder, ignore_errors=True)
    job.file.name = relative
    job.filename = names["filename"] or f"{definition.code}.{definition.fmt}"
    job.status, job.progress, job.finished_at = ReportStatus.DONE, 100, timezone.now()
    job.save(update_fields=["file", "filename", "status", "progress", "finished_at"])


def enqueue(job) -> None:
    """Publish the job's task now; raise ``BrokerUnavailable`` at once if the queue cannot be reached.

    Not ``delay_on_commit``: a failure there surfaces after the response (or never). The views that call this
    run in autocommit, so the job row is already visible to the worker.
    """
    from kombu.exceptions import OperationalError

    from wulian.tasks import build_report

    try:
        build_report.apply_async((job.pk,), retry=False)
    except (OperationalError, ConnectionError, OSError) as exc:
        raise BrokerUnavailable(str(exc)) from exc


def submit(user, report: str, params: dict):
    """Create a job and queue it; with the broker unreachable no job is left behind."""
    from wulian.models import ReportJob

    job = ReportJob.objects.create(user=user, report=report, params=params)
    try:
        enqueue(job)
    except BrokerUnavailable:
        job.delete()
        raise
    return job


def retry(job) -> None:
    """Queue a failed job again from the start."""
    from wulian.models import ReportStatus

    type(job).objects.filter(pk=job.pk).update(
        status=ReportStatus.PENDING, progress=0, error="", attempts=0, started_at=None, finished_at=None
    )
    try:
        enqueue(job)
    except BrokerUnavailable:
        type(job).objects.filter(pk=job.pk).update(status=ReportStatus.FAILED, error="BrokerUnavailable")
        raise


def reap_stale(now=None) -> int:
    """Fail jobs whose worker vanished (running or waiting far longer than any report may take) and remove
    temporary files that killed runs left in the report folder. Returns the number of jobs failed."""
    from wulian.models import ReportJob, ReportStatus

    now = now or timezone.now()
    limit = dt.timedelta(seconds=settings.WULIAN_REPORT_TIME_LIMIT)
    lost = "Interrupted: the worker building it stopped. Start it again."
    count = ReportJob.objects.filter(status=ReportStatus.RUNNING, started_at__lt=now - limit - dt.timedelta(minutes=10)).update(
        status=ReportStatus.FAILED, error=lost, finished_at=now
    )
    waited = dt.timedelta(seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]) + limit
    count += ReportJob.objects.filter(status=ReportStatus.PENDING, created_at__lt=now - waited).update(
        status=ReportStatus.FAILED, error=lost, finished_at=now
    )
    root = os.path.join(settings.MEDIA_ROOT, "reports")
    active = {f"job-{pk}" for pk in ReportJob.objects.filter(status__in=[ReportStatus.PENDING, ReportStatus.RUNNING]).values_list("pk", flat=True)}
    tmp = os.path.join(root, "tmp")
    if os.path.isdir(tmp):
        for name in os.listdir(tmp):
            if name not in active:
                shutil.rmtree(os.path.join(tmp, name), ignore_errors=True)
    cutoff = (now - limit).timestamp()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith(".part") and os.path.getmtime(path) < cutoff:
                os.unlink(path)
    return count


def default_year() -> int:
    return timezone.localdate().year


def year_choices() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, 2019, -1))


def month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)
