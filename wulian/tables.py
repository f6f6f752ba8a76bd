"""Table bases (django-tables2) and helpers for masking personal data."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


def mask_id_number(value: str | None) -> str:
    """110101********1234: keep the area code and the last four."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


class ObjectTable(tables.Table):
    """Base table: knows its user (for masking) and renders like its siblings."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def sees_personal_data(self) -> bool:
        return bool(self.user and self.user.sees_personal_data)

    class Meta:
        attrs = {"class": "table table-sm table-hover table-striped align-middle mb-0"}
        empty_text = _("No records match.")
        template_name = "includes/table.html"


class MaskedColumn(tables.Column):
    """A column of personal data, masked for roles that need not see it (lists and exports alike)."""

    def __init__(self, *args, masker=mask_id_number, **kwargs):
        self.masker = masker
        super().__init__(*args, **kwargs)

    def render(self, value, table=None, **kwargs):
        if table is not None and getattr(table, "sees_personal_data", False):
            return value
        return self.masker(value)

    def value(self, value, table=None, **kwargs):
        return self.render(value, table=table)
