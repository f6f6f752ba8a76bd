"""What the project page shows: the step indicator, each step's records as far as the viewer may see them, and
the buttons of the steps the viewer may take now. Every list here goes through ``restrict``."""

from __future__ import annotations

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import Activity  # projects stand above stations: the service log is imported
from wulian.models import Attachment
from wulian.models.base import can, can_add, user_can

from .choices import DIRECT_METHODS, SERVING_STATES, ProjectStatus
from .models import (
    Agreement,
    Amendment,
    Bid,
    BidScore,
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
# The bureau names the evaluator and the supervision date from the award until acceptance is requested.
ASSIGNABLE = (S.AWARDED, S.AGENCY_SIGNED, S.CONTRACTED, S.IN_SERVICE)


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


def project_page_context(user, project, offered) -> dict:
    """The project page: each step's records as far as ``user`` may see them, and what the user may do now —
    the transitions ``offered`` (the workflow and ``can``) and the rows the scope rules let them add or change."""
    records = step_records(user, project)
    return {
        **records,
        **offers(user, project, records, {t.name for t in offered}),
        "steps": steps(project, supervised=any(e.kind == "midterm" for e in records["evaluations"])),
        "status_tone": _tone(project.status),
        "evidence_documents": _evidence(user, records["milestones"], records["rectifications"]),
        "milestone_total": sum((m.amount for m in records["milestones"]), start=0),
        "overdue_count": sum(1 for r in records["rectifications"] if r.overdue),
    }


def step_records(user, project) -> dict:
    """The records of every step, each through ``restrict``."""
    mine = partial(_rows_of_project, user, project)
    notice = mine(Notice).first()
    return {
        "reviews": mine(Review).select_related("reviewer").order_by("-round", "-pk"),
        "surveys": mine(NeedsSurvey).order_by("-date", "-pk"), "needs": mine(Need).order_by("pk"),
        "notice": notice, "criteria": notice.criteria.order_by("pk") if notice else [],
        "bids": list(mine(Bid).select_related("agency").prefetch_related("members").order_by("price", "pk")),
        **_agreement(user, mine(Agreement).prefetch_related("stations").first()),
        **_panel(user, notice),
        "targets": targets_with_progress(project, user), "activities": _activities(user, project),
        **_evaluations(user, project), "milestones": _milestones(user, project),
    }


def _panel(user, notice) -> dict:
    """The panel that scores the bids, every member named (as far as the user may see it)."""
    from .guards import panel_rule
    from .models import PanelMember

    if notice is None:
        return {"panel_members": [], "panel_name": ""}
    members = list(PanelMember.objects.restrict(user).filter(panel__notice=notice).order_by("-is_chair", "pk"))
    rule = panel_rule(notice)
    return {"panel_members": members, "panel_name": rule.name if rule else ""}


def _rows_of_project(user, project, model):
    return model.objects.restrict(user).filter(project=project)


def _agreement(user, agreement) -> dict:
    amendments = Amendment.objects.restrict(user).filter(agreement=agreement).order_by("-date", "-pk") if agreement else []
    return {"agreement": agreement, "amendments": amendments}


def _evaluations(user, project) -> dict:
    evaluations = list(Evaluation.objects.restrict(user).filter(project=project).select_related("sheet").order_by("-date", "-pk"))
    items = Rectification.objects.restrict(user).filter(evaluation__project=project).select_related("evaluation")
    rectifications = list(items.order_by("deadline", "pk"))
    for item in rectifications:
        item.overdue = is_overdue(item)
    for evaluation in evaluations:
        evaluation.items = [item for item in rectifications if item.evaluation_id == evaluation.pk]
    return {"evaluations": evaluations, "rectifications": rectifications}


def _milestones(user, project) -> list:
    """The milestones, each with the buttons of its transitions (reporting has a form of its own: evidence)."""
    milestones = list(Milestone.objects.restrict(user).filter(project=project).order_by("due_on", "pk"))
    for milestone in milestones:
        offered = Milestone.workflow.offered(milestone, user)
        milestone.actions = [(t, reverse(Milestone.url_name("action"), args=[milestone.pk, t.name])) for t in offered if t.name != "report"]
        milestone.can_report = any(t.name == "report" for t in offered)
    return milestones


def _activities(user, project):
    if not user_can(user, Activity, "view"):
        return []
    return Activity.objects.restrict(user).filter(service_record__project=project).select_related("station").order_by("-date", "-pk")[:20]


def offers(user, project, records, offered: set[str]) -> dict:
    """What the page offers: the project's transitions ``offered``, and the rows the scope rules let the user add
    to this project or change in its current step (``can``, ``can_add``); times the rules cannot know (the bid
    deadline) are read from the notice."""
    notice, deadline = records["notice"], getattr(records["notice"], "bid_deadline", None)
    direct = notice is not None and notice.method in DIRECT_METHODS
    return {
        **_writes(user, project, notice, records["agreement"]),
        "direct_award": direct, "bid_deadline_passed": deadline is not None and deadline <= timezone.now(),
        "own_bid": next((b for b in records["bids"] if user.agency_id and b.agency_id == user.agency_id), None),
        "can_bid": bool(user.agency_id) and not direct and can_add(user, Bid, project, "project"),
        "can_score": notice is not None and not direct and can_add(user, BidScore, project, "bid__project"),
        "can_award_direct": direct and "award" in offered,
        "can_assign": project.status in ASSIGNABLE and can(user, "request_acceptance", project),
    }


def _writes(user, project, notice, agreement) -> dict:
    return {
        "can_edit_notice": can(user, "change", notice) if notice else can_add(user, Notice, project, "project"),
        "can_edit_agreement": can(user, "change", agreement) if agreement else can_add(user, Agreement, project, "project"),
        "can_amend": agreement is not None and can_add(user, Amendment, project, "agreement__project"),
        "can_evaluate": can_add(user, Evaluation, project, "project"),
        "can_log_service": bool(user.agency_id) and project.status in SERVING_STATES and user_can(user, Activity, "add"),
    }


def _evidence(user, milestones, rectifications) -> list:
    """The agency's deliverables and evidence: files of the milestones and rectification items shown (already in
    the viewer's scope), newest first, each with what it belongs to. Two queries whatever the number of files."""
    owners = {(ContentType.objects.get_for_model(row).pk, row.pk): row for row in [*milestones, *rectifications]}
    if not owners:
        return []
    q = Q()
    for type_id in {type_id for type_id, _pk in owners}:
        q |= Q(owner_type_id=type_id, owner_id__in=[pk for t, pk in owners if t == type_id])
    files = list(Attachment.objects.restrict(user).filter(q).select_related("uploaded_by").order_by("-pk")[:50])
    for attachment in files:
        attachment.belongs_to = owners.get((attachment.owner_type_id, attachment.owner_id))
    return files


def _tone(status):
    from .tables import STATUS_TONES

    return STATUS_TONES.get(status, "secondary")


def targets_with_progress(project, user) -> list:
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
