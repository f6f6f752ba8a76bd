"""Identity numbers: the 18-character resident ID (GB 11643-1999) and its check character."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import IdType

MAX_AGE_YEARS = 120
VOLUNTEER_NUMBER_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,19}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")
# Types whose numbers follow GB 11643 (the HMT residence permit uses the same 18-character scheme).
GB11643_TYPES = frozenset({IdType.RESIDENT_ID, IdType.HMT_RESIDENCE})


def id_check_char(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str | None) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_resident_id(value: str) -> None:
    """Refuse anything but a well-formed 18-character resident ID number with the right check character."""
    value = normalize_id_number(value)
    if len(value) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; this one has %(count)d.") % {"count": len(value)},
            code="id_length",
        )
    if not RESIDENT_ID_RE.match(value):
        raise ValidationError(
            _("A resident ID number is 17 digits followed by a digit or X."), code="id_format"
        )
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("The date of birth in this ID number does not exist."), code="id_birth") from None
    today = dt.date.today()
    if born > today or born.year < today.year - MAX_AGE_YEARS:
        raise ValidationError(
            _("The date of birth in this ID number (%(date)s) is not possible.") % {"date": born.isoformat()},
            code="id_birth",
        )
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("The check character of this ID number is wrong: please check the number."), code="id_checksum"
        )


def validate_id_number(id_type: str, value: str) -> None:
    value = normalize_id_number(value)
    if id_type in GB11643_TYPES:
        validate_resident_id(value)
    elif not re.fullmatch(r"[0-9A-Z()\-]{5,30}", value):
        raise ValidationError(_("Enter the document number (5–30 letters and digits)."), code="id_format")


def validate_phone(value: str) -> None:
    digits = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"1\d{10}|0\d{9,11}", digits):
        raise ValidationError(_("Enter an 11-digit mobile number or a landline with area code."), code="phone")


def validate_volunteer_number(value: str) -> None:
    """Letters and digits (a hyphen inside), starting with a letter or digit: what is typed at check-in."""
    if value and not VOLUNTEER_NUMBER_RE.match(value):
        raise ValidationError(
            _("A volunteer number is made of digits and letters (a hyphen may separate parts)."), code="volunteer_number"
        )
