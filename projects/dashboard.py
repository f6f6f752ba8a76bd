"""The projects' series on the leader's dashboard (``wulian.dashboard``): the pipeline by step and what is overdue.

Each figure is one grouped query over the whole installation, summed up the region tree by the refresh; the
dashboard links each to the project list filtered the same way (once the list pages exist).
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.dashboard import Series, register_series
from wulian.indicators import with_query

from .choices import ProjectStatus
from .models import Milestone, Project, Rectification


def list_url(name: str, **params) -> str | None:
    try:
        return with_query(reverse(name), **params)
    except NoReverseMatch:
        return None


def has_pages() -> bool:
    """The dashboard names projects once their list page exists (nothing to click through to before)."""
    return list_url("projects:project_list") is not None


def pipeline(year: int):
    """Projects of the fiscal year per region and step."""
    rows = Project.objects.filter(year=year).values_list("region", "status").annotate(n=Count("pk")).order_by()
    yield from rows


OVERDUE = [
    ("award", _("Bids closed, no agency chosen")),
    ("supervision", _("Mid-term supervision overdue")),
    ("contract_ended", _("Agreement ended, not yet evaluated")),
    ("rectification", _("Rectifications overdue")),
    ("milestone", _("Projects with milestones overdue")),
]


def overdue(year: int):
    """What is overdue today, per region (only for the current year: a past year has no "today")."""
    today = timezone.localdate()
    if year != today.year:
        return
    projects = Project.objects.all()
    for key, queryset, lookup in (
        ("award", projects.award_overdue(), "region"),
        ("supervision", projects.supervision_overdue(today), "region"),
        ("contract_ended", projects.contract_ended(today), "region"),
        ("rectification", Rectification.objects.overdue(today), "evaluation__project__region"),
        # Projects, not milestones: the figure links to the projects that have one overdue.
        ("milestone", projects.filter(pk__in=Milestone.objects.overdue(today).values("project_id")), "region"),
    ):
        for region_id, n in queryset.values_list(lookup).annotate(n=Count("pk")).order_by():
            yield region_id, key, n


def overdue_link(region, year, key):
    """Each 逾期事项 figure opens exactly its rows: rectification items on their list, projects on theirs."""
    if key == "rectification":
        return list_url("projects:rectification_list", region=region.pk, overdue="true")
    return list_url("projects:project_list", region=region.pk, overdue=key)


register_series(
    Series(
        "projects.status", _("Service projects by step"), categories=lambda: list(ProjectStatus.choices),
        compute=pipeline, kind="bar", unit="个", order=10, shown=has_pages,
        link=lambda region, year, status: list_url("projects:project_list", region=region.pk, year=year, status=status),
    )
)
register_series(
    Series(
        "projects.overdue", _("Overdue items"), categories=lambda: OVERDUE, compute=overdue, kind="list", order=30,
        shown=has_pages,
        link=overdue_link,
    )
)
