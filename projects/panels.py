"""What the projects app shows on the home pages of agency staff and evaluators (``wulian.panels``).

Each panel lists through ``restrict`` and keeps its queries bounded (a fixed number per panel, not per row).
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .choices import DIRECT_METHODS, MilestoneStatus, ProjectStatus, RectificationStatus
from .models import Bid, Milestone, Project

S = ProjectStatus
PANEL_ROWS = 10
OPEN_ITEMS = (RectificationStatus.OPEN, RectificationStatus.ANSWERED)


def agency_home(request) -> dict:
    """Open tenders, the agency's bids and its contracts with what is due next."""
    user = request.user
    now = timezone.now()
    today = timezone.localdate()
    projects = Project.objects.restrict(user).select_related("region", "notice")
    tenders = list(
        projects.filter(status=S.PUBLISHED, notice__bid_deadline__gt=now)
        .exclude(notice__method__in=DIRECT_METHODS)
        .annotate(own_bid=Exists(Bid.objects.filter(project=OuterRef("pk"), agency_id=user.agency_id)))
        .order_by("notice__bid_deadline")[:PANEL_ROWS]
    )
    bids = list(
        Bid.objects.restrict(user).select_related("project").order_by("-submitted_at", "-pk")[:PANEL_ROWS]
    )
    contracts = list(
        projects.filter(agency_id=user.agency_id, status__in=[S.AWARDED, S.AGENCY_SIGNED, S.CONTRACTED, S.IN_SERVICE, S.EVALUATING])
        .annotate(
            open_items=Count("evaluations__rectifications", filter=Q(evaluations__rectifications__status=RectificationStatus.OPEN), distinct=True),
            late_items=Count(
                "evaluations__rectifications",
                filter=Q(evaluations__rectifications__status__in=OPEN_ITEMS, evaluations__rectifications__deadline__lt=today),
                distinct=True,
            ),
        )
        .order_by("status", "-pk")[:PANEL_ROWS]
    )
    next_milestones = {}
    for milestone in (
        Milestone.objects.restrict(user)
        .filter(project__in=[p.pk for p in contracts], status__in=[MilestoneStatus.SCHEDULED, MilestoneStatus.NOT_MET])
        .order_by("due_on", "pk")
    ):
        next_milestones.setdefault(milestone.project_id, milestone)
    for project in contracts:
        project.next_milestone = next_milestones.get(project.pk)
        project.due = _agency_due(project, today)
    return {"tenders": tenders, "bids": bids, "contracts": contracts, "today": today}


def _agency_due(project, today) -> str:
    from django.utils.translation import gettext as _

    if project.status == S.AWARDED:
        return _("Sign the agreement")
    if project.status == S.AGENCY_SIGNED:
        return _("Awaiting the bureau's signature")
    if project.status == S.CONTRACTED:
        return _("Start the service")
    if project.late_items:
        return _("%(count)s rectification items overdue") % {"count": project.late_items}
    if project.open_items:
        return _("%(count)s rectification items to answer") % {"count": project.open_items}
    if project.status == S.EVALUATING:
        return _("Under acceptance evaluation")
    return _("Log the service")


def evaluator_home(request) -> dict:
    """The projects assigned to the evaluator, with what is due: supervision, acceptance, items to review."""
    user = request.user
    today = timezone.localdate()
    projects = list(
        Project.objects.restrict(user)
        .select_related("region", "agency")
        .exclude(status__in=[S.CANCELLED])
        .annotate(
            midterms=Count("evaluations", filter=Q(evaluations__kind="midterm"), distinct=True),
            answered=Count(
                "evaluations__rectifications",
                filter=Q(evaluations__rectifications__status=RectificationStatus.ANSWERED),
                distinct=True,
            ),
            late_items=Count(
                "evaluations__rectifications",
                filter=Q(evaluations__rectifications__status__in=OPEN_ITEMS, evaluations__rectifications__deadline__lt=today),
                distinct=True,
            ),
        )
        .order_by("status", "supervision_due", "-pk")[: PANEL_ROWS * 2]
    )
    for project in projects:
        project.due = _evaluator_due(project, today)
    return {"assigned": projects, "today": today, "seats": _seats(user)}


def _seats(user) -> list:
    """The panels the expert sits on whose bids are to be scored (published projects). Each seat knows whether
    scoring is open (the deadline passed) and whether the expert still has a bid to score (``to_score``): the
    button to score is shown only then (three queries, whatever the number of seats)."""
    from .models import Bid, Criterion, PanelMember

    seats = list(PanelMember.objects.restrict(user).filter(user=user, panel__notice__project__status=S.PUBLISHED)
                 .select_related("panel__notice__project").annotate(given=Count("scores"))
                 .order_by("-pk")[:PANEL_ROWS])
    notices = {seat.panel.notice_id for seat in seats}
    criteria = dict(Criterion.objects.filter(notice__in=notices).values_list("notice").annotate(n=Count("pk")))
    bids: dict = {}
    for project_id, agency_id in (Bid.objects.filter(project__notice__in=notices).exclude(status="withdrawn")
                                  .values_list("project_id", "agency_id")):
        bids.setdefault(project_id, []).append(agency_id)
    now = timezone.now()
    for seat in seats:
        notice = seat.panel.notice
        seat.open = notice.bid_deadline is not None and notice.bid_deadline <= now
        own = {seat.agency_id, user.agency_id} - {None}  # a bid of the member's agency is not theirs to score
        needed = sum(1 for agency_id in bids.get(notice.project_id, []) if agency_id not in own) * criteria.get(notice.pk, 0)
        seat.to_score = seat.open and seat.given < needed
    return seats


def _evaluator_due(project, today) -> tuple[str, str]:
    """(what, tone) for the evaluator's list."""
    from django.utils.translation import gettext as _

    if project.status == S.EVALUATING:
        return _("Score the acceptance evaluation"), "warning"
    if project.answered:
        return _("%(count)s answers to review") % {"count": project.answered}, "warning"
    if project.late_items:
        return _("%(count)s rectification items overdue") % {"count": project.late_items}, "danger"
    if project.status == S.IN_SERVICE and not project.midterms:
        if project.supervision_due and project.supervision_due < today:
            return _("Mid-term supervision overdue"), "danger"
        return _("Mid-term supervision to do"), "secondary"
    if project.status == S.ACCEPTED:
        return ProjectStatus.ACCEPTED.label, "success"
    return _("In service"), "secondary"
