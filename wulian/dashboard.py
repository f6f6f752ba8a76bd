"""The leader's dashboard: summaries refreshed in the background, read cheaply on every page view.

``refresh(year)`` computes the whole installation's figures for a year and stores them (``wulian.models.
summaries``): the attainment of every accepted target by every region — through ``wulian.attainment.evaluate``,
so one call of each indicator function (one aggregate query) per indicator, level and parameters for all
regions at once — and the dashboard series apps register here (projects by step, volunteer hours by month,
overdue items), each one grouped query summed up the region tree. Celery beat runs it every hour; the bureau
may ask for it at once ("refresh now").

``overview(user, region, year)`` reads those summaries for one region of the user's scope and its next level
(drill-down county → town → community) with a fixed number of queries, whatever the number of regions.

Apps add series in their ``dashboard.py`` (imported by the core's ``AppConfig.ready()``; the core imports no
app)::

    register_series(Series(
        "projects.status", _("Projects by step"), kind="bar",
        categories=lambda: list(ProjectStatus.choices),
        compute=lambda year: Project.objects.filter(...).values_list("region", "status").annotate(n=Count("pk")),
        link=lambda region, year, key: f"{reverse('projects:project_list')}?region={region.pk}&status={key}",
    ))
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, IntegerField, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce, NullIf, Round, RowNumber
from django.utils import timezone
from django.utils.functional import Promise

from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.models.summaries import AttainmentFigure, AttainmentStatus, DashboardFigure, SummaryRefresh
from wulian.models.targets import COMPARATOR_SIGNS, Comparator

CENT = Decimal("0.01")
TENTH = Decimal("0.1")

# -- series that apps register --------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """A dashboard series: named categories (steps, months), each a number per region and year.

    ``compute(year)`` yields ``(region_id, category, value)`` from one grouped query over the whole
    installation; rows may sit at any level (a community, a town): the refresh sums them up the tree.
    ``link(region, year, category)`` is the filtered list behind a figure (None: no list to show).
    ``items(user, region, year, limit)``, optional, lists the few rows a panel names (e.g. overdue projects),
    scoped with ``restrict(user)``.
    """

    code: str
    title: str | Promise
    categories: Callable[[], list[tuple[str, str | Promise]]]
    compute: Callable[[int], Iterable[tuple[int, str, object]]]
    kind: str = "bar"  # "bar" (categories side by side), "line" (ordered, e.g. months), "list" (overdue items)
    unit: str = ""
    link: Callable | None = None
    items: Callable | None = None
    order: int = 50
    # Whether the dashboard shows it yet (e.g. only once the app's list pages exist to click through to).
    shown: Callable[[], bool] | None = None

    def key(self, category: str) -> str:
        return f"{self.code}.{category}"


SERIES: dict[str, Series] = {}


def register_series(series: Series) -> None:
    SERIES[series.code] = series


def series_list() -> list[Series]:
    return sorted(SERIES.values(), key=lambda s: (s.order, s.code))


# -- refresh ----------------------------------------------------------------------------------------------


def _number(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def shortfall(target, status: str, gap) -> Decimal | None:
    """How far short in percent of the threshold (100 when something that must exist does not)."""
    if status == AttainmentStatus.MET:
        return Decimal(0)
    if status != AttainmentStatus.NOT_MET:
        return None
    if target.comparator == Comparator.PRESENT or not target.threshold or gap is None:
        return Decimal(100)
    return (Decimal(gap) * 100 / abs(target.threshold)).quantize(TENTH, rounding=ROUND_HALF_UP)


def attainment_figures(year: int, regions: list[Region]) -> list[AttainmentFigure]:
    """Every applicable target of every region with a profile, evaluated once for all regions."""
    from wulian.attainment import TargetBook, evaluate

    figures = []
    for section in evaluate(regions, year, TargetBook()):
        for row in section.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                figures.append(
                    AttainmentFigure(
                        region=row.region,
                        year=year,
                        target=cell.target,
                        indicator=cell.target.indicator,
                        value=_number(cell.value),
                        status=cell.status,
                        gap=_number(cell.gap),
                        shortfall=shortfall(cell.target, cell.status, cell.gap),
                        due=cell.due,
                        url=(cell.url or "")[:500],
                    )
                )
    return figures


def path_and_above(path: str) -> list[str]:
    """A region's path and the paths of every region above it: where a figure counts when summed up the tree."""
    return [path[:end] for end in range(Region.steplen, len(path) + 1, Region.steplen)]


TALLY_KEYS = {status: f"attainment.{status}" for status in AttainmentStatus.values}


