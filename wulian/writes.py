"""The one write path: every save of the portal runs through ``write`` (and every deletion through ``delete``).

Edit pages, the Excel importer, the API and actions all call it. Inside ONE transaction it runs

1. the save itself (a form's or serializer's ``save``, an action's state change, …),
2. the model's domain rules: ``obj.check_rules()`` when the model defines it; a rule that cannot hold raises
   ``Refused("超出预算", field="amount")``. It runs after the save, so it sees the saved row (and its
   many-to-many values) and may lock and sum what it needs,
3. the scope re-check: the saved row must still lie in the user's scope for the action.

A refusal, a duplicate caught by a database constraint (``IntegrityError``) and a protected row on deletion
all leave the database as it was and come back as one exception, ``Refused``, with a Chinese message (and
the field it concerns, when there is one). Pages show it as a form error, the importer as a row error, the
API as a 409 — never a 500, never half a write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint, ProtectedError, RestrictedError, UniqueConstraint
from django.utils.encoding import force_str
from django.utils.translation import gettext as _


class Refused(Exception):
    """A write that the portal's rules do not allow; nothing was saved.

    ``field`` names the form or serializer field the message belongs to, when it concerns one.
    """

    def __init__(self, message, field: str | None = None):
        super().__init__(force_str(message))
        self.message = force_str(message)
        self.field = field

    def __str__(self):
        return self.message


class OutOfScope(Refused):
    """The saved row would lie outside the user's scope (a forged value): the API answers 400, not 409."""


def write(user, action: str, save: Callable[[], object]):
    """Run ``save()`` with the domain rules and the scope re-check in one transaction; return what it saved.

    ``action`` is the scope action the saved rows must still allow: ``"add"`` for a creation, ``"change"``
    for an edit. ``save`` returns the saved object or a list of them. Raises ``Refused``; the database is
    then unchanged (when called inside an outer transaction, only this write is rolled back: a savepoint).
    """
    from wulian.workflow import log_state_change

    try:
        with transaction.atomic():
            saved = save()
            for obj in _as_list(saved):
                check_fixed(obj)
                check_text_lengths(obj)
                check_rules = getattr(obj, "check_rules", None)
                if check_rules is not None:
                    check_rules()
                check_scope(user, action, obj)
                log_state_change(obj, user)
    except IntegrityError as exc:
        raise integrity_refusal(exc) from exc
    return saved


def write_form(user, action: str, form, save: Callable[[], object]) -> bool:
    """``write`` for a page's form: a refusal becomes the form's error (on its field when the form has it).

    Returns whether the write went through; on ``False`` nothing was saved and the form shows why.
    """
    try:
        write(user, action, save)
    except Refused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return False
    return True


def delete(user, obj) -> None:
    """Delete ``obj`` (already fetched through ``restrict(user, "delete")``) or refuse with the reason."""
    name = str(obj)
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        blockers = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        names = "、".join(sorted({str(o) for o in list(blockers)[:5]}))
        raise Refused(
            _("“%(name)s” cannot be deleted: other records depend on it (%(blockers)s).")
            % {"name": name, "blockers": names}
        ) from exc
    except IntegrityError as exc:
        raise integrity_refusal(exc) from exc


def check_fixed(obj) -> None:
    """A saved row keeps its parent and kind (``ScopedModel.fixed_fields``): a rectification item does not move
    to another evaluation, a mid-term supervision does not become the acceptance."""
    changed = getattr(obj, "changed_fixed_fields", lambda: [])()
    if changed:
        field = obj._meta.get_field(changed[0])
        raise Refused(
            _("The %(field)s of a saved %(model)s cannot be changed; nothing was saved.")
            % {"field": force_str(field.verbose_name), "model": force_str(obj._meta.verbose_name)},
            field=changed[0],
        )


def check_text_lengths(obj) -> None:
    """Every text is bounded by its meaning: a text field's ``max_length`` (forms and the API refuse more at the
    field), or ``WULIAN_TEXT_LIMIT`` for one that declares none — on every path, imports and actions too."""
    from django.conf import settings
    from django.db import models

    for f in obj._meta.concrete_fields:
        if not isinstance(f, models.CharField | models.TextField):
            continue
        value = getattr(obj, f.attname, None)
        limit = f.max_length or settings.WULIAN_TEXT_LIMIT
        if isinstance(value, str) and len(value) > limit:
            raise Refused(
                _("%(field)s is too long: at most %(limit)d characters (it has %(count)d); nothing was saved.")
                % {"field": force_str(f.verbose_name), "limit": limit, "count": len(value)},
                field=f.name,
            )


