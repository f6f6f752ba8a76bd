"""The project workflow: the six steps walked by the people who take them, and the transition table.

The table is tried exhaustively: every state × every transition × every role of the cast (and the staff of
a second agency). Each project is prepared so that the steps leading out of its state are possible; a step
is then taken by the roles written out below — by hand, not read from the code under test — and refused to
everyone else with nothing changed.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from projects.choices import EvaluationKind, ProjectStatus, ReviewDecision
from projects.models import Project
from projects.testing import (
    advance,
    agency_user,
    close_bidding,
    evaluate,
    make_agreement,
    make_bid,
    make_notice,
    make_project,
    people_of,
    score_bids,
    second_agency,
)
from wulian.models import StateChange
from wulian.workflow import perform, timeline
from wulian.writes import Refused

pytestmark = pytest.mark.django_db
S = ProjectStatus
CJK = re.compile(r"[\u4e00-\u9fff]")

USERS = ("bureau", "shoushan", "hengqu", "binhe", "agency", "agency2", "evaluator", "leader")

# transition → (states it leaves from, who takes it on a 首善街道 project awarded to the cast's agency)
TABLE = {
    "submit": ({S.DRAFT, S.RETURNED}, {"bureau", "shoushan"}),
    "return": ({S.SUBMITTED}, {"bureau"}),
    "approve": ({S.SUBMITTED}, {"bureau"}),
    "publish": ({S.APPROVED}, {"bureau"}),
    "award": ({S.PUBLISHED}, {"bureau"}),
    "agency_sign": ({S.AWARDED}, {"agency"}),
    "sign": ({S.AGENCY_SIGNED}, {"bureau"}),
    "start": ({S.CONTRACTED}, {"agency", "bureau"}),
    "request_acceptance": ({S.IN_SERVICE}, {"bureau"}),
    "accept": ({S.EVALUATING}, {"evaluator"}),
    # The project under evaluation below passes (85 points): failing it is refused to everyone (its guard);
    # test_a_failed_acceptance_returns_to_service covers the evaluator failing a 不合格 project.
    "fail": (set(), set()),
    "cancel": ({S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED, S.PUBLISHED, S.AWARDED}, {"bureau"}),
}
TARGET = {
    "submit": S.SUBMITTED, "return": S.RETURNED, "approve": S.APPROVED, "publish": S.PUBLISHED, "award": S.AWARDED,
    "agency_sign": S.AGENCY_SIGNED, "sign": S.CONTRACTED, "start": S.IN_SERVICE, "request_acceptance": S.EVALUATING,
    "accept": S.ACCEPTED, "fail": S.IN_SERVICE, "cancel": S.CANCELLED,
}


def test_the_table_names_every_transition_of_the_model():
    assert {t.name for t in Project.workflow.transitions} == set(TABLE)
    for transition in Project.workflow.transitions:
        assert transition.target == TARGET[transition.name]


@pytest.fixture
def users(cast):
    other = second_agency(cast.mei)
    return {**cast.users, "agency2": agency_user(other, "agency2")}


def ready_project(cast, state):
    """A 首善街道 project in ``state``, prepared so that the steps out of it are possible."""
    people = people_of(cast)
    project = make_project(cast.shoushan, proposer=cast.user_shoushan)
    if state == S.RETURNED:
        project = advance(project, S.SUBMITTED, people)
        perform(people.bureau, Project, project.pk, "return", reason="需求数据不完整")
    elif state == S.CANCELLED:
        perform(people.bureau, Project, project.pk, "cancel", reason="资金未落实")
    else:
        project = advance(project, state, people)
    project = Project.objects.get(pk=project.pk)
    if state == S.APPROVED:
        make_notice(project)
    elif state == S.PUBLISHED:
        make_bid(project, cast.agency, cast.user_agency)
        make_bid(project, second_agency(cast.mei), None, certified=3)
        close_bidding(project)
        score_bids(project, cast.user_bureau)
        Project.objects.filter(pk=project.pk).update(awarded_bid=project.bids.get(agency=cast.agency))
    elif state == S.AWARDED:
        make_agreement(project)
    elif state == S.IN_SERVICE:
        evaluate(project, cast.user_bureau)
        Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    elif state == S.EVALUATING:
        evaluate(project, cast.user_evaluator, kind=EvaluationKind.ACCEPTANCE)
    assert Project.objects.get(pk=project.pk).status == state
    return project


class Rollback(Exception):
    pass


def attempt(user, project, name):
    """Take the step and roll it back; return the state reached, or the refusal."""
    outcome = None
    try:
        with transaction.atomic():
            try:
                perform(user, Project, project.pk, name, reason="理由")
            except (Refused, PermissionDenied, Project.DoesNotExist) as exc:
                outcome = exc
                raise Rollback from None
            outcome = Project.objects.get(pk=project.pk).status
            raise Rollback
    except Rollback:
        pass
    return outcome


@pytest.mark.parametrize("state", list(S))
def test_every_transition_by_every_role_from_every_state(cast, users, state):
    project = ready_project(cast, state)
    before = Project.objects.values().get(pk=project.pk)
    changes = StateChange.objects.count()
    for name, (sources, who) in TABLE.items():
        for username in USERS:
            outcome = attempt(users[username], project, name)
            allowed = state in sources and username in who
            where = f"{state} / {name} / {username}"
            if allowed:
                assert outcome == TARGET[name], f"{where}: {outcome}"
            else:
                assert not isinstance(outcome, str), f"{where}: allowed, should be refused"
                if isinstance(outcome, Refused):
                    assert CJK.search(outcome.message), f"{where}: {outcome.message}"
            # nothing changed: the row, and the log
            assert Project.objects.values().get(pk=project.pk) == before, where
            assert StateChange.objects.count() == changes, where


def test_a_refusal_in_the_wrong_state_says_so_in_chinese(cast):
    project = make_project(cast.shoushan)
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "approve", reason="同意")
    assert "草稿" in refused.value.message and "审核通过" in refused.value.message


def test_a_project_travels_from_needs_to_acceptance(cast):
    people = people_of(cast)
    project = make_project(cast.shoushan, proposer=cast.user_shoushan)
    project = advance(project, S.ACCEPTED, people)
    assert project.status == S.ACCEPTED
    assert project.grade == "good"
    assert project.final_score == 85
    assert project.agency == cast.agency
    assert project.code.startswith(f"眉县-{project.year}-")
    steps = [row["change"].action for row in timeline(project)]
    assert steps == ["accept", "request_acceptance", "start", "sign", "agency_sign", "award", "publish", "approve",
                     "submit"]
    agreement = project.agreement
    assert agreement.agency_signer == cast.user_agency and agreement.bureau_signer == cast.user_bureau
    assert agreement.agency_signed_on and agreement.bureau_signed_on and agreement.published_at
    assert project.notice.published_at is not None


def test_a_returned_proposal_keeps_every_round_and_is_resubmitted(cast):
    project = make_project(cast.shoushan, proposer=cast.user_shoushan)
    perform(cast.user_shoushan, Project, project.pk, "submit")
    with pytest.raises(Refused):
        perform(cast.user_bureau, Project, project.pk, "return")  # a reason is required
    perform(cast.user_bureau, Project, project.pk, "return", reason="请补充需求调研数据")
    perform(cast.user_shoushan, Project, project.pk, "submit")
    perform(cast.user_bureau, Project, project.pk, "approve", reason="同意")
    reviews = list(project.reviews.order_by("round").values_list("round", "decision", "opinion", "reviewer"))
    assert reviews == [
        (1, ReviewDecision.RETURN, "请补充需求调研数据", cast.user_bureau.pk),
        (2, ReviewDecision.APPROVE, "同意", cast.user_bureau.pk),
    ]
    returned = StateChange.objects.get(object_id=project.pk, action="return")
    assert returned.reason == "请补充需求调研数据"


def test_a_community_proposal_is_submitted_by_its_town(cast):
    project = make_project(cast.binhe, proposer=cast.user_binhe)
    with pytest.raises(PermissionDenied):
        perform(cast.user_binhe, Project, project.pk, "submit")
    with pytest.raises(Project.DoesNotExist):
        perform(cast.user_hengqu, Project, project.pk, "submit")  # another town's: not found
    perform(cast.user_shoushan, Project, project.pk, "submit")
    assert Project.objects.get(pk=project.pk).status == S.SUBMITTED


def test_a_single_source_project_skips_bidding(cast):
    from projects.choices import ProcurementMethod

    people = people_of(cast)
    project = make_project(cast.shoushan)
    project = advance(project, S.AWARDED, people, method=ProcurementMethod.SINGLE_SOURCE)
    assert project.agency == cast.agency
    assert project.awarded_bid is None
    assert not project.bids.exists()
    assert project.award_reason == "综合评分第一"


def test_a_failed_acceptance_returns_to_service_and_marks_the_agency(cast):
    from projects.models import AgencyMark

    people = people_of(cast)
    project = advance(make_project(cast.shoushan), S.EVALUATING, people)
    evaluation = evaluate(project, cast.user_evaluator, kind=EvaluationKind.ACCEPTANCE, fraction=Decimal("0.5"))
    assert evaluation.grade == "fail"
    with pytest.raises(Refused) as refused:
        perform(cast.user_evaluator, Project, project.pk, "accept")
    assert "不合格" in refused.value.message
    with pytest.raises(Refused):
        perform(cast.user_evaluator, Project, project.pk, "fail")  # a reason is required
    perform(cast.user_evaluator, Project, project.pk, "fail", reason="服务台账缺失，目标完成不足一半")
    project.refresh_from_db()
    assert project.status == S.IN_SERVICE
    assert project.grade == "fail" and project.final_score == 50
    mark = AgencyMark.objects.get(project=project)
    assert mark.agency == cast.agency and mark.reason == "服务台账缺失，目标完成不足一半"


# -- the small workflows: milestones and rectification items ---------------------------------------------------

MILESTONE_TABLE = {
    "report": ({"scheduled", "not_met"}, {"agency"}),
    "confirm": ({"reported"}, {"bureau"}),
    "reject": ({"reported"}, {"bureau"}),
}
MILESTONE_TARGET = {"report": "reported", "confirm": "met", "reject": "not_met"}
RECTIFICATION_TABLE = {
    "answer": ({"open"}, {"agency"}),
    "close": ({"answered"}, {"bureau", "evaluator"}),
    "reopen": ({"answered", "closed"}, {"bureau", "evaluator"}),
    "waive": ({"open", "answered"}, {"bureau"}),
}
RECTIFICATION_TARGET = {"answer": "answered", "close": "closed", "reopen": "open", "waive": "waived"}


def attempt_on(model, user, pk, name):
    outcome = None
    try:
        with transaction.atomic():
            try:
                perform(user, model, pk, name, reason="理由")
            except (Refused, PermissionDenied, model.DoesNotExist) as exc:
                outcome = exc
                raise Rollback from None
            outcome = model.objects.get(pk=pk).status
            raise Rollback
    except Rollback:
        pass
    return outcome


def exhaust(model, row, table, targets, users):
    state = row.status
    before = model.objects.values().get(pk=row.pk)
    for name, (sources, who) in table.items():
        for username in USERS:
            outcome = attempt_on(model, users[username], row.pk, name)
            where = f"{model.__name__} {state} / {name} / {username}"
            if state in sources and username in who:
                assert outcome == targets[name], f"{where}: {outcome}"
            else:
                assert not isinstance(outcome, str), f"{where}: allowed, should be refused"
                if isinstance(outcome, Refused):
                    assert CJK.search(outcome.message), f"{where}: {outcome.message}"
            assert model.objects.values().get(pk=row.pk) == before, where


@pytest.fixture
def serving(cast):
    project = advance(make_project(cast.shoushan), S.IN_SERVICE, people_of(cast))
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    return Project.objects.get(pk=project.pk)


@pytest.mark.parametrize("state", ["scheduled", "reported", "met", "not_met"])
def test_every_milestone_transition_by_every_role(cast, users, serving, state):
    from projects.models import Milestone
    from projects.testing import attach

    milestone = Milestone.objects.filter(project=serving).first()
    attach(milestone, cast.user_agency)
    path = {"scheduled": [], "reported": ["report"], "met": ["report", "confirm"], "not_met": ["report", "reject"]}
    for name in path[state]:
        perform(users[next(iter(MILESTONE_TABLE[name][1]))], Milestone, milestone.pk, name, reason="理由")
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert milestone.status == state
    exhaust(Milestone, milestone, MILESTONE_TABLE, MILESTONE_TARGET, users)


@pytest.mark.parametrize("state", ["open", "answered", "closed", "waived"])
def test_every_rectification_transition_by_every_role(cast, users, serving, state):
    import datetime as dt

    from django.utils import timezone

    from projects.models import Rectification

    item = Rectification.objects.create(evaluation=evaluate(serving, cast.user_bureau), description="台账不全",
                                        deadline=timezone.localdate() + dt.timedelta(days=5))
    path = {"open": [], "answered": ["answer"], "closed": ["answer", "close"], "waived": ["waive"]}
    for name in path[state]:
        who = sorted(RECTIFICATION_TABLE[name][1])[0]
        perform(users[who], Rectification, item.pk, name, reason="理由")
    item = Rectification.objects.get(pk=item.pk)
    assert item.status == state
    exhaust(Rectification, item, RECTIFICATION_TABLE, RECTIFICATION_TARGET, users)


def test_each_step_tells_the_person_who_takes_the_next(cast, settings):
    from projects.models import Milestone
    from projects.testing import attach
    from wulian.models import Notification

    settings.LANGUAGE_CODE = "zh-hans"

    def titles(user):
        return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True))

    project = make_project(cast.shoushan, proposer=cast.user_shoushan, title="助老服务")
    perform(cast.user_shoushan, Project, project.pk, "submit")
    assert titles(cast.user_bureau) == ["待审核：助老服务"]
    assert titles(cast.user_hengqu) == [] and titles(cast.user_leader) == []
    perform(cast.user_bureau, Project, project.pk, "return", reason="请补充需求")
    assert titles(cast.user_shoushan) == ["已退回：助老服务"]
    project = advance(project, S.IN_SERVICE, people_of(cast))
    milestone = Milestone.objects.filter(project=project).first()
    attach(milestone, cast.user_agency)
    perform(cast.user_agency, Milestone, milestone.pk, "report")
    assert "付款节点待确认：助老服务" in titles(cast.user_bureau)
    advance(project, S.EVALUATING, people_of(cast))
    assert titles(cast.user_evaluator) == ["待评估验收：助老服务"]
