"""History of records: django-auditlog keeps one row per change (who, when, before/after).

Every model of the portal's apps is tracked (``AUDITLOG_INCLUDE_ALL_MODELS``); this module reads it back for
the history tab of a record's page, in words a user reads: the field's Chinese label, a choice by its label,
是/否, dates as 2023年6月30日, amounts with thousands separators, a related record by its name. Internal
fields (the id, reverse relations, fields nobody edits such as the check-in token) are never shown, and
personal fields (``wulian.personal``) are masked for every role like everywhere else.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from wulian.money import MoneyField, format_money
from wulian.personal import mask, personal_fields

HISTORY_LIMIT = 100
EMPTY = ("", "None", None)


def shown_field(model, name: str):
    """The model field ``name`` when the history may show it, else None."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.auto_created or field.primary_key or not field.editable:
        return None  # reverse relations, the id, tokens and other fields nobody edits
    if not (field.concrete or field.many_to_many):
        return None
    return field


def history_for(obj, user=None, limit: int = HISTORY_LIMIT):
    """The newest changes to ``obj`` with actor, time and field-by-field before/after, for display."""
    entries = list(
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )
    renderer = ValueRenderer(obj, user)
    parsed = []
    for entry in entries:
        fields = []
        for name, values in (entry.changes_dict or {}).items():
            field = shown_field(type(obj), name)
            if field is not None:
                fields.append((field, values))
                renderer.note(field, values)
        parsed.append((entry, fields))
    rows = []
    for entry, fields in parsed:
        changes = []
        for field, values in fields:
            before, after = renderer.change(field, values)
            if entry.action == LogEntry.Action.CREATE:
                before = ""
            changes.append((force_str(field.verbose_name), before, after))
        rows.append({"entry": entry, "changes": changes})
    return rows


class ValueRenderer:
    """Turns auditlog's stored strings back into what a user reads; related names are fetched in bulk."""

    def __init__(self, obj, user=None):
        self.obj = obj
        self.model = type(obj)
        self.user = user
        self.personal = personal_fields(self.model)
        self.wanted: dict = defaultdict(set)  # related model -> pks to name
        self.names: dict | None = None
        self.scratch = copy.copy(obj)
        self.m2m_names: dict[str, set[str]] = {}

    # -- many-to-one keys are stored as the related pk: collect them first, name them with one query each
    def note(self, field, values):
        if field.many_to_one or field.one_to_one:
            for value in _pair(values):
                if value not in EMPTY:
                    self.wanted[field.related_model].add(str(value))

    def _name(self, model, pk: str) -> str:
        if self.names is None:
            self.names = {}
            for related, pks in self.wanted.items():
                queryset = related._default_manager.all()
                found = {str(o.pk): str(o) for o in queryset.filter(pk__in=[p for p in pks if p.isdigit()])}
                visible = set(found)
                if self.user is not None and hasattr(queryset, "restrict") and found:
                    in_scope = queryset.restrict(self.user, "view").filter(pk__in=list(found))
                    visible = {str(pk) for pk in in_scope.values_list("pk", flat=True)}
                for key in pks:
                    if key not in found:
                        label = _("a deleted record")
                    elif key not in visible:
                        label = _("a record outside your area")
                    else:
                        label = found[key]
                    self.names[(related, key)] = label
        return self.names.get((model, pk), _("a deleted record"))

    def change(self, field, values) -> tuple[str, str]:
        if field.many_to_many:
            return "", self._many(field, values)
        before, after = _pair(values)
        return self.value(field, before), self.value(field, after)

    def _linked_names(self, field) -> set[str]:
        """Names of the rows linked now that the user may see: a many-to-many change is stored by name, so only
        these are named; the others are counted (a row of another town is never named)."""
        if field.name not in self.m2m_names:
            linked = field.related_model._default_manager.filter(pk__in=getattr(self.obj, field.name).values("pk"))
            if self.user is not None and hasattr(linked, "restrict"):
                linked = linked.restrict(self.user, "view")
            self.m2m_names[field.name] = {str(o) for o in linked}
        return self.m2m_names[field.name]

    def _many(self, field, values) -> str:
        if not isinstance(values, dict):
            return ""
        names = [force_str(o) for o in values.get("objects") or []]
        visible = self._linked_names(field)
        shown = [name for name in names if name in visible]
        objects = "、".join(shown)
        if len(shown) < len(names):
            other = _("%(count)d other records") % {"count": len(names) - len(shown)}
            objects = f"{objects}、{other}" if objects else other
        if values.get("type") == "remove":
            return _("removed: %s") % objects
        if values.get("type") == "clear":
            return _("all removed")
        return _("added: %s") % objects

    def value(self, field, raw) -> str:
        if raw in EMPTY:
            return ""
        if field.name in self.personal:
            return mask(self.personal[field.name], raw)
        conditional = (getattr(self.model, "history_masks", None) or {}).get(field.name)
        if conditional is not None:  # masked unless the record says otherwise (a donor who consented to be named)
            return conditional(self.obj, raw)
        if field.many_to_one or field.one_to_one:
            return self._name(field.related_model, str(raw))
        if isinstance(field, models.JSONField):
            raw = _json(raw)
        display = getattr(self.scratch, f"get_{field.name}_display", None)
        if display is not None:  # choices, or a model's own display of a list of codes
            try:
                setattr(self.scratch, field.attname, _typed(field, raw))
                return force_str(display())
            except (TypeError, ValueError, AttributeError):
                pass
        if isinstance(field, models.BooleanField):
            return _("Yes") if str(raw) == "True" else _("No")
        if isinstance(field, models.DateTimeField):
            moment = parse_datetime(str(raw))
            if moment is None:
                return str(raw)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, dt.timezone.utc)
            return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        if isinstance(field, models.TimeField):
            moment = parse_time(str(raw))
            return formats.time_format(moment, "TIME_FORMAT") if moment else str(raw)
        if isinstance(field, models.DateField):
            day = parse_date(str(raw))
            return formats.date_format(day, "DATE_FORMAT") if day else str(raw)
        if isinstance(field, MoneyField):
            return format_money(raw)
        if isinstance(field, models.DecimalField):
            try:
                number = Decimal(str(raw))
            except InvalidOperation:
                return str(raw)
            return formats.number_format(number, decimal_pos=field.decimal_places, use_l10n=True, force_grouping=True)
        if isinstance(field, models.IntegerField) and str(raw).lstrip("-").isdigit():
            return formats.number_format(int(raw), use_l10n=True, force_grouping=True)
        if isinstance(raw, (list, tuple)):
            return "、".join(force_str(v) for v in raw)
        if isinstance(raw, dict):
            return "；".join(f"{k}：{v}" for k, v in raw.items())
        return force_str(raw)


def _pair(values):
    if isinstance(values, (list, tuple)) and len(values) == 2:
        return values[0], values[1]
    return None, values


def _json(raw):
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _typed(field, raw):
    """A stored string as the field's Python value, so ``get_<field>_display`` finds the choice."""
    if isinstance(field, models.JSONField):
        return raw
    return field.to_python(raw)
