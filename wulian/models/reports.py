"""Report jobs: a report is built in the background (Celery) and lands in the requester's download list."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A report belongs to the person who asked for it; nobody else sees it in their list."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class ReportJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    report = models.CharField(_("report"), max_length=50)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

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
    def definition(self):
        from wulian.reports import registry

        return registry.get(self.report)