def rank_shortfalls(figures: list[AttainmentFigure], path_of: dict[int, str]) -> None:
    """Number the year's due, unmet figures from the largest shortfall down (ties: region path, then the
    target's place in its document), so a page reads the first ten of any area off an index."""
    late = [f for f in figures if f.status == AttainmentStatus.NOT_MET and f.due and f.shortfall is not None]
    late.sort(key=lambda f: (-f.shortfall, path_of[f.region.pk], f.target.position, f.target.pk))
    for rank, figure in enumerate(late, start=1):
        figure.shortfall_rank = rank


def tally_figures(year: int, figures: list[AttainmentFigure], path_of: dict[int, str], pk_of: dict[str, int]):
    """Targets met / not met / no data at or below every region, as dashboard figures (``attainment.met``…):
    a page reads a region's tally instead of counting the figures of everything below it."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for figure in figures:
        for path in path_and_above(path_of[figure.region.pk]):
            totals[(path, TALLY_KEYS[figure.status])] += 1
    return [
        DashboardFigure(region_id=pk_of[path], year=year, key=key, value=Decimal(n))
        for (path, key), n in totals.items()
    ]


def series_figures(year: int, regions: list[Region]) -> list[DashboardFigure]:
    """Each registered series summed up the region tree: a region's figure counts everything below it."""
    path_of = {r.pk: r.path for r in regions}
    pk_of = {r.path: r.pk for r in regions}
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for series in series_list():
        for region_id, category, value in series.compute(year):
            path = path_of.get(region_id)
            if path is None or value is None:
                continue
            key = series.key(category)
            for above in path_and_above(path):
                totals[(above, key)] += Decimal(value)
    return [
        DashboardFigure(region_id=pk_of[path], year=year, key=key, value=_number(value))
        for (path, key), value in totals.items()
    ]


def refresh(year: int, user=None) -> SummaryRefresh:
    """Recompute and store the year's summaries for the whole installation (one transaction)."""
    started = time.monotonic()
    regions = list(Region.objects.order_by("path"))
    path_of = {r.pk: r.path for r in regions}
    figures = attainment_figures(year, regions)
    rank_shortfalls(figures, path_of)
    numbers = series_figures(year, regions) + tally_figures(year, figures, path_of, {r.path: r.pk for r in regions})
    with transaction.atomic():
        AttainmentFigure.objects.filter(year=year).delete()
        DashboardFigure.objects.filter(year=year).delete()
        AttainmentFigure.objects.bulk_create(figures, batch_size=2000)
        DashboardFigure.objects.bulk_create(numbers, batch_size=2000)
        done, _created = SummaryRefresh.objects.update_or_create(
            year=year,
            defaults={
                "refreshed_at": timezone.now(),
                "seconds": Decimal(time.monotonic() - started).quantize(CENT),
                "refreshed_by": user if user is not None and user.is_authenticated else None,
            },
        )
    analyze_summaries()
    return done


def analyze_summaries() -> None:
    """Fresh planner statistics for the tables just replaced (PostgreSQL). Without them the planner takes the
    new rows for none at all and, for the largest shortfalls, sorts every unmet figure of a city instead of
    reading the first ten off the rank index, until autovacuum comes round."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"ANALYZE {AttainmentFigure._meta.db_table}, {DashboardFigure._meta.db_table}"
        )


# -- reading --------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Targets met, not met and without data at or below a region."""

    region: Region
    met: int = 0
    not_met: int = 0
    no_data: int = 0

    @property
    def counted(self) -> int:
        return self.met + self.not_met

    @property
    def applicable(self) -> int:
        return self.met + self.not_met + self.no_data

    @property
    def share(self) -> Decimal | None:
        """Targets met in percent of those with data; None when none has data."""
        if not self.counted:
            return None
        return (Decimal(self.met) * 100 / self.counted).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class Column:
    indicator: str
    tier: str
    label: str
    unit: str
    requirement: str
    clause: str
    reported: bool = False  # 填报: no indicator computes it; the region enters its value


@dataclass
class TableRow:
    region: Region
    tally: Tally
    cells: list
    drill: bool


@dataclass
class Table:
    """One profile's targets for the regions of one level: a column per indicator (and station tier)."""

    profile: object
    level: int
    columns: list[Column] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return RegionLevel(self.level).label


@dataclass
class SeriesView:
    series: Series
    points: list[dict]  # {"key", "label", "value", "url"}

    @property
    def total(self) -> Decimal:
        return sum((p["value"] for p in self.points), Decimal(0))


@dataclass
class Overview:
    region: Region
    year: int
    refreshed: SummaryRefresh | None
    years: list[int]
    tally: Tally
    child_level: int | None
    tables: list[Table]
    own: list[Table]
    child_page: object  # the page of ``tables``' regions (``django.core.paginator.Page``)
    ranking: list[Tally]  # the top of the ranking (all of it when short)
    ranking_bottom: list[Tally]  # its bottom, when longer than twice the panel's limit
    ranking_count: int  # regions in the complete ranking
    ranking_level: int | None
    shortfalls: list[AttainmentFigure]
    series: list[SeriesView]


