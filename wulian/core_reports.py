"""Reports of the core."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel
from wulian.exports import write_workbook
from wulian.models import Region
from wulian.reports import register


@register("list_export", gettext_lazy("List export"), "xlsx", listed=False)
def list_export(job, handle, progress):
    """The export of a list page, too large to build during the request: same view, filters and scope."""
    from django.http import HttpRequest, QueryDict
    from django.utils.encoding import force_str
    from django.utils.module_loading import import_string

    from wulian.choices import AccessAction
    from wulian.exports import exportable_columns, iter_table_rows
    from wulian.models import AccessLog

    view_class = import_string(job.params["view"])
    request = HttpRequest()
    request.user = job.user
    request.GET = QueryDict(job.params.get("query", ""))
    view = view_class()
    view.setup(request)
    queryset, _filterset = view.filtered(request)
    table = view.table_class(queryset, user=job.user, request=request)
    columns = exportable_columns(table)
    total = queryset.count()
    title = view.verbose_name_plural
    rows = iter_table_rows(table, queryset, columns, progress=progress, total=total)
    count = write_workbook(handle, [(title, [force_str(c.header) for c in columns], rows)])
    AccessLog.record(request, AccessAction.EXPORT, view.model, row_count=count)
    return f"{title}.xlsx"


@register(
    "region_population",
    gettext_lazy("Regions and resident population"),
    "xlsx",
    model=Region,
    description=gettext_lazy("Every town and community in your area with its type and resident population."),
)
def region_population(job, handle, progress):
    regions = Region.objects.restrict(job.user).filter(level__gte=RegionLevel.TOWN).order_by("path")
    total = regions.count()
    towns = {r["path"]: r for r in regions.filter(level=RegionLevel.TOWN).values("path", "name")}

    def rows():
        done = 0
        for region in regions.iterator(chunk_size=500):
            done += 1
            progress(done, total)
            town = towns.get(region.ancestor_path(RegionLevel.TOWN)) if region.level > RegionLevel.TOWN else None
            yield [
                town["name"] if town else region.name,
                region.name if region.level == RegionLevel.COMMUNITY else "",
                region.get_level_display(),
                region.get_kind_display(),
                region.code,
                region.population,
            ]

    summary = regions.filter(level=RegionLevel.COMMUNITY).aggregate(
        urban=Count("pk", filter=Q(kind="urban")),
        rural=Count("pk", filter=Q(kind="rural")),
        population=Sum("population"),
    )
    headers = [_("Town/Street"), _("Community/Village"), _("level"), _("community kind"), _("division code"), _("resident population")]
    summary_rows = [
        [_("Urban communities"), summary["urban"]],
        [_("Rural villages"), summary["rural"]],
        [_("Resident population"), summary["population"] or 0],
    ]
    write_workbook(
        handle,
        [(_("Regions"), headers, rows()), (_("Summary"), [_("Item"), _("Value")], summary_rows)],
        widths={_("Regions"): [16, 16, 12, 14, 16, 12]},
    )
    scope = job.user.region.name if job.user.region_id else _("all")
    return f"{_('Regions and resident population')}-{scope}.xlsx"
