"""What the volunteers app adds to pages of the apps below it (``wulian.panels``)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.urls import reverse

from wulian.models.base import can

from .choices import HoursStatus
from .models import VolunteerActivity


def work_log_hours(request, entry) -> dict:
    """On a work-log entry (工作台账): the volunteer hours recorded from it, or the button that records them
    (issue 23 F) — it opens the volunteer activity form prefilled from the entry, then the hours entry."""
    user = request.user
    linked = (
        VolunteerActivity.objects.restrict(user)
        .filter(log_activity=entry)
        .annotate(confirmed=Sum("hours__hours", filter=Q(hours__status=HoursStatus.CONFIRMED)),
                  people=Count("hours"))
        .first()
    )
    start = None
    if linked is None and can(user, "add", VolunteerActivity):
        start = f"{reverse('volunteers:volunteeractivity_add')}?log_activity={entry.pk}"
    return {"linked": linked, "start_url": start}
