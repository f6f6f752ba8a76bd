"""States and transitions, declared as a table on the model; one function performs them.

A model with states declares them once::

    class ServiceHours(Stateful, ScopedModel):
        workflow = Workflow(
            "status",
            Transition("confirm", _("Confirm"), source=[PENDING], target=CONFIRMED, guard=hours_entered),
            Transition("reject", _("Reject"), source=[PENDING], target=REJECTED, reason=True, style="danger"),
        )

and gets, with no view code of its own: a button per transition on its page (for the roles allowed, in the
states it leaves from), a POST action URL per record and one for several records (``object_urls``), the
API action ``POST /api/<model>/<id>/actions/<name>/``, and a timeline of every state change on its page.

``perform`` is the only way an action runs: the row is fetched through ``restrict(user, action)`` (the
transition's own action when the scope rule declares it, else "change") and locked (``SELECT … FOR UPDATE``), the state and the guard are checked on the LOCKED row, the model's method
(if any) is called, and the save goes through the write path (domain rules, scope re-check) — all in one
transaction, so two people pressing the same button at once get one success and one clear refusal.

Every change of the state field, by an action or by an edit, writes a ``StateChange`` row (from, to, action,
who, when, reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from wulian.writes import Refused, write


@dataclass(frozen=True)
class Transition:
    """One row of a model's transition table.

    name: the action's code, used in URLs and in the log (``confirm``).
    label: what its button says (gettext_lazy, e.g. 确认).
    source: the states it leaves from; target: the state it leads to.
    roles: who may take it (within their scope); ``None``: the roles the model's scope rule gives "change".
    guard: ``guard(obj, user)`` raises ``Refused`` when the action is not possible for this row now; it is
        called on the locked row, inside the transaction.
    reason: a reason must be given (returning, rejecting…); it is kept in the log.
    method: the name of a model method called as ``method(user=…, reason=…)`` after the state is set and
        before the save (to set who confirmed, a date, …); it may raise ``Refused`` too.
    style: the button's colour (Bootstrap: primary, success, danger, secondary…); icon: a Bootstrap icon name.
    reason_label: what the reason is called on the button's form (审批意见 for an approval; default 理由).
    note: an optional text the form offers without requiring it (its label); the guard-free ``method`` may
        still require it in some cases (an early acceptance without the targets reached).
    confirm: a question asked before a step with consequences is taken (the button opens it; a second button
        confirms) — publishing, awarding, signing, accepting.
    """

    name: str
    label: object
    source: tuple[str, ...]
    target: str
    roles: frozenset | None = None
    guard: Callable | None = None
    reason: bool = False
    method: str | None = None
    style: str = "primary"
    icon: str = ""
    reason_label: object = ""
    note: object = ""
    confirm: object = ""

    @property
    def asks(self) -> bool:
        """Whether its button opens a small form (a reason, a note or a confirmation) instead of acting at once."""
        return bool(self.reason or self.note or self.confirm)

    def __post_init__(self):
        object.__setattr__(self, "source", tuple(self.source))
        if self.roles is not None:
            object.__setattr__(self, "roles", frozenset(self.roles))

    def scope_action(self, model) -> str:
        """The scope rule's action for this transition: its own name when the rule declares it (``actions=``,
        with its roles and ``where``), otherwise "change"."""
        from wulian.models.base import rule_of

        return self.name if self.name in rule_of(model).actions else "change"

    def allows(self, user, model) -> bool:
        """Whether the user's role may take this action on rows of ``model`` (the row still needs scope)."""
        from wulian.models.base import user_can

        if not user_can(user, model, self.scope_action(model)):
            return False
        if self.roles is None or user.is_superuser:
            return True
        return user.role in self.roles


class Workflow:
    """A model's state field and its transition table."""

    def __init__(self, state_field: str, *transitions: Transition):
        self.field = state_field
        self.transitions = tuple(transitions)
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"transition names repeat: {names}")

    def get(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)

    def state_of(self, obj) -> str:
        return getattr(obj, self.field)

    def available(self, obj, user) -> list[Transition]:
        """Transitions that leave from the row's current state and that the user's role may take."""
        state = self.state_of(obj)
        return [t for t in self.transitions if state in t.source and t.allows(user, type(obj))]

    def offered(self, obj, user, known: dict[str, bool] | None = None) -> list[Transition]:
        """The buttons for this row: available transitions whose scope action ``can`` allows on the row
        (one query per distinct scope action; ``known`` passes answers the page already has)."""
        from wulian.models.base import can

        answers = dict(known or {})
        offered = []
        for transition in self.available(obj, user):
            action = transition.scope_action(type(obj))
            if action not in answers:
                answers[action] = can(user, action, obj)
            if answers[action]:
                offered.append(transition)
        return offered

    def label_of_state(self, model, state: str) -> str:
        choices = dict(model._meta.get_field(self.field).flatchoices)
        return force_str(choices.get(state, state))


