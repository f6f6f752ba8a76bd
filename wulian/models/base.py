"""The one scope mechanism: what rows a user may see and change.

Every model of the portal declares a ``ScopeRule`` that says how its rows hang on the region tree (and,
for agency staff and evaluators, on the agency or the evaluator they belong to). ``restrict(user, action)``
turns a user into a ``Q`` from that rule. Every list, detail, edit, export, import, form choice and API
endpoint starts from ``Model.objects.restrict(user, action)``; nothing else decides visibility.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, WORKER_ROLES, Role

ACTIONS = ("view", "add", "change", "delete")


@dataclass(frozen=True)
class ScopeRule:
    """How a model's rows are placed in a user's scope.

    region: lookups from the model to a ``Region`` (``""`` when the model is the region itself); a row is
        in a region user's scope when any of them lies at or below the user's scope region.
    agency: lookup from the model to an ``Agency`` (``""`` for the agency itself); agency staff see rows
        of their own agency only. ``None``: agency staff see nothing of this model.
    evaluator: lookup from the model to the evaluator ``User``; evaluators see only rows assigned to them.
    view/add/change/delete: the roles allowed each action (within their scope).
    distinct: the lookups cross a many-valued relation, so the result needs ``distinct()``.
    """

    region: tuple[str, ...] = ("region",)
    agency: str | None = None
    evaluator: str | None = None
    view: frozenset = field(default=REGION_ROLES)
    add: frozenset = field(default=WORKER_ROLES)
    change: frozenset = field(default=WORKER_ROLES)
    delete: frozenset = field(default=WORKER_ROLES)
    distinct: bool = False

    def roles(self, action: str) -> frozenset:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        roles = getattr(self, action)
        if action == "view":
            # Agency staff and evaluators see a model only when it says how they are party to it.
            if self.agency is not None:
                roles = roles | {Role.AGENCY_STAFF}
            if self.evaluator is not None:
                roles = roles | {Role.EVALUATOR}
        return roles


def _lookup(prefix: str, suffix: str) -> str:
    return f"{prefix}__{suffix}" if prefix else suffix


def user_can(user, model, action: str) -> bool:
    """Whether the user's role may take this action on this model at all (rows still need ``restrict``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    rule: ScopeRule = model.scope_rule
    return user.role in rule.roles(action)


def scope_q(model, user, action: str = "view") -> Q | None:
    """The rows of ``model`` the user may take ``action`` on, as a ``Q``; ``None`` means no rows."""
    if not user_can(user, model, action):
        return None
    if user.is_superuser:
        return Q()
    rule: ScopeRule = model.scope_rule
    if user.role in REGION_ROLES:
        path = user.scope_path
        if not path or not rule.region:
            return None
        q = Q()
        for lookup in rule.region:
            q |= Q(**{_lookup(lookup, "path__startswith"): path})
        return q
    if user.role == Role.AGENCY_STAFF:
        if rule.agency is None or not user.agency_id:
            return None
        return Q(**{_lookup(rule.agency, "pk") if rule.agency else "pk": user.agency_id})
    if user.role == Role.EVALUATOR:
        if rule.evaluator is None:
            return None
        return Q(**{_lookup(rule.evaluator, "pk"): user.pk})
    return None


class ScopedQuerySetMixin:
    def restrict(self, user, action: str = "view"):
        """Only the rows ``user`` may take ``action`` on."""
        q = scope_q(self.model, user, action)
        if q is None:
            return self.none()
        qs = self.filter(q)
        if self.model.scope_rule.distinct:
            qs = qs.distinct()
        return qs


class ScopedQuerySet(ScopedQuerySetMixin, models.QuerySet):
    pass


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


class ScopedModel(PageUrlsMixin, models.Model):
    """Base of every domain model: scope rule, timestamps, and URLs by naming convention."""

    scope_rule = ScopeRule()

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
