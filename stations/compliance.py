"""Compliance of stations with their tier's standard (``standards.STANDARDS``).

The same thresholds drive the checklist of one station (``assess``) and the list filter (``compliant_q``);
staff counts come from two correlated subqueries (``annotate_staff_counts``), so a list of any length costs
the same queries.
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

from .choices import Equipment, Room, StationTier
from .standards import RESIDENT_POSTS, STANDARDS


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    required: str
    actual: str
    ok: bool


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


def compliant_q() -> Q:
    """Stations meeting every rule of their tier; needs ``annotate_staff_counts``."""
    q = Q()
    for index, (tier, standard) in enumerate(STANDARDS.items()):
        tier_q = Q(tier=tier, office_area__gte=standard["min_office_area"])
        for room in standard["rooms"]:
            tier_q &= Q(**{room.value: True})
        for item in standard["equipment"]:
            tier_q &= Q(**{f"{item.value}__gte": 1})
        if standard["min_resident_staff"]:
            tier_q &= Q(resident_staff_count__gte=standard["min_resident_staff"])
        if standard["min_professional_social_workers"]:
            tier_q &= Q(professional_count__gte=standard["min_professional_social_workers"])
        q = tier_q if index == 0 else q | tier_q
    return q


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


def assess(station) -> list[Check]:
    """The checklist of one station against its tier's standard, in the order of the policy text."""
    standard = STANDARDS[StationTier(station.tier)]
    checks = []
    minimum = standard["min_office_area"]
    area = station.office_area
    checks.append(
        Check(
            "office_area",
            _("Office area"),
            _("at least %s") % _area(minimum),
            _area(area),
            area is not None and area >= minimum,
        )
    )
    for room in standard["rooms"]:
        present = bool(getattr(station, room.value))
        checks.append(Check(room.value, str(Room(room).label), _("present"), _("available") if present else _("missing"), present))
    for item in standard["equipment"]:
        count = getattr(station, item.value) or 0
        checks.append(Check(item.value, str(Equipment(item).label), _("at least 1"), str(count), count >= 1))
    resident, professional = _staff_counts(station)
    if standard["min_resident_staff"]:
        required = standard["min_resident_staff"]
        checks.append(
            Check(
                "resident_staff",
                _("Resident staff"),
                _("at least %d") % required,
                str(resident),
                resident >= required,
            )
        )
    if standard["min_professional_social_workers"]:
        required = standard["min_professional_social_workers"]
        checks.append(
            Check(
                "professional_social_workers",
                _("Professional social workers among them"),
                _("at least %d") % required,
                str(professional),
                professional >= required,
            )
        )
    return checks


COMPLIANCE_CHOICES = (("yes", gettext_lazy("Compliant")), ("no", gettext_lazy("Not compliant")))
