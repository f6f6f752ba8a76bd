"""Reports of the stations app, built by the report pipeline (wulian.reports)."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel
from wulian.exports import Column, Kind, write_workbook
from wulian.attainment import TargetBook
from wulian.models import Region
from wulian.reports import register

from .choices import StationTier
from .compliance import assess, standard_of
from .models import Station


@register(
    "station_compliance",
    gettext_lazy("Station compliance"),
    "xlsx",
    model=Station,
    description=gettext_lazy(
        "Every station in your area against its tier's standard (area, rooms, equipment, staff), with what is missing."
    ),
)
def station_compliance(job, handle, progress):
    stations = (
        Station.objects.restrict(job.user)
        .with_compliance()
        .select_related("region")
        .order_by("region__path", "tier")
    )
    total = stations.count()
    towns = dict(Region.objects.filter(level=RegionLevel.TOWN).values_list("path", "name"))
    by_tier = Counter()
    ok_by_tier = Counter()
    unmeasured_by_tier = Counter()
    # Each station against the targets of its own region's policy profile, read once for the whole report.
    book = TargetBook()

    def rows():
        for done, station in enumerate(stations.iterator(chunk_size=500), start=1):
            progress(done, total)
            by_tier[station.tier] += 1
            if standard_of(station, book) is None:
                unmeasured_by_tier[station.tier] += 1
                ok, checks, verdict = None, [], _("No standard")
            else:
                checks = assess(station, book)
                ok = all(c.ok for c in checks)
                ok_by_tier[station.tier] += ok
                verdict = _("Compliant") if ok else _("Not compliant")
            missing = "；".join(
                _("%(label)s (required %(required)s, actual %(actual)s)")
                % {"label": c.label, "required": c.required, "actual": c.actual}
                for c in checks
                if not c.ok
            )
            yield [
                towns.get(station.region.ancestor_path(RegionLevel.TOWN), ""),
                station.name,
                station.get_tier_display(),
                station.region.name,
                station.office_area,
                station.resident_staff_count,
                station.professional_count,
                verdict,
                missing,
            ]

    headers = [
        _("Town/Street"), _("Station"), _("tier"), _("region"), _("office area (m²)"), _("Resident staff"),
        _("Professional social workers among them"), _("Compliance"), _("What is missing"),
    ]

    def summary():
        for tier in StationTier:
            n = by_tier[tier.value]
            ok = ok_by_tier[tier.value]
            unmeasured = unmeasured_by_tier[tier.value]
            measured = n - unmeasured
            yield [tier.label, n, ok, measured - ok, unmeasured, ok / measured if measured else None]

    write_workbook(
        handle,
        [
            (_("Station compliance"), headers, rows()),
            # The summary is written after the rows, so its counters are complete.
            (_("Summary"), [_("tier"), _("Stations"), _("Compliant"), _("Not compliant"), _("No standard"), Column(_("Rate"), Kind.PERCENT)], summary()),
        ],
        widths={_("Station compliance"): [14, 26, 24, 14, 12, 10, 12, 10, 70]},
    )
    scope = job.user.region.name if job.user.region_id else _("all")
    return f"{_('Station compliance')}-{scope}.xlsx"
