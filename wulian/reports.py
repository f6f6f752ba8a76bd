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

from wulian.celery import BrokerUnavailable, publish  # noqa: F401 - BrokerUnavailable: re-exported for callers
from wulian.models.base import user_can

# A report whose worker dies this many times (out of memory, killed) is failed instead of being retried again.
MAX_ATTEMPTS = 3




class TooManyReports(Exception):
    """The user already has ``WULIAN_REPORT_USER_LIMIT`` reports waiting or being built: nothing was queued
    (one person's reports never starve everyone's)."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit

    @property
    def message(self) -> str:
        from django.utils.translation import gettext as _

        return _("You already have %(count)d reports waiting or being built; start this one when one of them is "
                 "ready. Nothing was queued.") % {"count": self.limit}


@dataclass(frozen=True)
class ReportDefinition:
    code: str
    title: str | Promise
    fmt: str  # "xlsx" or "pdf"
    build: Callable
    params: tuple[str, ...] = ()  # "year", "month", "region" (a region within the user's scope)
    model: type | None = None  # who may run it: those who may view this model
    description: str | Promise = ""
    roles: frozenset | None = field(default=None)
    listed: bool = True  # offered in the report centre (a list export is started from its list)
    formats: tuple[str, ...] = ()  # when a report can be built as more than one format: ("xlsx", "pdf")
    # Form fields of the app's own (e.g. the project of an evaluation report): ``fields(user)`` gives
    # ``{name: forms.Field}``; a model choice is stored in the job's params as its id.
    fields: Callable | None = None
    # Seconds the report may take (Celery's soft limit; the hard one a minute later); None: the portal's
    # ``WULIAN_REPORT_TIME_LIMIT``. Past it the job fails with a Chinese message instead of holding a worker.
    time_limit: int | None = None

    def __post_init__(self):
        if not self.formats:
            object.__setattr__(self, "formats", (self.fmt,))

    @property
    def form_fields(self) -> tuple[str, ...]:
        """The fields of its request form: its params, and the format when it has a choice of them."""
        return (*self.params, "format") if len(self.formats) > 1 else self.params

    @property
    def format_label(self) -> str:
        return " / ".join("Excel" if f == "xlsx" else f.upper() for f in self.formats)

    def format_of(self, job) -> str:
        fmt = (job.params or {}).get("format")
        return fmt if fmt in self.formats else self.fmt

    def available_to(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if self.roles is not None and not user.is_superuser and user.role not in self.roles:
            return False
        return self.model is None or user_can(user, self.model, "view")


registry: dict[str, ReportDefinition] = {}


def register(code, title, fmt, *, params=(), model=None, description="", roles=None, listed=True, formats=(),
             fields=None, time_limit=None):
    def decorator(build):
        registry[code] = ReportDefinition(
            code, title, fmt, build, tuple(params), model, description, roles, listed, tuple(formats), fields,
            time_limit,
        )
        return build

    return decorator


def reports_for(user) -> list[ReportDefinition]:
    return [r for r in registry.values() if r.listed and r.available_to(user)]


class Progress:
    """Reports a build's progress on the job row, where the web process reads it while the task runs.

    ``progress(done, total)`` for the rows of the current stage, ``progress.stage(note, start, end)`` to say
    which part of the report is being built and which share of the bar it fills (e.g. reading the figures
    0–40 %, writing the rows 40–99 %). The row is updated with a plain UPDATE in autocommit (the worker runs no
    transaction around a build) only when a whole percent more is done, so a 100,000-row report makes about
    a hundred small writes, not 100,000.
    """

    def __init__(self, job):
        self.job = job
        self.last = -1
        self.start, self.end = 0, 99
        self.note = ""

    def stage(self, note, start: int = 0, end: int = 99) -> None:
        self.note, self.start, self.end = str(note)[:100], start, end
        self._write(max(start, self.last), force=True)

    def __call__(self, done: int, total: int) -> None:
        share = min(done / total, 1) if total else 1
        self._write(self.start + int(share * (self.end - self.start)))

    def _write(self, percent: int, force: bool = False) -> None:
        percent = max(0, min(percent, 99))
        if percent <= self.last and not force:
            return
        self.last = percent
        type(self.job).objects.filter(pk=self.job.pk).update(progress=self.last, progress_note=self.note)


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
    job.progress_note = ""
    job.save(update_fields=["status", "started_at", "progress", "progress_note", "error", "attempts"])
    fmt = definition.format_of(job)
    relative = os.path.join("reports", f"{timezone.localdate():%Y/%m}", f"job-{job.pk}.{fmt}")
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
        part = os.path.join(folder, f"job-{job.pk}.{fmt}.part")
        with open(part, "wb") as handle:
            names["filename"] = definition.build(job, handle, Progress(job))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(part, target)
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the user
        job.status, job.error, job.finished_at = ReportStatus.FAILED, failure_text(exc, definition), timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    finally:
        tempfile.tempdir = system_tempdir
        shutil.rmtree(folder, ignore_errors=True)
    job.file.name = relative
    job.filename = names["filename"] or f"{definition.code}.{fmt}"
    job.status, job.progress, job.progress_note, job.finished_at = ReportStatus.DONE, 100, "", timezone.now()
    job.save(update_fields=["file", "filename", "status", "progress", "progress_note", "finished_at"])
    if job.shared_region_id:
        announce_shared(job)


def time_limit_of(definition) -> int:
    return (definition.time_limit if definition is not None and definition.time_limit else None) or (
        settings.WULIAN_REPORT_TIME_LIMIT
    )


def failure_text(exc, definition) -> str:
    """What the job row says of a failure; running out of time is said in Chinese, with the limit."""
    from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

    if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
        minutes = max(1, round(time_limit_of(definition) / 60))
        return (f"报表生成超过时限（{minutes} 分钟），已停止，未生成文件。请缩小报表范围（如选择更小的地区或更短的期间）"
                f"后重试，或联系管理员。")
    return f"{type(exc).__name__}: {exc}"


def enqueue(job) -> None:
    """Publish the job's task now; raise ``BrokerUnavailable`` at once if the queue cannot be reached.

    Not ``delay_on_commit``: a failure there surfaces after the response (or never). The views that call this
    run in autocommit, so the job row is already visible to the worker.
    """
    from wulian.tasks import build_report

    limit = time_limit_of(job.definition)
    options = {"soft_time_limit": limit, "time_limit": limit + 60}
    if settings.WULIAN_REPORT_QUEUE:  # a queue of their own, for workers started with -Q
        options["queue"] = settings.WULIAN_REPORT_QUEUE
    publish(build_report, job.pk, **options)


def submit(user, report: str, params: dict):
    """Create a job and queue it; with the broker unreachable no job is left behind.

    Idempotent: the same report with the same parameters, asked again by the same user while the first is still
    waiting or being built, answers that first job (twenty clicks queue one job). A user with
    ``WULIAN_REPORT_USER_LIMIT`` jobs waiting or running gets ``TooManyReports``. The user's row is locked while
    deciding, so concurrent requests are decided one after the other.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from wulian.models import ReportJob, ReportStatus

    active = [ReportStatus.PENDING, ReportStatus.RUNNING]
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()
        mine = ReportJob.objects.filter(user=user, status__in=active, schedule__isnull=True)
        same = mine.filter(report=report, params=params).order_by("pk").first()
        if same is not None:
            return same
        limit = settings.WULIAN_REPORT_USER_LIMIT
        if limit and mine.count() >= limit:
            raise TooManyReports(limit)
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


