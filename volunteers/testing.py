"""Builders for tests (and the shell): valid ID numbers and minimal volunteers, activities and hours."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from .choices import ActivityStatus, HoursSource, HoursStatus
from .models import ServiceHours, Volunteer, VolunteerActivity
from .validators import id_check_char

_serial = itertools.count(1)


def valid_id_number(serial: int | None = None, area: str = "110101", birth: dt.date = dt.date(1990, 3, 7)) -> str:
    serial = next(_serial) if serial is None else serial
    first17 = f"{area}{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def make_volunteer(community, name: str | None = None, **fields) -> Volunteer:
    serial = next(_serial)
    defaults = {
        "name": name or f"志愿者{serial}",
        "id_number": valid_id_number(serial, birth=dt.date(1960, 1, 1) + dt.timedelta(days=serial)),
        "phone": f"139{serial:08d}",
        "community": community,
        "volunteer_number": f"T{serial:08d}",
    }
    defaults.update(fields)
    return Volunteer.objects.create(**defaults)


def make_activity(region, title: str | None = None, **fields) -> VolunteerActivity:
    defaults = {
        "title": title or f"测试活动{next(_serial)}",
        "region": region,
        "date": timezone.localdate(),
        "start_time": dt.time(0, 0),
        "end_time": dt.time(23, 59, 59),
        "place": "社区党群服务中心",
        "organiser_name": "社区社工室",
        "content": "入户探访空巢老人",
        "status": ActivityStatus.OPEN,
    }
    defaults.update(fields)
    return VolunteerActivity.objects.create(**defaults)


def make_hours(activity, volunteer, hours="2.50", status=HoursStatus.CONFIRMED, **fields) -> ServiceHours:
    return ServiceHours.objects.create(
        activity=activity,
        volunteer=volunteer,
        hours=Decimal(hours) if hours is not None else None,
        status=status,
        source=fields.pop("source", HoursSource.STAFF),
        **fields,
    )