STATION_TIERS = ("station_county_hub", "station_town", "station_community")


def requirement(target) -> str:
    if target.comparator == Comparator.PRESENT:
        return str(Comparator.PRESENT.label)
    threshold = target.threshold.normalize() if target.threshold is not None else ""
    return f"{COMPARATOR_SIGNS[target.comparator]} {threshold:f} {target.unit}".strip()


def tallies(user, regions: list[Region], year: int) -> dict[int, dict[str, int]]:
    """Targets met / not met / no data at or below each of ``regions`` (by id), as the last refresh counted
    them: one query reading a few figures per region, whatever lies below them."""
    status_of = {key: status for status, key in TALLY_KEYS.items()}
    rows = (
        DashboardFigure.objects.restrict(user)
        .filter(year=year, region__in=[r.pk for r in regions], key__in=list(status_of))
        .values_list("region_id", "key", "value")
    )
    totals: dict[int, dict[str, int]] = defaultdict(dict)
    for region_id, key, value in rows:
        totals[region_id][status_of[key]] = int(value)
    return totals


def tally_of(region: Region, totals: dict) -> Tally:
    counts = totals.get(region.pk, {})
    return Tally(
        region,
        met=counts.get(AttainmentStatus.MET, 0),
        not_met=counts.get(AttainmentStatus.NOT_MET, 0),
        no_data=counts.get(AttainmentStatus.NO_DATA, 0),
    )


def _tables(figures: list[AttainmentFigure], regions: list[Region], leaf: dict, drill: bool) -> list[Table]:
    """Figures of ``regions`` laid out as tables (one per profile), rows in the regions' order."""
    by_profile: dict[int, dict] = {}
    for figure in figures:
        target = figure.target
        entry = by_profile.setdefault(target.profile_id, {"profile": target.profile, "columns": {}, "cells": {}})
        # A reported target with no indicator is its own column (the attainment pages' rule).
        column_key = (target.indicator, target.level if target.level in STATION_TIERS else "") if target.indicator \
            else (f"report:{target.measure or target.pk}", target.level)
        first = entry["columns"].get(column_key)
        if first is None or (target.position, target.pk) < (first.position, first.pk):
            entry["columns"][column_key] = target
        entry["cells"][(figure.region_id, column_key)] = figure

    tables = []
    for entry in sorted(by_profile.values(), key=lambda e: e["profile"].pk):
        ordered = sorted(entry["columns"].items(), key=lambda kv: (kv[1].position, kv[1].pk))
        columns = [
            Column(code, tier, target.name, target.unit, requirement(target), target.clause, target.is_reported)
            for (code, tier), target in ordered
        ]
        table = Table(profile=entry["profile"], level=regions[0].level if regions else 0, columns=columns)
        for region in regions:
            cells = [entry["cells"].get((region.pk, key)) for key, _t in ordered]
            if not any(cells):
                continue
            table.rows.append(TableRow(region, tally_of(region, leaf), cells, drill))
        if table.rows:
            table.level = table.rows[0].region.level
            tables.append(table)
    return tables


# The panel's order: the highest share first (regions without data last), then more targets met, then the path.
BEST_FIRST = (F("share").desc(nulls_last=True), F("met").desc(), F("path").asc())


def ranked(year: int):
    """Regions annotated with their tally for ``year`` and their share of targets met (rounded as
    ``Tally.share``), ranked: the complete ranking's list (``wulian.views.ranking``)."""
    return tallied(year).annotate(
        counted=F("met") + F("not_met"),
        applicable=F("met") + F("not_met") + F("no_data"),
        # Rounded to a tenth in the database (half up, as ``Tally.share``), so ties rank as they read.
        share=Round(
            ExpressionWrapper(F("met") * Value(Decimal(100)) / NullIf(F("met") + F("not_met"), 0),
                              output_field=DecimalField(max_digits=9, decimal_places=4)),
            1, output_field=DecimalField(max_digits=6, decimal_places=1),
        ),
    ).filter(applicable__gt=0).annotate(
        # The place by share (the panel's order), whatever order the list is sorted in; computed after the
        # filters (area, level), so it is the place within the chosen area.
        rank=Window(RowNumber(), order_by=BEST_FIRST),
    )


