"""The complete ranking behind the dashboard's ranking panel (issue 22 item 7): every region of the ranked level
under an area, by share of targets met, as the last refresh counted them — a paged, sortable, exportable list.
The panel shows its top and bottom ten; 「查看全部 N 个」 opens this list with the same rows in the same order."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.dashboard import BEST_FIRST, ranked
from wulian.filtersets import RegionFilter, ScopedFilterSet
from wulian.models import Region
from wulian.tables import ObjectTable
from wulian.views import generic

LEVEL_CHOICES = [(RegionLevel.TOWN, RegionLevel.TOWN.label), (RegionLevel.COMMUNITY, RegionLevel.COMMUNITY.label)]


def year_of(data) -> int:
    raw = (data or {}).get("year", "")
    return int(raw) if str(raw).isdigit() else timezone.localdate().year


class RankingFilterSet(ScopedFilterSet):
    region = RegionFilter(lookup="", label=_("Region"), queryset=Region.objects.filter(level__lt=RegionLevel.COMMUNITY))
    year = django_filters.NumberFilter(label=_("year"), method="filter_nothing")
    level = django_filters.ChoiceFilter(choices=LEVEL_CHOICES, label="级别")

    class Meta:
        model = Region
        fields = ["region", "year", "level"]

    def filter_nothing(self, queryset, name, value):
        return queryset  # the year chooses the figures (the view's queryset), not rows


class RankingTable(ObjectTable):
    rank = tables.Column(verbose_name="名次", empty_values=(), orderable=False)
    name = tables.Column(verbose_name=_("Region"), order_by=("path",))
    share = tables.Column(verbose_name="达成率", order_by=("rank",), empty_values=())
    met = tables.Column(verbose_name="已达成", order_by=("-met", "path"))
    not_met = tables.Column(verbose_name="未达成", order_by=("-not_met", "path"))
    no_data = tables.Column(verbose_name="暂无数据", order_by=("-no_data", "path"))

    class Meta(ObjectTable.Meta):
        model = Region
        fields = ("rank", "name", "share", "met", "not_met", "no_data")
        order_by = ("share",)

    def render_rank(self, record):
        return record.rank

    def value_rank(self, record):
        return record.rank

    def render_share(self, record):
        from wulian.templatetags.wulian import number

        return "暂无数据" if record.share is None else f"{number(record.share)}%"

    def value_share(self, value):
        return value


class RankingListView(generic.ObjectListView):
    model = Region
    table_class = RankingTable
    filterset_class = RankingFilterSet
    title = "达成率排名"
    action_buttons = ("export",)

    def base_queryset(self):
        return ranked(year_of(self.request.GET)).order_by(*BEST_FIRST)

    def _url(self, action: str):
        # A ranking is read, not added to: no 「新增」 (the regions' own list adds regions).
        return None if action == "add" else super()._url(action)
