"""Navigation: each app lists its pages in ``<app>/navigation.py`` as ``MENU``; a user sees a page when
their role may view its model (no query is needed to decide)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise

from wulian.models.base import user_can


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    model: type | None = None
    icon: str = "bi-circle"
    # Only these roles (in addition to the model's view rule), e.g. a page for leaders.
    roles: frozenset | None = None
    # Roles that do not need this page day to day (a community worker's menu stays short).
    hidden_for: frozenset = frozenset()

    def visible_to(self, user) -> bool:
        if self.roles is not None and not user.is_superuser and user.role not in self.roles:
            return False
        if user.role in self.hidden_for:
            return False
        if self.model is None:
            return True
        return user_can(user, self.model, "view")


@dataclass(frozen=True)
class Menu:
    label: str | Promise
    icon: str
    items: list[MenuItem] = field(default_factory=list)
    order: int = 50


@dataclass(frozen=True)
class HomeStat:
    """A figure on a role's home page, e.g. "stations short of the standard: 7", linking to the list."""

    label: str | Promise
    value: object
    url: str = ""
    tone: str = "secondary"  # a Bootstrap colour: "danger" when something needs doing
    hint: str | Promise = ""


def _navigation_modules():
    for app in settings.WULIAN_DOMAIN_APPS:
        try:
            yield import_module(f"{app}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.navigation":
                raise


def menus() -> list[Menu]:
    found = []
    for module in _navigation_modules():
        found.extend(getattr(module, "MENUS", []))
    return sorted(found, key=lambda m: m.order)


@dataclass(frozen=True)
class HomeAction:
    """One of the role's frequent tasks on its home page, e.g. "log an activity"."""

    label: str | Promise
    url: str
    icon: str = "bi-plus-lg"
    # Only for these roles (the superuser sees all); ``None``: every role the page's own rule admits.
    roles: frozenset | None = None
    # Lower comes first: recording the day's work before reading overviews.
    weight: int = 50

    def visible_to(self, user) -> bool:
        return self.roles is None or user.is_superuser or user.role in self.roles


# A home page offers the role's few frequent tasks, not the whole menu again.
HOME_ACTIONS_MAX = 8


def _collect(user, hook: str) -> list:
    found = []
    for module in _navigation_modules():
        provider = getattr(module, hook, None)
        if provider is not None:
            found.extend(provider(user))
    return found


def collect_home_stats(user) -> list[HomeStat]:
    """Each app's ``home_stats(user)`` figures, in app order; each app keeps its own queries bounded."""
    return _collect(user, "home_stats")


def collect_home_actions(user) -> list[HomeAction]:
    """Each app's ``home_actions(user)`` tasks the role may do, at most ``HOME_ACTIONS_MAX`` (no queries)."""
    found = _collect(user, "home_actions") + _core_home_actions(user)
    return sorted((a for a in found if a.visible_to(user)), key=lambda a: a.weight)[:HOME_ACTIONS_MAX]


def menus_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    out = []
    for menu in menus():
        items = [
            {"label": item.label, "url": reverse(item.url_name), "icon": item.icon, "item": item}
            for item in menu.items
            if item.visible_to(user)
        ]
        if items:
            out.append({"label": menu.label, "icon": menu.icon, "items": items})
    return out


def _core_menus():
    from django.utils.translation import gettext_lazy as _

    from wulian.choices import REGION_ROLES, Role
    from wulian.models import AccessLog, AuditEvent, Region, User

    local = frozenset({Role.COMMUNITY_WORKER})

    return [
        Menu(
            _("Reports"),
            "bi-file-earmark-bar-graph",
            [
                MenuItem(_("Dashboard"), "wulian:dashboard", None, "bi-speedometer2", roles=REGION_ROLES),
                MenuItem(
                    _("Report centre"), "wulian:report_center", None, "bi-download",
                    hidden_for=frozenset({Role.EVALUATOR}),
                ),
            ],
            order=80,
        ),
        Menu(
            _("System"),
            "bi-gear",
            [
                MenuItem(_("Regions"), "wulian:region_list", Region, "bi-map", hidden_for=local),
                MenuItem(_("Accounts"), "wulian:user_list", User, "bi-person-gear"),
                MenuItem(_("Access log"), "wulian:accesslog_list", AccessLog, "bi-shield-check", hidden_for=local),
                MenuItem(_("Audit trail"), "wulian:auditevent_list", AuditEvent, "bi-journal-lock"),
                MenuItem(_("Account security"), "account_security", None, "bi-key"),
            ],
            order=90,
        ),
    ]


MENUS = _core_menus()


def home_stats(user):
    """What waits in the core: the user's own reports that failed in the last week."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.translation import gettext_lazy as _

    from wulian.models import ReportJob
    from wulian.models.reports import ReportStatus

    failed = ReportJob.objects.filter(
        user=user, status=ReportStatus.FAILED, created_at__gte=timezone.now() - timedelta(days=7)
    ).count()
    if not failed:
        return []
    return [HomeStat(_("Reports that failed this week"), failed, reverse("wulian:report_center"), "danger")]


def _core_home_actions(user):
    """The core's tasks, after the apps' (an account or a report is rarer than logging work)."""
    from django.utils.translation import gettext_lazy as _

    from wulian.choices import Role
    from wulian.models import User
    from wulian.models.base import user_can

    actions = []
    if user_can(user, User, "add"):
        actions.append(HomeAction(_("Open an account"), reverse("wulian:user_add"), "bi-person-plus", weight=80))
    actions.append(
        HomeAction(
            _("Report centre"), reverse("wulian:report_center"), "bi-download",
            roles=frozenset({Role.BUREAU_ADMIN, Role.LEADER}), weight=90,
        )
    )
    return actions
