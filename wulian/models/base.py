"""The one scope mechanism: what rows a user may see, change, or act on.

Every scoped model declares its ``ScopeRule`` explicitly — there is no default, and a model that forgets it
fails ``manage.py check`` (``wulian.checks``), so nothing is ever permissive by omission. A rule says:

- per action, which roles may take it (``view``, ``add``, ``change``, ``delete``, and any model-specific
  action such as ``publish`` in ``actions``);
- per role, which rows: by default a region user's rows lie at or below their scope region (``region``
  lookups), agency staff's rows belong to their agency (``agency``), an evaluator's rows are assigned to
  them (``evaluator``); ``rows`` replaces that for a role with a ``Q`` built from the user and the action,
  which may depend on the row's state ("every published notice, and my agency's own otherwise");
- per action, a condition on the row's state (``where``: e.g. only drafts may be changed);
- who is a *party* to a row (``parties``) and what of it is *public* (``public``): a viewer who is not a party
  to a row it may view (an agency reading an open call for bids) sees only its public fields — what the public
  page shows — and never its history, timeline or files. ``restrict(user, PARTY)`` gives the rows a user is a
  party to; the detail pages, the API, attachments and history all read it (issue 17).

``Model.objects.restrict(user, action)`` turns a user into that ``Q`` and is the one entry point for every
list, detail, edit, export, import, form choice and API endpoint. ``can(user, action, obj)`` answers the same
question for one row (state guards, templates: ``{% can "change" object as may_edit %}``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, Role

ACTIONS = ("view", "add", "change", "delete")
# The rows a user sees whole (not only their public fields): those of its view rows it is a party to.
PARTY = "party"
# A condition no row meets (Django answers it without a query); it combines with | and & like any Q.
NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """What a ``rows`` function of a rule receives: the user, the action, and the rule's default ``Q``s."""

    rule: ScopeRule
    user: object
    action: str

    def region(self) -> Q | None:
        """Rows at or below the user's scope region (through any of the rule's region lookups)."""
        path = getattr(self.user, "scope_path", None)
        if not path or not self.rule.region:
            return NOTHING
        q = Q()
        for lookup in self.rule.region:
            q |= Q(**{_lookup(lookup, "path__startswith"): path})
        return q

    def agency(self) -> Q | None:
        """Rows of the user's own agency."""
        agency_id = getattr(self.user, "agency_id", None)
        if self.rule.agency is None or not agency_id:
            return NOTHING
        return Q(**{_lookup(self.rule.agency, "pk"): agency_id})

    def evaluator(self) -> Q | None:
        """Rows assigned to the user as evaluator."""
        if self.rule.evaluator is None:
            return NOTHING
        return Q(**{_lookup(self.rule.evaluator, "pk"): self.user.pk})

    def default(self) -> Q | None:
        """The role's rows when the rule names no ``rows`` function for it (``None``: a role without rows)."""
        role = getattr(self.user, "role", "")
        if role in REGION_ROLES:
            return self.region()
        if role == Role.AGENCY_STAFF:
            return self.agency()
        if role == Role.EVALUATOR:
            return self.evaluator()
        return None


RowsFunction = Callable[[Scope], "Q | None"]


@dataclass(frozen=True)
class ScopeRule:
    """How a model's rows are placed in a user's scope; every argument naming roles is required.

    view/add/change/delete: the roles allowed each action (on the rows their role's ``Q`` selects).
    region: lookups from the model to a ``Region`` (``""`` when the model is the region itself); a row is
        in a region user's scope when any of them lies at or below the user's scope region.
    agency: lookup from the model to an ``Agency`` (``""`` for the agency itself), for agency staff.
    evaluator: lookup from the model to the evaluator ``User``, for evaluators.
    rows: per role, a function of ``Scope`` returning the ``Q`` of its rows (``None``: no rows); replaces
        the default above for that role, e.g. ``{Role.AGENCY_STAFF: lambda s: Q(status="published") |
        s.agency() if s.action == "view" else s.agency()}``.
    where: per action, a condition every row must meet for that action, whatever the role (``{"change":
        Q(status="draft")}``: a published notice is changed by nobody).
    actions: model-specific actions (``{"publish": frozenset({Role.BUREAU_ADMIN})}``); they take the rows
        of ``change`` (plus their own ``where``).
    distinct: the lookups cross a many-valued relation, so the result needs ``distinct()``.
    parties: per role, a function of ``Scope`` narrowing the role's view rows to those it is a party to; a
        role not named is a party to every row it views. A viewer who is no party sees only ``public``.
    public: the fields every viewer of a row sees (what the public page shows); the others only its parties.
    """

    view: frozenset
    add: frozenset
    change: frozenset
    delete: frozenset
    region: tuple[str, ...] = ("region",)
    agency: str | None = None
    evaluator: str | None = None
    rows: Mapping[str, RowsFunction] = field(default_factory=dict)
    where: Mapping[str, Q] = field(default_factory=dict)
    actions: Mapping[str, frozenset] = field(default_factory=dict)
    distinct: bool = False
    parties: Mapping[str, RowsFunction] = field(default_factory=dict)
    public: tuple[str, ...] = ()

    def all_actions(self) -> tuple[str, ...]:
        return (*ACTIONS, *self.actions)

    def roles(self, action: str) -> frozenset:
        if action == PARTY:
            return self.view
        if action in ACTIONS:
            return getattr(self, action)
        if action in self.actions:
            return self.actions[action]
        raise ValueError(f"unknown action {action!r}")

    def q_for(self, user, action: str) -> Q | None:
        """The rows of a non-superuser whose role may take ``action``; ``None`` means none."""
        role = user.role
        if action == PARTY:
            q = self.q_for(user, "view")
            if q is None or role not in self.parties:
                return q
            party = self.parties[role](Scope(self, user, PARTY))
            return None if party is None else q & party
        scope = Scope(self, user, action)
        q = self.rows[role](scope) if role in self.rows else scope.default()
        if q is None:
            return None
        condition = self.where.get(action)
        if condition is None and action not in ACTIONS:
            condition = self.where.get("change")
        return q & condition if condition is not None else q


