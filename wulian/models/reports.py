"""Report jobs: a report is built in the background (Celery) and lands in the requester's download list.

A scheduled report (``ReportSchedule``) is built once, as the schedule's named account, and shared: it is in the
download list of every user whose scope covers the schedule's region (``ReportJob.shared_region``).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A report belongs to the person who asked for it; a scheduled one also to every user whose scope
        covers its region and who may run that kind of report. Nobody else sees it in their list."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        mine = Q(user=user)
        if user.scope_path:
            from wulian.reports import registry

            codes = [code for code, definition in registry.items() if definition.available_to(user)]
            mine |= Q(shared_region__path__startswith=user.scope_path, report__in=codes)
        return self.filter(mine)


class ReportJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    report = models.CharField(_("report"), max_length=50)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    progress_note = models.CharField(_("stage"), max_length=100, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    schedule = models.ForeignKey(
        "wulian.ReportSchedule",
        verbose_name=_("schedule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    shared_region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("shared with the users of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A scheduled report is in the download list of every user whose scope covers this region."),
    )

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.report} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in {ReportStatus.PENDING, ReportStatus.RUNNING}

    @property
    def keep_days(self) -> int:
        return settings.REPORT_KEEP_SCHEDULED_DAYS if self.schedule_id or self.shared_region_id else settings.REPORT_KEEP_DAYS

    @property
    def kept_until(self) -> dt.date:
        """The day the file is purged (the beat purge removes jobs older than their keep time)."""
        return timezone.localdate(self.created_at + dt.timedelta(days=self.keep_days))

    @property
    def definition(self):
        from wulian.reports import registry

        return registry.get(self.report)


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class PeriodRule(models.TextChoices):
    """Which period a scheduled report covers, counted from the day it runs."""

    LAST_MONTH = "last_month", _("Last month")
    LAST_QUARTER = "last_quarter", _("Last quarter")
    THIS_YEAR = "this_year", _("This year to date")
    LAST_YEAR = "last_year", _("Last year")


class ReportSchedule(models.Model):
    """A report built automatically by Celery beat for one region, as a named account, shared with the area."""

    title = models.CharField(_("title"), max_length=100, blank=True)
    report = models.CharField(_("report"), max_length=50)
    period = models.CharField(_("reporting period"), max_length=20, choices=PeriodRule.choices, default=PeriodRule.LAST_MONTH)
    fmt = models.CharField(_("format"), max_length=10, blank=True, help_text=_("Empty: the report's own format."))
    run_as = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run as"),
        on_delete=models.PROTECT,
        related_name="report_schedules",
        help_text=_("The report contains what this account may see, within the region below."),
    )
    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    day = models.PositiveSmallIntegerField(
        _("day of the month"),
        default=1,
        help_text=_("It runs on this day of the month (of the quarter's first month when quarterly), or the first day after it that the scheduler runs."),
    )
    active = models.BooleanField(_("active"), default=True)
    last_run_on = models.DateField(_("last run on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        ordering = ["region__path", "report"]

    def __str__(self):
        return self.title or f"{self.report} · {self.region}"

    @property
    def definition(self):
        from wulian.reports import registry

        return registry.get(self.report)

    def clean(self):
        super().clean()
        from wulian.reports import registry

        errors = {}
        definition = registry.get(self.report)
        if definition is None or not definition.listed:
            errors["report"] = _("Choose one of the reports of the report centre.")
        if not 1 <= (self.day or 0) <= 28:
            errors["day"] = _("Choose a day from 1 to 28 (every month has it).")
        if self.run_as_id and self.region_id:
            scope = self.run_as.scope_path
            if not self.run_as.is_active or scope is None or not self.region.path.startswith(scope):
                errors["run_as"] = _("The account must be active and its scope must cover the region.")
            elif definition is not None and not definition.available_to(self.run_as):
                errors["run_as"] = _("This account may not run this report.")
        if self.fmt and definition is not None and self.fmt not in definition.formats:
            errors["fmt"] = _("This report has no such format.")
        if errors:
            raise ValidationError(errors)

    def cycle_start(self, today: dt.date) -> dt.date:
        """The day the current cycle's run falls due."""
        month = today.month
        if self.frequency == Frequency.QUARTERLY:
            month = (today.month - 1) // 3 * 3 + 1
        return dt.date(today.year, month, min(self.day or 1, 28))

    def is_due(self, today: dt.date) -> bool:
        start = self.cycle_start(today)
        return self.active and today >= start and (self.last_run_on is None or self.last_run_on < start)
