"""Reports of the volunteers app, built by the report pipeline (wulian.reports)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel
from wulian.exports import Column, Kind, write_workbook
from wulian.models import Region
from wulian.reports import region_label, register, report_region

from .models import Volunteer
from .rates import rates_for


@register(
    "volunteer_indicators",
    gettext_lazy("Volunteer indicators"),
    "xlsx",
    params=("region", "year"),
    model=Volunteer,
    description=gettext_lazy(
        "Per town and community: registered volunteers against the resident population, the volunteers who "
        "served against those registered, activities and confirmed hours in the year."
    ),
)
def volunteer_indicators(job, handle, progress):
    """One row for the area (total), then each town followed by its communities; the figures are those of
    the volunteer indicators page (``volunteers.rates``), rates as numbers shown as percentages."""
    region = report_region(job)
    year = int(job.params["year"])
    roots = [region] if region is not None else list(Region.objects.filter(depth=1).order_by("path"))
    progress.stage(_("Computing the indicators"), 0, 60)
    rows = []
    for index, root in enumerate(roots, start=1):
        regions = list(
            Region.objects.filter(path__startswith=root.path, level__lte=RegionLevel.COMMUNITY).order_by("path")
        )
        rows.extend(rates_for(regions, root, year))
        progress(index, len(roots))
    towns = {r.region.path: r.region.name for r in rows if r.region.level == RegionLevel.TOWN}

    def sheet_rows():
        progress.stage(_("Writing the rows"), 60, 99)
        for done, row in enumerate(rows, start=1):
            progress(done, len(rows))
            place = row.region
            if place.level == RegionLevel.COMMUNITY:
                town, community = towns.get(place.ancestor_path(RegionLevel.TOWN), ""), place.name
            elif place.level == RegionLevel.TOWN:
                town, community = place.name, ""
            else:
                town, community = place.name, _("total")
            yield [
                town,
                community,
                place.get_level_display(),
                row.population,
                row.registered,
                row.registration_rate,
                row.participants,
                row.participation_rate,
                row.activities,
                row.hours,
            ]

    title = _("Volunteer indicators")
    headers = [
        _("Town/Street"), _("Community/Village"), _("level"),
        Column(_("resident population"), Kind.INTEGER), Column(_("registered volunteers"), Kind.INTEGER),
        Column(_("registration rate"), Kind.PERCENT), Column(_("volunteers who served"), Kind.INTEGER),
        Column(_("participation rate"), Kind.PERCENT), Column(_("activities"), Kind.INTEGER),
        Column(_("confirmed hours"), Kind.NUMBER),
    ]
    write_workbook(handle, [(f"{title} {year}", headers, sheet_rows())], widths={f"{title} {year}": [14, 16, 10]})
    return f"{title}-{region_label(region)}-{year}年.xlsx"
