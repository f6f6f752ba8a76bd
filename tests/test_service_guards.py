"""Guards of time and result (issue 23 D): nothing of the service before the agreement's start date, acceptance
once the period has ended or the targets are reached (or with a recorded reason), an approval records an
opinion, steps with consequences ask for confirmation.

Before, a service record, a tranche declaration and the acceptance all went through before the agreement's
start, and targets at 2–10 % passed to acceptance silently."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from projects.choices import ProjectStatus
from projects.models import Agreement, Milestone, Project
from projects.service import record_service
from projects.testing import advance, attach, evaluate, make_project, people_of
from stations.models import Activity
from tests.stations_helpers import station_at
from wulian.workflow import perform
from wulian.writes import Refused, write

S = ProjectStatus


def in_service(cast):
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.IN_SERVICE, people_of(cast))
    return Project.objects.get(pk=project.pk)


def starts_in(project, days: int):
    start = timezone.localdate() + dt.timedelta(days=days)
    Agreement.objects.filter(project=project).update(start=start, end=start + dt.timedelta(days=364))
    return start


def test_no_service_record_before_the_agreement_starts(cast):
    project = in_service(cast)
    start = starts_in(project, 10)
    room = station_at(cast.binhe)

    def record(day):
        return write(cast.user_agency, "add", lambda: record_service(
            Activity(station=room, kind="group", title="成长小组", date=day, participants=12), project))

    with pytest.raises(Refused) as refused:
        record(start - dt.timedelta(days=1))
    assert refused.value.message == f"项目协议自{start.year}年{start.month}月{start.day}日起履行，服务记录的日期不能早于此日。"
    assert not Activity.objects.filter(title="成长小组").exists()


def test_no_tranche_declaration_before_the_agreement_starts(cast):
    project = in_service(cast)
    start = starts_in(project, 5)
    milestone = Milestone.objects.filter(project=project).first()
    attach(milestone, cast.user_agency, "签到表.pdf")
    with pytest.raises(Refused) as refused:
        perform(cast.user_agency, Milestone, milestone.pk, "report")
    assert f"协议自{start.year}年{start.month}月{start.day}日起履行" in refused.value.message
    assert Milestone.objects.get(pk=milestone.pk).status == "scheduled"


def test_no_acceptance_before_the_agreement_starts(cast):
    project = in_service(cast)
    evaluate(project, cast.user_bureau)
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    starts_in(project, 3)
    with pytest.raises(Refused, match="验收不能早于此日"):
        perform(cast.user_bureau, Project, project.pk, "request_acceptance", reason="提前验收")
    assert Project.objects.get(pk=project.pk).status == S.IN_SERVICE


def test_an_early_acceptance_names_how_far_each_target_is_and_needs_a_reason(cast):
    project = in_service(cast)
    evaluate(project, cast.user_bureau)
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "request_acceptance")
    message = refused.value.message
    assert "开展成长小组 完成 0%" in message and "服务人次 完成 0%" in message and "提前验收的理由" in message
    assert Project.objects.get(pk=project.pk).status == S.IN_SERVICE
    perform(cast.user_bureau, Project, project.pk, "request_acceptance", reason="服务对象已全部结案，提前验收")
    assert Project.objects.get(pk=project.pk).status == S.EVALUATING


def test_after_the_service_period_acceptance_needs_no_reason(cast):
    project = in_service(cast)
    evaluate(project, cast.user_bureau)
    Project.objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    Agreement.objects.filter(project=project).update(
        start=timezone.localdate() - dt.timedelta(days=365), end=timezone.localdate() - dt.timedelta(days=1))
    perform(cast.user_bureau, Project, project.pk, "request_acceptance")
    assert Project.objects.get(pk=project.pk).status == S.EVALUATING


def test_an_approval_records_its_opinion(cast):
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.SUBMITTED, people_of(cast))
    with pytest.raises(Refused, match="审批意见|理由"):
        perform(cast.user_bureau, Project, project.pk, "approve")
    perform(cast.user_bureau, Project, project.pk, "approve", reason="需求清晰，预算合理，同意立项")
    review = Project.objects.get(pk=project.pk).reviews.order_by("-round").first()
    assert review.opinion == "需求清晰，预算合理，同意立项"


def test_steps_with_consequences_ask_for_confirmation(as_user, cast):
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.SUBMITTED, people_of(cast))
    page = as_user("bureau").get(project.get_absolute_url()).content.decode()
    assert 'for="reason-approve">审批意见</label>' in page
    approved = advance(project, S.APPROVED, people_of(cast))
    from projects.testing import make_notice

    make_notice(approved)
    page = as_user("bureau").get(approved.get_absolute_url()).content.decode()
    assert "确定发布项目公告？" in page and 'id="action-publish-submit"' in page
