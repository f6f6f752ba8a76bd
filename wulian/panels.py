"""Panels one app adds to the detail page of a model it does not own, so that neither app imports the other.

The app that has something to say about a record (stations: where an agency is stationed and the training it
received) registers a panel for the model from its ``AppConfig.ready()``; the page that shows the record
renders every registered panel, in order, under its own content. The page's app never names the other app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class DetailPanel:
    """A block of a detail page: a template and the function that gives its context for one record.

    ``context(request, obj)`` returns the template's context (``object`` is always there); it must scope
    whatever it lists with ``restrict(request.user, ...)`` and keep its queries bounded.
    """

    template_name: str
    context: Callable[..., dict]
    order: int = 50


_PANELS: dict[str, list[DetailPanel]] = {}


def register_panel(model, panel: DetailPanel) -> None:
    panels = _PANELS.setdefault(model._meta.label_lower, [])
    if panel not in panels:  # ready() may run more than once in tests
        panels.append(panel)
        panels.sort(key=lambda p: p.order)


def panels_for(model) -> list[DetailPanel]:
    return list(_PANELS.get(model._meta.label_lower, []))


def render_panels(request, obj) -> list[str]:
    """The HTML of every panel registered for ``obj``'s model, in order."""
    return [
        render_to_string(panel.template_name, {"object": obj, **panel.context(request, obj)}, request=request)
        for panel in panels_for(type(obj))
    ]


# -- home pages ----------------------------------------------------------------------------------------------
# An app adds a block to the home page of some roles (the agency's open tenders, the evaluator's assigned
# projects) the same way: a template and a context function, here of the request alone.
_HOME_PANELS: list[tuple[frozenset, DetailPanel]] = []


def register_home_panel(roles, panel: DetailPanel) -> None:
    """Show ``panel`` on the home page of ``roles``; ``panel.context(request)`` scopes what it lists."""
    entry = (frozenset(roles), panel)
    if entry not in _HOME_PANELS:  # ready() may run more than once in tests
        _HOME_PANELS.append(entry)
        _HOME_PANELS.sort(key=lambda e: e[1].order)


def render_home_panels(request) -> list[str]:
    """The HTML of every home panel registered for the user's role, in order."""
    role = getattr(request.user, "role", "")
    return [
        render_to_string(panel.template_name, panel.context(request), request=request)
        for roles, panel in _HOME_PANELS
        if role in roles
    ]
