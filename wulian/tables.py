"""Table bases (django-tables2); columns of personal data are masked by the model's declaration."""

from __future__ import annotations

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from wulian.personal import PersonalKind, mask, mask_id_number, mask_phone, personal_fields

__all__ = ["MaskedColumn", "ObjectTable", "mask_id_number", "mask_phone", "personal_kind"]


def personal_kind(model, accessor: str) -> str | None:
    """The ``PersonalKind`` of the field ``accessor`` reaches from ``model`` (``volunteer__phone`` too), or None."""
    parts = str(accessor).replace(".", "__").split("__")
    for part in parts[:-1]:
        try:
            model = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return None
        if model is None:
            return None
    return personal_fields(model).get(parts[-1])


class MaskedColumn(tables.Column):
    """A column of personal data: masked in lists and exports for every role, and never sortable (sorting by a
    hidden value would tell its order). Only an unmasked export, a separate logged choice, sets
    ``table.reveal_personal_data``."""

    def __init__(self, *args, kind=PersonalKind.ID_NUMBER, **kwargs):
        self.kind = kind
        kwargs["orderable"] = False
        super().__init__(*args, **kwargs)

    # Named arguments only (django-tables2 passes just the ones a method names): the export then sees that the
    # mask needs the value and the table, not the row, and reads it from ``values_list`` (``wulian.exports``).
    def render(self, value, table=None):
        if table is not None and getattr(table, "reveal_personal_data", False):
            return value
        return mask(self.kind, value)

    def value(self, value, table=None):
        return self.render(value, table=table)


class ObjectTable(tables.Table):
    """Base table: knows its user and renders like its siblings. A column showing a field the model declares
    personal (``personal_data``) becomes a ``MaskedColumn`` by itself: no table declares masking."""

    reveal_personal_data = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        model = getattr(cls._meta, "model", None)
        if model is None:
            return
        for name, column in list(cls.base_columns.items()):
            kind = personal_kind(model, column.accessor or name)
            if kind is None or (isinstance(column, MaskedColumn) and column.kind == kind):
                continue
            cls.base_columns[name] = MaskedColumn(
                kind=kind, verbose_name=column.verbose_name, accessor=column.accessor, visible=column.visible
            )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    class Meta:
        attrs = {"class": "table table-sm table-hover table-striped align-middle mb-0"}
        empty_text = _("No records match.")
        template_name = "includes/table.html"
