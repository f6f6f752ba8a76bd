"""The complete ranking behind the dashboard's ranking panel (issue 22 item 7): every region of the ranked level
under an area, by share of targets met, as the last refresh counted them — a paged, sortable, exportable list.
The panel shows its top and bottom ten; 「查看全部 N 个」 opens this list with the same rows in the same order."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.dashboard import BEST_FIRST, ranked
from wulian.filtersets import RegionFilter, ScopedFilterSet
from wulian.models import Region
from wulian.tables import ObjectTable
from wulian.views import generic
from wulian.views.dashboard import scope_root

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

    def __init__(self, data=None, *args, request=None, **kwargs):
        # Opened bare (the menu, a bookmark) the list is the panel's: this year, and the level the user's own
        # dashboard ranks (the towns under a county or city, the communities of a town) — not every level mixed.
        # A level or year the user cleared on purpose (present but empty) stays as chosen.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if "year" not in data:
            data["year"] = str(timezone.localdate().year)
        if "level" not in data and request is not None:
            area = None
            if str(data.get("region", "")).isdigit():
                area = Region.objects.restrict(request.user).filter(pk=int(data["region"])).first()
            area = area or scope_root(request.user)
            if area is not None:
                data["level"] = str(RegionLevel.TOWN if area.level < RegionLevel.TOWN else RegionLevel.COMMUNITY)
        super().__init__(data, *args, request=request, **kwargs)

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
