"""Compliance of stations with their standard: the accepted targets of the policy profile their region follows.

A station's standard is the targets of its region's profile (``wulian.attainment.TargetBook``) for its tier —
office area, functional rooms, office equipment, resident staff and professional social workers among them.
A station whose region follows no profile, or whose profile sets nothing for its tier, has no standard: it is
neither compliant nor short (``is_compliant`` is None), never measured against another county's document.

The same targets drive the checklist of one station (``assess``) and the list filter (``compliant_q``); staff
counts come from two correlated subqueries (``annotate_staff_counts``), and the targets are loaded once per
list (three queries), so a list of any length costs the same queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.attainment import TargetBook
from wulian.models.targets import LEVEL_OF_STATION_TIER, TARGET_COMMUNITY_KIND, Comparator, TargetLevel

from .choices import Equipment, Post, Room

# Posts that count as resident staff (驻站人员) of a station; professional social workers are counted
# among them (“配备驻站社区专职工作人员不少于3人，其中，专业社工不少于…”).
RESIDENT_POSTS = [Post.RESIDENT_WORKER, Post.SOCIAL_WORKER]

# The indicators a station's standard is made of, in the order of the checklist.
STATION_INDICATORS = ("station_area", "station_rooms", "station_equipment", "station_staff", "station_professionals")
# Room and equipment codes of a target's parameters → the station's fields.
ROOMS = {"office": Room.OFFICE, "case": Room.CASE, "group": Room.GROUP, "meeting": Room.MEETING}
EQUIPMENT = {
    "desks": Equipment.DESKS,
    "computers": Equipment.COMPUTERS,
    "printers": Equipment.PRINTERS,
    "filing_cabinets": Equipment.CABINETS,
}
# Conditions true of every station and of none (an empty ``Q()`` would vanish when combined).
EVERY_STATION = Q(pk__isnull=False)
NO_STATION = Q(pk__in=[])
# Station field (or annotation) compared with the threshold, per counted indicator.
MEASURED = {
    "station_area": "office_area",
    "station_staff": "resident_staff_count",
    "station_professionals": "professional_count",
}


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    required: str
    actual: str
    ok: bool
    clause: str = ""


@dataclass(frozen=True)
class Standard:
    """The targets a station is held to, and the document they come from."""

    profile: object
    targets: tuple

    @property
    def clause(self) -> str:
        clauses = list(dict.fromkeys(t.clause for t in self.targets if t.clause))
        return f"{self.profile.name} {'、'.join(clauses)}".strip()

    def __bool__(self) -> bool:
        return bool(self.targets)


def _count_subquery(on: dt.date, professional: bool):
    from .models import StaffAssignment

    qs = StaffAssignment.objects.active(on).filter(station=OuterRef("pk"), post__in=RESIDENT_POSTS)
    if professional:
        qs = qs.filter(person__is_professional=True)
    qs = qs.order_by().values("station").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(qs, output_field=IntegerField()), Value(0))


def annotate_staff_counts(queryset, on: dt.date | None = None):
    on = on or timezone.localdate()
    return queryset.annotate(
        resident_staff_count=_count_subquery(on, professional=False),
        professional_count=_count_subquery(on, professional=True),
    )


def standard_of(station, book: TargetBook | None = None) -> Standard | None:
    """The station's standard; None when its region follows no profile or the profile sets nothing for it."""
    book = book or getattr(station, "_target_book", None) or TargetBook()
    profile = book.profile_for(station.region)
    if profile is None:
        return None
    level = LEVEL_OF_STATION_TIER[station.tier]
    targets = tuple(t for t in book.targets_for(station.region, [level]) if t.indicator in STATION_INDICATORS)
    return Standard(profile, targets) if targets else None


# -- the list filter ----------------------------------------------------------------------------------------


def _condition(target) -> Q:
    """The station fields meeting one target (needs ``annotate_staff_counts`` for staff)."""
    code = target.indicator
    if code in MEASURED:
        field = MEASURED[code]
        if target.comparator == Comparator.PRESENT:
            return Q(**{f"{field}__gt": 0})
        return Q(**{f"{field}__{target.comparator}": target.threshold})
    q = EVERY_STATION
    if code == "station_rooms":
        for room in target.parameters.get("rooms", []):
            if room in ROOMS:
                q &= Q(**{ROOMS[room].value: True})
    elif code == "station_equipment":
        for item in target.parameters.get("equipment", []):
            if item in EQUIPMENT:
                q &= Q(**{f"{EQUIPMENT[item].value}__gte": 1})
    return q


def _kind(target) -> str:
    return TARGET_COMMUNITY_KIND.get(TargetLevel(target.level), "") or target.parameters.get("community_kind", "")


