"""A figure and its list as one declaration (issue 23 A): the number a card shows is computed by the very list
page it links to — the page's own scope, filter set and quick filters — so it cannot count anything else.

    listed_stat(user, _("Activities logged this month"), "stations:activity_list", {"period": "month"})

gives a ``HomeStat`` whose value is the number of rows ``/stations/activities/?period=month`` shows that user
(or, with ``total="hours"``, what those rows add up to) and whose link is that address. The indicator registry
pairs a policy figure with its list the same way (``Indicator.link``); dashboard series name their list in
``Series.link``.
"""

from __future__ import annotations

from django.http import HttpRequest, QueryDict
from django.urls import resolve, reverse

from wulian.indicators import with_query
from wulian.navigation import HomeStat


def list_rows(user, url_name: str, params: dict | None = None):
    """The rows the list page ``url_name`` shows ``user`` with ``params`` in its query string."""
    request = HttpRequest()
    request.method = "GET"
    request.user = user
    request.GET = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        request.GET[key] = str(value)
    view = resolve(reverse(url_name)).func.view_class()
    view.setup(request)
    rows, _filterset = view.filtered(request)
    return rows


def listed_value(user, url_name: str, params: dict | None = None, *, total: str | None = None):
    rows = list_rows(user, url_name, params).order_by()
    if total is None:
        return rows.count()
    from django.db.models import Sum

    return rows.aggregate(total=Sum(total))["total"] or 0


def listed_stat(user, label, url_name: str, params: dict | None = None, *, total: str | None = None,
                tone: str | None = None, hint="", of=None) -> HomeStat:
    """A home-page figure: the rows (or their ``total``) of a list page, linking to that page.

    ``tone`` defaults to "secondary"; pass ``("warning", "secondary")`` to colour it only when non-zero.
    ``of``: a whole to show the figure against ("3 / 12").
    """
    value = listed_value(user, url_name, params, total=total)
    if isinstance(tone, tuple):
        tone = tone[0] if value else tone[1]
    shown = f"{value} / {of}" if of is not None else value
    return HomeStat(label, shown, with_query(reverse(url_name), **(params or {})), tone or "secondary", hint)
