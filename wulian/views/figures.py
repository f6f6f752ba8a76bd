"""The rows behind the dashboard's tally (issue 23 A): 已达成 / 未达成 / 暂无数据 and 目标达成率 each open the
list of the target figures they count — every target of every region at or below the area, for the year, as
the last refresh computed them."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wulian.filtersets import RegionFilter, ScopedFilterSet
from wulian.models.summaries import AttainmentFigure, AttainmentStatus
from wulian.tables import ObjectTable
from wulian.views import generic

WITH_DATA = "counted"
STATUS_CHOICES = [*AttainmentStatus.choices, (WITH_DATA, _("Met or not met (with data)"))]


class AttainmentFigureFilterSet(ScopedFilterSet):
    region = RegionFilter(lookup="region")
    year = django_filters.NumberFilter(label=_("year"))
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, label=_("status"), method="filter_status")

    class Meta:
        model = AttainmentFigure
        fields = ["region", "year", "status"]

    def filter_status(self, queryset, name, value):
        if value == WITH_DATA:
            return queryset.exclude(status=AttainmentStatus.NO_DATA)
        return queryset.filter(status=value) if value else queryset


class AttainmentFigureTable(ObjectTable):
    region = tables.Column(verbose_name=_("Region"), order_by=("region__path",))
    indicator = tables.Column(verbose_name=_("Indicator"), empty_values=(), orderable=False)
    requirement = tables.Column(verbose_name=_("Requirement"), empty_values=(), orderable=False)
    value = tables.Column(verbose_name=_("Value"))
    status = tables.Column(verbose_name=_("status"))
    clause = tables.Column(verbose_name=_("Clause"), accessor="target__clause", orderable=False)

    class Meta(ObjectTable.Meta):
        model = AttainmentFigure
        fields = ("region", "indicator", "requirement", "value", "status", "clause")
        order_by = ("region",)

    def render_region(self, record):
        return record.region.name

    def render_indicator(self, record):
        return record.label

    def render_requirement(self, record):
        from wulian.dashboard import requirement

        return requirement(record.target)

    def render_value(self, record):
        from wulian.templatetags.wulian import number

        if record.value is None:
            return "—"
        return f"{number(record.value)} {record.target.unit}".strip()

    def value_requirement(self, record):
        return self.render_requirement(record)

    def value_indicator(self, record):
        return str(record.label)


class AttainmentFigureListView(generic.ObjectListView):
    model = AttainmentFigure
    queryset = AttainmentFigure.objects.select_related("region", "target")
    table_class = AttainmentFigureTable
    filterset_class = AttainmentFigureFilterSet
    title = _("Target figures")
    action_buttons = ("export",)
