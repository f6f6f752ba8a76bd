"""Progress of a project's performance targets, counted from its entries in the stations' activity log.

One aggregate query for all targets of a project: each target is one filtered ``Count`` or ``Sum`` over the
project's activity entries (its service records, ``projects.ServiceRecord``). Projects stand
above stations (pyproject.toml layers): the activity kinds are imported, not copied. A ``manual`` target reads
the value entered by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from stations.choices import ActivityKind
from stations.models import Activity

from .choices import Measure

# The activity kinds each entry-counting measure counts.
KIND_OF_MEASURE = {
    Measure.GROUP_ACTIVITIES: ActivityKind.GROUP,
    Measure.CASEWORK: ActivityKind.CASEWORK,
    Measure.COMMUNITY_EVENTS: ActivityKind.COMMUNITY,
}
FIELD_OF_MEASURE = {
    Measure.PARTICIPANTS: "participants",
    Measure.VOLUNTEERS: "volunteers",
    Measure.VOLUNTEER_HOURS: "hours",
}


@dataclass(frozen=True)
class TargetProgress:
    target: object
    value: Decimal

    @property
    def percent(self) -> Decimal:
        """How much of the target is reached, in per cent (may pass 100)."""
        if not self.target.target_value:
            return Decimal("0")
        return (self.value * 100 / self.target.target_value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def bar(self) -> int:
        """The width of the progress bar, 0–100."""
        return int(min(self.percent, Decimal("100")))

    @property
    def reached(self) -> bool:
        return self.value >= self.target.target_value


def _expression(target):
    condition = Q()
    if target.min_participants:
        condition &= Q(participants__gte=target.min_participants)
    if target.measure in KIND_OF_MEASURE:
        return Count("pk", filter=condition & Q(kind=KIND_OF_MEASURE[target.measure]))
    if target.measure in FIELD_OF_MEASURE:
        return Sum(FIELD_OF_MEASURE[target.measure], filter=condition or None)
    return None


def progress(project, targets=None) -> list[TargetProgress]:
    """Each target of ``project`` with the value reached (in the targets' order)."""
    targets = list(project.targets.all() if targets is None else targets)
    expressions = {f"t{t.pk}": e for t in targets if (e := _expression(t)) is not None}
    entries = Activity.objects.filter(service_record__project=project)
    values = entries.aggregate(**expressions) if expressions else {}
    out = []
    for target in targets:
        if target.measure == Measure.MANUAL:
            value = target.manual_value or Decimal("0")
        else:
            value = values.get(f"t{target.pk}") or 0
        out.append(TargetProgress(target=target, value=Decimal(value)))
    return out
