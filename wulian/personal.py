"""Personal data: declared once per model, masked everywhere, revealed one record at a time.

A model lists its personal fields once::

    class Volunteer(ScopedModel):
        personal_data = {"id_number": PersonalKind.ID_NUMBER, "phone": PersonalKind.PHONE}

Lists, exports, the history, the API and search results read them through ``mask(kind, value)`` — masked for
every role, the bureau's included. A role allowed to (``can_reveal``) reveals one record on its page (logged),
or asks for a list export with personal data as a separate, logged choice. Nothing else shows a full value.

Exporters only need ``personal_fields(model)`` and a ``Masker``: ``Masker(model, reveal=False)(name, value)``
returns what may be written for ``name``.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import PERSONAL_DATA_ROLES


class PersonalKind(models.TextChoices):
    ID_NUMBER = "id_number", _("ID number")
    PHONE = "phone", _("phone")
    ADDRESS = "address", _("address")


def mask_id_number(value) -> str:
    """110101********1234: keep the area code and the last four."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value) -> str:
    """138****5678."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_address(value) -> str:
    """The first six characters (the town or street), the rest hidden: 首善街道城关路**** ."""
    if not value:
        return ""
    value = str(value)
    keep = min(6, len(value) // 2)
    return value[:keep] + "*" * 4


MASKERS = {
    PersonalKind.ID_NUMBER: mask_id_number,
    PersonalKind.PHONE: mask_phone,
    PersonalKind.ADDRESS: mask_address,
}


def mask(kind, value) -> str:
    """``value`` as anyone may see it."""
    return MASKERS[PersonalKind(kind)](value)


def mask_in_log(value: str) -> str:
    """What the history stores of a masked field (``AUDITLOG_MASK_CALLABLE``): the last four characters; a phone
    number as every list shows it (138****5678), no more."""
    value = str(value or "")
    if value.startswith("*"):
        return value  # masked already
    digits = value.replace("-", "").replace(" ", "")
    if digits.isdigit() and 7 <= len(digits) <= 12:
        return mask_phone(value)
    return "*" * max(len(value) - 4, 0) + value[-4:]


def personal_fields(model) -> dict[str, str]:
    """The model's personal fields: ``{field name: PersonalKind}`` (empty when it has none)."""
    return dict(getattr(model, "personal_data", None) or {})


def is_personal(model, name: str) -> bool:
    return name in personal_fields(model)


def can_reveal(user) -> bool:
    """Whether the user's role may reveal a record's personal data or export it unmasked (always logged)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.role in PERSONAL_DATA_ROLES)


class Masker:
    """Mask the personal fields of one model, unless ``reveal`` (a logged reveal or unmasked export)."""

    def __init__(self, model, reveal: bool = False):
        self.fields = personal_fields(model)
        self.reveal = reveal

    def __call__(self, name: str, value):
        kind = self.fields.get(name)
        if kind is None or self.reveal:
            return value
        return mask(kind, value)


# -- searching by a personal value ---------------------------------------------------------------------------
# A search for a full phone or ID number works, but the number must not be echoed back in the page (the search
# box, the sort and page links, the export link, the access log). The list view keeps the term in the user's
# session and puts a masked stand-in with a random key in the address instead: 138****5678~3fa9c1.
SEARCH_KEY = "~"


def looks_personal(term: str) -> bool:
    """A search term that may be a phone or ID number (seven digits or more)."""
    return sum(ch.isdigit() for ch in term or "") >= 7 and SEARCH_KEY not in term


def hide_search_term(session, term: str) -> str:
    token = secrets.token_hex(4)
    session[f"personal_search:{token}"] = term
    kind = PersonalKind.ID_NUMBER if len(term) >= 15 else PersonalKind.PHONE
    return f"{mask(kind, term)}{SEARCH_KEY}{token}"


def resolve_search_term(session, value: str) -> str:
    """The term a stand-in from ``hide_search_term`` stands for (nothing when unknown); other values as they are."""
    if SEARCH_KEY not in (value or ""):
        return value
    if session is None:
        return ""
    return session.get(f"personal_search:{value.rsplit(SEARCH_KEY, 1)[1]}", "")


# -- the rights of the person (PIPL 第44–47条) -------------------------------------------------------------------


def scrub_history(obj, fields, label: str) -> int:
    """After an anonymisation: the change history of ``obj`` keeps no value of ``fields`` and names it ``label``.
    (The audit trail keeps that it happened, never the values.) Returns the entries touched."""
    from auditlog.models import LogEntry

    touched = 0
    for entry in LogEntry.objects.get_for_object(obj):
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        cleaned = {k: (["—", "—"] if k in fields else v) for k, v in changes.items()}
        LogEntry.objects.filter(pk=entry.pk).update(changes=cleaned, object_repr=label, changes_text="")
        touched += 1
    return touched