def report_region(job):
    """The region a job reports on: the one asked for if it lies within the requester's scope, else the
    requester's own scope region; None for an account without a region (a superuser: everything)."""
    from wulian.models import Region

    allowed = Region.objects.restrict(job.user)
    wanted = (job.params or {}).get("region")
    if wanted:
        region = allowed.filter(pk=wanted).first()
        if region is not None:
            return region
    if job.user.region_id:
        return allowed.filter(pk=job.user.region_id).first() or job.user.region
    return None


def region_label(region) -> str:
    from django.utils.translation import gettext as _

    return region.name if region is not None else _("all")


def region_choices(user) -> list:
    """Regions a user may report on: their own and those below it down to the towns (county, towns)."""
    from wulian.choices import RegionLevel
    from wulian.models import Region

    regions = Region.objects.restrict(user).filter(level__lte=RegionLevel.TOWN)
    if user.region_id:
        own = Region.objects.filter(pk=user.region_id)
        regions = (regions | own).distinct()
    return list(regions.order_by("path").values_list("pk", "name", "level"))


def area_users(job):
    """Active users whose scope covers the job's shared region and who may run that kind of report."""
    from wulian.models import User

    region = job.shared_region
    users = User.objects.filter(is_active=True, region__path__in=[*region.ancestors_path_prefixes(), region.path])
    definition = job.definition
    return [u for u in users.select_related("region").order_by("pk") if definition is None or definition.available_to(u)]


