"""A notification at every hand-off (issue 23 E): a return reaches the submitting town as well as the proposer,
a new rectification item the agency, its answer the evaluator."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from projects.choices import ProjectStatus
from projects.models import Rectification
from projects.testing import advance, evaluate, make_project, people_of
from wulian.models import Notification
from wulian.workflow import perform

S = ProjectStatus


def titles(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_a_return_reaches_the_proposer_and_the_submitting_town(cast):
    project = make_project(cast.binhe, proposer=cast.user_binhe)
    perform(cast.user_shoushan, type(project), project.pk, "submit")
    perform(cast.user_bureau, type(project), project.pk, "return", reason="预算测算依据不足")
    assert f"已退回：{project.title}" in titles(cast.user_binhe)
    assert f"已退回：{project.title}" in titles(cast.user_shoushan)
    assert not any("已退回" in t for t in titles(cast.user_hengqu))


def test_a_rectification_item_reaches_the_agency_and_its_answer_the_evaluator(cast):
    project = advance(make_project(cast.shoushan), S.IN_SERVICE, people_of(cast))
    supervision = evaluate(project, cast.user_evaluator)
    type(project).objects.filter(pk=project.pk).update(evaluator=cast.user_evaluator)
    item = Rectification.objects.create(evaluation=supervision, description="个案档案不完整",
                                        deadline=timezone.localdate() + dt.timedelta(days=10))
    assert f"新的整改事项：{project.title}" in titles(cast.user_agency)
    body = Notification.objects.get(recipient=cast.user_agency, title__startswith="新的整改事项").body
    assert "个案档案不完整" in body and "整改期限" in body
    perform(cast.user_agency, Rectification, item.pk, "answer", reason="已补齐12份个案档案")
    assert f"整改已答复：{project.title}" in titles(cast.user_evaluator)


def test_a_community_worker_reaches_its_projects_from_the_menu(as_user):
    from django.urls import reverse

    page = as_user("binhe").get(reverse("home")).content.decode()
    menu = page[page.find('id="mainNav"'):]
    assert f'href="{reverse("projects:project_list")}"' in menu
