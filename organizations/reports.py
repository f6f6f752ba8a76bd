"""Reports of the organizations app, built by the report pipeline (wulian.reports)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel
from wulian.exports import Column, Kind, write_workbook
from wulian.models import Region
from wulian.reports import region_label, register, report_region

from .models import SocialOrganization
from .summary import community_summary, sheet_headers, sheet_row


@register(
    "organization_summary",
    gettext_lazy("Community social organisations by community"),
    "xlsx",
    params=("region",),
    model=SocialOrganization,
    description=gettext_lazy(
        "Per community: organisations by category, registered and filed, the share of service kinds against "
        "the target; a second sheet sums them up per town."
    ),
)
def organization_summary(job, handle, progress):
    region = report_region(job)
    communities = Region.objects.restrict(job.user).filter(level=RegionLevel.COMMUNITY)
    if region is not None:
        communities = communities.filter(path__startswith=region.path)
    progress.stage(_("Counting the organisations"), 0, 40)
    rows = community_summary(communities)

    def community_rows():
        progress.stage(_("Writing the rows"), 40, 99)
        for done, r in enumerate(rows, start=1):
            progress(done, len(rows))
            yield sheet_row(r)

    def town_rows():
        towns: dict[str, dict] = {}
        for r in rows:
            town = towns.setdefault(
                r.town_name,
                {"communities": 0, "met": 0, "total": 0, "service": 0, "registered": 0, "filed": 0, "federation": r.town_has_federation},
            )
            town["communities"] += 1
            town["met"] += r.meets_targets
            for key in ("total", "service", "registered", "filed"):
                town[key] += getattr(r, key)
        for name, t in towns.items():
            share = t["service"] / t["total"] if t["total"] else None
            yield [name, t["communities"], t["met"], t["total"], t["registered"], t["filed"], t["service"], share, t["federation"]]

    by_community = _("Community social organisations by community")
    by_town = _("Summary by town")
    town_headers = [
        _("Town/Street"), Column(_("Communities"), Kind.INTEGER), Column(_("Communities meeting the targets"), Kind.INTEGER),
        Column(_("Total"), Kind.INTEGER), Column(_("Registered"), Kind.INTEGER), Column(_("Filed"), Kind.INTEGER),
        Column(_("Service kinds"), Kind.INTEGER), Column(_("Share of service kinds"), Kind.PERCENT),
        Column(_("Town federation"), Kind.YESNO),
    ]
    write_workbook(handle, [(by_community, sheet_headers(), community_rows()), (by_town, town_headers, town_rows())])
    return f"{_('Community social organisations')}-{region_label(region)}.xlsx"
