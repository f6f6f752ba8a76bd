"""Attainment of the policy targets: which targets apply to a region, and how far each region is from them.

``TargetBook`` holds every accepted target of every active profile and the regions attached to them (three
queries, however many profiles, targets or regions); it answers, for any region, the profile it follows and
the one target of each indicator that applies to it:

- the target's level matches the region (a level of the tree, urban or rural communities, a station tier);
- a target naming regions (e.g. 首善街道 ≥ 2 agencies) applies only to them, and takes precedence over the
  general one of the same indicator and level (other towns ≥ 1); a target for urban or rural communities
  takes precedence over one for every community;
- a target's ``parameters["community_kind"]`` limits a station-tier target to urban or rural communities
  (眉县 funds urban community rooms only).

``attainment(parent, year)`` computes, for the parent and each region of the next level, the value of every
applicable target through the indicator registry — one call per indicator for all regions — with the
threshold, met / not met / no data, and the gap. Other modules ask ``target_for`` / ``threshold`` instead of
keeping copies of the policy figures.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from wulian import indicators
from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.models.targets import (
    TARGET_COMMUNITY_KIND,
    TARGET_REGION_LEVEL,
    PolicyProfile,
    Target,
    TargetLevel,
    TargetPeriod,
    TargetStatus,
    attachments,
    profile_of_path,
)

# Target levels measured on the regions of a tree level, regions first, then station tiers.
LEVELS_OF_REGION_LEVEL: dict[int, list[str]] = defaultdict(list)
for _level, _region_level in TARGET_REGION_LEVEL.items():
    LEVELS_OF_REGION_LEVEL[_region_level].append(_level.value)
STATION_LEVELS = {TargetLevel.STATION_COUNTY_HUB, TargetLevel.STATION_TOWN, TargetLevel.STATION_COMMUNITY}


def _specificity(target: Target) -> int:
    """Named regions beat urban/rural communities, which beat every community."""
    if target.named_ids:
        return 2
    if TARGET_COMMUNITY_KIND.get(TargetLevel(target.level)) or target.parameters.get("community_kind"):
        return 1
    return 0


class TargetBook:
    """Every accepted target of the active profiles and their regions, loaded once (three queries)."""

    def __init__(self):
        self.links = attachments()
        targets = (
            Target.objects.filter(status=TargetStatus.ACCEPTED, profile__is_active=True)
            .select_related("profile")
            .prefetch_related(Prefetch("regions", queryset=Region.objects.only("pk")))
            .order_by("profile_id", "position", "pk")
        )
        self.by_profile: dict[int, list[Target]] = defaultdict(list)
        # Regions some target names (首善街道): only for them does the answer depend on the region itself.
        self.named: set[int] = set()
        for target in targets:
            target.named_ids = frozenset(r.pk for r in target.regions.all())
            self.named |= target.named_ids
            self.by_profile[target.profile_id].append(target)
        # targets_for's answers: the same for every region of a profile, tree level and community kind (a page
        # of 900 communities asks it thousands of times).
        self._found: dict[tuple, list[Target]] = {}

    def profile_for(self, region: Region) -> PolicyProfile | None:
        return profile_of_path(region.path, self.links)

    def targets_for(self, region: Region, levels=None, indicator: str | None = None) -> list[Target]:
        """The accepted targets applying to ``region`` (one per indicator and level), in the document's order.

        ``levels``: the target levels to consider (default: every level measured on the region's tree level).
        """
        profile = self.profile_for(region)
        if profile is None:
            return []
        key = (
            profile.pk, region.level, region.kind, region.pk if region.pk in self.named else None,
            tuple(levels) if levels is not None else None, indicator,
        )
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._targets_for(profile, region, levels, indicator)
        return list(found)

    def _targets_for(self, profile, region: Region, levels, indicator: str | None) -> list[Target]:
        levels = set(levels if levels is not None else LEVELS_OF_REGION_LEVEL[region.level])
        best: dict[tuple, Target] = {}
        for target in self.by_profile.get(profile.pk, []):
            if target.level not in levels or (indicator and target.indicator != indicator):
                continue
            if not applies(target, region):
                continue
            key = (target.indicator, target.level in STATION_LEVELS and target.level)
            if not target.indicator:  # reported targets measure different things: each one stands
                key = ("report", target.pk)
            current = best.get(key)
            if current is None or _specificity(target) > _specificity(current):
                best[key] = target
        return sorted(best.values(), key=lambda t: (t.position, t.pk))

    def target_for(self, region: Region, code: str, level: str | None = None) -> Target | None:
        found = self.targets_for(region, [level] if level else None, indicator=code)
        return found[0] if found else None


def applies(target: Target, region: Region) -> bool:
    """Whether ``target`` may apply to ``region`` (level, community kind, named regions)."""
    if TARGET_REGION_LEVEL[TargetLevel(target.level)] != region.level:
        return False
    kind = TARGET_COMMUNITY_KIND.get(TargetLevel(target.level)) or target.parameters.get("community_kind", "")
    if kind and region.kind != kind:
        return False
    named = getattr(target, "named_ids", None)
    if named is None:
        named = frozenset(target.regions.values_list("pk", flat=True))
    return not named or region.pk in named


def target_for(region: Region, code: str, level: str | None = None) -> Target | None:
    """The accepted target of indicator ``code`` that applies to ``region`` under its profile; None when the
    region follows no profile or its document sets no such target (then there is no standard, not a guess).

    ``level`` picks a station tier (``"station_town"``…); by default the region's own level and kind decide.
    """
    return TargetBook().target_for(region, code, level)


def threshold(region: Region, code: str, year: int | None = None, level: str | None = None) -> Decimal | None:
    """The threshold of ``target_for(region, code, level)`` (percentages as 0–100), or None."""
    target = target_for(region, code, level)
    return None if target is None else target.threshold


def targets_for_regions(regions, code: str, level: str | None = None) -> dict[int, Target]:
    """``{region_id: target}`` of indicator ``code`` for many regions at once (three queries)."""
    book = TargetBook()
    found = {}
    for region in regions:
        target = book.target_for(region, code, level)
        if target is not None:
            found[region.pk] = target
    return found


def meets(targets: dict[str, Target], code: str, value) -> bool | None:
    """A figure against the target of indicator ``code`` in ``targets`` (code → the target applying to the row's
    region): True / False, or None without a target or without a figure. Percent targets are 0–100."""
    target = targets.get(code)
    if target is None or value is None:
        return None
    return bool(target.compare(value))


# -- the attainment table ---------------------------------------------------------------------------------

MET, NOT_MET, NO_DATA = "met", "not_met", "no_data"


@dataclass
class Cell:
    target: Target
    value: object
    status: str
    gap: Decimal | None
    url: str | None
    due: bool
    own_requirement: bool = True  # show the requirement in the cell (the column's regions differ)
    reported: bool = False  # a reported target (填报): the value is the latest entry for the region and year
    report: object = None  # that entry (TargetReport), None when nothing was entered
    overdue: bool = False  # reported, nothing entered, and the year (or the deadline) is over

    @property
    def pending(self) -> bool:
        """Not met yet, but its deadline has not come."""
        return self.status == NOT_MET and not self.due


@dataclass
class Row:
    region: Region
    cells: list  # aligned with the section's columns; None where no target applies
    drill: bool = False

    @property
    def met(self) -> int:
        return sum(1 for c in self.cells if c is not None and c.status == MET)

    @property
    def counted(self) -> int:
        return sum(1 for c in self.cells if c is not None and c.status != NO_DATA)

    @property
    def applicable(self) -> int:
        return sum(1 for c in self.cells if c is not None)


@dataclass
class Column:
    indicator: str
    level: str
    label: str
    unit: str
    definition: str
    computed: bool
    # The requirement when every region of the column has the same one ("" when they differ: 首善街道 ≥ 2,
    # other towns ≥ 1), so the header says it once.
    requirement: str = ""

    @property
    def level_label(self) -> str:
        """The station tier a column measures ("" for a column about the regions themselves)."""
        return str(TargetLevel(self.level).label) if self.level else ""


@dataclass
class Section:
    profile: PolicyProfile
    region_level: int
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return RegionLevel(self.region_level).label

    @property
    def uncomputed(self) -> list:
        """Columns whose indicator no app computes yet (their cells say "no data")."""
        return [c for c in self.columns if not c.computed]


def column_key(target: Target) -> tuple:
    """A column per indicator and station level; a reported target with no indicator code is its own column
    (named by what it measures)."""
    level = target.level if target.level in STATION_LEVELS else ""
    if not target.indicator:
        return (f"report:{target.measure or target.pk}", target.level)
    return (target.indicator, level)


def report_overdue(target: Target, year: int, today: dt.date) -> bool:
    """A reported value is overdue once its year is over, or its deadline has passed within the year."""
    if target.deadline and target.deadline.year == year:
        return target.deadline < today
    return dt.date(year, 12, 31) < today


def latest_reports(members, year: int) -> dict:
    """``{(target_id, region_id): the latest TargetReport}`` of the year for the reported targets (one query)."""
    from wulian.models import TargetReport

    wanted = {(t.pk, region.pk) for region, targets in members for t in targets if indicators.get(t.indicator) is None}
    if not wanted:
        return {}
    found = {}
    rows = TargetReport.objects.filter(
        year=year, target_id__in={t for t, _r in wanted}, region_id__in={r for _t, r in wanted}
    ).select_related("entered_by", "target").order_by("created_at", "pk")
    for report in rows:
        found[(report.target_id, report.region_id)] = report  # the latest wins
    return found


def is_due(target: Target, year: int) -> bool:
    return target.period != TargetPeriod.BY_DEADLINE or target.deadline is None or target.deadline.year <= year


def evaluate(regions, year: int, book: TargetBook | None = None, drill_level: int | None = None) -> list[Section]:
    """Sections (one per profile and tree level) of every applicable target for ``regions``."""
    book = book or TargetBook()
    groups: dict[tuple, list[tuple[Region, list[Target]]]] = defaultdict(list)
    profiles = {}
    for region in regions:
        profile = book.profile_for(region)
        if profile is None:
            continue
        profiles[profile.pk] = profile
        groups[(profile.pk, region.level)].append((region, book.targets_for(region)))
    sections = []
    for (profile_pk, region_level), members in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        # Columns: one per indicator and (station) level, in the order the document gives them.
        seen: dict[tuple, Target] = {}
        for _region, targets in members:
            for target in targets:
                key = column_key(target)
                if key not in seen or (target.position, target.pk) < (seen[key].position, seen[key].pk):
                    seen[key] = target
        ordered = sorted(seen.items(), key=lambda kv: (kv[1].position, kv[1].pk))
        keys = [key for key, _t in ordered]
        columns = []
        for (code, level), first in ordered:
            entry = indicators.get(code)
            columns.append(
                Column(
                    indicator=code,
                    level=level,
                    label=first.name,
                    unit=first.unit,
                    definition=str(entry.definition) if entry else "",
                    computed=entry is not None,
                )
            )
        # One computation per indicator, level and parameters, for every region that needs it.
        jobs: dict[tuple, list[Region]] = defaultdict(list)
        for region, targets in members:
            for target in targets:
                jobs[(target.indicator, target.level, json.dumps(target.parameters, sort_keys=True))].append(region)
        values: dict[tuple, dict] = {}
        for (code, level, params), job_regions in jobs.items():
            if indicators.get(code) is not None:
                values[(code, level, params)] = indicators.compute(code, job_regions, year, level, json.loads(params))
        reports = latest_reports(members, year)
        today = dt.date.today()
        rows = []
        for region, targets in members:
            cells: list = [None] * len(keys)
            for target in targets:
                key = column_key(target)
                entry = indicators.get(target.indicator)
                report = None
                if entry is None:
                    report = reports.get((target.pk, region.pk))
                    value = None if report is None else report.figure
                else:
                    params = json.dumps(target.parameters, sort_keys=True)
                    result = values[(target.indicator, target.level, params)]
                    value = None if result is None else result.get(region.pk)
                met = target.compare(value)
                cells[keys.index(key)] = Cell(
                    target=target,
                    value=value,
                    status=NO_DATA if met is None else (MET if met else NOT_MET),
                    gap=target.gap(value),
                    url=entry.url(region, year, target.level, target.parameters) if entry and value is not None else None,
                    due=is_due(target, year),
                    reported=entry is None,
                    report=report,
                    overdue=entry is None and report is None and report_overdue(target, year, today),
                )
            rows.append(Row(region=region, cells=cells, drill=drill_level is not None and region.level < drill_level))
        for index, column in enumerate(columns):
            requirements = {row.cells[index].target.requirement for row in rows if row.cells[index] is not None}
            column.requirement = requirements.pop() if len(requirements) == 1 else ""
            for row in rows:
                if row.cells[index] is not None:
                    row.cells[index].own_requirement = not column.requirement
        if not columns:
            continue
        sections.append(Section(profile=profiles[profile_pk], region_level=region_level, columns=columns, rows=rows))
    return sections


@dataclass
class Attainment:
    region: Region
    year: int
    own: list[Section]
    children: list[Section]
    child_level: int | None
    page: object = None  # the page of child regions shown (``django.core.paginator.Page``)


CHILDREN_PER_PAGE = 50


def attainment(region: Region, year: int, book: TargetBook | None = None, page: int | str | None = None,
               per_page: int | None = None) -> Attainment:
    """The parent's own targets and those of the regions of the next level below it, ``per_page`` of them at a
    time (a province's 100 counties in two pages; a county's towns on one). The parent's own figures cover
    everything below it, whichever page of children is shown."""
    from django.core.paginator import Paginator

    book = book or TargetBook()
    children = Region.objects.filter(path__startswith=region.path, depth=region.depth + 1).order_by("path")
    shown = Paginator(children, per_page or CHILDREN_PER_PAGE).get_page(page)
    rows = list(shown.object_list)
    child_level = rows[0].level if rows else None
    return Attainment(
        region=region,
        year=year,
        own=evaluate([region], year, book),
        children=evaluate(rows, year, book, drill_level=RegionLevel.COMMUNITY),
        child_level=child_level,
        page=shown,
    )


def default_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def phases_on(profile: PolicyProfile, day: dt.date):
    """(phase, "past" / "current" / "future" on ``day``, names of its regions) for the profile's phases."""
    result = []
    for phase in profile.phases.prefetch_related("regions"):
        if phase.start and day < phase.start:
            state = "future"
        elif phase.end and day > phase.end:
            state = "past"
        else:
            state = "current"
        result.append((phase, state, [r.name for r in phase.regions.all()]))
    return result
