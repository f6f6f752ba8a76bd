"""Querysets of projects: the overdue flags as filters, so a list, a count and the daily reminder agree.

Every flag is a filter on one query (no row-by-row checks); "today" is the local date in Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from wulian.models.base import ScopedQuerySet

from .choices import (
    CONTRACTED_STATES,
    SERVING_STATES,
    EvaluationKind,
    MilestoneStatus,
    ProjectStatus,
    RectificationStatus,
)

S = ProjectStatus
OPEN_RECTIFICATION = (RectificationStatus.OPEN, RectificationStatus.ANSWERED)


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


class ProjectQuerySet(ScopedQuerySet):
    def professional(self):
        return self.filter(is_professional=True)

    def micro_venture(self):
        return self.filter(is_micro_venture=True)

    def contracted(self):
        """Projects with an agreement signed by both sides (contracted or later): what the policy counts."""
        return self.filter(status__in=CONTRACTED_STATES)

    def award_overdue(self, now: dt.datetime | None = None):
        """The bid deadline has passed and no agency was chosen yet."""
        now = now or timezone.now()
        return self.filter(status=S.PUBLISHED, notice__bid_deadline__lt=now)

    def supervision_overdue(self, on: dt.date | None = None):
        """In service past the supervision due date without any mid-term supervision recorded."""
        from .models import Evaluation

        supervised = Evaluation.objects.filter(project=OuterRef("pk"), kind=EvaluationKind.MIDTERM)
        return self.filter(status=S.IN_SERVICE, supervision_due__lt=_today(on)).exclude(Exists(supervised))

    def contract_ended(self, on: dt.date | None = None):
        """The agreement's end has passed and the project is still in service (not yet under evaluation)."""
        return self.filter(status__in=[S.CONTRACTED, S.IN_SERVICE], agreement__end__lt=_today(on))

    def with_overdue_rectifications(self, on: dt.date | None = None):
        from .models import Rectification

        late = Rectification.objects.overdue(on).filter(evaluation__project=OuterRef("pk"))
        return self.filter(Exists(late))

    def overdue(self, on: dt.date | None = None):
        """Any of the flags above (for the list filter "overdue")."""
        from .models import Evaluation, Rectification

        today = _today(on)
        now = timezone.now()
        supervised = Evaluation.objects.filter(project=OuterRef("pk"), kind=EvaluationKind.MIDTERM)
        late = Rectification.objects.overdue(today).filter(evaluation__project=OuterRef("pk"))
        return self.filter(
            Q(status=S.PUBLISHED, notice__bid_deadline__lt=now)
            | (Q(status=S.IN_SERVICE, supervision_due__lt=today) & ~Exists(supervised))
            | Q(status__in=[S.CONTRACTED, S.IN_SERVICE], agreement__end__lt=today)
            | (Q(status__in=SERVING_STATES) & Exists(late))
        )


class BidQuerySet(ScopedQuerySet):
    def active(self):
        from .choices import BidStatus

        return self.exclude(status=BidStatus.WITHDRAWN)


class MilestoneQuerySet(ScopedQuerySet):
    def overdue(self, on: dt.date | None = None):
        """Scheduled milestones past their due date."""
        return self.filter(status=MilestoneStatus.SCHEDULED, due_on__lt=_today(on))


class RectificationQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(status__in=OPEN_RECTIFICATION)

    def overdue(self, on: dt.date | None = None):
        """Open or answered (not yet closed) past the deadline."""
        return self.filter(status__in=OPEN_RECTIFICATION, deadline__lt=_today(on))
