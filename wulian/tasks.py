"""Celery tasks of the core."""

import logging

from celery import shared_task

from wulian.models import ReportJob, ReportStatus
from wulian.reports import reap_stale, run_due_schedules, run_job

logger = logging.getLogger("wulian.tasks")


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=0)
def build_report(self, job_id: int) -> str:
    """Build one report job. Idempotent: a job already built is left alone; a half-run job runs again
    (a worker killed mid-report hands the message back); a failed job waits for the user's retry."""
    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.status not in (ReportStatus.PENDING, ReportStatus.RUNNING):
        return job.status
    logger.info("building report job %s (%s)", job.pk, job.report)
    try:
        run_job(job)
    except Exception:  # noqa: BLE001 - the failure is on the job row for the user to see
        logger.warning("report job %s failed", job.pk)
        return "failed"
    logger.info("report job %s built", job.pk)
    return "done"


@shared_task
def purge_old_reports(days: int | None = None) -> int:
    """Delete report jobs (and their files) older than their keep time; scheduled daily by Celery beat.

    A report asked for by a user is kept ``REPORT_KEEP_DAYS``, a scheduled one ``REPORT_KEEP_SCHEDULED_DAYS``
    (settings); ``days`` overrides both (kept for beat entries that still pass it).
    """
    import datetime as dt

    from django.conf import settings
    from django.db.models import Q
    from django.utils import timezone

    now = timezone.now()
    asked_days = days if days is not None else settings.REPORT_KEEP_DAYS
    scheduled_days = days if days is not None else settings.REPORT_KEEP_SCHEDULED_DAYS
    scheduled = Q(schedule__isnull=False) | Q(shared_region__isnull=False)
    old = ReportJob.objects.filter(
        (~scheduled & Q(created_at__lt=now - dt.timedelta(days=asked_days)))
        | (scheduled & Q(created_at__lt=now - dt.timedelta(days=scheduled_days)))
    )
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


@shared_task
def run_report_schedules() -> int:
    """Queue the report schedules that are due today; scheduled daily by Celery beat."""
    return len(run_due_schedules())


@shared_task
def reap_stale_reports() -> int:
    """Fail jobs whose worker vanished and remove leftover temporary files; scheduled by Celery beat."""
    return reap_stale()


@shared_task(acks_late=True, max_retries=0)
def mail_notifications(notification_ids: list[int]) -> int:
    """Mail notifications to their recipients (queued after the commit that saved them)."""
    from django.conf import settings
    from django.utils import translation

    from wulian.notifications import mail

    with translation.override(settings.LANGUAGE_CODE):
        return mail(notification_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def refresh_summaries(year: int | None = None, user_id: int | None = None) -> str:
    """Recompute the dashboard's summaries of ``year`` (default: this year) for the whole installation;
    scheduled hourly by Celery beat, and queued by "refresh now". Idempotent: it replaces the year's rows."""
    from django.utils import timezone

    from wulian.dashboard import refresh
    from wulian.models import User

    year = year or timezone.localdate().year
    user = User.objects.filter(pk=user_id).first() if user_id else None
    done = refresh(year, user)
    return f"{year}: {done.seconds} s"


@shared_task
def anchor_audit() -> int:
    """The audit trail's head to the anchor file outside the database (``verify_audit`` compares against it)."""
    from wulian.security import audit

    anchor = audit.write_anchor()
    return anchor["seq"] if anchor else 0


@shared_task
def anonymise_expired() -> int:
    """People past their kind's retention period anonymised (个人信息保护法 第47条); each act audited."""
    from wulian import pipl

    return len(pipl.anonymise_expired())
