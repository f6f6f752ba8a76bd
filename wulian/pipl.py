"""The rights of a person in the data (个人信息保护法 第44–47条, issue 21): one mechanism for every kind of person.

A model holding people declares ``person_rights = PersonRights(...)``: how its record is exported, which fields
identify the person (and what replaces them), which related rows carry them too, when a person counts as gone
(``last_active``) and which retention period applies (``WULIAN_RETENTION_YEARS[kind]``). From that:

- ``export_view(model)``: what is held about one person as a JSON file, for staff allowed to reveal personal data
  and change the record, in scope; logged in the access log and the audit trail;
- ``anonymise_view(model)``: deletion on request as anonymisation, for those who may delete the record;
- ``anonymise(obj)``: the identifying fields replaced, the history of the record and of the rows that name the
  person emptied of them; what the dashboards count (hours, community, status, dates, posts, certificates by
  level) stays. Audited;
- ``expired(model)`` / ``anonymise_expired()``: people inactive longer than their kind's retention period, for the
  ``anonymise_expired`` command (``--dry-run`` lists them) and its daily beat task.
Correction is the normal edit page (in the history like any change).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from typing import Callable

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Expression
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.choices import AccessAction
from wulian.models import AccessLog
from wulian.personal import can_reveal, scrub_history
from wulian.security import audit
from wulian.security.audit import AuditAction

ANONYMOUS_NAME = "（已匿名）"


def anonymous_token(prefix: str = "ANON") -> str:
    """A unique stand-in for an identifier that must stay unique (an ID or certificate number)."""
    return f"{prefix}{secrets.token_hex(8).upper()}"


@dataclass(frozen=True)
class PersonRights:
    kind: str  # the key of WULIAN_RETENTION_YEARS, e.g. "volunteers"
    record: str  # the model's method giving everything held about the person, as a dict
    replace: dict  # field -> replacement value, or a callable giving one
    file_name: Callable  # obj -> the export's file name, without extension
    last_active: Expression | None = None  # annotated on the queryset: the last day the person was active
    related: dict = field(default_factory=dict)  # related manager name -> {field: replacement}: rows naming the person
    name_field: str = "name"

    def is_anonymised(self, obj) -> bool:
        return getattr(obj, self.name_field) == ANONYMOUS_NAME


def rights(model) -> PersonRights:
    return model.person_rights


def person_models() -> list:
    return [m for m in apps.get_models() if isinstance(getattr(m, "person_rights", None), PersonRights)]


def _value(replacement):
    return replacement() if callable(replacement) else replacement


def anonymise(obj, *, request=None, reason: str = "on request") -> None:
    """Replace what identifies the person on the record and on the rows that name them; keep what is counted."""
    declared = rights(type(obj))
    with transaction.atomic():
        for name, replacement in declared.replace.items():
            setattr(obj, name, _value(replacement))
        obj.save()
        scrub_history(obj, tuple(declared.replace), str(obj))
        for manager, fields in declared.related.items():
            for row in getattr(obj, manager).all():
                for name, replacement in fields.items():
                    setattr(row, name, _value(replacement))
                row.save()
                scrub_history(row, tuple(fields), str(row))
        audit.record_request(request, AuditAction.PERSON, obj=f"{obj._meta.label}#{obj.pk}",
                             detail=f"anonymised ({reason})", username="manage.py" if request is None else "")


def _retention_days(kind: str) -> int:
    return int(settings.WULIAN_RETENTION_YEARS[kind]) * 365


def expired(model, today: dt.date | None = None):
    """The people of ``model`` inactive for longer than their kind's retention period, not yet anonymised."""
    declared = rights(model)
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=_retention_days(declared.kind))
    rows = model._base_manager.exclude(**{declared.name_field: ANONYMOUS_NAME})
    return rows.annotate(pipl_last_active=declared.last_active).filter(pipl_last_active__lt=cutoff).order_by("pk")


def anonymise_expired(dry_run: bool = False, today: dt.date | None = None) -> list[tuple[str, int, str, dt.date]]:
    """Anonymise (or with ``dry_run`` only list) every person past the retention period: (kind, pk, name, last)."""
    done = []
    for model in person_models():
        for obj in expired(model, today):
            done.append((model._meta.label, obj.pk, str(obj), obj.pipl_last_active))
            if not dry_run:
                anonymise(obj, reason=f"retention: inactive since {obj.pipl_last_active}")
    return done


def _object(model, request, pk, action):
    obj = model.objects.restrict(request.user, action).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def export_view(model):
    @login_required
    def export(request, pk):
        if not can_reveal(request.user):
            raise PermissionDenied
        obj = _object(model, request, pk, "change")
        AccessLog.record(request, AccessAction.EXPORT_PERSONAL, model, object_id=obj.pk)
        audit.record_request(request, AuditAction.PERSON, obj=audit.describe(obj), detail="export of a person's data")
        body = json.dumps({"generated_at": timezone.now().isoformat(), **getattr(obj, rights(model).record)()},
                          ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{rights(model).file_name(obj)}.json"'
        return response

    return export


def anonymise_view(model):
    @login_required
    @require_POST
    def anonymise_person(request, pk):
        obj = _object(model, request, pk, "delete")  # those who may delete the record may anonymise it
        anonymise(obj, request=request)
        messages.success(request, _("The person was anonymised: what is counted stays, the person does not."))
        return redirect(obj.get_absolute_url())

    return anonymise_person


def detail_context(obj, user, *, can_change: bool, can_delete: bool) -> dict:
    """The record page's two buttons (generic detail view): the person's file and anonymisation, where allowed."""
    declared = getattr(type(obj), "person_rights", None)
    if not isinstance(declared, PersonRights):
        return {}
    name = f"{obj._meta.app_label}:{obj._meta.model_name}"
    gone = declared.is_anonymised(obj)
    return {
        "person_export_url": reverse(f"{name}_personal_data", args=[obj.pk]) if can_change and can_reveal(user) else "",
        "person_anonymise_url": reverse(f"{name}_anonymise", args=[obj.pk]) if can_delete and not gone else "",
    }
