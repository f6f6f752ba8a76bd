"""The indicator registry: each policy indicator computed from the data by code, for many regions at once.

An app registers its indicators in its own ``indicators.py`` (imported by the core's ``AppConfig.ready()``,
so the core imports no app)::

    @indicator("volunteer_activities", _("Volunteer activities in the year"), "次", ("community", "town"),
               definition=_("Volunteer activities held in the region in the calendar year."),
               link=lambda q, region: f"{reverse('volunteers:activity_list')}?region={region.pk}&year={q.year}")
    def volunteer_activities(q: Query) -> dict[int, Decimal]:
        rollup = RollUp(VolunteerActivity.objects.filter(date__year=q.year), "region", n=Count("pk"))
        return {r.pk: rollup.value(r) for r in q.regions}

The function receives a ``Query`` (the regions — all of one level —, the year, the target level and the
target's parameters) and returns ``{region_id: value}``, computed with a bounded number of aggregate queries
whatever the number of regions (group by community or station id, then sum up the tree with
``wulian.rollup``). A value is a Decimal (counts, areas, money), a percentage as a Decimal of 0–100, or a bool
for "must exist" indicators; a region left out of the answer, or given None, has no data (e.g. a rate whose
denominator is zero). ``link`` gives the URL of the filtered list of the rows a region's figure counts.

``CATALOGUE`` names every code the policy documents use (the parser guesses these), registered or not: an
indicator nobody computes yet (``operating_funds`` until the funding app registers it) shows "no data".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

C, T, U, R, M = "county", "town", "urban_community", "rural_community", "community"
STATION_TIERS = ("station_county_hub", "station_town", "station_community")

# code → (label, unit, levels): the binding list of targets_spec.md.
CATALOGUE: dict[str, tuple] = {
    "orgs_per_community": (_("Community social organisations"), "个", (U, R, M)),
    "orgs_service_share": (_("Share of service, public-welfare and mutual-aid organisations"), "%", (U, R, M)),
    "orgs_registered": (_("Registered community social organisations"), "个", (U, R, M)),
    "orgs_filed": (_("Filed community social organisations"), "个", (U, R, M)),
    "federation": (_("Federation of community social organisations"), "", (T, U, R, M)),
    "station_area": (_("Station office area"), "平方米", STATION_TIERS),
    "station_rooms": (_("Station functional rooms"), "", STATION_TIERS),
    "station_equipment": (_("Station office equipment"), "", STATION_TIERS),
    "station_staff": (_("Resident station staff"), "名", STATION_TIERS),
    "station_professionals": (_("Professional social workers at the station"), "名", STATION_TIERS),
    "certified_share": (_("Certified social workers among community workers"), "%", (U, R, M, T, C)),
    "agencies_cultivated": (_("Social work agencies cultivated"), "家", (T,)),
    "agency_training_hours": (_("Training class hours for social work agencies"), "课时", (C,)),
    "operating_funds": (_("Operating funds"), "元", STATION_TIERS),
    "professional_projects": (_("Professional social work service projects"), "个", (T, U, R, M)),
    "micro_venture_projects": (_("Micro public-welfare venture projects"), "个", (T, U, R, M)),
    "volunteer_registration_rate": (_("Volunteer registration rate"), "%", (U, R, M, T)),
    "volunteer_activities": (_("Volunteer activities"), "次", (U, R, M, T)),
    "volunteer_participation_rate": (_("Volunteer participation rate"), "%", (U, R, M, T)),
    # Issue 20: what township-station documents ask (乡镇(街道)社工站), computed from the stations.
    "town_station_coverage": (_("Town social work station in place"), "", (T,)),
    "town_stations_built": (_("Town social work stations built"), "个", (C,)),
    "town_station_built_share": (_("Share of towns with a social work station"), "%", (C,)),
    "social_workers_per_station": (_("Resident staff per town station"), "名", (C,)),
    "station_certified_share": (_("Certified social workers among station staff"), "%", STATION_TIERS),
    # Investment in a station's set-up: no app records it yet (reported until the money app computes it).
    "station_investment": (_("Investment per station"), "元", STATION_TIERS),
}

PERCENT_PLACES = Decimal("0.1")


@dataclass(frozen=True)
class Query:
    """What an indicator function computes for: regions of one level, a year, a target level and parameters."""

    regions: tuple
    year: int
    level: str = ""
    params: dict = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def region_ids(self) -> list[int]:
        return [r.pk for r in self.regions]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    levels: tuple[str, ...]
    definition: str
    function: Callable[[Query], dict]
    link: Callable[[Query, object], str | None] | None = None
    app: str = ""

    def compute(self, regions: Iterable, year: int, level: str = "", params: dict | None = None) -> dict:
        regions = tuple(regions)
        if not regions:
            return {}
        return self.function(Query(regions, year, level, params or {}))

    def url(self, region, year: int, level: str = "", params: dict | None = None) -> str | None:
        if self.link is None:
            return None
        return self.link(Query((region,), year, level, params or {}), region)


REGISTRY: dict[str, Indicator] = {}


def indicator(
    code: str,
    label=None,
    unit: str | None = None,
    levels: Iterable[str] | str | None = None,
    *,
    definition="",
    link: Callable | None = None,
):
    """Register the decorated function as the indicator ``code``; label, unit and levels default to the
    catalogue's. Registering a code twice is a programming error."""

    def register(function):
        known = CATALOGUE.get(code, (None, None, ()))
        lv = levels if levels is not None else known[2]
        entry = Indicator(
            code=code,
            label=label if label is not None else known[0] or code,
            unit=unit if unit is not None else known[1] or "",
            levels=(lv,) if isinstance(lv, str) else tuple(lv),
            definition=definition,
            function=function,
            link=link,
            app=function.__module__.split(".")[0],
        )
        if code in REGISTRY and REGISTRY[code].function.__qualname__ != function.__qualname__:
            raise ValueError(f"indicator {code!r} is registered twice ({REGISTRY[code].app}, {entry.app})")
        REGISTRY[code] = entry
        return function

    return register


def get(code: str) -> Indicator | None:
    return REGISTRY.get(code)


def label(code: str) -> str:
    if code in REGISTRY:
        return str(REGISTRY[code].label)
    return str(CATALOGUE[code][0]) if code in CATALOGUE else code


def codes() -> list[str]:
    """Every known code: the catalogue's, then any registered beyond it."""
    return [*CATALOGUE, *(c for c in REGISTRY if c not in CATALOGUE)]


def compute(code: str, regions: Iterable, year: int, level: str = "", params: dict | None = None) -> dict | None:
    """``{region_id: value}`` of indicator ``code``; None when no app computes it (no data)."""
    entry = REGISTRY.get(code)
    return None if entry is None else entry.compute(regions, year, level, params)


# Helpers for indicator functions ------------------------------------------------------------------------


def share(numerator, denominator) -> Decimal | None:
    """numerator / denominator in percent, one decimal (half up); None when the denominator is zero."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def rolled(rollup, regions, name: str | None = None) -> dict[int, Decimal]:
    """A ``RollUp``'s figure for each region (zero where nothing was counted)."""
    return {r.pk: Decimal(rollup.value(r, name) or 0) for r in regions}


def with_query(url: str, **params) -> str:
    from urllib.parse import urlencode

    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(clean)}" if clean else url
