"""Celery tasks of the volunteers app."""

from celery import shared_task


@shared_task
def refresh_volunteer_stats() -> int:
    """Recompute every region's volunteer figures from the records; scheduled hourly by Celery beat.

    Writes through the ORM keep the figures current by themselves (``volunteers.stats``); this catches
    anything that went round it and starts the new year's rows.
    """
    from .stats import refresh

    return refresh()
