"""Celery tasks of projects: the daily reminder of what is overdue."""

from __future__ import annotations

from celery import shared_task


@shared_task
def flag_overdue() -> int:
    """Notify the people concerned of every overdue item, once per item and day (scheduled daily by beat).

    Bid deadlines passed without an award and agreements past their end → the bureau; supervisions due →
    the bureau and the assigned evaluator; rectification items past their deadline → the agency, the
    evaluator and the bureau. Notifications are the core's (mailed after the commit when mail is configured).
    Returns the number of notifications written.
    """
    from .reminders import send_overdue_reminders

    return send_overdue_reminders()