class Stateful(models.Model):
    """Mixin for a model with a ``workflow``: remembers the state it was loaded with, to log changes."""

    workflow: Workflow

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_state = instance.__dict__.get(cls.workflow.field)
        return instance

    def state_label(self) -> str:
        return self.workflow.label_of_state(type(self), self.workflow.state_of(self))


def perform(user, model, pk, name: str, reason: str = ""):
    """Take the action ``name`` on the row ``pk`` of ``model`` for ``user``; return the changed row.

    Raises ``model.DoesNotExist`` when the row is not in the user's scope for "change" (the views answer 404),
    ``PermissionDenied`` when the role may not take the action, ``Refused`` when the state, the guard, a domain
    rule or the scope re-check says no — then nothing has changed.
    """
    workflow: Workflow = model.workflow
    transition = workflow.get(name)
    if transition is None:
        raise model.DoesNotExist
    if not transition.allows(user, model):
        raise PermissionDenied
    reason = (reason or "").strip()
    if transition.reason and not reason:
        raise Refused(_("Give a reason for “%(action)s”.") % {"action": transition.label}, field="reason")

    def save():
        row = locked(model, user, pk, transition.scope_action(model))
        before = workflow.state_of(row)
        if before not in transition.source:
            raise Refused(
                _("“%(object)s” is “%(state)s” now (perhaps changed by someone else meanwhile); “%(action)s” is not possible.")
                % {"object": row, "state": row.state_label(), "action": transition.label}
            )
        if transition.guard is not None:
            transition.guard(row, user)
        setattr(row, workflow.field, transition.target)
        if transition.method:
            getattr(row, transition.method)(user=user, reason=reason)
        row._transition = (transition.name, reason)
        row.save()
        return row

    # The lock above already required the action's scope (with its state condition); after the change the
    # row must still be in the user's area ("view": a state condition of the action no longer holds).
    return write(user, "view", save)


def locked(model, user, pk, action: str = "change"):
    """The row ``pk`` if the user may take ``action`` on it, locked until the transaction ends."""
    in_scope = model._default_manager.all().restrict(user, action).values("pk")
    return model._default_manager.select_for_update(of=("self",), no_key=True).filter(pk__in=in_scope).get(pk=pk)


def log_state_change(obj, user) -> None:
    """Write the ``StateChange`` row for a saved object whose state differs from the one it was loaded with.

    Called by the write path for every saved object of a model with a workflow; a new object is not a change.
    """
    from wulian.models.transitions import StateChange

    workflow: Workflow | None = getattr(type(obj), "workflow", None)
    if workflow is None or not hasattr(obj, "_saved_state"):
        return
    after = workflow.state_of(obj)
    before = obj._saved_state
    if before == after:
        return
    action, reason = getattr(obj, "_transition", ("", ""))
    StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        action=action,
        from_state=before or "",
        to_state=after,
        user=user if getattr(user, "is_authenticated", False) else None,
        reason=reason,
    )
    obj._saved_state = after
    obj._transition = ("", "")


def timeline(obj, limit: int = 100) -> list[dict]:
    """The record's state changes, newest first, ready to show: labels instead of codes."""
    from wulian.models.transitions import StateChange

    model = type(obj)
    workflow: Workflow = model.workflow
    rows = (
        StateChange.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=obj.pk)
        .select_related("user")
        .order_by("-at", "-pk")[:limit]
    )
    out = []
    for row in rows:
        transition = workflow.get(row.action) if row.action else None
        out.append(
            {
                "change": row,
                "action": force_str(transition.label) if transition else _("Edited"),
                "style": transition.style if transition else "secondary",
                "from": workflow.label_of_state(model, row.from_state),
                "to": workflow.label_of_state(model, row.to_state),
            }
        )
    return out
