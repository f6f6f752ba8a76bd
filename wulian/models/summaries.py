"""Summary tables of the dashboard: figures computed once per refresh, read by every page view.

A leader's dashboard must not scan a million hour rows per request. A refresh (Celery beat, or "refresh now"
by the bureau) computes, for a year and the whole installation:

- ``AttainmentFigure``: per (region, year, target) — so per indicator and, for stations, per tier — the
  indicator's value, met / not met / no data, the gap and how far short in percent of the threshold, and the
  link to the rows it counts;
- ``DashboardFigure``: per (region, year, key) a number an app's dashboard series gives (projects by step,
  volunteer hours by month, overdue items), already summed up the region tree, and the region's tally of
  targets (``attainment.met``, ``attainment.not_met``, ``attainment.no_data``: at or below the region);
- ``SummaryRefresh``: when the year was last refreshed, how long it took and who asked.

Rows are written only by ``wulian.dashboard.refresh`` and read through ``restrict``: a user sees the
figures of the regions in their scope, nobody edits them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import NOBODY, REGION_ROLES

from .base import ScopedQuerySet, ScopeRule


class AttainmentStatus(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NO_DATA = "no_data", _("No data")


class AttainmentFigure(models.Model):
    """One target's value for one region and year, as of the last refresh."""

    scope_rule = ScopeRule(region=("region",), view=REGION_ROLES, add=NOBODY, change=NOBODY, delete=NOBODY)

    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.ForeignKey(
        "wulian.Target", verbose_name=_("target"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.CharField(_("indicator"), max_length=50)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AttainmentStatus.choices)
    gap = models.DecimalField(_("gap"), max_digits=16, decimal_places=2, null=True, blank=True)
    # The gap in percent of the threshold (100 for "must exist" and nothing there): gaps of different units
    # are ranked on this.
    shortfall = models.DecimalField(_("shortfall (%)"), max_digits=9, decimal_places=1, null=True, blank=True)
    due = models.BooleanField(_("due this year"), default=True)
    # Place among the year's due, unmet figures, largest shortfall first (empty for the others): the
    # dashboard's "largest shortfalls" of any area are the first rows of an index, not a sort of them all.
    shortfall_rank = models.PositiveIntegerField(_("shortfall rank"), null=True, blank=True, editable=False)
    url = models.CharField(_("rows counted"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attainment figure")
        verbose_name_plural = _("attainment figures")
        constraints = [models.UniqueConstraint(fields=["region", "year", "target"], name="attainment_figure_unique")]
        indexes = [
            models.Index(fields=["year", "status", "shortfall"]),
            models.Index(
                fields=["year", "shortfall_rank"], name="attainment_shortfall_rank",
                condition=models.Q(shortfall_rank__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.indicator} {self.status}"

    @property
    def label(self) -> str:
        from wulian import indicators

        if not self.indicator:  # a reported target: what the document says it measures
            return self.target.name
        return indicators.label(self.indicator)


class DashboardFigure(models.Model):
    """A number of a dashboard series (``key`` such as ``projects.status.in_service`` or
    ``volunteers.hours.03``) for one region and year, summed over everything below the region."""

    scope_rule = ScopeRule(region=("region",), view=REGION_ROLES, add=NOBODY, change=NOBODY, delete=NOBODY)

    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("figure"), max_length=80)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dashboard figure")
        verbose_name_plural = _("dashboard figures")
        constraints = [models.UniqueConstraint(fields=["region", "year", "key"], name="dashboard_figure_unique")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.key} = {self.value}"


class SummaryRefresh(models.Model):
    """When a year's summaries were last computed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))
    seconds = models.DecimalField(_("seconds taken"), max_digits=8, decimal_places=2, default=0)
    refreshed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("summary refresh")
        verbose_name_plural = _("summary refreshes")

    def __str__(self) -> str:
        return f"{self.year} @ {self.refreshed_at:%Y-%m-%d %H:%M}"