def _indicator_q(targets) -> tuple[Q, Q]:
    """(where one of ``targets`` applies, where the applying one is met) for the targets of one indicator.

    Named regions take precedence over a community kind, which takes precedence over the general target:
    the cases are exclusive, so the station meets the indicator when no case applies or its case is met.
    """
    named_ids = set().union(*(t.named_ids for t in targets))
    specific_kinds = {_kind(t) for t in targets if not t.named_ids and _kind(t)}
    applies_any, ok = NO_STATION, EVERY_STATION
    for target in targets:
        if target.named_ids:
            case = Q(region_id__in=target.named_ids)
        else:
            case = ~Q(region_id__in=named_ids) if named_ids else EVERY_STATION
            kind = _kind(target)
            if kind:
                case &= Q(region__kind=kind)
            elif specific_kinds:
                case &= ~Q(region__kind__in=specific_kinds)
        applies_any |= case
        ok &= ~case | _condition(target)
    return applies_any, ok


def standard_qs(book: TargetBook | None = None) -> tuple[Q, Q]:
    """(stations that have a standard, stations meeting it), as conditions on stations."""
    book = book or TargetBook()
    has, compliant = NO_STATION, NO_STATION
    paths = [path for path, _profile in book.links]
    for path, profile in book.links:
        # The stations following this attachment: under it, not under a deeper attachment below it.
        area = Q(region__path__startswith=path)
        for deeper in paths:
            if len(deeper) > len(path) and deeper.startswith(path):
                area &= ~Q(region__path__startswith=deeper)
        targets = [t for t in book.by_profile.get(profile.pk, []) if t.indicator in STATION_INDICATORS]
        for tier, level in LEVEL_OF_STATION_TIER.items():
            tier_targets = [t for t in targets if t.level == level]
            if not tier_targets:
                continue
            applies, ok = NO_STATION, EVERY_STATION
            for code in STATION_INDICATORS:
                of_code = [t for t in tier_targets if t.indicator == code]
                if of_code:
                    code_applies, code_ok = _indicator_q(of_code)
                    applies |= code_applies
                    ok &= code_ok
            where = area & Q(tier=tier) & applies
            has |= where
            compliant |= where & ok
    return has, compliant


def compliant_q(book: TargetBook | None = None) -> Q:
    """Stations meeting every target of their standard; needs ``annotate_staff_counts``."""
    return standard_qs(book)[1]


def not_compliant_q(book: TargetBook | None = None) -> Q:
    """Stations with a standard they fall short of; needs ``annotate_staff_counts``."""
    has, compliant = standard_qs(book)
    return has & ~compliant


def no_standard_q(book: TargetBook | None = None) -> Q:
    return ~standard_qs(book)[0]


# -- one station's checklist --------------------------------------------------------------------------------


def _staff_counts(station) -> tuple[int, int]:
    if hasattr(station, "resident_staff_count"):
        return station.resident_staff_count, station.professional_count
    from .models import Station

    row = annotate_staff_counts(Station.objects.filter(pk=station.pk)).values(
        "resident_staff_count", "professional_count"
    )[0]
    return row["resident_staff_count"], row["professional_count"]


def _area(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.normalize():f} m²"


def _required(target, shown: str) -> str:
    if target.comparator == Comparator.GTE:
        return _("at least %s") % shown
    if target.comparator == Comparator.PRESENT:
        return _("present")
    return target.requirement


def assess(station, book: TargetBook | None = None) -> list[Check]:
    """The checklist of one station against its standard, in the order of the policy text ([] without one)."""
    standard = standard_of(station, book)
    if standard is None:
        return []
    checks = []
    resident = professional = None
    for target in standard.targets:
        code, clause = target.indicator, target.clause
        if code == "station_area":
            area = station.office_area
            shown = _area(target.threshold) if target.threshold is not None else ""
            ok = bool(target.compare(area if area is not None else Decimal(0)))
            checks.append(Check("office_area", _("Office area"), _required(target, shown), _area(area), ok, clause))
        elif code == "station_rooms":
            for room in (ROOMS[r] for r in target.parameters.get("rooms", []) if r in ROOMS):
                present = bool(getattr(station, room.value))
                checks.append(
                    Check(room.value, str(Room(room).label), _("present"), _("available") if present else _("missing"), present, clause)
                )
        elif code == "station_equipment":
            for item in (EQUIPMENT[e] for e in target.parameters.get("equipment", []) if e in EQUIPMENT):
                count = getattr(station, item.value) or 0
                checks.append(Check(item.value, str(Equipment(item).label), _("at least 1"), str(count), count >= 1, clause))
        elif code in ("station_staff", "station_professionals"):
            if resident is None:
                resident, professional = _staff_counts(station)
            value = resident if code == "station_staff" else professional
            shown = f"{target.threshold.normalize():f}" if target.threshold is not None else ""
            label = _("Resident staff") if code == "station_staff" else _("Professional social workers among them")
            check_code = "resident_staff" if code == "station_staff" else "professional_social_workers"
            checks.append(
                Check(check_code, label, _required(target, shown), str(value), bool(target.compare(value)), clause)
            )
    return checks


COMPLIANCE_CHOICES = (
    ("yes", gettext_lazy("Compliant")),
    ("no", gettext_lazy("Not compliant")),
    ("none", gettext_lazy("No standard")),
)
