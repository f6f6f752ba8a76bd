"""Reports of the core."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel
from wulian.exports import write_workbook
from wulian.models import Region
from wulian.reports import register


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
            town = towns.get(region.path[: Region.steplen * RegionLevel.TOWN]) if region.level > RegionLevel.TOWN else None
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
