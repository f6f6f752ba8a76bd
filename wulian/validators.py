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

# The People's Republic's records start in 1949; nothing is planned more than a year ahead.
EARLIEST_DATE = dt.date(1949, 1, 1)
LATEST_DAYS_AHEAD = 366


def latest_date() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=LATEST_DAYS_AHEAD)


def is_plausible_date(value: dt.date | None) -> bool:
    return value is None or EARLIEST_DATE <= value <= latest_date()


@deconstructible
class PlausibleDateValidator:
    """A date between 1949-01-01 and a year from today."""

    def __call__(self, value):
        if isinstance(value, dt.datetime):
            value = value.date()
        if not is_plausible_date(value):
            raise ValidationError(
                _("Enter a date between %(start)s and %(end)s.")
                % {"start": EARLIEST_DATE.isoformat(), "end": latest_date().isoformat()},
                code="implausible_date",
            )

    def __eq__(self, other):
        return isinstance(other, PlausibleDateValidator)


validate_plausible_date = PlausibleDateValidator()


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
            extra.append(validate_plausible_date)
        if isinstance(field, models.CharField) and not field.choices:
            extra.append(validate_no_control_characters)
            if field.name in PHONE_FIELD_NAMES:
                extra.append(validate_phone_number)
        missing = [validator for validator in extra if validator not in field._validators]
        if missing:
            # A new list: fields inherited from an abstract model share the parent's list (a shallow copy).
            field._validators = [*field._validators, *missing]
            field.__dict__.pop("validators", None)  # the cached property, if it was read already
