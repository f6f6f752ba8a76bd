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

from wulian.models.base import RemembersLoaded
from wulian.writes import Refused, write


@dataclass(frozen=True)
class Transition:
    """One row of a model's transition table.

    name: the action's code, used in URLs and in the log (``confirm``).
    label: what its button says (gettext_lazy, e.g. 确认).
    source: the states it leaves from; target: the state it leads to.
    roles: who may take it: the transition is then an action of its own in the model's scope rule (its name,
        these roles, on every row of the role's scope whatever the state — the workflow checks the state and
        says so in Chinese); ``Stateful`` adds it to the rule, so a transition is named once. ``None``: it is
        taken with the scope rule's "change" (its roles and rows).
    guard: ``guard(obj, user)`` raises ``Refused`` when the action is not possible for this row now; it is
        called on the locked row, inside the transaction.
    reason: a reason must be given (returning, rejecting…); it is kept in the log.
    method: the name of a model method called as ``method(user=…, reason=…)`` after the state is set and
        before the save (to set who confirmed, a date, …); it may raise ``Refused`` too.
    style: the button's colour (Bootstrap: primary, success, danger, secondary…); icon: a Bootstrap icon name.
    consequence_of: set for a transition nobody takes on its own: it follows another action (a bid is awarded
        when its project is, ``"projects.Project.award"``), through ``follow`` — no button, no URL, no API.
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
    consequence_of: str = ""
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
        """The scope rule's action for this transition: its own name when it names its roles, else "change"."""
        return "change" if self.roles is None else self.name

    def allows(self, user, model) -> bool:
        """Whether the user's role may take this action on rows of ``model`` (the row still needs scope)."""
        from wulian.models.base import user_can

        return not self.consequence_of and user_can(user, model, self.scope_action(model))


class Workflow:
    """A model's state field and its transition table."""

    def __init__(self, state_field: str, *transitions: Transition):
        self.field = state_field
        self.transitions = tuple(transitions)
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"transition names repeat: {names}")

    def scope_actions(self) -> dict[str, frozenset]:
        """The scope rule's entries of the transitions that name their roles: ``{name: roles}``."""
        return {t.name: t.roles for t in self.transitions if t.roles is not None}

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


class Stateful(RemembersLoaded):
    """Mixin for a model with a ``workflow``: remembers the state it was loaded with, to log changes."""

    workflow: Workflow

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """The transitions that name their roles become actions of the model's scope rule (``Transition.roles``);
        an action the rule already declares is kept as written (``wulian.checks`` fails when they differ)."""
        super().__init_subclass__(**kwargs)
        rule, workflow = cls.__dict__.get("scope_rule"), cls.__dict__.get("workflow")
        if rule is not None and workflow is not None:
            cls.scope_rule = with_transitions(rule, workflow)

    @classmethod
    def remembered(cls) -> tuple[str, ...]:
        return (*super().remembered(), cls.workflow.field)

    def state_label(self) -> str:
        return self.workflow.label_of_state(type(self), self.workflow.state_of(self))


def with_transitions(rule, workflow):
    """``rule`` with an action per transition that names its roles, on every row of the role's scope (``Q()``)."""
    import dataclasses

    actions = workflow.scope_actions()
    return dataclasses.replace(
        rule,
        actions={**actions, **rule.actions},
        where={**dict.fromkeys(actions, models.Q()), **rule.where},
    )


def follow(user, obj, name: str, reason: str = ""):
    """Take the transition ``name`` on ``obj`` as the consequence of an action ``user`` is taking (inside its
    transaction, on rows it has locked): the award of a project settles its bids. The state must be one the
    transition leaves from; the change is saved through the write path and logged like any other."""
    workflow: Workflow = type(obj).workflow
    transition = workflow.get(name)
    if transition is None or workflow.state_of(obj) not in transition.source:
        raise Refused(
            _("“%(object)s” is “%(state)s” now (perhaps changed by someone else meanwhile); “%(action)s” is not possible.")
            % {"object": obj, "state": obj.state_label(), "action": transition.label if transition else name}
        )
    setattr(obj, workflow.field, transition.target)
    if transition.method:
        getattr(obj, transition.method)(user=user, reason=reason)
    obj._transition = (transition.name, reason)
    return write(user, "view", lambda: obj.save() or obj)


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
    if workflow is None or obj.loaded_values is None:
        return
    after = workflow.state_of(obj)
    before = obj.loaded_values.get(workflow.field)
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
    obj.loaded_values[workflow.field] = after
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
