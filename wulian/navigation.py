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

    def visible_to(self, user) -> bool:
        if self.roles is not None and not user.is_superuser and user.role not in self.roles:
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
    """A button at the top of a role's home page for the most frequent task, e.g. "log an activity"."""

    label: str | Promise
    url: str
    icon: str = "bi-plus-lg"


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
    """Each app's ``home_actions(user)`` buttons (no queries: role checks only)."""
    return _collect(user, "home_actions")


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

    from wulian.models import AccessLog, Region, User

    return [
        Menu(
            _("Reports"),
            "bi-file-earmark-bar-graph",
            [MenuItem(_("Report centre"), "wulian:report_center", None, "bi-download")],
            order=80,
        ),
        Menu(
            _("System"),
            "bi-gear",
            [
                MenuItem(_("Regions"), "wulian:region_list", Region, "bi-map"),
                MenuItem(_("Accounts"), "wulian:user_list", User, "bi-person-gear"),
                MenuItem(_("Access log"), "wulian:accesslog_list", AccessLog, "bi-shield-check"),
            ],
            order=90,
        ),
    ]


MENUS = _core_menus()