def check_scope(user, action: str, obj) -> None:
    model = type(obj)
    restrict = getattr(model._default_manager.all(), "restrict", None)
    if restrict is None or user is None:
        return
    if not restrict(user, action).filter(pk=obj.pk).exists():
        raise OutOfScope(_("The record would lie outside your area; nothing was saved."))


def _as_list(saved) -> list:
    if saved is None:
        return []
    if isinstance(saved, Iterable) and not hasattr(saved, "_meta"):
        return list(saved)
    return [saved]


# -- integrity errors as messages ------------------------------------------------------------------------------

_KEY_COLUMNS = re.compile(r"Key \((?P<columns>[^)]*)\)=")


def integrity_refusal(exc: IntegrityError) -> Refused:
    """A clear Chinese refusal for a constraint the database enforced (a duplicate, a check, a missing row).

    The model's own words are used where it has them: a unique field's ``error_messages["unique"]``, a
    constraint's ``violation_error_message``; otherwise a message naming the fields.
    """
    diag = getattr(exc.__cause__, "diag", None)
    constraint = getattr(diag, "constraint_name", None)
    detail = getattr(diag, "message_detail", None) or ""
    model = _model_for_table(getattr(diag, "table_name", None))
    if getattr(exc.__cause__, "sqlstate", None) == "23503":  # foreign_key_violation
        return Refused(_("A record this one refers to was removed meanwhile; nothing was saved."))
    if model is not None:
        for con in model._meta.constraints:
            if con.name == constraint and isinstance(con, CheckConstraint | UniqueConstraint):
                field = con.fields[-1] if isinstance(con, UniqueConstraint) and len(con.fields) == 1 else None
                if con.violation_error_message and con.violation_error_message != con.default_violation_error_message:
                    return Refused(con.violation_error_message, field=field)
                if isinstance(con, UniqueConstraint) and con.fields:
                    return Refused(_duplicate(model, con.fields), field=field)
        match = _KEY_COLUMNS.search(detail)
        if match:
            columns = [c.strip() for c in match.group("columns").split(",")]
            fields = [f for f in model._meta.concrete_fields if f.column in columns]
            if len(fields) == 1 and getattr(fields[0], "speaks_for", None):
                fields = [model._meta.get_field(fields[0].speaks_for)]  # a blind index: its encrypted field's words
            if len(fields) == 1 and fields[0].unique:
                message = fields[0].error_messages.get("unique")
                if message and "%(" not in str(message):
                    return Refused(message, field=fields[0].name)
                return Refused(_duplicate(model, [fields[0].name]), field=fields[0].name)
            if fields:
                return Refused(_duplicate(model, [f.name for f in fields]))
    return Refused(_("This record conflicts with one saved at the same moment (a duplicate); nothing was saved."))


def _duplicate(model, field_names) -> str:
    labels = "、".join(force_str(model._meta.get_field(name).verbose_name) for name in field_names)
    return _("A %(model)s with the same %(fields)s already exists; nothing was saved.") % {
        "model": force_str(model._meta.verbose_name),
        "fields": labels,
    }


def _model_for_table(table: str | None):
    if not table:
        return None
    for model in apps.get_models():
        if model._meta.db_table == table:
            return model
    return None


# -- locking a parent and summing its children ------------------------------------------------------------------


def lock_rows(model, pks) -> dict:
    """Lock the rows ``pks`` of ``model`` (``SELECT … FOR UPDATE``) in primary-key order and return them by pk.

    Every writer that needs several rows takes them in the same order, so two writers never wait on each
    other crosswise (no deadlock). Call it inside ``write()`` (its transaction holds the locks until commit).
    """
    pks = sorted({pk for pk in pks if pk is not None})
    rows = model._default_manager.select_for_update(of=("self",)).filter(pk__in=pks).order_by("pk")
    return {row.pk: row for row in rows}


def lock_and_sum(parent, children, field: str, exclude=None):
    """Lock ``parent``'s row, then sum ``field`` over ``children`` (a queryset of its children), excluding
    the row ``exclude`` (the one being saved, whose new value the caller adds itself); 0 when none.

    The one way a ``check_rules`` checks "the children never exceed the parent" (milestones ≤ agreement,
    payments ≤ tranche): writers of the same parent queue on its lock, so each sees the others' committed
    rows and none can push the sum past the limit in between.
    """
    from decimal import Decimal

    from django.db.models import Sum

    type(parent)._default_manager.select_for_update(of=("self",)).filter(pk=parent.pk).values_list("pk").first()
    if exclude is not None and exclude.pk is not None:
        children = children.exclude(pk=exclude.pk)
    return children.aggregate(total=Sum(field))["total"] or Decimal(0)
