"""The edit pages of a project's steps are declarations on the generic edit view (form + inline formsets, one
write), and every state change goes through a transition: the notice and the agreement can be corrected after
their first save, the bid score sheet is a form, the award moves each bid by its own transition, and a
transition's roles are named once."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from projects import testing as t
from projects.choices import BidStatus, ProjectStatus
from projects.models import Agreement, Bid, Milestone, Notice, Project
from wulian.checks import check_transitions
from wulian.models import StateChange
from wulian.models.base import ScopeRule
from wulian.workflow import Transition, Workflow

S = ProjectStatus
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def people(cast):
    return t.People(bureau=cast.user_bureau, town=cast.user_bureau, agency=cast.user_agency, evaluator=cast.user_evaluator)


def project_at(cast, state):
    return t.advance(t.make_project(cast.binhe), state, people(cast))


# -- issue 17 item 4: the notice and the agreement after their first save ----------------------------------------


def test_an_existing_notice_opens_for_editing_and_refuses_bad_criteria_unchanged(as_user, cast):
    project = project_at(cast, S.APPROVED)
    notice = t.make_notice(project)
    client = as_user("bureau")
    url = reverse("projects:notice_edit", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "个案服务、成长小组、社区活动" in html and f'href="{project.get_absolute_url()}"' in html
    criteria = list(notice.criteria.order_by("pk"))
    data = {
        "scope_of_service": "改过的服务范围", "budget_ceiling": "150000", "method": notice.method,
        "min_certified_workers": "1", "bid_deadline": timezone.localtime(notice.bid_deadline).strftime("%Y-%m-%dT%H:%M"),
        "criteria-TOTAL_FORMS": str(len(criteria)), "criteria-INITIAL_FORMS": str(len(criteria)),
    }
    for i, criterion in enumerate(criteria):
        data.update({f"criteria-{i}-id": criterion.pk, f"criteria-{i}-name": criterion.name,
                     f"criteria-{i}-weight": "10"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "评分标准权重合计为30，应为100。" in response.content.decode()
    notice.refresh_from_db()
    assert notice.scope_of_service == "个案服务、成长小组、社区活动"
    assert sorted(c.weight for c in notice.criteria.all()) == [Decimal("10"), Decimal("30"), Decimal("60")]


def test_an_existing_agreement_opens_for_editing_and_refuses_milestones_off_the_amount_unchanged(as_user, cast):
    project = project_at(cast, S.AWARDED)
    agreement = t.make_agreement(project)
    client = as_user("bureau")
    url = reverse("projects:agreement_edit", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert agreement.number in page.content.decode()
    targets = list(project.targets.order_by("pk"))
    milestones = list(Milestone.objects.filter(project=project).order_by("pk"))
    data = {
        "number": agreement.number, "amount": str(agreement.amount), "start": agreement.start.isoformat(),
        "end": agreement.end.isoformat(), "deliverables": "改过的交付物",
        "targets-TOTAL_FORMS": str(len(targets)), "targets-INITIAL_FORMS": str(len(targets)),
        "milestones-TOTAL_FORMS": str(len(milestones)), "milestones-INITIAL_FORMS": str(len(milestones)),
    }
    for i, target in enumerate(targets):
        data.update({f"targets-{i}-id": target.pk, f"targets-{i}-indicator": target.indicator, f"targets-{i}-unit": target.unit,
                     f"targets-{i}-target_value": str(target.target_value), f"targets-{i}-measure": target.measure})
    for i, milestone in enumerate(milestones):
        data.update({f"milestones-{i}-id": milestone.pk, f"milestones-{i}-name": milestone.name,
                     f"milestones-{i}-amount": "1000", f"milestones-{i}-due_on": milestone.due_on.isoformat(),
                     f"milestones-{i}-condition": milestone.condition})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "付款节点合计" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.deliverables == "服务台账、个案档案、中期与结项报告"
    assert sum(m.amount for m in Milestone.objects.filter(project=project)) == agreement.amount
    # Corrected, the same page saves.
    data["milestones-0-amount"] = str(milestones[0].amount)
    data["milestones-1-amount"] = str(milestones[1].amount)
    assert client.post(url, data).status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).deliverables == "改过的交付物"


# -- the score sheet is a form ----------------------------------------------------------------------------------


def test_the_score_sheet_refuses_what_is_not_a_score_and_saves_nothing(as_user, cast):
    project = project_at(cast, S.PUBLISHED)
    bid = t.make_bid(project, cast.agency)
    t.close_bidding(project)
    first, second, third = project.notice.criteria.order_by("pk")[:3]
    # A member of the panel scores on their own sheet (the bureau no longer scores alone: issue 23 C).
    member = t.form_panel(project.notice, cast.user_bureau).members.first()
    member.user = t.expert("expert1")
    member.save()
    client = as_user("bureau")
    client.force_login(member.user)
    url = reverse("projects:panel_score", args=[project.pk])
    response = client.post(url, {f"score-{bid.pk}-{first.pk}": "abc", f"score-{bid.pk}-{second.pk}": "NaN"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "服务方案：“abc”不是数字。" in html and "团队与资质：分数须在0到30之间。" in html
    assert not member.scores.exists()
    response = client.post(url, {f"score-{bid.pk}-{first.pk}": "55.5", f"score-{bid.pk}-{second.pk}": "20",
                                 f"score-{bid.pk}-{third.pk}": "8"})
    assert response.status_code == 302
    assert sorted(member.scores.values_list("score", flat=True)) == [Decimal("8"), Decimal("20"), Decimal("55.5")]


# -- the award moves each bid by its own transition -------------------------------------------------------------


def test_the_award_settles_every_bid_by_a_logged_transition(as_user, cast):
    project = project_at(cast, S.PUBLISHED)
    winner = t.make_bid(project, cast.agency)
    loser = t.make_bid(project, t.second_agency(cast.mei))
    t.close_bidding(project)
    t.score_bids(project, cast.user_bureau)
    response = as_user("bureau").post(reverse("projects:project_award", args=[project.pk]), {"bid": winner.pk, "reason": "评分第一"})
    assert response.status_code == 302
    changes = StateChange.objects.filter(content_type=ContentType.objects.get_for_model(Bid))
    assert {(c.object_id, c.action, c.from_state, c.to_state, c.user_id) for c in changes} == {
        (winner.pk, "award", BidStatus.SUBMITTED, BidStatus.AWARDED, cast.user_bureau.pk),
        (loser.pk, "not_award", BidStatus.SUBMITTED, BidStatus.NOT_AWARDED, cast.user_bureau.pk),
    }
    page = as_user("bureau").get(winner.get_absolute_url()).content.decode()
    assert "中标" in page  # the bid's timeline
    assert reverse("projects:bid_action", args=[loser.pk, "award"]) not in as_user("bureau").get(loser.get_absolute_url()).content.decode()


def test_nobody_takes_a_bid_transition_that_follows_the_award_on_its_own(as_user, cast):
    project = project_at(cast, S.PUBLISHED)
    bid = t.make_bid(project, cast.agency)
    t.close_bidding(project)
    for username in ("bureau", "agency"):
        as_user(username).post(reverse("projects:bid_action", args=[bid.pk, "award"]))
        assert as_user(username).post(f"/api/bids/{bid.pk}/actions/award/").status_code in (403, 404)
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.SUBMITTED


# -- a transition is named once ---------------------------------------------------------------------------------


def test_the_scope_rules_take_their_transition_actions_from_the_workflows():
    stateful = [m for m in apps.get_models() if getattr(m, "workflow", None) is not None]
    assert Project in stateful
    for model in stateful:
        declared = {t.name: t.roles for t in model.workflow.transitions if t.roles is not None}
        assert dict(model.scope_rule.actions) == declared, model
        assert check_transitions(model) == [], model
    assert Project.scope_rule.roles("award") == frozenset({"bureau_admin"})


def test_the_start_up_check_fails_when_the_rule_and_the_workflow_disagree():
    workflow = Workflow("status", Transition("approve", "批准", source=["a"], target="b", roles={"bureau_admin"}))
    rule = ScopeRule(view=frozenset(), add=frozenset(), change=frozenset(), delete=frozenset(),
                     actions={"approve": frozenset({"town_staff"}), "archive": frozenset({"bureau_admin"})},
                     where={"approve": None, "archive": None})
    model = SimpleNamespace(workflow=workflow, scope_rule=rule, _meta=SimpleNamespace(label="demo.Thing"))
    errors = check_transitions(model)
    assert {e.id for e in errors} == {"wulian.E108"}
    messages = " ".join(e.msg for e in errors)
    assert "'archive' is no transition" in messages and "transition 'approve' names roles" in messages


# -- no state changes outside the transitions -------------------------------------------------------------------

APP_DIRS = ("wulian", "projects", "stations", "organizations", "volunteers", "funding")
# Receivers of ``.update(status=…)`` that are no model with a workflow (written out with the reason).
NOT_STATEFUL = {("wulian/reports.py", "retry")}  # a report job's status is the pipeline's bookkeeping


def _receiver_root(node):
    while isinstance(node, ast.Call | ast.Attribute):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def state_updates(root=ROOT) -> list[str]:
    """``….update(<state field>=…)`` calls in the apps' code (migrations and the demo loader aside) whose
    receiver is not a model known to have no workflow."""
    stateful = {m.__name__ for m in apps.get_models() if getattr(m, "workflow", None) is not None}
    plain = {m.__name__ for m in apps.get_models()} - stateful
    fields = {m.workflow.field for m in apps.get_models() if getattr(m, "workflow", None) is not None} | {"state"}
    found = []
    for path in (p for d in APP_DIRS for p in (root / d).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/migrations/" in relative or path.name == "demo.py":
            continue
        tree = ast.parse(path.read_text())
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in ("update", "bulk_update")):
                    continue
                keys = {k.arg for k in call.keywords} | {getattr(a, "value", None) for a in ast.walk(call) if isinstance(a, ast.Constant)}
                receiver = _receiver_root(call.func.value)
                if not keys & fields or (isinstance(receiver, ast.Name) and receiver.id in plain):
                    continue
                if (relative, function.name) not in NOT_STATEFUL:
                    found.append(f"{relative}:{call.lineno} ({function.name})")
    return found


def test_no_state_changes_outside_the_transition_mechanism():
    assert state_updates() == []


def test_the_inspection_finds_a_state_update(tmp_path):
    """The inspection above can fail: the bids' old award (``queryset.update``) is found, a plain model is not."""
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "guards.py").write_text(
        "def award(project, chosen):\n"
        "    Bid.objects.filter(pk=chosen.pk).update(status='awarded')\n"
        "    project.bids.exclude(pk=chosen.pk).update(status='not_awarded')\n"
        "    Notice.objects.filter(project=project).update(published_at=None)\n"
        "    ReportJob.objects.filter(pk=1).update(status='failed')\n"
    )
    assert state_updates(tmp_path) == ["projects/guards.py:2 (award)", "projects/guards.py:3 (award)"]


