"""The annual target attainment report (年度目标达成情况): Excel and PDF, for the requester's area.

Both formats read the same ``AttainmentReport``: every accepted target of the area's policy document(s) for
every region of the requester's scope (county, towns, communities), evaluated afresh for the year through
``wulian.attainment.evaluate`` (one call per indicator and level for all regions) — not the dashboard's hourly
summary, since a report is a record of the year.

- Excel: a summary sheet (one row per region: targets met / not met / no data, share met) and one sheet per
  level with one row per (region, target): numbers as numbers, the status in words, the gap.
- PDF (A4): the same summary, two charts drawn server-side as SVG (``wulian.charts``: share of targets met
  by town, regions meeting each target), the table by town and every shortfall, with repeated headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.attainment import MET, NO_DATA, NOT_MET, TargetBook, evaluate
from wulian.choices import RegionLevel, Role
from wulian.exports import Column, Kind, write_workbook
from wulian.models import Region, Target
from wulian.models.targets import Comparator
from wulian.reports import register, registry, report_region

STATUS_LABELS = {MET: gettext_lazy("Met"), NOT_MET: gettext_lazy("Not met"), NO_DATA: gettext_lazy("No data")}
TENTH = Decimal("0.1")
# Who asks for it: the bureau, leaders and the towns (each for its own area).
REPORT_ROLES = frozenset({Role.BUREAU_ADMIN, Role.LEADER, Role.TOWN_STAFF})
# The PDF names this many shortfalls (a city has thousands; the Excel file lists them all).
PDF_SHORTFALLS = 60


@dataclass
class Line:
    """One target of one region."""

    region: Region
    town: Region | None
    target: Target
    label: str
    value: object
    status: str
    gap: Decimal | None
    due: bool

    @property
    def shown_value(self) -> str:
        from wulian.templatetags.wulian import number

        if self.value is None:
            return _("no data")
        if self.target.comparator == Comparator.PRESENT:
            return _("present") if self.value else _("absent")
        return f"{number(self.value)}{self.target.unit}"

    @property
    def numeric_value(self):
        if self.value is None:
            return None
        if isinstance(self.value, bool):
            return int(self.value)
        return Decimal(self.value)


@dataclass
class RegionTally:
    region: Region
    town: Region | None
    met: int = 0
    not_met: int = 0
    no_data: int = 0

    @property
    def applicable(self) -> int:
        return self.met + self.not_met + self.no_data

    @property
    def share(self) -> Decimal | None:
        counted = self.met + self.not_met
        if not counted:
            return None
        return (Decimal(self.met) * 100 / counted).quantize(TENTH, rounding=ROUND_HALF_UP)

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass
class AttainmentReport:
    year: int
    scope: Region | None
    profiles: list = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    tallies: list[RegionTally] = field(default_factory=list)  # own targets of each region, in path order
    areas: list[RegionTally] = field(default_factory=list)  # each town with its communities (and the county)

    @property
    def total(self) -> RegionTally:
        total = RegionTally(self.scope, None)
        for line in self.lines:
            total.add(line.status)
        return total

    def parts(self, level: int) -> list[RegionTally]:
        """The regions of ``level`` in the report, each with the targets of everything at or below it."""
        found: dict[str, RegionTally] = {}
        for tally in self.tallies:
            if tally.region.level < level:
                continue
            path = tally.region.ancestor_path(level)
            if path is None:
                continue
            if path not in found:
                found[path] = RegionTally(tally.region if tally.region.path == path else None, None)
            part = found[path]
            if tally.region.path == path:
                part.region = tally.region
            part.met += tally.met
            part.not_met += tally.not_met
            part.no_data += tally.no_data
        return [part for path, part in sorted(found.items()) if part.region is not None]

    def area_tally(self, region: Region) -> RegionTally:
        """The targets of ``region`` and of every region below it (the dashboard's 已达成 / 未达成 / 暂无数据)."""
        area = RegionTally(region, None)
        for tally in self.tallies:
            if tally.region.path.startswith(region.path):
                area.met += tally.met
                area.not_met += tally.not_met
                area.no_data += tally.no_data
        return area

    def lines_at(self, level: int) -> list[Line]:
        return [line for line in self.lines if line.region.level == level]

    @property
    def levels(self) -> list[int]:
        return sorted({line.region.level for line in self.lines})

    @property
    def shortfalls(self) -> list[Line]:
        return [line for line in self.lines if line.status == NOT_MET]

    def largest_shortfalls(self, limit: int = PDF_SHORTFALLS) -> list[Line]:
        """The targets due this year that fall furthest short, in percent of their threshold (the PDF lists
        these; the Excel file has every one)."""

        def how_far(line: Line) -> Decimal:
            target = line.target
            if target.comparator == Comparator.PRESENT or not target.threshold or line.gap is None:
                return Decimal(100)
            return Decimal(line.gap) * 100 / abs(target.threshold)

        due = [line for line in self.shortfalls if line.due]
        return sorted(due, key=lambda line: (-how_far(line), line.region.path))[:limit]

    def by_indicator(self) -> list[tuple[str, int, int]]:
        """(indicator label, regions meeting it, regions not meeting it), in the documents' order."""
        counts: dict[str, list[int]] = {}
        for line in self.lines:
            entry = counts.setdefault(line.label, [0, 0])
            if line.status == MET:
                entry[0] += 1
            elif line.status == NOT_MET:
                entry[1] += 1
        return [(label, met, short) for label, (met, short) in counts.items()]


def scope_regions(user, area: Region | None = None) -> tuple[Region | None, list[Region]]:
    """The area reported on (``area``, already checked to lie in the user's scope, or the user's scope region)
    and every region at or below it (superusers without an area: the whole tree)."""
    regions = Region.objects.restrict(user).order_by("path")
    scope = area if area is not None else (user.region if user.region_id else None)
    if scope is not None:
        regions = regions.filter(path__startswith=scope.path)
    return scope, list(regions)


def build(user, year: int, area: Region | None = None) -> AttainmentReport:
    from wulian import indicators

    scope, regions = scope_regions(user, area)
    book = TargetBook()
    by_path = {r.path: r for r in regions}
    report = AttainmentReport(year=year, scope=scope)
    profiles = {}
    tallies: dict[int, RegionTally] = {}
    for section in evaluate(regions, year, book):
        profiles[section.profile.pk] = section.profile
        for row in section.rows:
            town_path = row.region.ancestor_path(RegionLevel.TOWN)
            town = by_path.get(town_path) if town_path and row.region.level > RegionLevel.TOWN else None
            tally = tallies.setdefault(row.region.pk, RegionTally(row.region, town))
            for cell in row.cells:
                if cell is None:
                    continue
                report.lines.append(
                    Line(
                        region=row.region, town=town, target=cell.target, label=indicators.label(cell.target.indicator),
                        value=cell.value, status=cell.status, gap=cell.gap, due=cell.due,
                    )
                )
                tally.add(cell.status)
    report.profiles = list(profiles.values())
    report.tallies = sorted(tallies.values(), key=lambda t: t.region.path)
    # Areas: each town counts its own targets and its communities'; the county (or city) its own.
    areas: dict[str, RegionTally] = {}
    for tally in report.tallies:
        region = tally.region
        key_region = tally.town or region
        if region.level < RegionLevel.TOWN:
            key_region = region
        area = areas.setdefault(key_region.path, RegionTally(key_region, None))
        area.met += tally.met
        area.not_met += tally.not_met
        area.no_data += tally.no_data
    report.areas = [areas[path] for path in sorted(areas)]
    return report


def scope_name(report: AttainmentReport) -> str:
    return report.scope.name if report.scope else _("all")


# -- Excel ----------------------------------------------------------------------------------------------


def write_xlsx(report: AttainmentReport, handle, progress=None) -> int:
    summary_headers = [
        Column(_("Region"), Kind.TEXT), Column(_("level"), Kind.TEXT), Column(_("Town/Street"), Kind.TEXT),
        Column(_("Targets applicable"), Kind.INTEGER), Column(_("Met"), Kind.INTEGER),
        Column(_("Not met"), Kind.INTEGER), Column(_("No data"), Kind.INTEGER),
        Column(_("Share of targets met"), Kind.PERCENT),
    ]
    # Each region with everything at or below it, as the dashboard counts under the same words (issue 23 A).
    summary_rows = []
    for t in report.tallies:
        area = report.area_tally(t.region)
        summary_rows.append([
            t.region.name, t.region.get_level_display(), t.town.name if t.town else "", area.applicable, area.met,
            area.not_met, area.no_data, area.share / 100 if area.share is not None else None,
        ])
    detail_headers = [
        Column(_("Region"), Kind.TEXT), Column(_("Town/Street"), Kind.TEXT), Column(_("Policy document"), Kind.TEXT),
        Column(_("Indicator"), Kind.TEXT), Column(_("Applies to"), Kind.TEXT), Column(_("Requirement"), Kind.TEXT),
        Column(_("Threshold"), Kind.NUMBER), Column(_("Unit"), Kind.TEXT), Column(_("Value"), Kind.NUMBER),
        Column(_("Status"), Kind.TEXT), Column(_("Gap"), Kind.NUMBER), Column(_("Clause"), Kind.TEXT),
        Column(_("Deadline"), Kind.DATE),
    ]
    total = max(len(report.lines), 1)
    done = [0]

    def detail(level):
        for line in report.lines_at(level):
            done[0] += 1
            if progress:
                progress(done[0], total)
            target = line.target
            yield [
                line.region.name, line.town.name if line.town else "", target.profile.name, line.label,
                target.get_level_display(), target.requirement, target.threshold, target.unit, line.numeric_value,
                str(STATUS_LABELS[line.status]), line.gap, target.clause, target.deadline,
            ]

    sheets = [(_("Summary"), summary_headers, summary_rows)]
    for level in report.levels:
        sheets.append((str(RegionLevel(level).label), detail_headers, detail(level)))
    return write_workbook(handle, sheets)


# -- PDF ------------------------------------------------------------------------------------------------


def charts(report: AttainmentReport) -> dict:
    from wulian.charts import Bar, bar_chart

    # One bar per region of the level below the scope (the towns of a county, the counties of a city).
    level = min(RegionLevel.TOWN, report.scope.level + 1) if report.scope else RegionLevel.COUNTY
    parts = [a for a in report.parts(level) if a.share is not None]
    parts.sort(key=lambda a: (-a.share, a.region.path))
    share_chart = (
        bar_chart(
            [Bar(a.region.name, a.share, Decimal(100), "%") for a in parts[:30]],
            title=_("Share of targets met by %(level)s (%%)") % {"level": RegionLevel(level).label},
            row_height=6.5,
        )
        if parts
        else ""
    )
    by_indicator = report.by_indicator()
    indicator_chart = (
        bar_chart(
            [Bar(label, met, met + short, "") for label, met, short in by_indicator if met + short],
            title=_("Regions meeting each target (of those with data)"),
            label_width=62,
        )
        if by_indicator
        else ""
    )
    return {"share_chart": share_chart, "indicator_chart": indicator_chart}


def render_pdf_bytes(report: AttainmentReport, user=None) -> bytes:
    from wulian.pdf import render_pdf

    context = {
        "report": report,
        "total": report.total,
        "scope_name": scope_name(report),
        "generated": timezone.localtime(),
        "shortfalls": report.largest_shortfalls(),
        "by_indicator": report.by_indicator(),
        "user": user,
        **charts(report),
    }
    return render_pdf("wulian/pdf/attainment.html", context)


@register(
    "target_attainment",
    gettext_lazy("Annual target attainment"),
    "xlsx",
    formats=("xlsx", "pdf"),
    params=("region", "year"),
    model=Region,
    roles=REPORT_ROLES,
    description=gettext_lazy(
        "Every policy target of your area for each county, town and community: value, met or not, and the gap. "
        "Excel for the figures; PDF with charts, ready to print and file."
    ),
)
def target_attainment(job, handle, progress):
    year = int(job.params["year"])
    fmt = registry["target_attainment"].format_of(job)
    if fmt == "pdf":
        progress(0, 3)
    report = build(job.user, year, report_region(job))
    if fmt == "pdf":
        progress(1, 3)
        handle.write(render_pdf_bytes(report, job.user))
        progress(3, 3)
    else:
        write_xlsx(report, handle, progress)
    return f"{_('Target attainment')}-{scope_name(report)}-{year}.{fmt}"