def announce_shared(job) -> None:
    """A scheduled report is ready: notify every user of its area (one shared download, one note each)."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from wulian.notifications import notify

    users = area_users(job)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Scheduled report ready: %(title)s") % {"title": job.definition.title if job.definition else job.report}
        body = _("%(file)s for %(region)s is in your download list until %(date)s.") % {
            "file": job.filename,
            "region": job.shared_region.name,
            "date": f"{job.kept_until.year}年{job.kept_until.month}月{job.kept_until.day}日",
        }
    for user in users:
        notify(user, title, body, link=reverse("wulian:report_center"), key=f"report-job-{job.pk}")


def schedule_params(schedule, today: dt.date) -> dict:
    """The parameters of a scheduled run on ``today``: the period its rule names, the schedule's region."""
    from wulian.models.reports import PeriodRule

    params: dict = {"region": schedule.region_id}
    if schedule.period == PeriodRule.LAST_MONTH:
        last = today.replace(day=1) - dt.timedelta(days=1)
        params.update(year=last.year, month=last.month)
    elif schedule.period == PeriodRule.LAST_QUARTER:
        quarter_start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        last = quarter_start - dt.timedelta(days=1)
        params.update(year=last.year, quarter=(last.month - 1) // 3 + 1, month=last.month)
    elif schedule.period == PeriodRule.LAST_YEAR:
        params.update(year=today.year - 1, month=12)
    else:
        params.update(year=today.year, month=today.month)
    definition = schedule.definition
    if schedule.fmt and definition is not None and schedule.fmt in definition.formats:
        params["format"] = schedule.fmt
    return params


def run_schedule(schedule, today: dt.date | None = None):
    """Create and queue the schedule's job for ``today``'s period (shared with the area's users)."""
    from wulian.models import ReportJob

    today = today or timezone.localdate()
    job = ReportJob.objects.create(
        user=schedule.run_as,
        report=schedule.report,
        params=schedule_params(schedule, today),
        schedule=schedule,
        shared_region=schedule.region,
    )
    type(schedule).objects.filter(pk=schedule.pk).update(last_run_on=today)
    try:
        enqueue(job)
    except BrokerUnavailable:
        job.delete()
        type(schedule).objects.filter(pk=schedule.pk).update(last_run_on=schedule.last_run_on)
        raise
    return job


def run_due_schedules(today: dt.date | None = None) -> list:
    """Queue every active schedule that is due today (beat runs this daily). Returns the jobs created."""
    from wulian.models import ReportSchedule

    today = today or timezone.localdate()
    jobs = []
    for schedule in ReportSchedule.objects.filter(active=True).select_related("run_as", "region"):
        if schedule.report in registry and schedule.is_due(today):
            jobs.append(run_schedule(schedule, today))
    return jobs


def default_year() -> int:
    return timezone.localdate().year


def year_choices() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, 2019, -1))


def month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)
