"""The volunteers' series on the leader's dashboard (``wulian.dashboard``): confirmed service hours by month."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.dashboard import Series, register_series
from wulian.indicators import with_query

from .choices import HoursStatus
from .models import ServiceHours

MONTHS = [(f"{m:02d}", _("Month %(month)s") % {"month": m}) for m in range(1, 13)]


def hours_by_month(year: int):
    """Confirmed hours per region and month of the activity's date (one grouped query)."""
    rows = (
        ServiceHours.objects.filter(status=HoursStatus.CONFIRMED, activity__date__year=year)
        .annotate(month=ExtractMonth("activity__date"))
        .values_list("region", "month")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    for region_id, month, hours in rows:
        yield region_id, f"{month:02d}", hours


def hours_link(region, year: int, month: str) -> str:
    m = int(month)
    last = calendar.monthrange(year, m)[1]
    return with_query(
        reverse("volunteers:servicehours_list"), region=region.pk, status=HoursStatus.CONFIRMED,
        date_from=dt.date(year, m, 1).isoformat(), date_to=dt.date(year, m, last).isoformat(),
    )


register_series(
    Series(
        "volunteers.hours", _("Volunteer service hours by month"), categories=lambda: MONTHS, compute=hours_by_month,
        kind="line", unit="小时", link=hours_link, order=20,
    )
)
