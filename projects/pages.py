"""What the project page shows: the step indicator, each step's records as far as the viewer may see them, and
the buttons of the steps the viewer may take now. Every list here goes through ``restrict``."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.models.base import can, user_can

from .choices import DIRECT_METHODS, ProjectStatus
from .models import (
    Agreement,
    Amendment,
    Bid,
    Evaluation,
    Milestone,
    Need,
    NeedsSurvey,
    Notice,
    PerformanceTarget,
    Rectification,
    Review,
)

S = ProjectStatus
STEP_LABELS = (
    (1, _("Needs assessment")),
    (2, _("Publication")),
    (3, _("Agreement")),
    (4, _("Service delivery")),
    (5, _("Mid-term supervision")),
    (6, _("Acceptance")),
)
STEP_OF_STATE = {
    S.DRAFT: 1,
    S.SUBMITTED: 1,
    S.RETURNED: 1,
    S.APPROVED: 2,
    S.PUBLISHED: 2,
    S.AWARDED: 3,
    S.AGENCY_SIGNED: 3,
    S.CONTRACTED: 3,
    S.IN_SERVICE: 4,
    S.EVALUATING: 6,
    S.ACCEPTED: 7,  # every step done
}


def steps(project, supervised: bool) -> list[dict]:
    """The six steps with done / current / to do; in service with a mid-term supervision, step 5 is current."""
    current = STEP_OF_STATE.get(project.status, 0)
    if current == 4 and supervised:
        current = 5
    out = []
    for number, label in STEP_LABELS:
        state = "done" if number < current else "current" if number == current else "todo"
        if project.status == S.CANCELLED:
            state = "todo"
        out.append({"number": number, "label": label, "state": state})
    return out


def is_overdue(item) -> bool:
    return item.status in ("open", "answered") and item.deadline is not None and item.deadline < timezone.localdate()


def project_page_context(request, project) -> dict:
    user = request.user
    now = timezone.now()
    notice = Notice.objects.restrict(user).filter(project=project).first()
    agreement = Agreement.objects.restrict(user).filter(project=project).prefetch_related("stations").first()
    evaluations = list(
        Evaluation.objects.restrict(user).filter(project=project).select_related("sheet").order_by("-date", "-pk")
    )
    rectifications = list(
        Rectification.objects.restrict(user).filter(evaluation__project=project).select_related("evaluation").order_by("deadline", "pk")
    )
    for item in rectifications:
        item.overdue = is_overdue(item)
    by_evaluation: dict[int, list] = {}
    for item in rectifications:
        by_evaluation.setdefault(item.evaluation_id, []).append(item)
    for evaluation in evaluations:
        evaluation.items = by_evaluation.get(evaluation.pk, [])
    milestones = list(Milestone.objects.restrict(user).filter(project=project).order_by("due_on", "pk"))
    for milestone in milestones:
        milestone.actions = [
            (t, reverse(Milestone.url_name("action"), args=[milestone.pk, t.name]))
            for t in Milestone.workflow.offered(milestone, user)
            if t.name != "report"
        ]
        milestone.can_report = any(t.name == "report" for t in Milestone.workflow.offered(milestone, user))
    bids = list(
        Bid.objects.restrict(user).filter(project=project).select_related("agency").prefetch_related("members").order_by("price", "pk")
    )
    deadline = getattr(notice, "bid_deadline", None)
    open_for_bids = project.status == S.PUBLISHED and notice is not None and (deadline is None or deadline > now)
    direct = notice is not None and notice.method in DIRECT_METHODS
    own_bid = next((b for b in bids if user.agency_id and b.agency_id == user.agency_id), None)
    targets = _targets_with_progress(project, user)
    activity_model = apps.get_model("stations", "Activity")
    activities = (
        activity_model.objects.restrict(user).filter(project=project).select_related("station").order_by("-date", "-pk")[:20]
        if user_can(user, activity_model, "view")
        else []
    )
    staff = user.role == "agency_staff"
    context = {
        "evidence_documents": _evidence(user, milestones, rectifications),
        "steps": steps(project, supervised=any(e.kind == "midterm" for e in evaluations)),
        "status_tone": _tone(project.status),
        "reviews": Review.objects.restrict(user).filter(project=project).select_related("reviewer").order_by("-round", "-pk"),
        "surveys": NeedsSurvey.objects.restrict(user).filter(project=project).order_by("-date", "-pk"),
        "needs": Need.objects.restrict(user).filter(project=project).order_by("pk"),
        "notice": notice,
        "criteria": notice.criteria.order_by("pk") if notice else [],
        "bids": bids,
        "own_bid": own_bid,
        "direct_award": direct,
        "agreement": agreement,
        "amendments": Amendment.objects.restrict(user).filter(agreement=agreement).order_by("-date", "-pk") if agreement else [],
        "targets": targets,
        "activities": activities,
        "milestones": milestones,
        "milestone_total": sum((m.amount for m in milestones), start=0),
        "evaluations": evaluations,
        "overdue_count": sum(1 for r in rectifications if r.overdue),
        # What the viewer may do on this project now (the models' rules decide again on saving).
        "can_edit_notice": project.status in (S.APPROVED,) and (
            user_can(user, Notice, "add") if notice is None else can(user, "change", notice)
        ),
        "can_bid": staff and open_for_bids and not direct and user_can(user, Bid, "add"),
        "can_score": project.status == S.PUBLISHED and notice is not None and not direct and user_can(user, Bid, "view")
        and user.role != "agency_staff" and (deadline is None or deadline <= now) and can(user, "change", project) is not None
        and user_can(user, apps.get_model("projects", "BidScore"), "add"),
        "can_award_direct": project.status == S.PUBLISHED and direct and user_can(user, apps.get_model("projects", "BidScore"), "add"),
        "can_edit_agreement": project.status in (S.AWARDED,) and (
            user_can(user, Agreement, "add") if agreement is None else can(user, "change", agreement)
        ),
        "can_amend": agreement is not None and project.status in (S.CONTRACTED, S.IN_SERVICE, S.EVALUATING)
        and user_can(user, Amendment, "add"),
        "can_evaluate": project.status in (S.IN_SERVICE, S.EVALUATING) and user_can(user, Evaluation, "add")
        and (user.role != "evaluator" or project.evaluator_id == user.pk),
        "can_log_service": staff and project.status in (S.CONTRACTED, S.IN_SERVICE, S.EVALUATING)
        and user_can(user, activity_model, "add"),
        "can_assign": project.status in (S.AWARDED, S.AGENCY_SIGNED, S.CONTRACTED, S.IN_SERVICE)
        and can(user, "request_acceptance", project),
        "bid_deadline_passed": deadline is not None and deadline <= now,
    }
    return context


def _evidence(user, milestones, rectifications) -> list:
    """The agency's deliverables and evidence: files of the milestones and rectification items shown (already in
    the viewer's scope), newest first, each with what it belongs to. Two queries whatever the number of files."""
    from django.contrib.contenttypes.models import ContentType

    from wulian.models import Attachment

    owners = {}
    for model, rows in ((Milestone, milestones), (Rectification, rectifications)):
        content_type = ContentType.objects.get_for_model(model)
        for row in rows:
            owners[(content_type.pk, row.pk)] = row
    if not owners:
        return []
    ids = {}
    for (type_id, pk) in owners:
        ids.setdefault(type_id, []).append(pk)
    from django.db.models import Q

    q = Q()
    for type_id, pks in ids.items():
        q |= Q(owner_type_id=type_id, owner_id__in=pks)
    files = list(Attachment.objects.restrict(user).filter(q).select_related("uploaded_by").order_by("-pk")[:50])
    for attachment in files:
        attachment.belongs_to = owners.get((attachment.owner_type_id, attachment.owner_id))
    return files


def _tone(status):
    from .tables import STATUS_TONES

    return STATUS_TONES.get(status, "secondary")


def _targets_with_progress(project, user) -> list:
    """Each performance target with its attainment, counted from the activity log (``projects.progress``)."""
    from .progress import progress

    targets = list(PerformanceTarget.objects.restrict(user).filter(project=project).order_by("order", "pk"))
    rows = progress(project, targets)
    for row in rows:
        row.target.achieved = row.value
        row.target.share = row.bar
        row.target.percent = row.percent
        row.target.reached = row.reached
    return [row.target for row in rows]
