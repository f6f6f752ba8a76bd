"""Reports of the stations app, built by the report pipeline (wulian.reports)."""

import calendar
import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel
from wulian.exports import Column, Kind, write_workbook
from wulian.attainment import TargetBook
from wulian.models import Region
from wulian.reports import region_label, register, report_region

from .choices import ActivityKind, StationTier
from .compliance import assess, standard_of
from .models import Activity, Station


@register(
    "station_compliance",
    gettext_lazy("Station compliance"),
    "xlsx",
    params=("region",),
    model=Station,
    description=gettext_lazy(
        "Every station in your area against its tier's standard (area, rooms, equipment, staff), with what is missing."
    ),
)
def station_compliance(job, handle, progress):
    region = report_region(job)
    stations = Station.objects.restrict(job.user)
    if region is not None:
        stations = stations.filter(region__path__startswith=region.path)
    stations = (
        stations
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
    return f"{_('Station compliance')}-{region_label(region)}.xlsx"


def town_of(region, towns: dict) -> str:
    """The name of the town (street) a region lies in; a county-level region is named itself."""
    if region.level < RegionLevel.TOWN:
        return region.name
    return towns.get(region.ancestor_path(RegionLevel.TOWN), "")


@register(
    "station_ledger",
    gettext_lazy("Monthly station activity ledger"),
    "xlsx",
    params=("region", "year", "month"),
    model=Activity,
    description=gettext_lazy(
        "Per station of the area, the month's log entries by type, participants, volunteers and hours, with "
        "town subtotals; the entries themselves on a second sheet."
    ),
)
def station_ledger(job, handle, progress):
    """工作台账月报: one summary sheet (stations grouped by town, a subtotal per town, a total) and the entries."""
    region = report_region(job)
    year, month = int(job.params["year"]), int(job.params["month"])
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    stations = Station.objects.restrict(job.user).select_related("region")
    entries = Activity.objects.restrict(job.user).filter(date__gte=first, date__lte=last)
    if region is not None:
        stations = stations.filter(region__path__startswith=region.path)
        entries = entries.filter(region__path__startswith=region.path)
    stations = list(stations.order_by("region__path", "name"))
    kinds = list(ActivityKind)
    progress.stage(_("Counting the month's entries"), 0, 10)
    figures = {
        row["station_id"]: row
        for row in entries.order_by().values("station_id").annotate(
            total=Count("pk"),
            participants=Sum("participants"),
            volunteers=Sum("volunteers"),
            hours=Sum("hours"),
            **{f"n_{kind.value}": Count("pk", filter=Q(kind=kind.value)) for kind in kinds},
        )
    }
    towns = dict(Region.objects.filter(level=RegionLevel.TOWN).values_list("path", "name"))
    entry_count = entries.count()
    total_work = len(stations) + entry_count
    keys = [f"n_{kind.value}" for kind in kinds] + ["total", "participants", "volunteers", "hours"]

    def zero():
        return {key: Decimal(0) if key == "hours" else 0 for key in keys}

    def figures_of(station):
        row = figures.get(station.pk) or {}
        return {key: (row.get(key) or (Decimal(0) if key == "hours" else 0)) for key in keys}

    def summary_rows():
        progress.stage(_("Writing the stations"), 10, 40)
        grand = zero()
        current_town, subtotal, in_town = None, zero(), 0
        for done, station in enumerate(stations, start=1):
            town = town_of(station.region, towns)
            if current_town is not None and town != current_town:
                yield [current_town, _("Subtotal (%(n)d stations)") % {"n": in_town}, "", *subtotal.values()]
                subtotal, in_town = zero(), 0
            current_town = town
            values = figures_of(station)
            for key in keys:
                subtotal[key] += values[key]
                grand[key] += values[key]
            in_town += 1
            progress(done, total_work)
            yield [town, station.name, station.get_tier_display(), *values.values()]
        if current_town is not None:
            yield [current_town, _("Subtotal (%(n)d stations)") % {"n": in_town}, "", *subtotal.values()]
        yield [_("Total"), _("%(n)d stations") % {"n": len(stations)}, "", *grand.values()]

    def entry_rows():
        progress.stage(_("Writing the entries"), 40, 99)
        rows = entries.select_related("station", "region").order_by("date", "station__name", "pk")
        for done, entry in enumerate(rows.iterator(chunk_size=1000), start=1):
            progress(done, entry_count)
            yield [
                entry.date,
                town_of(entry.region, towns),
                entry.station.name,
                entry.get_kind_display(),
                entry.title,
                entry.place,
                entry.get_domain_display(),
                entry.participants,
                entry.volunteers,
                entry.hours,
            ]

    summary_title = _("Ledger by station")
    entries_title = _("Entries")
    headers = [
        _("Town/Street"), _("Station"), _("tier"), *[Column(str(kind.label), Kind.INTEGER) for kind in kinds],
        Column(_("Entries"), Kind.INTEGER), Column(_("participants"), Kind.INTEGER),
        Column(_("volunteers involved"), Kind.INTEGER), Column(_("hours"), Kind.NUMBER),
    ]
    entry_headers = [
        Column(_("date"), Kind.DATE), _("Town/Street"), _("Station"), _("type"), _("subject"), _("place"),
        _("service domain"), Column(_("participants"), Kind.INTEGER), Column(_("volunteers involved"), Kind.INTEGER),
        Column(_("hours"), Kind.NUMBER),
    ]
    write_workbook(
        handle,
        [(summary_title, headers, summary_rows()), (entries_title, entry_headers, entry_rows())],
        widths={summary_title: [14, 26, 16]},
    )
    return f"{_('Monthly station activity ledger')}-{region_label(region)}-{year}年{month}月.xlsx"
