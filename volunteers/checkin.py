"""Self check-in and check-out by QR code: who may, when, and how the hours are worked out.

The public page identifies a volunteer by their mobile number (or volunteer number) and birthday (month and day,
4 digits, from the ID number), on an activity found by its unguessable token: both things a volunteer knows
(issue 23 F: the ten-digit volunteer number was not). The birthday, not the phone's last four digits:
every masked phone shows those, while masked ID numbers hide the birth date and no page shows it; a volunteer
knows it without looking anything up. Volunteers whose document carries no birth date (passports) are recorded
by the staff. Every refusal is a ``CheckInRefused`` with a message
for the volunteer; nothing about other volunteers is ever revealed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from wulian.choices import NotificationLevel, Role
from wulian.notifications import notify_role
from wulian.validators import is_plausible_date
from wulian.writes import Refused, write

from . import standards
from .choices import ActivityStatus, HoursSource, HoursStatus, VolunteerStatus
from .models import ServiceHours, Volunteer, VolunteerActivity

PHONE = re.compile(r"^1\d{10}$")  # a mainland mobile number, as volunteers register it
OPENS_BEFORE = dt.timedelta(minutes=standards.CHECK_IN_OPENS_BEFORE_MINUTES)
CHECK_OUT_GRACE = dt.timedelta(minutes=standards.CHECK_OUT_GRACE_MINUTES)


class CheckInRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _time(value: dt.datetime) -> str:
    return formats.time_format(timezone.localtime(value), "H:i")


# Wrong identifications are counted per activity and volunteer number (so guessing one number is stopped
# whoever guesses and from wherever, and one person's typos never lock out the others, who all share the
# proxy's address), and more loosely per activity and client address (one phone trying many numbers).
# The cache is Redis in production (CACHE_URL); when it cannot be reached the page refuses (fails closed).
MAX_FAILURES = 10
MAX_ADDRESS_FAILURES = 30
FAILURE_WINDOW_SECONDS = 15 * 60


def _failure_keys(activity: VolunteerActivity, number: str, address: str) -> list[tuple[str, int]]:
    number = hashlib.sha256((number or "").strip().encode()).hexdigest()[:32]
    return [
        (f"wulian:checkin-failures:{activity.pk}:n:{number}", MAX_FAILURES),
        (f"wulian:checkin-failures:{activity.pk}:a:{address}", MAX_ADDRESS_FAILURES),
    ]


def _cache_down() -> CheckInRefused:
    return CheckInRefused(_("Check-in is not available at the moment. Try again later, or ask the staff to record your hours."))


def guard_attempts(activity: VolunteerActivity, number: str, address: str) -> None:
    from django.core.cache import cache

    keys = _failure_keys(activity, number, address)
    try:
        counts = cache.get_many([key for key, _limit in keys])
    except Exception as exc:  # noqa: BLE001 - any cache failure: refuse rather than allow unlimited guessing
        raise _cache_down() from exc
    if any(counts.get(key, 0) >= limit for key, limit in keys):
        raise CheckInRefused(_("Too many wrong attempts. Try again in 15 minutes, or ask the staff to record your hours."))


def record_failure(activity: VolunteerActivity, number: str, address: str) -> None:
    from django.core.cache import cache

    try:
        for key, _limit in _failure_keys(activity, number, address):
            if cache.add(key, 1, FAILURE_WINDOW_SECONDS):
                continue
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, FAILURE_WINDOW_SECONDS)
    except Exception as exc:  # noqa: BLE001
        raise _cache_down() from exc


def identify(who: str, birthday: str) -> Volunteer:
    """The active volunteer with this mobile number (or volunteer number) born on this month and day (MMDD); one
    message for every miss.

    A volunteer knows their own mobile number; no page shows it whole (masked phones show the last four digits
    only), and it is found through its blind index (the number is encrypted at rest). Several volunteers may share
    a phone (a parent's): the birthday tells them apart, and when it does not either, the staff record the hours.
    The volunteer number (ten digits) is still taken, for those who carry their card.
    """
    who = "".join((who or "").split())
    birthday = (birthday or "").strip()
    wrong = CheckInRefused(_("The mobile number or the birthday is not right."))
    if not who or len(birthday) != 4:
        raise wrong
    active = Volunteer.objects.filter(status=VolunteerStatus.ACTIVE)
    candidates = list(active.filter(phone=who)[:10]) if PHONE.match(who) else []
    if not candidates:
        candidates = list(active.filter(volunteer_number=who)[:1])
    matching = [v for v in candidates if v.check_in_secret and hmac.compare_digest(v.check_in_secret, birthday)]
    if not matching:
        raise wrong
    if len(matching) > 1:
        raise CheckInRefused(_("Several volunteers share this mobile number and birthday: enter your volunteer number instead, or ask the staff to record your hours."))
    return matching[0]


def _check_date(activity: VolunteerActivity) -> None:
    # A date nobody could mean (saved before dates were checked) would overflow the time arithmetic below.
    if not is_plausible_date(activity.date):
        raise CheckInRefused(_("This activity's date is not valid; ask the staff to record your hours."))


def check_in(activity: VolunteerActivity, volunteer: Volunteer, now: dt.datetime | None = None) -> ServiceHours:
    now = now or timezone.now()
    _check_date(activity)
    if activity.status != ActivityStatus.OPEN:
        raise CheckInRefused(_("Check-in for this activity is closed."))
    if now < activity.starts_at - OPENS_BEFORE:
        raise CheckInRefused(
            _("Check-in has not started: the activity begins on %(date)s at %(time)s; check-in opens %(minutes)d minutes before.")
            % {
                "date": formats.date_format(activity.date, "DATE_FORMAT"),
                "time": _time(activity.starts_at),
                "minutes": standards.CHECK_IN_OPENS_BEFORE_MINUTES,
            }
        )
    if now >= activity.ends_at:
        raise CheckInRefused(
            _("Too late to check in: the activity ended on %(date)s at %(time)s.")
            % {"date": formats.date_format(activity.date, "DATE_FORMAT"), "time": _time(activity.ends_at)}
        )
    existing = ServiceHours.objects.filter(activity=activity, volunteer=volunteer).first()
    if existing is not None:
        raise CheckInRefused(_duplicate_message(existing))
    record = ServiceHours(
        activity=activity, volunteer=volunteer, status=HoursStatus.PENDING, source=HoursSource.CHECK_IN, checked_in_at=now
    )
    try:
        # The write path, like check-out and every other save: the domain rules hold for self-recorded hours.
        return write(None, "add", lambda: record.save() or record)
    except Refused as exc:
        if ServiceHours.objects.filter(activity=activity, volunteer=volunteer).exists():  # a second tap that raced
            raise CheckInRefused(_("You have already checked in to this activity.")) from None
        raise CheckInRefused(exc.message) from None


def _duplicate_message(record: ServiceHours) -> str:
    if record.source != HoursSource.CHECK_IN:
        return _("Your hours for this activity have already been recorded by the staff.")
    if record.checked_out_at:
        return _("You have already checked in and out of this activity.")
    return _("You have already checked in to this activity (at %(time)s); do not check in twice.") % {
        "time": _time(record.checked_in_at)
    }


def service_hours(activity: VolunteerActivity, checked_in_at: dt.datetime, checked_out_at: dt.datetime) -> Decimal:
    """Actual service time: the part of check-in..check-out that lies within the activity, in hours."""
    start = max(checked_in_at, activity.starts_at)
    end = min(checked_out_at, activity.ends_at)
    seconds = max((end - start).total_seconds(), 0)
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def check_out(activity: VolunteerActivity, volunteer: Volunteer, now: dt.datetime | None = None) -> ServiceHours:
    now = now or timezone.now()
    _check_date(activity)
    with transaction.atomic():
        record = (
            ServiceHours.objects.select_for_update()
            .filter(activity=activity, volunteer=volunteer)
            .first()
        )
        if record is None:
            raise CheckInRefused(_("You have not checked in to this activity, so you cannot check out."))
        if record.source != HoursSource.CHECK_IN:
            raise CheckInRefused(_duplicate_message(record))
        if record.checked_out_at:
            raise CheckInRefused(_("You have already checked out of this activity."))
        if activity.status != ActivityStatus.OPEN:
            raise CheckInRefused(_("Check-in for this activity is closed; ask the staff to record your hours."))
        if now <= record.checked_in_at:
            raise CheckInRefused(_("The check-out time must be after the check-in time."))
        if now - record.checked_in_at > dt.timedelta(hours=24):
            raise CheckInRefused(_("Check-in and check-out are more than 24 hours apart."))
        if now > activity.ends_at + CHECK_OUT_GRACE:
            raise CheckInRefused(
                _("Too late to check out: check-out closed %(hours)d hours after the activity ended; ask the staff to record your hours.")
                % {"hours": standards.CHECK_OUT_GRACE_MINUTES // 60}
            )
        hours = service_hours(activity, record.checked_in_at, now)
        if hours <= 0:
            if now <= activity.starts_at:
                raise CheckInRefused(
                    _("No service time can be counted yet: the activity starts at %(time)s.")
                    % {"time": _time(activity.starts_at)}
                )
            raise CheckInRefused(_("Too little time has passed since you checked in to count any service time."))
        record.checked_out_at = now
        record.hours = hours

        def save():
            record.save(update_fields=["checked_out_at", "hours", "updated_at"])
            return record

        try:
            # The write path's domain rules hold for self-recorded hours too (at most 24 hours a day).
            record = write(None, "change", save)
        except Refused as exc:
            raise CheckInRefused(exc.message) from None
        ask_staff_to_confirm(activity)
        return record


# The staff nearest to the activity confirm its self-recorded hours ("谁组织谁记录"): the community's social
# workers for an activity of a community, else the town's staff, else the bureau.
CONFIRMING_ROLES = (Role.COMMUNITY_WORKER, Role.TOWN_STAFF, Role.BUREAU_ADMIN)


def ask_staff_to_confirm(activity: VolunteerActivity) -> list:
    """Tell the staff who confirm the activity's hours how many self-recorded hours wait for them.

    One notification per activity and person while unread: each check-out updates it with the new count.
    """
    waiting = ServiceHours.objects.filter(
        activity=activity, source=HoursSource.CHECK_IN, status=HoursStatus.PENDING, hours__isnull=False
    ).count()
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Self-recorded hours to confirm: %(activity)s") % {"activity": activity.title}
        body = _(
            "%(count)d volunteers checked out of “%(activity)s” (%(date)s) by QR code; their hours count once you confirm them."
        ) % {"count": waiting, "activity": activity.title, "date": formats.date_format(activity.date, "DATE_FORMAT")}
        for role in CONFIRMING_ROLES:
            sent = notify_role(
                role, activity.region, title, body, link=activity.get_absolute_url(), level=NotificationLevel.WARNING,
                key=f"volunteers.hours_to_confirm:{activity.pk}", within=False,
            )
            if sent:
                return sent
    return []