def _lookup(prefix: str, suffix: str) -> str:
    return f"{prefix}__{suffix}" if prefix else suffix


def rule_of(model) -> ScopeRule:
    """The model's declared rule; a model without one is a programming error, never "everything"."""
    rule = getattr(model, "scope_rule", None)
    if not isinstance(rule, ScopeRule):
        raise TypeError(f"{model._meta.label} declares no ScopeRule")
    return rule


def user_can(user, model, action: str) -> bool:
    """Whether the user's role may take this action on this model at all (rows still need ``restrict``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = rule_of(model)
    roles = rule.roles(action)  # an unknown action is an error for superusers too
    if user.is_superuser:
        return True
    return user.role in roles


def scope_q(model, user, action: str = "view") -> Q | None:
    """The rows of ``model`` the user may take ``action`` on, as a ``Q``; ``None`` means no rows."""
    if not user_can(user, model, action):
        return None
    rule = rule_of(model)
    if user.is_superuser:
        condition = rule.where.get(action)
        if condition is None and action not in ACTIONS and action != PARTY:
            condition = rule.where.get("change")
        return condition if condition is not None else Q()
    return rule.q_for(user, action)


def can(user, action: str, obj) -> bool:
    """Whether ``user`` may take ``action`` on the row ``obj`` (or, given a model class, on that model at all).

    One query for a saved row: the row must be in ``restrict(user, action)``, so the rule's state conditions
    are read from the database as they are now (inside ``select_for_update`` they are the locked row's). An
    unsaved row answers by role only; the write path re-checks the saved row against ``restrict``.
    """
    if isinstance(obj, type):
        return user_can(user, obj, action)
    model = type(obj)
    if obj.pk is None:
        return user_can(user, model, action)
    if not user_can(user, model, action):
        return False
    return model._default_manager.all().restrict(user, action).filter(pk=obj.pk).exists()


def is_party(user, obj) -> bool:
    """Whether ``user`` sees the whole of the row ``obj`` (not only its ``public`` fields); one query, and none
    when the model declares no ``parties``."""
    rule = rule_of(type(obj))
    if not rule.parties:
        return True
    return can(user, PARTY, obj)


def hidden_fields(user, obj, party: bool | None = None) -> frozenset:
    """The fields of ``obj`` that ``user`` may not read: all but the ``public`` ones when it is no party
    (``party``: already known, e.g. from ``party_annotation``)."""
    if party is None:
        party = is_party(user, obj)
    if party:
        return frozenset()
    public = set(rule_of(type(obj)).public)
    return frozenset(f.name for f in type(obj)._meta.concrete_fields if f.name not in public and not f.primary_key)


def conceal(obj, hidden):
    """A copy of ``obj`` whose ``hidden`` fields read empty (``""``, or ``None``), for a viewer who is no party:
    what a page or an answer is built from never holds what it must not show."""
    if not hidden:
        return obj
    import copy

    shown = copy.copy(obj)
    shown._state = copy.copy(obj._state)
    shown._state.fields_cache = {k: v for k, v in obj._state.fields_cache.items() if k not in hidden}
    for f in type(obj)._meta.concrete_fields:
        if f.name in hidden:
            empty = "" if isinstance(f, (models.CharField, models.TextField)) and not f.null else None
            setattr(shown, f.attname, empty)
    shown._concealed = hidden
    return shown


def party_annotation(model, user):
    """An expression: whether ``user`` is a party to the row (for annotating a list; ``None`` if the model
    declares no parties)."""
    from django.db.models import BooleanField, ExpressionWrapper, Value

    if not rule_of(model).parties:
        return None
    q = scope_q(model, user, PARTY)
    if q is None:
        return Value(False)
    if not q:
        return Value(True)
    return ExpressionWrapper(q, output_field=BooleanField())
def can_add(user, model, parent, lookup: str) -> bool:
    """Whether ``user`` may add a row of ``model`` whose ``lookup`` (``"project"``, ``"bid__project"``) is the
    saved row ``parent``: the model's rule for "add" (rows and state conditions) read on the parent, one query.

    What a page offers ("write the notice", "score the bids") is this answer, not a restatement of the rule. A
    condition on the new row's own fields cannot be read on the parent; the role then decides, and the write
    path checks the saved row as always.
    """
    q = scope_q(model, user, "add")
    if q is None:
        return False
    on_parent = _on_parent(q, lookup)
    if on_parent is None:
        return True
    return type(parent)._default_manager.filter(on_parent, pk=parent.pk).exists()


def _on_parent(q: Q, lookup: str) -> Q | None:
    """``q`` with every lookup rewritten from the child to ``lookup``'s row. A condition on the child's own fields
    is left out where that only widens (a plain AND); elsewhere the whole is unreadable (None)."""
    parent = q.copy()
    parent.children = []
    for child in q.children:
        if isinstance(child, Q):
            child = _on_parent(child, lookup)
        elif child[0] == lookup or child[0].startswith(f"{lookup}__"):
            child = (child[0][len(lookup) + 2:] or "pk", child[1])
        elif q.connector == Q.AND and not q.negated:
            continue
        else:
            child = None
        if child is None:
            return None
        parent.children.append(child)
    return parent


class ScopedQuerySetMixin:
    def restrict(self, user, action: str = "view"):
        """Only the rows ``user`` may take ``action`` on."""
        q = scope_q(self.model, user, action)
        if q is None:
            return self.none()
        qs = self.filter(q)
        if rule_of(self.model).distinct:
            qs = qs.distinct()
        return qs


class ScopedQuerySet(ScopedQuerySetMixin, models.QuerySet):
    pass


class RegionCopyQuerySet(ScopedQuerySet):
    """Rows that keep their own copy of a parent's region, so a million of them are scoped by one indexed
    column (the model names the parent: ``region_copied_from = "station"``). Saves copy it one by one; bulk
    loads fill it too, with one query for all the parents named."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        parent = self.model.region_copied_from
        attname = self.model._meta.get_field(parent).attname
        missing = {getattr(o, attname) for o in objs if o.region_id is None and getattr(o, attname) is not None}
        if missing:
            related = self.model._meta.get_field(parent).related_model
            regions = dict(related._default_manager.filter(pk__in=missing).values_list("pk", "region_id"))
            for obj in objs:
                if obj.region_id is None:
                    obj.region_id = regions.get(getattr(obj, attname))
        return super().bulk_create(objs, *args, **kwargs)


# Core models whose pages an app serves, e.g. ``wulian.agency`` → ``organizations``: the app says so from its
# ``AppConfig.ready()`` (see ``serve_pages``), so the core names no app.
_PAGE_NAMESPACES: dict[str, str] = {}


def serve_pages(model, namespace: str) -> None:
    """Declare that the URL namespace ``namespace`` serves the pages of ``model`` (``<namespace>:<model>_list``...)."""
    _PAGE_NAMESPACES[model._meta.label_lower] = namespace


class PageUrlsMixin:
    """URLs of a model's pages by naming convention: ``<app>:<model>_<view>``."""

    @classmethod
    def url_name(cls, view: str) -> str:
        namespace = _PAGE_NAMESPACES.get(cls._meta.label_lower, cls._meta.app_label)
        return f"{namespace}:{cls._meta.model_name}_{view}"

    def get_absolute_url(self) -> str:
        return reverse(self.url_name("detail"), args=[self.pk])

    def get_url(self, view: str) -> str | None:
        try:
            return reverse(self.url_name(view), args=[self.pk])
        except NoReverseMatch:
            return None


class RemembersLoaded(models.Model):
    """Remembers, on loading, the values of the fields ``remembered()`` names, in ``loaded_values`` (``None`` on
    a row built in memory): what a save compares with (the state before a transition, the figures a change
    moves, what the parties signed).

    In ``from_db``, not a ``post_init`` signal (a 200,000-row export loads 400,000 instances; the signal's
    dispatch cost a tenth of its time), and from ``__dict__``: a row loaded with ``only()`` is not fetched again
    for a field it deferred. Mixins add their fields with ``(*super().remembered(), …)``.
    """

    loaded_values: dict | None = None

    class Meta:
        abstract = True

    @classmethod
    def remembered(cls) -> tuple[str, ...]:
        return ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = instance.__dict__
        instance.loaded_values = {name: loaded[name] for name in cls.remembered() if name in loaded}
        return instance


class ScopedModel(PageUrlsMixin, models.Model):
    """Base of every domain model: timestamps and URLs by naming convention; each subclass declares its
    own ``scope_rule`` (there is deliberately no default)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    # Fields a row keeps once saved — which parent it belongs to, what kind of record it is: the write path
    # refuses to change them on every path (page, import, API), ``writes.write``.
    fixed_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if cls.fixed_fields:
            instance._fixed = {
                name: instance.__dict__.get(cls._meta.get_field(name).attname) for name in cls.fixed_fields
            }
        return instance

    def changed_fixed_fields(self) -> list[str]:
        """The fixed fields this unsaved edit changes (none for a new row)."""
        fixed = getattr(self, "_fixed", None) or {}
        return [
            name for name, value in fixed.items()
            if value is not None and self.__dict__.get(type(self)._meta.get_field(name).attname) != value
        ]
