"""History of records: django-auditlog keeps one row per change (who, when, before/after).

Every model of the portal's apps is tracked (``AUDITLOG_INCLUDE_ALL_MODELS``); this module reads it back for
the history tab of a record's page.
"""

from __future__ import annotations

from auditlog.models import LogEntry

HISTORY_LIMIT = 100


def history_for(obj, limit: int = HISTORY_LIMIT):
    """The newest changes to ``obj`` with actor, time and field-by-field before/after, for display."""
    entries = LogEntry.objects.get_for_object(obj).select_related("actor", "content_type").order_by("-timestamp")[
        :limit
    ]
    rows = []
    for entry in entries:
        changes = []
        for label, values in entry.changes_display_dict.items():
            if isinstance(values, (list, tuple)) and len(values) == 2:
                before, after = values
            else:  # many-to-many changes are stored as {"type": ..., "objects": [...]}
                before, after = "", values
            changes.append((label, _blank(before), _blank(after)))
        rows.append({"entry": entry, "changes": changes})
    return rows


def _blank(value):
    return "" if value in ("None", None) else value
