"""The dashboard pages: the overview of a region of the user's scope for a year, and "refresh now"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.choices import REGION_ROLES, Role
from wulian.dashboard import overview
from wulian.indicators import with_query
from wulian.models import Region

# Who may ask for the summaries to be computed again at once (the rest wait for the hourly run).
REFRESH_ROLES = frozenset({Role.BUREAU_ADMIN})
# Roles that land on the dashboard (their home page shows it under their frequent tasks).
LANDING_ROLES = frozenset({Role.LEADER, Role.BUREAU_ADMIN})
YEARS = range(2015, 2101)


def may_view(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in REGION_ROLES)


def may_refresh(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in REFRESH_ROLES)


def scope_root(user) -> Region | None:
    if user.region_id:
        return user.region
    return Region.objects.order_by("path").first() if user.is_superuser else None


def chosen_region(request) -> Region:
    """The region asked for (``?region=``), which must lie in the user's scope; else the scope's own region."""
    user = request.user
    raw = request.GET.get("region", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        region = Region.objects.restrict(user).filter(pk=int(raw)).first()
        if region is None:
            raise Http404
        return region
    root = scope_root(user)
    if root is None:
        raise Http404
    return root


def chosen_year(request, data=None) -> int:
    raw = (request.GET if data is None else data).get("year", "")
    if raw.isdigit() and int(raw) in YEARS:
        return int(raw)
    return timezone.localdate().year


def breadcrumbs(user, region: Region) -> list[Region]:
    """The regions from the user's scope down to ``region`` (one query)."""
    root = scope_root(user)
    prefixes = [p for p in region.ancestors_path_prefixes() if root is None or p.startswith(root.path)]
    above = list(Region.objects.filter(path__in=prefixes).order_by("path")) if prefixes else []
    return [*above, region]


def dashboard_url(region: Region, year: int) -> str:
    return with_query(reverse("wulian:dashboard"), region=region.pk, year=year)


def ask_refresh(user, year: int) -> bool:
    """Queue a refresh of ``year`` unless one was queued in the last ten minutes; True when queued."""
    from wulian.tasks import refresh_summaries

    from wulian.celery import BrokerUnavailable, publish

    if not cache.add(f"dashboard-refresh-{year}", True, 600):
        return False
    try:
        publish(refresh_summaries, year, user.pk if user.is_authenticated else None)
    except BrokerUnavailable:
        cache.delete(f"dashboard-refresh-{year}")  # ask again on the next visit
        return None
    return True


def dashboard_context(request) -> dict:
    user = request.user
    region = chosen_region(request)
    year = chosen_year(request)
    page = request.GET.get("page")
    data = overview(user, region, year, page=page)
    queued = False
    if data.refreshed is None:
        # Nothing computed for this year yet: start it rather than show an empty page forever.
        queued = ask_refresh(user, year)
        if queued and data.refreshed is None:
            data = overview(user, region, year, page=page)  # an in-process (eager) run has finished already
    return {
        "dash": data,
        "page_url": dashboard_url(region, year),
        "crumbs": breadcrumbs(user, region),
        "may_refresh": may_refresh(user),
        "refresh_queued": queued and data.refreshed is None,
        "refresh_unavailable": queued is None,
        "chart_data": chart_data(data),
        "ranking_url": ranking_url(data),
        "ranking_bottom_start": data.ranking_count - len(data.ranking_bottom) + 1,
    }


def ranking_url(data) -> str:
    """The complete ranking the panel is the top (and bottom) of: same area, level and year, same order."""
    return with_query(reverse("wulian:ranking_list"), region=data.region.pk, level=data.ranking_level or "",
                      year=data.year)


def chart_data(data) -> dict:
    """What ``static/js/dashboard.js`` draws, with the URL each bar or point opens."""
    ranking = [
        {
            "label": t.region.name,
            "value": float(t.share) if t.share is not None else None,
            "met": t.met,
            "counted": t.counted,
            "url": dashboard_url(t.region, data.year),
        }
        for t in [*data.ranking, *data.ranking_bottom]
    ]
    series = [
        {
            "code": view.series.code,
            "title": str(view.series.title),
            "kind": view.series.kind,
            "unit": view.series.unit,
            "points": [
                {"label": p["label"], "value": float(p["value"]), "url": p["url"] or ""} for p in view.points
            ],
        }
        for view in data.series
        if view.series.kind in ("bar", "line")
    ]
    return {"ranking": ranking, "series": series, "labels": {"share": _("Targets met (%)")}}


@login_required
def dashboard(request):
    if not may_view(request.user):
        raise Http404
    if request.GET.get("embed") or request.headers.get("HX-Request"):
        # The home page's slot: the dashboard alone, without the page around it.
        return render(request, "wulian/dashboard/body.html", dashboard_context(request))
    return render(request, "wulian/dashboard.html", dashboard_context(request))


@login_required
@require_POST
def refresh_now(request):
    """Recompute the year's summaries (in the background when a worker runs) and come back."""
    if not may_refresh(request.user):
        raise PermissionDenied
    year = chosen_year(request, request.POST)
    from wulian.tasks import refresh_summaries

    from wulian.celery import BrokerUnavailable, publish

    cache.delete(f"dashboard-refresh-{year}")
    try:
        publish(refresh_summaries, year, request.user.pk)
    except BrokerUnavailable:
        messages.error(request, broker_down_figures())
    else:
        messages.success(request, _("The figures of %(year)s are being computed again; reload the page in a minute.") % {"year": year})
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("wulian:dashboard")
    return HttpResponseRedirect(back)


def broker_down_figures() -> str:
    return _("The figures cannot be computed at the moment: the background service is not available. Try again in "
             "a few minutes, or tell the administrator.")