def test_a_refusal_of_the_write_path_leaves_the_record_and_its_rows_unsaved(as_user, cast):
    """Form and formsets valid, the agreement's rule refuses (longer than a year): no agreement, no row."""
    project = project_at(cast, S.AWARDED)
    ceiling = project.notice.budget_ceiling
    today = timezone.localdate()
    data = {
        "number": "MX-9", "amount": str(ceiling), "start": today.isoformat(),
        "end": (today + dt.timedelta(days=400)).isoformat(), "deliverables": "台账",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0", "targets-0-indicator": "小组", "targets-0-unit": "次",
        "targets-0-target_value": "7", "targets-0-measure": "group_activities",
        "milestones-TOTAL_FORMS": "1", "milestones-INITIAL_FORMS": "0", "milestones-0-name": "全款",
        "milestones-0-amount": str(ceiling), "milestones-0-due_on": today.isoformat(), "milestones-0-condition": "验收后",
    }
    response = as_user("bureau").post(reverse("projects:agreement_edit", args=[project.pk]), data)
    assert response.status_code == 200
    assert "最长一年" in response.content.decode()
    assert not Agreement.objects.filter(project=project).exists()
    assert not project.targets.exists() and not Milestone.objects.filter(project=project).exists()


def test_can_add_reads_the_child_rule_on_its_parent(cast):
    """What the project page offers: the notice may be written while the project is approved, by the bureau only;
    a bid may be added while bids are open, by an agency only."""
    from wulian.models.base import can_add

    project = project_at(cast, S.APPROVED)
    assert can_add(cast.user_bureau, Notice, project, "project")
    assert not can_add(cast.user_shoushan, Notice, project, "project")
    t.make_notice(project)
    project = t.advance(project, S.PUBLISHED, people(cast))
    assert not can_add(cast.user_bureau, Notice, project, "project")  # published: the notice is settled
    assert can_add(cast.user_agency, Bid, project, "project") and not can_add(cast.user_bureau, Bid, project, "project")
    t.close_bidding(project)
    assert not can_add(cast.user_agency, Bid, project, "project")  # the deadline passed
