"""Plausible values: reusable field validators of the core, applied to the models' fields.

Values nobody could mean are refused where they enter (forms, imports and the API all run the model's
validators): dates outside a sane window, control or direction-override characters in names and
identifiers. Each validator is a deconstructible class, so migrations record it once and a change of the
window (it moves with today) never produces a new migration.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# The People's Republic's records start in 1949. How far ahead a date may lie depends on what it means
# (issue 23 B): something that happened lies in the past, an event is scheduled up to a year ahead, a plan
# (a project's end, a milestone, a payment after acceptance) a few years ahead, a contract term (a three-year
# agreement signed next year) further still; a birthday lies between 1900 and today.
EARLIEST_DATE = dt.date(1949, 1, 1)
EARLIEST_BIRTHDAY = dt.date(1900, 1, 1)
LATEST_DAYS_AHEAD = 366


class DateMeaning:
    BIRTH = "birth"
    HAPPENED = "happened"
    EVENT = "event"
    PLAN = "plan"
    TERM = "term"


# meaning → (earliest, days ahead of today at the latest)
DATE_WINDOWS = {
    DateMeaning.BIRTH: (EARLIEST_BIRTHDAY, 0),
    DateMeaning.HAPPENED: (EARLIEST_DATE, 0),
    DateMeaning.EVENT: (EARLIEST_DATE, LATEST_DAYS_AHEAD),
    DateMeaning.PLAN: (EARLIEST_DATE, 5 * 366),
    DateMeaning.TERM: (EARLIEST_DATE, 10 * 366),
}

# A field's meaning by its name, wherever it is declared (a model may name others in ``date_meanings``);
# any other date is an event.
DATE_MEANING_OF_NAME = {
    "birthday": DateMeaning.BIRTH,
    "birth_date": DateMeaning.BIRTH,
    "date_of_birth": DateMeaning.BIRTH,
    "founded_on": DateMeaning.HAPPENED,
    "opened_on": DateMeaning.HAPPENED,
    "registered_on": DateMeaning.HAPPENED,
    "cultivated_on": DateMeaning.HAPPENED,
    "agency_signed_on": DateMeaning.HAPPENED,
    "bureau_signed_on": DateMeaning.HAPPENED,
    "planned_start": DateMeaning.PLAN,
    "planned_end": DateMeaning.PLAN,
    "supervision_due": DateMeaning.PLAN,
    "due_on": DateMeaning.PLAN,
    "deadline": DateMeaning.PLAN,
    "paid_on": DateMeaning.PLAN,
    "payment_date": DateMeaning.PLAN,
    "start": DateMeaning.TERM,
    "end": DateMeaning.TERM,
    "start_date": DateMeaning.TERM,
    "end_date": DateMeaning.TERM,
    "period_start": DateMeaning.TERM,
    "period_end": DateMeaning.TERM,
}


def date_window(meaning: str = DateMeaning.EVENT) -> tuple[dt.date, dt.date]:
    earliest, ahead = DATE_WINDOWS[meaning]
    return earliest, timezone.localdate() + dt.timedelta(days=ahead)


def latest_date(meaning: str = DateMeaning.EVENT) -> dt.date:
    return date_window(meaning)[1]


def is_plausible_date(value: dt.date | None, meaning: str = DateMeaning.EVENT) -> bool:
    if value is None:
        return True
    earliest, latest = date_window(meaning)
    return earliest <= value <= latest


class PlausibleDateValidator:  # not @deconstructible: that would replace ``deconstruct`` below and record the meaning
    """A date in the window of its meaning (an event by default: between 1949-01-01 and a year from today).

    The meaning is not part of the deconstruction: like the moving window, it is a rule of the portal, not
    of the database, so declaring or changing it never produces a migration.
    """

    def __init__(self, meaning: str = DateMeaning.EVENT):
        self.meaning = meaning

    def deconstruct(self):
        return ("wulian.validators.PlausibleDateValidator", (), {})

    def __call__(self, value):
        if isinstance(value, dt.datetime):
            value = value.date()
        if not is_plausible_date(value, self.meaning):
            earliest, latest = date_window(self.meaning)
            raise ValidationError(
                _("Enter a date between %(start)s and %(end)s.")
                % {"start": earliest.isoformat(), "end": latest.isoformat()},
                code="implausible_date",
            )

    def __eq__(self, other):
        return isinstance(other, PlausibleDateValidator)

    def __hash__(self):
        return hash(PlausibleDateValidator)


DATE_VALIDATORS = {meaning: PlausibleDateValidator(meaning) for meaning in DATE_WINDOWS}


def date_meaning(model, field) -> str:
    declared = getattr(model, "date_meanings", {}) or {}
    return declared.get(field.name) or DATE_MEANING_OF_NAME.get(field.name, DateMeaning.EVENT)


validate_plausible_date = DATE_VALIDATORS[DateMeaning.EVENT]


def has_control_characters(value: str) -> bool:
    """Control characters (Cc), format characters such as right-to-left overrides and zero-width joiners (Cf),
    and unassigned or private-use code points."""
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Cn", "Co", "Cs"} for ch in value or "")


@deconstructible
class NoControlCharactersValidator:
    def __call__(self, value):
        if has_control_characters(str(value)):
            raise ValidationError(
                _("Remove the invisible or control characters from this text (often pasted along with it)."),
                code="control_characters",
            )

    def __eq__(self, other):
        return isinstance(other, NoControlCharactersValidator)


validate_no_control_characters = NoControlCharactersValidator()

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# A landline: an optional area code (0 and 2–3 digits) and 7–8 digits, an optional extension.
LANDLINE_RE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")


@deconstructible
class PhoneValidator:
    """A mainland mobile number (11 digits starting 1) or a landline such as 0917-5541234."""

    def __call__(self, value):
        text = re.sub(r"[\s]", "", str(value or ""))
        if text and not (MOBILE_RE.match(text) or LANDLINE_RE.match(text)):
            raise ValidationError(
                _("Enter a mobile number (11 digits) or a landline such as 0917-5541234."), code="phone_format"
            )

    def __eq__(self, other):
        return isinstance(other, PhoneValidator)


validate_phone_number = PhoneValidator()


# -- applied to every domain model ------------------------------------------------------------------------------
PHONE_FIELD_NAMES = frozenset({"phone", "contact_phone"})


def add_plausibility_validators(sender, **kwargs) -> None:
    """``class_prepared`` receiver: give the fields of the portal's own models their plausibility validators.

    Every date field gets the date window, every single-line text field refuses control characters, fields
    named ``phone``/``contact_phone`` must look like a phone number. Declared once here, so a field added later
    by any app is covered too; migrations record the validators like any other field option.
    """
    from django.conf import settings
    from django.db import models

    if sender._meta.app_label not in settings.WULIAN_DOMAIN_APPS:
        return
    for field in sender._meta.local_fields:
        extra = []
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            extra.append(DATE_VALIDATORS[date_meaning(sender, field)])
        if isinstance(field, models.CharField) and not field.choices:
            extra.append(validate_no_control_characters)
            if field.name in PHONE_FIELD_NAMES:
                extra.append(validate_phone_number)
        missing = [validator for validator in extra if validator not in field._validators]
        if missing:
            # A new list: fields inherited from an abstract model share the parent's list (a shallow copy).
            field._validators = [*field._validators, *missing]
            field.__dict__.pop("validators", None)  # the cached property, if it was read already