def tallied(year: int):
    """Regions annotated with their tally for ``year`` (met, not met, no data): three index look-ups each."""

    def count(status):
        figure = DashboardFigure.objects.filter(region=OuterRef("pk"), year=year, key=TALLY_KEYS[status])
        return Coalesce(Subquery(figure.values("value")[:1], output_field=IntegerField()), Value(0))

    return Region.objects.annotate(
        met=count(AttainmentStatus.MET),
        not_met=count(AttainmentStatus.NOT_MET),
        no_data=count(AttainmentStatus.NO_DATA),
    )


def ranking_key(tally: Tally) -> tuple:
    """The ranking's order (``BEST_FIRST`` in the database): the highest share first, regions without data
    last, then more targets met, then the tree's order."""
    return (-(tally.share if tally.share is not None else Decimal(-1)), -tally.met, tally.region.path)


CHILDREN_PER_PAGE = 25  # rows of the next level's table, as many as a list page


def overview(user, region: Region, year: int, *, shortfall_limit: int = 10, ranking_limit: int = 10,
             page: int | str | None = None) -> Overview:
    """The dashboard of ``region`` (already checked to be in ``user``'s scope) for ``year``."""
    refreshes = list(SummaryRefresh.objects.order_by("-year"))
    refreshed = next((r for r in refreshes if r.year == year), None)
    # The next level's table, a page at a time (a province's 100 counties; a county's towns fit on one page).
    child_page = Paginator(
        Region.objects.filter(path__startswith=region.path, depth=region.depth + 1).order_by("path"),
        CHILDREN_PER_PAGE,
    ).get_page(page)
    children = list(child_page.object_list)
    child_level = children[0].level if children else None
    figures = list(
        AttainmentFigure.objects.restrict(user)
        .filter(year=year, region__in=[region.pk, *(c.pk for c in children)])
        .select_related("target__profile")
    )
    own_figures = [f for f in figures if f.region_id == region.pk]
    child_figures = [f for f in figures if f.region_id != region.pk]
    # Ranking: the towns under a county or city; the communities of a town. The panel shows the top and the
    # bottom ``ranking_limit`` (all of them when there are no more than twice that); the complete ranking is a
    # list of its own (``wulian:ranking_list``), read in the database whatever the number of regions.
    ranking_level = RegionLevel.TOWN if region.level < RegionLevel.TOWN else child_level
    ranking, ranking_bottom, ranking_count = [], [], 0
    if ranking_level is not None:
        # One query reads every ranked region's three tallies (as id, path, counts: no model instances); the
        # order is ``ranking_key``'s, the list's ``BEST_FIRST``; only the regions shown are loaded.
        rows = (
            tallied(year).restrict(user).filter(path__startswith=region.path, level=ranking_level)
            .values_list("pk", "path", "met", "not_met", "no_data")
        )
        tallies_ = [Tally(Region(pk=pk, path=path), met, not_met, no_data)
                    for pk, path, met, not_met, no_data in rows if met or not_met or no_data]
        tallies_.sort(key=ranking_key)
        ranking_count = len(tallies_)
        if ranking_count <= 2 * ranking_limit:
            ranking = tallies_
        else:
            ranking, ranking_bottom = tallies_[:ranking_limit], tallies_[-ranking_limit:]
        shown = Region.objects.in_bulk([t.region.pk for t in [*ranking, *ranking_bottom]])
        for t in [*ranking, *ranking_bottom]:
            t.region = shown[t.region.pk]
    leaf = tallies(user, [region, *children], year)
    shortfalls = list(
        AttainmentFigure.objects.restrict(user)
        .filter(year=year, region__path__startswith=region.path, shortfall_rank__isnull=False)
        .select_related("region", "target")
        .order_by("shortfall_rank")[:shortfall_limit]
    )
    numbers = dict(
        DashboardFigure.objects.restrict(user)
        .filter(year=year, region=region)
        .exclude(key__startswith="attainment.")
        .values_list("key", "value")
    )
    series_views = []
    for series in series_list():
        if series.shown is not None and not series.shown():
            continue
        points = []
        for category, label in series.categories():
            value = numbers.get(series.key(category), Decimal(0))
            url = series.link(region, year, category) if series.link else None
            points.append({"key": category, "label": str(label), "value": value, "url": url})
        series_views.append(SeriesView(series, points))
    years = sorted({r.year for r in refreshes} | {year, timezone.localdate().year}, reverse=True)
    return Overview(
        region=region,
        year=year,
        refreshed=refreshed,
        years=years,
        tally=tally_of(region, leaf),
        child_level=child_level,
        tables=_tables(child_figures, children, leaf, drill=bool(children) and children[0].level < RegionLevel.COMMUNITY),
        own=_tables(own_figures, [region], leaf, drill=False),
        child_page=child_page,
        ranking=ranking,
        ranking_bottom=ranking_bottom,
        ranking_count=ranking_count,
        ranking_level=ranking_level,
        shortfalls=shortfalls,
        series=series_views,
    )
